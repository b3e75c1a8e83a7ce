"""The demo of advisory bodies (issue 16): the youth dialogue's structure with its five bodies and
flows, and an impact team with one finished advice trajectory — experts and two practice circles
consulted (one as a live session with cards), a vote of 7 for, 1 against and 1 abstention with a
minority opinion, issued to the public register. People, dates and texts are made up.

Built through ``mia.advice.actions`` (and the MIA apps' actions for the live session); idempotent by
fixed uids: when a structure exists nothing changes.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from mia.accounts.models import Organisation
from mia.advice import actions
from mia.advice.models import Structure
from mia.assessments import actions as assessment_actions
from mia.dialogues import actions as dialogue_actions
from mia.live import actions as live_actions

ORGANISATION = "Gemeente Voorbeeldstad"
YOUTH_UID = uuid.UUID("6d1a0c8e-3f5b-4e7a-9c21-0de7a0000016")
MIT_UID = uuid.UUID("6d1a0c8e-3f5b-4e7a-9c21-0de7a0000116")
DAY = dt.date(2026, 2, 2)

MEMBERS = ["Anna de Boer", "Bram Visser", "Charlotte Smit", "Dirk Mulder", "Esra Yilmaz", "Frank de Graaf", "Gerda Bos",
           "Hamid El Amrani", "Ilse Peters"]
CARDS = [
    ("Vrienden", "Ik zag mijn vrienden niet meer. Dat was het zwaarst."),
    ("School", "Thuis leren lukte niet: ik had geen eigen plek en geen goede laptop."),
    ("School", "Op school hoor ik erbij. Thuis zit ik alleen op mijn kamer."),
    ("Sport", "Sporten buiten moet kunnen blijven, ook als de scholen dicht zijn."),
    ("Geld", "Mijn bijbaan stopte. Ik kon mijn telefoon niet meer betalen."),
    ("Hulp", "Ik wist niet waar ik met mijn zorgen heen kon."),
]


def load() -> str:
    org, _created = Organisation.objects.get_or_create(name=ORGANISATION)
    user = get_user_model().objects.filter(username="demo").first()
    lines = []
    youth = Structure.objects.filter(uid=YOUTH_UID).first()
    if youth is None:
        youth = _youth(org, user)
        lines.append(f"Demo adviesorganen aangemaakt: ‘{youth.name}’ (/adviesorganen/{youth.pk}/)")
    mit = Structure.objects.filter(uid=MIT_UID).first()
    if mit is None:
        mit = _mit(org, user)
        lines.append(f"‘{mit.name}’ met een uitgebracht advies (/adviesorganen/{mit.pk}/)")
    return "; ".join(lines) + "." if lines else f"Demo adviesorganen bestaan al: {youth.pk} en {mit.pk} (niets gewijzigd)."


def _youth(org, user) -> Structure:
    from mia.programmes.models import Programme

    programme = Programme.objects.filter(organisation=org).order_by("pk").first()
    s = actions.create_structure(user, org, "Faciliterende structuur dialoog opgroeien", template_key="jeugddialoog",
                                 uid=YOUTH_UID, programme=programme)
    b = {x.key: x for x in s.bodies.all()}
    actions.add_member(b["opgroeiberaad"], name="Jongere 1", role="voorzitter", organisation="Jongerenraad Voorbeeldstad")
    for i, org_name in enumerate(["Oudervereniging", "Jeugdwerk Noord", "Mbo-college"], start=2):
        actions.add_member(b["opgroeiberaad"], name=f"Lid {i}", organisation=org_name)
    p = actions.send_item(s, user, sender=b["impactteam"], receiver=b["opgroeiberaad"], kind="voorstel",
                          title="Thema online omgangsvormen voor jongeren en ouders", sent_on=DAY)
    choice = actions.send_item(s, user, sender=b["opgroeiberaad"], receiver=b["impactteam"], kind="bindend-voorstel",
                               title="Keuze: online omgangsvormen, met ouders en jongeren samen", sent_on=DAY + dt.timedelta(days=21))
    actions.respond_item(p, status="beantwoord", response="Het opgroeiberaad heeft gekozen; zie het bindende voorstel van 23 februari.",
                         on=DAY + dt.timedelta(days=21))
    actions.respond_item(choice, status="overgenomen", response="Het impactteam werkt de thema-aanpak uit en legt die voor aan de veldraad.",
                         on=DAY + dt.timedelta(days=28))
    actions.send_item(s, user, sender=b["impactteam"], receiver=b["veldraad"], kind="voorstel", title="Thema-aanpak ter toetsing",
                      sent_on=DAY + dt.timedelta(days=30))
    actions.send_item(s, user, sender=b["platform"], receiver=b["opgroeiberaad"], kind="adviesvraag",
                      title="Wat helpt ouders bij het gesprek over sociale media?", sent_on=DAY + dt.timedelta(days=35),
                      due_on=DAY + dt.timedelta(days=90))
    return s


def _mit(org, user) -> Structure:
    from mia.measures.models import Workspace

    workspace = Workspace.objects.filter(organisation=org).order_by("pk").first()
    s = actions.create_structure(user, org, "Maatschappelijk Impact Team Voorbeeldstad", template_key="impactteam", uid=MIT_UID,
                                 workspace=workspace)
    mit, szw = s.bodies.get(key="mit"), s.bodies.get(key="szw")
    people = [actions.add_member(mit, name=n, role="voorzitter" if i == 0 else "lid", organisation="Verzonnen",
                                 term_start=dt.date(2025, 9, 1), term_end=dt.date(2027, 8, 31)) for i, n in enumerate(MEMBERS)]
    subs = list(mit.subcommittees.all())
    for i, sub in enumerate(subs):
        actions.set_subcommittee_members(sub, people[1 + 2 * i:3 + 2 * i])
    meeting = actions.add_meeting(mit, held_on=DAY + dt.timedelta(days=24), agenda="Conceptadvies scholen en jongeren")
    actions.add_expert(s, kind="pool", organisation="Universiteit Voorbeeldstad", name="Dr. K. Jansen", area="onderwijs")
    q = actions.send_item(s, user, sender=szw, receiver=mit, kind="adviesvraag", title="Scholen sluiten bij een nieuwe golf?",
                          text="Wat betekent het sluiten van scholen voor jongeren, en wat is er nodig als het toch moet?",
                          sent_on=DAY, due_on=DAY + dt.timedelta(days=28))
    measures = list(workspace.measures.all()[:2]) if workspace else []
    t = actions.create_trajectory(s, body=mit, title="Scholen en jongeren in een nieuwe golf", request_item=q, measures=measures,
                                  penvoerder=mit.members.get(role="secretaris"))
    fixed = list(s.experts.filter(kind="vast"))
    actions.record_expert_input(t, expert=fixed[0], summary="Jongeren met weinig geld raakten het verst achter (SCP-cijfers).",
                                how_weighed="Reden om scholen als laatste te sluiten.")
    actions.record_expert_input(t, expert=next(e for e in fixed if "Gedragsunit" in e.organisation),
                                summary="Naleving daalt als jongeren geen perspectief zien.", how_weighed="Duidelijk einde noemen.")
    actions.record_expert_input(t, expert=s.experts.get(kind="pool"), summary="Leerachterstanden zijn na een jaar nog zichtbaar.")
    circle_young, circle_poor = s.circles.get(name="jongeren"), s.circles.get(name="mensen met een kwetsbare sociaaleconomische positie")
    session = _live_session(user)
    actions.record_circle_input(t, user, circle=circle_young, mode="live", held_on=DAY + dt.timedelta(days=10), session=session,
                                summary="Jongeren missen vooral hun vrienden en een plek om te leren.",
                                how_weighed="Het advies vraagt om open schoolgebouwen voor wie thuis niet kan leren.")
    actions.record_circle_input(t, user, circle=circle_poor, mode="bijeenkomst", held_on=DAY + dt.timedelta(days=12),
                                summary="Gezinnen hebben geen laptops en geen rustige plek.", how_weighed="Laptops en studieplekken in het advies.")
    actions.add_story(t, title="Een kamer te weinig", consent=True, circle=circle_poor,
                      text="Wij wonen met vijf mensen in een flat. Mijn zoon leerde op de trap, met zijn telefoon.")
    actions.write_advice(
        t, summary="Houd scholen zo lang mogelijk open. Moeten ze dicht, open dan studieplekken en zorg voor laptops.",
        advice_text="1. Sluit scholen als laatste en zo kort mogelijk.\n\n2. Houd schoolgebouwen open voor leerlingen die thuis niet kunnen leren.\n\n"
                    "3. Zorg dat elke leerling een laptop heeft.\n\n4. Noem vooraf wanneer de scholen weer opengaan.",
        considerations="De experts en beide praktijkkringen wijzen op dezelfde groep: jongeren met weinig geld en weinig ruimte thuis.")
    votes = {p.pk: {"choice": "voor"} for p in people[:7]}
    votes[people[7].pk] = {"choice": "tegen", "reason": "Het advies weegt de besmettingen te licht.",
                           "minority_opinion": "Sluit scholen eerder, maar kort, en open dan direct studieplekken.", "in_advice": True}
    votes[people[8].pk] = {"choice": "onthouding", "reason": "Te weinig gegevens over de ziektelast bij jongeren."}
    actions.record_decision(t, user, held_on=meeting.held_on, present=people, votes=votes, meeting=meeting)
    actions.issue_advice(t, user, on=DAY + dt.timedelta(days=26), public=True)
    return s


def _live_session(user):
    assessment = assessment_actions.create_assessment(user, "Praktijkkring jongeren: scholen in een nieuwe golf",
                                                      "Een praktijkkring van het impactteam als live sessie. Verzonnen voorbeeld.")
    question = assessment_actions.add_own_question(assessment, "Wat betekende het voor jou toen de scholen dicht waren?")
    session = assessment.sessions.filter(participants__isnull=True).first() or dialogue_actions.create_session(assessment)
    session = dialogue_actions.update_session(session, name="Praktijkkring jongeren", location="Jongerencentrum De Schakel",
                                              date=timezone.make_aware(dt.datetime(2026, 2, 12, 19, 0)))
    people = [dialogue_actions.add_participant(session, name=f"Jongere {i}", perspective="samenleving", consent_given_at=session.date)
              for i in range(1, 7)]
    rounds = dialogue_actions.ensure_rounds(session)
    r = next(r for r in rounds if r.question_id == question.pk)
    for i, (topic, text) in enumerate(CARDS):
        dialogue_actions.save_card(r, participant=people[i], kind="conclusie", topic=topic, text=text)
    live_actions.start_live(session)
    live_actions.close_live(session)
    return session
