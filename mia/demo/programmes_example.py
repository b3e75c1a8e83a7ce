"""The demo of a dialogue programme: a municipality's own "maatschappelijke dialoog opgroeien".

Built through ``mia.programmes.actions`` (and the MIA apps' actions for the dialogue sessions), so it
is exactly what a programme team could have entered: the seed's themes, the inventory of Bijlage 2
(40 initiatives, ``mia/programmes/data/initiatieven-bijlage2-v1.csv``), a conclusion on a gap and two
priorities, and three cycles at once — one evaluated (fase D) with two dialogue sessions and their
cards, one in fase B with its thema-aanpak in progress, one in fase A. The sessions, people, numbers
and outcomes are made up.

``load_programme_demo()`` is idempotent: the programme carries a fixed uid, and when it exists
nothing is created or changed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from mia.accounts.models import Organisation
from mia.assessments import actions as assessment_actions
from mia.dialogues import actions as dialogue_actions
from mia.live import actions as live_actions
from mia.programmes import actions
from mia.programmes.content import EXAMPLE_INVENTORY
from mia.programmes.evaluation import compute_themes
from mia.programmes.models import Cycle, Programme

PROGRAMME_UID = uuid.UUID("6d1a0c8e-3f5b-4e7a-9c21-0de7a0000014")
TITLE = "Maatschappelijke dialoog opgroeien in Voorbeeldstad"
DESCRIPTION = (
    "Een dialoog over jaren over opgroeien en opvoeden in Voorbeeldstad, met jongeren, ouders en professionals. "
    "We sluiten aan bij wat er al gebeurt, verbinden en versterken bestaande initiatieven, en beginnen alleen "
    "iets nieuws waar thema’s of doelgroepen onderbelicht zijn.\n\n"
    "Dit is een verzonnen voorbeeld voor de demo van MIA, gebaseerd op het advies ‘Bewegen naar een "
    "toekomstperspectief voor jongeren en hun ouders’."
)
SESSION_MIA = "Dialoog online omgangsvormen met jongeren en ouders"
# The instrument's codes of the conclusion card and of the closing card.
CONCLUSION, CLOSING = "conclusie", "afsluiting"


@dataclass
class ProgrammeDemo:
    programme: Programme
    created: bool


def load(organisation_name: str = "Gemeente Voorbeeldstad") -> str:
    """The example as ``loaddemo`` builds it; returns the one Dutch line it prints."""
    result = load_programme_demo(organisation_name)
    p = result.programme
    if result.created:
        return f"Demo aangemaakt: dialoogprogramma {p.pk} ‘{p.title}’ (/programmas/{p.pk}/)."
    return f"Demo bestaat al: dialoogprogramma {p.pk} ‘{p.title}’ (niets gewijzigd)."


def find_programme() -> Programme | None:
    return Programme.objects.filter(uid=PROGRAMME_UID).first()


def load_programme_demo(organisation_name: str = "Gemeente Voorbeeldstad", username: str = "demo") -> ProgrammeDemo:
    existing = find_programme()
    if existing is not None:
        return ProgrammeDemo(existing, created=False)
    organisation = Organisation.objects.get(name=organisation_name)
    user = get_user_model().objects.get(username=username)
    with transaction.atomic():
        programme = _build(organisation, user)
    # Themes across the cards: computed after the commit, outside any transaction (as the job does), with the
    # quick TF-IDF method so that loading the demo stays fast; "Zoek de thema’s opnieuw" uses the full method.
    compute_themes(programme.cycles.get(title=EVALUATED), method="tfidf")
    return ProgrammeDemo(programme, created=True)


def _build(organisation, user) -> Programme:
    programme = actions.create_programme(user, TITLE, DESCRIPTION, organisation, uid=PROGRAMME_UID)
    record = actions.start_inventory_import(programme, EXAMPLE_INVENTORY.read_bytes(), EXAMPLE_INVENTORY.name, user, inline=True)
    assert record.status == "klaar", record.issues
    _themes(programme)
    priorities = _gaps(programme, user)
    _evaluated_cycle(programme, user, priorities["online"])
    _cycle_in_b(programme, priorities["maatjes"])
    _cycle_in_a(programme)
    return programme


def _themes(programme: Programme) -> None:
    energy = {
        "Opgroeimaatjes": (3, "Alliantie laagdrempelige inloopmogelijkheden; Tejo; Hogeschool Viaa; Stichting Vreedzaam"),
        "Online omgangsvormen": (2, "Media Rakkers; MIND Us; GGD; twee middelbare scholen"),
        "Iedereen heeft talent": (2, "Garage2020; NJR; Triple Threat"),
        "Omarm het (on)gewone": (1, "Samen Sterk zonder Stigma"),
    }
    for theme in programme.themes.all():
        if theme.title in energy:
            level, partners = energy[theme.title]
            actions.save_theme(programme, theme=theme, title=theme.title, question=theme.question, reframes=theme.reframes,
                               energy=level, partners=partners)


def _term(programme, label):
    return programme.terms.get(label=label)


def _gaps(programme: Programme, user) -> dict:
    social, parents = _term(programme, "Sociale media"), _term(programme, "Ouders")
    note = actions.save_gap_note(
        programme, user, topic=social, target_group=parents,
        conclusion=("Geen enkel initiatief over sociale media richt zich op ouders, en ook voor jongeren zijn het er "
                    "weinig, terwijl het onderwerp steeds terugkomt (ook op de co-creatiebijeenkomst). Hier kan iets "
                    "nieuws geïnitieerd worden."),
    )
    actions.save_gap_note(
        programme, user, topic=_term(programme, "Verbinding/sociale cohesie"), target_group=_term(programme, "Jeugdigen"),
        conclusion="Veel inloop- en wijkinitiatieven voor jongeren: een kans om ze te verbinden en te versterken.",
    )
    online = actions.add_priority(
        programme, user, theme=programme.themes.get(title="Online omgangsvormen"), target_group=_term(programme, "Jeugdigen"),
        reason="Onderbelicht in de inventarisatie, maar veel genoemd door jongeren en ouders.", gap_note=note,
    )
    maatjes = actions.add_priority(
        programme, user, theme=programme.themes.get(title="Opgroeimaatjes"), target_group=None,
        reason="Hier zit de meeste energie op: veel initiatieven voor informele opgroei- en opvoedhulp om te verbinden.",
    )
    return {"online": online, "maatjes": maatjes}


EVALUATED = "Online omgangsvormen met jongeren en ouders"
SESSIONS = {
    "Jongerenavond De Akkers": ("Jeugdigen", [
        ("Ruzie online", "Ruzie in de groepsapp van de klas gaat vaak door tot 's nachts."),
        ("Pesten", "Als iemand online gepest wordt, kijken de meesten weg omdat ze bang zijn zelf doelwit te worden."),
        ("Ouders", "Ik wil dat mijn ouders vragen wat ik online doe, niet alleen zeggen dat ik te veel op mijn telefoon zit."),
        ("School", "Op school moet er een les komen over hoe je aardig reageert online."),
        ("Influencers", "Influencers kunnen laten zien dat je ook online respect kunt hebben voor elkaar."),
        ("Regels", "Samen met de klas afspraken maken over de groepsapp helpt echt."),
        ("Hulp", "Het is niet duidelijk bij wie je terecht kunt als het online misgaat."),
        ("Ruzie online", "Online zeggen mensen dingen die ze in het echt nooit zouden zeggen."),
    ]),
    "Ouderavond Oosterwijk": ("Ouders", [
        ("Ouders", "Ik weet eigenlijk niet wat mijn kinderen online meemaken."),
        ("Regels", "Een vast moment zonder telefoon aan tafel geeft ruimte voor het gesprek."),
        ("School", "School en ouders moeten samen afspraken maken over telefoons en groepsapps."),
        ("Pesten", "Mijn dochter werd gepest in een groepsapp en wij merkten het pas na weken."),
        ("Hulp", "Ouders hebben tips nodig om het gesprek over sociale media te beginnen."),
        ("Ouders", "Als ouder geef ik zelf ook niet altijd het goede voorbeeld met mijn telefoon."),
    ]),
}


def _sessions(user) -> list:
    assessment = assessment_actions.create_assessment(
        user, SESSION_MIA,
        "Twee dialoogavonden binnen het programma ‘Maatschappelijke dialoog opgroeien’, thema Online omgangsvormen. "
        "Verzonnen voorbeeld voor de demo.",
    )
    question = assessment_actions.add_own_question(assessment, "Hoe gaan we online om met elkaar?")
    sessions = []
    start = timezone.make_aware(dt.datetime(2026, 3, 10, 19, 30))
    for n, (name, (group, cards)) in enumerate(SESSIONS.items()):
        session = assessment.sessions.filter(participants__isnull=True).first() if n == 0 else None
        session = session or dialogue_actions.create_session(assessment)
        session = dialogue_actions.update_session(
            session, name=name, date=start + dt.timedelta(days=7 * n), location="Wijkcentrum Marktstraat",
            facilitator="Ilse Verbeek (getraind gespreksleider)", note_taker="Sanne de Vries",
        )
        people = [
            dialogue_actions.add_participant(session, name=f"{group[:-1]} {i}", perspective="samenleving",
                                             consent_given_at=session.date)
            for i in range(1, 7)
        ]
        rounds = dialogue_actions.ensure_rounds(session)
        question_round = next(r for r in rounds if r.question_id == question.pk)
        for i, (topic, text) in enumerate(cards):
            dialogue_actions.save_card(question_round, participant=people[i % len(people)], kind=CONCLUSION,
                                       topic=topic, text=text)
        closing = next(r for r in rounds if r.is_closing)
        dialogue_actions.save_card(closing, participant=people[0], kind=CLOSING, topic="Aandacht",
                                   text="Betrek jongeren en ouders samen, niet apart van elkaar.")
        sessions.append((session, group))
    # The second evening ran live on phones: its facilitator screen shows the five guidelines.
    live_actions.start_live(sessions[1][0])
    live_actions.close_live(sessions[1][0])
    return sessions


def _done(cycle: Cycle, codes: dict[str, tuple[str, str]]) -> None:
    for step in cycle.steps.all():
        if step.code in codes:
            owner, day = codes[step.code]
            actions.update_step(step, done=True, owner=owner, due_date=dt.date.fromisoformat(day))


def _evaluated_cycle(programme: Programme, user, priority) -> None:
    cycle = actions.create_cycle(programme, title=EVALUATED, theme=priority.theme, target_group=priority.target_group,
                                 priority=priority, phase="A", started_on=dt.date(2025, 9, 1))
    _done(cycle, {
        "a-monitor": ("Impact team", "2025-09-15"), "a-analyseer": ("Impact team", "2025-09-30"),
        "a-prioriteer": ("Opgroeiberaad", "2025-10-10"), "b-inventariseer": ("Impact team", "2025-10-31"),
        "b-partijen": ("Impact team", "2025-11-15"), "b-doelstellingen": ("Opgroeiberaad", "2025-11-30"),
        "b-thema-aanpak": ("Impact team", "2025-12-15"), "c-start": ("Media Rakkers en GGD", "2026-03-10"),
        "c-content": ("MIND Us", "2026-04-01"), "d-data": ("Impact team", "2026-04-15"),
        "d-onderzoek": ("Impact team", "2026-04-30"),
    })
    reach = actions.save_goal(cycle, text="Minstens 100 jongeren en ouders praten mee over online omgangsvormen",
                              kind="bereik", indicator="aantal deelnemers aan dialoogavonden")
    norms = actions.save_goal(cycle, text="Jongeren en ouders maken samen afspraken over hoe we online met elkaar omgaan",
                              kind="korte-termijn", indicator="afspraken op scholen en in gezinnen")
    actions.save_approach(cycle, strategy="initieren", attention={
        "doelgroepen_bereiken": "Naar de jongeren toe: op school, bij de sportclub en via jongerenwerk in De Akkers.",
        "dialogische_momenten": "Twee dialoogavonden als start, daarna gesprekken in klassen (acht in het voorjaar).",
        "handelingsperspectief": "Elke avond eindigt met één afspraak die deelnemers zelf kunnen maken.",
        "gespreksleiders_trainen": "Vier jongerenwerkers volgen de training gespreksleider van Utrecht in Dialoog.",
    }, plans={"initieren": {
        "leefwerelden": list(programme.terms.filter(label__in=["De directe leefomgeving", "De virtuele (online) omgeving"])),
        "procesplan": "Dec: partijen bij elkaar. Jan–feb: voorbereiding avonden. Maart: twee avonden. April: evaluatie.",
        "stakeholders": "Jongerenwerk, GGD, twee middelbare scholen, Media Rakkers, MIND Us, jongerenraad.",
        "financien": "€ 18.000 (gespreksleiders, zaalhuur, materiaal), uit het budget Jeugd.",
        "content_taakverdeling": "Spel ikbenoffline.nl (Media Rakkers), gesprekskaarten (GGD), korte video's (jongerenraad).",
        "content_creatie": "Jongeren maken zelf korte video's over wat zij online meemaken.",
        "communicatieframe": "Samen online: zo gaan we met elkaar om.",
        "initiatives": list(programme.initiatives.filter(name__in=["ikbenoffline.nl", "Campagne met influencers (in ontwikkeling)"])),
    }})
    actions.set_phase(cycle, "D")
    for session, group in _sessions(user):
        goals = [reach, norms] if group == "Jeugdigen" else [reach]
        actions.link_session(cycle, user, session, goals=goals, target_groups=[_term(programme, group)], reach="lokaal")
    actions.evaluate_goal(reach, result="Twaalf jongeren en ouders op twee avonden: veel minder dan beoogd, wel goede gesprekken.",
                          status="niet-behaald", revised_text="Minstens 100 jongeren en ouders, via gesprekken in de klas in plaats van losse avonden")
    actions.evaluate_goal(norms, result="Twee klassen maakten afspraken over de groepsapp; op de ouderavond kwam dat nog niet tot stand.",
                          status="deels", revised_text="")
    actions.save_evaluation_summary(cycle, (
        "Jongeren en ouders willen hetzelfde: meer met elkaar praten over wat er online gebeurt. Pesten in groepsapps en "
        "niet weten waar je terecht kunt, kwamen in beide sessies terug. Losse avonden bereiken te weinig mensen."
    ))
    actions.save_policy_action(cycle, description="Les over online omgangsvormen in de onderbouw van alle middelbare scholen",
                               goal=norms, owner="Team Onderwijs", status="in-uitvoering", fed_back_to="Scholenoverleg VO",
                               fed_back_on=dt.date(2026, 5, 12))
    actions.save_policy_action(cycle, description="Eén plek (website en inloop) waar jongeren en ouders terechtkunnen als het online misgaat",
                               goal=None, owner="Team Jeugd", status="voorgesteld", fed_back_to="Interdepartementaal platform")


def _cycle_in_b(programme: Programme, priority) -> None:
    cycle = actions.create_cycle(programme, title="Opgroeimaatjes: inloop en informele steun verbinden", theme=priority.theme,
                                 priority=priority, phase="B", started_on=dt.date(2026, 1, 15))
    _done(cycle, {"a-monitor": ("Impact team", "2026-01-20"), "a-analyseer": ("Impact team", "2026-01-31"),
                  "a-prioriteer": ("Opgroeiberaad", "2026-02-10"), "b-inventariseer": ("Impact team", "2026-03-01")})
    actions.save_goal(cycle, text="Alle inloopplekken voor jongeren in de stad kennen elkaar en verwijzen naar elkaar",
                      kind="korte-termijn", indicator="een gezamenlijke kaart en twee netwerkbijeenkomsten")
    actions.save_approach(cycle, strategy="verbinden-versterken", attention={}, plans={"verbinden-versterken": {
        "stakeholders": "Alliantie laagdrempelige inloopmogelijkheden, Tejo, wijkteams, Stichting Vreedzaam.",
        "initiatives": list(programme.initiatives.filter(name__in=["Inloopmogelijkheden", "Tejohuizen", "Wijkgericht werken rond jonge kinderen"])),
    }})


def _cycle_in_a(programme: Programme) -> None:
    cycle = actions.create_cycle(programme, title="Iedereen heeft talent: prestatiedruk", theme=programme.themes.get(title="Iedereen heeft talent"),
                                 target_group=_term(programme, "Jeugdigen"), phase="A", started_on=dt.date(2026, 4, 1))
    step = cycle.steps.get(code="a-monitor")
    actions.update_step(step, done=False, owner="Impact team", due_date=dt.date(2026, 6, 1),
                        note="Initiatieven over prestatiedruk uit de regio toevoegen aan de inventarisatie.")
