"""The Word templates each language site offers contributors, by page path."""

from __future__ import annotations

from builder.model.taxonomy import Taxonomy
from builder.office.case_to_document import template
from builder.office.docx_writer import write_docx

TEMPLATE_FOLDER = "contribute/word"


def template_path(case_type: str) -> str:
    """Where a template is on every site; the contributor docs link it, so a page shown in a
    fallback language still offers the template in the site's own language."""
    return f"{TEMPLATE_FOLDER}/agk-{case_type}.docx"


def site_templates(taxonomy: Taxonomy, lang: str) -> dict[str, bytes]:
    """A Word template of every case type in the site's language."""
    rtl = taxonomy.languages[lang].rtl
    return {
        template_path(case_type): write_docx(template(taxonomy, lang, case_type), lang=lang, rtl=rtl)
        for case_type in taxonomy.case_types
    }
