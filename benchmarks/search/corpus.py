"""Deterministic synthetic case-study narratives for the search benchmarks (~1,200 words each)."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from search_index.documents import SearchDocument

WORDS_PER_DOCUMENT = 1200
# Narrative languages and how often each is drawn (Hindi and English dominate, as in the portal).
LANGUAGE_WEIGHTS = (("hi", 40), ("en", 30), ("mr", 8), ("bn", 8), ("ta", 7), ("te", 4), ("ur", 3))
SECTORS = ("agriculture", "education", "health", "nutrition", "rural-development", "transport")
STATES = ("BR", "GJ", "HR", "KA", "MH", "MP", "RJ", "TN", "UP", "WB")
LEVELS = ("block", "district", "gram-panchayat", "national", "state", "urban-local-body")
SECTOR_LABELS = {
    "agriculture": ("Agriculture", "कृषि"),
    "education": ("School education", "स्कूली शिक्षा"),
    "health": ("Health", "स्वास्थ्य"),
    "nutrition": ("Nutrition", "पोषण"),
    "rural-development": ("Rural development", "ग्रामीण विकास"),
    "transport": ("Transport", "परिवहन"),
}

# Real words that appear often, so queries have something to find.
COMMON = {
    "en": "district administration health officers training scheme village women school water "
    "farmers budget monitoring digital platform grievance panchayat nutrition children survey "
    "collector meeting outcomes lessons challenge implementation community records tracking "
    "pregnant mothers teachers roads safety drought irrigation insurance certificates".split(),
    "hi": "जिला प्रशासन स्वास्थ्य अधिकारी अधिकारियों प्रशिक्षण योजना योजनाओं योजनाएं गांव महिलाएं "
    "महिलाओं विद्यालय पानी किसान किसानों बजट निगरानी डिजिटल प्लेटफ़ॉर्म शिकायत पंचायत पोषण बच्चों "
    "सर्वेक्षण कलेक्टर बैठक परिणाम सीख चुनौती क्रियान्वयन समुदाय अभिलेख गर्भवती माताओं शिक्षक "
    "सड़क सुरक्षा सूखा सिंचाई बीमा प्रमाणपत्र घर पुल".split(),
    "mr": "जिल्हा प्रशासन आरोग्य अधिकारी प्रशिक्षण योजना योजनांचा गाव महिला शाळा पाणी शेतकरी "
    "शेतकऱ्यांना अंदाजपत्रक देखरेख तक्रार ग्रामपंचायत पोषण मुले सर्वेक्षण बैठक".split(),
    "bn": "জেলা প্রশাসন স্বাস্থ্য অফিসার অফিসারদের প্রশিক্ষণ প্রকল্প প্রকল্পের গ্রাম মহিলা বিদ্যালয় "
    "জল কৃষক বাজেট নজরদারি অভিযোগ পঞ্চায়েত পুষ্টি শিশু সমীক্ষা বৈঠক".split(),
    "ta": "மாவட்டம் நிர்வாகம் சுகாதாரம் அலுவலர் அலுவலர்கள் பயிற்சி திட்டம் திட்டங்கள் கிராமம் பெண்கள் "
    "பள்ளி தண்ணீர் விவசாயிகள் கண்காணிப்பு புகார் ஊராட்சி ஊட்டச்சத்து குழந்தைகள்".split(),
    "te": "జిల్లా పరిపాలన ఆరోగ్యం అధికారి అధికారులు శిక్షణ పథకం పథకాలు గ్రామం మహిళలు పాఠశాల నీరు "
    "రైతులు పర్యవేక్షణ ఫిర్యాదు పంచాయతీ పోషణ పిల్లలు".split(),
    "ur": "ضلع انتظامیہ صحت افسر افسروں تربیت اسکیم گاؤں خواتین اسکول پانی کسان نگرانی شکایت "
    "پنچایت غذائیت بچے سروے".split(),
}
# Consonant-vowel syllables per script to make a realistic, growing vocabulary of rarer words.
SYLLABLES = {
    "en": "ba be bi bo da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa "
    "se si so ta te ti to va ve vi".split(),
    "hi": "क का कि की कु के को ग गा गि त ता ति तु द दा दि न ना नि नी प पा पि म मा मि र रा रि री "
    "ल ला लि स सा सि सु व वा वि ज जा जि".split(),
    "mr": "क का कि की ग गा त ता ति द दा न ना नि प पा म मा र रा रि ल ला ळ ळा स सा व वा ज जा".split(),
    "bn": "ক কা কি গ গা ত তা তি দ দা ন না নি প পা ম মা র রা রি ল লা স সা ব বা জ জা".split(),
    "ta": "க கா கி த தா தி ந நா ப பா ம மா ர ரா ல லா வ வா ச சா ட டா".split(),
    "te": "క కా కి గ గా త తా తి ద దా న నా ప పా మ మా ర రా ల లా వ వా స సా".split(),
    "ur": "کا کی گا تا تی دا نا نی پا ما می را ری لا سا وا جا".split(),
}


@dataclass(frozen=True)
class CorpusShape:
    """How many narratives, how long, and the seed."""

    documents: int
    words: int = WORDS_PER_DOCUMENT
    seed: int = 20261123


def _pick_language(rng: random.Random) -> str:
    """Draw a narrative language by weight."""
    codes = [code for code, _ in LANGUAGE_WEIGHTS]
    weights = [weight for _, weight in LANGUAGE_WEIGHTS]
    return rng.choices(codes, weights)[0]


def _pseudo_word(rng: random.Random, lang: str) -> str:
    """Return a made-up word of 2-4 syllables in the script of `lang`."""
    return "".join(rng.choice(SYLLABLES[lang]) for _ in range(rng.randint(2, 4)))


def _vocabulary(rng: random.Random, lang: str, size: int) -> list[str]:
    """Return common words followed by `size` pseudo-words, most frequent first."""
    return COMMON[lang] + [_pseudo_word(rng, lang) for _ in range(size)]


def _zipf_weights(size: int) -> list[float]:
    """Return Zipf-like weights for ranks 1..size."""
    return [1.0 / (rank + 1) ** 1.05 for rank in range(size)]


def _text(rng: random.Random, words: Sequence[str], weights: Sequence[float], count: int) -> str:
    """Return `count` words drawn by weight, cut into sentences."""
    drawn = rng.choices(words, weights, k=count)
    sentences = [" ".join(drawn[start : start + 15]) for start in range(0, count, 15)]
    return "। ".join(sentences) + "।"


def documents(shape: CorpusShape) -> Iterator[SearchDocument]:
    """Yield `shape.documents` narratives, each a different case, deterministically."""
    rng = random.Random(shape.seed)
    vocabularies = {lang: _vocabulary(rng, lang, 20000) for lang in COMMON}
    weights = {lang: _zipf_weights(len(words)) for lang, words in vocabularies.items()}
    for number in range(shape.documents):
        lang = _pick_language(rng)
        words, lang_weights = vocabularies[lang], weights[lang]
        body = _text(rng, words, lang_weights, shape.words)
        if lang == "hi":
            # Hindi case studies mix in English terms (scheme names, technical words).
            english = _text(rng, vocabularies["en"], weights["en"], shape.words // 8)
            body = body + " " + english
        sector = rng.choice(SECTORS)
        state = rng.choice(STATES)
        yield SearchDocument(
            id=f"{state.lower()}-case-{number:05d}",
            lang=lang,
            title=_text(rng, words, lang_weights, 6),
            summary=_text(rng, words, lang_weights, 40),
            text=body,
            facets={
                "sector": (sector,),
                "state": (state,),
                "level": (rng.choice(LEVELS),),
                "year": (str(rng.randint(2005, 2025)),),
                "language": (lang,),
            },
            labels=SECTOR_LABELS[sector],
            url=f"case/{state.lower()}-case-{number:05d}/",
        )
