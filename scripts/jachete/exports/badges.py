"""One SVG badge per declaration: « Signataire — L'économie sociale, j'achète! — depuis 2026 ».

Served at /declarations/<id>/badge.svg; the declaration page shows it with the HTML snippet
that embeds it (partials/badge_embed.html). Every badge has the same size (WIDTH x HEIGHT).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..kinds.catalogue import DECLARATION
from ..site import Context, Output
from .common import page_url

WIDTH, HEIGHT = 340, 28
LEFT_W = 76
LEFT_TEXT = "Signataire"
LEFT_FILL = "#2b2b2b"  # white text on it: 14.4:1
RIGHT_FILL = "#1b5e20"  # white text on it: 7.9:1
TEXT_FILL = "#ffffff"


def badge_text(year: int) -> str:
    return f"L'économie sociale, j'achète! — depuis {year}"


def badge_svg(declaration_url: str, year: int) -> str:
    right = badge_text(year)
    label = f"{LEFT_TEXT} — {right}"
    rw = WIDTH - LEFT_W
    # textLength fits the text to its box whatever font the reader's system substitutes.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label={quoteattr(label)}>'
        f"<title>{escape(label)}</title>"
        f'<a href={quoteattr(declaration_url)}>'
        f'<rect width="{LEFT_W}" height="{HEIGHT}" rx="4" fill="{LEFT_FILL}"/>'
        f'<rect x="{LEFT_W}" width="{rw}" height="{HEIGHT}" fill="{RIGHT_FILL}"/>'
        f'<rect x="{WIDTH - 8}" width="8" height="{HEIGHT}" rx="4" fill="{RIGHT_FILL}"/>'
        f'<g fill="{TEXT_FILL}" font-family="Verdana,DejaVu Sans,sans-serif" font-size="12" '
        f'dominant-baseline="middle">'
        f'<text x="8" y="15" textLength="{LEFT_W - 16}" lengthAdjust="spacingAndGlyphs" '
        f'font-weight="bold">{LEFT_TEXT}</text>'
        f'<text x="{LEFT_W + 8}" y="15" textLength="{rw - 16}" lengthAdjust="spacingAndGlyphs">'
        f"{escape(right)}</text></g></a></svg>\n"
    )


def outputs(ctx: Context) -> list[Output]:
    return [
        Output(
            f"{DECLARATION.page_path(d.id)}badge.svg",
            badge_svg(page_url(ctx.settings, DECLARATION.page_path(d.id)), d.adoptee_le.year).encode("utf-8"),
        )
        for d in ctx.registry.declarations
    ]
