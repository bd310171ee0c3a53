"""Related cases from term profiles: similar texts first, unrelated ones left out."""

from __future__ import annotations

from search_index.similarity.related_cases import Profiler, TermProfile, related_by_profiles

TEXTS = {
    "a-water": "village wells dried up and the block office mapped every handpump, tanker route and well",
    "b-water": "handpump repairs and tanker routes were planned after wells dried up in the villages",
    "c-school": "teachers tracked reading levels of children in primary schools with weekly tests",
    "d-school": "weekly reading tests in primary schools helped teachers group children by level",
    "e-tax": "the municipal council revised property tax records after a survey of buildings",
    "f-other": "a festival of folk music drew visitors to the hill town during the winter season",
}


def profiles_of(texts: dict[str, str], lang: str = "en") -> list[TermProfile]:
    profiler = Profiler()
    return [profiler(case_id, lang, text) for case_id, text in sorted(texts.items())]


def test_similar_texts_are_related_first() -> None:
    related = related_by_profiles(profiles_of(TEXTS))
    assert related["a-water"][0] == "b-water"
    assert related["c-school"][0] == "d-school"
    assert "a-water" not in related["a-water"]
    assert related["f-other"] == ()


def test_inflected_hindi_forms_meet_in_one_term() -> None:
    texts = {
        "hi-a": "ज़िले की योजनाओं में महिलाओं के स्वयं सहायता समूहों को ऋण मिला",
        "hi-b": "जिले की योजना से महिला स्वयं सहायता समूह को ऋण दिया गया",
        "hi-c": "पहाड़ी सड़कों पर बर्फ़ हटाने की मशीनें भेजी गईं",
        "hi-d": "नदी पर पुल बनाने का काम बारिश में रुका",
    }
    related = related_by_profiles(profiles_of(texts, "hi"))
    assert related["hi-a"][:1] == ("hi-b",)


def test_results_do_not_depend_on_input_order() -> None:
    forward = related_by_profiles(profiles_of(TEXTS))
    profiles = profiles_of(TEXTS)
    backward = related_by_profiles(list(reversed(profiles)))
    assert forward == backward
