"""``fetch``: the weekly and monthly packages listed by the Données Québec dataset, into the cache.

- The list comes from CKAN's ``package_show`` (dataset ``d23b2e02-…``); only resources named
  ``hebdo_YYYYMMDD_YYYYMMDD.json`` or ``mensuel_…`` over http(s) are taken.
- Conditional: a file already complete is asked for with ``If-None-Match`` / ``If-Modified-Since``
  (its ETag and Last-Modified are kept in ``.meta/<name>.json``); 304 leaves it untouched.
- Resumable: bytes go to ``<name>.part``; a later run asks for the rest (``Range`` with
  ``If-Range``), or starts over when the server answers the whole file.
- Atomic: only a complete download (length checked) is renamed to ``<name>``; a cut download stays
  a ``.part`` and never looks complete.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import click

CKAN = "https://www.donneesquebec.ca/recherche"
DATASET = "d23b2e02-085d-43e5-9e6e-e1d558ebfdd5"
NAME = re.compile(r"(hebdo|mensuel)_(\d{8})_(\d{8})\.json")
CHUNK = 1 << 16
TIMEOUT = 60
USER_AGENT = "jachete-seao/1 (+https://jachete.github.io/)"


class FetchError(Exception):
    """French message for the user."""


@dataclass
class Outcome:
    downloaded: list[str] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "name : reason"


def _open(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
    return urllib.request.urlopen(request, timeout=TIMEOUT)


def list_packages(ckan: str = CKAN, dataset: str = DATASET) -> list[tuple[str, str]]:
    """(file name, URL) of every weekly or monthly package of the dataset, oldest first."""
    url = f"{ckan.rstrip('/')}/api/3/action/package_show?id={quote(dataset)}"
    try:
        with _open(url) as response:
            body = json.load(response)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise FetchError(f"liste des fichiers SEAO illisible ({url}) : {exc}") from None
    resources = (body.get("result") or {}).get("resources") if isinstance(body, dict) else None
    if not body.get("success") or not isinstance(resources, list):
        raise FetchError(f"réponse inattendue de Données Québec pour le jeu {dataset} (pas de « resources »)")
    found: dict[str, str] = {}
    for resource in resources:
        link = resource.get("url") if isinstance(resource, dict) else None
        if not isinstance(link, str) or urlsplit(link).scheme not in ("http", "https"):
            continue
        name = link.rsplit("/", 1)[-1].split("?")[0]
        if NAME.fullmatch(name):
            found[name] = link
    return sorted(found.items(), key=lambda item: (NAME.fullmatch(item[0]).group(3), item[0]))


def _meta_path(folder: Path, name: str) -> Path:
    return folder / ".meta" / f"{name}.json"


def _read_meta(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_meta(path: Path, meta: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(tmp, path)


def _validators(response) -> dict:
    return {k: v for k, v in (("etag", response.headers.get("ETag")),
                               ("last_modified", response.headers.get("Last-Modified"))) if v}


def download(name: str, url: str, folder: Path, outcome: Outcome, progress: bool = True) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    final, part = folder / name, folder / f"{name}.part"
    meta_file, part_meta_file = _meta_path(folder, name), _meta_path(folder, name + ".part")
    headers: dict[str, str] = {}
    meta = _read_meta(meta_file) if final.exists() else {}
    part_meta = _read_meta(part_meta_file) if part.exists() else {}
    offset = part.stat().st_size if part.exists() and part_meta else 0
    if offset:
        # Why If-Range: if the file changed on the server since the cut, it sends the whole new file
        # (200) instead of the rest of a file that no longer exists.
        headers["Range"] = f"bytes={offset}-"
        validator = part_meta.get("etag") or part_meta.get("last_modified")
        if validator:
            headers["If-Range"] = validator
    elif meta:
        if meta.get("etag"):
            headers["If-None-Match"] = meta["etag"]
        if meta.get("last_modified"):
            headers["If-Modified-Since"] = meta["last_modified"]
    try:
        response = _open(url, headers)
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            outcome.unchanged.append(name)
            return
        if exc.code == 416:  # the partial file is not a prefix of what the server holds: start over
            part.unlink(missing_ok=True)
            part_meta_file.unlink(missing_ok=True)
        outcome.failed.append(f"{name} : le serveur répond {exc.code} {exc.reason}")
        return
    except (urllib.error.URLError, OSError) as exc:
        outcome.failed.append(f"{name} : téléchargement impossible ({exc})")
        return
    with response:
        resumed = response.status == 206 and offset > 0
        if not resumed:
            offset = 0
        validators = _validators(response)
        length = response.headers.get("Content-Length")
        total = offset + int(length) if length and length.isdigit() else None
        _write_meta(part_meta_file, validators)
        try:
            with open(part, "ab" if resumed else "wb") as out:
                bar = click.progressbar(length=total, label=name, file=sys.stderr) if progress and total else None
                if bar:
                    bar.__enter__()
                    bar.update(offset)
                try:
                    while chunk := response.read(CHUNK):
                        out.write(chunk)
                        if bar:
                            bar.update(len(chunk))
                finally:
                    if bar:
                        bar.__exit__(None, None, None)
                out.flush()
                os.fsync(out.fileno())
        except (OSError, urllib.error.URLError, http.client.HTTPException) as exc:
            outcome.failed.append(f"{name} : téléchargement interrompu ({exc}) ; il reprendra au prochain lancement")
            return
    size = part.stat().st_size
    if total is not None and size != total:
        outcome.failed.append(f"{name} : téléchargement incomplet ({size} octets sur {total}) ; "
                              "il reprendra au prochain lancement")
        return
    os.replace(part, final)
    _write_meta(meta_file, validators)
    part_meta_file.unlink(missing_ok=True)
    (outcome.resumed if resumed else outcome.downloaded).append(name)


def fetch(folder: Path, ckan: str = CKAN, since: str | None = None, progress: bool = True) -> Outcome:
    outcome = Outcome()
    for name, url in list_packages(ckan):
        if since and NAME.fullmatch(name).group(3) < since.replace("-", ""):
            continue
        download(name, url, folder, outcome, progress)
    return outcome
