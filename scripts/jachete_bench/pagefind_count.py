"""Read pagefind's own output: pages in the index, and pages per filter value.

A pagefind filter file (``pagefind/filter/*.pf_filter``) is gzip-compressed; once
inflated it is the signature ``pagefind_dcd`` followed by one CBOR value:
``[filter name, [[value, [page numbers...]], ...]]``. The small decoder below
reads the CBOR subset pagefind writes (integers, strings, arrays, maps).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def _decode(data: bytes, pos: int):
    head = data[pos]
    major, info = head >> 5, head & 0x1F
    pos += 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    elif major == 7:
        arg = info
    else:
        raise ValueError(f"unsupported CBOR item {head:#x} at {pos - 1}")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        chunk = data[pos:pos + arg]
        return (chunk.decode("utf-8") if major == 3 else chunk), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        mapping = {}
        for _ in range(arg):
            key, pos = _decode(data, pos)
            mapping[key], pos = _decode(data, pos)
        return mapping, pos
    if major == 7:
        return {20: False, 21: True, 22: None}.get(arg), pos
    raise ValueError(f"unsupported CBOR major type {major}")


def read_filter(path: Path) -> tuple[str, dict[str, int]]:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a pagefind filter file")
    (name, values), _ = _decode(data, len(SIGNATURE))
    return name, {value: len(pages) for value, pages in values}


def filter_counts(pagefind_dir: Path) -> dict[str, dict[str, int]]:
    """{filter name: {value: number of pages}} over every language's filter files."""
    counts: dict[str, dict[str, int]] = {}
    for path in sorted((Path(pagefind_dir) / "filter").glob("*.pf_filter")):
        name, values = read_filter(path)
        bucket = counts.setdefault(name, {})
        for value, n in values.items():
            bucket[value] = bucket.get(value, 0) + n
    return counts


def page_count(pagefind_dir: Path) -> int:
    entry = json.loads((Path(pagefind_dir) / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(lang["page_count"] for lang in entry["languages"].values())


def _inflate(path: Path):
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return _decode(data, len(SIGNATURE))[0]


# pagefind 1.5 writes filter values, and the list of filters in its metadata file, in hash-map
# order, which changes from one run to the next (the files' hashed names change with it): known
# upstream (Pagefind/pagefind#638). These files are compared by content instead of bytes.
UNSTABLE = ("pagefind/filter/", "pagefind/pagefind-entry.json")


def is_unstable(relpath: str) -> bool:
    return relpath.startswith(UNSTABLE) or (relpath.startswith("pagefind/pagefind.") and
                                            relpath.endswith(".pf_meta"))


def canonical(pagefind_dir: Path) -> dict:
    """The content of the order-unstable files, in a canonical form: page count, and for the
    metadata file its other parts plus every filter as {value: sorted page numbers}."""
    pagefind_dir = Path(pagefind_dir)
    filters = {}
    for path in (pagefind_dir / "filter").glob("*.pf_filter"):
        name, values = _inflate(path)
        filters[name] = {value: sorted(pages) for value, pages in values}
    metas = []
    for path in sorted(pagefind_dir.glob("pagefind.*.pf_meta")):
        meta = _inflate(path)
        metas.append([part for i, part in enumerate(meta) if i != 3])  # part 3: the filter file list
    return {"pages": page_count(pagefind_dir), "filters": filters, "meta": metas}
