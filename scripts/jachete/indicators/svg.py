"""Static SVG charts, written at build time: horizontal bars, vertical bars, the region tile map.

No script: each chart is an image (role="img") named by its <title> and described by its
<desc>; every bar and tile carries its value as text, and the page puts the same numbers in a
table beside the chart. All text is escaped.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .palette import (
    AXIS,
    BACKGROUND,
    BAR,
    MUTED_TEXT,
    SCALE,
    TEXT,
    TILE_BORDER,
    class_bounds,
    scale_class,
    text_on,
)

FONT = 'font-family="Arial, Liberation Sans, DejaVu Sans, sans-serif"'
CHAR_W = 7.0  # average glyph width at 13 px, to fit labels


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="jachete-graphique" id={quoteattr(chart_id)} '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'style="max-width:100%;height:auto" '
        f'aria-labelledby="{chart_id}-titre {chart_id}-desc">'
        f'<title id="{chart_id}-titre">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f'<rect width="{width}" height="{height}" fill="{BACKGROUND}"/>'
    )


def _fit(text: str, width: float) -> str:
    limit = max(4, int(width / CHAR_W))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def hbar(chart_id: str, title: str, desc: str, rows: list[tuple[str, float, str]], width: int = 680) -> str:
    """Horizontal bars: rows of (label, value, value as text), drawn in the given order."""
    label_w, value_w, row_h, top = 250, 90, 30, 10
    plot_w = width - label_w - value_w
    height = top * 2 + row_h * max(1, len(rows))
    maximum = max((v for _, v, _ in rows), default=0) or 1
    parts = [_open(chart_id, width, height, title, desc), f'<g {FONT} font-size="13">']
    for i, (label, value, text) in enumerate(rows):
        y = top + i * row_h
        bar_w = plot_w * value / maximum
        parts.append(
            f'<g><title>{escape(label)} : {escape(text)}</title>'
            f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end" fill="{TEXT}">{escape(_fit(label, label_w - 12))}</text>'
            f'<rect x="{label_w}" y="{y + 5}" width="{bar_w:.1f}" height="{row_h - 10}" fill="{BAR}"/>'
            f'<text x="{label_w + bar_w + 6:.1f}" y="{y + 19}" fill="{TEXT}" font-weight="bold">{escape(text)}</text></g>'
        )
    parts.append(f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{height - top}" stroke="{AXIS}"/>')
    parts.append("</g></svg>")
    return "".join(parts)


def vbar(chart_id: str, title: str, desc: str, rows: list[tuple[str, float, str]], width: int = 680) -> str:
    """Vertical bars (a time series): rows of (label under the bar, value, value as text above it)."""
    height, top, bottom = 260, 28, 34
    plot_h = height - top - bottom
    n = max(1, len(rows))
    slot = (width - 20) / n
    bar_w = min(64.0, slot * 0.6)
    maximum = max((v for _, v, _ in rows), default=0) or 1
    parts = [_open(chart_id, width, height, title, desc), f'<g {FONT} font-size="13" text-anchor="middle">']
    base = height - bottom
    for i, (label, value, text) in enumerate(rows):
        cx = 10 + slot * (i + 0.5)
        h = plot_h * value / maximum
        parts.append(
            f'<g><title>{escape(label)} : {escape(text)}</title>'
            f'<rect x="{cx - bar_w / 2:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{BAR}"/>'
            f'<text x="{cx:.1f}" y="{base - h - 8:.1f}" fill="{TEXT}" font-weight="bold">{escape(text)}</text>'
            f'<text x="{cx:.1f}" y="{base + 20}" fill="{MUTED_TEXT}">{escape(label)}</text></g>'
        )
    parts.append(f'<line x1="10" y1="{base}" x2="{width - 10}" y2="{base}" stroke="{AXIS}"/>')
    parts.append("</g></svg>")
    return "".join(parts)


# Tile positions (column, row): 17 tiles placed roughly as the regions lie, west to east and
# north to south. The grid is a diagram, not a map: areas and borders are not drawn to scale.
TILES: dict[str, tuple[int, int]] = {
    "10": (2, 0),
    "08": (0, 1), "02": (3, 1), "09": (4, 1),
    "07": (0, 2), "15": (1, 2), "14": (2, 2), "04": (3, 2), "03": (4, 2), "01": (5, 2), "11": (6, 2),
    "13": (1, 3), "06": (2, 3), "17": (3, 3), "12": (4, 3),
    "16": (2, 4), "05": (3, 4),
}
SHORT_NAMES = {
    "01": "Bas-Saint-Laurent", "02": "Saguenay–LSJ", "03": "Capitale-Nat.", "04": "Mauricie", "05": "Estrie",
    "06": "Montréal", "07": "Outaouais", "08": "Abitibi-Tém.", "09": "Côte-Nord", "10": "Nord-du-Québec",
    "11": "Gaspésie–Îles", "12": "Chaudière-App.", "13": "Laval", "14": "Lanaudière", "15": "Laurentides",
    "16": "Montérégie", "17": "Centre-du-Qc",
}


def tile_map(chart_id: str, title: str, desc: str, counts: dict[str, int], names: dict[str, str]) -> str:
    tile_w, tile_h, gap, pad, legend_h = 112, 64, 6, 10, 46
    cols = 1 + max(c for c, _ in TILES.values())
    rows = 1 + max(r for _, r in TILES.values())
    width = pad * 2 + cols * (tile_w + gap) - gap
    height = pad * 2 + rows * (tile_h + gap) - gap + legend_h
    maximum = max(counts.values(), default=0)
    parts = [_open(chart_id, width, height, title, desc), f'<g {FONT} text-anchor="middle">']
    for code, (col, row) in sorted(TILES.items()):
        x, y = pad + col * (tile_w + gap), pad + row * (tile_h + gap)
        value = counts.get(code, 0)
        fill = SCALE[scale_class(value, maximum)]
        ink = text_on(fill)
        name = names.get(code, code)
        parts.append(
            f'<g><title>{escape(name)} ({code}) : {value}</title>'
            f'<rect x="{x}" y="{y}" width="{tile_w}" height="{tile_h}" rx="4" fill="{fill}" '
            f'stroke="{TILE_BORDER}" stroke-width="1.5"/>'
            f'<text x="{x + tile_w / 2}" y="{y + 22}" font-size="12" fill="{ink}">'
            f'{escape(SHORT_NAMES.get(code, name))}</text>'
            f'<text x="{x + tile_w / 2}" y="{y + 50}" font-size="22" font-weight="bold" fill="{ink}">{value}</text></g>'
        )
    # Legend: one swatch per class actually used, with its range of counts.
    ly = height - legend_h + 14
    legend = [(0, 0, 0)] + class_bounds(maximum)
    parts.append('<g font-size="12" text-anchor="start">')
    for i, (cls, low, high) in enumerate(legend):
        lx = pad + i * 150
        text = "aucune" if cls == 0 else (f"{low}" if low == high else f"{low} à {high}")
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="22" height="16" fill="{SCALE[cls]}" stroke="{TILE_BORDER}"/>'
            f'<text x="{lx + 28}" y="{ly + 13}" fill="{TEXT}">{escape(text)}</text>'
        )
    parts.append("</g></g></svg>")
    return "".join(parts)
