"""`mia/demo/data/mia-example.json`: read, validated, and a wrong file explained in Dutch."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation

from mia.accounts.models import Organisation
from mia.assessments.models import Assessment
from mia.demo import examples, mia_example
from mia.demo.datafile import DemoDataError
from mia.dialogues.models import ConclusionCard, Participant
from mia.instrument.models import ContentVersion


def problems_of(path) -> str:
    with pytest.raises(DemoDataError) as caught:
        mia_example.read_example(path)
    message = str(caught.value)
    assert message.startswith(f"Het demobestand {path} klopt niet:")
    return message


def test_it_is_utf8_and_valid():
    raw = mia_example.DATA_FILE.read_bytes()
    assert "één wijkcentrum".encode() in raw  # UTF-8 as is, not \u escapes: readable in any editor
    example = mia_example.read_example()
    assert example.version == 1
    assert example.assessment.title == "Sluiting van drie buurthuizen en bundeling in één wijkcentrum"


def test_it_is_fictional_and_says_so():
    example = mia_example.read_example()
    assert "verzonnen" in example.about and "verzonnen voorbeeld" in example.assessment.description
    addresses = [u.email for u in example.users] + [p.contact for p in example.assessment.participants]
    assert addresses and all(a.endswith("@example.org") for a in addresses)  # a reserved domain: no real inbox


def test_it_has_a_readme():
    readme = (mia_example.DATA_FILE.parent / "README.md").read_text(encoding="utf-8")
    assert "mia-example.json" in readme and "Everything in it is made up" in readme


def test_it_names_the_place_of_a_wrong_type(demo_file, example_data):
    example_data["assessment"]["session"]["days_before_today"] = "28"
    example_data["assessment"]["chart"][0]["ratings"]["demo"]["score"] = 2.5
    message = problems_of(demo_file(example_data))
    assert "assessment.session.days_before_today: moet een geheel getal zijn." in message
    assert "assessment.chart[0].ratings.demo.score: moet een geheel getal zijn." in message


def test_it_names_a_missing_and_an_unknown_field(demo_file, example_data):
    del example_data["assessment"]["title"]
    example_data["assessment"]["participants"][2]["leeftijd"] = 44
    message = problems_of(demo_file(example_data))
    assert "assessment.title: ontbreekt." in message
    assert "assessment.participants[2].leeftijd: dit veld kent de demo niet (een tikfout?)." in message


def test_it_refuses_an_empty_text_and_a_wrong_choice(demo_file, example_data):
    example_data["assessment"]["rounds"][1]["cards"][0]["text"] = ""
    example_data["assessment"]["scan"]["signal_words"][0]["side"] = "neutraal"
    example_data["version"] = 2
    message = problems_of(demo_file(example_data))
    assert "assessment.rounds[1].cards[0].text: mag niet leeg zijn." in message
    assert "assessment.scan.signal_words[0].side: moet een van deze waarden zijn: 'positief' or 'negatief'." in message
    assert "version: moet een van deze waarden zijn: 1." in message


def test_it_keeps_short_texts_within_their_field(demo_file, example_data):
    example_data["assessment"]["rounds"][0]["cards"][0]["topic"] = "x" * 201
    message = problems_of(demo_file(example_data))
    assert "assessment.rounds[0].cards[0].topic: is te lang: hoogstens 200 tekens." in message


def test_it_gives_line_and_column_of_broken_json(demo_file):
    text = mia_example.DATA_FILE.read_text(encoding="utf-8").replace('"version": 1,', '"version": 1', 1)
    message = problems_of(demo_file(text))
    assert "regel 3, kolom 3: dit is geen geldige JSON" in message


def test_it_refuses_a_key_that_is_there_twice(demo_file):
    text = mia_example.DATA_FILE.read_text(encoding="utf-8").replace('"login": "demo",', '"login": "demo", "login": "sanne",', 1)
    assert "de sleutel ‘login’ staat twee keer in hetzelfde object." in problems_of(demo_file(text))


def test_it_refuses_a_file_that_is_not_utf8(demo_file):
    raw = mia_example.DATA_FILE.read_text(encoding="utf-8").encode("latin-1", errors="replace")
    assert "het bestand is geen UTF-8" in problems_of(demo_file(raw))


def test_it_says_when_the_file_is_missing(tmp_path):
    assert "het bestand bestaat niet." in problems_of(tmp_path / "weg.json")


def test_it_checks_that_the_file_agrees_with_itself(demo_file, example_data):
    a = example_data["assessment"]
    a["rounds"][0]["cards"][0]["participant"] = 7
    a["rounds"][2]["question"] = "parkeren"
    a["participants"][0]["groups"].append("genders")
    a["chart"][1]["ratings"]["els"] = {"score": 3, "explanation": ""}
    example_data["login"] = "gast"
    message = problems_of(demo_file(example_data))
    assert "assessment.rounds[0].cards[0].participant: er zijn maar 6 deelnemers." in message
    assert "assessment.rounds[2].question: ‘parkeren’ is geen key van een vraag." in message
    assert "assessment.participants[0].groups: ‘genders’ staat niet bij assessment.scan.groups" in message
    assert "assessment.chart[1].ratings.els: staat niet bij de users." in message
    assert "login: ‘gast’ staat niet bij de users." in message


def test_it_names_a_code_the_instrument_does_not_have(demo_file, example_data, db):
    example_data["assessment"]["scan"]["groups"].append("marsbewoners")
    demo_file(example_data)
    with pytest.raises(CommandError) as caught:
        call_command("loaddemo", stdout=StringIO())
    assert "assessment.scan.groups[7]: Groep ‘marsbewoners’ bestaat niet in de inhoud van het instrument (versie 1)." in str(caught.value)


def counts() -> list[int]:
    models = (Assessment, get_user_model(), Organisation, ContentVersion, Participant, ConclusionCard)
    return [m.objects.count() for m in models]


def test_a_file_that_breaks_a_rule_late_leaves_nothing_behind(demo_file, example_data, db):
    # The follow-up steps come last: everything before them was written when the rule stops the load.
    example_data["assessment"]["follow_up"][4]["domain"] = "pr"
    demo_file(example_data)
    before = counts()
    with pytest.raises(CommandError) as caught:
        call_command("loaddemo", stdout=StringIO())
    assert str(caught.value).endswith("assessment.follow_up[4]: Kies een soort uit de lijst.")
    assert counts() == before and before[:3] == [0, 0, 0]


def test_a_later_example_that_fails_undoes_the_earlier_ones(monkeypatch, db):
    def broken_example():
        raise DemoDataError("mia/demo/data/andere.json", [("titel", "ontbreekt.")])

    monkeypatch.setattr(examples, "EXAMPLES", [mia_example.load, broken_example])
    before = counts()
    with pytest.raises(CommandError, match="andere.json klopt niet:\n  titel: ontbreekt."):
        call_command("loaddemo", stdout=StringIO())
    assert counts() == before and before[:3] == [0, 0, 0]


def test_loaddemo_prints_one_line_per_example(monkeypatch, db):
    monkeypatch.setattr(examples, "EXAMPLES", [mia_example.load, lambda: "Demo van een ander domein aangemaakt."])
    out = StringIO()
    call_command("loaddemo", "--port", "8123", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Demo aangemaakt: MIA ") and lines[0].endswith("‘Sluiting van drie buurthuizen en bundeling in één wijkcentrum’.")
    assert lines[1:] == [
        "Demo van een ander domein aangemaakt.",
        "Demo-login: gebruiker demo, wachtwoord demo-mia-2026",
        "http://127.0.0.1:8123/",
    ]


def test_loaddemo_speaks_dutch_whatever_language_is_active(demo_file, example_data, db):
    example_data["assessment"]["follow_up"][0]["domain"] = "pr"
    demo_file(example_data)
    with translation.override("en"), pytest.raises(CommandError) as caught:
        call_command("loaddemo", stdout=StringIO())
    assert str(caught.value).endswith("assessment.follow_up[0]: Kies een soort uit de lijst.")
