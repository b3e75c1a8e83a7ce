"""The demo: a fictional municipality, four users and one fully worked MIA.

Everything is written through the app's own actions (``mia.assessments.actions``,
``mia.dialogues.actions``) and, where no action exists, through the same model
writes the step forms make — so the demo is exactly what a kernteam could have
typed in. The policy choice, the people and all numbers are made up.

``load_demo()`` is idempotent: the demo MIA carries a fixed uid, and when it
exists nothing is created or changed (users keep their passwords, a demo that
someone edited in the browser stays as it is).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from mia.accounts.models import Membership, Organisation, Role
from mia.assessments import actions
from mia.assessments.invitation import default_invitation
from mia.assessments.models import (
    Assessment,
    ChartRating,
    FollowUpAction,
    SignalWordChoice,
)
from mia.dialogues import actions as dialogue_actions
from mia.dialogues.models import CardSource
from mia.instrument.content import CLOSING_CARD_KIND
from mia.instrument.loader import load_content_file
from mia.instrument.models import BankQuestion, ContentVersion

DEMO_UID = uuid.UUID("6d1a0c8e-3f5b-4e7a-9c21-0de7a0000001")
DEMO_TITLE = "Sluiting van drie buurthuizen en bundeling in één wijkcentrum"
ORGANISATION = "Gemeente Voorbeeldstad"
PASSWORD = "demo-mia-2026"

# username, first name, last name, role in the organisation, role in the MIA (None: not a member)
USERS = [
    ("demo", "Demi", "Demo", Role.KERNTEAM, "kernteam"),
    ("sanne", "Sanne", "de Vries", Role.KERNTEAM, "kernteam"),
    ("youssef", "Youssef", "El Amrani", Role.KERNTEAM, "kernteam"),
    ("lezer", "Lea", "Lezer", Role.LEZER, "lezer"),
]


@dataclass
class DemoResult:
    assessment: Assessment
    created: bool


def find_demo() -> Assessment | None:
    return Assessment.objects.filter(uid=DEMO_UID).first()


def load_demo() -> DemoResult:
    with transaction.atomic():
        # Activate the bundled content only on a fresh database: a version a
        # beheerder activated later must survive every `make run`.
        has_active = ContentVersion.objects.filter(is_active=True).exists()
        load_content_file(activate=not has_active)
        organisation, _created = Organisation.objects.get_or_create(name=ORGANISATION)
        users = {username: _ensure_user(organisation, username, first, last, role) for username, first, last, role, _m in USERS}
        existing = find_demo()
        if existing is not None:
            return DemoResult(existing, created=False)
        return DemoResult(_build(organisation, users), created=True)


def _ensure_user(organisation: Organisation, username: str, first: str, last: str, role: str):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username=username, password=PASSWORD, email=f"{username}@example.org", first_name=first, last_name=last
        )
        if username == "demo":
            # The demo user may also open the admin (/admin/), to show the beheerder's side.
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
    Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})
    return user


# --------------------------------------------------------------------------------------------
# The assessment
# --------------------------------------------------------------------------------------------


def _build(organisation: Organisation, users: dict) -> Assessment:
    a = actions.create_assessment(users["demo"], DEMO_TITLE, DESCRIPTION, organisation=organisation)
    a.uid = DEMO_UID
    a.save(update_fields=["uid"])
    for username, *_rest, mia_role in USERS:
        if username != "demo":
            actions.add_member(a, users[username], mia_role)
    _step1(a)
    questions = _choose_questions(a)
    session, participants = _step2(a)
    _step3(session, participants, questions)
    _step4(a, users)
    return a


DESCRIPTION = (
    "Het college van Voorbeeldstad stelt voor om de buurthuizen De Linde (Oosterwijk), Het Anker "
    "(De Akkers) en De Brug (Zuidhoek) te sluiten. Alle activiteiten gaan naar één nieuw wijkcentrum "
    "in het oude bibliotheekgebouw aan de Marktstraat, in het centrum. Doel: ongeveer € 420.000 per jaar "
    "besparen op onderhoud en beheer, en één goed toegankelijk gebouw dat langer open is. Voor bewoners "
    "van Oosterwijk en De Akkers wordt de afstand 2 tot 3 kilometer. De gemeenteraad besluit na de zomer.\n\n"
    "Dit is een verzonnen voorbeeld voor de demo van MIA."
)


def _step1(a: Assessment) -> None:
    version = a.content_version
    a.notes_causes = (
        "De gemeente moet in de begroting bezuinigen op het sociaal domein. De drie buurthuizen zijn oud "
        "(gebouwd tussen 1968 en 1975), slecht geïsoleerd en samen maar ongeveer 40% van de tijd in gebruik. "
        "Het onderhoud voor de komende tien jaar wordt geschat op € 2,1 miljoen. Welzijn Voorbeeldstad vraagt "
        "al langer om één goed uitgeruste plek met ruimere openingstijden.\n"
        "Tegelijk zijn De Linde en Het Anker voor veel vaste bezoekers de ‘huiskamer van de wijk’: koffieochtend, "
        "taalcafé, uitgifte van de voedselbank en de peuterochtend."
    )
    a.notes_literature = (
        "Onderzoek naar ontmoetingsplekken laat zien dat afstand ertoe doet: vooral ouderen en mensen met een "
        "beperking haken af als een voorziening niet meer op loopafstand ligt.\n"
        "De gezondheidsmonitor van de regio (cijfers voor dit voorbeeld verzonnen) geeft voor Oosterwijk 14% "
        "volwassenen die zich sterk eenzaam voelen, tegen 9% gemiddeld in de stad.\n"
        "Evaluaties van eerdere bundelingen in andere gemeenten: een centraal wijkcentrum trekt nieuwe groepen "
        "(jongeren, werkenden), maar een deel van de vaste bezoekers en vrijwilligers komt niet mee."
    )
    a.notes_media = (
        "Het Voorbeeldstads Dagblad schreef twee keer over het plan (‘Oosterwijk verliest zijn huiskamer’). "
        "In de Facebookgroep van De Akkers reageerden ruim 300 mensen, vooral boos en bezorgd. Een petitie voor "
        "het behoud van De Linde heeft 1.150 handtekeningen. De jongerenraad is juist positief over een centrum "
        "in de binnenstad."
    )
    a.groups_other = "Vrijwilligers en mantelzorgers die nu in de buurthuizen actief zijn; ouders van peuters (peuterochtend De Linde)"
    a.signal_words_other = "Verlies van een ‘eigen plek’ in de wijk"
    a.save()
    a.groups.set(version.affectedgroup_set.filter(code__in=SCAN_GROUPS))

    scan = {answer.question.code: answer for answer in a.scan_answers.select_related("question")}
    for code, (effect, explanation) in SCAN_ANSWERS.items():
        if code in scan:
            scan[code].effect, scan[code].explanation = effect, explanation
            scan[code].save()

    pairs = {p.code: p for p in version.signalwordpair_set.all()}
    for code, side in SIGNAL_WORDS:
        if code in pairs:
            SignalWordChoice.objects.create(assessment=a, pair=pairs[code], side=side)

    actions.record_decision(
        a,
        True,
        "Ja, er is een duidelijk vermoeden van impact. Vooral ouderen, mensen met een beperking en bewoners van "
        "Oosterwijk kunnen hun vaste ontmoetingsplek kwijtraken, en het vertrouwen in de gemeente staat in deze "
        "wijken al onder druk. We gaan verder en voeren een MIA-dialoog vóórdat de raad besluit.",
    )

    subdomains = {s.code: s for s in version.subdomain_set.all()}
    for answer in a.domain_answers.select_related("domain"):
        if answer.domain.code not in DOMAINS:
            continue
        relevant, explanation, codes = DOMAINS[answer.domain.code]
        answer.relevant, answer.explanation = relevant, explanation
        answer.save()
        answer.subdomains.set([subdomains[c] for c in codes if c in subdomains])


SCAN_GROUPS = [
    "regios",
    "opleiding-inkomen",
    "generaties",
    "migratieachtergrond",
    "gezondheidsproblemen",
    "beperking",
    "geletterdheid",
]

SCAN_ANSWERS = {
    "doenvermogen": (
        "minder",
        "Niet voor iedereen. Bezoekers moeten verder reizen, aan nieuwe openingstijden wennen en zalen straks "
        "online reserveren. Voor ouderen, mensen met een beperking en laaggeletterde bewoners is dat lastig. "
        "Het plan gaat ervan uit dat iedereen ‘gewoon meeverhuist’.",
    ),
    "onzekerheid": (
        "meer",
        "Vaste bezoekers weten niet of hun activiteit terugkomt, op welke dag en met welke vrijwilliger. "
        "De petitie en de reacties online laten zien dat de onrust in Oosterwijk en De Akkers groot is.",
    ),
    "verschillen": (
        "meer",
        "Bewoners van het centrum en jongeren gaan er waarschijnlijk op vooruit. Bewoners van Oosterwijk en "
        "De Akkers, waar meer mensen met een laag inkomen en meer ouderen wonen, moeten verder reizen. "
        "Het verschil tussen de wijken in toegang tot ontmoeting wordt groter.",
    ),
    "frictie": (
        "onbekend",
        "Dat weten we nog niet. Eén gebouw kan groepen bij elkaar brengen, maar ook botsingen geven over ruimte, "
        "geluid en tijden, bijvoorbeeld tussen jongeren en ouderen. Dit willen we in de dialoog bespreken.",
    ),
    "vertrouwen": (
        "minder",
        "Veel bewoners hoorden het plan uit de krant. In Oosterwijk bestaat al het gevoel dat de gemeente de wijk "
        "vergeet. Als de sluiting als voldongen feit wordt gebracht, daalt het vertrouwen verder.",
    ),
}

SIGNAL_WORDS = [
    ("participatie", SignalWordChoice.Side.NEGATIVE),  # isolatie/eenzaamheid
    ("verbinding", SignalWordChoice.Side.POSITIVE),  # a shared centre may connect groups…
    ("verbinding", SignalWordChoice.Side.NEGATIVE),  # …or split them further
    ("identiteit", SignalWordChoice.Side.NEGATIVE),
    ("vertrouwen-instituties", SignalWordChoice.Side.NEGATIVE),
    ("burgerschap", SignalWordChoice.Side.POSITIVE),
    ("inclusie", SignalWordChoice.Side.NEGATIVE),
]

DOMAINS = {
    "gelijkheid": (
        True,
        "Ja. De toegang tot een ontmoetingsplek wordt ongelijker: voor de centrumwijken beter, voor Oosterwijk en "
        "De Akkers slechter. Juist daar wonen meer mensen met een laag inkomen, ouderen en mensen met een beperking.",
        ["toegankelijkheid-voorzieningen"],
    ),
    "veiligheid": (
        False,
        "Nee. We verwachten geen direct effect op de feitelijke veiligheid. Het gevoel van veiligheid op een "
        "langere route in het donker nemen we mee bij Leefomgeving (bereikbaarheid).",
        [],
    ),
    "sociaal-contact": (
        True,
        "Ja. De buurthuizen zijn vaste ontmoetingsplekken voor groepen die elkaar al jaren kennen, en de basis "
        "voor veel vrijwilligerswerk. Een nieuw centrum kan contact tussen groepen geven, maar bestaande "
        "groepen kunnen uit elkaar vallen.",
        ["contact-binnen-en-tussen-groepen", "maatschappelijke-participatie"],
    ),
    "leefomgeving": (
        True,
        "Ja. De wijken verliezen een herkenbare plek, en voor veel bewoners wordt de voorziening slechter "
        "bereikbaar, zeker met het openbaar vervoer of een rollator.",
        ["gebiedsgebonden-identiteit", "ontmoeting-in-de-ruimte", "fysieke-mobiliteit"],
    ),
    "vertrouwen": (
        True,
        "Ja. Bewoners voelen zich niet gehoord. Hoe de gemeente hen betrekt bij het hoe en wanneer van de "
        "bundeling bepaalt voor een groot deel het vertrouwen in het gemeentebestuur.",
        ["vertrouwen-in-politiek", "zeggenschap-in-beleid"],
    ),
}


# --------------------------------------------------------------------------------------------
# Step 2: questions, session, participants
# --------------------------------------------------------------------------------------------

# (key, subdomain code, index of the question within its subdomain, plain-Dutch rewording or "")
QUESTIONS = [
    (
        "bereikbaarheid",
        "fysieke-mobiliteit",
        1,
        "Het wijkcentrum komt voor veel mensen verder weg te liggen. Kan iedereen er straks makkelijk komen? "
        "Voor wie wordt het moeilijker?",
    ),
    ("contact", "contact-binnen-en-tussen-groepen", 1, ""),
    ("vrijwilligers", "maatschappelijke-participatie", 1, ""),
    ("zeggenschap", "zeggenschap-in-beleid", 1, ""),
]


def _choose_questions(a: Assessment) -> dict:
    chosen = {}
    for key, subdomain, index, rewording in QUESTIONS:
        candidates = list(
            BankQuestion.objects.filter(version=a.content_version, subdomain__code=subdomain).order_by("position")
        )
        if not candidates:
            continue
        question = actions.choose_bank_question(a, candidates[min(index, len(candidates) - 1)])
        if rewording:
            actions.reword_question(question, rewording)
        chosen[key] = question
    return chosen


# name, perspective, organisation or background, e-mail, groups represented (codes from SCAN_GROUPS)
PARTICIPANTS = [
    ("Fatma Yilmaz", "samenleving", "Bewoner Oosterwijk, vrijwilliger taalcafé De Linde",
     "f.yilmaz@example.org", ["migratieachtergrond", "geletterdheid"]),
    ("Henk Bos", "samenleving", "Bewoner De Akkers, 79 jaar, bezoeker koffieochtend Het Anker",
     "henk.bos@example.org", ["generaties", "beperking"]),
    ("Marloes Kuipers", "praktijk", "Opbouwwerker, Welzijn Voorbeeldstad",
     "m.kuipers@example.org", ["opleiding-inkomen", "gezondheidsproblemen"]),
    ("Ruben Visser", "wetenschap", "Onderzoeker sociale wijkontwikkeling, Hogeschool Voorbeeldstad",
     "r.visser@example.org", ["regios", "opleiding-inkomen"]),
    ("Daan Hoekstra", "praktijk", "Jongerenwerker, Stichting Jong Voorbeeldstad",
     "daan.hoekstra@example.org", ["generaties"]),
    ("Priya Ramdin", "interne-buitenstaander", "Beleidsadviseur mobiliteit, gemeente Voorbeeldstad (niet in het kernteam)",
     "p.ramdin@example.org", ["beperking", "regios"]),
]


def _session_start() -> datetime:
    """Four weeks ago at 19:30, so the demo always looks like a recent dialogue."""
    day = timezone.localdate() - timedelta(days=28)
    return timezone.make_aware(datetime.combine(day, time(19, 30)))


def _step2(a: Assessment):
    start = _session_start()
    session = dialogue_actions.update_session(
        a.sessions.get(),
        name="Dialoog buurthuizen",
        date=start,
        location="Bibliotheek Voorbeeldstad, zaal De Leeszaal, Stationsplein 4",
        facilitator="Ilse Verbeek (onafhankelijk gespreksleider)",
        note_taker="Youssef El Amrani",
        notes=(
            "Opening door de gespreksleider: doel van de avond, wat we met de uitkomsten doen, toestemming en "
            "geheimhouding. Alle zes deelnemers gaven toestemming. Korte pauze na ronde 2. De sfeer was open; "
            "bij het onderwerp De Linde werd het soms emotioneel. Afgesloten om 21.35 uur."
        ),
    )
    groups = {g.code: g for g in a.groups.all()}
    participants = [
        dialogue_actions.add_participant(
            session,
            name=name,
            perspective=perspective,
            organisation=background,
            contact=email,
            groups=[groups[c] for c in codes if c in groups],
            consent_given_at=start + timedelta(minutes=10),
        )
        for name, perspective, background, email, codes in PARTICIPANTS
    ]
    a.werkvorm = "open-gesprek"
    a.report_form = "verslag"
    a.invitation_text = default_invitation(a)  # after the session exists, so date and place are filled in
    a.next_steps_text = (
        "Na dit gesprek schrijven wij een verslag. Uw naam staat er niet in. U krijgt het verslag binnen drie "
        "weken en u kunt het aanvullen of verbeteren. De uitkomsten gaan mee naar de gemeenteraad, die na de "
        "zomer besluit. Binnen zes weken hoort u van ons wat we met uw inbreng doen, en ook wat we niet doen "
        "en waarom."
    )
    a.save()
    return session, participants


# --------------------------------------------------------------------------------------------
# Step 3: the cards, as the notulist typed them in from paper
# --------------------------------------------------------------------------------------------

# Per question: per participant (1–6) the conclusion card and the idea card, each (topic, text);
# None where that participant left the card empty.
CARDS = {
    "bereikbaarheid": {
        1: (("Afstand voor vrouwen uit Oosterwijk",
             "Veel vrouwen van het taalcafé lopen nu vijf minuten naar De Linde. Naar de Marktstraat gaan ze niet "
             "alleen, zeker niet met kleine kinderen. Dan blijven ze thuis."),
            ("Samen reizen",
             "Laat vrijwilligers een vaste groep ophalen en samen met de bus gaan. In ieder geval de eerste maanden.")),
        2: (("De bus",
             "Met mijn rollator kom ik niet in bus 5 als hij vol is. En hij rijdt maar twee keer per uur. Dan ben ik "
             "een uur onderweg voor een kop koffie."),
            ("Buurtbus",
             "Een buurtbus met een lift die op vaste tijden langs de oude buurthuizen rijdt. Gratis voor 65-plussers.")),
        3: (("Wie we kwijtraken",
             "De mensen die het meest aan het buurthuis hebben, kunnen het minst makkelijk reizen. Die zien we straks "
             "niet meer, en dan merken we het ook niet."),
            ("Dicht bij huis blijven",
             "Houd in elke wijk een klein inlooppunt, bijvoorbeeld twee ochtenden per week in de school of de kerk.")),
        4: (("Loopafstand telt",
             "Als mensen langer dan tien minuten moeten lopen, gaan veel minder mensen naar een voorziening. Vooral "
             "ouderen. Een mooier gebouw maakt dat niet goed."),
            None),
        5: (("Voor jongeren juist beter",
             "Jongeren vinden de Marktstraat niet ver. Ze gaan liever naar een plek in het centrum dan naar het "
             "buurthuis in hun eigen straat, waar iedereen ze kent."),
            ("Fietsenstalling en avond",
             "Zorg voor een goede fietsenstalling en open tot 22.00 uur. Dan komen jongeren ook ’s avonds.")),
        6: (("Reistijd ontbreekt in het plan",
             "In het raadsvoorstel staat alleen de afstand in kilometers. Met het ov is de reistijd vanuit De Akkers "
             "bijna drie keer zo lang als met de auto. Dat staat er niet in."),
            ("Halte bij de deur",
             "Onderzoek of bus 5 een halte vlak bij het wijkcentrum kan krijgen, en vaker kan rijden op dagen met "
             "veel activiteiten.")),
    },
    "contact": {
        1: (("Een eigen plek",
             "In De Linde voelen vrouwen met een migratieachtergrond zich thuis. In een groot centrum voor iedereen "
             "voelen ze zich misschien gast. Dan komen ze minder."),
            ("Vaste ruimte op vaste tijden",
             "Geef groepen die nu een eigen plek hebben een vaste ruimte op vaste tijden. Dan hoeven ze niet steeds "
             "opnieuw te vragen.")),
        2: (("De koffieochtend",
             "Bij Het Anker zijn we met twintig vaste mensen. We kennen elkaar al jaren. Als de groep uit elkaar "
             "valt, zie ik sommigen nooit meer."),
            ("Als groep verhuizen",
             "Laat de koffieochtend als groep verhuizen: zelfde dag, zelfde tijd, zelfde vrijwilliger.")),
        3: (("Kans én risico",
             "Eén centrum kan groepen bij elkaar brengen die elkaar nu nooit zien. Maar dat gaat niet vanzelf. "
             "Zonder begeleiding zit iedereen in zijn eigen zaaltje."),
            ("Gastvrouw of gastheer",
             "Zet een vaste gastvrouw of gastheer bij de ingang die mensen kent en ze met elkaar in contact brengt.")),
        4: (("Binden en verbinden",
             "Buurthuizen zorgen vooral voor contact binnen de eigen groep. Een centrum kan contact tussen groepen "
             "geven. Je hebt allebei nodig; het een vervangt het ander niet."),
            ("Activiteiten die mengen",
             "Organiseer een paar activiteiten waar groepen bewust samen komen, zoals samen koken of een repaircafé "
             "met jong en oud.")),
        5: (("Ruzie over ruimte",
             "Als jongeren en ouderen dezelfde ruimte delen, gaat het snel over geluid en rommel. Dat moet je vooraf "
             "goed regelen, anders komt er gedoe."),
            ("Samen huisregels maken",
             "Laat bezoekers zelf de huisregels maken in een bewonersraad van het centrum, met jongeren erin.")),
        6: (None,
            ("Het plein houden",
             "Maak van het plein bij De Linde een ontmoetingsplek met bankjes, ook als het gebouw dichtgaat.")),
    },
    "vrijwilligers": {
        1: (("Vrijwilligers haken af",
             "Ik ben vrijwilliger omdat het om de hoek is. Als ik verder moet reizen en ook nog oppas moet regelen, "
             "kan ik het niet meer doen."),
            ("Reiskosten en oppas",
             "Betaal de reiskosten van vrijwilligers en zorg voor kinderopvang tijdens het taalcafé.")),
        2: (("Ouderen doen veel werk",
             "De meeste vrijwilligers bij Het Anker zijn zelf boven de 70. Zij zetten koffie, staan achter de bar "
             "en bellen mensen op. Ver weg gaat dat niet meer."),
            None),
        3: (("Wie heeft de sleutel?",
             "In een groot centrum beheert een beheerder de sleutel. Dan voelen vrijwilligers zich minder eigenaar. "
             "Dat is een groot verschil met nu."),
            ("Eigen budget",
             "Geef vrijwilligers een klein eigen budget en een stem in het programma van het centrum.")),
        4: (("Uitval in het eerste jaar",
             "Mensen doen vrijwilligerswerk als ze zich ergens verantwoordelijk voor voelen. Bij een bundeling "
             "verdwijnt dat gevoel vaak. Reken op uitval in het eerste jaar."),
            ("Een overgangsjaar",
             "Plan een overgangsjaar waarin oude en nieuwe vrijwilligers samen draaien, met een coördinator die de "
             "mensen kent.")),
        5: (("Nieuwe vrijwilligers",
             "Voor jongeren is een groot centrum juist leuk om mee te helpen, bijvoorbeeld voor een maatschappelijke "
             "stage. Daar ligt een kans."),
            ("Stages koppelen",
             "Koppel stages van het mbo en de middelbare school aan het centrum, met een maatje uit de huidige "
             "vrijwilligers.")),
        6: (("Meer regels",
             "In een gemeentelijk gebouw krijgen vrijwilligers met meer regels te maken, zoals een VOG en "
             "hygiëneregels voor de keuken. Dat schrikt af."),
            ("Regels regelen",
             "Laat de gemeente de VOG en de cursussen betalen en regelen, en leg de regels uit in gewone taal.")),
    },
    "zeggenschap": {
        1: (("Niet gevraagd",
             "We hoorden het uit de krant. Niemand kwam naar het taalcafé om te vragen wat wij ervan vinden. Het "
             "voelt alsof het al besloten is."),
            ("Kom naar ons toe",
             "Kom zelf naar de buurthuizen om het uit te leggen, met een tolk als dat nodig is. Niet alleen een "
             "avond in het stadhuis.")),
        2: (("Brief te moeilijk",
             "De brief van de gemeente was vier kantjes met moeilijke woorden. Mijn buurvrouw dacht dat ze ergens "
             "voor moest betalen."),
            ("Eén kantje",
             "Schrijf één kantje in gewone taal: wat er verandert, wanneer, en wie je kunt bellen.")),
        3: (("Echte invloed",
             "Mensen willen niet alleen gehoord worden. Ze willen zien dat er iets verandert. Als na deze avond "
             "alles hetzelfde blijft, wordt het wantrouwen groter."),
            ("Terugkoppelen",
             "Stuur alle deelnemers binnen zes weken een bericht: dit hebben we gehoord, dit doen we ermee, dit niet, "
             "en waarom.")),
        4: (("Vertrouwen staat al onder druk",
             "Waar het vertrouwen in de gemeente al laag is, zoals in Oosterwijk, zien mensen zo’n besluit snel als "
             "bewijs dat hun wijk niet telt."),
            None),
        5: (("Jongeren worden niet gevraagd",
             "Jongeren komen nooit naar een inspraakavond. Als je ze niet op hun eigen plek opzoekt, praten alleen "
             "ouderen mee."),
            ("Kort vragen, op straat en online",
             "Vraag jongeren via Instagram en op het pleintje naar hun mening. Kort, met een paar vragen.")),
        6: (("Wat ligt vast, wat niet?",
             "Binnen de gemeente ligt de bezuiniging vast, maar hoe en wanneer nog niet. Dat moeten we eerlijk "
             "zeggen: waar kunnen bewoners wél over meebeslissen?"),
            ("Varianten voorleggen",
             "Leg de raad twee of drie varianten voor, bijvoorbeeld met één wijkpunt dat openblijft. Laat bewoners "
             "vooraf hun voorkeur geven.")),
    },
}

# The notulist's notes per round (by role, never by name).
ROUND_NOTES = {
    "bereikbaarheid": (
        "Het onderwerp met de meeste reacties. Bewoners uit Oosterwijk en De Akkers noemen de afstand en de "
        "busverbinding de grootste drempel. De jongerenwerker ziet voor jongeren juist weinig bezwaar. De "
        "beleidsadviseur mobiliteit wijst erop dat het raadsvoorstel geen reistijden per ov noemt. Actie kernteam: "
        "reistijd per wijk uitrekenen."
    ),
    "contact": (
        "Veel zorg over het uit elkaar vallen van vaste groepen (koffieochtend, taalcafé). Tegelijk zien de "
        "opbouwwerker en de onderzoeker een kans op meer contact tussen groepen, mits iemand dat begeleidt. "
        "Mogelijke spanning tussen jongeren en ouderen over geluid en ruimte."
    ),
    "vrijwilligers": (
        "Eensgezind: de buurthuizen draaien op vrijwilligers, van wie velen ouder zijn of kleine kinderen hebben. "
        "Afstand, regels (VOG, keuken) en minder eigenaarschap kunnen tot uitval leiden. Kans: jongeren als nieuwe "
        "vrijwilligers via stages."
    ),
    "zeggenschap": (
        "Bewoners voelen zich overvallen: het plan kwam via de krant en de brief was moeilijk te lezen. Wens: uitleg "
        "in de wijk zelf, in gewone taal, en laten zien wat er met de inbreng gebeurt. De interne deelnemer raadt "
        "aan eerlijk te zeggen wat vastligt en wat niet."
    ),
}

CLOSING_CARDS = {
    1: ("Vrouwen en moeders uit Oosterwijk",
        "Zorg dat de vrouwen van het taalcafé niet thuis komen te zitten. Vraag het hun zelf."),
    2: ("Eerst vervoer",
        "Regel eerst goed vervoer. Pas daarna het buurthuis dicht, niet andersom."),
    3: ("Mensen die uit beeld raken",
        "Houd contact met de kwetsbare bezoekers die niet meegaan. Bel ze op, ga bij ze langs."),
    4: ("Volgen en bijsturen",
        "Tel wie er wegvalt en wie er nieuw bijkomt. Stuur bij als het misgaat."),
    5: ("Plek voor jongeren",
        "Geef jongeren een eigen plek én een stem in het nieuwe centrum."),
    6: ("Eerlijk zijn",
        "Zeg duidelijk wat al vastligt en waar mensen nog over kunnen meebeslissen."),
}


def _step3(session, participants, questions: dict) -> None:
    by_number = dict(enumerate(participants, start=1))
    key_of = {q.pk: key for key, q in questions.items()}
    clock = session.date + timedelta(minutes=20)
    for round_ in dialogue_actions.ensure_rounds(session):
        if round_.is_closing:
            for number, (topic, text) in CLOSING_CARDS.items():
                dialogue_actions.save_card(
                    round_, participant=by_number[number], kind=CLOSING_CARD_KIND, topic=topic, text=text
                )
        else:
            key = key_of.get(round_.question_id)
            for number, cards in CARDS.get(key, {}).items():
                for kind, card in zip(("conclusie", "idee"), cards, strict=False):
                    if card is not None:
                        dialogue_actions.save_card(
                            round_, participant=by_number[number], kind=kind, topic=card[0], text=card[1],
                            source=CardSource.PAPIER,
                        )
            round_.notes = ROUND_NOTES.get(key, "")
        # A round takes at most 15 minutes (plus a few for writing the cards).
        round_.opened_at, round_.closed_at = clock, clock + timedelta(minutes=15)
        round_.save(update_fields=["notes", "opened_at", "closed_at"])
        clock += timedelta(minutes=20)


# --------------------------------------------------------------------------------------------
# Step 4: MIA-Chart, conclusions, follow-up
# --------------------------------------------------------------------------------------------

# Per statement number: per kernteam member (score 1–5, explanation). Statement 3 shows the
# disagreement (2 against 5) that the MIA-score flags for the team to talk through.
CHART = {
    1: {
        "demo": (2, "Negatief voor de bezoekers van De Linde en Het Anker: minder ontmoeting, kans op eenzaamheid. "
                    "Positief: een beter gebouw dat langer open is en nieuwe groepen trekt."),
        "sanne": (2, "De nadelen komen terecht bij de mensen die al kwetsbaar zijn. Daar wegen de voordelen voor "
                     "jongeren en centrumbewoners voor mij niet tegenop."),
        "youssef": (3, "Per saldo neutraal als de compenserende maatregelen (vervoer, inlooppunten) er echt komen. "
                       "Zonder die maatregelen eerder negatief."),
    },
    2: {
        "demo": (4, "Goed te beïnvloeden met beleid: vervoer, inlooppunten in de wijk, een overgangsjaar voor "
                    "vrijwilligers. De keuze zelf hoeft daarvoor niet van tafel."),
        "sanne": (5, "Ja, vooral met communicatie en echte inspraak over het hoe en wanneer. De deelnemers gaven veel "
                     "concrete ideeën."),
        "youssef": (4, "Grotendeels, mits het budget voor de maatregelen niet wegvalt in dezelfde bezuiniging."),
    },
    3: {
        "demo": (4, "Op de dag van de sluiting merken bezoekers het meteen: hun vaste plek is weg."),
        "sanne": (2, "Eenzaamheid en uitval van vrijwilligers worden pas na een jaar of langer zichtbaar, en dan "
                     "vaak niet in de cijfers."),
        "youssef": (5, "De onrust is er nu al: de petitie, de reacties online. Die hoeft niet op de sluiting te "
                       "wachten."),
    },
    4: {
        "demo": (5, "Gemeentelijk zeer relevant: de raad besluit, en drie wijken volgen het op de voet."),
        "sanne": (5, "Er liggen een petitie en vragen van twee fracties. Het raakt de geloofwaardigheid van het "
                     "college in de wijken."),
        "youssef": (4, "Relevant voor de raad. Landelijk speelt het niet, al zijn er vergelijkbare keuzes in andere "
                       "gemeenten."),
    },
}

MAIN_CONCLUSIONS = [
    "De sluiting raakt vooral mensen voor wie het buurthuis de enige ontmoetingsplek dichtbij is: ouderen, mensen "
    "met een beperking en vrouwen uit Oosterwijk met een klein netwerk. Voor hen dreigt meer eenzaamheid.",
    "Bereikbaarheid is de sleutel. Zonder goed en betaalbaar vervoer en zonder inlooppunten in de wijken haken juist "
    "de kwetsbaarste bezoekers af. Voor jongeren is het nieuwe centrum eerder een verbetering.",
    "De buurthuizen draaien op vrijwilligers. Bij bundeling is uitval in het eerste jaar waarschijnlijk; een "
    "overgangsjaar en praktische steun (reiskosten, oppas, VOG) kunnen dat beperken.",
    "Het vertrouwen in de gemeente staat in Oosterwijk en De Akkers onder druk. Bewoners willen echte invloed op het "
    "hoe en wanneer, en een eerlijke uitleg over wat al vastligt.",
]

# domain, description, owner, due in days from today
FOLLOW_UP = [
    ("politiek",
     "Raadsinformatiebrief met de uitkomsten van deze MIA, en het voorstel om de sluiting te koppelen aan een "
     "vervoersoplossing en een wijkpunt in Oosterwijk.", "Wethouder sociaal domein", 60),
    ("beleid-beinvloedend",
     "Een buurtbus met lift uitwerken die op vaste tijden langs de drie oude buurthuizen rijdt, en met de "
     "vervoerder een extra halte van bus 5 bij de Marktstraat bespreken.", "Afdeling Mobiliteit", 120),
    ("beleid-compenserend",
     "Twee ochtenden per week een inlooppunt in Oosterwijk en in De Akkers (in een school of kerk), met het "
     "taalcafé en de koffieochtend als vaste groepen; reiskosten en oppas voor vrijwilligers vergoeden.",
     "Welzijn Voorbeeldstad", 180),
    ("beleid-adaptief",
     "Bezoekers per wijk tellen vóór de sluiting, en 6 en 12 maanden erna. Daalt het aantal bezoekers uit een wijk "
     "met meer dan een kwart, dan komen er extra maatregelen.", "Youssef El Amrani (Onderzoek en Statistiek)", 365),
    ("communicatie",
     "Alle deelnemers binnen zes weken een terugkoppeling sturen in eenvoudige taal: wat we hoorden en wat we ermee "
     "doen. Daarna een informatieochtend in elk van de drie buurthuizen zelf.", "Sanne de Vries", 42),
]


def _step4(a: Assessment, users: dict) -> None:
    statements = {s.number: s for s in a.content_version.chartstatement_set.all()}
    for number, by_member in CHART.items():
        if number not in statements:
            continue
        for username, (score, explanation) in by_member.items():
            ChartRating.objects.update_or_create(
                assessment=a,
                member=users[username],
                statement=statements[number],
                defaults={"score": score, "explanation": explanation},
            )
    for conclusion, text in zip(a.conclusions.all(), MAIN_CONCLUSIONS, strict=False):
        conclusion.text = text
        conclusion.save(update_fields=["text"])
    today = timezone.localdate()
    for domain, description, owner, days in FOLLOW_UP:
        FollowUpAction.objects.create(
            assessment=a, domain=domain, description=description, owner=owner, due_date=today + timedelta(days=days)
        )
