"""JSON export and import of an advice structure, checked by a pydantic schema (Dutch error paths).

The file holds the bodies (with members, subcommittees), the flow matrix, the experts, the practice
circles and the items. Names and contacts of members and experts are personal data: they go into the
file only with ``personal_data=True`` (else members become "Lid 1", …). An import always makes a new
structure."""

from __future__ import annotations

from typing import Literal

from django.db import transaction
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mia.advice import actions, voting
from mia.advice.content import mandates
from mia.advice.models import ExpertKind, ItemKind, MemberRole, Structure
from mia.core.forms import strip_control_chars

MAX_FILE_BYTES = 5 * 1024 * 1024
Short = Field(default="", max_length=300)
Long = Field(default="", max_length=20_000)


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _clean(cls, value):
        return strip_control_chars(value) if isinstance(value, str) else value


class MemberIn(_M):
    name: str = Field(min_length=1, max_length=200)
    organisation: str = Short
    role: Literal[tuple(MemberRole.values)] = "lid"  # type: ignore[valid-type]


class SubcommitteeIn(_M):
    name: str = Field(min_length=1, max_length=200)
    subject: str = Field(min_length=1, max_length=300)
    members: list[int] = Field(default_factory=list, max_length=200)  # positions in the body's member list


class BodyIn(_M):
    key: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=1, max_length=200)
    description: str = Long
    mandate: str
    response_days: int | None = Field(default=None, ge=0, le=366)
    meeting_rhythm: str = Short
    meetings_per_year: int = Field(default=0, ge=0, le=365)
    decision_rule: Literal[voting.RULES] = voting.DEFAULT_RULE  # type: ignore[valid-type]
    quorum: int | None = Field(default=None, ge=0, le=500)
    members: list[MemberIn] = Field(default_factory=list, max_length=200)
    subcommittees: list[SubcommitteeIn] = Field(default_factory=list, max_length=50)

    @field_validator("mandate")
    @classmethod
    def _mandate(cls, value):
        if value not in mandates():
            raise ValueError(_("onbekend mandaat"))
        return value


class FlowIn(_M):
    sender: str = Field(max_length=40)
    receiver: str = Field(max_length=40)
    kind: Literal[tuple(ItemKind.values)]  # type: ignore[valid-type]
    text: str = Field(default="", max_length=1000)


class ExpertIn(_M):
    kind: Literal[tuple(ExpertKind.values)] = "pool"  # type: ignore[valid-type]
    name: str = Field(default="", max_length=200)
    organisation: str = Field(min_length=1, max_length=200)
    area: str = Field(default="", max_length=100)


class CircleIn(_M):
    name: str = Field(min_length=1, max_length=200)
    possible: bool = False
    description: str = Long


class StructureIn(_M):
    format: Literal["mia-adviesstructuur"]
    version: Literal[1]
    name: str = Field(min_length=1, max_length=200)
    description: str = Long
    flow_note: str = Long
    template_key: str = Field(default="", max_length=40)
    bodies: list[BodyIn] = Field(default_factory=list, max_length=50)
    flows: list[FlowIn] = Field(default_factory=list, max_length=2000)
    experts: list[ExpertIn] = Field(default_factory=list, max_length=2000)
    circles: list[CircleIn] = Field(default_factory=list, max_length=200)


class ExchangeError(Exception):
    """The file cannot be imported; the message is Dutch."""


def export_structure(structure: Structure, *, personal_data: bool = False) -> dict:
    bodies = []
    for b in structure.bodies.all():
        members = list(b.members.filter(erased_at__isnull=True))
        index = {m.pk: i for i, m in enumerate(members)}
        bodies.append({
            "key": b.key, "name": b.name, "description": b.description, "mandate": b.mandate, "response_days": b.response_days,
            "meeting_rhythm": b.meeting_rhythm, "meetings_per_year": b.meetings_per_year, "decision_rule": b.decision_rule,
            "quorum": b.quorum,
            "members": [{"name": m.name if personal_data else f"{m.get_role_display()} {i + 1}",
                         "organisation": m.organisation, "role": m.role} for i, m in enumerate(members)],
            "subcommittees": [{"name": s.name, "subject": s.subject, "members": [index[m.pk] for m in s.members.all() if m.pk in index]}
                              for s in b.subcommittees.all()],
        })
    keys = {b.pk: b.key for b in structure.bodies.all()}
    return {
        "format": "mia-adviesstructuur", "version": 1, "name": structure.name, "description": structure.description,
        "flow_note": structure.flow_note, "template_key": structure.template_key, "bodies": bodies,
        "flows": [{"sender": keys[r.sender_id], "receiver": keys[r.receiver_id], "kind": r.kind, "text": r.text}
                  for r in structure.flow_rules.all()],
        "experts": [{"kind": e.kind, "name": e.name if personal_data else "", "organisation": e.organisation, "area": e.area}
                    for e in structure.experts.filter(erased_at__isnull=True)],
        "circles": [{"name": c.name, "possible": c.possible, "description": c.description} for c in structure.circles.all()],
    }


def parse(raw: bytes | str) -> StructureIn:
    import json

    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise ExchangeError(_("Het bestand is te groot (hoogstens 5 MB)."))
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ExchangeError(_("Het bestand is geen UTF-8-tekst. Sla het op als JSON in UTF-8.")) from None
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, RecursionError):
        raise ExchangeError(_("Het bestand is geen geldige JSON.")) from None
    try:
        return StructureIn.model_validate(data)
    except ValidationError as error:
        issues = []
        for e in error.errors()[:10]:
            where = " › ".join(str(p) for p in e["loc"]) or _("het bestand")
            issues.append(f"{where}: {e['msg']}")
        raise ExchangeError(_("Het bestand past niet: %(issues)s") % {"issues": "; ".join(issues)}) from None


@transaction.atomic
def import_structure(raw: bytes | str, *, user, organisation) -> Structure:
    data = parse(raw)
    keys = [b.key for b in data.bodies]
    if len(set(keys)) != len(keys):
        raise ExchangeError(_("Twee organen hebben dezelfde sleutel."))
    try:
        structure = actions.create_structure(user, organisation, data.name, description=data.description)
        structure.flow_note, structure.template_key = data.flow_note, data.template_key
        structure.save(update_fields=["flow_note", "template_key"])
        bodies = {}
        for b in data.bodies:
            body = actions.add_body(structure, name=b.name, mandate_key=b.mandate, description=b.description,
                                    meeting_rhythm=b.meeting_rhythm, meetings_per_year=b.meetings_per_year,
                                    response_days=b.response_days, decision_rule=b.decision_rule)
            body.key = b.key
            body.save(update_fields=["key"])
            members = [actions.add_member(body, name=m.name, role=m.role, organisation=m.organisation) for m in b.members]
            if b.quorum is not None:
                actions.update_body(body, quorum=b.quorum)
            for s in b.subcommittees:
                if any(i >= len(members) or i < 0 for i in s.members):
                    raise ExchangeError(_("Subcommissie %(n)s noemt een lid dat er niet is.") % {"n": s.name})
                actions.add_subcommittee(body, name=s.name, subject=s.subject, members=[members[i] for i in s.members])
            bodies[b.key] = body
        for f in data.flows:
            if f.sender not in bodies or f.receiver not in bodies:
                raise ExchangeError(_("Een stroom noemt een orgaan dat er niet is: %(s)s → %(r)s.") % {"s": f.sender, "r": f.receiver})
            actions.add_flow(structure, sender=bodies[f.sender], receiver=bodies[f.receiver], kind=f.kind, text=f.text)
        for e in data.experts:
            actions.add_expert(structure, kind=e.kind, name=e.name, organisation=e.organisation, area=e.area)
        for c in data.circles:
            actions.add_circle(structure, name=c.name, possible=c.possible, description=c.description)
    except actions.AdviceError as error:
        raise ExchangeError(str(error)) from None
    return structure
