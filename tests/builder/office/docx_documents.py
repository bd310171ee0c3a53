"""Word files for tests of `agk import`, made with python-docx and raw XML, never with our own writer.

`case_document` is a case study as a department writes it (Hindi, English or Tamil) and
`case_expectations` says what it holds. The other builders are hostile or unusual files: zip bombs,
XML entity attacks, linked and embedded objects, macros, tracked changes, comments, broken files
and files that are not Word documents at all. Every builder returns the file's bytes.
"""

from __future__ import annotations

import copy
import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.shape import CT_Inline
from docx.shared import Cm
from docx.text.paragraph import Paragraph
from stdnum import verhoeff

# --- namespaces and content types --------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = {"w": W_NS}
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
VBA_PROJECT_CT = "application/vnd.ms-office.vbaProject"
VBA_PROJECT_RT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
OLE_OBJECT_CT = "application/vnd.openxmlformats-officedocument.oleObject"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
# Namespaces python-docx's nsdecls does not know.
VML_DECLS = 'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:v="urn:schemas-microsoft-com:vml"'
MC_DECLS = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
FIXED_TIME = (2024, 1, 1, 0, 0, 0)

# --- texts of the hostile documents ------------------------------------------------------------

REMOTE_IMAGE_URL = "http://example.invalid/chart.png"
REMOTE_IMAGE_CAPTION = "Figure 1: Enrolment by block, 2019 (linked chart)"
TEXT_BOX_TEXT = "Key fact: 1,236 girls returned to school in one year."
INSERTED_TEXT = "The committee met every month."
INSERTION_AUTHOR = "A. Reviewer"
# 11 digits not starting with 0 or 1, then the Verhoeff check digit: a valid Aadhaar number.
TRACKED_AADHAAR = "23456789012" + verhoeff.calc_check_digit("23456789012")
DELETED_TEXT = f"Beneficiary Aadhaar {TRACKED_AADHAAR} was verified at the block office."
COMMENT_PAN = "ABCPE1234F"
COMMENT_TEXT = f"Check the applicant's PAN {COMMENT_PAN} before publishing."
COMMENT_AUTHOR = "B. Editor"
COMMENTED_RUN_TEXT = "The applicant received the pension within 21 days."
OLE_OBJECT_TEXT = "The budget sheet is embedded below."
UNMAPPED_LABEL, UNMAPPED_LABEL_VALUE = "Budget", "4 crore"
UNKNOWN_STATE = "Atlantis"
ANNEXURE_HEADING = "Annexure"
ANNEXURE_TEXT = "Photographs from the block review meeting."
ZIP_BOMB_SIZE = 1 << 30  # spaces inside the one text run of zip_bomb's document.xml
LYING_BOMB_SIZE = 256 << 20
LYING_BOMB_CLAIM = 2048  # the uncompressed size its headers declare
EXTRA_ENTRIES = 5000

# --- the case study ----------------------------------------------------------------------------

# Sections of each case type, in order (case_studies/_taxonomies/case_types.yaml).
CASE_TYPE_SECTIONS = {
    "lesson-drawing": ("context", "challenge", "implementation", "outcomes", "lessons", "questions"),
    "decision-forcing": ("context", "narrative", "dilemma", "questions"),
    "caselet": ("context", "questions"),
}
CASE_LANGUAGES = ("hi", "en", "ta")

# Metadata labels in the order of the table's rows, by case.yaml key. Hindi and Tamil labels are
# the UI strings of builder/render/i18n/<lang>.yaml (type, state, level, sector, sdg, year,
# organisation, authors, tag); English ones are what officers write ("Case type", "SDGs").
FIELD_ORDER = (
    "type",
    "states",
    "level",
    "sectors",
    "sdgs",
    "year",
    "organisation",
    "original_language",
    "authors",
    "tags",
)
_LABELS = {
    "en": {
        "type": "Case type",
        "states": "State",
        "level": "Level of government",
        "sectors": "Sector",
        "sdgs": "SDGs",
        "year": "Year",
        "organisation": "Implemented by",
        "original_language": "Original language",
        "authors": "Authors",
        "tags": "Keywords",
    },
    "hi": {
        "type": "केस का प्रकार",
        "states": "राज्य या केंद्र शासित प्रदेश",
        "level": "शासन का स्तर",
        "sectors": "क्षेत्र",
        "sdgs": "सतत विकास लक्ष्य",
        "year": "वर्ष",
        "organisation": "कार्यान्वयन संस्था",
        "original_language": "मूल भाषा",
        "authors": "लेखक",
        "tags": "मुख्य शब्द",
    },
    "ta": {
        "type": "ஆய்வின் வகை",
        "states": "மாநிலம் அல்லது யூனியன் பிரதேசம்",
        "level": "அரசின் நிலை",
        "sectors": "துறை",
        "sdgs": "நீடித்த நிலையான வளர்ச்சி இலக்கு",
        "year": "ஆண்டு",
        "organisation": "செயல்படுத்திய அமைப்பு",
        "original_language": "மூல மொழி",
        "authors": "எழுதியவர்கள்",
        "tags": "முக்கியச் சொல்",
    },
}
# Labels of case types and sections (case_studies/_taxonomies/labels/<lang>.yaml).
_CASE_TYPE_LABELS = {
    "en": {
        "lesson-drawing": "Lesson-drawing case",
        "decision-forcing": "Decision-forcing case",
        "caselet": "Caselet",
    },
    "hi": {"lesson-drawing": "सीख आधारित केस", "decision-forcing": "निर्णय आधारित केस", "caselet": "लघु केस"},
    "ta": {
        "lesson-drawing": "படிப்பினை தரும் நிகழ்வு ஆய்வு",
        "decision-forcing": "முடிவெடுக்கும் நிகழ்வு ஆய்வு",
        "caselet": "சிறு நிகழ்வு ஆய்வு",
    },
}
_SECTION_LABELS = {
    "en": {
        "context": "Context",
        "challenge": "The challenge",
        "implementation": "Implementation",
        "outcomes": "Outcomes",
        "lessons": "Lessons",
        "narrative": "What happened",
        "dilemma": "The decision",
        "questions": "Questions for discussion",
    },
    "hi": {
        "context": "पृष्ठभूमि",
        "challenge": "चुनौती",
        "implementation": "कार्यान्वयन",
        "outcomes": "परिणाम",
        "lessons": "सीख",
        "narrative": "घटनाक्रम",
        "dilemma": "दुविधा",
        "questions": "चर्चा के प्रश्न",
    },
    "ta": {
        "context": "பின்னணி",
        "challenge": "சவால்",
        "implementation": "செயல்படுத்துதல்",
        "outcomes": "விளைவுகள்",
        "lessons": "படிப்பினைகள்",
        "narrative": "நடந்தது என்ன",
        "dilemma": "எடுக்க வேண்டிய முடிவு",
        "questions": "விவாதத்துக்கான கேள்விகள்",
    },
}

# The invented cases: school drop-outs in Amarpur, Uttar Pradesh (hi, en) and old-age pensions in
# Sembur, Tamil Nadu (ta). `values` are the metadata cells; `fields` what they mean as case.yaml.
_CASES: dict[str, dict[str, Any]] = {
    "hi": {
        "title": "अमरपुर ज़िले में स्कूल वापसी अभियान: कक्षा 5 के बाद बालिकाओं की पढ़ाई न छूटे",
        "summary": (
            "वर्ष 2019 में अमरपुर ज़िले के बेसिक शिक्षा कार्यालय ने उन बालिकाओं की पहचान की जिनकी "
            "पढ़ाई कक्षा 5 के बाद छूट रही थी। ग्राम स्तर की निगरानी और अभिभावकों से संवाद के बल पर "
            "एक वर्ष में 1,200 से अधिक बालिकाएँ फिर से विद्यालय लौटीं।"
        ),
        "values": {
            "states": "उत्तर प्रदेश",
            "level": "ज़िला",
            "sectors": "स्कूली शिक्षा / बालिका शिक्षा",
            "sdgs": "4, 5",
            "year": "2019",
            "organisation": "ज़िला बेसिक शिक्षा कार्यालय, अमरपुर",
            "original_language": "हिन्दी",
            "authors": "सुमन त्रिपाठी (ज़िला बेसिक शिक्षा कार्यालय); राकेश यादव (ज़िला प्रशासन अमरपुर)",
            "tags": "ड्रॉपआउट, बालिका शिक्षा, सामुदायिक निगरानी",
        },
        "fields": {
            "states": ["UP"],
            "level": "district",
            "sectors": [{"sector": "school-education", "sub_sector": "girls-education"}],
            "sdgs": [4, 5],
            "year": 2019,
            "organisation": "ज़िला बेसिक शिक्षा कार्यालय, अमरपुर",
            "original_language": "hi",
            "authors": [
                {"name": "सुमन त्रिपाठी", "affiliation": "ज़िला बेसिक शिक्षा कार्यालय"},
                {"name": "राकेश यादव", "affiliation": "ज़िला प्रशासन अमरपुर"},
            ],
            "tags": ["ड्रॉपआउट", "बालिका शिक्षा", "सामुदायिक निगरानी"],
        },
        "sections": {
            "context": [
                "अमरपुर उत्तर प्रदेश का एक ग्रामीण ज़िला है जहाँ अधिकांश परिवार खेती और मौसमी मज़दूरी पर निर्भर हैं।",
                "ज़िले में 1,400 से अधिक विद्यालय हैं, पर कई गाँवों से उच्च प्राथमिक विद्यालय तीन किलोमीटर से अधिक दूर है।",
            ],
            "challenge": [
                "वर्ष 2018 के आँकड़ों से पता चला कि कक्षा 5 के बाद लगभग हर पाँचवीं बालिका ने अगली कक्षा में नामांकन नहीं कराया।",
                "विद्यालय की दूरी, घरेलू काम और सुरक्षा की चिंता इसके मुख्य कारण बताए गए।",
            ],
            "implementation": [
                "ज़िला कार्यालय ने हर ग्राम पंचायत में शिक्षक, आंगनवाड़ी कार्यकर्ता और अभिभावकों को मिलाकर स्कूल वापसी समिति बनाई।",
                "समितियों ने हर महीने अनुपस्थित बालिकाओं के घर जाकर बात की और साइकिल तथा सामूहिक आवागमन की व्यवस्था कराई।",
            ],
            "outcomes": [
                "एक वर्ष में 1,236 बालिकाएँ फिर से विद्यालय लौटीं और कक्षा 6 में बालिकाओं का नामांकन 14 प्रतिशत बढ़ा।",
                "जिन गाँवों में समिति नियमित रूप से मिली, वहाँ परिणाम सबसे अच्छे रहे।",
            ],
            "lessons": [
                "स्थानीय लोगों की भागीदारी से निगरानी सस्ती भी रही और भरोसेमंद भी।",
                "आँकड़े हर महीने ग्राम सभा में पढ़कर सुनाने से जवाबदेही बढ़ी।",
            ],
            "narrative": [
                "जुलाई 2019 में नया सत्र शुरू होते ही ज़िला बेसिक शिक्षा अधिकारी के सामने नामांकन के चिंताजनक आँकड़े आए।",
                "कुछ प्रधानाध्यापक पहले भवन सुधारना चाहते थे, जबकि दूसरे घर-घर संपर्क पर ज़ोर दे रहे थे।",
            ],
            "dilemma": [
                "सीमित बजट में अधिकारी को तय करना था कि राशि शौचालयों और चहारदीवारी पर खर्च हो या समितियों और आवागमन पर।",
                "दोनों पक्ष अपनी बात के समर्थन में आँकड़े दे रहे थे।",
            ],
            "questions": ["नीचे दिए प्रश्नों पर समूह में चर्चा करें।"],
        },
        "rich": (
            "अभियान की रूपरेखा ",
            "ज़िला बेसिक शिक्षा कार्यालय",
            " ने ",
            "समुदाय आधारित निगरानी",
            " के सिद्धांत पर बनाई; पूरा विवरण ",
            "अभियान रिपोर्ट",
            " में है।",
        ),
        "footnote_paragraph": "नामांकन के आँकड़े ज़िले के वार्षिक विद्यालय सर्वेक्षण से लिए गए हैं।",
        "footnote": "वार्षिक विद्यालय सर्वेक्षण 2018–19, ज़िला बेसिक शिक्षा कार्यालय, अमरपुर।",
        "subheading": "स्कूल वापसी समिति का गठन",
        "subheading_paragraph": "हर समिति में तीन से पाँच सदस्य थे और वह महीने के पहले शनिवार को मिलती थी।",
        "bullets": [
            ("शिक्षक", 0),
            ("आंगनवाड़ी कार्यकर्ता", 0),
            ("अभिभावक प्रतिनिधि", 0),
            ("कम से कम एक माता", 1),
            ("ग्राम पंचायत द्वारा नामित सदस्य", 1),
        ],
        "numbered": [
            "समिति की सफलता में सबसे महत्त्वपूर्ण कारक कौन-सा था?",
            "क्या यह तरीका शहरी क्षेत्रों में भी काम करेगा? क्यों?",
            "आप सीमित बजट का बँटवारा कैसे करते?",
        ],
        "table": [["विकास खंड", "लौटी बालिकाएँ", "समितियाँ"], ["सदर", "412", "38"], ["रामनगर", "824", "61"]],
        "caption": "चित्र 1: विकास खंड के अनुसार विद्यालय लौटी बालिकाएँ",
        "image_alt": "दो विकास खंडों में विद्यालय लौटी बालिकाओं की संख्या का स्तंभ चार्ट",
        "link_url": "https://example.org/amarpur/school-return-report",
    },
    "en": {
        "title": "Back to School in Amarpur: Keeping Girls in Class after Grade 5",
        "summary": (
            "In 2019 the district basic education office of Amarpur identified girls who were leaving "
            "school after Class 5. Village monitoring and regular talks with parents brought more than "
            "1,200 girls back to school within a year."
        ),
        "values": {
            "states": "Uttar Pradesh",
            "level": "District",
            "sectors": "School education / Girls' education",
            "sdgs": "4, 5",
            "year": "2019",
            "organisation": "District Basic Education Office, Amarpur",
            "original_language": "English",
            "authors": "Suman Tripathi (District Basic Education Office); Rakesh Yadav (District Administration Amarpur)",
            "tags": "drop-outs, girls' education, community monitoring",
        },
        "fields": {
            "states": ["UP"],
            "level": "district",
            "sectors": [{"sector": "school-education", "sub_sector": "girls-education"}],
            "sdgs": [4, 5],
            "year": 2019,
            "organisation": "District Basic Education Office, Amarpur",
            "original_language": "en",
            "authors": [
                {"name": "Suman Tripathi", "affiliation": "District Basic Education Office"},
                {"name": "Rakesh Yadav", "affiliation": "District Administration Amarpur"},
            ],
            "tags": ["drop-outs", "girls' education", "community monitoring"],
        },
        "sections": {
            "context": [
                "Amarpur is a rural district of Uttar Pradesh where most families live on farming and seasonal work.",
                "The district has more than 1,400 schools, but in many villages the nearest upper primary school is over three kilometres away.",
            ],
            "challenge": [
                "School data for 2018 showed that almost one girl in five did not enrol in Class 6 after finishing Class 5.",
                "Distance to school, work at home and worries about safety were the main reasons given.",
            ],
            "implementation": [
                "The district office set up a back-to-school committee in every gram panchayat, made of a teacher, an anganwadi worker and parents.",
                "Every month the committees visited the homes of absent girls and arranged bicycles and shared transport.",
            ],
            "outcomes": [
                "Within a year 1,236 girls returned to school and the enrolment of girls in Class 6 rose by 14 per cent.",
                "Results were best in villages where the committee met regularly.",
            ],
            "lessons": [
                "Involving local people made monitoring cheap and trusted.",
                "Reading the figures out at the gram sabha every month made everyone more accountable.",
            ],
            "narrative": [
                "When the new session began in July 2019, the district basic education officer received worrying enrolment figures.",
                "Some head teachers wanted to repair buildings first, while others pressed for visits to every home.",
            ],
            "dilemma": [
                "With a small budget, the officer had to choose between toilets and boundary walls or the committees and transport.",
                "Both sides backed their case with figures.",
            ],
            "questions": ["Discuss the following questions in groups."],
        },
        "rich": (
            "The campaign was designed by the ",
            "District Basic Education Office",
            " on the principle of ",
            "community monitoring",
            "; the full account is in the ",
            "campaign report",
            ".",
        ),
        "footnote_paragraph": "Enrolment figures are taken from the district's annual school survey.",
        "footnote": "Annual School Survey 2018–19, District Basic Education Office, Amarpur.",
        "subheading": "Forming the back-to-school committees",
        "subheading_paragraph": "Each committee had three to five members and met on the first Saturday of the month.",
        "bullets": [
            ("Teachers", 0),
            ("Anganwadi workers", 0),
            ("Parents' representatives", 0),
            ("At least one mother", 1),
            ("A member named by the gram panchayat", 1),
        ],
        "numbered": [
            "What was the most important reason for the committees' success?",
            "Would this approach work in urban areas? Why?",
            "How would you have divided the limited budget?",
        ],
        "table": [
            ["Block", "Girls returned", "Committees"],
            ["Sadar", "412", "38"],
            ["Ramnagar", "824", "61"],
        ],
        "caption": "Figure 1: Girls who returned to school, by block",
        "image_alt": "Bar chart of girls who returned to school in two blocks",
        "link_url": "https://example.org/amarpur/school-return-report",
    },
    "ta": {
        "title": "செம்பூர் மாவட்டத்தில் முதியோர் ஓய்வூதியத்தை விரைவுபடுத்துதல்",
        "summary": (
            "2021-இல் செம்பூர் மாவட்ட நிர்வாகம் முதியோர் ஓய்வூதிய விண்ணப்பங்களை ஒற்றைச் சாளர முறையில் "
            "பெறத் தொடங்கியது. சராசரி ஒப்புதல் காலம் 90 நாட்களிலிருந்து 21 நாட்களாகக் குறைந்தது."
        ),
        "values": {
            "states": "தமிழ்நாடு",
            "level": "மாவட்டம்",
            "sectors": "சமூக நீதி மற்றும் அதிகாரமளித்தல் / சமூகப் பாதுகாப்பு ஓய்வூதியம்",
            "sdgs": "1, 10",
            "year": "2021",
            "organisation": "மாவட்ட ஆட்சியர் அலுவலகம், செம்பூர்",
            "original_language": "தமிழ்",
            "authors": "க. மீனாட்சி (மாவட்ட சமூக நலத் துறை); ர. செல்வம் (வருவாய்த் துறை)",
            "tags": "ஓய்வூதியம், ஒற்றைச் சாளரம், சேவை வழங்கல்",
        },
        "fields": {
            "states": ["TN"],
            "level": "district",
            "sectors": [{"sector": "social-justice", "sub_sector": "social-pensions"}],
            "sdgs": [1, 10],
            "year": 2021,
            "organisation": "மாவட்ட ஆட்சியர் அலுவலகம், செம்பூர்",
            "original_language": "ta",
            "authors": [
                {"name": "க. மீனாட்சி", "affiliation": "மாவட்ட சமூக நலத் துறை"},
                {"name": "ர. செல்வம்", "affiliation": "வருவாய்த் துறை"},
            ],
            "tags": ["ஓய்வூதியம்", "ஒற்றைச் சாளரம்", "சேவை வழங்கல்"],
        },
        "sections": {
            "context": [
                "செம்பூர் தமிழ்நாட்டின் ஒரு வேளாண் மாவட்டம்; இங்கு ஏழில் ஒருவர் 60 வயதைக் கடந்தவர்.",
                "முதியோர் ஓய்வூதிய விண்ணப்பங்கள் வட்டாட்சியர் அலுவலகங்களில் காகித வடிவில் பெறப்பட்டு வந்தன.",
            ],
            "challenge": [
                "ஒரு விண்ணப்பம் ஒப்புதல் பெற சராசரியாக 90 நாட்கள் ஆனது; சில கோப்புகள் அலுவலகங்களுக்கு இடையே காணாமல் போயின.",
                "விண்ணப்பதாரர்கள் பலமுறை அலுவலகத்துக்கு வர வேண்டியிருந்தது.",
            ],
            "implementation": [
                "மாவட்ட ஆட்சியர் அலுவலகம் ஒவ்வொரு வட்டத்திலும் ஓய்வூதிய உதவி மையத்தைத் தொடங்கியது.",
                "விண்ணப்பங்கள் இணையத்தில் பதிவேற்றப்பட்டன; ஒவ்வொரு நிலைக்கும் ஏழு நாள் கால வரம்பு நிர்ணயிக்கப்பட்டது.",
            ],
            "outcomes": [
                "சராசரி ஒப்புதல் காலம் 21 நாட்களாகக் குறைந்தது.",
                "ஓராண்டில் 4,800 புதிய பயனாளிகள் ஓய்வூதியம் பெறத் தொடங்கினர்.",
            ],
            "lessons": [
                "கால வரம்பும் வெளிப்படையான கண்காணிப்பும் தாமதத்தைக் குறைத்தன.",
                "கிராம நிர்வாக அலுவலர்களுக்கு அளித்த பயிற்சி வெற்றிக்கு அவசியமாக இருந்தது.",
            ],
            "narrative": [
                "2021 ஜனவரியில் நிலுவையில் உள்ள 6,000 விண்ணப்பங்கள் பற்றிய புகார்கள் மாவட்ட ஆட்சியருக்கு வந்தன.",
                "சில அலுவலர்கள் கூடுதல் பணியாளர்களைக் கோரினர்; மற்றவர்கள் நடைமுறையையே மாற்ற வேண்டும் என்றனர்.",
            ],
            "dilemma": [
                "குறைந்த நிதியில் புதிய பணியாளர்களை நியமிப்பதா, நடைமுறையை மறுசீரமைப்பதா என்று ஆட்சியர் முடிவெடுக்க வேண்டியிருந்தது.",
                "இரண்டு வழிகளுக்கும் ஆதரவாளர்கள் இருந்தனர்.",
            ],
            "questions": ["பின்வரும் கேள்விகளைக் குழுவில் விவாதிக்கவும்."],
        },
        "rich": (
            "இத்திட்டத்தை ",
            "மாவட்ட ஆட்சியர் அலுவலகம்",
            " ",
            "ஒற்றைச் சாளர",
            " முறையில் வடிவமைத்தது; முழு விவரங்கள் ",
            "திட்ட அறிக்கையில்",
            " உள்ளன.",
        ),
        "footnote_paragraph": "நிலுவை விண்ணப்பங்களின் எண்ணிக்கை மாவட்டப் பதிவேட்டிலிருந்து எடுக்கப்பட்டது.",
        "footnote": "மாவட்ட சமூகப் பாதுகாப்புத் திட்டப் பதிவேடு, செம்பூர், 2020–21.",
        "subheading": "ஓய்வூதிய உதவி மையங்கள்",
        "subheading_paragraph": "ஒவ்வொரு மையத்திலும் இரண்டு பணியாளர்கள் வாரத்தில் ஆறு நாட்கள் பணியாற்றினர்.",
        "bullets": [
            ("விண்ணப்பம் பெறுதல்", 0),
            ("ஆவணச் சரிபார்ப்பு", 0),
            ("ஒப்புதல் நிலை அறிவிப்பு", 0),
            ("குறுஞ்செய்தி மூலம்", 1),
            ("தபால் மூலம்", 1),
        ],
        "numbered": [
            "தாமதத்துக்கு முக்கியக் காரணம் எது?",
            "கால வரம்பை எவ்வாறு கண்காணிக்கலாம்?",
            "நீங்கள் ஆட்சியராக இருந்தால் என்ன முடிவு எடுப்பீர்கள்?",
        ],
        "table": [["வட்டம்", "விண்ணப்பங்கள்", "சராசரி நாட்கள்"], ["செம்பூர்", "2,600", "19"], ["மேலூர்", "2,200", "23"]],
        "caption": "படம் 1: வட்டவாரியாக ஓய்வூதிய ஒப்புதல் காலம்",
        "image_alt": "இரண்டு வட்டங்களின் சராசரி ஒப்புதல் நாட்களைக் காட்டும் வரைபடம்",
        "link_url": "https://example.org/sembur/pension-report",
    },
}


def case_expectations(
    lang: str = "hi", *, english_labels: bool = False, case_type: str = "lesson-drawing"
) -> dict[str, Any]:
    """What `case_document` with the same arguments holds (a fresh dict; keys documented below).

    - lang, case_type; title (paragraph 1, "Title"); summary (paragraph 2, "Normal").
    - metadata: [(label, value)] — the rows of the first table, "Table Grid", in order.
    - metadata_values: {case.yaml key: cell text}; fields: {case.yaml key: value by id}, what the
      table means (type, states, level, sectors, sdgs, year, organisation, original_language,
      authors, tags); summary is not a row.
    - sections: [{"id", "heading", "paragraphs"}] — one "Heading 1" each, in order; paragraphs are
      the texts of the "Normal" paragraphs of the section (also those under its Heading 2), in order.
    - rich: {"text", "bold", "italic", "link_text"}; link_url: the hyperlink's external target;
      footnote_paragraph (its text, without the mark) and footnote (the text of footnote 1).
      These, subheading ("Heading 2"), subheading_paragraph and bullets are in sections[0].
    - bullets: [(text, level)] — level 0 "List Bullet", level 1 "List Bullet 2" (w:ilvl 1).
    - table: 3×3 cell texts, header row first; then a PNG picture whose alt text (wp:docPr descr) is
      image_alt, then a "Caption" paragraph caption; all in section media_section (the last
      section before "questions", or "context" for a caselet).
    - numbered: the "List Number" items, in the "questions" section after its paragraph.
    """
    if lang not in _CASES:
        raise ValueError(f"lang must be one of {CASE_LANGUAGES}, not {lang!r}")
    if case_type not in CASE_TYPE_SECTIONS:
        raise ValueError(f"unknown case type {case_type!r}")
    case = _CASES[lang]
    labels = _LABELS["en" if english_labels else lang]
    values = {"type": _CASE_TYPE_LABELS[lang][case_type], **case["values"]}
    ids = CASE_TYPE_SECTIONS[case_type]
    media = [s for s in ids if s != "questions"][-1]
    before, bold, mid, italic, mid2, link_text, after = case["rich"]
    rich_text = before + bold + mid + italic + mid2 + link_text + after
    sections = []
    for section in ids:
        paragraphs = list(case["sections"][section])
        if section == ids[0]:
            paragraphs += [rich_text, case["footnote_paragraph"], case["subheading_paragraph"]]
        sections.append({"id": section, "heading": _SECTION_LABELS[lang][section], "paragraphs": paragraphs})
    return copy.deepcopy(
        {
            "lang": lang,
            "case_type": case_type,
            "title": case["title"],
            "summary": case["summary"],
            "metadata": [(labels[key], values[key]) for key in FIELD_ORDER],
            "metadata_values": values,
            "fields": {"type": case_type, **case["fields"]},
            "sections": sections,
            "rich": {"text": rich_text, "bold": bold, "italic": italic, "link_text": link_text},
            "link_url": case["link_url"],
            "footnote_paragraph": case["footnote_paragraph"],
            "footnote": case["footnote"],
            "subheading": case["subheading"],
            "subheading_paragraph": case["subheading_paragraph"],
            "bullets": case["bullets"],
            "numbered": case["numbered"],
            "table": case["table"],
            "caption": case["caption"],
            "image_alt": case["image_alt"],
            "media_section": media,
        }
    )


def case_document(
    lang: str = "hi", *, english_labels: bool = False, case_type: str = "lesson-drawing"
) -> bytes:
    """A case study as a department writes it; `case_expectations` with the same arguments says what it holds."""
    return _save(_case(case_expectations(lang, english_labels=english_labels, case_type=case_type)))


def _case(exp: dict[str, Any]) -> Document:
    """The python-docx document of a case study described by `case_expectations`."""
    document = docx.Document()
    document.add_paragraph(exp["title"], style="Title")
    document.add_paragraph(exp["summary"])
    _add_table(document, [list(row) for row in exp["metadata"]])
    case = _CASES[exp["lang"]]
    for section in exp["sections"]:
        document.add_heading(section["heading"], level=1)
        plain = case["sections"][section["id"]]
        for text in plain:
            document.add_paragraph(text)
        if section is exp["sections"][0]:
            _add_rich_paragraph(document, case["rich"], exp["link_url"])
            _add_footnote(document, exp["footnote_paragraph"], exp["footnote"])
            document.add_heading(exp["subheading"], level=2)
            document.add_paragraph(exp["subheading_paragraph"])
            _add_bullets(document, exp["bullets"])
        if section["id"] == exp["media_section"]:
            _add_table(document, exp["table"])
            document.add_paragraph().add_run().add_picture(io.BytesIO(png()), width=Cm(6))
            _last_doc_pr(document).set("descr", exp["image_alt"])
            document.add_paragraph(exp["caption"], style="Caption")
        if section["id"] == "questions":
            for item in exp["numbered"]:
                document.add_paragraph(item, style="List Number")
    return document


def _add_table(document: Document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text


def _add_rich_paragraph(document: Document, parts: tuple[str, ...], url: str) -> None:
    """A paragraph with a bold run, an italic run and a hyperlink (w:hyperlink, external target)."""
    before, bold, mid, italic, mid2, link_text, after = parts
    paragraph = document.add_paragraph(before)
    paragraph.add_run(bold).bold = True
    paragraph.add_run(mid)
    paragraph.add_run(italic).italic = True
    paragraph.add_run(mid2)
    _add_hyperlink(paragraph, link_text, url)
    paragraph.add_run(after)


def _add_hyperlink(paragraph: Paragraph, text: str, url: str) -> None:
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:rPr><w:color w:val="0563C1"/>'
            f'<w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r></w:hyperlink>'
        )
    )


def _add_footnote(document: Document, paragraph_text: str, footnote_text: str) -> None:
    """A paragraph ending in a reference to footnote 1, and word/footnotes.xml holding it."""
    paragraph = document.add_paragraph(paragraph_text)
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            '<w:footnoteReference w:id="1"/></w:r>'
        )
    )
    separator = (
        '<w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:{0}/></w:r></w:p>'
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w", "r")}>'
        f'<w:footnote w:type="separator" w:id="-1">{separator.format("separator")}</w:footnote>'
        f'<w:footnote w:type="continuationSeparator" w:id="0">{separator.format("continuationSeparator")}'
        '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>'
        f"<w:r><w:t>{_xml_text(footnote_text)}</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    add_part(document, "/word/footnotes.xml", CT.WML_FOOTNOTES, footnotes.encode(), RT.FOOTNOTES)


def _add_bullets(document: Document, items: Iterable[tuple[str, int]]) -> None:
    """Level 0 in "List Bullet"; level 1 in "List Bullet 2" with w:ilvl 1 of List Bullet's numbering."""
    num_id = _bullet_num_id_with_second_level(document)
    for text, level in items:
        if level == 0:
            document.add_paragraph(text, style="List Bullet")
            continue
        paragraph = document.add_paragraph(text, style="List Bullet 2")
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 1
        num_pr.get_or_add_numId().val = num_id


def _bullet_num_id_with_second_level(document: Document) -> int:
    """The numId of style "List Bullet"; its abstract numbering gets a bullet at level 1 if it lacks one.

    The default template's List Bullet list is single-level and "List Bullet 2" has a list of its own
    at level 0, so a nested item needs explicit numbering: List Bullet's list, level 1.
    """
    style = document.styles["List Bullet"].element
    num_id = int(style.xpath("w:pPr/w:numPr/w:numId/@w:val")[0])
    numbering = document.part.numbering_part.element
    abstract_id = numbering.xpath(f'w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')[0]
    abstract = numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0]
    if not abstract.xpath('w:lvl[@w:ilvl="1"]', namespaces=W):
        for kind in abstract.xpath("w:multiLevelType", namespaces=W):
            kind.set(qn("w:val"), "hybridMultilevel")
        abstract.append(
            parse_xml(
                f'<w:lvl {nsdecls("w")} w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                '<w:lvlText w:val="o"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/>'
                '</w:pPr><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:hint="default"/>'
                "</w:rPr></w:lvl>"
            )
        )
    return num_id


def _last_doc_pr(document: Document) -> Any:
    """The wp:docPr of the last picture in the body: its `descr` is the alt text."""
    return document.element.body.xpath(".//wp:docPr")[-1]


# --- small helpers -----------------------------------------------------------------------------


def png(width: int = 24, height: int = 16) -> bytes:
    """A small valid RGB PNG: three coloured bars on white."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    bars = [(0x1F, 0x77, 0xB4), (0xFF, 0x7F, 0x0E), (0x2C, 0xA0, 0x2C)]
    rows = b""
    for y in range(height):
        row = bytearray([0])  # filter type: none
        for x in range(width):
            bar = bars[x * len(bars) // width]
            tall = height - 1 - y < height * (1 + x * len(bars) // width) // (len(bars) + 1)
            row += bytes(bar if tall else (0xFF, 0xFF, 0xFF))
        rows += bytes(row)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def add_part(document: Document, partname: str, content_type: str, blob: bytes, reltype: str) -> str:
    """Add a raw part to `document`'s package, related from document.xml; return the relationship id.

    python-docx writes its [Content_Types].xml override when the package is saved.
    """
    part = Part(PackURI(partname), content_type, blob, document.part.package)
    return document.part.relate_to(part, reltype)


def write_zip(entries: Iterable[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of (name, bytes) pairs in order, with fixed timestamps."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = compression
            archive.writestr(info, data)
    return buffer.getvalue()


def read_zip(data: bytes) -> list[tuple[str, bytes]]:
    """The (name, bytes) entries of a zip, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def _save(document: Document) -> bytes:
    """The document's bytes, rewritten with fixed timestamps so equal documents give equal bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return write_zip(read_zip(buffer.getvalue()))


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _content_types(overrides: dict[str, str]) -> bytes:
    parts = "".join(f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in overrides.items())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Types xmlns="{CONTENT_TYPES_NS}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{parts}</Types>'
    ).encode()


def _package_rels(target: str = "word/document.xml") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_RELS_NS}"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        f'Target="{target}"/></Relationships>'
    ).encode()


def _skeleton(document_xml: str) -> list[tuple[str, bytes]]:
    """The three entries of a minimal .docx whose word/document.xml is `document_xml`."""
    return [
        ("[Content_Types].xml", _content_types({"/word/document.xml": DOCX_MAIN})),
        ("_rels/.rels", _package_rels()),
        ("word/document.xml", document_xml.encode()),
    ]


def _body(paragraphs: str, prolog: str = "") -> str:
    """A document.xml around raw body XML, with an optional DOCTYPE after the XML declaration."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{paragraphs}</w:body></w:document>'
    )


def _simple(*texts: str) -> Document:
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    return document


# --- zip bombs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RawEntry:
    """A zip member written byte by byte: deflated data plus the sizes its headers declare."""

    name: str
    data: bytes
    crc: int
    file_size: int


def _deflated(name: str, data: bytes) -> RawEntry:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return RawEntry(name, compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


def write_raw_zip(entries: Iterable[RawEntry]) -> bytes:
    """A zip of deflated members with the headers written here, so sizes may lie."""
    dos_time, dos_date = 0, (2024 - 1980) << 9 | 1 << 5 | 1
    out, central = bytearray(), bytearray()
    count = 0
    for entry in entries:
        name = entry.name.encode()
        fields = (8, dos_time, dos_date, entry.crc, len(entry.data), entry.file_size, len(name))
        local_offset = len(out)
        out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, *fields, 0) + name + entry.data
        central += struct.pack(
            "<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, *fields, 0, 0, 0, 0, 0, local_offset
        )
        central += name
        count += 1
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + end)


def _bomb_entry(spaces: int, declared: int | None = None) -> RawEntry:
    """word/document.xml with `spaces` spaces in one text run, deflated one identical MiB at a time.

    After a full flush the compressor forgets everything, so every MiB of spaces deflates to the
    same bytes: one block is computed and repeated, which keeps building fast and memory small.
    """
    head = _body('<w:p><w:r><w:t xml:space="preserve">').removesuffix("</w:body></w:document>").encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    mib = b" " * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(spaces >> 20):
        crc = zlib.crc32(mib, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + spaces + len(tail)
    data = start + block * (spaces >> 20) + end
    return RawEntry("word/document.xml", data, crc, size if declared is None else declared)


def _bomb(entry: RawEntry) -> bytes:
    rest = [_deflated(name, data) for name, data in _skeleton(_body(""))[:2]]
    return write_raw_zip([*rest, entry])


@cache
def zip_bomb() -> bytes:
    """A ~1 MB .docx whose word/document.xml inflates to over 1 GiB (sizes in its headers are honest)."""
    return _bomb(_bomb_entry(ZIP_BOMB_SIZE))


@cache
def lying_zip_bomb() -> bytes:
    """A .docx whose headers say word/document.xml is 2 KiB while its data inflates to over 256 MiB."""
    return _bomb(_bomb_entry(LYING_BOMB_SIZE, declared=LYING_BOMB_CLAIM))


# --- XML attacks -------------------------------------------------------------------------------


def xxe_document() -> bytes:
    """A .docx whose document.xml declares an external entity for file:///etc/passwd and uses it in a run."""
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    return write_zip(_skeleton(_body("<w:p><w:r><w:t>Secret: &xxe;</w:t></w:r></w:p>", prolog)))


BILLION_LAUGHS_LEVELS = 10


def billion_laughs() -> bytes:
    """A .docx whose document.xml nests entities 10 deep, ten each: &lol9; expands to 10**9 "lol"."""
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, BILLION_LAUGHS_LEVELS)]
    prolog = f"<!DOCTYPE w:document [{''.join(entities)}]>\n"
    last = f"lol{BILLION_LAUGHS_LEVELS - 1}"
    return write_zip(_skeleton(_body(f"<w:p><w:r><w:t>&{last};</w:t></w:r></w:p>", prolog)))


# --- linked, embedded and active content -------------------------------------------------------


def remote_image() -> bytes:
    """A linked picture: a:blip r:link to an external image relationship (http://example.invalid), then a caption."""
    document = _simple("The chart below is linked from the department's server.")
    r_id = document.part.relate_to(REMOTE_IMAGE_URL, RT.IMAGE, is_external=True)
    inline = CT_Inline.new_pic_inline(1, r_id, "chart.png", Cm(6), Cm(4))
    blip = inline.xpath(".//a:blip")[0]
    del blip.attrib[qn("r:embed")]
    blip.set(qn("r:link"), r_id)
    document.add_paragraph().add_run()._r.add_drawing(inline)
    document.add_paragraph(REMOTE_IMAGE_CAPTION, style="Caption")
    return _save(document)


def macro_document() -> bytes:
    """A .docm: document.xml typed macroEnabled.main+xml, with word/vbaProject.bin and its relationship."""
    document = _simple("This document carries a macro project.")
    vba = OLE_SIGNATURE + b"\x00" * 24 + b'Attribute VB_Name = "Module1"'
    add_part(document, "/word/vbaProject.bin", VBA_PROJECT_CT, vba, VBA_PROJECT_RT)
    entries = read_zip(_save(document))
    types = dict(entries)["[Content_Types].xml"].replace(DOCX_MAIN.encode(), DOCM_MAIN.encode())
    return write_zip([(name, types if name == "[Content_Types].xml" else data) for name, data in entries])


def embedded_object() -> bytes:
    """An OLE object: word/embeddings/oleObject1.bin, an oleObject relationship and w:object/o:OLEObject in a run."""
    document = _simple(OLE_OBJECT_TEXT)
    blob = OLE_SIGNATURE + b"\x00" * 504
    r_id = add_part(document, "/word/embeddings/oleObject1.bin", OLE_OBJECT_CT, blob, RT.OLE_OBJECT)
    run = document.add_paragraph().add_run()
    run._r.append(
        parse_xml(
            f'<w:object {nsdecls("w", "r")} {VML_DECLS} w:dxaOrig="1440" w:dyaOrig="1440">'
            f'<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Icon" '
            f'ObjectID="_1700000001" r:id="{r_id}"/></w:object>'
        )
    )
    return _save(document)


def text_box() -> bytes:
    """A paragraph holding a text box: mc:AlternateContent with a wps:txbx drawing and a VML fallback."""
    document = _simple("The box beside this paragraph sums up the result.")
    content = f"<w:txbxContent><w:p><w:r><w:t>{_xml_text(TEXT_BOX_TEXT)}</w:t></w:r></w:p></w:txbxContent>"
    run = document.paragraphs[0].add_run()
    run._r.append(
        parse_xml(
            f"<mc:AlternateContent {nsdecls('w', 'wp', 'a')} {MC_DECLS} {VML_DECLS}>"
            '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" '
            'simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
            '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            '<wp:extent cx="2743200" cy="914400"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            '<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="10" name="Text Box 1"/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
            '<a:ext cx="2743200" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f"</wps:spPr><wps:txbx>{content}</wps:txbx>"
            '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" '
            'anchor="t"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
            "</w:drawing></mc:Choice><mc:Fallback><w:pict>"
            '<v:shape id="Text Box 1" o:spid="_x0000_s1026" type="#_x0000_t202" style="width:216pt;height:72pt">'
            f"<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>"
        )
    )
    return _save(document)


# --- revisions and comments --------------------------------------------------------------------


def tracked_changes() -> bytes:
    """A w:ins by "A. Reviewer" around a run, and a w:del around a w:delText that holds a valid Aadhaar number."""
    document = _simple("The block office reviewed every application.")
    date = "2024-01-01T00:00:00Z"
    inserted = document.add_paragraph("Review notes: ")
    inserted._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="{INSERTION_AUTHOR}" w:date="{date}">'
            f"<w:r><w:t>{_xml_text(INSERTED_TEXT)}</w:t></w:r></w:ins>"
        )
    )
    deleted = document.add_paragraph("Verification: ")
    deleted._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="{INSERTION_AUTHOR}" w:date="{date}">'
            f'<w:r><w:delText xml:space="preserve">{_xml_text(DELETED_TEXT)}</w:delText></w:r></w:del>'
        )
    )
    return _save(document)


def commented(text: str = COMMENT_TEXT) -> bytes:
    """A comment by "B. Editor" on a run; by default its text holds a valid PAN (ABCPE1234F)."""
    document = docx.Document()
    run = document.add_paragraph().add_run(COMMENTED_RUN_TEXT)
    document.add_comment(run, text=text, author=COMMENT_AUTHOR, initials="BE")
    return _save(document)


# --- broken files and other formats ------------------------------------------------------------


def corrupt() -> bytes:
    """A real .docx (the English case study) cut to half its length."""
    whole = case_document("en")
    return whole[: len(whole) // 2]


def encrypted() -> bytes:
    """An OLE compound file signature followed by filler: how an encrypted .docx or an old .doc starts."""
    return OLE_SIGNATURE + bytes(range(256)) * 16


def not_a_document() -> bytes:
    """A zip holding hello.txt only."""
    return write_zip([("hello.txt", b"Hello, this is not a Word document.\n")])


def pdf_bytes() -> bytes:
    """A tiny one-page PDF 1.4 file."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def spreadsheet_like() -> bytes:
    """The shape of an .xlsx: [Content_Types].xml, _rels/.rels and xl/workbook.xml, no word/ part."""
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'xmlns:r="{R_NS}"><sheets/></workbook>'
    )
    return write_zip(
        [
            ("[Content_Types].xml", _content_types({"/xl/workbook.xml": XLSX_MAIN})),
            ("_rels/.rels", _package_rels("xl/workbook.xml")),
            ("xl/workbook.xml", workbook.encode()),
        ]
    )


def too_many_entries() -> bytes:
    """A valid .docx plus 5,000 tiny extra entries (extra/entry-NNNN.txt, stored)."""
    entries = read_zip(_save(_simple("A document with very many parts.")))
    entries += [(f"extra/entry-{i:04d}.txt", b"x") for i in range(EXTRA_ENTRIES)]
    return write_zip(entries, compression=zipfile.ZIP_STORED)


def unmapped_expectations() -> dict[str, Any]:
    """What `unmapped_document` holds: `case_expectations("en")` with the changes below."""
    exp = case_expectations("en")
    metadata = [
        (label, UNKNOWN_STATE if label == _LABELS["en"]["states"] else value)
        for label, value in exp["metadata"]
    ]
    exp["metadata"] = [*metadata, (UNMAPPED_LABEL, UNMAPPED_LABEL_VALUE)]
    exp["metadata_values"]["states"] = UNKNOWN_STATE
    exp["annexure"] = {"heading": ANNEXURE_HEADING, "paragraphs": [ANNEXURE_TEXT]}
    return exp


def unmapped_document() -> bytes:
    """The English case study plus "Budget | 4 crore", "State | Atlantis", Heading 1 "Annexure", a bare picture."""
    exp = unmapped_expectations()
    document = _case(exp)
    document.add_heading(ANNEXURE_HEADING, level=1)
    document.add_paragraph(ANNEXURE_TEXT)
    document.add_paragraph().add_run().add_picture(io.BytesIO(png(12, 12)), width=Cm(4))
    return _save(document)


def untitled() -> bytes:
    """A case document without a Title paragraph or any Heading 1 that could be the title."""
    document = docx.Document()
    document.add_paragraph("A district started tracking pension payments every week.")
    _add_table(document, [["Case type", "Caselet"], ["State", "Bihar"]])
    return _save(document)
