"""Media file names: refused when not portable or not URL-safe; percent-encoded in pages when fine."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from builder.cli.main import main as agk_main
from builder.project import Project
from builder.render.pages.common import media_url
from builder.validate.checks import media
from tests.builder.cli_runner import agk
from tests.builder.validate.test_diagnostic_fixtures import tiny_png
from tests.conftest import FIXTURES, new_project

ENV = {"SOURCE_DATE_EPOCH": "1700000000"}
CASE = "up-valid-lesson"
# Each hostile name with words its AGK013 message must contain.
HOSTILE = {
    "a#b.png": "'#' starts a fragment in web addresses",
    "q?.png": "'?' starts a query in web addresses",
    "100%.png": "'%' starts an escape in web addresses",
    "con.png": "'con.png' is a Windows device name",
    "AUX.pdf": "'AUX.pdf' is a Windows device name",
    "com1.jpg": "'com1.jpg' is a Windows device name",
    "name.": "ends in a dot or space",
    "nul": "'nul' is a Windows device name",
    "x\u202egnp.png": "bidirectional control character",
}
FINE = ("पानी-1.png", "a b.png", "a&b.pdf", "sub/chart_2.v1.png")


def _content(name: str) -> bytes:
    """Bytes matching the name's type, so that only the name is wrong."""
    if name.endswith(".pdf"):
        return b"%PDF-1.4\n%%EOF\n"
    if name.endswith(".jpg"):
        return b"\xff\xd8\xff\xe0"
    return tiny_png()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The valid corpus with one file of every hostile name in a case's media/."""
    project = new_project(tmp_path_factory.mktemp("hostile") / "repo", FIXTURES / "valid" / "case_studies")
    for name in HOSTILE:
        (project.case_dir / CASE / "media" / name).write_bytes(_content(name))
    return project


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_have_reasons(name: str) -> None:
    assert HOSTILE[name] in "; ".join(media.name_reasons(f"media/{name}"))


@pytest.mark.parametrize("name", FINE)
def test_unusual_but_portable_names_pass(name: str) -> None:
    assert media.name_reasons(f"media/{name}") == []


def test_validate_reports_each_hostile_file_once(hostile: Project) -> None:
    run = agk("validate", "--format", "json", cwd=hostile.root)
    assert run.code == 1, run.err
    found = [d for d in json.loads(run.out)["diagnostics"] if d["code"] == "AGK013"]
    by_path = {d["path"]: d for d in found}
    expected = {f"case_studies/{CASE}/media/{name}": reason for name, reason in HOSTILE.items()}
    assert len(found) == len(by_path) == len(expected)
    assert set(by_path) == set(expected)
    for path, reason in expected.items():
        assert (by_path[path]["line"], by_path[path]["col"]) == (1, 1)
        assert by_path[path]["severity"] == "error"
        assert reason in by_path[path]["message"], by_path[path]


def test_bundle_and_build_stop_at_validation(hostile: Project) -> None:
    target = hostile.root.parent / "hostile.zip"
    bundle = agk("bundle", "--lang", "en", "-o", str(target), cwd=hostile.root, env=ENV)
    assert bundle.code == 1, bundle.err
    assert f"case_studies/{CASE}/media/con.png:1:1: error AGK013" in bundle.out + bundle.err
    assert not target.exists()
    build = agk("build", "--lang", "en", cwd=hostile.root, env=ENV)
    assert build.code == 1, build.err
    assert "AGK013" in build.out + build.err


def test_bundle_refuses_names_validation_missed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # An older or buggy validator lets a name through: the zip rules stop it with exit 1, not 3.
    project = new_project(tmp_path / "repo", FIXTURES / "valid" / "case_studies")
    (project.case_dir / CASE / "media" / "con.png").write_bytes(tiny_png())
    monkeypatch.setattr(media, "name_reasons", lambda rel: [])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ENV["SOURCE_DATE_EPOCH"])
    target = tmp_path / "missed.zip"
    argv = ["--root", str(project.root), "bundle", "--lang", "hi,en", "--state", "UP", "-o", str(target)]
    code = agk_main(argv)
    err = capsys.readouterr().err
    assert code == 1, err
    # Once, though the file is in both languages' sites.
    refused = f"error: case {CASE}, file 'media/con.png': segment 'con.png' is a Windows device name\n"
    assert err.count(refused) == 1, err
    assert "no bundle written: 1 file name(s)" in err
    assert "internal error" not in err
    assert not target.exists()


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("media/a b.png", "media/a%20b.png"),
        ("media/a&b.pdf", "media/a%26b.pdf"),
        ("media/a#b?c%d.png", "media/a%23b%3Fc%25d.png"),
        ("media/sub/पानी.png", "media/sub/%E0%A4%AA%E0%A4%BE%E0%A4%A8%E0%A5%80.png"),
    ],
)
def test_media_url_quotes_each_segment(path: str, url: str) -> None:
    assert media_url(path) == url


class _Links(HTMLParser):
    """Every img src and a href of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "img" and values.get("src"):
            self.images.append(str(values["src"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))


@pytest.fixture(scope="module")
def fine_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English site of the valid corpus whose media have unusual but portable names."""
    project = new_project(tmp_path_factory.mktemp("fine") / "repo", FIXTURES / "valid" / "case_studies")
    folder = project.case_dir / CASE
    shutil.move(folder / "media" / "cover.png", folder / "media" / "पानी-1.png")
    shutil.move(folder / "media" / "brief.pdf", folder / "media" / "a&b.pdf")
    (folder / "media" / "a b.png").write_bytes(tiny_png())
    for name in ("case.yaml", "en.md", "hi.md"):
        text = (folder / name).read_text(encoding="utf-8")
        text = text.replace("media/cover.png", "media/पानी-1.png").replace("media/brief.pdf", "media/a&b.pdf")
        if name == "en.md":
            text += "\n![Water](media/a%20b.png)\n"
        (folder / name).write_text(text, encoding="utf-8")
    validated = agk("validate", cwd=project.root)
    assert validated.code == 0, validated.out
    built = agk("build", "--lang", "en", cwd=project.root, env=ENV)
    assert built.code == 0, built.err
    return project.root / "site" / "en" / "cases" / CASE


@pytest.mark.slow
def test_fine_names_are_percent_encoded_and_found(fine_site: Path) -> None:
    parser = _Links()
    parser.feed((fine_site / "index.html").read_text(encoding="utf-8"))
    cover = "media/" + quote("पानी-1.png")
    assert cover in parser.images, parser.images
    assert "media/a%26b.pdf" in parser.links, parser.links
    assert "media/a%20b.png" in parser.images, parser.images
    for url in (cover, "media/a%26b.pdf", "media/a%20b.png"):
        assert (fine_site / unquote(url)).is_file(), url
