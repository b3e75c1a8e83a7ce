"""The English catalogue, read without gettext tools, for the tests that check it is complete and used.

``entries()`` parses ``mia/locale/en/LC_MESSAGES/django.po`` (the subset of the PO format that
``makemessages`` writes). ``dutch_on(page)`` lists the Dutch UI sentences of the catalogue that still
appear in a rendered page: under English, each of them is a string the page did not translate.
"""

from __future__ import annotations

import ast
import html
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        forms = 2 if self.msgid_plural is not None else 1
        return not self.fuzzy and all(self.msgstr.get(i) for i in range(forms))


KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


@cache
def entries(path: Path = PO) -> tuple[Entry, ...]:
    """Every active entry except the header, in file order."""
    found: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None

    def finish():
        if current is not None and (current.msgid or current.msgctxt):
            found.append(current)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            current, target = None, None
            continue
        if line.startswith("#~"):  # obsolete entries are not used
            continue
        if current is None:
            current = Entry(line=number)
        if line.startswith("#,"):
            current.flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        match = KEYWORD.match(line)
        if match:
            keyword, index, text = match.groups()
            target = ("msgstr", int(index or 0)) if keyword.startswith("msgstr") else (keyword, None)
            value = ""
        elif line.startswith('"') and target is not None:
            text = line
        else:
            raise ValueError(f"{path.name}:{number}: cannot read {raw!r}")
        value = ast.literal_eval(text)
        name, index = target
        if name == "msgstr":
            current.msgstr[index] = current.msgstr.get(index, "") + value
        else:
            setattr(current, name, (getattr(current, name) or "") + value)
    finish()
    return tuple(found)


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


@cache
def ui_sentences() -> tuple[tuple[str, str], ...]:
    """(Dutch, English) for the texts a page shows verbatim: no placeholders, at least two words,
    and an English text that differs from the Dutch."""
    return tuple(
        (e.msgid, e.msgstr[0]) for e in entries()
        if e.msgid_plural is None and e.translated and "%" not in e.msgid and "{" not in e.msgid
        and len(e.msgid.split()) >= 2 and e.msgstr[0] != e.msgid
    )


ATTRIBUTE = re.compile(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"')


def text_segments(page: str) -> list[str]:
    """The page's texts: the runs between tags, and the attributes people read (title, aria-label, …)."""
    runs = re.split(r"<[^>]+>", page) + ATTRIBUTE.findall(page)
    return [" ".join(html.unescape(run).split()) for run in runs if run.strip()]


def dutch_on(page: str) -> list[str]:
    """The catalogue's Dutch sentences still on the page: a text that is one of them, or (five words
    or more) contains one. Shorter ones inside a longer text are mostly Dutch data, which stays."""
    segments = text_segments(page)
    whole = set(segments)
    return [dutch for dutch, _english in ui_sentences()
            if dutch in whole or (len(dutch.split()) >= 5 and any(dutch in s for s in segments))]


def get_in_english(client, url: str) -> str:
    """The page at ``url`` with English chosen, as the language switch does it (a cookie; MIA ignores
    the browser's Accept-Language)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    page = response.content.decode()
    assert '<html lang="en"' in page, url
    return page


def dutch_left_on(client, urls: list[str]) -> dict[str, list[str]]:
    """For each HTML page among ``urls`` (downloads are skipped), in English: the Dutch UI texts left."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    left, pages = {}, 0
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        page = response.content.decode()
        assert '<html lang="en"' in page, url
        pages += 1
        if found := dutch_on(page):
            left[url] = found
    assert pages, "no HTML page among the URLs"
    return left


def assert_in_english(client, urls: list[str], data: tuple[str, ...] = ()) -> None:
    """Every HTML page among ``urls`` in English, without Dutch UI texts. ``data`` names Dutch texts
    the pages show as stored data (a default name saved in Dutch), which is right to stay."""
    left = {url: [t for t in found if t not in data] for url, found in dutch_left_on(client, urls).items()}
    left = {url: found for url, found in left.items() if found}
    assert not left, "Dutch UI texts under English:\n" + "\n".join(f"{url}: {found}" for url, found in left.items())
