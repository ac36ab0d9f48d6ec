"""Colours of the charts and the map, and the WCAG 2.2 contrast arithmetic that checks them.

Every chart sits on its own white background, so the ratios below hold in both colour schemes
of the site: text >= 4.5:1 (1.4.3), bars, tile borders and legend swatches >= 3:1 (1.4.11).
"""

from __future__ import annotations

BACKGROUND = "#ffffff"
TEXT = "#1a1a1a"
MUTED_TEXT = "#4d4d4d"  # axis labels: 8.4:1 on white
BAR = "#1f5a96"  # 7.0:1 on white
AXIS = "#666666"  # 5.7:1 on white
TILE_BORDER = "#1a1a1a"
# Sequential scale of the map, lightest (no record) to darkest. Every tile also prints its
# count, so no value is told by colour alone.
SCALE = ("#f2f2f2", "#c6dbef", "#6baed6", "#2171b5", "#08306b")


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(fill: str) -> str:
    """Dark or white text, whichever contrasts more with ``fill``."""
    return TEXT if contrast(TEXT, fill) >= contrast("#ffffff", fill) else "#ffffff"


def scale_class(value: int, maximum: int) -> int:
    """0 for no record; 1 for a single record up to 4 for the maximum, in equal steps."""
    if value <= 0 or maximum <= 0:
        return 0
    if maximum == 1:
        return 4
    return 1 + (3 * (min(value, maximum) - 1)) // (maximum - 1)


def class_bounds(maximum: int) -> list[tuple[int, int, int]]:
    """(class, low, high) of each non-empty class, for the legend; empty classes are skipped."""
    bounds: dict[int, list[int]] = {}
    for v in range(1, maximum + 1):
        bounds.setdefault(scale_class(v, maximum), []).append(v)
    return [(cls, min(vs), max(vs)) for cls, vs in sorted(bounds.items())]
