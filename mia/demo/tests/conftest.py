import json
from pathlib import Path

import pytest

from mia.demo import mia_example


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    # The demo creates four users; the default PBKDF2 hashing would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def example_data() -> dict:
    """The bundled data file as a plain dict, to change in a test."""
    return json.loads(mia_example.DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def demo_file(tmp_path, monkeypatch):
    """Write ``data`` (a dict, or raw text/bytes) as the demo's data file, for loaddemo too."""

    def write(data) -> Path:
        path = tmp_path / "mia-example.json"
        if isinstance(data, bytes):
            path.write_bytes(data)
        elif isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        monkeypatch.setattr(mia_example, "DATA_FILE", path)
        return path

    return write
