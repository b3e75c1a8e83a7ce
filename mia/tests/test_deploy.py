"""Production settings pass Django's deployment checks, and no secret is in the repo."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _run(args, env_extra, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "MIA_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"DJANGO_SETTINGS_MODULE": "mia.settings_production", "MIA_DATA_DIR": str(tmp_path), **env_extra})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean(tmp_path):
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], {"MIA_SECRET_KEY": secrets.token_urlsafe(60), "MIA_ALLOWED_HOSTS": "mia.example.nl"}, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run(["check"], {"MIA_SECRET_KEY": ""}, tmp_path)
    assert result.returncode != 0
    assert "MIA_SECRET_KEY" in result.stderr


def test_no_secret_key_file_is_tracked():
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True).stdout.split()
    assert not [f for f in tracked if f.endswith("secret_key") or f.endswith(".sqlite3")]
