"""What participants read (the sign-up page, their personal page, a draft to validate) is plain
Dutch at level B1: every fixed sentence on those pages passes mia.analysis.readability."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from mia.analysis.readability import check_text
from mia.consultations import actions

pytestmark = pytest.mark.django_db

TAGS = re.compile(r"<(p|label|legend|h1|h2|button|summary)[^>]*>(.*?)</\1>", re.S)


def fixed_texts(page: str, own: list[str]) -> list[str]:
    """The page's sentences, without what organisers or participants typed (``own``)."""
    main = page.split('<main', 1)[1].split("</main>", 1)[0]
    texts = []
    for _tag, inner in TAGS.findall(main):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inner)).split())
        for item in own:
            text = text.replace(item, "")
        if len(re.findall(r"[A-Za-zÀ-ÿ]{2,}", text)) >= 3:
            texts.append(text)
    return texts


def assert_b1(texts):
    failures = [(t, check_text(t).reasons) for t in texts if not check_text(t).is_b1]
    assert not failures, failures


def test_the_sign_up_page_is_b1(client, series, sessions):
    page = client.get(reverse("consultations:signup", args=[series.signup_token])).content.decode()
    own = [series.title] + [s.title for s in sessions] + [s.place for s in sessions]
    texts = fixed_texts(page, own)
    assert len(texts) >= 8
    assert_b1(texts)


def test_the_personal_page_and_the_draft_are_b1(client, draft, signups, sessions):
    person = signups[0]
    paragraph = draft.paragraphs.first()
    reaction = actions.react(person, paragraph, kind="aanvullen", text="Ook de bibliotheek.")
    actions.decide_reaction(reaction, accept=False, reason="Dit staat al in het verslag.")
    own = [draft.series.title, draft.question.theme, "Ook de bibliotheek.", "Dit staat al in het verslag."] + [
        p.text for p in draft.paragraphs.all()] + [p.heading for p in draft.paragraphs.all()] + [s.title for s in sessions]
    for url in (reverse("consultations:participant", args=[person.token]),
                reverse("consultations:participant_draft", args=[person.token, draft.pk])):
        texts = fixed_texts(client.get(url).content.decode(), own)
        assert len(texts) >= 3, url
        assert_b1(texts)
    actions.withdraw_consent(person)
    texts = fixed_texts(client.get(reverse("consultations:participant", args=[person.token])).content.decode(), own)
    assert_b1(texts)
