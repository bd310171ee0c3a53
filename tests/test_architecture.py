"""The layering ARCHITECTURE.md describes, checked on the imports of every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

# builder's packages and top-level modules, lowest first: each may import only from its own
# layer or a lower one (the pipeline's data flows upwards through this list).
LAYERS = (
    ("project", "errors", "progress"),
    ("diagnostics",),
    ("source",),
    ("markdown", "model", "braille"),
    ("validate",),
    ("render",),
    ("office",),
    ("site",),
    ("build",),
    ("publish",),
    ("cli",),
    ("__main__",),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
RENDERERS = ("mkdocs", "material")


def _modules(package: str) -> list[Path]:
    return sorted(path for path in (REPO / package).rglob("*.py") if "__pycache__" not in path.parts)


def _imports(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(module, imported names) of every import statement in the file."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, tuple(alias.name for alias in node.names)))
    return found


def _part(path: Path) -> str:
    """The builder package (or top-level module) a file belongs to."""
    relative = path.relative_to(REPO / "builder").parts
    return relative[0] if len(relative) > 1 else path.stem


def test_every_builder_part_has_a_layer() -> None:
    parts = {_part(path) for path in _modules("builder")} - {"__init__"}
    assert parts <= set(RANK), f"add {sorted(parts - set(RANK))} to LAYERS and to ARCHITECTURE.md"


@pytest.mark.parametrize("path", _modules("builder"), ids=lambda p: p.relative_to(REPO).as_posix())
def test_builder_imports_only_its_own_layer_or_lower(path: Path) -> None:
    part = _part(path)
    if part == "__init__":
        return
    for module, names in _imports(path):
        if module == "builder":
            targets = list(names)
        elif module.startswith("builder."):
            targets = [module.split(".")[1]]
        else:
            continue
        for target in targets:
            assert RANK[target] <= RANK[part], f"{part} (layer {RANK[part]}) imports {module} ({target})"


@pytest.mark.parametrize("package", ["builder", "search_index"])
def test_only_the_site_stage_reaches_mkdocs(package: str) -> None:
    # whoosh's fence is checked by tests/search_index/index/test_whoosh_internals.py.
    for path in _modules(package):
        rel = path.relative_to(REPO).as_posix()
        for module, _ in _imports(path):
            if module.split(".")[0] in RENDERERS:
                assert rel.startswith("builder/site/"), f"{rel} imports {module}"


def test_search_index_knows_nothing_of_builder() -> None:
    for path in _modules("search_index"):
        for module, _ in _imports(path):
            assert module.split(".")[0] != "builder", f"{path.relative_to(REPO)} imports {module}"
