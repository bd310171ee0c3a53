"""The Word fixtures hold what they claim: checked with python-docx, zipfile, zlib and lxml only."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import Any

import docx
import pytest
import yaml
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree
from stdnum.in_ import aadhaar, pan

from builder.model.taxonomy import languages, state_names
from tests.builder.office import docx_documents as fixtures
from tests.conftest import REPO

NS = {
    "w": fixtures.W_NS,
    "r": fixtures.R_NS,
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "o": "urn:schemas-microsoft-com:office:office",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "rel": fixtures.PKG_RELS_NS,
    "ct": fixtures.CONTENT_TYPES_NS,
}
TAXONOMIES = REPO / "case_studies" / "_taxonomies"
CASES = [(lang, case_type) for lang in fixtures.CASE_LANGUAGES for case_type in fixtures.CASE_TYPE_SECTIONS]


def _yaml(path: str) -> Any:
    return yaml.safe_load((REPO / path).read_text(encoding="utf-8"))


def _open(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def _part(data: bytes, name: str) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def _rels(data: bytes, source: str = "word/document.xml") -> dict[str, dict[str, str]]:
    folder, _, name = source.rpartition("/")
    root = _part(data, f"{folder}/_rels/{name}.rels")
    return {rel.get("Id"): dict(rel.attrib) for rel in root.findall("rel:Relationship", NS)}


def _overrides(data: bytes) -> dict[str, str]:
    root = _part(data, "[Content_Types].xml")
    return {o.get("PartName"): o.get("ContentType") for o in root.findall("ct:Override", NS)}


def _texts(element: Any) -> str:
    return "".join(element.itertext())


def _sections(document: Any) -> dict[str, list[Any]]:
    """Body paragraphs after each Heading 1 (by heading text), up to the next Heading 1."""
    found: dict[str, list[Any]] = {}
    current: list[Any] | None = None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            current = found.setdefault(paragraph.text, [])
        elif current is not None:
            current.append(paragraph)
    return found


# --- the case study ----------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "case_type"), CASES)
def test_case_document_holds_its_expectations(lang: str, case_type: str) -> None:
    exp = fixtures.case_expectations(lang, case_type=case_type)
    document = _open(fixtures.case_document(lang, case_type=case_type))
    first, second = document.paragraphs[:2]
    assert (first.style.name, first.text) == ("Title", exp["title"])
    assert (second.style.name, second.text) == ("Normal", exp["summary"])

    metadata, data_table = document.tables
    assert metadata.style.name == "Table Grid"
    assert len(metadata.columns) == 2
    assert [tuple(cell.text for cell in row.cells) for row in metadata.rows] == exp["metadata"]
    # The metadata table comes right after the summary, before the first heading.
    body = list(document.element.body.iterchildren())
    assert body[2].tag == f"{{{NS['w']}}}tbl"

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s["heading"] for s in exp["sections"]]
    assert [s["id"] for s in exp["sections"]] == list(fixtures.CASE_TYPE_SECTIONS[case_type])
    sections = _sections(document)
    for section in exp["sections"]:
        normal = [p.text for p in sections[section["heading"]] if p.style.name == "Normal" and p.text]
        assert normal == section["paragraphs"], section["id"]

    first_section = sections[exp["sections"][0]["heading"]]
    assert [p.text for p in first_section if p.style.name == "Heading 2"] == [exp["subheading"]]
    bullets = [(p.text, p.style.name) for p in first_section if p.style.name.startswith("List Bullet")]
    assert bullets == [
        (text, "List Bullet" if level == 0 else "List Bullet 2") for text, level in exp["bullets"]
    ]
    assert any(level == 1 for _, level in exp["bullets"])

    questions = sections[exp["sections"][-1]["heading"]]
    assert exp["sections"][-1]["id"] == "questions"
    assert [p.text for p in questions if p.style.name == "List Number"] == exp["numbered"]

    assert [[cell.text for cell in row.cells] for row in data_table.rows] == exp["table"]
    assert (len(data_table.rows), len(data_table.columns)) == (3, 3)
    media = next(s["heading"] for s in exp["sections"] if s["id"] == exp["media_section"])
    media_paragraphs = sections[media]
    picture_at = next(i for i, p in enumerate(media_paragraphs) if p._p.xpath(".//pic:pic"))
    caption = media_paragraphs[picture_at + 1]
    assert (caption.style.name, caption.text) == ("Caption", exp["caption"])
    assert len(document.inline_shapes) == 1


def test_case_expectations_are_fresh_and_checked() -> None:
    exp = fixtures.case_expectations("en")
    exp["title"] = "changed"
    exp["sections"][0]["paragraphs"].clear()
    assert fixtures.case_expectations("en")["title"] != "changed"
    assert fixtures.case_expectations("en")["sections"][0]["paragraphs"]
    with pytest.raises(ValueError, match="lang"):
        fixtures.case_expectations("fr")
    with pytest.raises(ValueError, match="case type"):
        fixtures.case_expectations("en", case_type="essay")


@pytest.mark.parametrize("lang", fixtures.CASE_LANGUAGES)
def test_labels_and_values_are_those_of_the_repository(lang: str) -> None:
    exp = fixtures.case_expectations(lang)
    labels = _yaml(f"case_studies/_taxonomies/labels/{lang}.yaml")
    strings = _yaml(f"builder/render/i18n/{lang}.yaml")
    case_types = _yaml("case_studies/_taxonomies/case_types.yaml")
    sectors = _yaml("case_studies/_taxonomies/sectors.yaml")
    assert {t: tuple(s) for t, s in case_types.items()} == fixtures.CASE_TYPE_SECTIONS
    for section in exp["sections"]:
        assert section["heading"] == labels["sections"][section["id"]]
    for case_type in case_types:
        typed = fixtures.case_expectations(lang, case_type=case_type)
        assert typed["metadata_values"]["type"] == labels["case_types"][case_type]
        assert typed["fields"]["type"] == case_type

    row_labels = dict(zip(fixtures.FIELD_ORDER, (label for label, _ in exp["metadata"]), strict=True))
    if lang != "en":
        keys = {"type": "type", "states": "state", "level": "level", "sectors": "sector", "sdgs": "sdg"}
        keys |= {"year": "year", "organisation": "organisation", "authors": "authors", "tags": "tag"}
        keys |= {"original_language": "field_original_language"}
        for field, key in keys.items():
            if key in strings:  # a label the UI strings do not have yet is written as people write it
                assert row_labels[field] == strings[key], field

    fields, values = exp["fields"], exp["metadata_values"]
    (state,) = fields["states"]
    assert values["states"] == labels.get("states", {}).get(state, state_names(lang).get(state))
    assert fields["level"] in _yaml("case_studies/_taxonomies/levels.yaml")
    assert values["level"] == labels["levels"][fields["level"]]
    (sector,) = fields["sectors"]
    assert sector["sub_sector"] in sectors[sector["sector"]]
    sub_label = labels["sub_sectors"][sector["sector"]][sector["sub_sector"]]
    assert values["sectors"] == f"{labels['sectors'][sector['sector']]} / {sub_label}"
    assert values["original_language"] == languages()[lang].native_name
    assert fields["original_language"] == lang
    assert values["sdgs"] == ", ".join(str(n) for n in fields["sdgs"])
    assert values["year"] == str(fields["year"])
    assert values["organisation"] == fields["organisation"]
    assert values["tags"] == ", ".join(fields["tags"])
    assert values["authors"] == "; ".join(f"{a['name']} ({a['affiliation']})" for a in fields["authors"])


@pytest.mark.parametrize("lang", fixtures.CASE_LANGUAGES)
def test_english_labels_change_the_labels_only(lang: str) -> None:
    exp = fixtures.case_expectations(lang, english_labels=True)
    native = fixtures.case_expectations(lang)
    english = fixtures.case_expectations("en")
    assert [label for label, _ in exp["metadata"]] == [label for label, _ in english["metadata"]]
    assert [value for _, value in exp["metadata"]] == [value for _, value in native["metadata"]]
    document = _open(fixtures.case_document(lang, english_labels=True))
    assert [tuple(c.text for c in row.cells) for row in document.tables[0].rows] == exp["metadata"]
    assert document.paragraphs[0].text == native["title"]


def test_scripts_are_those_of_the_language() -> None:
    def share(text: str, low: int, high: int) -> float:
        letters = [c for c in text if c.isalpha()]
        return sum(low <= ord(c) <= high for c in letters) / len(letters)

    for lang, (low, high) in {"hi": (0x900, 0x97F), "ta": (0xB80, 0xBFF), "en": (0x41, 0x7A)}.items():
        exp = fixtures.case_expectations(lang)
        text = " ".join(p for s in exp["sections"] for p in s["paragraphs"]) + exp["title"]
        assert share(text, low, high) > 0.95, lang


@pytest.mark.parametrize("lang", fixtures.CASE_LANGUAGES)
def test_footnote_part_exists_and_is_referenced(lang: str) -> None:
    exp = fixtures.case_expectations(lang)
    data = fixtures.case_document(lang)
    footnote_rels = [r for r in _rels(data).values() if r["Type"] == RT.FOOTNOTES]
    assert [r["Target"] for r in footnote_rels] == ["footnotes.xml"]
    assert _overrides(data)["/word/footnotes.xml"].endswith("wordprocessingml.footnotes+xml")
    footnotes = _part(data, "word/footnotes.xml")
    notes = {n.get(f"{{{NS['w']}}}id"): n for n in footnotes.findall("w:footnote", NS)}
    assert set(notes) == {"-1", "0", "1"}
    assert notes["-1"].get(f"{{{NS['w']}}}type") == "separator"
    assert notes["0"].get(f"{{{NS['w']}}}type") == "continuationSeparator"
    assert _texts(notes["1"]).strip() == exp["footnote"]
    document = _open(data)
    (anchor,) = [p for p in document.paragraphs if p._p.xpath(".//w:footnoteReference")]
    assert anchor.text == exp["footnote_paragraph"]
    assert anchor._p.xpath(".//w:footnoteReference/@w:id") == ["1"]


@pytest.mark.parametrize("lang", fixtures.CASE_LANGUAGES)
def test_rich_paragraph_has_bold_italic_and_an_external_hyperlink(lang: str) -> None:
    exp = fixtures.case_expectations(lang)
    data = fixtures.case_document(lang)
    document = _open(data)
    (paragraph,) = [p for p in document.paragraphs if p.hyperlinks]
    assert paragraph.text == exp["rich"]["text"]
    assert [r.text for r in paragraph.runs if r.bold] == [exp["rich"]["bold"]]
    assert [r.text for r in paragraph.runs if r.italic] == [exp["rich"]["italic"]]
    (link,) = paragraph.hyperlinks
    assert (link.text, link.address) == (exp["rich"]["link_text"], exp["link_url"])
    rel = _rels(data)[link._hyperlink.rId]
    assert rel["TargetMode"] == "External"
    assert rel["Target"] == exp["link_url"]
    assert rel["Target"].startswith("https://")
    assert document.part.rels[link._hyperlink.rId].is_external


def test_nested_bullets_are_level_one_of_a_bulleted_list() -> None:
    document = _open(fixtures.case_document("hi"))
    numbering = document.part.numbering_part.element

    def style_num_id(name: str) -> str:
        return document.styles[name].element.xpath("w:pPr/w:numPr/w:numId/@w:val")[0]

    def level(num_id: str, ilvl: str) -> Any:
        abstract_id = numbering.xpath(f'w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')[0]
        found = numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[@w:ilvl="{ilvl}"]')
        return found[0] if found else None

    bullet_id = style_num_id("List Bullet")
    assert level(bullet_id, "0").xpath("w:numFmt/@w:val", namespaces=NS) == ["bullet"]
    nested = [p for p in document.paragraphs if p.style.name == "List Bullet 2"]
    assert nested
    for paragraph in nested:
        assert paragraph._p.xpath("w:pPr/w:numPr/w:ilvl/@w:val") == ["1"]
        (num_id,) = paragraph._p.xpath("w:pPr/w:numPr/w:numId/@w:val")
        assert num_id == bullet_id
        assert level(num_id, "1").xpath("w:numFmt/@w:val", namespaces=NS) == ["bullet"]
    for paragraph in document.paragraphs:
        if paragraph.style.name == "List Bullet":
            assert not paragraph._p.xpath("w:pPr/w:numPr")  # the style's numbering, level 0
    assert level(style_num_id("List Number"), "0").xpath("w:numFmt/@w:val", namespaces=NS) == ["decimal"]


def test_picture_is_a_valid_png_with_alt_text() -> None:
    exp = fixtures.case_expectations("ta")
    document = _open(fixtures.case_document("ta"))
    (shape,) = document.inline_shapes
    assert shape._inline.docPr.get("descr") == exp["image_alt"]
    r_id = shape._inline.xpath(".//a:blip/@r:embed")[0]
    blob = document.part.related_parts[r_id].blob
    assert blob == fixtures.png()
    assert blob.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", blob[16:24])
    assert (width, height) == (24, 16)
    at, rows = 8, b""
    while at < len(blob):
        (length,) = struct.unpack(">I", blob[at : at + 4])
        kind, body = blob[at + 4 : at + 8], blob[at + 8 : at + 8 + length]
        assert struct.unpack(">I", blob[at + 8 + length : at + 12 + length])[0] == zlib.crc32(kind + body)
        rows += body if kind == b"IDAT" else b""
        at += 12 + length
    assert len(zlib.decompress(rows)) == height * (1 + 3 * width)


def test_case_document_is_deterministic() -> None:
    assert fixtures.case_document("hi") == fixtures.case_document("hi")
    assert fixtures.case_document("hi") != fixtures.case_document("hi", english_labels=True)


# --- zip bombs ---------------------------------------------------------------------------------


def _raw_member(data: bytes, name: str) -> tuple[zipfile.ZipInfo, bytes, tuple[int, int, int]]:
    """A member's central-directory info, its deflated bytes and the (crc, sizes) of its local header."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    at = info.header_offset
    signature, *_, crc, compressed, size, name_length, extra_length = struct.unpack(
        "<4sHHHHHIIIHH", data[at : at + 30]
    )
    assert signature == b"PK\x03\x04"
    start = at + 30 + name_length + extra_length
    return info, data[start : start + compressed], (crc, compressed, size)


def _inflated_size(deflated: bytes, stop_after: int) -> int:
    """How many bytes `deflated` inflates to, streamed 16 MiB at a time, stopping past `stop_after`."""
    inflater, total = zlib.decompressobj(-15), 0
    for at in range(0, len(deflated), 1 << 16):
        pending = deflated[at : at + (1 << 16)]
        while pending:
            total += len(inflater.decompress(pending, 1 << 24))
            pending = inflater.unconsumed_tail
            if total > stop_after:
                return total
    return total + len(inflater.flush())


def test_zip_bomb_is_small_and_inflates_past_a_gibibyte() -> None:
    data = fixtures.zip_bomb()
    assert len(data) < 5_000_000
    info, deflated, (_, compressed, size) = _raw_member(data, "word/document.xml")
    assert size == info.file_size > 1 << 30  # honest headers
    assert compressed == info.compress_size == len(deflated)
    assert _inflated_size(deflated, stop_after=1 << 30) > 1 << 30
    # The start is a Word document: what an importer that streams it would see.
    assert zlib.decompressobj(-15).decompress(deflated[:4096], 300).startswith(b"<?xml")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} == set(archive.namelist())


def test_lying_zip_bomb_claims_less_than_it_inflates_to() -> None:
    data = fixtures.lying_zip_bomb()
    assert len(data) < 1_000_000
    info, deflated, (_, _, size) = _raw_member(data, "word/document.xml")
    assert size == info.file_size == fixtures.LYING_BOMB_CLAIM
    inflated = _inflated_size(deflated, stop_after=1 << 31)
    assert inflated >= 200 * (1 << 20)
    assert inflated > 1000 * info.file_size
    with zipfile.ZipFile(io.BytesIO(data)) as archive, pytest.raises(zipfile.BadZipFile):
        archive.read("word/document.xml")  # zipfile stops at the declared size: the CRC fails


# --- XML attacks -------------------------------------------------------------------------------


def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def _safe_parse(xml: bytes) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(xml, parser)


def test_xxe_document_declares_and_uses_an_external_entity() -> None:
    xml = _document_xml(fixtures.xxe_document())
    assert b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' in xml
    root = _safe_parse(xml)
    (entity,) = root.getroottree().docinfo.internalDTD.iterentities()
    assert (entity.name, entity.system_url) == ("xxe", "file:///etc/passwd")
    (text,) = root.iterfind(".//w:t", NS)
    assert [child.text for child in text] == ["&xxe;"]


def test_billion_laughs_nests_entities() -> None:
    xml = _document_xml(fixtures.billion_laughs())
    # Parsing the document itself is refused by libxml2 (amplification), even without resolving:
    # read the declarations from the internal subset alone.
    start, end = xml.index(b"<!DOCTYPE w:document ["), xml.index(b"]>")
    subset = xml[start + len(b"<!DOCTYPE w:document [") : end].decode()
    entities = {e.name: e.content for e in etree.DTD(io.StringIO(subset)).iterentities()}
    assert len(entities) == fixtures.BILLION_LAUGHS_LEVELS
    assert entities["lol0"] == "lol"
    for level in range(1, fixtures.BILLION_LAUGHS_LEVELS):
        assert entities[f"lol{level}"] == f"&lol{level - 1};" * 10
    assert f"&lol{fixtures.BILLION_LAUGHS_LEVELS - 1};".encode() in xml


# --- linked, embedded and active content -------------------------------------------------------


def test_remote_image_is_a_linked_picture_with_a_caption() -> None:
    data = fixtures.remote_image()
    document = _open(data)
    (shape,) = document.inline_shapes
    blip = shape._inline.xpath(".//a:blip")[0]
    assert blip.get(f"{{{NS['r']}}}embed") is None
    r_id = blip.get(f"{{{NS['r']}}}link")
    rel = _rels(data)[r_id]
    assert (rel["Type"], rel["TargetMode"], rel["Target"]) == (
        RT.IMAGE,
        "External",
        fixtures.REMOTE_IMAGE_URL,
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not [n for n in archive.namelist() if n.startswith("word/media/")]
    caption = document.paragraphs[-1]
    assert (caption.style.name, caption.text) == ("Caption", fixtures.REMOTE_IMAGE_CAPTION)


def test_macro_document_is_a_docm_with_a_vba_project() -> None:
    data = fixtures.macro_document()
    overrides = _overrides(data)
    assert overrides["/word/document.xml"] == fixtures.DOCM_MAIN
    assert overrides["/word/vbaProject.bin"] == fixtures.VBA_PROJECT_CT
    (rel,) = [r for r in _rels(data).values() if r["Type"] == fixtures.VBA_PROJECT_RT]
    assert rel["Target"] == "vbaProject.bin"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("word/vbaProject.bin").startswith(fixtures.OLE_SIGNATURE)
    with pytest.raises(ValueError, match="not a Word file"):
        _open(data)  # python-docx refuses a macro-enabled main part


def test_embedded_object_has_an_ole_part_and_a_w_object() -> None:
    data = fixtures.embedded_object()
    (rel,) = [r for r in _rels(data).values() if r["Type"] == RT.OLE_OBJECT]
    assert rel["Target"] == "embeddings/oleObject1.bin"
    assert _overrides(data)["/word/embeddings/oleObject1.bin"] == fixtures.OLE_OBJECT_CT
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("word/embeddings/oleObject1.bin").startswith(fixtures.OLE_SIGNATURE)
    body = _part(data, "word/document.xml")
    (ole,) = body.iterfind(".//w:p/w:r/w:object/o:OLEObject", NS)
    assert ole.get(f"{{{NS['r']}}}id") == rel["Id"]
    assert _open(data).paragraphs[0].text == fixtures.OLE_OBJECT_TEXT


def test_text_box_holds_its_text_in_a_wps_shape_and_a_fallback() -> None:
    body = _part(fixtures.text_box(), "word/document.xml")
    (choice,) = body.iterfind(".//w:p/w:r/mc:AlternateContent/mc:Choice", NS)
    (box,) = choice.iterfind(".//wps:txbx/w:txbxContent", NS)
    assert _texts(box) == fixtures.TEXT_BOX_TEXT
    (fallback,) = body.iterfind(".//mc:Fallback//w:txbxContent", NS)
    assert _texts(fallback) == fixtures.TEXT_BOX_TEXT


def test_tracked_changes_insert_and_delete_an_aadhaar_number() -> None:
    body = _part(fixtures.tracked_changes(), "word/document.xml")
    (insertion,) = body.iterfind(".//w:p/w:ins", NS)
    assert insertion.get(f"{{{NS['w']}}}author") == fixtures.INSERTION_AUTHOR
    assert "".join(t.text for t in insertion.iterfind("w:r/w:t", NS)) == fixtures.INSERTED_TEXT
    (deletion,) = body.iterfind(".//w:p/w:del", NS)
    deleted = "".join(t.text for t in deletion.iterfind("w:r/w:delText", NS))
    assert deleted == fixtures.DELETED_TEXT
    number = fixtures.TRACKED_AADHAAR
    assert number in deleted
    assert len(number) == 12
    assert number[0] not in "01"
    assert aadhaar.is_valid(number)
    assert not body.findall(".//w:del//w:t", NS)


def test_commented_document_has_a_comment_with_a_valid_pan() -> None:
    data = fixtures.commented()
    document = _open(data)
    (comment,) = document.comments
    assert comment.author == fixtures.COMMENT_AUTHOR
    assert comment.text == fixtures.COMMENT_TEXT
    assert pan.is_valid(fixtures.COMMENT_PAN)
    assert fixtures.COMMENT_PAN in comment.text
    body = _part(data, "word/document.xml")
    assert body.findall(".//w:commentRangeStart", NS)
    assert body.findall(".//w:commentReference", NS)
    assert _open(fixtures.commented("Other words")).comments.get(comment.comment_id).text == "Other words"


# --- broken files and other formats ------------------------------------------------------------


def test_corrupt_is_half_a_real_docx() -> None:
    data, whole = fixtures.corrupt(), fixtures.case_document("en")
    assert data == whole[: len(whole) // 2]
    assert data.startswith(b"PK\x03\x04")
    assert not zipfile.is_zipfile(io.BytesIO(data))
    with pytest.raises(zipfile.BadZipFile):
        _open(data)


def test_encrypted_looks_like_an_ole_compound_file() -> None:
    data = fixtures.encrypted()
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    assert len(data) >= 512
    assert not zipfile.is_zipfile(io.BytesIO(data))


def test_not_a_document_pdf_and_spreadsheet() -> None:
    with zipfile.ZipFile(io.BytesIO(fixtures.not_a_document())) as archive:
        assert archive.namelist() == ["hello.txt"]
    pdf = fixtures.pdf_bytes()
    assert pdf.startswith(b"%PDF-1.4\n")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert not zipfile.is_zipfile(io.BytesIO(pdf))
    xlsx = fixtures.spreadsheet_like()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        names = archive.namelist()
        etree.fromstring(archive.read("xl/workbook.xml"))
    assert "xl/workbook.xml" in names
    assert "[Content_Types].xml" in names
    assert not [n for n in names if n.startswith("word/")]
    assert _overrides(xlsx) == {"/xl/workbook.xml": fixtures.XLSX_MAIN}


def test_too_many_entries_is_a_valid_docx_with_5000_extra_entries() -> None:
    data = fixtures.too_many_entries()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert len([n for n in names if n.startswith("extra/")]) == fixtures.EXTRA_ENTRIES
    assert len(names) == len(set(names))
    assert _open(data).paragraphs[0].text == "A document with very many parts."


def test_unmapped_document_has_unknown_rows_a_stray_heading_and_a_bare_picture() -> None:
    exp = fixtures.unmapped_expectations()
    document = _open(fixtures.unmapped_document())
    rows = [tuple(c.text for c in row.cells) for row in document.tables[0].rows]
    assert rows == exp["metadata"]
    assert ("Budget", "4 crore") in rows
    assert ("State", "Atlantis") in rows
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s["heading"] for s in exp["sections"]] + ["Annexure"]
    assert "Annexure" not in [s["heading"] for s in fixtures.case_expectations("en")["sections"]]
    assert len(document.inline_shapes) == 2
    bare = document.inline_shapes[1]._inline
    assert not bare.docPr.get("descr")
    assert not bare.docPr.get("title")
    annexure = _sections(document)["Annexure"]
    assert [p.text for p in annexure if p.text] == [fixtures.ANNEXURE_TEXT]
    assert not [p for p in annexure if p.style.name == "Caption"]
    assert annexure[-1]._p.xpath(".//pic:pic")
    assert document.paragraphs[-1]._p.xpath(".//pic:pic")  # nothing follows the picture
