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
