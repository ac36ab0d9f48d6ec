"""Hypothesis strategies for whole records, generated from the registry's JSON Schemas.

Every leaf value (a text, a code, a number, a list of codes) comes from ``hypothesis-jsonschema``
reading the field's own schema; objects are assembled here, field by field, with
``fixed_dictionaries`` (hypothesis-jsonschema builds an object's strategies again at every
draw, which is a hundred times slower). On top of what the schema says:

- dates are drawn around the schemas' ``formatMinimum``/``formatMaximum`` (which
  hypothesis-jsonschema does not read), edges and a little past them included;
- free texts may carry a probe (markup, a quote that closes an attribute, a Markdown link): it
  must come out of every page and file as text;
- most records are steered towards the rules between fields (the MRC's region, the cooperative
  block...), so that enough of them pass the validator to be built; the rest stay as drawn.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from jachete.bodies import body_key

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = {"enterprise": "entreprise", "declaration": "declaration", "event": "evenement"}
FOLDERS = {"enterprise": "enterprises", "declaration": "declarations", "event": "events"}
TODAY = dt.date(2026, 11, 27)

# An element and an attribute no template makes: finding either in an output means record text
# was written unescaped.
PROBE_TAG, PROBE_ATTR = "jx-probe", "jxprobe"
PROBES = (
    f"<{PROBE_TAG} {PROBE_ATTR}=1>",
    f"\"'><{PROBE_TAG} {PROBE_ATTR}=\"1\">",
    f"</script><{PROBE_TAG}>",
    f"]]><{PROBE_TAG}/>",
    f"[lien](javascript:{PROBE_ATTR}(1))",
    "&lt;b&gt; &amp; *x* _y_ `z`",
)
URL_PROBE = f"/\"'><{PROBE_TAG}/{PROBE_ATTR}=1>"

# Left out of generated text for now: control characters (C0 and C1 but tab and newline), and
# the line and paragraph separators; newlines stay only in the multi-line fields. The validator
# is being taught to refuse them (and the .ics writer to escape them); once it does, drop these
# two rules and the generator checks that refusal too.
EXCLUDED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
MULTILINE = frozenset({"description", "texte", "note"})
SPECIALS = ("\n", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x1c", "\x00", "\x7f", "\x85", "\u2028", "\u2029",
            "\u200b", "\u202e", "\u00ad", "\ufeff", "\U0001f469\u200d\u2696\ufe0f", " ", "\u00a0")
LIST_CAP = 4  # items per list, and
TEXT_CAP = 40  # characters drawn per text (before a probe): records stay small, batches stay quick


def load_schema(kind: str) -> dict:
    return json.loads((REPO / "data" / "schemas" / f"{SCHEMAS[kind]}.schema.json").read_text(encoding="utf-8"))


def _often(draw, times: int) -> bool:
    """True ``times`` times in ``times + 1``, about (a sampled index leans to the first, True)."""
    return draw(st.sampled_from((True,) * times + (False,)))


@st.composite
def _dates(draw, schema: dict) -> str:
    """Mostly within the schema's range; else at its edges, just past them, or anywhere."""
    low = dt.date.fromisoformat(schema.get("formatMinimum", "2000-01-01"))
    high = dt.date.fromisoformat(schema.get("formatMaximum", "2100-12-31"))
    if _often(draw, 20):
        day = draw(st.dates(low, high))
    elif _often(draw, 1):
        day = draw(st.sampled_from([low, high, low - dt.timedelta(days=1), high + dt.timedelta(days=1),
                                    dt.date.min, dt.date.max]))
    else:
        day = draw(st.dates())
    return day.isoformat()


def _plain(text: str, multiline: bool) -> str:
    text = EXCLUDED.sub("", text)
    return text if multiline else text.replace("\n", " ")


def _text(schema: dict, multiline: bool) -> st.SearchStrategy[str]:
    """A free text of the schema's lengths, perhaps with a probe inside."""
    low, high = schema.get("minLength", 0), schema.get("maxLength", 1000)
    return _probed(from_schema({"type": "string", "minLength": low, "maxLength": min(high, TEXT_CAP)}),
                   low, high, multiline)


@st.composite
def _probed(draw, texts: st.SearchStrategy[str], low: int, high: int, multiline: bool) -> str:
    text = draw(texts)
    if draw(st.booleans()):
        probe, at = draw(st.sampled_from(PROBES)), draw(st.integers(0, len(text)))
        text = text[:at] + probe + text[at:]
    if not _often(draw, 3):  # a character a random text seldom holds (most are left out for now)
        special, at = draw(st.sampled_from(SPECIALS)), draw(st.integers(0, len(text)))
        text = text[:at] + special + text[at:]
    text = _plain(text, multiline)[:high]
    return text if len(text) >= low else "x" * low


# Most addresses are assembled from parts (the schema's regular expression, drawn character by
# character, made a tenth of a batch's time and most of its size); the rest come from the pattern.
# Host labels from letters a browser accepts in a domain name (accented ones reach IDNA).
_HOST = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-éàçôÉ"), min_size=1, max_size=12)
_PATH = st.text(st.characters(exclude_categories=("C", "Z"), exclude_characters="\\"), max_size=20)


@st.composite
def _url(draw, schema: dict) -> str:
    if _often(draw, 3):
        url = (f"{draw(st.sampled_from(('https', 'http')))}://{draw(_HOST)}.{draw(_HOST)}"
               f"{draw(st.sampled_from(('', ':8080')))}/{draw(_PATH)}")
        if not re.fullmatch(schema["pattern"], url):
            url = "https://exemple.example.org/"
    else:
        url = draw(from_schema(schema))
    url = EXCLUDED.sub("", url) or "https://exemple.example.org/"
    if draw(st.booleans()) and len(url) + len(URL_PROBE) <= schema.get("maxLength", 500):
        url += URL_PROBE
    return url[: schema.get("maxLength", 500)]


def strategy(schema: dict, name: str = "") -> st.SearchStrategy:
    """Values of one (sub)schema: objects field by field, leaves from hypothesis-jsonschema."""
    kind = schema.get("type")
    if kind == "object":
        required = set(schema.get("required", ()))
        fields = {key: strategy(sub, key) for key, sub in schema.get("properties", {}).items()}
        return st.fixed_dictionaries({k: s for k, s in fields.items() if k in required},
                                     optional={k: s for k, s in fields.items() if k not in required})
    if kind == "array" and schema["items"].get("type") == "object":
        return st.lists(strategy(schema["items"]), min_size=schema.get("minItems", 0),
                        max_size=max(schema.get("minItems", 0), LIST_CAP))
    if kind == "array" and schema["items"].get("type") == "string" and "pattern" not in schema["items"] \
            and "enum" not in schema["items"]:  # free texts (seao.acheteurs): probed like any text
        return st.lists(_text(schema["items"], False), min_size=max(schema.get("minItems", 0), 1),
                        max_size=max(schema.get("minItems", 0), LIST_CAP), unique=schema.get("uniqueItems", False))
    if kind == "array":
        return from_schema({**schema, "maxItems": max(schema.get("minItems", 0), LIST_CAP)})
    if schema.get("format") == "date":
        return _dates(schema)
    if kind == "string" and "pattern" not in schema and "enum" not in schema:
        return _text(schema, name in MULTILINE)
    if kind == "string" and "://" in schema.get("pattern", ""):  # a web address, any case of scheme
        return _url(schema)
    return from_schema({k: v for k, v in schema.items() if k not in ("title", "description")})


def _before(day: str, limit: dt.date) -> str:
    return min(day, limit.isoformat()) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", day) else day


def steer(kind: str, record: dict, reference, cooperative: dict) -> dict:
    """The record moved towards the rules between fields (and past dates), when they apply."""
    if kind == "enterprise":
        mrc = reference.mrcs.get(record["mrc"])
        if mrc is not None:
            record["region"] = mrc.region
        if record["forme_juridique"] != "cooperative":
            record.pop("cooperative", None)
        else:
            record.setdefault("cooperative", cooperative)
        coop = record.get("cooperative")
        if coop and not (coop["type"] == "solidarite" and coop["sans_ristourne"] is True):
            coop.pop("designee_par_ministre", None)
        record["mise_a_jour"] = _before(record["mise_a_jour"], TODAY)
    elif kind == "declaration":
        # Adopted from 2011 (the plan's model) to today; one follow-up a year, from the adoption on.
        record["adoptee_le"] = max(_before(record["adoptee_le"], TODAY), "2011-01-01")
        first = int(record["adoptee_le"][:4]) if record["adoptee_le"][:4].isdigit() else 2011
        years: set[int] = set()
        suivis = []
        for suivi in record.get("suivis", ()):
            suivi["annee"] = min(max(suivi["annee"], first), TODAY.year)
            if suivi["annee"] not in years:
                suivis.append(suivi)
                years.add(suivi["annee"])
        if "suivis" in record:
            record["suivis"] = suivis
    elif "fin" in record and record["fin"] < record["debut"]:
        record["debut"], record["fin"] = record["fin"], record["debut"]
    return record


def records(kind: str, reference) -> st.SearchStrategy[dict]:
    """Records of a kind: nine in ten steered towards validity."""
    schema = load_schema(kind)
    base = strategy(schema)
    coop = strategy(schema["properties"]["cooperative"]) if kind == "enterprise" else st.just({})

    @st.composite
    def one(draw):
        record = draw(base)
        if _often(draw, 9):
            record = steer(kind, record, reference, draw(coop))
        return record

    return one()


def distinct_bodies(declarations: list[dict]) -> None:
    """One declaration per body: names, official sites and geographic codes made distinct."""
    names, geos = set(), set()
    for n, record in enumerate(declarations):
        body = record["organisme"]
        if body_key(body["nom"], body["type"]) in names:
            body["nom"] = f"{body['nom'][:190]} {n}"
        names.add(body_key(body["nom"], body["type"]))
        if "code_geo" in body and body["code_geo"] in geos:
            del body["code_geo"]
        geos.add(body.get("code_geo"))
        scheme, rest = body["site_web"].split("://", 1)
        body["site_web"] = f"{scheme}://d{n}.{rest}"[:500]


def batches(reference, size: int) -> st.SearchStrategy[dict[str, list[dict]]]:
    """Up to ``size`` records of each kind; in most batches, one declaration per body."""
    kinds = st.fixed_dictionaries({kind: st.lists(records(kind, reference), min_size=1, max_size=size)
                                   for kind in SCHEMAS})

    @st.composite
    def batch(draw):
        drawn = draw(kinds)
        if _often(draw, 9):
            distinct_bodies(drawn["declaration"])
        return drawn

    return batch()
