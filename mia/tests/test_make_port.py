"""`PORT=8080 make run` serves on 8080 and tells loaddemo so (issue 10, item 10). Read with `make -n`,
which prints the commands without running them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("env_port, expected", [(None, "8000"), ("8080", "8080")])
def test_make_run_uses_the_chosen_port(env_port, expected):
    env = {k: v for k, v in os.environ.items() if k != "PORT"} | ({"PORT": env_port} if env_port else {})
    printed = subprocess.run(["make", "-n", "run"], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    assert f"loaddemo --port {expected}" in printed
    assert f"runserver 127.0.0.1:{expected}" in printed
    other = "8000" if expected == "8080" else "8080"
    assert f":{other}" not in printed
