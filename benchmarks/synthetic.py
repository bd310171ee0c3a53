"""Generate N valid synthetic case studies for benchmarks (deterministic for a given seed).

    python -m benchmarks.synthetic OUT_DIR N [--seed S]

Each case has an English original of about 1,200 words, a Hindi translation with a correct
source_hash, and on a rotation Tamil, Bengali and Urdu versions, so every benchmark sees
mixed scripts. The words are drawn from small original word banks, not from real text.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from builder.model.taxonomy import load_taxonomy
from builder.project import Project
from builder.source.fingerprint import body_fingerprint

REPO = Path(__file__).resolve().parents[1]

WORDS = {
    "en": [
        "district",
        "officer",
        "scheme",
        "village",
        "record",
        "budget",
        "training",
        "women",
        "farmers",
        "school",
        "health",
        "water",
        "survey",
        "ledger",
        "grievance",
        "portal",
        "meeting",
        "council",
        "payment",
        "audit",
        "block",
        "camp",
        "supply",
        "delay",
        "review",
        "pilot",
        "tablet",
        "clinic",
        "register",
        "committee",
        "volunteer",
        "road",
        "crop",
        "market",
        "loan",
        "pension",
        "teacher",
        "nurse",
        "ward",
        "drought",
        "flood",
        "shelter",
        "ration",
        "card",
        "data",
        "target",
        "report",
    ],
    "hi": [
        "ज़िला",
        "अधिकारी",
        "योजना",
        "गाँव",
        "अभिलेख",
        "बजट",
        "प्रशिक्षण",
        "महिलाएँ",
        "किसान",
        "विद्यालय",
        "स्वास्थ्य",
        "पानी",
        "सर्वेक्षण",
        "शिकायत",
        "बैठक",
        "परिषद",
        "भुगतान",
        "लेखा",
        "प्रखंड",
        "शिविर",
        "आपूर्ति",
        "देरी",
        "समीक्षा",
        "पंचायत",
        "रजिस्टर",
        "समिति",
        "स्वयंसेवक",
        "सड़क",
        "फसल",
        "बाज़ार",
        "ऋण",
        "पेंशन",
        "शिक्षक",
        "नर्स",
        "सूखा",
        "बाढ़",
        "राशन",
        "आँकड़े",
        "प्रशासन",
        "कर्मयोगी",
        "प्रक्रिया",
        "सुधार",
    ],
    "ta": [
        "மாவட்டம்",
        "அலுவலர்",
        "திட்டம்",
        "கிராமம்",
        "பதிவேடு",
        "நிதி",
        "பயிற்சி",
        "பெண்கள்",
        "விவசாயிகள்",
        "பள்ளி",
        "சுகாதாரம்",
        "தண்ணீர்",
        "கணக்கெடுப்பு",
        "புகார்",
        "கூட்டம்",
        "ஊராட்சி",
        "கட்டணம்",
        "தணிக்கை",
        "முகாம்",
        "விநியோகம்",
        "தாமதம்",
        "மதிப்பாய்வு",
        "குழு",
        "தன்னார்வலர்",
        "சாலை",
        "பயிர்",
        "சந்தை",
        "கடன்",
        "ஓய்வூதியம்",
        "ஆசிரியர்",
    ],
    "bn": [
        "জেলা",
        "আধিকারিক",
        "প্রকল্প",
        "গ্রাম",
        "নথি",
        "বাজেট",
        "প্রশিক্ষণ",
        "মহিলা",
        "কৃষক",
        "বিদ্যালয়",
        "স্বাস্থ্য",
        "জল",
        "সমীক্ষা",
        "অভিযোগ",
        "সভা",
        "পঞ্চায়েত",
        "অর্থপ্রদান",
        "নিরীক্ষা",
        "শিবির",
        "সরবরাহ",
        "বিলম্ব",
        "পর্যালোচনা",
        "কমিটি",
        "স্বেচ্ছাসেবক",
        "রাস্তা",
        "ফসল",
        "বাজার",
        "ঋণ",
        "পেনশন",
        "শিক্ষক",
    ],
    "ur": [
        "ضلع",
        "افسر",
        "منصوبہ",
        "گاؤں",
        "ریکارڈ",
        "بجٹ",
        "تربیت",
        "خواتین",
        "کسان",
        "اسکول",
        "صحت",
        "پانی",
        "سروے",
        "شکایت",
        "اجلاس",
        "پنچایت",
        "ادائیگی",
        "آڈٹ",
        "کیمپ",
        "فراہمی",
        "تاخیر",
        "جائزہ",
        "کمیٹی",
        "رضاکار",
        "سڑک",
        "فصل",
        "بازار",
        "قرض",
        "پنشن",
        "استاد",
    ],
}
HEADINGS = {
    "en": "Section", "hi": "खंड", "ta": "பகுதி", "bn": "অংশ", "ur": "حصہ",
}  # fmt: skip
TITLES = {
    "en": "Synthetic case", "hi": "कृत्रिम केस", "ta": "செயற்கை வழக்கு", "bn": "কৃত্রিম কেস",
    "ur": "مصنوعی کیس",
}  # fmt: skip
STATES = ("UP", "BR", "RJ", "MP", "TN", "KL", "KA", "WB", "OD", "AS", "MH", "GJ", "PB", "JK", "DL")
EXTRA_LANGUAGES = (("ta", 3), ("bn", 5), ("ur", 7))
WORDS_PER_CASE = 1200


@dataclass(frozen=True)
class Plan:
    """What one synthetic case looks like, before its text is drawn."""

    case_id: str
    case_type: str
    sections: tuple[str, ...]
    state: str
    sector: str
    sub_sector: str
    year: int
    languages: tuple[str, ...]


# Letters from which pseudo-words are built, so the vocabulary is as large as real text's
# (a few thousand words with a Zipf distribution); a tiny bank would make every text share
# most word sequences, which no real collection does. Indic syllables carry vowel signs and
# viramas, which the analysers must keep inside words.
SYLLABLES = {
    "en": ("bcdfghklmnprstvw", ("a", "e", "i", "o", "u", "ai", "ou")),
    "hi": ("कखगचजटडतदनपबमयरलवशसह", ("", "ा", "ि", "ी", "ु", "ू", "े", "ै", "ो", "ं", "्र")),
    "ta": ("கசடதநபமயரலவழளறன", ("", "ா", "ி", "ீ", "ு", "ூ", "ெ", "ே", "ை", "ொ", "ோ")),
    "bn": ("কখগচজটডতদনপবমযরলশসহ", ("", "া", "ি", "ী", "ু", "ূ", "ে", "ৈ", "ো", "ং", "্র")),
    "ur": ("بپتجچدرزسشفقکگلمنوہ", ("", "ا", "ی", "و")),
}
VOCABULARY_SIZE = 4000


def vocabulary(lang: str, seed: int) -> tuple[list[str], list[float]]:
    """The bank's real words first (most frequent), then pseudo-words; Zipf weights."""
    rng = random.Random(f"{seed}/{lang}")
    consonants, signs = SYLLABLES[lang]
    words = list(dict.fromkeys(WORDS[lang]))
    seen = set(words)
    while len(words) < VOCABULARY_SIZE:
        word = "".join(rng.choice(consonants) + rng.choice(signs) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words, [1 / (rank + 1) for rank in range(len(words))]


def paragraph(rng: random.Random, lang: str, words: int, seed: int = 1) -> str:
    """A paragraph of `words` Zipf-distributed words, with sentence ends."""
    bank, weights = _vocabulary(lang, seed)
    stop = "।" if lang == "hi" else "۔" if lang == "ur" else "."
    chosen = rng.choices(bank, weights=weights, k=words)
    sentences = [" ".join(chosen[i : i + 12]) + stop for i in range(0, words, 12)]
    return " ".join(sentences)


_vocabulary = functools.cache(vocabulary)


def narrative(rng: random.Random, plan: Plan, lang: str, source_hash: str | None) -> tuple[str, str]:
    """(front matter + body, body) of one narrative."""
    per_section = WORDS_PER_CASE // len(plan.sections)
    body_parts = []
    for index, section in enumerate(plan.sections):
        body_parts += [
            f"## {HEADINGS[lang]} {index + 1} {{#{section}}}",
            "",
            paragraph(rng, lang, per_section),
            "",
        ]
    body = "\n".join(body_parts)
    front = [
        "---",
        f"title: {TITLES[lang]} {plan.case_id}",
        f"summary: {paragraph(rng, lang, 30)}",
    ]
    if source_hash is not None:
        # Quoted: a hex digest can look like a number (1234…, 5e39…).
        front += ["translated_from: en", f'source_hash: "{source_hash}"']
    return "\n".join([*front, "---", "", body]), body


def case_yaml(plan: Plan) -> str:
    """The metadata of one synthetic case."""
    return "\n".join(
        [
            f"type: {plan.case_type}",
            "original_language: en",
            f"states: [{plan.state}]",
            "level: district",
            "sectors:",
            f"  - sector: {plan.sector}",
            f"    sub_sector: {plan.sub_sector}",
            "sdgs: [3, 16]",
            f"year: {plan.year}",
            "organisation: District administration",
            "tags: [synthetic, benchmark]",
            "sample: true",
            "",
        ]
    )


def plans(count: int, seed: int) -> list[Plan]:
    """Deterministic plans for `count` cases spread over types, states, sectors, years."""
    taxonomy, _ = load_taxonomy(Project(REPO).taxonomy_dir, "taxonomies")
    rng = random.Random(seed)
    types = sorted(taxonomy.case_types)
    sectors = sorted(taxonomy.sectors)
    result = []
    for n in range(count):
        case_type = types[n % len(types)]
        sector = sectors[n % len(sectors)]
        extra = tuple(lang for lang, every in EXTRA_LANGUAGES if n % every == 0)
        state = STATES[n % len(STATES)]
        result.append(
            Plan(
                case_id=f"{state.lower()}-synthetic-{n:05d}",
                case_type=case_type,
                sections=taxonomy.case_types[case_type],
                state=state,
                sector=sector,
                sub_sector=sorted(taxonomy.sectors[sector])[0],
                year=2000 + rng.randrange(25),
                languages=("en", "hi", *extra),
            )
        )
    return result


def generate(out: Path, count: int, seed: int = 1) -> Path:
    """Write a complete project with `count` synthetic cases into `out`; return `out`."""
    if out.exists():
        shutil.rmtree(out)
    (out / "case_studies").mkdir(parents=True)
    shutil.copytree(REPO / "case_studies" / "_taxonomies", out / "case_studies" / "_taxonomies")
    shutil.copyfile(REPO / "mkdocs.yml", out / "mkdocs.yml")
    rng = random.Random(seed)
    for plan in plans(count, seed):
        folder = out / "case_studies" / plan.case_id
        folder.mkdir()
        (folder / "case.yaml").write_text(case_yaml(plan), encoding="utf-8")
        original, body = narrative(rng, plan, "en", None)
        (folder / "en.md").write_text(original, encoding="utf-8")
        source_hash = body_fingerprint(body)
        for lang in plan.languages[1:]:
            text, _ = narrative(rng, plan, lang, source_hash)
            (folder / f"{lang}.md").write_text(text, encoding="utf-8")
    return out


def cached_corpus(root: Path, count: int, seed: int = 1) -> Path:
    """A generated corpus under `root`, regenerated only when this generator changed.

    Its mkdocs.yml and taxonomies are always today's: they shape the build, not the corpus.
    """
    out = root / f"corpus-{count}"
    stamp = hashlib.sha256(Path(__file__).read_bytes() + f"{count}/{seed}".encode()).hexdigest()
    stamp_file = out / ".generator-stamp"
    if not stamp_file.exists() or stamp_file.read_text() != stamp:
        print(f"generating {count} synthetic cases in {out} …", file=sys.stderr)
        generate(out, count, seed)
        stamp_file.write_text(stamp)
    shutil.copytree(
        REPO / "case_studies" / "_taxonomies", out / "case_studies" / "_taxonomies", dirs_exist_ok=True
    )
    shutil.copyfile(REPO / "mkdocs.yml", out / "mkdocs.yml")
    return out


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.count, args.seed)
    print(f"wrote {args.count} synthetic cases to {args.out}")


if __name__ == "__main__":
    main()
