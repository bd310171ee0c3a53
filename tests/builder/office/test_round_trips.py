"""Word and back: a filled-in template imports exactly, and every sample case survives export + import."""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

import docx
import pytest
import yaml

from builder.markdown.html import MarkdownRenderer
from builder.model.aliases import load_vocabularies
from builder.model.taxonomy import LANGUAGE_CODES, Taxonomy
from builder.office.case_folder import merged_meta
from builder.office.case_from_document import ImportOptions, case_from_document
from builder.office.case_to_document import case_document, read_case, template
from builder.office.docx_writer import write_docx
from builder.office.fields import field_of
from builder.office.reading import read_document
from builder.render.strings import Strings
from builder.source.front_matter import split_front_matter
from builder.source.yaml_source import read_yaml
from tests.builder.cli_runner import agk
from tests.conftest import REPO, MakeProject

SAMPLES = sorted(p.parent.name for p in (REPO / "case_studies").glob("*/case.yaml"))
# What the Word shape does not carry, and so stays in case.yaml when a case comes back
# (`agk import --replace` keeps it): these keys, and the texts of organisation and affiliations
# in languages other than the narrative's.
NOT_CARRIED = ("metrics", "cover", "attachments", "related", "sample", "updated")


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    found, _ = load_vocabularies(REPO / "case_studies" / "_taxonomies", "taxonomies")
    return found


def _shown(body: str) -> str:
    """What a reader sees of a narrative: its rendered text, heading ids and link targets."""
    html = MarkdownRenderer().render(body).html
    marks = re.findall(r'(?:id|href|src|alt)="([^"]*)"', html)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return text + " | " + " ".join(marks)


@pytest.mark.parametrize("case_id", SAMPLES)
def test_every_sample_case_survives_word_and_back(taxonomy: Taxonomy, case_id: str) -> None:
    folder = REPO / "case_studies" / case_id
    case = read_case(folder, None)
    data = write_docx(case_document(taxonomy, case), lang=case.lang, rtl=taxonomy.languages[case.lang].rtl)
    back = case_from_document(read_document(data), taxonomy, ImportOptions())
    assert back.findings == ()
    assert (back.case_id, back.lang, back.title, back.summary) == (
        case_id,
        case.lang,
        case.title,
        case.summary,
    )
    assert merged_meta(case.meta, back.meta, case.lang) == case.meta
    assert {key for key in set(case.meta) - set(back.meta) if case.meta[key] != []} <= set(NOT_CARRIED)
    assert _shown(back.body) == _shown(case.body)
    assert back.media == {k: v for k, v in case.media.items() if f"media/{k}" in case.body}


def _fill(template: bytes, values: dict[str, str], title: str, sections: dict[str, str]) -> bytes:
    """Fill a template the way an officer does in Word: title, table cells, text under headings."""
    document = docx.Document(io.BytesIO(template))
    title_paragraph = next(p for p in document.paragraphs if p.style.name == "Title")
    title_paragraph.text = title
    for row in document.tables[0].rows:
        key = field_of(row.cells[0].paragraphs[0].text)
        if key in values:
            row.cells[1].paragraphs[0].text = values[key]
    for paragraph in list(document.paragraphs):
        if paragraph.style.name == "Heading 1" and paragraph.text in sections:
            new = paragraph.insert_paragraph_before(sections[paragraph.text])
            # insert_paragraph_before puts it above the heading: move it below.
            paragraph._p.addnext(new._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_filled_template_imports_exactly(make_project: MakeProject, tmp_path: Path) -> None:
    project = make_project()
    template = tmp_path / "template.docx"
    made = agk(
        "import", "--template", "hi", "--type", "decision-forcing", "-o", str(template), cwd=project.root
    )
    assert made.code == 0, made.err
    values = {
        "states": "बिहार",
        "level": "प्रखंड",
        "sectors": "पंचायती राज",
        "sdgs": "16",
        "year": "2022",
        "organisation": "प्रखंड विकास कार्यालय",
        "summary": "एक प्रखंड में ग्राम सभा की बैठकों का समय बदलने का निर्णय।",
        "tags": "ग्राम सभा, भागीदारी",
    }
    sections = {
        "पृष्ठभूमि": "प्रखंड में 18 पंचायतें हैं।",
        "घटनाक्रम": "बैठकों में महिलाओं की उपस्थिति कम थी।",
        "दुविधा": "बैठक का समय बदला जाए या नहीं?",
        "चर्चा के प्रश्न": "आप क्या करते?",
    }
    filled = tmp_path / "br-gram-sabha-timing.docx"
    filled.write_bytes(_fill(template.read_bytes(), values, "ग्राम सभा का समय", sections))
    run = agk("import", str(filled), cwd=project.root)
    assert run.code == 0, run.out + run.err
    folder = project.case_dir / "br-gram-sabha-timing"
    meta = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    assert meta == {
        "type": "decision-forcing",
        "original_language": "hi",
        "states": ["BR"],
        "level": "block",
        "sectors": [{"sector": "panchayati-raj"}],
        "sdgs": [16],
        "year": 2022,
        "organisation": "प्रखंड विकास कार्यालय",
        "tags": ["ग्राम सभा", "भागीदारी"],
    }
    narrative = (folder / "hi.md").read_text(encoding="utf-8")
    assert 'title: "ग्राम सभा का समय"' in narrative
    assert f'summary: "{values["summary"]}"' in narrative
    assert narrative.endswith(
        "## पृष्ठभूमि {#context}\n\nप्रखंड में 18 पंचायतें हैं।\n\n## घटनाक्रम {#narrative}\n\n"
        "बैठकों में महिलाओं की उपस्थिति कम थी।\n\n## दुविधा {#dilemma}\n\nबैठक का समय बदला जाए या नहीं?\n\n"
        "## चर्चा के प्रश्न {#questions}\n\nआप क्या करते?\n"
    )


def _case_yaml(data: bytes) -> object:
    document, _ = read_yaml(data.decode("utf-8"), "case.yaml")
    assert document is not None
    return document.value


def test_export_then_import_replaces_the_case_in_place(make_project: MakeProject, tmp_path: Path) -> None:
    project = make_project(REPO / "case_studies")
    case_id = "gj-industrial-approvals-single-window"
    before = {p.name: p.read_bytes() for p in (project.case_dir / case_id).rglob("*") if p.is_file()}
    exported = tmp_path / "case.docx"
    assert agk("export", "--format", "docx", case_id, "-o", str(exported), cwd=project.root).code == 0
    run = agk("import", str(exported), "--id", case_id, "--replace", cwd=project.root)
    assert run.code == 0, run.out + run.err
    after = {p.name: p.read_bytes() for p in (project.case_dir / case_id).rglob("*") if p.is_file()}
    assert set(after) == set(before)
    # Read as agk reads case.yaml (dates stay text), not as PyYAML's timestamps.
    assert _case_yaml(after["case.yaml"]) == _case_yaml(before["case.yaml"])
    lang = yaml.safe_load(before["case.yaml"])["original_language"]
    old, new = (split_front_matter(files[f"{lang}.md"].decode()) for files in (before, after))
    assert _case_yaml((new.front or "").encode()) == _case_yaml((old.front or "").encode())
    assert _shown(new.body) == _shown(old.body)


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_template_of_every_language_and_type_reads_back(taxonomy: Taxonomy, lang: str) -> None:
    for case_type, sections in taxonomy.case_types.items():
        data = write_docx(template(taxonomy, lang, case_type), lang=lang, rtl=taxonomy.languages[lang].rtl)
        back = case_from_document(read_document(data), taxonomy, ImportOptions())
        assert back.findings == (), (lang, case_type)
        assert back.meta == {"type": case_type, "original_language": lang, "states": [], "sdgs": []}
        assert back.title == Strings(lang)("word_title_placeholder")
        assert re.findall(r"\{#([a-z-]+)\}", back.body) == list(sections)
