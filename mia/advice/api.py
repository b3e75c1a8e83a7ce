"""The public register of advices in the JSON API (``/api/adviezen/register/{uid}``), with its OpenAPI
schema at /api/openapi.json. Added to the one NinjaAPI of ``mia.live.api`` when the app is ready."""

from __future__ import annotations

import uuid
from datetime import date

from django.http import Http404
from ninja import Router, Schema, Status

from mia.advice.models import Structure

router = Router(tags=["adviezen"])


class RegisteredAdvice(Schema):
    code: str
    title: str
    body: str
    receiver: str | None
    request_kind: str
    subject_kind: str
    issued_on: date | None
    summary: str
    minority_opinion: bool


class Register(Schema):
    structure: str
    advices: list[RegisteredAdvice]


class Problem(Schema):
    detail: str
    code: str = "error"


@router.get("/register/{uid}", response={200: Register, 404: Problem, 422: Problem}, summary="Openbaar register van uitgebrachte adviezen")
def register(request, uid: uuid.UUID):
    from mia.advice.actions import minority_opinions, public_register

    structure = Structure.objects.filter(uid=uid).first()
    if structure is None:
        raise Http404("unknown register")
    advices = [
        RegisteredAdvice(code=t.code, title=t.title, body=t.body.name, receiver=t.receiver.name if t.receiver else None,
                         request_kind=t.request_kind, subject_kind=t.subject_kind, issued_on=t.issued_on, summary=t.summary,
                         minority_opinion=bool(minority_opinions(t)))
        for t in public_register(structure)
    ]
    return Status(200, Register(structure=structure.name, advices=advices))


def install() -> None:
    from mia.live.api import api

    if not any(prefix == "/adviezen" for prefix, _r in api._routers):
        api.add_router("/adviezen", router)
