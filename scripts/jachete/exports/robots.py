"""robots.txt: everything may be indexed; points crawlers to the sitemap mkdocs writes."""

from __future__ import annotations

from ..site import Context, Output
from .common import page_url


def outputs(ctx: Context) -> list[Output]:
    text = f"User-agent: *\nAllow: /\n\nSitemap: {page_url(ctx.settings, 'sitemap.xml')}\n"
    return [Output("robots.txt", text.encode("utf-8"))]
