"""`mia select_panel`: a thin command around the pure module, with Dutch errors and JSON output."""

from __future__ import annotations

import io
import json
import os

import pytest

django = pytest.importorskip("django")


@pytest.fixture(autouse=True)
def django_ready():
    from django.conf import settings

    if not settings.configured:  # running with -p no:django: set Django up ourselves
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mia.settings")
        try:
            django.setup()
        except Exception as error:  # settings not importable in this checkout
            pytest.skip(f"Django settings unavailable: {error}")


def run(*args: str) -> tuple[str, str]:
    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    call_command("select_panel", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("id,naam,geslacht\n" + "".join(f"{i},N{i},{'man' if i % 2 else 'vrouw'}\n" for i in range(10)))
    features = tmp_path / "features.csv"
    features.write_text("feature,value,min,max\ngeslacht,man,2,2\ngeslacht,vrouw,2,2\n")
    return people, features, tmp_path / "out.json"


def test_it_writes_the_result_as_json(files):
    people, features, out = files
    stdout, _ = run(
        "--people", str(people), "--features", str(features), "--size", "4", "--seed", "42", "--json", str(out)
    )
    data = json.loads(out.read_text())
    assert {"panel", "probabilities", "min_probability", "seed", "algorithm", "seconds", "lottery", "reserves"} <= set(
        data
    )
    assert data["seed"] == 42 and data["algorithm"] == "leximin" and len(data["panel"]) == 4
    assert data["min_probability"] == pytest.approx(0.4)
    assert "laagste selectiekans 40.00%" in stdout
    assert "N1" not in out.read_text()  # contact data stays out of the result


def test_the_same_seed_gives_the_same_panel(files):
    people, features, out = files
    run("--people", str(people), "--features", str(features), "--size", "4", "--seed", "7", "--json", str(out))
    first = json.loads(out.read_text())["panel"]
    run("--people", str(people), "--features", str(features), "-k", "4", "--seed", "7", "--json", str(out))
    assert json.loads(out.read_text())["panel"] == first


def test_legacy_and_stdout(files, capsys):
    people, features, _ = files
    run(
        "--people",
        str(people),
        "--features",
        str(features),
        "--size",
        "4",
        "--algorithm",
        "legacy",
        "--legacy-draws",
        "50",
        "--json",
        "-",
    )
    data = json.loads(capsys.readouterr().out)
    assert data["algorithm"] == "legacy"


def test_infeasible_quotas_are_a_dutch_command_error_with_explanation(files):
    from django.core.management import CommandError

    people, features, out = files
    with pytest.raises(CommandError, match="Er is geen panel van 6 mensen mogelijk"):
        run("--people", str(people), "--features", str(features), "--size", "6", "--json", str(out))
    data = json.loads(out.read_text())
    assert data["error"] == "infeasible" and data["relaxation"]


def test_bad_input_is_a_dutch_command_error(files, tmp_path):
    from django.core.management import CommandError

    people, features, out = files
    with pytest.raises(CommandError, match="niet gevonden"):
        run("--people", str(tmp_path / "weg.csv"), "--features", str(features), "--size", "4", "--json", str(out))
    with pytest.raises(CommandError, match="id-kolom 'nummer' staat niet"):
        run(
            "--people",
            str(people),
            "--features",
            str(features),
            "--size",
            "4",
            "--id-column",
            "nummer",
            "--json",
            str(out),
        )
    with pytest.raises(CommandError, match="niet schrijven"):
        run(
            "--people",
            str(people),
            "--features",
            str(features),
            "--size",
            "4",
            "--json",
            str(tmp_path / "nee" / "x.json"),
        )


def test_it_reaches_ten_percent_on_example_small_20(sortition_data, tmp_path):
    out = tmp_path / "small.json"
    run(
        "--people",
        str(sortition_data / "example_small_20" / "respondents.csv"),
        "--features",
        str(sortition_data / "example_small_20" / "categories.csv"),
        "--size",
        "20",
        "--seed",
        "1",
        "--json",
        str(out),
    )
    assert json.loads(out.read_text())["min_probability"] == pytest.approx(0.10, abs=1e-4)
