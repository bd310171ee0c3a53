"""OpenDocument text files for tests, built with odfdo; hostile parts are written into the zip by hand.

The body XML is written the way LibreOffice writes it (style names such as `Heading_20_1`,
automatic styles `P1`/`T1`/`L1`, a captioned picture as a frame with a text box around the image),
so the reader is tested on what officers' files really hold. The case text is original sample text
about a fictional district's school meal programme.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from odfdo import Document, Element

ODT = "application/vnd.oasis.opendocument.text"
LINK = "https://example.org/school-meals"
PICTURE = "Pictures/kitchen.png"

# Automatic styles as LibreOffice writes them: bold and italic for every script, two list styles.
AUTOMATIC_STYLES = (
    '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"'
    ' style:font-weight-asian="bold" style:font-weight-complex="bold"/></style:style>',
    '<style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"'
    ' style:font-style-asian="italic" style:font-style-complex="italic"/></style:style>',
    '<style:style style:name="T3" style:family="text"><style:text-properties'
    ' style:font-weight-complex="bold"/></style:style>',
    '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Text_20_body">'
    '<style:text-properties fo:font-style="italic"/></style:style>',
    '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Heading_20_2"/>',
    '<style:style style:name="P3" style:family="paragraph" style:parent-style-name="List_20_Paragraph"/>',
    '<text:list-style style:name="L1">'
    + "".join(f'<text:list-level-style-bullet text:level="{n}" text:bullet-char="•"/>' for n in range(1, 4))
    + "</text:list-style>",
    '<text:list-style style:name="L2">'
    + "".join(
        f'<text:list-level-style-number text:level="{n}" style:num-suffix="." style:num-format="1"/>'
        for n in range(1, 4)
    )
    + "</text:list-style>",
)
# Common styles LibreOffice has and odfdo's template lacks.
COMMON_STYLES = (
    '<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading"/>',
    '<style:style style:name="Figure" style:family="paragraph" style:parent-style-name="Caption"/>',
    '<style:style style:name="Guidance" style:family="paragraph" style:parent-style-name="Standard"/>',
    '<style:style style:name="List_20_Paragraph" style:display-name="List Paragraph"'
    ' style:family="paragraph" style:parent-style-name="Standard" style:list-style-name="L2"/>',
    '<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text">'
    '<style:text-properties fo:font-weight="bold"/></style:style>',
)

CASE_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Hot meals in the village schools of Amrapur",
        "summary": "In 2021 the Amrapur district administration replaced dry rations in schools with hot"
        " food cooked in village kitchens.",
        "type": "Type of case",
        "type_value": "Caselet",
        "state": "State or union territory",
        "state_value": "Uttar Pradesh (UP)",
        "level": "Level of government",
        "level_value": "District",
        "sector": "Sector",
        "sector_value": "Nutrition",
        "sdg": "Sustainable Development Goal",
        "year": "Year",
        "organisation": "Implemented by",
        "organisation_value": "District Education Office, Amrapur",
        "context": "Context",
        "before_bold": "Attendance fell",
        "bold": "every monsoon",
        "before_italic": "because",
        "italic": "families needed their children in the fields",
        "before_link": "; see the",
        "link": "state guidelines",
        "end": ".",
        "kitchens": "The kitchens",
        "bullet_1": "Cooks were hired from self-help groups",
        "bullet_1a": "Each kitchen had two cooks",
        "bullet_1b": "Rice and pulses came from the block store",
        "bullet_2": "Every school kept clean drinking water",
        "number_1": "The menu for each week was fixed in advance",
        "number_2": "Teachers tasted the food before it was served",
        "block": "Block",
        "schools": "Schools",
        "block_1": "Amrapur",
        "block_2": "Songarh",
        "result": "In one year attendance rose by about a fifth.",
        "note": "Figures of the district education office, 2022.",
        "figure": "Figure",
        "caption": "The kitchen of Songarh primary school",
        "alt": "Cooks serving rice to pupils",
        "questions": "Questions for discussion",
        "question": "What would you change in the supply of grain?",
    },
    "hi": {
        "title": "अमरपुर के गाँवों के स्कूलों में गरम भोजन",
        "summary": "वर्ष 2021 में अमरपुर ज़िला प्रशासन ने स्कूलों में सूखे राशन की जगह गाँव की रसोई में पका"
        " गरम भोजन देना शुरू किया।",
        "type": "केस का प्रकार",
        "type_value": "caselet",
        "state": "राज्य या केंद्र शासित प्रदेश",
        "state_value": "उत्तर प्रदेश",
        "level": "शासन का स्तर",
        "level_value": "ज़िला",
        "sector": "क्षेत्र",
        "sector_value": "पोषण",
        "sdg": "सतत विकास लक्ष्य",
        "year": "वर्ष",
        "organisation": "कार्यान्वयन संस्था",
        "organisation_value": "ज़िला शिक्षा कार्यालय, अमरपुर",
        "context": "पृष्ठभूमि",
        "before_bold": "हर साल",
        "bold": "बरसात के मौसम में",
        "before_italic": "उपस्थिति घट जाती थी, क्योंकि",
        "italic": "परिवारों को खेतों में बच्चों की ज़रूरत होती थी",
        "before_link": "; विस्तार के लिए",
        "link": "राज्य के दिशानिर्देश",
        "end": " देखें।",
        "kitchens": "रसोई",
        "bullet_1": "रसोइए स्वयं सहायता समूहों से रखे गए",
        "bullet_1a": "हर रसोई में दो रसोइए थे",
        "bullet_1b": "चावल और दाल ब्लॉक के भंडार से आई",
        "bullet_2": "हर स्कूल में पीने का साफ़ पानी रखा गया",
        "number_1": "हर सप्ताह का भोजन पहले से तय किया गया",
        "number_2": "परोसने से पहले शिक्षक भोजन चखते थे",
        "block": "ब्लॉक",
        "schools": "स्कूल",
        "block_1": "अमरपुर",
        "block_2": "सोनगढ़",
        "result": "एक साल में उपस्थिति लगभग पाँचवें हिस्से जितनी बढ़ी।",
        "note": "ज़िला शिक्षा कार्यालय के आँकड़े, 2022।",
        "figure": "चित्र",
        "caption": "सोनगढ़ प्राथमिक विद्यालय की रसोई",
        "alt": "रसोइए बच्चों को चावल परोस रहे हैं",
        "questions": "चर्चा के प्रश्न",
        "question": "अनाज की आपूर्ति में आप क्या बदलेंगे?",
    },
    "ta": {
        "title": "தேன்மலை கிராமப் பள்ளிகளில் சூடான உணவு",
        "summary": "2021 ஆம் ஆண்டு தேன்மலை மாவட்ட நிர்வாகம் பள்ளிகளில் உலர் உணவுப் பொருட்களுக்குப் பதிலாக"
        " கிராமச் சமையலறைகளில் சமைத்த சூடான உணவை வழங்கத் தொடங்கியது.",
        "type": "ஆய்வின் வகை",
        "type_value": "caselet",
        "state": "மாநிலம் அல்லது யூனியன் பிரதேசம்",
        "state_value": "தமிழ்நாடு (TN)",
        "level": "அரசின் நிலை",
        "level_value": "மாவட்டம்",
        "sector": "துறை",
        "sector_value": "ஊட்டச்சத்து",
        "sdg": "நீடித்த நிலையான வளர்ச்சி இலக்கு",
        "year": "ஆண்டு",
        "organisation": "செயல்படுத்திய அமைப்பு",
        "organisation_value": "மாவட்டக் கல்வி அலுவலகம், தேன்மலை",
        "context": "பின்னணி",
        "before_bold": "ஒவ்வொரு",
        "bold": "மழைக்காலத்திலும்",
        "before_italic": "வருகை குறைந்தது, ஏனெனில்",
        "italic": "குடும்பங்களுக்கு வயல்களில் குழந்தைகள் தேவைப்பட்டனர்",
        "before_link": "; மேலும் அறிய",
        "link": "மாநில வழிகாட்டுதல்களைப்",
        "end": " பாருங்கள்.",
        "kitchens": "சமையலறைகள்",
        "bullet_1": "சமையலர்கள் சுய உதவிக் குழுக்களிலிருந்து நியமிக்கப்பட்டனர்",
        "bullet_1a": "ஒவ்வொரு சமையலறையிலும் இரண்டு சமையலர்கள் இருந்தனர்",
        "bullet_1b": "அரிசியும் பருப்பும் வட்டாரக் கிடங்கிலிருந்து வந்தன",
        "bullet_2": "ஒவ்வொரு பள்ளியிலும் சுத்தமான குடிநீர் வைக்கப்பட்டது",
        "number_1": "ஒவ்வொரு வாரத்துக்கான உணவுப் பட்டியல் முன்பே முடிவு செய்யப்பட்டது",
        "number_2": "பரிமாறும் முன் ஆசிரியர்கள் உணவைச் சுவைத்துப் பார்த்தனர்",
        "block": "வட்டாரம்",
        "schools": "பள்ளிகள்",
        "block_1": "தேன்மலை",
        "block_2": "செம்பூர்",
        "result": "ஓர் ஆண்டில் வருகை ஏறக்குறைய ஐந்தில் ஒரு பங்கு உயர்ந்தது.",
        "note": "மாவட்டக் கல்வி அலுவலகப் புள்ளிவிவரம், 2022.",
        "figure": "படம்",
        "caption": "செம்பூர் தொடக்கப் பள்ளியின் சமையலறை",
        "alt": "சமையலர்கள் மாணவர்களுக்குச் சோறு பரிமாறுகின்றனர்",
        "questions": "விவாதத்துக்கான கேள்விகள்",
        "question": "தானிய விநியோகத்தில் நீங்கள் எதை மாற்றுவீர்கள்?",
    },
}
# The metadata table's rows: (label key, value key or literal value).
METADATA_ROWS = (
    ("type", "type_value"),
    ("state", "state_value"),
    ("level", "level_value"),
    ("sector", "sector_value"),
    ("sdg", "=2"),
    ("year", "=2021"),
    ("organisation", "organisation_value"),
)


def tiny_png(shade: int = 0) -> bytes:
    """A valid 1×1 grey PNG; `shade` changes its bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(bytes([0, shade % 256]))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def metadata_values(lang: str) -> list[tuple[str, str]]:
    """The metadata table of `full_case(lang)` as (label, value) rows."""
    text = CASE_TEXT[lang]
    return [
        (text[label], value[1:] if value.startswith("=") else text[value]) for label, value in METADATA_ROWS
    ]


def odt(
    body: str,
    *,
    files: dict[str, tuple[bytes, str]] | None = None,
    meta: dict[str, str] | None = None,
) -> bytes:
    """An .odt made by odfdo with `body` (LibreOffice-style XML) as office:text and extra parts `files`."""
    document = Document("text")
    for style in AUTOMATIC_STYLES:
        document.insert_style(style, automatic=True)
    for style in COMMON_STYLES:
        document.insert_style(style)
    document.body.clear()
    for child in Element.from_tag(f"<office:text>{body}</office:text>").children:
        document.body.append(child)
    for path, (data, media_type) in (files or {}).items():
        document.set_part(path, data)
        document.manifest.add_full_path(path, media_type)
    for key, value in (meta or {}).items():
        if key == "title":
            document.meta.set_title(value)
        elif key == "description":
            document.meta.set_description(value)
        elif key == "subject":
            document.meta.set_subject(value)
        elif key == "keywords":
            document.meta.set_keywords(value)
        elif key == "initial_creator":
            document.meta.set_initial_creator(value)
        else:
            document.meta.set_user_defined_metadata(key, value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zipped(parts: dict[str, bytes], mimetype: str = ODT, compress: bool = True) -> bytes:
    """A package written by hand: `mimetype` first and stored, then `parts` compressed (or stored)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        for name, data in parts.items():
            archive.writestr(
                name, data, compress_type=zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            )
    return out.getvalue()


def rewritten(data: bytes, parts: dict[str, bytes], compress: bool = True) -> bytes:
    """A copy of the package `data` with `parts` replaced or added."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        old = {name: archive.read(name) for name in archive.namelist() if name != "mimetype"}
        mimetype = archive.read("mimetype").decode()
    return zipped(old | parts, mimetype, compress)


def paragraph(text: str, style: str = "Text_20_body") -> str:
    """A text:p element."""
    return f'<text:p text:style-name="{style}">{text}</text:p>'


def heading(text: str, level: int) -> str:
    """A text:h element as LibreOffice writes it."""
    return f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">{text}</text:h>'


def table(name: str, rows: list[list[str]], header: int = 0) -> str:
    """A table:table with one paragraph per cell; the first `header` rows are header rows."""
    cells = [
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string">{paragraph(cell, "Table_20_Contents")}</table:table-cell>'
            for cell in row
        )
        + "</table:table-row>"
        for row in rows
    ]
    head = f"<table:table-header-rows>{''.join(cells[:header])}</table:table-header-rows>" if header else ""
    return (
        f'<table:table table:name="{name}"><table:table-column table:number-columns-repeated="{len(rows[0])}"/>'
        f"{head}{''.join(cells[header:])}</table:table>"
    )


def captioned_picture(href: str, alt: str, word: str, caption: str) -> str:
    """LibreOffice's captioned picture: a frame whose text box holds the image and its caption."""
    return (
        '<text:p text:style-name="Standard"><draw:frame draw:style-name="fr1" draw:name="Frame1"'
        ' text:anchor-type="as-char" svg:width="6cm" draw:z-index="0"><draw:text-box fo:min-height="4cm">'
        '<text:p text:style-name="Figure"><draw:frame draw:style-name="fr2" draw:name="Image1"'
        ' text:anchor-type="as-char" svg:width="6cm" svg:height="4cm" draw:z-index="1">'
        f'<draw:image xlink:href="{href}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"'
        f' draw:mime-type="image/png"/><svg:title>kitchen</svg:title><svg:desc>{alt}</svg:desc></draw:frame>'
        f'{word} <text:sequence text:ref-name="refFigure0" text:name="Figure" text:formula="ooow:Figure+1"'
        f' style:num-format="1">1</text:sequence>: {caption}</text:p></draw:text-box></draw:frame></text:p>'
    )


def full_case(lang: str) -> bytes:
    """A whole caselet in `lang` (en, hi or ta): title, summary, metadata table, sections, lists, table,
    footnote and a captioned picture, as LibreOffice writes them."""
    t = CASE_TEXT[lang]
    spans = (
        f'{t["before_bold"]} <text:span text:style-name="T1">{t["bold"]}</text:span> {t["before_italic"]}'
        f' <text:span text:style-name="T2">{t["italic"]}</text:span>{t["before_link"]}'
        f' <text:a xlink:type="simple" xlink:href="{LINK}" text:style-name="Internet_20_link">{t["link"]}</text:a>'
        f"{t['end']}"
    )
    note = (
        '<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
        f'<text:note-body><text:p text:style-name="Footnote">{t["note"]}</text:p></text:note-body></text:note>'
    )
    bullets = (
        '<text:list xml:id="list1" text:style-name="L1">'
        f"<text:list-item>{paragraph(t['bullet_1'], 'P3')}<text:list>"
        f"<text:list-item>{paragraph(t['bullet_1a'], 'P3')}</text:list-item>"
        f"<text:list-item>{paragraph(t['bullet_1b'], 'P3')}</text:list-item></text:list></text:list-item>"
        f"<text:list-item>{paragraph(t['bullet_2'], 'P3')}</text:list-item></text:list>"
    )
    numbers = (
        '<text:list xml:id="list2" text:style-name="L2">'
        f"<text:list-item>{paragraph(t['number_1'])}</text:list-item>"
        f"<text:list-item>{paragraph(t['number_2'])}</text:list-item></text:list>"
    )
    body = "".join(
        (
            '<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Figure"/>'
            "</text:sequence-decls>",
            paragraph(t["title"], "Title"),
            paragraph(t["summary"]),
            table("Metadata", [list(row) for row in metadata_values(lang)]),
            heading(t["context"], 1),
            paragraph(spans),
            heading(t["kitchens"], 2),
            bullets,
            numbers,
            table(
                "Blocks", [[t["block"], t["schools"]], [t["block_1"], "112"], [t["block_2"], "87"]], header=1
            ),
            paragraph(t["result"] + note),
            captioned_picture(PICTURE, t["alt"], t["figure"], t["caption"]),
            heading(t["questions"], 1),
            paragraph(t["question"]),
        )
    )
    meta = {
        "title": t["title"],
        "description": t["summary"],
        "keywords": "school meals",
        "initial_creator": "Meena Kumari",
        "Reviewer": "R. Pillai",
    }
    return odt(body, files={PICTURE: (tiny_png(), "image/png")}, meta=meta)


def styled_paragraphs() -> bytes:
    """Paragraph styles resolved by LibreOffice names, display names, parents and automatic styles."""
    body = "".join(
        (
            paragraph("Heading by automatic style", "P2"),  # P2 -> Heading_20_2 (display name "Heading 2")
            paragraph("Heading by escaped name", "Heading_20_3"),
            paragraph("A caption", "Caption"),
            paragraph("A figure caption", "Figure"),
            paragraph("Write the context here", "Guidance"),
            paragraph('Italic paragraph with <text:span text:style-name="T1">bold</text:span> words', "P1"),
            paragraph('Named <text:span text:style-name="Strong_20_Emphasis">strong</text:span> style'),
            paragraph('Complex-script <text:span text:style-name="T3">बोल्ड</text:span>'),
            '<text:h text:style-name="Heading_20_1" text:outline-level="9">Deep heading</text:h>',
            '<text:h text:style-name="Title">Title written as a heading</text:h>',
            paragraph('Spaces:  a<text:s text:c="3"/>b<text:tab/>c<text:line-break/>d  '),
            '<text:list><text:list-item><text:p text:style-name="P3">numbered by its paragraph style</text:p>'
            '</text:list-item><text:list-item><text:h text:style-name="Heading_20_2" text:outline-level="2">'
            "Heading in a list</text:h></text:list-item></text:list>",
            paragraph("தமிழ் \u0b95\u0bc6\u0bbe", "Standard"),  # கொ decomposed: the reader composes it (NFC)
        )
    )
    return odt(body)


def with_macros() -> bytes:
    """A text document holding a Basic macro module (and its manifest entry)."""
    module = (
        b'<?xml version="1.0" encoding="UTF-8"?><script:module xmlns:script="http://openoffice.org/2000/script"'
        b' script:name="Module1" script:language="StarBasic">Sub Main\nShell("calc")\nEnd Sub</script:module>'
    )
    return odt(
        paragraph("A document with a macro."), files={"Basic/Standard/Module1.xml": (module, "text/xml")}
    )


def with_empty_macro_containers() -> bytes:
    """A text document with only empty Basic library containers, as old OpenOffice wrote them: readable."""
    index = (
        b'<?xml version="1.0" encoding="UTF-8"?><library:libraries'
        b' xmlns:library="http://openoffice.org/2000/library"/>'
    )
    return rewritten(odt(paragraph("No macros here.")), {"Basic/script-lc.xml": index, "Scripts/": b""})


def encrypted() -> bytes:
    """A text document whose manifest says content.xml is encrypted."""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODT}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="900">'
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
        '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024"'
        ' manifest:salt="AAAA"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>'
    )
    return rewritten(odt(paragraph("Secret.")), {"META-INF/manifest.xml": manifest.encode()})


TRACKED_CHANGES = (
    "<text:tracked-changes>"
    '<text:changed-region xml:id="ct1" text:id="ct1"><text:insertion><office:change-info>'
    "<dc:creator>Meena Kumari</dc:creator><dc:date>2024-03-01T10:00:00</dc:date></office:change-info>"
    "</text:insertion></text:changed-region>"
    '<text:changed-region xml:id="ct2" text:id="ct2"><text:deletion><office:change-info>'
    "<dc:creator>R. Pillai</dc:creator><dc:date>2024-03-02T10:00:00</dc:date></office:change-info>"
    "<text:p>Call the headmaster on 98450 12345.</text:p></text:deletion></text:changed-region>"
    '<text:changed-region xml:id="ct3" text:id="ct3"><text:format-change><office:change-info>'
    "<dc:creator>Meena Kumari</dc:creator><dc:date>2024-03-03T10:00:00</dc:date></office:change-info>"
    "</text:format-change></text:changed-region>"
    "</text:tracked-changes>"
)


def with_tracked_changes() -> bytes:
    """An insertion (paragraph 1), a deletion (paragraph 2) and a format change (paragraph 3), unaccepted."""
    body = TRACKED_CHANGES + "".join(
        (
            paragraph(
                'The kitchen opened <text:change-start text:change-id="ct1"/>in March'
                '<text:change-end text:change-id="ct1"/>.'
            ),
            paragraph('Meals reached all pupils.<text:change text:change-id="ct2"/>'),
            paragraph(
                '<text:change-start text:change-id="ct3"/>Menus<text:change-end text:change-id="ct3"/>'
                " changed weekly."
            ),
        )
    )
    return odt(body)


def with_comment(text: str) -> bytes:
    """Paragraph 2 carries a comment by Meena Kumari holding `text`."""
    annotation = (
        '<office:annotation office:name="__Annotation__1"><dc:creator>Meena Kumari</dc:creator>'
        f"<dc:date>2024-03-01T10:00:00</dc:date><text:p>{text}</text:p></office:annotation>"
    )
    body = paragraph("First paragraph.") + paragraph(
        f'Cooks were paid{annotation} monthly<office:annotation-end office:name="__Annotation__1"/>.'
    )
    return odt(body)


def with_remote_image() -> bytes:
    """Pictures linked to a web server, a local file and a path outside the package; one embedded picture."""
    frames = "".join(
        f'<draw:frame draw:name="Image{n}" text:anchor-type="as-char"><draw:image xlink:href="{href}"'
        ' xlink:type="simple" xlink:show="embed"/></draw:frame>'
        for n, href in enumerate(
            ("https://example.org/photo.png", "file:///C:/photos/kitchen.png", "../kitchen.png")
        )
    )
    inside = (
        '<draw:frame draw:name="Image9" text:anchor-type="paragraph"><draw:image xlink:href="Pictures/k.png"/>'
        "<svg:title>A kitchen</svg:title></draw:frame>"
    )
    body = paragraph("Remote pictures: " + frames) + paragraph(inside)
    return odt(body, files={"Pictures/k.png": (tiny_png(7), "image/png")})


def with_embedded_object() -> bytes:
    """A formula object (with its replacement picture), an OLE object, a chart and a plain text box."""
    formula = (
        '<draw:frame draw:name="Object1" text:anchor-type="as-char"><draw:object xlink:href="./Object 1"'
        ' xlink:type="simple" xlink:show="embed"/><draw:image xlink:href="./ObjectReplacements/Object 1"/>'
        "</draw:frame>"
    )
    ole = '<draw:frame draw:name="Object2"><draw:object-ole xlink:href="./Object 2"/></draw:frame>'
    chart = '<draw:frame draw:name="Object3"><draw:object xlink:href="./Object 3"/></draw:frame>'
    box = (
        '<draw:frame draw:name="Frame1" text:anchor-type="paragraph"><draw:text-box>'
        "<text:p>Helpline of the headmaster</text:p></draw:text-box></draw:frame>"
    )
    math = (
        b'<?xml version="1.0" encoding="UTF-8"?><math xmlns="http://www.w3.org/1998/Math/MathML">'
        b"<semantics><mi>x</mi></semantics></math>"
    )
    files = {
        "Object 1/content.xml": (math, "text/xml"),
        "Object 1/": (b"", "application/vnd.oasis.opendocument.formula"),
        "ObjectReplacements/Object 1": (tiny_png(3), "application/x-openoffice-gdimetafile"),
        "Object 2": (b"\xd0\xcf\x11\xe0", "application/vnd.sun.star.oleobject"),
        "Object 3/content.xml": (b"<x/>", "text/xml"),
        "Object 3/": (b"", "application/vnd.oasis.opendocument.chart"),
    }
    body = paragraph("An equation " + formula) + paragraph(ole + chart) + paragraph("Note " + box)
    return odt(body, files=files)


def with_nested_table() -> bytes:
    """A table whose second cell holds another table."""
    inner = table("Inner", [["x", "y"]])
    outer = (
        '<table:table table:name="Outer"><table:table-column table:number-columns-repeated="2"/><table:table-row>'
        f"<table:table-cell>{paragraph('left')}</table:table-cell>"
        f"<table:table-cell>{paragraph('right')}{inner}</table:table-cell></table:table-row>"
        '<table:table-row><table:table-cell table:number-columns-spanned="2">'
        f"{paragraph('merged')}</table:table-cell><table:covered-table-cell/></table:table-row></table:table>"
    )
    return odt(paragraph("Before.") + outer + paragraph("After."))


def spreadsheet() -> bytes:
    """An OpenDocument spreadsheet (.ods)."""
    out = io.BytesIO()
    Document("spreadsheet").save(out)
    return out.getvalue()


def with_doctype() -> bytes:
    """A text document whose content.xml declares an external entity (XXE) and uses it."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE office:document-content [\n'
        '<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:text><text:p>&x;</text:p></office:text></office:body></office:document-content>"
    )
    return rewritten(odt(paragraph("placeholder")), {"content.xml": content.encode()})


def with_notes() -> bytes:
    """A footnote holding a list and bold text, then an endnote; note paragraphs are not numbered."""
    footnote = (
        '<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
        '<text:note-body><text:p text:style-name="Footnote">Source: <text:span text:style-name="T1">block'
        ' office</text:span></text:p><text:list text:style-name="L2"><text:list-item>'
        "<text:p>register of 2022</text:p></text:list-item></text:list></text:note-body></text:note>"
    )
    endnote = (
        '<text:note text:id="edn1" text:note-class="endnote"><text:note-citation>i</text:note-citation>'
        '<text:note-body><text:p text:style-name="Endnote">Checked in 2023.</text:p></text:note-body></text:note>'
    )
    body = paragraph(f"Pupils ate at noon{footnote} every day.") + paragraph(f"Cooks were local{endnote}")
    return odt(body + paragraph("Last."))


def odd_structure() -> bytes:
    """Sections, a table of contents, list headers, a page-anchored picture, a picture in a table cell,
    text beside a picture, nested lists with their own style, page breaks, bookmarks and reference marks."""
    picture = '<draw:frame draw:name="Image{n}"><draw:image xlink:href="Pictures/{name}"/><svg:desc>{desc}</svg:desc></draw:frame>'
    toc = (
        '<text:table-of-content text:name="Contents1"><text:table-of-content-source text:outline-level="2"/>'
        '<text:index-body><text:p text:style-name="Contents_20_1">Context 1</text:p></text:index-body>'
        "</text:table-of-content>"
    )
    lists = (
        '<text:list text:style-name="L1"><text:list-header><text:p>Header item</text:p></text:list-header>'
        '<text:list-item><text:list text:style-name="L2"><text:list-item><text:p>deep bullet</text:p>'
        "</text:list-item></text:list></text:list-item></text:list>"
    )
    cell_picture = (
        '<table:table table:name="Pics"><table:table-column/><table:table-row><table:table-cell>'
        + paragraph("cell " + picture.format(n=3, name="b.png", desc="in a cell"))
        + "</table:table-cell></table:table-row></table:table>"
    )
    body = "".join(
        (
            toc,
            picture.format(n=1, name="a.png", desc="Anchored to the page"),
            '<text:section text:name="Section1">' + heading("In a section", 1) + "</text:section>",
            paragraph(
                'Text <text:bookmark text:name="b1"/>beside<text:soft-page-break/> a'
                ' <text:reference-mark-start text:name="r1"/>picture<text:reference-mark-end text:name="r1"/> '
                + picture.format(n=2, name="a.png", desc="")
            ),
            lists,
            cell_picture,
        )
    )
    files = {"Pictures/a.png": (tiny_png(1), "image/png"), "Pictures/b.png": (tiny_png(2), "image/png")}
    return odt(body, files=files)


def without_content() -> bytes:
    """A package with a text mimetype and no content.xml."""
    return zipped(
        {
            "META-INF/manifest.xml": b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'
        }
    )


def with_broken_content() -> bytes:
    """A text document whose content.xml is not well-formed."""
    return rewritten(odt(paragraph("x")), {"content.xml": b"<office:document-content><unclosed>"})


def deeply_nested(depth: int = 5000) -> bytes:
    """A paragraph of `depth` spans nested in each other, built to exhaust a recursive reader."""
    spans = '<text:span text:style-name="T1">' * depth + "deep" + "</text:span>" * depth
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text><text:p>{spans}</text:p></office:text></office:body></office:document-content>"
    )
    # Stored, not compressed: repeated markup compresses past the zip-bomb ratio.
    return rewritten(odt(paragraph("placeholder")), {"content.xml": content.encode()}, compress=False)
