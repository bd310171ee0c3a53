"""The valid fixture corpus validated once, and its language sites for page renderers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from builder.render.pages.common import LanguageSite
from builder.validate.validation import Validation, validate
from tests.conftest import FIXTURES, new_project

SiteFor = Callable[[str], LanguageSite]


@pytest.fixture(scope="module")
def validation(tmp_path_factory: pytest.TempPathFactory) -> Validation:
    """The valid fixture corpus, validated with models and rendered bodies."""
    project = new_project(tmp_path_factory.mktemp("pages") / "repo", FIXTURES / "valid" / "case_studies")
    return validate(project, models=True)


@pytest.fixture(scope="module")
def site_for(validation: Validation) -> SiteFor:
    """The language site of `lang` over the fixture corpus."""
    cases = tuple(sorted(validation.cases, key=lambda c: c.id))
    langs = tuple(sorted({lang for case in cases for lang in case.narratives}))

    def make(lang: str) -> LanguageSite:
        return LanguageSite(
            lang, validation.taxonomy, cases, langs, "https://agk.example/", rendered=validation.rendered
        )

    return make
