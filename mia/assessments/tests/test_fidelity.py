"""Fidelity to the seed (``shared/seeds/mia-instrument.txt``): the question bank, the scan, 4A/4B and the
onward links as the instrument prints them. Seed texts are quoted here verbatim."""

from __future__ import annotations

import re

import lxml.html
import pytest
from django.urls import reverse

from mia.assessments import actions
from mia.instrument.models import BankQuestion, Domain

pytestmark = pytest.mark.django_db

# Step 4A of the seed, verbatim.
SEED_4A = [
    "Op welke manier/manieren heeft de beleidskeuze voornamelijk impact op maatschappelijke stabiliteit?",
    "In hoeverre is de impact op maatschappelijke stabiliteit beïnvloedbaar?",
    "Op welke termijn zal de impact op maatschappelijke stabiliteit merkbaar zijn?",
    "Is de impact op maatschappelijke stabiliteit relevant voor de politiek?",
]
# The bank's own sub-headings ("Tool: Voorbeelden dialoogvragen"), verbatim (spaces normalised).
SEED_BANK_HEADINGS = [
    "Domein 1: Gelijkheid", "Algemeen", "Inclusieve sociale voorzieningen/diensten", "Inkomensverdeling",
    "Sociale mobiliteit", "Domein 2: Veiligheid", "Objectieve veiligheid", "Subjectieve veiligheid/veiligheidsgevoelens",
    "Sociale controle", "Denk ook aan: Doenvermogen", "Domein 3: Sociale Relaties",
    "Bonding (sociale relaties binnen de ‘eigen’ groep) en bridging (groepsoverstijgende relaties)",
    "Maatschappelijke participatie", "Cultuur en groepsidentiteit", "Domein 4: Leefomgeving", "Gebiedsgebonden identiteit",
    "Faciliteren ontmoeting in de ruimte", "Fysieke mobiliteit en bereikbaarheid", "Domein 5: Vertrouwen",
    "Vertrouwen in rechtsstaat en politiek", "Zeggenschap in beleid",
]
SEED_GROUPS_PROMPT = "Welke groepen worden door de beleidskeuze beïnvloed?"
SEED_SIGNAL_WORDS_PROMPT = "Welke signaalwoorden associeert u met de beleidskeuze?"


def tree(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def text(element) -> str:
    return " ".join(element.text_content().split())


def offered(page) -> list[str]:
    """The bank questions offered with a 'Kiezen' button, by the id they post."""
    return page.xpath("//form[.//button[starts-with(normalize-space(.), 'Kiezen')]]//input[@name='bank_question']/@value")


def bank_page(client, assessment, **params):
    return tree(client.get(reverse("assessments:questions", args=[assessment.pk]), params))


def answer_domains(assessment, answers: dict[str, tuple[bool, list[str]]]) -> None:
    """{domain code: (relevant, [subdomain codes])} as the Domeinverkenner saves them."""
    version = assessment.content_version
    rows = {}
    for domain in Domain.objects.filter(version=version):
        relevant, subs = answers.get(domain.code, (False, []))
        rows[domain.code] = (relevant, "", list(domain.subdomains.filter(code__in=subs)))
    actions.save_domains(assessment, rows)


def test_no_bank_question_is_offered_twice(owner_client, assessment):
    page = bank_page(owner_client, assessment, alle="1")
    ids = offered(page)
    texts = [BankQuestion.objects.get(pk=i).text for i in ids]
    assert len(texts) == len(set(texts)), "a question is offered twice"
    assert sorted(texts) == sorted(assessment.content.distinct_bank_questions())


def test_a_question_under_two_subdomains_can_be_chosen_once(assessment):
    shared = BankQuestion.objects.filter(version=assessment.content_version, subdomain__code="vertrouwen-in-politiek").first()
    twin = BankQuestion.objects.get(version=assessment.content_version, subdomain__code="vertrouwen-in-rechtsstaat", text=shared.text)
    actions.choose_bank_question(assessment, shared)
    with pytest.raises(actions.ActionError, match="al gekozen"):
        actions.choose_bank_question(assessment, twin)
    assert assessment.questions.count() == 1


def test_the_bank_shows_its_own_headings_and_topics_in_their_place(owner_client, assessment):
    page = bank_page(owner_client, assessment, alle="1")
    work = page.xpath("//div[@class='layout']/div[1]")[0]  # the page's own column, not the guide beside it
    headings = [text(h) for h in work.xpath(".//h3 | .//h4")]
    for heading in SEED_BANK_HEADINGS:
        assert any(h == heading or h.startswith(heading + " ") for h in headings), heading
    # "Algemeen" is the first block of Gelijkheid, not under doenvermogen; doenvermogen comes after all domains.
    gelijkheid = next(i for i, h in enumerate(headings) if h.startswith("Domein 1: Gelijkheid"))
    assert headings[gelijkheid + 1] == "Algemeen"
    assert headings[-1] == "Denk ook aan: Doenvermogen"
    doen = page.xpath("//section[.//*[normalize-space(.)='Denk ook aan: Doenvermogen']]")[-1]
    assert "Heeft de beleidskeuze impact op (ervaren) verschillen" not in text(doen)


def test_topics_follow_the_domain_answers(owner_client, assessment):
    algemeen = BankQuestion.objects.get(version=assessment.content_version, topic="Gelijkheid: algemeen")
    doen = BankQuestion.objects.get(version=assessment.content_version, topic="Denk ook aan: doenvermogen")
    answer_domains(assessment, {"gelijkheid": (False, []), "veiligheid": (True, ["sociale-controle"])})
    ids = offered(bank_page(owner_client, assessment))
    assert str(algemeen.pk) not in ids, "Gelijkheid was answered 'nee': its general question is not offered"
    assert str(doen.pk) in ids, "doenvermogen applies to every domain"
    controle = BankQuestion.objects.filter(version=assessment.content_version, subdomain__code="sociale-controle")
    assert {str(q.pk) for q in controle} <= set(ids)
    assert not BankQuestion.objects.filter(pk__in=ids, subdomain__code="objectieve-veiligheid").exists()
    answer_domains(assessment, {"gelijkheid": (True, ["inkomensverschillen"])})
    assert str(algemeen.pk) in offered(bank_page(owner_client, assessment))


def test_the_scan_puts_1b_in_1b_with_the_seeds_prompts(owner_client, assessment):
    page = tree(owner_client.get(reverse("assessments:scan", args=[assessment.pk])))
    form = page.get_element_by_id("scan-form")
    order = [text(e) for e in form.iter("h2", "legend", "label")]
    i1a = next(i for i, t in enumerate(order) if t.startswith("1A"))
    i1b = next(i for i, t in enumerate(order) if t.startswith("1B"))
    assert order[i1a] == "1A · Signaleren" and order[i1b] == "1B · Expliciteren"
    for label in ("Oorzaken en aanleiding", "Literatuur en onderzoek", "Zichtbaarheid in de media"):
        assert order.index(label) > i1b, f"{label} belongs to 1B"
    assert any(t.startswith(SEED_GROUPS_PROMPT) for t in order[i1a:i1b])
    assert any(t.startswith(SEED_SIGNAL_WORDS_PROMPT) for t in order[i1a:i1b])
    page_text = text(form)
    assert "Onderliggende literatuur die (eventueel) beschikbaar is." in page_text
    assert "Met webmonitoring kan hier inzicht in verkregen worden." in page_text
    # The answer labels on the screen are the content file's.
    radios = {text(label) for label in form.xpath(".//div[contains(@class,'scan-question')]//label")}
    assert {label for _code, label in assessment.content.effect_choices} <= radios


def test_4a_asks_the_seeds_four_questions_and_4b_shows_the_participants_ideas(owner_client, assessment):
    from mia.tests.factories import make_dialogue

    make_dialogue(assessment, participants=2, questions=1)
    page = tree(owner_client.get(reverse("assessments:conclusions", args=[assessment.pk])))
    labels = [text(label) for label in page.get_element_by_id("conclusions-form").iter("label")]
    assert labels == SEED_4A
    assert assessment.content.main_conclusion_questions == tuple(SEED_4A)
    body = text(page.find(".//main"))
    assert "Ideeën en suggesties van de deelnemers" in body
    idea = assessment.sessions.get().rounds.first().cards.get(kind="idee")
    assert idea.text in body and idea.participant.pseudonym in body and idea.participant.name not in body


@pytest.mark.parametrize("page, step", [
    ("scan", "1B"), ("questions", "2B"), ("preparation", "2C"), ("conclusions", "4B"), ("conclusions", "4C"),
])
def test_every_onward_link_of_the_seed_is_on_its_steps_page(owner_client, assessment, page, step):
    html = owner_client.get(reverse(f"assessments:{page}", args=[assessment.pk])).content.decode()
    links = assessment.content.links_for(step)
    assert links, step
    for link in links:
        assert f'href="{link.url}"' in html and link.label in html


def test_every_tool_is_on_a_step_page(owner_client, assessment):
    pages = {name: owner_client.get(reverse(f"assessments:{name}", args=[assessment.pk])).content.decode()
             for name in ("scan", "domains", "questions", "chart")}
    pages["step3"] = owner_client.get(reverse("dialogues:step3", args=[assessment.pk])).content.decode()
    for tool in assessment.content.tools:
        assert any(f"Hulpmiddel: {tool.name}" in html for html in pages.values()), tool.name
        assert any(re.sub(r"\s+", " ", tool.description)[:60] in html for html in pages.values()), tool.name
