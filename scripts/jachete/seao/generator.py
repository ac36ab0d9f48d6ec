"""Seeded SEAO-shaped packages for tests and the bench (same seed, same bytes).

Processes follow SEAO's life cycle (SEAO.md §2): ``tender``, then either ``tenderCancellation``
or ``award`` (one or two lots, one to three suppliers each) and ``contract``, then sometimes
``awardUpdate``, ``contractUpdate`` and ``contractTermination``. Update releases carry only what
changed (awards or contracts by ``id``), so the store is right only if the releases are merged.
Releases are written to weekly files ``hebdo_YYYYMMDD_YYYYMMDD.json`` by the week of their date.

``Expected`` is computed from what was generated — the last value of each field as the generator
set it — never by reading the files back, so tests compare the ingester with an independent count.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .vocab import BUYERS, CATEGORIES, SUPPLIER_FORMS, WORDS, neq_for

START = dt.date(2026, 1, 5)  # a Monday
PREFIX = "ocds-ec9k95-"


@dataclass
class Expected:
    releases: int = 0
    tags: Counter = field(default_factory=Counter)
    processes: int = 0
    cancelled: int = 0
    municipal_processes: int = 0
    awards: int = 0
    award_cents: int = 0
    supplier_rows: int = 0
    supplier_rows_with_neq: int = 0
    contracts: int = 0
    contract_cents: int = 0
    string_amounts: int = 0
    superseded: int = 0
    # Awards won by registry enterprises (one per award and enterprise), by year of the award date.
    matched: Counter = field(default_factory=Counter)
    matched_cents: Counter = field(default_factory=Counter)
    # "buyer id|year" -> [awards, cents, awards won by the registry, their cents] (not cancelled)
    by_buyer: dict = field(default_factory=dict)
    # [ocid, tender end date AAAA-MM-JJ, UNSPSC code]: processes whose notice is still open when the
    # generated period ends (neither awarded nor cancelled in it).
    open_notices: list = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    bytes: int = 0

    def as_dict(self) -> dict:
        out = dict(self.__dict__)
        for key in ("tags", "matched", "matched_cents"):
            out[key] = dict(sorted(getattr(self, key).items()))
        out["by_buyer"] = dict(sorted(self.by_buyer.items()))
        return out


@dataclass
class Process:
    ocid: str
    buyer: dict
    tender: dict
    parties: dict = field(default_factory=dict)  # party id -> party
    awards: dict = field(default_factory=dict)  # award id -> award
    contracts: dict = field(default_factory=dict)
    cancelled: bool = False
    last_second: int = 0


class Generator:
    def __init__(self, seed: int, description_words: int = 260, registry: tuple[str, ...] = (),
                 buyers: tuple[tuple[str, str, bool], ...] = (), registry_every: int = 40):
        self.rng = random.Random(seed)
        self.words = description_words
        self.next_number = 1_000_000 + self.rng.randrange(100_000)
        self.expected = Expected()
        self.processes: dict[str, Process] = {}
        self.registry = tuple(sorted(registry))
        self.registry_every = registry_every
        self.extra_buyers = tuple(buyers)  # (party id, name, municipal?) besides the vocabulary's

    # --- building blocks -------------------------------------------------------------------------
    def _text(self, n: int) -> str:
        return " ".join(self.rng.choices(WORDS, k=n))

    def _address(self) -> dict:
        r = self.rng
        return {"streetAddress": f"{r.randrange(1, 9999)}, rue {r.choice(WORDS).capitalize()}",
                "locality": r.choice(("Montréal", "Québec", "Gatineau", "Sherbrooke", "Rimouski", "Laval")),
                "region": "QC", "postalCode": f"J{r.randrange(10)}G{r.randrange(10)}J{r.randrange(10)}",
                "countryName": "CAN"}

    def _supplier(self) -> dict:
        r = self.rng
        index = r.randrange(4000)
        form = SUPPLIER_FORMS[index % len(SUPPLIER_FORMS)]
        name = form.format(WORDS[index % len(WORDS)].capitalize(), index)
        party = {"name": name, "roles": ["supplier"], "address": self._address()}
        every = self.registry_every
        if self.registry and index % every == 0:  # one supplier in 40 (by default) is a registry enterprise
            neq = self.registry[index // every % len(self.registry)]
            party.update(id=f"FO-{neq}", name=f"Coopérative inscrite {neq}", details={"neq": neq})
        elif index % 7 == 3:  # about one supplier in seven has no NEQ (a foreign firm, a person)
            party["id"] = f"FO-X{index}"
        else:
            neq = neq_for(index)
            party["id"] = f"FO-{neq}"
            party["details"] = {"neq": neq}
        return party

    def _new_process(self, day: dt.date) -> Process:
        r = self.rng
        self.next_number += r.randrange(1, 4)
        buyer_index = r.randrange(len(BUYERS) + len(self.extra_buyers))
        if buyer_index < len(BUYERS):
            party_id, (name, municipal) = f"OP-{1000 + buyer_index}", BUYERS[buyer_index]
        else:
            party_id, name, municipal = self.extra_buyers[buyer_index - len(BUYERS)]
        buyer = {"id": party_id, "name": name, "roles": ["buyer", "procuringEntity"],
                 "address": self._address(), "details": {"municipal": "1" if municipal else "0"}}
        code, label, unspsc, category = r.choice(CATEGORIES)
        method = r.choices((("open", "Appel d'offres public"), ("limited", "Appel d'offres sur invitation"),
                            ("direct", "Contrat de gré à gré")), weights=(6, 2, 2))[0]
        number = str(self.next_number)
        tender = {"id": f"{r.choice('ABCDEFGHVMX')}-{day.year}-{r.randrange(1, 999):03d}",
                  "title": self._text(8).capitalize(), "description": self._text(self.words),
                  "status": "active", "procurementMethod": method[0], "procurementMethodDetails": method[1],
                  "mainProcurementCategory": category,
                  "tenderPeriod": {"startDate": f"{day.isoformat()}T08:00:00-05:00",
                                   "endDate": f"{(day + dt.timedelta(days=21)).isoformat()}T14:00:00-05:00"},
                  "items": [{"id": code, "description": f"{code} - {label}",
                             "classification": {"scheme": "UNSPSC", "id": str(unspsc)}}],
                  "documents": [{"id": "avis", "documentType": "tenderNotice",
                                 "url": f"https://seao.gouv.qc.ca/avis-resultat-recherche/consulter?ItemId={number}"}]}
        process = Process(PREFIX + number, buyer, tender)
        process.parties[buyer["id"]] = buyer
        self.processes[process.ocid] = process
        self.expected.processes += 1
        self.expected.municipal_processes += municipal
        return process

    def _cents(self) -> int:
        return int(self.rng.lognormvariate(11.5, 1.1) * 100)

    # --- events --------------------------------------------------------------------------------
    def plan(self, day: dt.date) -> list[tuple[dt.date, str, str]]:
        """A new process starting on ``day`` and the (date, ocid, tag) of its releases."""
        r = self.rng
        process = self._new_process(day)
        events = [(day, process.ocid, "tender")]
        if r.random() < 0.12:
            events.append((day + dt.timedelta(days=r.randrange(3, 30)), process.ocid, "tenderCancellation"))
            return events
        award_day = day + dt.timedelta(days=r.randrange(21, 60))
        events += [(award_day, process.ocid, "award"),
                   (award_day + dt.timedelta(days=r.randrange(1, 20)), process.ocid, "contract")]
        later = award_day + dt.timedelta(days=20)
        for tag, share in (("awardUpdate", 0.2), ("contractUpdate", 0.25), ("contractTermination", 0.15)):
            if r.random() < share:
                later += dt.timedelta(days=r.randrange(5, 60))
                events.append((later, process.ocid, tag))
        return events

    def release(self, day: dt.date, ocid: str, tag: str) -> dict:
        """Apply one event to the process and return its release."""
        r = self.rng
        p = self.processes[ocid]
        p.last_second += r.randrange(1, 3000)
        when = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(seconds=p.last_second % 30000)
        release = {"ocid": ocid, "id": when.strftime("%Y%m%d%H%M%S"),
                   "date": when.isoformat() + "-05:00", "tag": [tag], "initiationType": "tender"}
        # Like SEAO's releases, each one repeats the parties, the buyer and the notice (a snapshot);
        # only the update releases carry just the award or contract that changed.
        if tag != "tenderCancellation":
            release.update(parties=list(p.parties.values()), buyer={"id": p.buyer["id"], "name": p.buyer["name"]},
                           tender=p.tender)
        if tag == "tender":
            pass
        elif tag == "tenderCancellation":
            p.cancelled = True
            release["tender"] = {"id": p.tender["id"], "status": "cancelled"}
        elif tag == "award":
            awards = []
            for lot in range(1 if r.random() < 0.9 else 2):
                award_id = str(r.randrange(10**6, 10**7))
                suppliers = {s["id"]: s for s in (self._supplier() for _ in range(r.choice((1, 1, 1, 2, 3))))}
                p.parties.update(suppliers)
                p.tender = {**p.tender, "status": "complete"}
                award = {"id": award_id, "date": release["date"], "status": "active", "value": {
                    "amount": self._cents() / 100, "currency": "CAD"},
                    "suppliers": [{"id": s["id"], "name": s["name"]} for s in suppliers.values()]}
                p.awards[award_id] = award
                awards.append(award)
            release.update(parties=list(p.parties.values()), awards=awards, tender=p.tender)
        elif tag == "contract":
            contracts = []
            for award_id, award in p.awards.items():
                contract = {"id": award_id, "awardID": award_id, "status": "active", "dateSigned": release["date"],
                            "value": {"amount": award["value"]["amount"], "currency": "CAD"},
                            "period": {"startDate": release["date"]}}
                p.contracts[award_id] = contract
                contracts.append(contract)
            release["contracts"] = contracts
        elif tag == "awardUpdate":
            award_id = r.choice(sorted(p.awards))
            cents = self._cents()
            p.awards[award_id] = {**p.awards[award_id], "value": {"amount": cents / 100, "currency": "CAD"}}
            amount: float | str = cents / 100
            if r.random() < 0.1:  # SEAO-like text amount, same value: the store must read it
                amount = f"{cents // 100:,}".replace(",", " ") + f",{cents % 100:02d}"
                self.expected.string_amounts += 1
            release["awards"] = [{"id": award_id, "value": {"amount": amount, "currency": "CAD"}}]
        elif tag in ("contractUpdate", "contractTermination"):
            contract_id = r.choice(sorted(p.contracts))
            old = round(p.contracts[contract_id]["value"]["amount"] * 100)
            cents = int(old * r.uniform(0.6, 1.3))
            change = {"id": contract_id, "value": {"amount": cents / 100, "currency": "CAD"}}
            if tag == "contractTermination":
                change.update(status="terminated", period={"endDate": release["date"]})
            p.contracts[contract_id] = {**p.contracts[contract_id], **change}
            release["contracts"] = [change]
        self.expected.releases += 1
        self.expected.tags[tag] += 1
        return release

    def retire(self, ocid: str) -> None:
        """Tally a process whose releases are all written, and forget it (bounded memory)."""
        e = self.expected
        p = self.processes.pop(ocid)
        known = set(self.registry)
        e.cancelled += p.cancelled
        if not p.cancelled and p.tender["status"] == "active":
            e.open_notices.append([ocid, p.tender["tenderPeriod"]["endDate"][:10],
                                   p.tender["items"][0]["classification"]["id"]])
        e.awards += len(p.awards)
        e.contracts += len(p.contracts)
        for award in p.awards.values():
            cents = round(award["value"]["amount"] * 100)
            e.award_cents += cents
            for s in award["suppliers"]:
                e.supplier_rows += 1
                e.supplier_rows_with_neq += "details" in p.parties[s["id"]]
            if not p.cancelled:
                year = award["date"][:4]
                won = [s for s in award["suppliers"] if p.parties[s["id"]].get("details", {}).get("neq") in known]
                e.matched[year] += len(won)
                e.matched_cents[year] += cents * len(won)
                totals = e.by_buyer.setdefault(f"{p.buyer['id']}|{year}", [0, 0, 0, 0])
                totals[0] += 1
                totals[1] += cents
                totals[2] += bool(won)
                totals[3] += cents if won else 0
        e.contract_cents += sum(round(c["value"]["amount"] * 100) for c in p.contracts.values())

    def finish(self) -> Expected:
        for ocid in list(self.processes):
            self.retire(ocid)
        return self.expected


def generate(out: Path, weeks: int, per_week: int = 6000, seed: int = 1, monthly_copy: bool = False,
             description_words: int = 260, registry: tuple[str, ...] = (),
             buyers: tuple[tuple[str, str, bool], ...] = (), registry_every: int = 40) -> Expected:
    """Write ``weeks`` weekly packages of about ``per_week`` releases each into ``out``.

    ``registry``: NEQs of registry enterprises, given to one supplier in 40 (so ``match`` finds them).
    ``buyers``: (party id, name, municipal?) buying beside the vocabulary's (declaring bodies).
    With ``monthly_copy``, also a ``mensuel_`` package repeating the first four weeks (as SEAO's
    monthly files repeat its weekly ones): every release in it is a duplicate (superseded)."""
    out.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed, description_words, registry, buyers, registry_every)
    pending: dict[int, list] = defaultdict(list)
    # Steady state: a process yields about 3.3 releases over some eight weeks.
    starts_per_week = max(1, round(per_week / 3.3))
    copied: list[str] = []
    remaining: Counter = Counter()  # ocid -> releases still to write
    for week in range(weeks):
        monday = START + dt.timedelta(weeks=week)
        for _ in range(starts_per_week):
            for event in gen.plan(monday + dt.timedelta(days=gen.rng.randrange(5))):
                offset = (event[0] - START).days // 7
                if offset < weeks:
                    pending[offset].append(event)
                    remaining[event[1]] += 1
        events = sorted(pending.pop(week, []))
        name = f"hebdo_{monday:%Y%m%d}_{monday + dt.timedelta(days=6):%Y%m%d}.json"
        lines = []
        for event in events:
            lines.append(json.dumps(gen.release(*event), ensure_ascii=False))
            remaining[event[1]] -= 1
            if not remaining[event[1]]:
                del remaining[event[1]]
                gen.retire(event[1])
        if monthly_copy and week < 4:
            copied += lines
        _write(out / name, lines, monday, gen.expected)
    # Releases dated after the last week are never emitted (nor counted): the state they would
    # set was never applied.
    if monthly_copy:
        _write(out / f"mensuel_{START:%Y%m%d}_{START + dt.timedelta(days=27):%Y%m%d}.json", copied, START,
               gen.expected)
        gen.expected.superseded = len(copied)
    return gen.finish()


def _write(path: Path, lines: list[str], day: dt.date, expected: Expected) -> None:
    head = json.dumps({"uri": f"https://www.donneesquebec.ca/seao/{path.name}", "version": "1.1",
                       "publishedDate": f"{day.isoformat()}T00:00:00-05:00", "publisher": {"name": "SEAO"}},
                      ensure_ascii=False)
    text = head[:-1] + ', "releases": [\n' + ",\n".join(lines) + "\n]}\n"
    data = text.encode("utf-8")
    path.write_bytes(data)
    expected.files.append(path.name)
    expected.bytes += len(data)
