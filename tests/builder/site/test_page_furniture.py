"""The header and footer data each language build gets: owner, dates, versions, 404 strings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from builder.site.mkdocs import LanguageBuild, SiteError, SiteOwner, shown_date, site_owner, write_tree

LANGUAGES = (("en", "English"), ("hi", "हिन्दी"), ("ta", "தமிழ்"), ("ur", "اردو"))


def root_config(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: X\nsite_url: https://x.example/\nextra:\n{extra}", encoding="utf-8")
    return path


def test_owner_name_per_language_with_english_standing_in(tmp_path: Path) -> None:
    owner = site_owner(
        root_config(tmp_path, "  owner:\n    name: {en: Dept, hi: विभाग}\n    email: a@b.in\n")
    )
    assert (owner.name("hi"), owner.name("ta"), owner.email, owner.phone) == ("विभाग", "Dept", "a@b.in", "")
    assert site_owner(root_config(tmp_path, "  owner:\n    name: One name\n")).name("ur") == "One name"
    assert site_owner(root_config(tmp_path, "  generator: false\n")) == SiteOwner()


def test_a_malformed_owner_is_a_site_error(tmp_path: Path) -> None:
    with pytest.raises(SiteError, match=r"extra\.owner"):
        site_owner(root_config(tmp_path, "  owner: [a, b]\n"))


def test_dates_are_written_as_readers_of_the_language_write_them() -> None:
    assert shown_date("2025-03-01", "en") == "1 March 2025"
    assert shown_date("2025-03-01", "hi") == "1 मार्च 2025"


def generated(tmp_path: Path, lang: str, pages: dict[str, str]) -> tuple[dict[str, Any], Path]:
    """The generated mkdocs.yml (JSON) and docs folder of a one-language build."""
    job = LanguageBuild(
        lang, tmp_path / "mkdocs.yml", tmp_path / lang, pages, {}, ("index.md",), LANGUAGES,
        "https://x.example/", "X",
        ui_strings={"last_updated": "LU", "owner_line": "Run by {owner}", "accessibility": "A11y",
                    "permalink": "PL", "choose_language": "CL"},
        owner=SiteOwner({"en": "Dept", "hi": "विभाग"}, "a@b.in"),
        source_date="2023-11-14", page_dates={"cases/c/index.md": "2025-03-01"},
    )  # fmt: skip
    config = write_tree(job, tmp_path / "site", rtl=False)
    return json.loads(config.read_text(encoding="utf-8").split("\n", 1)[1]), tmp_path / lang / "docs"


def test_footer_and_header_data(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n", "accessibility.md": "---\ntitle: A\n---\n\n# A\n"}
    config, _ = generated(tmp_path, "ta", pages)
    agk = config["extra"]["agk"]
    assert agk["footer"]["owner"] == "Run by Dept"
    assert agk["footer"]["updated"] == ["2023-11-14", shown_date("2023-11-14", "ta")]
    assert agk["footer"]["links"] == [{"path": "accessibility.html", "title": "A11y"}]
    # Hindi first, then English, on a page in neither; only the other one on Hindi pages.
    assert [v["lang"] for v in agk["versions"]] == ["hi", "en"]
    assert [v["dir"] for v in agk["languages"]] == ["ltr", "ltr", "ltr", "rtl"]
    assert agk["permalink_title"] == "PL"
    assert "/reference/" in config["not_in_nav"]


def test_every_page_carries_its_last_updated_date(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n", "cases/c/index.md": "---\ntitle: C\n---\n\nBody\n"}
    _, docs = generated(tmp_path, "hi", pages)
    home = (docs / "index.md").read_text(encoding="utf-8")
    case = (docs / "cases/c/index.md").read_text(encoding="utf-8")
    assert home.startswith('---\nagk_updated: ["2023-11-14", "14 नवंबर 2023"]\n---\n\n# Home\n')
    assert case.startswith('---\nagk_updated: ["2025-03-01", "1 मार्च 2025"]\ntitle: C\n---\n')
