"""Replace the names and contact data of known people in free text by their pseudonyms.

Plain Python (no Django), so it is tested directly. Used for transcripts: the text a note
taker or a transcription service wrote names the speakers ("Jan de Vries: ..."), and the
report only ever shows "Deelnemer 3 (praktijk)".

What it replaces, case-insensitively and only as whole words:
- each person's full name and screen name, and each part of the name of three letters or
  more that no other person shares (so "Jan" alone and "De Vries" alone are found too),
  except Dutch name particles ("van", "der", "ter", ...);
- each person's contact value (e-mail address or telephone number);
- any other e-mail address or telephone number (``[e-mailadres]``, ``[telefoonnummer]``).
Names MIA does not know (a neighbour mentioned in passing) stay: the page says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

PARTICLES = {"van", "der", "den", "de", "het", "ter", "ten", "te", "op", "in", "la", "le", "du", "da", "dos", "del",
             "von", "vom", "zu", "und", "el", "al", "bin", "ben", "'t", "’t"}
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Dutch and international numbers: 06-12345678, 06 1234 5678, +31 6 12345678, 010-1234567, 0031...
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d(?:[\s-]?\(?\d\)?){8,13}(?!\w)")
EMAIL_LABEL = "[e-mailadres]"
PHONE_LABEL = "[telefoonnummer]"


@dataclass
class Person:
    pseudonym: str
    names: list[str] = field(default_factory=list)  # full name, screen name
    contacts: list[str] = field(default_factory=list)


def _words(name: str) -> list[str]:
    return [w.strip(".,") for w in name.split() if w.strip(".,")]


def _terms(people: list[Person]) -> dict[str, str]:
    """Every text to replace (case-folded) with its pseudonym."""
    terms: dict[str, str] = {}
    part_owners: Counter[str] = Counter()
    parts: dict[str, str] = {}
    for person in people:
        own_parts = set()
        for name in person.names:
            name = " ".join(name.split())
            if len(name) >= 2:
                terms[name.casefold()] = person.pseudonym
            words = _words(name)
            if len(words) > 1:
                for word in words:
                    if len(word) >= 3 and word.casefold() not in PARTICLES:
                        own_parts.add(word.casefold())
                # "De Vries" from "Jan de Vries": the surname with its particles.
                for start in range(1, len(words) - 1):
                    if words[start].casefold() in PARTICLES:
                        tail = " ".join(words[start:])
                        own_parts.add(tail.casefold())
                        break
        for part in own_parts:
            part_owners[part] += 1
            parts[part] = person.pseudonym
        for contact in person.contacts:
            contact = contact.strip()
            if len(contact) >= 5:
                terms[contact.casefold()] = person.pseudonym
    for part, pseudonym in parts.items():
        if part_owners[part] == 1 and part not in terms:
            terms[part] = pseudonym
    return terms


def pseudonymise(text: str, people: list[Person]) -> tuple[str, int]:
    """The text with names and contact data replaced, and how many replacements were made."""
    count = 0
    terms = _terms(people)
    if terms:
        # One pass over the text, longest terms first: a replacement is never replaced again.
        pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?!\w)",
            re.IGNORECASE,
        )

        def name(match: re.Match) -> str:
            nonlocal count
            count += 1
            return terms[match.group(0).casefold()]

        text = pattern.sub(name, text)
    text, emails = EMAIL.subn(EMAIL_LABEL, text)
    text, phones = PHONE.subn(PHONE_LABEL, text)
    return text, count + emails + phones
