"""The production access log holds no participant token and no client address (issue 11, item 11)."""

from __future__ import annotations

import logging
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from mia.core.logs import AccessLogFilter, mask_path

REPO = Path(__file__).resolve().parents[3]


def test_mask_path_hides_tokens_and_codes_but_keeps_the_shape():
    token = secrets.token_urlsafe(24)
    assert mask_path(f"/deelnemer/{token}/kaartje/") == "/deelnemer/***/kaartje/"
    assert mask_path(f"/api/live/deelnemer/{token}/state?version=3&wait=25") == (
        "/api/live/deelnemer/***/state?version=3&wait=25"
    )
    assert mask_path("/doe-mee/?code=ACDEFG") == "/doe-mee/?code=***"
    assert mask_path("/account/reset/MQ/c3x2k1-0123456789abcdef0123456789abcdef/") == "/account/reset/MQ/***/"
    assert mask_path("/mia/12/stap-3/live/4/") == "/mia/12/stap-3/live/4/"
    assert mask_path("/static/core/app.0123456789abcdef.css") == "/static/core/app.0123456789abcdef.css"


def _record(name, msg, args):
    return logging.LogRecord(name, logging.INFO, __file__, 1, msg, args, None)


def test_uvicorn_and_gunicorn_access_records_are_masked_without_addresses(monkeypatch):
    token = secrets.token_urlsafe(24)
    record = _record("uvicorn.access", '%s - "%s %s HTTP/%s" %d',
                     ("203.0.113.7:51234", "GET", f"/api/live/deelnemer/{token}/state?version=1", "1.1", 200))
    assert AccessLogFilter().filter(record)
    line = record.getMessage()
    assert token not in line and "203.0.113.7" not in line and "/deelnemer/***/state" in line
    atoms = {"h": "203.0.113.7", "r": f"GET /deelnemer/{token}/ HTTP/1.1", "U": f"/deelnemer/{token}/", "q": "",
             "s": "200", "{x-forwarded-for}i": "198.51.100.4"}
    record = _record("gunicorn.access", '%(h)s "%(r)s" %(s)s %({x-forwarded-for}i)s', atoms)
    AccessLogFilter().filter(record)
    line = record.getMessage()
    assert token not in line and "203.0.113.7" not in line and "198.51.100.4" not in line and "***" in line
    monkeypatch.setenv("MIA_LOG_CLIENT_ADDRESSES", "1")
    record = _record("uvicorn.access", '%s - "%s %s HTTP/%s" %d', ("203.0.113.7:1", "GET", f"/deelnemer/{token}/", "1.1", 200))
    AccessLogFilter().filter(record)
    assert "203.0.113.7" in record.getMessage() and token not in record.getMessage()


@pytest.mark.django_db
def test_django_request_log_of_an_unknown_token_is_masked(client, caplog):
    token = secrets.token_urlsafe(24)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(f"/deelnemer/{token}/").status_code == 404
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "/deelnemer/***/" in text and token not in text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_production_uvicorn_log_holds_no_token_and_no_client_address(tmp_path):
    """A real uvicorn under the production settings, as the README starts it."""
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "mia.settings_production", "MIA_DATA_DIR": str(tmp_path),
        "MIA_SECRET_KEY": secrets.token_urlsafe(60), "MIA_SECURE_SSL_REDIRECT": "0", "MIA_DEBUG": "0",
        "MIA_JOB_QUEUE": "immediate",
    }
    env.pop("DATABASE_URL", None)  # its own SQLite file in tmp_path
    env.pop("MIA_LOG_CLIENT_ADDRESSES", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=REPO, env=env, check=True, timeout=300)
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "mia.asgi:application", "--host", "127.0.0.1", "--port", str(port),
         "--workers", "2"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    token = secrets.token_urlsafe(24)
    try:
        paths = [f"/deelnemer/{token}/", f"/api/live/deelnemer/{token}/state?version=0&wait=0", "/doe-mee/?code=ACDEFG"]
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/live/status", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        for path in paths:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
            except urllib.error.HTTPError:
                pass  # 404 for the unknown token: logged all the same
        time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    text = (tmp_path / "server.log").read_text()
    assert "/deelnemer/***/" in text and "/api/live/deelnemer/***/state?version=0&wait=0" in text, text
    assert "/doe-mee/?code=***" in text
    assert token not in text and "ACDEFG" not in text
    assert "127.0.0.1:" not in text.replace(f"127.0.0.1:{port}", ""), text  # no client address:port
