"""Whitespace of the theme's chrome, made compact.

Material's templates indent every line; at Quebec scale that indentation is a third of the
site's bytes. A run of whitespace that holds a line break becomes one line break: browsers
collapse both the same way outside preformatted elements, which are left untouched.
"""

from __future__ import annotations

import re

# Elements whose text is not collapsed by the browser (or is code): kept byte for byte.
_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
_RUN = re.compile(r"[ \t\r\f]*\n\s*")


def compact(html: str) -> str:
    parts = _KEEP.split(html)
    out: list[str] = []
    # re.split with two groups: text, whole kept element, tag name, text, ...
    for i in range(0, len(parts), 3):
        out.append(_RUN.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
