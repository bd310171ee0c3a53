"""engine.js in Node: scripts run against an exported browser index without a browser.

Tests that need it use `node_binary()`. Without `node` they are skipped on a developer machine
and fail under CI=true (CI must never skip for lack of a tool; .ci/run installs Debian's nodejs).
AGK_NODE names another Node binary.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

RUNNER = Path(__file__).with_name("node_engine.js")


def node_binary() -> str:
    """Return the node executable; skip (or fail under CI) when there is none."""
    found = os.environ.get("AGK_NODE") or shutil.which("node")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("CI needs node for the analysis parity tests (apt-get install nodejs)")
    pytest.skip("no node on this machine: the analysis parity tests need Node.js")


def evaluate(node: str, folder: Path, script: str, argument: Any = None) -> Any:
    """Return what `script`, an async function (engine, input), resolves to for the index in `folder`."""
    request = json.dumps({"folder": str(folder), "script": script, "input": argument}, ensure_ascii=False)
    completed = subprocess.run(
        [node, str(RUNNER)], input=request.encode("utf-8"), capture_output=True, check=False
    )
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    return json.loads(completed.stdout.decode("utf-8"))
