"""Fixtures of the programmes tests: a programme of the owner's organisation, and inventory files."""

from __future__ import annotations

import csv
import io

import pytest

from mia.programmes import actions

HEADER = ["naam", "link", "eigenaar", "categorie", "doel", "aanpak", "onderwerp", "doelgroep", "reikwijdte", "thema"]


def csv_bytes(rows, header=HEADER, delimiter=";", encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode(encoding)


def row(name, *, link="", owner="", category="Campagnes", goal="", approach="", topics="", groups="", reach="", themes=""):
    return [name, link, owner, category, goal, approach, topics, groups, reach, themes]


@pytest.fixture
def programme(owner):
    return actions.create_programme(owner, "Maatschappelijke dialoog opgroeien", "Een voorbeeld voor tests.")


@pytest.fixture
def imported(programme):
    """A small inventory with multi-valued cells, so every matrix test has the same starting point."""
    data = csv_bytes([
        row("Hey, het is oké", topics="Algehele mentale gezondheid", groups="Burgers algemeen", reach="Nationaal",
            themes="Omarm het (on)gewone"),
        row("ikbenoffline.nl", category="Spel- en lesmateriaal", topics="Sociale media",
            groups="Burgers algemeen; Jeugdigen", reach="Nationaal", themes="Online omgangsvormen; Beter een goede buur dan een online vriend"),
        row("Wijkgericht werken", category="Informele/laagdrempelige hulp", topics="Verbinding/sociale cohesie",
            groups="Ouders; Professionals", reach="Lokaal; Regionaal", themes="Opgroeimaatjes"),
    ])
    record = actions.start_inventory_import(programme, data, "inventaris.csv")
    assert record.status == "klaar", record.issues
    return programme


@pytest.fixture
def cycle(programme):
    theme = programme.themes.get(title="Online omgangsvormen")
    return actions.create_cycle(programme, theme=theme, target_group=programme.terms.get(label="Jeugdigen"))


@pytest.fixture
def programme_client(client, owner):
    client.force_login(owner)
    return client


CARD_TEXTS = [
    "Jongeren willen leren hoe ze online ruzie kunnen voorkomen.",
    "Ouders weten niet wat hun kinderen online meemaken.",
    "Op school moet meer uitleg komen over sociale media en pesten.",
    "Online pesten gebeurt vaak in groepsapps van de klas.",
    "Een vast moment zonder telefoon thuis helpt het gesprek.",
    "Jongeren vinden het fijn als ouders vragen wat ze online doen.",
    "Leraren hebben tijd nodig om over sociale media te praten.",
    "Influencers kunnen laten zien hoe je aardig reageert.",
]


def add_cards(session, texts=CARD_TEXTS):
    from mia.dialogues import actions as dialogue_actions

    rounds = dialogue_actions.ensure_rounds(session)
    people = list(session.participants.all())
    for n, text in enumerate(texts):
        dialogue_actions.save_card(rounds[0], participant=people[n % len(people)], kind="conclusie", text=text)


@pytest.fixture
def session(assessment):
    from mia.tests.factories import make_dialogue

    session = make_dialogue(assessment)
    add_cards(session)
    return session


@pytest.fixture
def linked(cycle, session, owner):
    goal = actions.save_goal(cycle, text="500 jongeren praten mee over online omgangsvormen", kind="bereik",
                             indicator="aantal deelnemers")
    link = actions.link_session(cycle, owner, session, goals=[goal],
                                target_groups=[cycle.programme.terms.get(label="Jeugdigen")], reach="lokaal")
    return link
