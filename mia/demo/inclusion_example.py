"""The demo of the inclusion app: a worked trajectory for the fictional Gemeente Voorbeeldstad.

Built entirely through ``mia.inclusion.actions``, so it is exactly what a policy officer could
have typed in: the levensdomein Vrije tijd with the wijk De Horst, a verkenning with three
"weet ik niet" tasks and one skipped question, a vlechtwerk check with two combinations, a working
group of nine with its role over time, a participation plan, and a monitoring plan with two
outcome indicators measured three times. People, places and numbers are made up.

``load()`` is idempotent: the trajectory carries a fixed uid; when it exists nothing is created
or changed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import rules
from django.db import transaction

from mia.accounts.models import Organisation
from mia.inclusion import actions
from mia.inclusion.loader import load_stappenplan_file
from mia.inclusion.models import StappenplanVersion, Trajectory

DEMO_UID = uuid.UUID("6d1a0c8e-3f5b-4e7a-9c21-0de7a0000013")
TITLE = "Inclusief sporten en bewegen in Voorbeeldstad"
ORGANISATION = "Gemeente Voorbeeldstad"


def find_demo() -> Trajectory | None:
    return Trajectory.objects.filter(uid=DEMO_UID).first()


def load() -> str:
    """Build the demo trajectory once and say so in one Dutch line (what ``loaddemo`` prints)."""
    trajectory, created = load_inclusion_demo()
    if created:
        return f"Demo inclusief beleid aangemaakt: traject {trajectory.pk} ‘{trajectory.title}’."
    return f"Demo inclusief beleid bestaat al: traject {trajectory.pk} (niets gewijzigd)."


def load_inclusion_demo() -> tuple[Trajectory, bool]:
    """The demo trajectory, and whether it was made now (the MIA demo, with its users, comes first)."""
    from django.contrib.auth import get_user_model

    with transaction.atomic():
        has_active = StappenplanVersion.objects.filter(is_active=True).exists()
        load_stappenplan_file(activate=not has_active, keep_existing=True)
        existing = find_demo()
        if existing is not None:
            return existing, False
        organisation, _created = Organisation.objects.get_or_create(name=ORGANISATION)
        user = get_user_model().objects.filter(username="demo").first()
        return _build(user, organisation), True


def _build(user, organisation) -> Trajectory:
    t = actions.create_trajectory(
        user, organisation, title=TITLE, municipality="Gemeente Voorbeeldstad",
        description=(
            "De raad vroeg om sport- en beweegbeleid dat voor iedereen werkt. We beginnen in de wijk De Horst, "
            "waar veel inwoners niet sporten en de sportclubs moeite hebben om nieuwe leden te vinden.\n\n"
            "Dit is een verzonnen voorbeeld voor de demo van MIA."
        ),
    )
    Trajectory.objects.filter(pk=t.pk).update(uid=DEMO_UID)
    t.refresh_from_db()
    actions.choose_levensdomein(
        t, levensdomein="vrije-tijd", bases=["ervaring", "prioritering"],
        reason="Het sportakkoord loopt af en de raad wil dat het nieuwe akkoord inclusief is. Uit de buurtsportcoaches "
               "komen signalen dat vooral meiden, ouderen en mensen met een beperking afhaken.",
        area="De Horst",
        area_reason="In De Horst sport minder dan de helft van de volwassenen wekelijks; er is een nieuw sportpark in aanbouw.",
    )
    _verkenning(t)
    _steps(t)
    _vlechtwerk(t)
    _working_group(t)
    _participation(t, user)
    _monitoring(t)
    return t


def _verkenning(t: Trajectory) -> None:
    answers = {
        "1-1": "Ruim 64.000 inwoners, zeven wijken en twee dorpskernen. College van vier partijen; de wethouder Sport "
               "heeft ook Welzijn in de portefeuille. De Horst is de jongste en meest diverse wijk.",
        "1-2": "Er is nog geen gedeelde definitie. Sport en welzijn spreken over ‘meedoen’, HR over diversiteit van het personeel.",
        "1-4": "Een regenboogconvenant met twee sportclubs, een aangepast sportaanbod bij de G-afdeling van de voetbalclub, "
               "en een kortingsregeling voor contributie via de Stadspas.",
        "1-5": "Hoe zorgen we dat het nieuwe sportakkoord ook werkt voor wie nu niet sport, en niet alleen voor de clubs?",
        "3-1": "Drempels om te sporten: kosten, vervoer naar het sportpark, kleedkamers, en je niet welkom voelen.",
        "3-1a": "Iedereen in De Horst kan dicht bij huis sporten of bewegen op een manier die bij hem of haar past.",
        "3-1b": "Door eisen aan subsidie te koppelen en clubs te helpen met een open, veilige sfeer.",
        "3-1c": "Het nieuwe sportpark ligt aan de rand van de wijk; het busje van de buurtsportcoach rijdt alleen op woensdag.",
        "3-2": "Sportakkoord 2022-2026, de regeling G-sport, het regenboogconvenant en de Stadspas.",
        "3-2c": "De G-sport loopt goed. Maar de clubs weten weinig van de Stadspas, en het convenant is vooral een papier.",
        "3-2d": "We tellen leden, maar niet wie afhaakt en waarom. Meiden met een migratieachtergrond en ouderen met weinig geld zien we niet.",
        "3-3": "Bij sport is er urgentie door de lage sportdeelname; inclusie wordt nog vaak gezien als ‘iets voor de G-afdeling’.",
        "3-4": "Van de wethouder, de clubbesturen en de trainers op het veld.",
        "3-4b": "Twee grote clubs vrezen extra regels en kosten bij de subsidie.",
        "3-5": "Bij de buurtsportcoaches en de jongerenwerker van De Horst; in het stadhuis bij de afdeling Sport.",
        "3-5a": "Nu alleen per project; we willen een vaste werkgroep met hen.",
        "3-6": "Sportclubs, de buurtsportcoaches, welzijnswerk, de moskee en de kerk in De Horst, de cliëntenraad.",
        "3-6a": "Met wijkgesprekken en luistersessies met mensen die níet bij een club zitten.",
        "3-6b": "Met de sportraad en de clubs, omdat zij subsidie krijgen.",
        "3-6d": "Via de sleutelfiguren van het welzijnswerk en de school.",
        "3-7b": "Twee dagen per week van de beleidsadviseur Sport tot eind volgend jaar.",
    }
    items = {code: {"state": "antwoord", "text": text} for code, text in answers.items()}
    items["1-3"] = {"state": "weet-niet", "text": "Bij de wethouder wel; hoe de fracties erover denken weten we niet.",
                    "owner": "Sanne de Vries", "how": "Rondje langs de fractievoorzitters na het commissiedebat.",
                    "ways": ["collegas"], "due_date": dt.date(2026, 4, 1)}
    items["3-6c"] = {"state": "weet-niet", "owner": "Youssef El Amrani", "how": "Samen met de buurtsportcoach nagaan wie nu nergens meedoet.",
                     "ways": ["partners", "inwoners"], "due_date": dt.date(2026, 5, 15)}
    items["3-7a"] = {"state": "weet-niet", "owner": "Demi Demo", "how": "Navragen welk deel van het sportbudget vrij te maken is.",
                     "ways": ["collegas", "stukken"]}
    items["3-5b"] = {"state": "overslaan", "text": "Komt later, als de werkgroep er staat."}
    actions.save_answers(t, items)


def _steps(t: Trajectory) -> None:
    actions.save_step(t, "verkenning", status="bezig", notes="Deel 3 bijna af; drie vragen zoeken we nog uit.")
    actions.save_step(
        t, "agenderen", status="klaar",
        answers={
            "agenda": "Bij de start van het nieuwe sportakkoord, in de commissie van maart.",
            "intern": "De wethouder en het team Sport staan erachter; bij Welzijn en Financiën nog weinig.",
            "extern": "Via de sportraad en twee wijkgesprekken in De Horst.",
        },
        knelpunten={
            "gedeelde-verantwoordelijkheid": {"applies": "ja", "note": "Inclusie ligt nu bij één beleidsadviseur. De werkgroep moet dat spreiden."},
            "tijd-prioriteit": {"applies": "ja", "note": "We sluiten aan bij het bestaande sportakkoord in plaats van nieuw beleid."},
            "weerstand": {"applies": "weet-niet", "note": ""},
        },
    )
    actions.save_step(
        t, "visie", status="bezig",
        answers={"doel": "Iedereen in Voorbeeldstad kan sporten en bewegen op een manier die bij hem of haar past, en voelt zich welkom.",
                 "kader": "Het sportakkoord en het VN-verdrag Handicap."},
    )
    actions.save_step(t, "evalueren", status="bezig")


def _vlechtwerk(t: Trajectory) -> None:
    check = actions.create_check(
        t, name="Subsidieregeling sportverenigingen 2026",
        description="Clubs krijgen een vast bedrag per jeugdlid en een toeslag voor aangepast sporten.",
    )
    actions.save_factor_answers(check, {
        "leeftijd": {"anders": "Alleen jeugdleden tellen mee; ouderen die willen bewegen vallen buiten de regeling.",
                     "ontbreekt": "Ouderenbonden en de beweeggroepen in het wijkcentrum.",
                     "aanpak": "Een toeslag voor beweegaanbod voor 65-plussers onderzoeken."},
        "gender-sekse": {"anders": "Meiden haken rond hun veertiende vaker af dan jongens.",
                         "ontbreekt": "Meiden zelf; we spraken alleen met besturen.",
                         "aanpak": "Luistersessie met meiden van 12 tot 16 via de school."},
        "financiele-situatie": {"anders": "Contributie en kleding zijn voor minima een drempel, ook met de Stadspas.",
                                "aanpak": "Clubs helpen de Stadspas actief aan te bieden."},
        "gezondheid": {"anders": "De toeslag voor aangepast sporten gaat alleen naar clubs met een G-afdeling.",
                       "ontbreekt": "Mensen met een psychische of chronische aandoening.",
                       "aanpak": "Samen met de cliëntenraad de toeslag verbreden."},
        "religie-levensbeschouwing": {"anders": "Trainingen op vrijdagavond en zondag passen niet voor iedereen.",
                                      "aanpak": "Bij het rooster van het nieuwe sportpark rekening houden met feestdagen."},
        "seksuele-orientatie": {"anders": "Het regenboogconvenant geldt maar voor twee clubs.",
                                "ontbreekt": "Lhbtiqa+-sporters uit De Horst.", "aanpak": "Het convenant opnemen in de subsidievoorwaarden."},
        "taal-geletterdheid": {"anders": "Het aanvraagformulier is alleen online en in moeilijk Nederlands.",
                               "aanpak": "Formulier herschrijven op B1 en een papieren versie."},
        "sociaal-culturele-achtergrond": {"ontbreekt": "Nieuwe Voorbeeldstedelingen die een andere sportcultuur kennen.",
                                          "aanpak": "Via het welzijnswerk uitnodigen voor een proeftraining."},
    })
    actions.add_intersection(check, factors=["gender-sekse", "sociaal-culturele-achtergrond"],
                             note="Meiden met een migratieachtergrond missen we dubbel: ze zitten niet bij een club en niet aan tafel.")
    actions.add_intersection(check, factors=["leeftijd", "gezondheid", "financiele-situatie"],
                             note="Ouderen met een chronische aandoening en een klein pensioen: voor hen is er nu geen passend en betaalbaar aanbod.")


MEMBERS = [
    ("Sanne de Vries", "beleidsadviseur Sport (trekker)", "Team Sport", "collega", ["kennis", "aanjager"], ["leeftijd"]),
    ("Youssef El Amrani", "beleidsadviseur Inclusie", "Team Samenleving", "collega", ["kennis", "verbinder"], ["sociaal-culturele-achtergrond", "religie-levensbeschouwing"]),
    ("Demi Demo", "procesbegeleider", "Programmabureau", "collega", ["procesbegeleider"], []),
    ("Ingrid Bakker", "teamleider Sport en Bewegen", "Team Sport", "collega", ["mandaat"], []),
    ("Marco Janssen", "buurtsportcoach De Horst", "Sportbedrijf Voorbeeldstad", "partner", ["kennis", "verbinder"], ["financiele-situatie", "educatie"]),
    ("Fatima Ouali", "jongerenwerker", "Welzijn Voorbeeldstad", "partner", ["verbinder", "aanjager"], ["gender-sekse", "leeftijd"]),
    ("Henk Smit", "voorzitter cliëntenraad", "Cliëntenraad sociaal domein", "inwoner", ["kennis"], ["gezondheid"]),
    ("Lotte Verbeek", "bestuurslid voetbalclub VV De Horst", "VV De Horst", "partner", [], ["seksuele-orientatie"]),
    ("Kees van Dijk", "bewoner De Horst", "", "inwoner", [], ["taal-geletterdheid", "arbeidsparticipatie"]),
]


def _working_group(t: Trajectory) -> None:
    group = t.working_group
    actions.save_working_group(
        group, composition="klankbord", goal="draagvlak",
        goal_note="De werkgroep jaagt het thema aan, verbindt sport en welzijn en toetst plannen bij de klankbordgroep. Zij schrijft het beleid niet zelf.",
        answers={
            "kennis": "De buurtsportcoach en de cliëntenraad kennen de praktijk; team Sport kent de regelingen.",
            "mandaat": "De teamleider Sport en Bewegen.",
            "aanjagen": "Sanne de Vries en Fatima Ouali.",
            "energie": "Bij de buurtsportcoaches en het jongerenwerk in De Horst.",
            "divers": "Redelijk, maar niemand brengt het perspectief van uiterlijke kenmerken of sociale status in.",
            "verhouding": "De werkgroep rapporteert aan de stuurgroep Sportakkoord en deelt haar bevindingen met de afdelingen Welzijn en Financiën.",
        },
    )
    for name, role, organisation, kind, qualities, perspectives in MEMBERS:
        actions.add_member(group, name=name, role=role, organisation=organisation, kind=kind, qualities=qualities, perspectives=perspectives)
    actions.change_role(group, role="aanjager", since=dt.date(2025, 9, 1), note="Start van de werkgroep na de verkenning.")


def _participation(t: Trajectory, user) -> None:
    plan = t.participation
    actions.save_participation(
        plan, approach="behoeften",
        approach_reason="We beginnen bij wat inwoners van De Horst nodig hebben; het sportakkoord volgt daarna.",
        answers={
            "meerstemmigheid": "Naast de sportraad ook mensen die niet sporten: via wijkgesprekken op straat en bij de school.",
            "gevoeligheden": "Niemand wil als ‘probleemgroep’ worden benaderd. We vragen naar ervaringen, niet naar labels.",
            "voorbeelden": "De inspraakavond over het sportpark trok vooral clubbestuurders; het straatgesprek bij de supermarkt bereikte veel meer mensen.",
            "beleidsdoel": "Elke subsidieaanvraag laat zien hoe de club nieuwe groepen uit de wijk bereikt.",
        },
        attention={
            "usual-suspects": "We vragen de buurtsportcoach en de jongerenwerker wie we missen.",
            "uiteenlopende-input": "Vooraf een planning en duidelijke randvoorwaarden; we vertellen wat wel en niet kan.",
            "tegengestelde-belangen": "Een luistersessie met clubs en inwoners samen.",
        },
        forms=["wijkgesprekken", "luistersessies", "rondetafelgesprekken"],
    )
    actions.add_activity(plan, form="wijkgesprekken", title="Wijkgesprek bij winkelcentrum De Horst", date=dt.date(2025, 10, 11),
                         notes="Vier ambtenaren, twee uur, 38 gesprekken. Vooral kosten en vervoer genoemd.")
    actions.add_activity(plan, form="luistersessies", title="Luistersessie met meiden van 12 tot 16", date=dt.date(2026, 2, 5))
    from mia.demo.mia_example import find_demo as find_demo_mia

    mia = find_demo_mia()
    if mia is not None and user is not None and rules.has_perm("assessments.view_assessment", user, mia):
        actions.add_activity(plan, form="rondetafelgesprekken", title="MIA-dialoog over de buurthuizen", date=dt.date(2026, 3, 12),
                             notes="De MIA-dialoog over de buurthuizen ging ook over sport en bewegen in de wijk.",
                             assessment=mia, user=user)


def _monitoring(t: Trajectory) -> None:
    plan = t.monitoring
    actions.save_monitoring(
        plan,
        answers={
            "doel": "Weten of meer inwoners van De Horst zich welkom voelen bij sport en bewegen, en wie nog afhaakt.",
            "doel-waarom": "Need to know: het aandeel dat zich welkom voelt. Nice to know: ledenaantallen per club.",
            "doel-inwoner": "Ja, via de wijkpeiling en luistersessies met inwoners die niet sporten.",
            "doel-primair": "De buurtsportcoaches helpen de vragen te maken en duiden de uitkomsten.",
            "outcome": "Meer inwoners voelen zich welkom en sporten of bewegen wekelijks, ook met een beperking.",
            "dagelijks-leven": "Meiden blijven na hun veertiende bij de club; ouderen wandelen in de beweeggroep van het wijkcentrum.",
            "in-kaart": "Jaarlijkse wijkpeiling, de gezondheidsmonitor van de GGD en korte vragen op het sportpark.",
        },
        tips={
            "met-mate": {"done": True, "note": "Twee outcome-indicatoren en één output-indicator, niet meer."},
            "context": {"done": True, "note": "Discriminatie op het veld vragen we niet met een enquête maar in luistersessies."},
            "samen": {"done": True, "note": "De indicatoren zijn met de werkgroep en de sportraad gekozen."},
            "startpunt": {"done": False, "note": "Elke meting bespreken we in de werkgroep vóór we conclusies trekken."},
        },
    )
    welcome = actions.add_goal(plan, kind="outcome", text="Inwoners van De Horst voelen zich welkom bij sport en bewegen")
    disabled = actions.add_goal(plan, kind="outcome", text="Meer inwoners met een beperking sporten of bewegen wekelijks")
    clubs = actions.add_goal(plan, kind="output", text="Vier sportclubs in De Horst werken met een plan voor een open clubsfeer",
                             contributes_to=welcome, assumption="Wie zich welkom voelt, blijft lid en neemt anderen mee.")
    actions.add_goal(plan, kind="activiteit", text="Training ‘inclusieve sportclub’ voor besturen en trainers", contributes_to=clubs,
                     assumption="Trainers willen het wel, maar weten niet hoe.")
    actions.add_goal(plan, kind="output", text="Toeslag aangepast sporten ook voor clubs zonder G-afdeling", contributes_to=disabled)

    first = actions.add_indicator(
        plan, name="Inwoners van De Horst die zich welkom voelen bij een sportclub", kind="outcome", goal=welcome,
        source="eigen", source_note="Wijkpeiling, vraag 12", unit="%", direction="hoger", target=Decimal("60"),
    )
    for day, value, note in [
        (dt.date(2024, 3, 1), "41", "Nulmeting."),
        (dt.date(2025, 3, 1), "46", "Na de eerste wijkgesprekken."),
        (dt.date(2026, 3, 1), "52", "Twee clubs volgden de training. Bij meiden van 12 tot 16 geen stijging."),
    ]:
        actions.add_measurement(first, measured_on=day, value=Decimal(value), note=note)
    second = actions.add_indicator(
        plan, name="Inwoners met een beperking die wekelijks sporten of bewegen", kind="outcome", goal=disabled,
        source="ggd", source_note="Gezondheidsmonitor volwassenen, wijk De Horst", unit="%", direction="hoger", target=Decimal("40"),
    )
    for day, value, note in [
        (dt.date(2023, 10, 1), "28", ""),
        (dt.date(2024, 10, 1), "31", ""),
        (dt.date(2025, 10, 1), "33.5", "De nieuwe kleedkamers zijn toegankelijk; het vervoer blijft een drempel."),
    ]:
        actions.add_measurement(second, measured_on=day, value=Decimal(value), note=note)
    actions.add_qualitative(
        plan, kind="interview", held_on=dt.date(2026, 3, 20), indicator=first,
        summary="Zes interviews met meiden van 13 tot 16: ze voelen zich welkom op de training, maar niet in de kantine en de kleedkamer.",
    )
