"""Analyser tests: word splitting in Indian scripts, normalisation, folding, stop words, stems."""

from __future__ import annotations

import json
import unicodedata
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search_index.analysis.analyser import Analyser, analyse
from search_index.analysis.tokens import words

# Words full of vowel signs, viramas, nuktas, anusvaras, visargas, chandrabindus and joiners.
WORDS_BY_SCRIPT = {
    "hi": ["प्रशासन", "किला", "क़ानून", "संस्थाएँ", "दुःख", "कर्मयोगी", "क्\u200dष", "ड़"],
    "mr": ["अधिकाऱ्यांना", "जिल्ह्यात", "शेतकऱ्यांना"],
    "bn": ["মৎস্যচাষি", "প্রকল্পের", "সরকারি", "উত্\u200dপাদন", "চাঁদ"],
    "ta": ["திட்டங்களை", "மாவட்டத்தில்", "ஸ்ரீ", "கௌரவம்"],
    "te": ["అధికారులకు", "పథకాలు", "ప్రభుత్వం"],
    "ur": ["شکایتوں", "درخواستیں", "مُقرَّرہ", "گاؤں"],
    "gu": ["યોજનાઓમાં", "પ્રજ્ઞા"],
    "pa": ["ਯੋਜਨਾਵਾਂ", "ਖ਼ਬਰ", "ਪੰਜਾਬ"],
    "ml": ["ഉദ്യോഗസ്ഥൻ", "ജില്ലയിൽ", "ന്\u200d"],
    "kn": ["ಯೋಜನೆಗಳು", "ಕ್ಷೇತ್ರ"],
    "or": ["ଜିଲ୍ଲାରେ", "ପ୍ରଶାସନ"],
}
ALL_WORDS = [word for group in WORDS_BY_SCRIPT.values() for word in group]
SEPARATORS = [" ", "। ", "॥", "“", "”", "‘", "’", "(", ")", "[", "]", "،", "۔", "؟", "-", ",", "\n"]


@pytest.mark.parametrize("word", ALL_WORDS)
def test_a_word_is_never_split_at_a_combining_mark(word: str) -> None:
    assert words(word) == [word]
    assert words(unicodedata.normalize("NFD", word)) == [unicodedata.normalize("NFD", word)]


@pytest.mark.parametrize(("lang", "group"), sorted(WORDS_BY_SCRIPT.items()))
def test_analysis_gives_at_most_one_word_per_word(lang: str, group: list[str]) -> None:
    analyser = Analyser(lang)
    for word in group:
        assert len(analyser.folded_words(word)) == 1


def _indic_word(script_base: int) -> st.SearchStrategy[str]:
    """Words of one Brahmic script: consonant, then signs, repeated."""
    consonant = st.integers(0x15, 0x28).map(lambda offset: chr(script_base + offset))
    sign = st.sampled_from([0x01, 0x02, 0x03, 0x3C, 0x3E, 0x3F, 0x40, 0x41, 0x47, 0x4D]).map(
        lambda offset: chr(script_base + offset)
    )
    syllable = st.tuples(consonant, st.lists(sign, max_size=3)).map(
        lambda parts: parts[0] + "".join(parts[1])
    )
    return st.lists(syllable, min_size=1, max_size=5).map("".join)


BRAHMIC = st.sampled_from([0x0900, 0x0980, 0x0A00, 0x0A80, 0x0B00, 0x0B80, 0x0C00, 0x0C80, 0x0D00])


@given(base=BRAHMIC, data=st.data())
def test_generated_indic_words_stay_whole(base: int, data: st.DataObject) -> None:
    word = data.draw(_indic_word(base))
    # A generated word may hold code points unassigned in a script; only letters count.
    if all(unicodedata.category(char)[0] in "LM" for char in word):
        assert words(word) == [word]
        assert len(Analyser(None).folded_words(word)) == 1


@given(
    chosen=st.lists(st.sampled_from(ALL_WORDS), min_size=1, max_size=8),
    separator=st.sampled_from(SEPARATORS),
)
def test_separators_split_words_and_nothing_else(chosen: list[str], separator: str) -> None:
    assert words(separator.join(chosen)) == chosen


@given(text=st.text(alphabet=st.sampled_from([*"".join(ALL_WORDS), " ", "।"]), max_size=60))
def test_nfc_and_nfd_input_give_identical_terms(text: str) -> None:
    for lang in ("hi", "bn", "ur", "en"):
        nfc = analyse(unicodedata.normalize("NFC", text), lang)
        assert analyse(unicodedata.normalize("NFD", text), lang) == nfc


def test_precomposed_and_decomposed_nukta_are_the_same_term() -> None:
    precomposed = "\u095b\u093f\u0932\u093e"  # ज़िला with U+095B
    decomposed = "\u091c\u093c\u093f\u0932\u093e"  # ज + nukta + िला
    assert analyse(precomposed, "hi") == analyse(decomposed, "hi") == analyse("जिला", "hi")


@pytest.mark.parametrize(
    ("variant", "standard", "lang"),
    [
        ("प्लेटफ़ॉर्म", "प्लेटफॉर्म", "hi"),
        ("ज़िला", "जिला", "hi"),
        ("हँसी", "हंसी", "hi"),
        ("हिन्दी", "हिंदी", "hi"),
        ("सम्बन्ध", "संबंध", "hi"),
        ("दु:ख", "दुःख", "hi"),
        ("नये", "नए", "hi"),
        ("गयी", "गई", "hi"),
        ("२०२४", "2024", "hi"),
        ("অফিসারদের", "অফিসার", "bn"),
        ("সরকারী", "সরকারি", "bn"),
        ("উত্\u200dপাদন", "উৎপাদন", "bn"),
        ("شكايت", "شکایت", "ur"),
        ("مُقرَّرہ", "مقررہ", "ur"),
        ("۲۰۲۴", "2024", "ur"),
        ("ന്\u200d", "ൻ", "ml"),
        ("ਜ਼ਮੀਨ", "ਜਮੀਨ", "pa"),
        ("ஶ்ரீ", "ஸ்ரீ", "ta"),
        ("HEALTH", "health", "en"),
    ],
)
def test_spelling_variants_fold_together(variant: str, standard: str, lang: str) -> None:
    assert analyse(variant, lang) == analyse(standard, lang)
    assert analyse(variant, lang)


@pytest.mark.parametrize(
    ("first", "second", "lang"),
    [
        ("सूखा", "सखा", "hi"),
        ("पुल", "पल", "hi"),
        ("पानी", "पान", "hi"),
        ("अधिकार", "अधिकारी", "hi"),
        ("जनता", "जन", "hi"),
        ("योजना", "योज", "hi"),
        ("सड़क", "सडक", "hi"),
        ("बॉल", "बाल", "hi"),
        ("कॉल", "काल", "hi"),
        ("जाति", "जाती", "hi"),
        ("ਸ਼ਹਿਰ", "ਸਹਿਰ", "pa"),
        ("সময়", "সম", "bn"),
        ("বিষয়", "বিষ", "bn"),
        ("ھ", "ہ", "ur"),
        ("آپ", "اپ", "ur"),
    ],
)
def test_distinct_words_stay_distinct(first: str, second: str, lang: str) -> None:
    assert set(analyse(first, lang)).isdisjoint(analyse(second, lang))


@pytest.mark.parametrize(
    ("forms", "lang"),
    [
        (["योजना", "योजनाओं", "योजनाएँ", "योजनाएं"], "hi"),
        (["महिला", "महिलाओं", "महिलाएं"], "hi"),
        (["अधिकारी", "अधिकारियों"], "hi"),
        (["समिति", "समितियों"], "hi"),
        (["जिला", "जिले", "जिलों"], "hi"),
        (["सड़क", "सड़कें", "सड़कों"], "hi"),
        (["वस्तु", "वस्तुओं", "वस्तुएं"], "hi"),
        (["योजना", "योजनांचा", "योजनेत"], "mr"),
        (["अधिकारी", "अधिकाऱ्यांना"], "mr"),
        (["जिल्हा", "जिल्ह्यात"], "mr"),
        (["অফিসার", "অফিসারদের", "অফিসাররা"], "bn"),
        (["জেলা", "জেলাগুলোতে"], "bn"),
        (["திட்டம்", "திட்டங்கள்", "திட்டங்களை"], "ta"),
        (["அலுவலர்", "அலுவலர்கள்", "அலுவலர்களுக்கு"], "ta"),
        (["పథకం", "పథకాలు", "పథకానికి"], "te"),
        (["అధికారి", "అధికారులకు"], "te"),
        (["ಯೋಜನೆ", "ಯೋಜನೆಗಳು", "ಯೋಜನೆಯಲ್ಲಿ"], "kn"),
        (["ജില്ല", "ജില്ലയിൽ"], "ml"),
        (["યોજના", "યોજનાઓ", "યોજનાઓમાં"], "gu"),
        (["ਯੋਜਨਾ", "ਯੋਜਨਾਵਾਂ"], "pa"),
        (["ଜିଲ୍ଲା", "ଜିଲ୍ଲାରେ"], "or"),
        (["অফিচাৰ", "অফিচাৰসকল"], "as"),
        (["افسر", "افسروں"], "ur"),
        (["لڑکی", "لڑکیوں", "لڑکیاں"], "ur"),
        (["योजना", "योजनाहरू", "योजनाको"], "ne"),
        (["training", "trained", "trains"], "en"),
    ],
)
def test_inflected_forms_share_a_term(forms: list[str], lang: str) -> None:
    term_sets = [set(analyse(form, lang)) for form in forms]
    base = term_sets[0]
    for form, terms in zip(forms, term_sets, strict=True):
        assert base & terms, f"{form} shares no term with {forms[0]}"


def test_hindi_stop_words_are_conservative() -> None:
    assert analyse("घर", "hi") == ["घर"]
    assert analyse("कर", "hi") == ["कर"]
    assert analyse("एक", "hi") == ["एक"]
    assert analyse("का की के में है", "hi") == []


def test_stop_words_apply_by_script_in_mixed_text() -> None:
    assert analyse("the पंचायत and का health", "hi") == ["पंचायत", "health"]


def test_words_of_another_script_use_that_scripts_language() -> None:
    # An English word in a Hindi narrative is stemmed as English.
    assert analyse("trainings", "hi") == analyse("trainings", "en") == ["train"]


def test_unknown_language_folds_but_does_not_stem() -> None:
    assert analyse("योजनाओं", "zz") == ["योजनाओं"]
    assert analyse("Trainings", "zz") == ["trainings"]


def test_digits_of_any_script_are_words() -> None:
    assert analyse("वर्ष २०१९ में 12 ۳", "hi") == ["वर्ष", "2019", "12", "3"]


def _data(name: str) -> object:
    raw = resources.files("search_index").joinpath("data").joinpath(name).read_text("utf-8")
    return json.loads(raw)


def test_stop_word_lists_are_sorted_and_unique() -> None:
    languages = _data("stopwords.json")["languages"]  # type: ignore[index]
    for lang, entry in languages.items():
        assert entry["words"] == sorted(set(entry["words"])), lang
        assert entry["source"], lang


def test_suffix_tables_are_sorted_and_documented() -> None:
    languages = _data("stemming.json")["languages"]  # type: ignore[index]
    for lang, entry in languages.items():
        for stage in entry.get("stages", []):
            suffixes = [rule["suffix"] for rule in stage["rules"]]
            assert suffixes == sorted(set(suffixes)), lang
            assert stage["note"], lang


def test_every_folding_rule_says_why() -> None:
    folding = _data("folding.json")
    for step in folding["passes"]:  # type: ignore[index]
        for rule in step["rules"]:
            assert rule["why"], rule
