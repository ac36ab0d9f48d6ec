"""The only URLs a page may link to: http(s) with a host, and mailto (the validator's parse).

Apart from the Jinja2 environment (``env.py``) so that Python-built markup (``jsonld.py``,
``events/ics.py``) uses the same check without importing the environment.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..weburl import link

_ENCODE = str.maketrans({'"': "%22", "'": "%27", "<": "%3C", ">": "%3E", "`": "%60"})
_TO_ENCODE = re.compile("[\"'<>`]")


def safe_url(value: object) -> str:
    """The URL as a browser serialises it when it is http(s) with a host, or mailto; otherwise ``""``.

    The parse is the validator's (``jachete.weburl``): the host a link goes to is the host the
    validator checked, and an address it refuses (backslash, whitespace, control characters,
    user name before « @ », another scheme) is never linked.
    """
    url = link(value)
    if not url:
        return ""
    # Quotes and angle brackets are legal in a URL only percent-encoded; encode them so that
    # no attribute value ever carries markup, even escaped.
    return url.translate(_ENCODE) if _TO_ENCODE.search(url) else url


def mailto(address: object) -> str:
    """``mailto:`` URL for an e-mail address, or ``""`` if it does not look like one."""
    if not isinstance(address, str) or "@" not in address:
        return ""
    return safe_url("mailto:" + quote(address.strip(), safe="@.+-_"))
