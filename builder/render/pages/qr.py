"""QR codes of case addresses for printed pages (the only module that uses segno)."""

from __future__ import annotations

import segno


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code of `url`, labelled for screen readers with `label` (escaped)."""
    # Error level M survives a creased or smudged handout; scale 2 prints at about 2.5 cm.
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=2, border=2, dark="#000", omitsize=False)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
