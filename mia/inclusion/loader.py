"""Load a Stappenplan content file as a ``StappenplanVersion`` whose texts a beheerder can edit.

Loading is idempotent per version string: a version that exists is never changed, because
trajectories refer to it. Edits in the admin go into the version's ``StappenplanText`` rows; a
version in use is frozen there, and a copy is made to edit further (``copy_version``).
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from mia.inclusion.content import ContentError, parse_content, read_content_file
from mia.inclusion.models import StappenplanText, StappenplanVersion

# String leaves that are codes, links or references, not texts a beheerder edits.
NOT_TEXT = {"code", "url", "version", "needs", "question", "letter", "tools", "from"}

NAMES = {
    "intro": "Inleiding",
    "preconditions_intro": "Inleiding randvoorwaarden",
    "preconditions": "Randvoorwaarde",
    "steps": "Stap",
    "sections": "onderdeel",
    "attention_points": "aandachtspunt",
    "examples": "inspirerend voorbeeld",
    "knelpunten": "knelpunt",
    "knelpunten_text": "knelpunten",
    "lessen": "les uit de leergemeenschap",
    "link_preconditions": "link met randvoorwaarden",
    "prompts": "vraag",
    "verkenning": "Verkenning (Bijlage 1)",
    "parts": "deel",
    "questions": "vraag",
    "sub": "deelvraag",
    "participation": "Participatie (Bijlage 2)",
    "monitoring": "Monitoring (Stap 5, Bijlage 3)",
    "working_group": "Werkgroep",
    "vlechtwerk_check": "Vlechtwerkcheck",
    "references": "Referentie (Bijlage 4)",
    "levensdomeinen": "Levensdomein",
    "tips": "tip",
    "title": "titel",
    "text": "tekst",
    "label": "naam",
    "quote": "citaat",
    "who": "wie",
}


def _digest(document: dict) -> str:
    import hashlib
    import json

    return hashlib.sha256(json.dumps(document, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def load_stappenplan_file(path: Path | str | None = None, *, activate: bool = True,
                          keep_existing: bool = False) -> StappenplanVersion:
    data = read_content_file(path)
    parse_content(data)  # validates; raises ContentError with Dutch messages
    with transaction.atomic():
        version = StappenplanVersion.objects.filter(version=data["version"]).first()
        if version is None:
            version = create_version(data)
        elif not keep_existing and _digest(version.document) != _digest(data):
            # A stored version never changes (trajectories refer to it); a different file needs its own name.
            raise ContentError(
                f"Er is al een versie ‘{version.version}’ van het stappenplan met een andere inhoud. "
                "Een bestaande versie verandert nooit. Geef dit bestand een eigen versienaam."
            )
        if activate:
            StappenplanVersion.objects.exclude(pk=version.pk).update(is_active=False)
            if not version.is_active:
                version.is_active = True
                version.save(update_fields=["is_active"])
    return version


def active_stappenplan() -> StappenplanVersion:
    version = StappenplanVersion.objects.filter(is_active=True).first()
    return version or load_stappenplan_file()


def create_version(data: dict) -> StappenplanVersion:
    version = StappenplanVersion.objects.create(
        version=data["version"], title=data["title"], source=data.get("source", ""), document=data
    )
    StappenplanText.objects.bulk_create(
        StappenplanText(version=version, pointer=pointer, label=label[:400], text=text, position=position)
        for position, (pointer, label, text) in enumerate(editable_texts(data))
    )
    return version


@transaction.atomic
def copy_version(version: StappenplanVersion) -> StappenplanVersion:
    """A new, editable version with the current texts of ``version``."""
    document = version.resolved_document()
    base, n = version.version, 2
    while StappenplanVersion.objects.filter(version=f"{base}.{n}").exists():
        n += 1
    document["version"] = f"{base}.{n}"
    return create_version(document)


def editable_texts(document: dict):
    """(JSON pointer, label in words, text) for every text in the document."""

    def walk(node, pointer: str, label: list[str]):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in NOT_TEXT and isinstance(value, str):
                    continue
                yield from walk(value, f"{pointer}/{_escape(key)}", [*label, NAMES.get(key, key)])
        elif isinstance(node, list):
            for index, value in enumerate(node):
                name = str(index + 1)
                if isinstance(value, dict) and value.get("code"):
                    name = f"{index + 1} ({value['code']})"
                yield from walk(value, f"{pointer}/{index}", [*label, name])
        elif isinstance(node, str) and node.strip() and pointer != "/version":
            yield pointer, " › ".join(label), node

    yield from walk(document, "", [])


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
