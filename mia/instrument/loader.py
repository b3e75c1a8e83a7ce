"""Load a content data file into the database as a ``ContentVersion``."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from mia.instrument import content as content_module
from mia.instrument.models import (
    AffectedGroup,
    BankQuestion,
    ChartStatement,
    ContentVersion,
    Domain,
    ScanQuestion,
    SignalWordPair,
    StepGuide,
    Subdomain,
)

# Content that came in with an imported assessment is stored under a name of this form, never under
# the name the file claims: only an operator's `load_content` makes a global version.
IMPORTED_PREFIX = "import-"


def load_content_file(path: Path | None = None, *, activate: bool = True, keep_existing: bool = False) -> ContentVersion:
    """Load (or return the already loaded) version from a data file.

    Loading is idempotent per version string: a version that exists is never
    changed, because assessments refer to it. A file whose content differs from the
    stored version of the same name is refused (a ``ContentError``): it needs a name of its own.
    ``keep_existing`` (the demo, which loads only the bundled file) keeps the stored version then.
    """
    path = Path(path) if path else content_module.default_content_path()
    data = json.loads(path.read_text(encoding="utf-8"))
    content_module.parse_content(data)  # validates; raises ContentError with a Dutch message
    if str(data["version"]).startswith(IMPORTED_PREFIX):
        raise content_module.ContentError(
            f"Een versienaam die begint met ‘{IMPORTED_PREFIX}’ is voor inhoud uit geïmporteerde MIA's. Kies een andere naam."
        )
    with transaction.atomic():
        version = ContentVersion.objects.filter(version=data["version"]).first()
        if version is None:
            version = _create_version(data)
        elif not same_document(version.document, data) and not keep_existing:
            raise content_module.ContentError(
                f"Er is al een inhoudsversie ‘{version.version}’ met een andere inhoud. Een bestaande versie verandert "
                "nooit, omdat MIA's ernaar verwijzen. Geef dit bestand een eigen versienaam."
            )
        if activate:
            ContentVersion.objects.exclude(pk=version.pk).update(is_active=False)
            if not version.is_active:
                version.is_active = True
                version.save(update_fields=["is_active"])
    return version


def document_digest(document: dict) -> str:
    """A fingerprint of a content document that does not depend on key order or spacing."""
    import hashlib

    return hashlib.sha256(json.dumps(document, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def same_document(a: dict, b: dict) -> bool:
    return document_digest(a) == document_digest(b)


def active_version() -> ContentVersion:
    version = ContentVersion.objects.filter(is_active=True).first()
    return version or load_content_file()


def _create_version(data: dict) -> ContentVersion:
    version = ContentVersion.objects.create(
        version=data["version"], title=data["title"], source=data.get("source", ""), document=data
    )
    _create_steps(version, data["steps"])
    ScanQuestion.objects.bulk_create(
        ScanQuestion(version=version, code=q["code"], position=i, text=q["text"], help=q.get("help", ""))
        for i, q in enumerate(data["scan_questions"])
    )
    AffectedGroup.objects.bulk_create(
        AffectedGroup(version=version, code=g["code"], position=i, label=g["label"]) for i, g in enumerate(data["groups"])
    )
    SignalWordPair.objects.bulk_create(
        SignalWordPair(version=version, code=p["code"], position=i, positive=p["positive"], negative=p["negative"])
        for i, p in enumerate(data["signal_word_pairs"])
    )
    _create_domains(version, data["domains"], data.get("extra_question_topics", []))
    ChartStatement.objects.bulk_create(
        ChartStatement(
            version=version, code=s["code"], position=i, number=s["number"], text=s["text"], prompt=s.get("prompt", "")
        )
        for i, s in enumerate(data["chart_statements"])
    )
    return version


def _create_steps(version: ContentVersion, steps: list[dict]) -> None:
    position = 0
    for step in steps:
        for item in [step, *step.get("substeps", [])]:
            StepGuide.objects.create(
                version=version,
                code=item["code"].lower(),
                position=position,
                title=item["title"],
                minutes=item.get("minutes"),
                who=item.get("who", ""),
                goal=item.get("goal", ""),
                guidance=item.get("guidance", ""),
            )
            position += 1


def _create_domains(version: ContentVersion, domains: list[dict], topics: list[dict]) -> None:
    position = 0
    for d_index, d in enumerate(domains):
        domain = Domain.objects.create(
            version=version,
            code=d["code"],
            position=d_index,
            name=d["name"],
            start_question=d["start_question"],
            description=d.get("description", ""),
        )
        for s_index, s in enumerate(d["subdomains"]):
            subdomain = Subdomain.objects.create(
                version=version, domain=domain, code=s["code"], position=s_index, name=s["name"]
            )
            for text in s["questions"]:
                position += 1
                BankQuestion.objects.create(
                    version=version, subdomain=subdomain, code=f"{s['code']}-{position}", position=position, text=text
                )
    for topic in topics:
        for text in topic["questions"]:
            position += 1
            BankQuestion.objects.create(
                version=version, topic=topic["name"], code=f"{topic['code']}-{position}", position=position, text=text
            )
