"""whoosh's internals stay in one module (index.whoosh_internals), which refuses any other whoosh version."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import tomllib
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

from search_index.errors import UnsupportedWhoosh
from search_index.index import whoosh_internals

REPO = Path(__file__).resolve().parents[3]
PACKAGE = REPO / "search_index"
# What search_index may use of whoosh outside whoosh_internals: its public, documented modules.
PUBLIC_MODULES = {
    "whoosh.analysis",
    "whoosh.columns",
    "whoosh.fields",
    "whoosh.index",
    "whoosh.query",
    "whoosh.scoring",
}


def _python_files(root: Path) -> Iterator[Path]:
    """Yield the Python files under `root`, skipping hidden folders, caches and build output."""
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".") and name not in {"__pycache__", "site", "build"}
        ]
        yield from (Path(folder) / name for name in names if name.endswith(".py"))


def _whoosh_imports(path: Path) -> set[str]:
    """Return the whoosh modules a file imports (`from whoosh import x` counts as whoosh.x)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "whoosh")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "whoosh":
            found.update(
                f"{node.module}.{alias.name}" if node.module == "whoosh" else node.module
                for alias in node.names
            )
    return found


def _load_fresh_copy() -> None:
    """Execute whoosh_internals' source as a new module (as its first import would)."""
    spec = importlib.util.spec_from_file_location("whoosh_internals_copy", whoosh_internals.__file__)
    assert spec is not None and spec.loader is not None
    spec.loader.exec_module(importlib.util.module_from_spec(spec))


def test_the_installed_whoosh_is_the_pinned_one() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [re.fullmatch(r"whoosh-reloaded==(\S+)", item) for item in pyproject["project"]["dependencies"]]
    assert [pin.group(1) for pin in pins if pin] == [whoosh_internals.PINNED_WHOOSH]
    assert whoosh_internals.installed_whoosh() == whoosh_internals.PINNED_WHOOSH
    _load_fresh_copy()


def test_another_whoosh_version_is_refused_on_import(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metadata, "version", lambda name: "2.7.6" if name == "whoosh-reloaded" else "0")
    with pytest.raises(
        UnsupportedWhoosh, match=r"whoosh-reloaded 2\.7\.5 .* but 2\.7\.6 is installed"
    ) as caught:
        _load_fresh_copy()
    message = str(caught.value)
    assert "whoosh-reloaded==2.7.5" in message
    assert "re-verify whoosh_internals_copy against 2.7.6" in message
    assert "matcher order" in message
    assert (caught.value.installed, caught.value.pinned) == ("2.7.6", "2.7.5")


def test_a_missing_whoosh_reloaded_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    with pytest.raises(UnsupportedWhoosh, match="but no version is installed"):
        whoosh_internals.check_whoosh_version()


def test_only_search_index_imports_whoosh() -> None:
    # The tests of search_index may: whoosh's own search is their reference.
    outside = [
        path
        for path in _python_files(REPO)
        if not path.is_relative_to(PACKAGE)
        and not path.is_relative_to(REPO / "tests" / "search_index")
        and _whoosh_imports(path)
    ]
    assert outside == []


def test_only_whoosh_internals_imports_whooshs_private_modules() -> None:
    private = {
        path.relative_to(REPO).as_posix(): sorted(_whoosh_imports(path) - PUBLIC_MODULES - {"whoosh"})
        for path in _python_files(PACKAGE)
        if Path(path) != Path(whoosh_internals.__file__)
    }
    assert {name: modules for name, modules in private.items() if modules} == {}
    assert _whoosh_imports(Path(whoosh_internals.__file__)) - PUBLIC_MODULES
