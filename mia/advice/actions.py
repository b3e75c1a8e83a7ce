"""Every write of advisory bodies and their advice, one function per action. Each checks the domain
rule, writes in a short transaction and returns; a broken rule raises ``AdviceError`` with a Dutch
message the page shows as it is. Access (who may call these) is checked by the views (``access.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import rules
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mia.advice import flows, voting
from mia.advice.content import content, mandate, mandates, template
from mia.advice.models import (
    CLOSED_STATUSES,
    Body,
    CircleInput,
    CircleMode,
    Decision,
    Evaluation,
    Expert,
    ExpertInput,
    ExpertKind,
    ExportFile,
    FlowRule,
    Item,
    ItemKind,
    ItemStatus,
    Meeting,
    Member,
    MemberRole,
    PracticeCircle,
    Story,
    Structure,
    Subcommittee,
    Trajectory,
    TrajectoryStatus,
    Vote,
    VoteChoice,
)

# A "weloverwogen reactie" is more than a word: at least this many characters.
MIN_CONSIDERED_RESPONSE = 40
MAX_VOTERS = 200
MIN_CARDS_FOR_THEMES = 5


class AdviceError(Exception):
    """A rule of advisory bodies was broken; the message is Dutch and shown as is."""


def _unique(save, message: str):
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:
        raise AdviceError(message) from None


def _today() -> dt.date:
    return timezone.localdate()


# --- structure and template -------------------------------------------------------------------------


@transaction.atomic
def create_structure(user, organisation, name: str, *, template_key: str = "", description: str = "", uid=None,
                     programme=None, workspace=None) -> Structure:
    """A new structure, empty or from one of the seed's templates (``data/structures-v1.json``)."""
    name = (name or "").strip()
    if not name:
        raise AdviceError(_("Geef de adviesstructuur een naam."))
    tpl = None
    if template_key:
        tpl = template(template_key)
        if tpl is None:
            raise AdviceError(_("Dit sjabloon bestaat niet."))
    if programme is not None and programme.organisation_id != organisation.pk:
        raise AdviceError(_("Dit dialoogprogramma hoort bij een andere organisatie."))
    if workspace is not None and workspace.organisation_id != organisation.pk:
        raise AdviceError(_("Deze werkruimte hoort bij een andere organisatie."))
    structure = Structure.objects.create(
        **({"uid": uid} if uid else {}), organisation=organisation, name=name,
        description=description or (tpl["description"] if tpl else ""), template_key=template_key,
        flow_note=tpl["flow_note"] if tpl else "", programme=programme, workspace=workspace, created_by=user,
        content_version=content()["version"],
    )
    if tpl:
        _apply_template(structure, tpl)
    return structure


def _apply_template(structure: Structure, tpl: dict) -> None:
    bodies = {}
    for position, b in enumerate(tpl["bodies"]):
        m = mandates()[b["mandate"]]
        bodies[b["key"]] = Body.objects.create(
            structure=structure, key=b["key"], name=b["name"], description=b["description"], mandate=b["mandate"],
            response_days=m["response_days"], meeting_rhythm=b["meeting_rhythm"], meetings_per_year=b["meetings_per_year"],
            decision_rule=b.get("decision_rule", voting.DEFAULT_RULE), position=position,
        )
    for f in tpl["flows"]:
        for kind in f["kinds"]:
            FlowRule.objects.create(structure=structure, sender=bodies[f["from"]], receiver=bodies[f["to"]], kind=kind,
                                    text=f["text"], reconstructed=f.get("reconstructed", False))
    first = bodies[tpl["bodies"][0]["key"]]
    for s in tpl["secretariat"]:
        Member.objects.create(body=first, name=s["name"], organisation="", role=s["role"])
    for s in tpl["subcommittees"]:
        Subcommittee.objects.create(body=first, name=s["name"], subject=s["subject"])
    if tpl["key"] == "impactteam":
        data = content()
        for e in data["fixed_experts"]:
            Expert.objects.create(structure=structure, kind=ExpertKind.FIXED, organisation=e["organisation"])
        for position, c in enumerate(data["practice_circles"]):
            PracticeCircle.objects.create(structure=structure, name=c["name"], possible=c["possible"], position=position)


def update_structure(structure: Structure, *, name: str, description: str = "", flow_note: str = "") -> Structure:
    if not name.strip():
        raise AdviceError(_("Geef de adviesstructuur een naam."))
    structure.name, structure.description, structure.flow_note = name.strip(), description, flow_note
    structure.save(update_fields=["name", "description", "flow_note", "updated_at"])
    return structure


def delete_structure(structure: Structure, typed_name: str) -> None:
    if typed_name.strip() != structure.name:
        raise AdviceError(_("Typ de naam precies over om de adviesstructuur te verwijderen."))
    with transaction.atomic():
        Item.objects.filter(structure=structure).delete()
        Trajectory.objects.filter(structure=structure).delete()
        structure.delete()


# --- bodies, members, subcommittees, meetings -------------------------------------------------------


def _check_mandate(key: str) -> None:
    if key not in mandates():
        raise AdviceError(_("Kies een mandaat uit de lijst."))


def _check_rule(rule: str) -> None:
    if rule not in voting.RULES:
        raise AdviceError(_("Kies een besluitregel uit de lijst."))


def add_body(structure: Structure, *, name: str, mandate_key: str, description: str = "", meeting_rhythm: str = "",
             meetings_per_year: int = 0, response_days: int | None = None, decision_rule: str = voting.DEFAULT_RULE,
             quorum: int | None = None) -> Body:
    from django.utils.text import slugify

    name = name.strip()
    if not name:
        raise AdviceError(_("Geef het orgaan een naam."))
    _check_mandate(mandate_key)
    _check_rule(decision_rule)
    if response_days is None:
        response_days = mandates()[mandate_key]["response_days"]
    base = slugify(name)[:30] or "orgaan"
    key, n = base, 1
    while structure.bodies.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    position = (structure.bodies.aggregate(m=Max("position"))["m"] or 0) + 1
    return _unique(lambda: Body.objects.create(
        structure=structure, key=key, name=name, description=description, mandate=mandate_key, response_days=response_days,
        meeting_rhythm=meeting_rhythm, meetings_per_year=meetings_per_year, decision_rule=decision_rule, quorum=quorum,
        position=position,
    ), _("Er is al een orgaan met deze naam."))


def update_body(body: Body, **fields) -> Body:
    if "mandate" in fields:
        _check_mandate(fields["mandate"])
    if "decision_rule" in fields:
        _check_rule(fields["decision_rule"])
    if "name" in fields and not fields["name"].strip():
        raise AdviceError(_("Geef het orgaan een naam."))
    quorum = fields.get("quorum")
    if quorum is not None and quorum > voting_members(body).count():
        raise AdviceError(_("Het quorum is groter dan het aantal stemgerechtigde leden (%(n)d).") % {"n": voting_members(body).count()})
    for name, value in fields.items():
        setattr(body, name, value)
    return _unique(lambda: (body.save(), body)[1], _("Er is al een orgaan met deze naam."))


def voting_members(body: Body):
    return body.members.filter(role__in=[MemberRole.CHAIR, MemberRole.MEMBER], erased_at__isnull=True)


def add_member(body: Body, *, name: str, role: str = MemberRole.MEMBER, organisation: str = "", term_start=None,
               term_end=None, contact: str = "", user=None) -> Member:
    name = name.strip()
    if not name:
        raise AdviceError(_("Vul de naam van het lid in."))
    if role not in MemberRole.values:
        raise AdviceError(_("Kies een rol uit de lijst."))
    if term_start and term_end and term_end < term_start:
        raise AdviceError(_("De termijn eindigt vóór hij begint."))
    if role == MemberRole.CHAIR and body.members.filter(role=MemberRole.CHAIR, erased_at__isnull=True).exists():
        raise AdviceError(_("Dit orgaan heeft al een voorzitter."))
    if user is not None and body.members.filter(user=user).exists():
        raise AdviceError(_("Dit account is al gekoppeld aan een lid van dit orgaan."))
    return Member.objects.create(body=body, name=name, role=role, organisation=organisation, term_start=term_start,
                                 term_end=term_end, contact=contact, user=user)


def remove_member(member: Member) -> None:
    """A member who leaves: removed, or (when they voted or hold the pen) kept as a name-less record."""
    if member.votes_cast.exists():
        erase_member(member)
        return
    member.delete()


def erase_member(member: Member) -> None:
    member.name = _("Voormalig lid %(n)d") % {"n": member.pk}
    member.organisation = member.contact = ""
    member.user = None
    member.erased_at = timezone.now()
    member.save(update_fields=["name", "organisation", "contact", "user", "erased_at"])


def add_subcommittee(body: Body, *, name: str, subject: str, members: Iterable[Member]) -> Subcommittee:
    members = list(members)
    _check_subcommittee(body, members)
    if not name.strip() or not subject.strip():
        raise AdviceError(_("Geef de subcommissie een naam en een onderwerp."))
    with transaction.atomic():
        sub = _unique(lambda: Subcommittee.objects.create(body=body, name=name.strip(), subject=subject.strip()),
                      _("Er is al een subcommissie met deze naam."))
        sub.members.set(members)
    return sub


def set_subcommittee_members(sub: Subcommittee, members: Iterable[Member]) -> Subcommittee:
    members = list(members)
    _check_subcommittee(sub.body, members)
    sub.members.set(members)
    return sub


def _check_subcommittee(body: Body, members: list[Member]) -> None:
    if any(m.body_id != body.pk for m in members):
        raise AdviceError(_("Een subcommissie bestaat uit leden van het eigen orgaan."))
    if len([m for m in members if m.votes]) < 2:
        raise AdviceError(_("Een subcommissie bestaat uit twee of meer leden (het secretariaat telt niet mee)."))


def add_meeting(body: Body, *, held_on: dt.date, regular: bool = True, agenda: str = "", minutes: str = "") -> Meeting:
    if held_on is None:
        raise AdviceError(_("Vul de datum van de vergadering in."))
    return Meeting.objects.create(body=body, held_on=held_on, regular=regular, agenda=agenda, minutes=minutes)


# --- the flow matrix and the items ------------------------------------------------------------------


def matrix(structure: Structure) -> flows.Matrix:
    return flows.Matrix(structure.flow_rules.values_list("sender_id", "receiver_id", "kind"))


def add_flow(structure: Structure, *, sender: Body, receiver: Body, kind: str, text: str = "") -> FlowRule:
    if sender.structure_id != structure.pk or receiver.structure_id != structure.pk:
        raise AdviceError(_("Kies twee organen van deze adviesstructuur."))
    if sender.pk == receiver.pk:
        raise AdviceError(_("Een orgaan stuurt niets naar zichzelf: kies twee verschillende organen."))
    if kind not in ItemKind.values:
        raise AdviceError(_("Kies een soort uit de lijst."))
    return _unique(lambda: FlowRule.objects.create(structure=structure, sender=sender, receiver=receiver, kind=kind, text=text),
                   _("Deze stroom staat al in de matrix."))


def remove_flow(rule: FlowRule) -> None:
    rule.delete()


def send_item(structure: Structure, user, *, sender: Body, receiver: Body, kind: str, title: str, text: str = "",
              sent_on: dt.date | None = None, due_on: dt.date | None = None, trajectory: Trajectory | None = None) -> Item:
    """Send an item along the matrix; anything the matrix does not allow is refused."""
    if sender.structure_id != structure.pk or receiver.structure_id != structure.pk:
        raise AdviceError(_("Kies twee organen van deze adviesstructuur."))
    if kind not in ItemKind.values:
        raise AdviceError(_("Kies een soort uit de lijst."))
    if not title.strip():
        raise AdviceError(_("Geef het stuk een onderwerp."))
    if not matrix(structure).allows(sender.pk, receiver.pk, kind):
        allowed = matrix(structure).kinds(sender.pk, receiver.pk)
        label = ItemKind(kind).label
        if allowed:
            raise AdviceError(_("Van %(s)s naar %(r)s mag geen %(k)s. De matrix staat hier alleen toe: %(a)s.") % {
                "s": sender.name, "r": receiver.name, "k": label.lower(),
                "a": ", ".join(str(ItemKind(a).label).lower() for a in allowed)})
        raise AdviceError(_("Van %(s)s naar %(r)s loopt geen stroom in de matrix. Er kan niets worden verzonden.") % {
            "s": sender.name, "r": receiver.name})
    sent_on = sent_on or _today()
    if due_on is not None and due_on < sent_on:
        raise AdviceError(_("De reactiedatum ligt vóór de verzenddatum."))
    m = mandate(sender.mandate)
    due = flows.due_date(sent_on, kind, m, days=sender.response_days, asked=due_on)
    return Item.objects.create(
        structure=structure, sender=sender, receiver=receiver, kind=kind, title=title.strip(), text=text, sent_on=sent_on,
        due_on=due, needs_response=flows.needs_response(kind, m), binding=flows.is_binding(kind, m),
        trajectory=trajectory, sent_by=user,
    )


def respond_item(item: Item, *, status: str, response: str = "", reason: str = "", on: dt.date | None = None) -> Item:
    if status not in ItemStatus.values:
        raise AdviceError(_("Kies een status uit de lijst."))
    if item.is_closed:
        raise AdviceError(_("Op dit stuk is al gereageerd. De reactie blijft staan zoals ze is."))
    response, reason = response.strip(), reason.strip()
    if status in CLOSED_STATUSES:
        if item.needs_response and len(response) < MIN_CONSIDERED_RESPONSE:
            raise AdviceError(_("Het mandaat van %(s)s vraagt een weloverwogen reactie: schrijf op wat u met dit stuk doet en "
                                "waarom (ten minste %(n)d tekens).") % {"s": item.sender.name, "n": MIN_CONSIDERED_RESPONSE})
        if status == ItemStatus.NOT_ADOPTED:
            if item.binding:
                raise AdviceError(_("Dit stuk is bindend: het moet worden overgenomen (of omgezet in beleid)."))
            if not reason:
                raise AdviceError(_("Geef de reden waarom het stuk niet is overgenomen."))
        item.responded_on = on or _today()
        if item.responded_on < item.sent_on:
            raise AdviceError(_("De reactiedatum ligt vóór de verzenddatum."))
    item.status, item.response, item.reason = status, response, reason
    item.save(update_fields=["status", "response", "reason", "responded_on"])
    return item


def timeline(structure: Structure):
    return structure.items.select_related("sender", "receiver", "trajectory").order_by("-sent_on", "-pk")


# --- trajectories -----------------------------------------------------------------------------------


def create_trajectory(structure: Structure, *, body: Body, title: str, request_kind: str = "gevraagd", subject_kind: str = "maatregel",
                      question: str = "", theme: str = "", measures: Iterable = (), weighing=None, request_item: Item | None = None,
                      receiver: Body | None = None, penvoerder: Member | None = None) -> Trajectory:
    if body.structure_id != structure.pk or (receiver is not None and receiver.structure_id != structure.pk):
        raise AdviceError(_("Kies organen van deze adviesstructuur."))
    if not title.strip():
        raise AdviceError(_("Geef het adviestraject een titel."))
    measures = list(measures)
    if any(m.workspace_id != getattr(structure.workspace, "pk", None) for m in measures):
        raise AdviceError(_("Kies fiches uit de gekoppelde werkruimte van het impactteam."))
    if weighing is not None and weighing.workspace_id != getattr(structure.workspace, "pk", None):
        raise AdviceError(_("Kies een weging uit de gekoppelde werkruimte van het impactteam."))
    if request_item is not None and (request_item.structure_id != structure.pk or request_item.kind != ItemKind.QUESTION
                                     or request_item.receiver_id != body.pk):
        raise AdviceError(_("Kies een adviesvraag die aan dit orgaan is gesteld."))
    if request_kind == "gevraagd" and request_item is not None and not question:
        question = request_item.text or request_item.title
    if penvoerder is not None and penvoerder.body_id != body.pk:
        raise AdviceError(_("De penvoerder komt uit het secretariaat of de leden van het adviserende orgaan."))
    with transaction.atomic():
        number = (structure.trajectories.aggregate(n=Max("number"))["n"] or 0) + 1
        t = Trajectory.objects.create(
            structure=structure, body=body, number=number, title=title.strip(), request_kind=request_kind, subject_kind=subject_kind,
            question=question, theme=theme, weighing=weighing, request_item=request_item,
            receiver=receiver or (request_item.sender if request_item else None), penvoerder=penvoerder,
        )
        t.measures.set(measures)
        if request_item is not None and request_item.status == ItemStatus.SENT:
            Item.objects.filter(pk=request_item.pk).update(status=ItemStatus.IN_PROGRESS, trajectory=t)
    return t


def set_penvoerder(trajectory: Trajectory, member: Member | None) -> Trajectory:
    if member is not None and member.body_id != trajectory.body_id:
        raise AdviceError(_("De penvoerder komt uit het secretariaat of de leden van het adviserende orgaan."))
    trajectory.penvoerder = member
    trajectory.save(update_fields=["penvoerder", "updated_at"])
    return trajectory


def _open(trajectory: Trajectory) -> None:
    if trajectory.status == TrajectoryStatus.ISSUED:
        raise AdviceError(_("Dit advies is uitgebracht; het traject verandert niet meer."))


def add_expert(structure: Structure, *, organisation: str, name: str = "", kind: str = ExpertKind.POOL, area: str = "",
               contact: str = "") -> Expert:
    if not organisation.strip():
        raise AdviceError(_("Vul de organisatie of het instituut van de expert in."))
    if kind not in ExpertKind.values:
        raise AdviceError(_("Kies een soort expert uit de lijst."))
    if kind == ExpertKind.POOL and area not in content()["expert_areas"] and not area.strip():
        raise AdviceError(_("Kies het aandachtsgebied van de expert."))
    return Expert.objects.create(structure=structure, kind=kind, name=name.strip(), organisation=organisation.strip(),
                                 area=area.strip(), contact=contact)


def erase_expert(expert: Expert) -> None:
    expert.name = ""
    expert.contact = ""
    expert.erased_at = timezone.now()
    expert.save(update_fields=["name", "contact", "erased_at"])


def record_expert_input(trajectory: Trajectory, *, expert: Expert, summary: str, asked_on=None, received_on=None,
                        how_weighed: str = "") -> ExpertInput:
    _open(trajectory)
    if expert.structure_id != trajectory.structure_id:
        raise AdviceError(_("Kies een expert van deze adviesstructuur."))
    if not summary.strip():
        raise AdviceError(_("Schrijf de inbreng van de expert op."))
    if asked_on and received_on and received_on < asked_on:
        raise AdviceError(_("De inbreng is ontvangen vóór hij is gevraagd."))
    obj, _created = ExpertInput.objects.update_or_create(
        trajectory=trajectory, expert=expert,
        defaults={"summary": summary.strip(), "asked_on": asked_on, "received_on": received_on, "how_weighed": how_weighed},
    )
    return obj


def add_circle(structure: Structure, *, name: str, possible: bool = False, description: str = "") -> PracticeCircle:
    if not name.strip():
        raise AdviceError(_("Geef de praktijkkring een naam."))
    position = (structure.circles.aggregate(m=Max("position"))["m"] or 0) + 1
    return _unique(lambda: PracticeCircle.objects.create(structure=structure, name=name.strip(), possible=possible,
                                                         description=description, position=position),
                   _("Er is al een praktijkkring met deze naam."))


def record_circle_input(trajectory: Trajectory, user, *, circle: PracticeCircle, mode: str = CircleMode.MEETING, summary: str = "",
                        held_on=None, how_weighed: str = "", session=None) -> CircleInput:
    _open(trajectory)
    if circle.structure_id != trajectory.structure_id:
        raise AdviceError(_("Kies een praktijkkring van deze adviesstructuur."))
    if mode not in CircleMode.values:
        raise AdviceError(_("Kies een vorm uit de lijst."))
    if mode == CircleMode.LIVE:
        if session is None:
            raise AdviceError(_("Kies de live sessie waarin de praktijkkring is gehouden."))
        if session.assessment.organisation_id != trajectory.structure.organisation_id or not rules.has_perm(
                "assessments.view_assessment", user, session.assessment):
            raise AdviceError(_("Deze sessie hoort bij een MIA die u niet kunt zien."))
    elif not summary.strip():
        raise AdviceError(_("Schrijf de inbreng van de praktijkkring op."))
    obj, _created = CircleInput.objects.update_or_create(
        trajectory=trajectory, circle=circle,
        defaults={"mode": mode, "summary": summary.strip(), "held_on": held_on, "how_weighed": how_weighed,
                  "session": session if mode == CircleMode.LIVE else None},
    )
    if obj.session_id:
        attach_session_cards(obj)
    return obj


def linkable_sessions(structure: Structure, user):
    """Live sessions of MIAs of the structure's organisation that this user may see."""
    from mia.dialogues.models import DialogueSession

    sessions = DialogueSession.objects.filter(assessment__organisation=structure.organisation).select_related("assessment")
    return [s for s in sessions.order_by("-pk")[:200] if rules.has_perm("assessments.view_assessment", user, s.assessment)]


def attach_session_cards(circle_input: CircleInput) -> CircleInput:
    """Copy the session's cards (of participants who consented and did not withdraw) and their themes."""
    from mia.analysis.themes import ThemeInputError, find_themes
    from mia.dialogues.models import ConclusionCard

    _open(circle_input.trajectory)
    if circle_input.session_id is None:
        raise AdviceError(_("Deze inbreng is niet aan een live sessie gekoppeld."))
    # Paper cards (no participant) count; phone cards only of participants who consented and did not withdraw.
    cards = (ConclusionCard.objects.filter(round__session_id=circle_input.session_id)
             .exclude(participant__consent_refused_at__isnull=False)
             .exclude(source="telefoon", participant__consent_given_at__isnull=True)
             .exclude(text="").order_by("round__position", "pk")[:2000])
    texts = [{"kind": c.kind, "topic": c.topic, "text": c.text} for c in cards]
    themes = []
    if len(texts) >= MIN_CARDS_FOR_THEMES:
        try:
            found = find_themes([t["text"] for t in texts], seed=0, method="tfidf")
            themes = [{"label": th.label, "size": th.size} for th in found.themes if not th.is_other][:8]
        except ThemeInputError:
            themes = []
    circle_input.cards, circle_input.themes = texts, themes
    circle_input.save(update_fields=["cards", "themes"])
    return circle_input


def add_story(trajectory: Trajectory, *, title: str, text: str, consent: bool, teller: str = "", circle=None,
              consent_on=None) -> Story:
    _open(trajectory)
    if not consent:
        raise AdviceError(_("Een verhaal wordt alleen bewaard met toestemming van wie het vertelt."))
    if not title.strip() or not text.strip():
        raise AdviceError(_("Geef het verhaal een titel en schrijf het op."))
    if circle is not None and circle.structure_id != trajectory.structure_id:
        raise AdviceError(_("Kies een praktijkkring van deze adviesstructuur."))
    return Story.objects.create(trajectory=trajectory, title=title.strip(), text=text.strip(), teller=teller.strip(), circle=circle,
                                consent_on=consent_on or _today())


def withdraw_story(story: Story) -> Story:
    """The teller withdrew consent: the story is emptied and no longer shown."""
    story.text = ""
    story.teller = ""
    story.withdrawn_at = timezone.now()
    story.save(update_fields=["text", "teller", "withdrawn_at"])
    return story


def checklist(trajectory: Trajectory) -> list[dict]:
    """The fixed elements of an advice trajectory (werkprogramma §4.4), each with whether it is done."""
    experts = trajectory.expert_inputs.select_related("expert")
    fixed = [e for e in experts if e.expert.kind == ExpertKind.FIXED]
    pool = [e for e in experts if e.expert.kind == ExpertKind.POOL]
    circles = trajectory.circle_inputs.count()
    decision = trajectory.decisions.first()
    return [
        {"key": "experts", "label": _("Experts geraadpleegd (vaste experts of pool)"), "done": bool(fixed or pool),
         "detail": _("%(f)d vaste experts, %(p)d uit de pool") % {"f": len(fixed), "p": len(pool)}},
        {"key": "circles", "label": _("Praktijkkringen geraadpleegd"), "done": circles > 0 or bool(trajectory.circles_note.strip()),
         "detail": _("%(n)d praktijkkringen") % {"n": circles} if circles else trajectory.circles_note},
        {"key": "penvoerder", "label": _("Penvoerder gekozen"), "done": trajectory.penvoerder_id is not None,
         "detail": str(trajectory.penvoerder or "")},
        {"key": "text", "label": _("Conceptadvies geschreven"), "done": bool(trajectory.advice_text.strip()), "detail": ""},
        {"key": "decision", "label": _("Besluit genomen (meerderheid)"), "done": bool(decision and decision.result == voting.ADOPTED),
         "detail": decision_label(decision) if decision else ""},
    ]


def set_no_circles(trajectory: Trajectory, note: str) -> Trajectory:
    _open(trajectory)
    trajectory.circles_note = note.strip()
    trajectory.save(update_fields=["circles_note", "updated_at"])
    return trajectory


def write_advice(trajectory: Trajectory, *, summary: str = "", advice_text: str = "", considerations: str = "") -> Trajectory:
    _open(trajectory)
    trajectory.summary, trajectory.advice_text, trajectory.considerations = summary, advice_text, considerations
    trajectory.save(update_fields=["summary", "advice_text", "considerations", "updated_at"])
    return trajectory


# --- decisions by majority --------------------------------------------------------------------------

VOTE_MESSAGES = {
    "not-a-member": gettext_lazy("Alleen stemgerechtigde leden van het adviserende orgaan kunnen aanwezig zijn en stemmen."),
    "absent-voter": gettext_lazy("Wie stemt, moet aanwezig zijn (of schriftelijk meedoen). Vink die leden aan als aanwezig."),
    "missing-vote": gettext_lazy("Elk aanwezig lid stemt: voor, tegen of onthouding."),
    "bad-choice": gettext_lazy("Kies voor, tegen of onthouding."),
    "bad-quorum": gettext_lazy("Het quorum van het orgaan past niet bij het aantal leden."),
    "unknown-rule": gettext_lazy("De besluitregel van het orgaan is onbekend."),
}


def record_decision(trajectory: Trajectory, user, *, held_on: dt.date, present: Iterable[Member],
                    votes: Mapping[int, Mapping], mode: str = "mondeling", draft: str = "", meeting: Meeting | None = None) -> Decision:
    """Record a vote on the draft advice. ``votes``: member id → {"choice", "reason", "minority_opinion", "in_advice"}."""
    _open(trajectory)
    body = trajectory.body
    members = list(voting_members(body))
    if len(members) > MAX_VOTERS:
        raise AdviceError(_("Dit orgaan heeft te veel leden om hier te stemmen."))
    present = list(present)
    if not present:
        raise AdviceError(_("Vink aan wie er aanwezig waren (of schriftelijk meededen)."))
    if mode not in ("mondeling", "schriftelijk"):
        raise AdviceError(_("Kies mondeling of schriftelijk."))
    if held_on is None:
        raise AdviceError(_("Vul de datum van het besluit in."))
    if meeting is not None and meeting.body_id != body.pk:
        raise AdviceError(_("Kies een vergadering van het adviserende orgaan."))
    choices = {int(k): v.get("choice") for k, v in votes.items() if v.get("choice")}
    try:
        outcome = voting.decide(choices, members=[m.pk for m in members], present=[m.pk for m in present], rule=body.decision_rule,
                                quorum=body.quorum)
    except voting.VoteError as error:
        raise AdviceError(str(VOTE_MESSAGES.get(error.code, _("De stemming klopt niet.")))) from None
    for member_id, choice in choices.items():
        v = votes[member_id]
        if choice == VoteChoice.AGAINST and not (v.get("reason") or "").strip():
            raise AdviceError(_("Wie tegen stemt, geeft een reden. Die komt in het verslag."))
        if v.get("in_advice") and not (v.get("minority_opinion") or "").strip():
            raise AdviceError(_("Schrijf het minderheidsstandpunt op dat in het advies moet komen."))
        if v.get("in_advice") and choice == VoteChoice.FOR:
            raise AdviceError(_("Een minderheidsstandpunt is van wie tegen stemde of zich onthield."))
    with transaction.atomic():
        decision = Decision.objects.create(
            trajectory=trajectory, meeting=meeting, mode=mode, held_on=held_on, draft=draft or trajectory.advice_text,
            rule=body.decision_rule, quorum=outcome.quorum, members_count=outcome.members, result=outcome.result,
            votes_for=outcome.for_, votes_against=outcome.against, abstentions=outcome.abstain,
            full_attendance=outcome.full_attendance, unanimous=outcome.unanimous, recorded_by=user,
        )
        decision.present.set(present)
        Vote.objects.bulk_create(
            Vote(decision=decision, member_id=member_id, choice=choice, reason=(votes[member_id].get("reason") or "").strip(),
                 minority_opinion=(votes[member_id].get("minority_opinion") or "").strip(),
                 in_advice=bool(votes[member_id].get("in_advice")))
            for member_id, choice in choices.items()
        )
        status = TrajectoryStatus.DECIDED if outcome.adopted else TrajectoryStatus.OPEN
        Trajectory.objects.filter(pk=trajectory.pk).update(status=status)
        trajectory.status = status
    return decision


def decision_label(decision: Decision | None) -> str:
    if decision is None:
        return ""
    labels = {
        voting.ADOPTED: _("aangenomen"), voting.REJECTED: _("verworpen"), voting.NO_MAJORITY: _("geen meerderheid"),
        voting.NO_QUORUM: _("geen quorum: geen geldig besluit"),
    }
    parts = [labels.get(decision.result, decision.result),
             _("%(f)d voor, %(a)d tegen, %(o)d onthouding") % {"f": decision.votes_for, "a": decision.votes_against, "o": decision.abstentions},
             _("unaniem") if decision.unanimous else _("niet unaniem"),
             _("voltallig") if decision.full_attendance else _("niet voltallig")]
    return " · ".join(str(p) for p in parts)


def minority_opinions(trajectory: Trajectory) -> list[Vote]:
    decision = trajectory.decisions.filter(result=voting.ADOPTED).first()
    if decision is None:
        return []
    return list(decision.votes.filter(in_advice=True).select_related("member"))


def issue_advice(trajectory: Trajectory, user, *, on: dt.date | None = None, public: bool = False) -> Trajectory:
    """Issue the advice: the fixed elements must be done; it goes to the receiver along the matrix."""
    _open(trajectory)
    missing = [c["label"] for c in checklist(trajectory) if not c["done"] and c["key"] != "penvoerder"]
    if missing:
        raise AdviceError(_("Het advies kan nog niet worden uitgebracht. Nog te doen: %(m)s.") % {"m": "; ".join(str(m) for m in missing)})
    on = on or _today()
    with transaction.atomic():
        if trajectory.receiver_id:
            send_item(trajectory.structure, user, sender=trajectory.body, receiver=trajectory.receiver, kind=ItemKind.ADVICE,
                      title=trajectory.title, text=trajectory.summary or trajectory.advice_text[:2000], sent_on=on, trajectory=trajectory)
        if trajectory.request_item_id:
            Item.objects.filter(pk=trajectory.request_item_id, status__in=[ItemStatus.SENT, ItemStatus.IN_PROGRESS]).update(
                status=ItemStatus.ANSWERED, responded_on=on, response=_("Beantwoord met advies %(c)s.") % {"c": trajectory.code})
        trajectory.status, trajectory.issued_on, trajectory.public = TrajectoryStatus.ISSUED, on, public
        trajectory.save(update_fields=["status", "issued_on", "public", "updated_at"])
    return trajectory


def public_register(structure: Structure):
    return structure.trajectories.filter(status=TrajectoryStatus.ISSUED, public=True).select_related("body", "receiver").order_by("-issued_on", "-number")


# --- evaluation -------------------------------------------------------------------------------------


def save_evaluation(body: Body, *, answers: Mapping[str, str], stakeholders: Iterable[str], due_on=None,
                    commissioned_by: str = "") -> Evaluation:
    data = content()["evaluation"]
    aspects = {a["key"] for a in data["aspects"]}
    unknown = [k for k in answers if k not in aspects]
    stakeholders = list(dict.fromkeys(stakeholders))
    if unknown or any(s not in data["stakeholders"] for s in stakeholders):
        raise AdviceError(_("Kies onderdelen en groepen uit de lijst."))
    evaluation, _created = Evaluation.objects.update_or_create(
        body=body, defaults={"answers": {k: v for k, v in answers.items() if v.strip()}, "stakeholders": stakeholders,
                             "due_on": due_on, "commissioned_by": commissioned_by},
    )
    return evaluation


# --- members drawn by a fair panel selection ------------------------------------------------------


def selections_for(structure: Structure, user):
    """Panel selections of MIAs of the structure's organisation that this user may see."""
    from mia.panels.models import PanelSelection

    selections = PanelSelection.objects.filter(pool__assessment__organisation=structure.organisation).select_related("pool__assessment")
    return [s for s in selections.order_by("-created_at")[:100] if rules.has_perm("assessments.view_assessment", user, s.pool.assessment)]


@transaction.atomic
def seat_panel(body: Body, user, selection, *, term_start=None, term_end=None) -> int:
    """Seat a drawn panel as members of a body (the opgroeiberaad: "een ... wisselende representatieve en
    onafhankelijke groep"). Names come from the pool's contact data; the features describe the member."""
    if selection.pool.assessment.organisation_id != body.structure.organisation_id or not rules.has_perm(
            "assessments.view_assessment", user, selection.pool.assessment):
        raise AdviceError(_("Deze panelselectie hoort bij een MIA die u niet kunt zien."))
    ids = list(selection.result.get("panel", []))
    if not ids:
        raise AdviceError(_("Deze panelselectie heeft geen getrokken panel."))
    if term_start and term_end and term_end < term_start:
        raise AdviceError(_("De termijn eindigt vóór hij begint."))
    volunteers = {v.external_id: v for v in selection.pool.volunteers.filter(external_id__in=ids).select_related("contact")}
    added = 0
    for external_id in ids:
        v = volunteers.get(external_id)
        if v is None:
            continue
        contact = v.contact.data if hasattr(v, "contact") else {}
        name = _first(contact, ("naam", "name", "voornaam")) or _("Panellid %(id)s") % {"id": external_id}
        Member.objects.create(body=body, name=name[:200], role=MemberRole.MEMBER, term_start=term_start or _today(), term_end=term_end,
                              organisation=", ".join(f"{k}: {val}" for k, val in v.features.items())[:200],
                              contact=_first(contact, ("email", "e-mail", "mail", "telefoon", "phone"))[:200])
        added += 1
    return added


def _first(data: dict, keys) -> str:
    lowered = {str(k).lower(): v for k, v in data.items()}
    return next((str(lowered[k]) for k in keys if lowered.get(k)), "")


# --- documents made by the job queue ---------------------------------------------------------------

# An advice larger than this (characters of text and inputs, or voters) gets its PDF from the job queue.
INLINE_PDF_CHARS = 40_000
INLINE_PDF_VOTES = 40


def pdf_is_large(trajectory: Trajectory) -> bool:
    chars = len(trajectory.advice_text) + len(trajectory.considerations) + len(trajectory.summary)
    chars += sum(len(e.summary) for e in trajectory.expert_inputs.only("summary"))
    chars += sum(len(c.summary) + sum(len(x.get("text", "")) for x in c.cards) for c in trajectory.circle_inputs.only("summary", "cards"))
    chars += sum(len(s.text) for s in trajectory.stories.only("text"))
    decision = trajectory.decisions.first()
    return chars > INLINE_PDF_CHARS or bool(decision and decision.votes.count() > INLINE_PDF_VOTES)


def store_export(trajectory: Trajectory, *, filename: str, content_type: str, data: bytes, user=None) -> ExportFile:
    with transaction.atomic():
        return ExportFile.objects.create(trajectory=trajectory, filename=filename, content_type=content_type, data=data, created_by=user)
