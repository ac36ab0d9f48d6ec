"""The indicator charts and the region map in Chromium: one reference screenshot per chart,
rendered from the repository's data, compared with a tolerance.

Regenerate the references after a deliberate change (new demo data, new design):
``UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/browser/test_charts.py``.
"""

from __future__ import annotations

import base64
import datetime as dt
import os

import pytest

from conftest import REPO

pytestmark = [pytest.mark.browser]

SNAPSHOTS = REPO / "tests" / "snapshots"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"
# A pixel differs when a channel moves by more than CHANNEL; a chart matches when at most
# PIXELS of its pixels differ (font hinting and anti-aliasing move a few edge pixels).
CHANNEL = 40
PIXELS = 0.01

COMPARE_JS = """
async ([a, b, channel]) => {
  const load = (src) => new Promise((ok, ko) => { const i = new Image(); i.onload = () => ok(i); i.onerror = ko; i.src = src; });
  const [x, y] = await Promise.all([load(a), load(b)]);
  if (x.width !== y.width || x.height !== y.height) return {size: [x.width, x.height, y.width, y.height], diff: -1};
  const pixels = (img) => { const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
    const g = c.getContext('2d'); g.drawImage(img, 0, 0); return g.getImageData(0, 0, img.width, img.height).data; };
  const p = pixels(x), q = pixels(y);
  let diff = 0;
  for (let i = 0; i < p.length; i += 4) {
    if (Math.abs(p[i] - q[i]) > channel || Math.abs(p[i+1] - q[i+1]) > channel || Math.abs(p[i+2] - q[i+2]) > channel) diff++;
  }
  return {size: [x.width, x.height], diff: diff, total: p.length / 4};
}
"""


def _charts() -> dict[str, str]:
    from jachete.indicators import charts
    from jachete.registry import load
    from jachete.site import Context, Settings

    reg, problems, _ = load(REPO)
    assert reg is not None, [p.format() for p in problems]
    return charts(Context(reg, Settings(site_url="https://example.org/", today=dt.date(2026, 11, 27))))


CHARTS = _charts()


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 800}, device_scale_factor=1, locale="fr-CA")
    p = context.new_page()
    yield p
    context.close()


def _data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_chart_matches_its_reference(page, chart_id):
    page.set_content(f'<!doctype html><html lang="fr-CA"><meta charset="utf-8">'
                     f'<body style="margin:0;background:#fff">{CHARTS[chart_id]}</body></html>')
    svg = page.locator(f"svg#{chart_id}")
    box = svg.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 40  # it renders, at a readable size
    shot = svg.screenshot()
    reference = SNAPSHOTS / f"{chart_id}.png"
    if UPDATE:
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        reference.write_bytes(shot)
        return
    assert reference.exists(), f"no reference for {chart_id}: run with UPDATE_SNAPSHOTS=1"
    result = page.evaluate(COMPARE_JS, [_data_url(shot), _data_url(reference.read_bytes()), CHANNEL])
    assert result["diff"] >= 0, f"size changed: {result['size']}"
    assert result["diff"] <= PIXELS * result["total"], f"{result['diff']} of {result['total']} pixels differ"


def test_charts_render_on_the_built_page(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-CA")
    p = context.new_page()
    p.goto(site_server + "indicateurs/")
    for chart_id in CHARTS:
        svg = p.locator(f"svg#{chart_id}")
        assert svg.count() == 1
        box = svg.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 40, chart_id
        # Each chart has its data table beside it.
        block = p.locator(f"div.jachete-graphique-bloc:has(svg#{chart_id})")
        assert block.locator("table").count() == 1
        assert block.locator("table").first.is_visible()
    context.close()
