"""The demo of a consultation series: "Samenleven in verschil" in Voorbeeldstad.

Built through ``mia.consultations.actions`` (and the dialogue's actions for the cards), so it is what
an organiser could have entered: two research questions of the burgerconsultaties, three sessions and
one duo-interview, 48 sign-ups, a fair selection for the first session with invitations, attendance,
notes per part, creations, advice, cards, a draft per theme with reactions (accepted, declined and one
still open), two rode draden, recommendations at all three levels with real quotes and the closing
list of the report. The people, places and texts are made up; the closing list is the seed's.

``load()`` is idempotent: the series carries a fixed uid, and when it exists nothing changes.
"""

from __future__ import annotations

import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from mia.accounts.models import Organisation
from mia.consultations import actions, content
from mia.consultations.models import IntakeStatus, Series
from mia.dialogues import actions as dialogue_actions

UID = "demo-samenleven-in-verschil"
TITLE = "Samenleven in verschil in Voorbeeldstad"

NOTES = {
    "diepte": "Deelnemers vertelden in beeldentheater over de markt, het schoolplein en de bushalte. Ontmoeting gebeurt vaak toevallig.",
    "betekenis": "In kleine groepen zagen ze overeenkomsten: mensen willen gezien worden. Ontwerpvraag: hoe maken we toeval vaker mogelijk?",
    "werkplaats": "Twee groepen maakten een prototype van een buurtkamer; één groep schreef spelregels voor de buurtapp.",
    "advies": "Advies aan de gemeente: houd plekken open in de avond en het weekend. Landelijk: geef gemeenten ruimte om dat te betalen.",
}
CARDS = [
    "Op de markt praat ik met mensen die ik anders nooit zie.",
    "Mijn buurvrouw leerde me koken zoals haar moeder dat deed. Zo leerden we elkaar kennen.",
    "In de buurtapp gaat het alleen over overlast. Dan voel je je niet welkom.",
    "Het buurthuis is dicht als ik vrij ben. Open het ook in het weekend.",
    "Ik wil niet steeds uitleggen waar ik vandaan kom.",
    "Samen iets maken werkt beter dan praten over elkaar.",
    "De bibliotheek is de enige plek waar je zonder geld mag zitten.",
    "Spelregel: groet elkaar, ook als je elkaar niet kent.",
]


def _picture(colour: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 420), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 80, 560, 340), outline="white", width=8)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def load(organisation_name: str = "Gemeente Voorbeeldstad", username: str = "demo") -> str:
    existing = Series.objects.filter(uid=UID).first()
    if existing is not None:
        return f"Demo bestaat al: raadplegingsreeks {existing.pk} ‘{existing.title}’ (niets gewijzigd)."
    organisation = Organisation.objects.get(name=organisation_name)
    user = get_user_model().objects.get(username=username)
    with transaction.atomic():
        series = _build(organisation, user)
    return f"Demo aangemaakt: raadplegingsreeks {series.pk} ‘{series.title}’ (/raadplegingen/{series.pk}/)."


def _people(series, sessions):
    features = series.features
    people = []
    for i in range(48):
        values = {f["name"]: f["categories"][(i * (k + 2) + i // 5) % len(f["categories"])] for k, f in enumerate(features)}
        # Few practically educated people signed up, as in the report (hence the duo-interview).
        if values["Opleiding"] == "Praktisch opgeleid" and i % 3:
            values["Opleiding"] = "Middelbaar opgeleid"
        people.append(actions.sign_up(
            series, name=f"Inwoner {i + 1}", phone=f"06{10000000 + i * 7919:08d}"[:10], features=values,
            available=sessions[: 2 + i % 2], heard_via=["sleutelpersoon", "flyer", "netwerk", "facebook", "buurtkrant", "whatsapp"][i % 6],
            consent=True,
        ))
    return people


def _build(organisation, user) -> Series:
    method = content.method()
    series = actions.create_series(user, organisation, title=TITLE, commissioner="Gemeente Voorbeeldstad, afdeling Samenleving",
                                   description="Drie burgerconsultaties en een duo-interview over samenleven in verschil. Verzonnen voorbeeld.",
                                   retention_until=timezone.localdate() + dt.timedelta(days=365), uid=UID)
    actions.set_signup_open(series, True)
    stories = actions.add_question(series, theme="Verhalen die verbinden", text=method["example_questions"][0],
                                   sub_questions="Welke plekken verbinden ons?\nWat maakt dat mensen zich welkom voelen?")
    rules = actions.add_question(series, theme="Spelregels", text=method["example_questions"][1],
                                 sub_questions="Welke afspraken maken buren zelf?\nWat is de rol van de gemeente?")
    start = timezone.now().replace(hour=13, minute=0, second=0, microsecond=0)
    sessions = [
        actions.add_session(series, user, title="Wijkcentrum Noord", place="Voorbeeldstad-Noord", setting="stedelijk",
                            questions=[stories], date=start - dt.timedelta(days=40)),
        actions.add_session(series, user, title="Dorpshuis Oosterveld", place="Oosterveld", setting="landelijk",
                            questions=[stories], date=start - dt.timedelta(days=33)),
        actions.add_session(series, user, title="Bibliotheek Centrum", place="Voorbeeldstad-Centrum", setting="stedelijk",
                            questions=[rules], date=start - dt.timedelta(days=26)),
    ]
    people = _people(series, sessions)
    interview = actions.add_session(series, user, title="Duo-interview praktisch opgeleiden", kind="interview", place="Voorbeeldstad",
                                    setting="stedelijk", questions=[stories, rules], capacity=2, date=start - dt.timedelta(days=20))

    # Phase 2 for the first session: the fair selection of mia.panels, then invitations.
    selection = actions.run_selection(sessions[0], user, size=14, quotas=actions.default_quotas(sessions[0], 14), reserves=3, seed=20260412)
    actions.invite(selection)
    for n, invitation in enumerate(sessions[0].invitations.filter(is_reserve=False)):
        actions.set_intake_status(invitation, IntakeStatus.AFGEMELD if n == 13 else IntakeStatus.AANWEZIG)
    for session, chosen in ((sessions[1], people[1::4][:9]), (sessions[2], people[3::5][:8])):
        for invitation in (actions.add_invitation(session, p) for p in chosen):
            actions.set_intake_status(invitation, IntakeStatus.AANWEZIG)
    practical = [p for p in people if p.features["Opleiding"] == "Praktisch opgeleid"][:2]
    for p in practical:
        actions.set_intake_status(actions.add_invitation(interview, p), IntakeStatus.AANWEZIG)

    for index, session in enumerate(sessions):
        actions.save_parts(session, {part: {"minutes": m, "questions": q} for (part, m), q in zip(
            content.default_minutes().items(),
            ["Vertel over een plek waar u anderen ontmoet.", "Wat zien we terug in elkaars verhalen?",
             "Maak een prototype of een spelregel.", "Wat moeten de gemeente en het Rijk doen?"], strict=True)})
        for part, text in NOTES.items():
            actions.save_notes(session, part, text)
        actions.add_creation(session, kind="prototype" if index != 2 else "spelregel",
                             title=["De buurtkamer", "Het dorpsplein", "Spelregels voor de buurtapp"][index],
                             description="Gemaakt in de werkplaats, met karton en tape." if index != 2 else "Groet elkaar. Vraag eerst, oordeel later.",
                             image=_picture(["#2a6f97", "#6a994e", "#bc4749"][index]))
        actions.add_advice(session, level="lokaal", text="Houd het buurthuis en de bibliotheek ook in de avond en het weekend open.")
        actions.add_advice(session, level="landelijk", text="Geef gemeenten structureel geld voor ontmoetingsplekken.")
        rounds = [r for r in dialogue_actions.ensure_rounds(session.dialogue) if not r.is_closing]
        attendees = [i.participant for i in session.invitations.filter(status=IntakeStatus.AANWEZIG).select_related("participant")]
        for n, participant in enumerate(attendees):
            round_ = rounds[n % len(rounds)]
            dialogue_actions.save_card(round_, participant=participant, kind=round_.card_kinds[0], text=CARDS[(n + index) % len(CARDS)])

    drafts = {q.pk: actions.make_draft(q) for q in (stories, rules)}
    for draft in drafts.values():
        actions.set_deadline(draft, timezone.now() + dt.timedelta(days=10),
                             "Online validatiesessie van een uur met zes deelnemers: de kern klopte, de markt werd vaker genoemd.")
    first = drafts[stories.pk].paragraphs.first()
    attendees_first = [i.signup for i in sessions[0].invitations.filter(status=IntakeStatus.AANWEZIG).select_related("signup")]
    correction = actions.react(attendees_first[0], first, kind="corrigeren", text="Het ging vooral over de zaterdagmarkt, niet over de supermarkt.")
    addition = actions.react(attendees_first[1], first, kind="aanvullen", text="Ook de moskee en de kerk zijn plekken waar buren elkaar zien.")
    actions.react(attendees_first[2], first, kind="verdiepen", text="Toeval werkt alleen als je er vaker komt. Dat kost tijd.")
    actions.decide_reaction(correction, accept=True, reason="Klopt, aangepast.",
                            new_text=first.text + "\n\nHet gaat vooral om de zaterdagmarkt.")
    actions.decide_reaction(addition, accept=False, reason="Dit nemen we op bij het thema spelregels.")

    cards = list(actions.visible_cards(series.sessions.all()))
    card_by_text = {c.text: c for c in cards}
    thread = actions.add_thread(series, title="Erkend worden als medevormgever",
                                text="In alle sessies willen mensen gezien worden als mensen die zelf iets bijdragen.", sessions=sessions)
    actions.add_quote(thread, source="kaartje", source_id=card_by_text[CARDS[5]].pk)
    thread = actions.add_thread(series, title="Ontmoeting vraagt open plekken",
                                text="Plekken zonder drempel (markt, bibliotheek) maken toevallige ontmoeting mogelijk.", sessions=sessions[:2])
    actions.add_quote(thread, source="kaartje", source_id=card_by_text[CARDS[6]].pk)

    for question, texts in ((stories, ("Betrek inwoners structureel bij beleid over samenleven.",
                                       "Maak ruimte in landelijke regels voor lokale ontmoetingsplekken.",
                                       "Houd buurthuis en bibliotheek ook buiten kantoortijd open.")),
                            (rules, ("Laat spelregels samen met bewoners maken, niet voor hen.",
                                     "Ondersteun gemeenten met voorbeelden van goede buurtafspraken.",
                                     "Geef buurtapps een beheerder uit de buurt."))):
        for level, text in zip(("overkoepelend", "landelijk", "lokaal"), texts, strict=True):
            rec = actions.add_recommendation(question, level=level, text=text)
            if level == "lokaal" and question == stories:
                actions.add_quote(rec, source="kaartje", source_id=card_by_text[CARDS[3]].pk)
                actions.add_quote(rec, source="reactie", source_id=correction.pk, excerpt="de zaterdagmarkt")
            elif level == "lokaal":
                actions.add_quote(rec, source="kaartje", source_id=card_by_text[CARDS[2]].pk)
            elif level == "landelijk":
                advice = sessions[0].advice.get(level="landelijk")
                actions.add_quote(rec, source="advies", source_id=advice.pk)
    for item in method["closing"]:
        actions.add_closing(series, title=item["title"], recommendation=item["recommendation"], goal=item["goal"])
    actions.update_question(stories, theme=stories.theme, text=stories.text, sub_questions=stories.sub_questions,
                            answer="Verhalen over gewone plekken verbinden: de markt, de bibliotheek, het schoolplein.")
    actions.update_question(rules, theme=rules.theme, text=rules.text, sub_questions=rules.sub_questions,
                            answer="Goede spelregels maken bewoners samen: groeten, eerst vragen, later oordelen.")
    actions.update_series(series, summary="Inwoners van Voorbeeldstad spraken in drie bijeenkomsten en een duo-interview over samenleven in verschil.",
                          method_text="Werving in twee fasen: een brede groep aanmeldingen, daarna een eerlijke loting per sessie.")
    return series
