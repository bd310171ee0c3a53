"""Where things are in a checkout: the project root and its fixed top-level folders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """The repository's fixed top-level layout (README, Layout), anchored at `root`."""

    root: Path

    @property
    def case_dir(self) -> Path:
        return self.root / "case_studies"

    @property
    def taxonomy_dir(self) -> Path:
        return self.case_dir / "_taxonomies"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def display(self, path: Path) -> str:
        """Path as shown in diagnostics: relative to the root, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def find_project(start: Path) -> Project | None:
    """The nearest folder at or above `start` holding `case_studies/` and `mkdocs.yml`."""
    start = start.absolute()
    for folder in (start, *start.parents):
        if (folder / "case_studies").is_dir() and (folder / "mkdocs.yml").is_file():
            return Project(folder)
    return None
