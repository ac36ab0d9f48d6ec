"""``jachete seao fetch`` against a local server only (127.0.0.1): ETag/304, Range, a cut download."""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jachete.seao.fetch import fetch

FILES = {
    "hebdo_20260105_20260111.json": b'{"releases": [' + b'{"ocid": "ocds-ec9k95-1"},' * 20000 + b"{}]}",
    "mensuel_20260101_20260131.json": b'{"releases": []}',
}


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.log: list[tuple[str, dict]] = []
        self.cut_next = set()  # file names whose next full answer stops halfway


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        server: Server = self.server
        server.log.append((self.path, {k: v for k, v in self.headers.items()}))
        base = f"http://127.0.0.1:{server.server_port}"
        if self.path.startswith("/api/3/action/package_show"):
            resources = [{"url": f"{base}/files/{name}"} for name in FILES]
            resources += [{"url": f"{base}/files/specifications.pdf"}, {"url": "ftp://example/hebdo_x.json"}]
            body = json.dumps({"success": True, "result": {"resources": resources}}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        name = self.path.rsplit("/", 1)[-1]
        data = FILES[name]
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        start = 0
        ranged = self.headers.get("Range")
        if ranged and self.headers.get("If-Range") in (None, etag):
            start = int(ranged.removeprefix("bytes=").split("-")[0])
        self.send_response(206 if start else 200)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(data) - start))
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.end_headers()
        if name in server.cut_next:
            server.cut_next.discard(name)
            self.wfile.write(data[start:len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(data[start:])


@pytest.fixture
def server():
    srv = Server()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def ckan(server):
    return f"http://127.0.0.1:{server.server_port}"


def test_download_then_not_modified(server, tmp_path):
    first = fetch(tmp_path, ckan(server), progress=False)
    assert sorted(first.downloaded) == sorted(FILES) and not first.failed
    for name, data in FILES.items():
        assert (tmp_path / name).read_bytes() == data
    assert not list(tmp_path.glob("*.part"))
    server.log.clear()
    second = fetch(tmp_path, ckan(server), progress=False)
    assert sorted(second.unchanged) == sorted(FILES) and not second.downloaded
    conditional = [h for path, h in server.log if path.startswith("/files/")]
    assert all(h.get("If-None-Match", "").startswith('"') for h in conditional) and len(conditional) == 2


def test_cut_download_never_looks_complete_and_resumes(server, tmp_path):
    name = "hebdo_20260105_20260111.json"
    server.cut_next.add(name)
    first = fetch(tmp_path, ckan(server), progress=False)
    assert [f.split(" : ")[0] for f in first.failed] == [name]
    assert first.failed[0].startswith(f"{name} : téléchargement incomplet (")
    assert first.failed[0].endswith(f" sur {len(FILES[name])}) ; il reprendra au prochain lancement")
    assert not (tmp_path / name).exists()
    half = (tmp_path / f"{name}.part").stat().st_size
    assert 0 < half < len(FILES[name])
    server.log.clear()
    second = fetch(tmp_path, ckan(server), progress=False)
    assert second.resumed == [name] and not second.failed
    assert (tmp_path / name).read_bytes() == FILES[name]
    assert not (tmp_path / f"{name}.part").exists()
    ranges = [h.get("Range") for path, h in server.log if path.endswith(name)]
    assert ranges == [f"bytes={half}-"]


def test_since_skips_older_packages(server, tmp_path):
    outcome = fetch(tmp_path, ckan(server), since="2026-01-20", progress=False)
    assert outcome.downloaded == ["mensuel_20260101_20260131.json"]
