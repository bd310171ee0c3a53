"""Set up the environment, then build the sample site or run the whole test suite.

    python3 dev.py site    create .venv, install, build the sample site into site/
    python3 dev.py test    create .venv if needed, install, run lint, types and tests

Only the Python standard library is used here: this runs on a machine with nothing but
Python >= 3.11.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".agk-installed"
INSTALL_INPUTS = ("pyproject.toml", "constraints.txt")


def run(*command: str | Path) -> None:
    """Run a command from the repository root; stop with its exit code if it fails."""
    print("+", " ".join(str(part) for part in command), flush=True)
    completed = subprocess.run([str(part) for part in command], cwd=ROOT, check=False)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def install_fingerprint() -> str:
    """Hash of the files that decide what is installed."""
    digest = hashlib.sha256()
    for name in INSTALL_INPUTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    """Create .venv and install the project with its test tools, unless already current."""
    # Runs under whatever python3 the reader has, so the check is not dead code.
    if sys.version_info < (3, 11):  # noqa: UP036
        sys.exit("Python 3.11 or newer is needed (this is {}.{}).".format(*sys.version_info))
    wanted = install_fingerprint()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print(f"Creating {VENV.relative_to(ROOT)} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = (BIN / "python", "-m", "pip", "--disable-pip-version-check")
    run(*pip, "install", "--quiet", "-c", "constraints.txt", "-e", ".[test]")
    STAMP.write_text(wanted)


def build_site() -> None:
    """Build the sample site and say how to open it."""
    run(BIN / "agk", "build")
    index = ROOT / "site" / "index.html"
    print(f"\nThe site is in site/. Open {index.as_uri()} in a browser,")
    agk = BIN.relative_to(ROOT) / "agk"
    print(f"or preview it, rebuilt on every change, at http://127.0.0.1:8000/: {agk} serve")


def run_tests(extra: list[str]) -> None:
    """Lint, type-check and run the whole test suite."""
    run(BIN / "ruff", "check", ".")
    run(BIN / "ruff", "format", "--check", ".")
    run(BIN / "mypy")
    run(BIN / "python", "-m", "pytest", "-n", "auto", *extra)


def main(argv: list[str]) -> None:
    """Dispatch `site` or `test`."""
    if not argv or argv[0] not in ("site", "test"):
        sys.exit(__doc__)
    ensure_environment()
    if argv[0] == "site":
        build_site()
    else:
        run_tests(argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
