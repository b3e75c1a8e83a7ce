"""The command line: list, export in every format, import sign-ups, import a series."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_list_export_and_import(series, sessions, tmp_path, owner):
    rows = json.loads(run("list_consultations", "--json"))
    assert rows == [{"id": series.pk, "title": series.title, "organisation": series.organisation.name, "sessions": 3, "signups": 0}]
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("html", b"<!DOCTYPE"), ("json", b"{")):
        target = tmp_path / f"r.{fmt}"
        run("export_consultation", str(series.pk), "--format", fmt, "--output", str(target))
        assert target.read_bytes().startswith(magic)
    with pytest.raises(CommandError, match="Er is geen raadplegingsreeks"):
        run("export_consultation", "99999", "--format", "json", "--output", str(tmp_path / "x.json"))
    header = "naam;telefoon;email;" + ";".join(f["name"] for f in series.features)
    good = ";".join(f["categories"][1] for f in series.features)
    people = tmp_path / "aanmeldingen.csv"
    people.write_text(f"{header}\nAnna;0612345678;;{good}\nBram;0687654321;;{good}\n", encoding="utf-8")
    assert "2 aanmeldingen ingelezen" in run("import_signups", str(series.pk), str(people))
    wrong = tmp_path / "fout.csv"
    wrong.write_text("voornaam\nAnna\n", encoding="utf-8")
    with pytest.raises(CommandError, match="mist de kolom"):
        run("import_signups", str(series.pk), str(wrong))
    created = json.loads(run("import_consultation", str(tmp_path / "r.json"), "--user", owner.username))
    assert created["id"] != series.pk
