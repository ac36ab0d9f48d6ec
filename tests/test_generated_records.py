"""What the validator accepts, the site builds, and record text comes out as text.

Batches of enterprises, declarations and events are generated from the JSON Schemas
(``record_strategies``), written as record files by the project's writer
(``jachete.record_yaml``) into a data folder beside the reference data, and validated by the
real validator (``registry.load``: schema, rules within and between records). The records it
refuses are set aside; the others must build: the site plan renders every page, component and
file (``site.plan``, as the mkdocs plugin does), each page parses with no element or attribute
from a record, each file parses in its own format. Hypothesis is seeded (derandomised), so a run
is repeatable; ``--hypothesis-profile=thorough`` runs ten times as many batches (``slow``).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import html5lib
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from icalendar import Calendar

from conftest import REPO, build_site
from jachete import features, record_yaml, registry, site
from jachete.reference import load_reference
from record_strategies import FOLDERS, PROBE_ATTR, PROBE_TAG, SCHEMAS, TODAY, batches

# A few hundred records of each kind in the default run: 100 batches of up to 12 of each kind.
EXAMPLES, BATCH = 100, 12
# No shrinking: a batch builds a whole site plan, and shrinking one took minutes; the failing batch
# is printed whole, with the assertion that names the page or file.
SETTINGS = settings(derandomize=True, database=None, deadline=None, print_blob=True,
                    phases=(Phase.explicit, Phase.reuse, Phase.generate),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def data_root(folder: Path) -> Path:
    """A repo-like folder: the repo's reference data, schemas and rules, and empty record folders."""
    for name in ("reference", "schemas", "rules"):
        shutil.copytree(REPO / "data" / name, folder / "data" / name)
    return folder


def write(root: Path, batch: dict[str, list[dict]]) -> dict[str, int]:
    """The batch as record files (ids made unique per kind); returns the files written per kind."""
    written = Counter()
    for kind, records in batch.items():
        folder = root / "data" / FOLDERS[kind]
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        seen: set[str] = set()
        for n, record in enumerate(records):
            if record["id"] in seen:
                record["id"] = f"{record['id'][:90].rstrip('-')}-{n}"
            seen.add(record["id"])
            (folder / f"{record['id']}.yml").write_text(record_yaml.dump(record, SCHEMAS[kind]), encoding="utf-8")
            written[kind] += 1
    return written


def load_valid(root: Path) -> tuple[registry.Registry, Counter]:
    """The registry of the records the validator accepts, the refused files set aside first."""
    for _ in range(3):
        reg, problems, _ = registry.load(root, today=TODAY)
        refused = {p.path for p in problems if p.is_error}
        if reg is not None:
            break
        for path in refused:
            (root / path).unlink(missing_ok=True)
    assert reg is not None, [p.format() for p in problems if p.is_error][:10]
    kept = Counter({kind: len(list((root / "data" / folder).glob("*.yml"))) for kind, folder in FOLDERS.items()})
    return reg, kept


def check_element(tag: str, attrs: dict, text: str, where: str) -> None:
    """No element or attribute from a record; links and scripts only as the templates make them."""
    assert tag != PROBE_TAG, (where, "record markup became an element")
    for name, value in attrs.items():
        assert PROBE_ATTR not in name and not name.lower().startswith("on"), (where, tag, name)
        if name in {"href", "src", "action", "formaction"}:
            assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), (where, value)
    if tag == "script" and not attrs.get("src"):
        # Data blocks only, their record text JSON-escaped: no « < » that could close the script.
        assert attrs.get("type") in {"application/ld+json", "application/json"}, where
        assert "<" not in text, (where, "record text in a script")
        json.loads(text)


class _Elements(HTMLParser):
    """The standard library's HTML tokenizer: a tenth of html5lib's time, the same start tags."""

    def __init__(self, where: str):
        super().__init__(convert_charrefs=True)
        self.where, self.script = where, None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.script = (dict(attrs), [])
        else:
            check_element(tag, dict(attrs), "", self.where)

    def handle_data(self, data):
        if self.script is not None:
            self.script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            check_element("script", self.script[0], "".join(self.script[1]), self.where)
            self.script = None


def check_html(html: str, where: str) -> None:
    parser = _Elements(where)
    parser.feed(html)
    parser.close()


def check_page(html: str, where: str) -> None:
    """The same checks on a whole built page, parsed as a browser does (html5lib)."""
    for el in html5lib.parse(html, namespaceHTMLElements=False).iter():
        if isinstance(el.tag, str):
            check_element(el.tag, dict(el.attrib), el.text or "", where)


def check_output(path: str, content: bytes) -> None:
    """Each file parses in its own format."""
    suffix = path.rsplit(".", 1)[-1]
    if suffix in {"svg", "atom", "xml"}:
        assert not any(el.tag.endswith(PROBE_TAG) for el in ET.fromstring(content).iter()), path
    elif suffix in {"json", "geojson"}:
        json.loads(content)
    elif suffix == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
        assert len({len(row) for row in rows}) == 1, path
    elif suffix == "ics":
        assert Calendar.from_ical(content).walk("VEVENT") is not None, path
    elif suffix == "html":
        check_html(content.decode("utf-8"), path)
    else:
        content.decode("utf-8")


def build(root: Path) -> Counter:
    """Validate, then build the plan of the records that pass and check every part of it."""
    reg, kept = load_valid(root)
    plan = features.plan(site.Context(reg, site.Settings(site_url="https://registre.example.org/", today=TODAY,
                                                         root=root, project_root=REPO)))
    for page in plan.pages:
        check_html(page.body, page.src_uri)
    for name, html in plan.components.items():
        check_html(html, name)
    for output in plan.outputs:
        check_output(output.path, output.content)
    return kept


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return data_root(tmp_path_factory.mktemp("generated"))


def run(root: Path, examples: int) -> tuple[Counter, Counter]:
    """``examples`` batches; returns (records written, records the validator accepted) per kind."""
    written, kept = Counter(), Counter()
    reference = load_reference(REPO)

    @settings(SETTINGS, max_examples=examples)
    @given(batches(reference, BATCH))
    def one_batch(batch):
        written.update(write(root, batch))
        kept.update(build(root))

    one_batch()
    return written, kept


def check_run(written: Counter, kept: Counter, least: int) -> None:
    # The run means something only if many records of each kind passed the validator and were built.
    for kind in FOLDERS:
        assert kept[kind] >= 0.3 * written[kind] and kept[kind] >= least, (kind, written, kept)


def test_generated_records_that_validate_build_with_their_text_escaped(root):
    check_run(*run(root, EXAMPLES), least=50)


@pytest.mark.slow
def test_many_more_generated_records_build(root):
    """The long run: ``pytest -m slow --hypothesis-profile=thorough tests/test_generated_records.py``."""
    examples = settings.default.max_examples
    if examples < 10 * EXAMPLES:
        pytest.skip("long run: add --hypothesis-profile=thorough (registered in conftest.py)")
    check_run(*run(root, examples), least=10 * 50)


@pytest.mark.slow
def test_generated_records_build_with_mkdocs(tmp_path):
    """One real ``mkdocs build --strict`` of generated records, read as a browser would."""
    root = data_root(tmp_path / "root")
    reference = load_reference(REPO)
    taken: list[dict[str, list[dict]]] = []

    @settings(SETTINGS, max_examples=12)
    @given(batches(reference, BATCH))
    def collect(batch):
        taken.append(batch)

    collect()
    merged = {kind: [r for b in taken for r in b[kind]] for kind in FOLDERS}
    write(root, merged)
    _, kept = load_valid(root)
    assert min(kept.values()) >= 15, kept
    proc = build_site(tmp_path / "site", root=root, search=False)
    assert proc.returncode == 0, proc.stderr[-4000:]
    pages = shown = 0
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        check_page(text, str(page))
        pages += 1
        shown += f"&lt;{PROBE_TAG}" in text
    # A page per enterprise and per declaration (events are on the calendar), and the probes shown as text.
    assert pages > kept["enterprise"] + kept["declaration"] and shown >= 10, (pages, shown, kept)
