"""The live MIA-dialoog through Django: joining, consent, cards over the API, the facilitator, access."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from mia.dialogues.models import ConclusionCard, LiveStatus, Participant
from mia.live import actions, codes, state
from mia.live.models import JoinAttempt
from mia.tests.factories import make_assessment, make_dialogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(assessment):
    session = make_dialogue(assessment, participants=3, questions=2)
    ConclusionCard.objects.all().delete()
    return actions.start_live(session)


@pytest.fixture
def invited(session):
    person = session.participants.first()
    actions.record_consent(person, accept=True)
    return person


def put_card(client, token, round_id, kind="conclusie", text="De bus rijdt te weinig.", client_id=None):
    client_id = client_id or uuid.uuid4()
    return client.put(
        reverse("api:put_card", args=[token, client_id]),
        {"round": round_id, "kind": kind, "text": text}, content_type="application/json",
    )


def test_code_is_short_unambiguous_and_normalised():
    code = codes.new_code()
    assert codes.is_well_formed(code)
    assert not set(code) & set("0O1IL5S2Z8BUV")
    assert codes.normalise(f" {code[:3].lower()}-{code[3:]} ") == code
    assert codes.display("ACDEFG") == "ACD EFG"


def test_start_live_gives_a_code_and_rounds(session):
    assert session.live_status == LiveStatus.LIVE
    assert codes.is_well_formed(session.join_code)
    assert session.rounds.count() == 3  # two questions and the closing question


def test_join_by_code_records_consent_and_opens_the_phone_screen(client, session):
    # The QR code opens the form with the code filled in; a GET never looks it up (nor counts it).
    response = client.get(reverse("live:join"), {"code": session.join_code.lower()})
    assert response.status_code == 200 and session.join_code.lower() in response.content.decode()
    assert "Afspraken over vertrouwelijkheid" not in response.content.decode()
    response = client.post(reverse("live:join"), {"code": session.join_code.lower()})
    assert response.status_code == 200
    assert "Afspraken over vertrouwelijkheid" in response.content.decode()
    response = client.post(reverse("live:join"), {
        "code": session.join_code, "step": "consent", "answer": "ja", "display_name": "Fatima", "perspective": "praktijk",
    })
    person = Participant.objects.get(display_name="Fatima")
    assert response.status_code == 302 and response.url == reverse("live:participant", args=[person.invite_token])
    assert person.has_consented and person.joined_by_code and person.consent_given_at
    page = client.get(response.url).content.decode()
    assert "Wacht even" in page


def test_refusing_is_recorded_and_respected(client, session):
    client.post(reverse("live:join"), {"code": session.join_code, "step": "consent", "answer": "nee"})
    person = Participant.objects.get(joined_by_code=True)
    assert person.consent_refused_at and not person.has_consented
    page = client.get(reverse("live:participant", args=[person.invite_token])).content.decode()
    assert "U heeft gezegd dat u niet meedoet" in page
    round_ = actions.next_round(session)
    response = put_card(client, person.invite_token, round_.pk)
    assert response.status_code == 409 and "toestemming" in response.json()["detail"]
    assert not ConclusionCard.objects.exists()


def test_invite_link_asks_consent_first(client, session):
    person = session.participants.first()
    url = reverse("live:participant", args=[person.invite_token])
    assert "Ik doe mee" in client.get(url).content.decode()
    client.post(reverse("live:participant_consent", args=[person.invite_token]),
                {"answer": "ja", "display_name": "", "perspective": ""})
    person.refresh_from_db()
    assert person.has_consented


def _wrong_code_like(code: str) -> str:
    """A well-formed code with the same first two characters as ``code``, but another one."""
    for ch in codes.ALPHABET:
        candidate = code[:2] + ch * 4
        if candidate != code:
            return candidate
    raise AssertionError


def _other_prefix(code: str, n: int) -> str:
    first = [ch for ch in codes.ALPHABET if ch != code[0]]
    return first[n % len(first)] + codes.ALPHABET[(n // len(first)) % 23] + "AAAA"


def test_wrong_codes_from_a_shared_address_never_lock_out_the_correct_code(client, session):
    # A hall behind one address: a guesser's (or a hostile page's) wrong codes of other prefixes,
    # far more than the old lock-out allowed, do not stop people typing the code on the screen.
    for n in range(60):
        response = client.post(reverse("live:join"), {"code": _other_prefix(session.join_code, n)})
        assert response.status_code == 400 and "Deze code kennen we niet" in response.content.decode()
    # ... nor do a few typos of the right code by the hall itself.
    for _attempt in range(10):
        client.post(reverse("live:join"), {"code": _wrong_code_like(session.join_code)})
    response = client.post(reverse("live:join"), {"code": session.join_code})
    assert response.status_code == 200 and "Afspraken over vertrouwelijkheid" in response.content.decode()
    api = client.post(reverse("api:join"), {"code": session.join_code, "accept": True}, content_type="application/json")
    assert api.status_code == 201
    # Attempts store keyed hashes, never the address.
    assert not JoinAttempt.objects.filter(client_key="127.0.0.1").exists()


def test_guessing_codes_is_rate_limited_per_prefix_and_per_address(client, session):
    from datetime import timedelta

    from django.utils import timezone

    wrong = _wrong_code_like(session.join_code)
    for _attempt in range(actions.MAX_FAILED_PER_PREFIX):
        assert client.post(reverse("live:join"), {"code": wrong}).status_code == 400
    response = client.post(reverse("live:join"), {"code": wrong})
    assert response.status_code == 429 and "Wacht twee minuten" in response.content.decode()
    # The lock-out of a prefix is short, and another prefix or another address is not affected.
    assert client.post(reverse("live:join"), {"code": _other_prefix(session.join_code, 1)}).status_code == 400
    assert client.post(reverse("live:join"), {"code": session.join_code}, REMOTE_ADDR="10.0.0.9").status_code == 200
    JoinAttempt.objects.update(created_at=timezone.now() - actions.PREFIX_WINDOW - timedelta(seconds=1))
    assert client.post(reverse("live:join"), {"code": session.join_code}).status_code == 200
    # The address's own ceiling holds a guesser who spreads over every prefix.
    key = actions.client_key({"REMOTE_ADDR": "10.0.0.7"})
    JoinAttempt.objects.bulk_create([JoinAttempt(client_key=key)] * actions.MAX_FAILED_PER_ADDRESS)
    response = client.post(reverse("api:join"), {"code": _other_prefix(session.join_code, 3), "accept": True},
                           content_type="application/json", REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 429
    # A code that cannot be one is refused without a lookup and without counting.
    before = JoinAttempt.objects.count()
    response = client.post(reverse("live:join"), {"code": "12"}, REMOTE_ADDR="10.0.0.8")
    assert response.status_code == 400 and "6 tekens" in response.content.decode()
    assert JoinAttempt.objects.count() == before


def test_a_join_by_get_never_looks_up_or_counts_a_code(client, session):
    for _attempt in range(50):
        assert client.get(reverse("live:join"), {"code": "XXXXXX"}).status_code == 200
    assert not JoinAttempt.objects.exists()


def test_joins_per_session_stop_at_the_expected_number_with_headroom(client, session):
    from mia.dialogues import actions as dialogue_actions

    dialogue_actions.update_session(session, expected_participants=10)
    assert actions.join_ceiling(session) == 15  # a quarter more, at least five
    already = session.participants.count()
    statuses = [
        client.post(reverse("api:join"), {"code": session.join_code, "accept": True},
                    content_type="application/json").status_code
        for _ in range(20)
    ]
    assert statuses.count(201) == 15 - already and set(statuses[15 - already:]) == {409}
    assert session.participants.count() == 15
    response = client.post(reverse("live:join"), {
        "code": session.join_code, "step": "consent", "answer": "ja", "display_name": "", "perspective": "",
    })
    assert response.status_code == 409 and "Deze sessie is vol" in response.content.decode()
    dialogue_actions.update_session(session, expected_participants=None)
    assert actions.join_ceiling(session) == actions.DEFAULT_MAX_JOINS
    dialogue_actions.update_session(session, expected_participants=400)
    assert actions.join_ceiling(session) == 500


def test_join_messages_are_plain_dutch():
    from mia.analysis.readability import check_text

    for message in (
        "Er is hier te vaak een verkeerde code ingevuld. Wacht twee minuten en probeer het dan opnieuw.",
        "Deze code klopt niet. De code heeft 6 tekens; kijk goed naar de code op het scherm.",
        "Deze sessie is vol: er doen al zoveel mensen mee als de gespreksleider verwachtte. Vraag de gespreksleider om hulp.",
    ):
        report = check_text(message)
        assert report.is_b1, (message, report.reasons)


def test_the_facilitator_sets_the_expected_number_on_the_session_form(owner_client, session):
    page = owner_client.get(reverse("dialogues:sessions", args=[session.assessment_id])).content.decode()
    assert f"s{session.pk}-expected_participants" in page
    form_data = {f"s{session.pk}-{k}": v for k, v in {"name": session.name, "date": "", "location": "",
                                                      "facilitator": "", "note_taker": "", "expected_participants": "1" + "0" * 23}.items()}
    url = reverse("dialogues:session_update", args=[session.assessment_id, session.pk])
    response = owner_client.post(url, form_data)
    assert response.status_code == 400 and "Hoogstens 50000 deelnemers" in response.content.decode()
    form_data[f"s{session.pk}-expected_participants"] = "120"
    assert owner_client.post(url, form_data).status_code == 302
    session.refresh_from_db()
    assert session.expected_participants == 120


def test_api_join_and_closed_session(client, session):
    response = client.post(reverse("api:join"), {"code": codes.display(session.join_code), "accept": True},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["consent"] is True
    actions.close_live(session)
    response = client.post(reverse("api:join"), {"code": session.join_code, "accept": True},
                           content_type="application/json")
    assert response.status_code == 409 and "niet open" in response.json()["detail"]


def test_a_retried_card_is_stored_once_and_can_be_edited(client, session, invited):
    round_ = actions.next_round(session)
    client_id = uuid.uuid4()
    for _attempt in range(5):
        response = put_card(client, invited.invite_token, round_.pk, client_id=client_id)
        assert response.status_code == 200
    assert ConclusionCard.objects.count() == 1
    put_card(client, invited.invite_token, round_.pk, text="Veranderd: de bus rijdt nooit.", client_id=client_id)
    card = ConclusionCard.objects.get()
    assert card.text == "Veranderd: de bus rijdt nooit." and card.source == "telefoon"
    # A second device (new client id) updates the same card instead of adding one.
    put_card(client, invited.invite_token, round_.pk, text="Van mijn tablet.")
    assert ConclusionCard.objects.get().text == "Van mijn tablet."


def test_nothing_is_writable_after_a_round_or_the_session_closes(client, session, invited):
    round_ = actions.next_round(session)
    client_id = uuid.uuid4()
    assert put_card(client, invited.invite_token, round_.pk, client_id=client_id).status_code == 200
    actions.close_round(session)
    response = put_card(client, invited.invite_token, round_.pk, text="Te laat", client_id=client_id)
    assert response.status_code == 409 and "gesloten" in response.json()["detail"]
    actions.next_round(session)
    actions.close_live(session)
    response = put_card(client, invited.invite_token, session.rounds.last().pk, kind="afsluiting")
    assert response.status_code == 409
    assert ConclusionCard.objects.get().text == "De bus rijdt te weinig."


def test_a_token_reaches_only_its_own_session_and_cards(client, assessment, session, invited, owner):
    round_ = actions.next_round(session)
    other_session = actions.start_live(make_dialogue(make_assessment(owner, title="Andere MIA"), participants=2))
    other_round = actions.next_round(other_session)
    response = put_card(client, invited.invite_token, other_round.pk)
    assert response.status_code == 404
    # Someone else's card id cannot be overwritten.
    someone = session.participants.exclude(pk=invited.pk).first()
    actions.record_consent(someone, accept=True)
    theirs = uuid.uuid4()
    put_card(client, someone.invite_token, round_.pk, text="Van iemand anders", client_id=theirs)
    response = put_card(client, invited.invite_token, round_.pk, text="Overschreven?", client_id=theirs)
    assert response.status_code == 409
    assert ConclusionCard.objects.get(client_id=theirs).text == "Van iemand anders"
    # The state shows only one's own cards and no names.
    data = client.get(reverse("api:participant_state", args=[invited.invite_token])).json()
    assert data["cards"] == [] and "Van iemand anders" not in str(data) and someone.name not in str(data)
    assert client.get(reverse("api:participant_state", args=["niet-bestaand"])).status_code == 404


def test_state_follows_the_rounds(client, session, invited):
    url = reverse("api:participant_state", args=[invited.invite_token])
    assert client.get(url).json()["phase"] == "wachten"
    round_ = actions.next_round(session)
    data = client.get(url).json()
    assert data["phase"] == "ronde" and data["round"]["id"] == round_.pk
    assert [k["kind"] for k in data["round"]["card_kinds"]] == ["conclusie", "idee"]
    actions.close_round(session)
    assert client.get(url).json()["phase"] == "pauze"
    actions.next_round(session)
    closing = actions.next_round(session)
    data = client.get(url).json()
    assert closing.is_closing and [k["kind"] for k in data["round"]["card_kinds"]] == ["afsluiting"]
    actions.close_live(session)
    data = client.get(url).json()
    assert data["phase"] == "klaar" and "Dank u wel" in data["closing_message"]


def test_long_poll_answers_when_the_version_changes(client, session, invited, monkeypatch):
    from mia.live import waiting

    monkeypatch.setattr(waiting, "POLL_SECONDS", 0.05)
    url = reverse("api:participant_state", args=[invited.invite_token])
    version = client.get(url).json()["version"]
    # Nothing changes: the request waits and then answers 204, with nothing to draw.
    from mia.live import api

    waits = []
    real_wait = api.wait_for_change

    async def counting_wait(*args):
        waits.append(args)
        return await real_wait(*args)

    monkeypatch.setattr(api, "wait_for_change", counting_wait)
    response = client.get(url, {"version": version, "wait": 1})
    assert response.status_code == 204 and response.content == b"" and len(waits) == 1
    # An older version answers at once, with the state, without waiting.
    assert client.get(url, {"version": version - 1, "wait": 20}).json()["version"] == version
    assert len(waits) == 1
    # An unknown token is refused before any waiting.
    assert client.get(reverse("api:participant_state", args=["onbekend"]), {"version": 0, "wait": 20}).status_code == 404


def test_bad_card_input_gets_dutch_messages(client, session, invited):
    round_ = actions.next_round(session)
    token = invited.invite_token
    too_long = put_card(client, token, round_.pk, text="x" * 2001)
    assert too_long.status_code == 422 and "kloppen niet" in too_long.json()["detail"]
    empty = put_card(client, token, round_.pk, text="   ")
    assert empty.status_code == 422 and "leeg" in empty.json()["detail"]
    wrong_kind = put_card(client, token, round_.pk, kind="afsluiting")
    assert wrong_kind.status_code == 422
    broken = client.put(reverse("api:put_card", args=[token, uuid.uuid4()]), "{niet json",
                        content_type="application/json")
    assert broken.status_code in (400, 422)
    bad_uuid = client.put(f"/api/live/deelnemer/{token}/cards/geen-uuid", {"round": round_.pk, "kind": "idee",
                          "text": "x"}, content_type="application/json")
    assert bad_uuid.status_code in (404, 422)
    assert not ConclusionCard.objects.exists()


def test_hostile_text_is_stored_as_text_and_escaped_on_the_wall(client, owner_client, assessment, session, invited):
    round_ = actions.next_round(session)
    payload = '<script>alert("x")</script>=HYPERLINK("http://evil")'
    assert put_card(client, invited.invite_token, round_.pk, text=payload).status_code == 200
    page = owner_client.get(reverse("live:facilitator", args=[assessment.pk, session.pk])).content.decode()
    assert '<script>alert("x")</script>' not in page and "&lt;script&gt;" in page


def test_no_script_fallback_saves_the_card(client, session, invited):
    round_ = actions.next_round(session)
    url = reverse("live:participant", args=[invited.invite_token])
    page = client.get(url).content.decode()
    assert round_.question.text in page
    send = reverse("live:participant_card", args=[invited.invite_token])
    response = client.post(send, {"round": round_.pk, "kind": "idee", "client_id": str(uuid.uuid4()),
                                  "text": "Meer bankjes bij de halte."})
    assert response.status_code == 302
    assert ConclusionCard.objects.get().text == "Meer bankjes bij de halte."
    empty = client.post(send, {"round": round_.pk, "kind": "idee", "client_id": str(uuid.uuid4()), "text": ""})
    assert empty.status_code == 400 and "leeg" in empty.content.decode()


def test_facilitator_steers_and_sees_an_anonymous_wall(owner_client, client, assessment, session, invited):
    url = reverse("live:facilitator", args=[assessment.pk, session.pk])
    page = owner_client.get(url).content.decode()
    assert codes.display(session.join_code) in page and "<svg" in page
    def step(name):
        return reverse("live:facilitator_step", args=[assessment.pk, session.pk, name])

    owner_client.post(step("next_round"))
    session.refresh_from_db()
    round_ = session.current_round
    assert round_.is_open and round_.deadline
    put_card(client, invited.invite_token, round_.pk, text="Eerste kaartje")
    wall = owner_client.get(reverse("api:session_wall", args=[session.pk])).json()
    assert wall["received"] == 1 and wall["expected"] == 1
    assert wall["cards"][0]["text"] == "Eerste kaartje" and wall["cards"][0]["author"] == ""
    owner_client.post(step("show_names"))
    wall = owner_client.get(reverse("api:session_wall", args=[session.pk])).json()
    assert wall["cards"][0]["author"] == invited.pseudonym
    timer = reverse("live:facilitator_timer", args=[assessment.pk, session.pk])
    owner_client.post(timer, {"minutes": "5"})
    session.refresh_from_db()
    assert session.round_minutes == 5
    bad = owner_client.post(timer, {"minutes": "-3"})
    assert bad.status_code == 400 and "minstens 1 minuut" in bad.content.decode()
    owner_client.post(reverse("live:facilitator_closing_message", args=[assessment.pk, session.pk]),
                      {"closing_message": "We sturen u het verslag in juni."})
    session.refresh_from_db()
    assert state.participant_state(invited)["closing_message"] == "We sturen u het verslag in juni."
    assert owner_client.post(step("no_such_step")).status_code == 404
    owner_client.post(step("close"))
    session.refresh_from_db()
    assert session.live_status == LiveStatus.GESLOTEN


def test_facilitator_api_steers_with_csrf(client, owner, assessment, session):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    url = reverse("api:steer", args=[session.pk])
    assert strict.post(url, {"action": "next_round"}, content_type="application/json").status_code == 403
    client.force_login(owner)
    response = client.post(url, {"action": "next_round"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["round"]["open"] is True


def test_a_step_raises_the_version_once_in_a_bounded_number_of_queries(client, owner, session,
                                                                       django_assert_max_num_queries):
    """At an event a hundred facilitators step at once: every statement of a step waits for a busy machine."""
    client.force_login(owner)
    url = reverse("api:steer", args=[session.pk])
    before = session.live_version
    # Login 2, the session and the permission 2, the rounds 1, the test's savepoint 2, the round, the
    # session and its version 3, NOTIFY 1 (PostgreSQL), the session again 1, the wall 4.
    with django_assert_max_num_queries(16):
        first = client.post(url, {"action": "next_round"}, content_type="application/json").json()
    with django_assert_max_num_queries(17):  # the previous round closes too
        second = client.post(url, {"action": "next_round"}, content_type="application/json").json()
    assert (first["version"], second["version"]) == (before + 1, before + 2)
    session.refresh_from_db()
    assert session.live_version == before + 2 and session.current_round_id == second["round"]["id"]


def test_other_kernteam_and_anonymous_see_nothing(client, stranger, assessment, session):
    client.force_login(stranger)
    for url in [reverse("live:overview", args=[assessment.pk]), reverse("live:facilitator", args=[assessment.pk, session.pk]),
                reverse("live:plenary", args=[assessment.pk]), reverse("api:session_wall", args=[session.pk])]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("api:steer", args=[session.pk]), {"action": "close"},
                       content_type="application/json").status_code == 404
    client.logout()
    assert client.get(reverse("api:session_wall", args=[session.pk])).status_code == 401
    session.refresh_from_db()
    assert session.live_status == LiveStatus.LIVE


def test_parallel_sessions_overview_and_plenary_summary(owner_client, assessment, session, invited):
    from mia.dialogues import actions as dialogue_actions

    second = actions.start_live(dialogue_actions.create_session(assessment, name="Groep B"))
    texts = ["De bus rijdt te weinig in het dorp", "Ouderen kunnen niet meer naar de dokter met de bus",
             "Jongeren missen de bus naar school", "De huur stijgt te snel", "Huurders kunnen de huur niet betalen",
             "Bus naar het ziekenhuis is nodig"]
    for target in (session, second):
        round_ = actions.next_round(target)
        for i, text in enumerate(texts):
            person = dialogue_actions.add_participant(target, name="", perspective="samenleving")
            actions.record_consent(person, accept=True)
            actions.submit_card(person, round_id=round_.pk, kind="conclusie", text=f"{text} ({i})",
                                client_id=uuid.uuid4())
    page = owner_client.get(reverse("live:overview", args=[assessment.pk])).content.decode()
    assert "Groep B" in page and codes.display(second.join_code) in page
    rows = state.sessions_overview(assessment)
    assert [r["received"] for r in rows] == [6, 6]
    summary = owner_client.get(reverse("live:plenary", args=[assessment.pk])).content.decode()
    assert "12 kaartjes" in summary and "Groep B 6" in summary
    assert "rode draad" in summary


def test_live_and_paper_cards_are_the_same_records_in_the_report(owner_client, client, assessment, session, invited):
    from mia.dialogues import actions as dialogue_actions

    round_ = actions.next_round(session)
    put_card(client, invited.invite_token, round_.pk, text="Van de telefoon")
    dialogue_actions.save_card(round_, participant=session.participants.last(), kind="idee", text="Van papier")
    report = owner_client.get(reverse("reports:report", args=[assessment.pk])).content.decode()
    assert "Van de telefoon" in report and "Van papier" in report
    assert invited.name not in report


def test_openapi_schema_lists_the_live_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    assert "/api/live/deelnemer/{token}/cards/{client_id}" in paths
    assert "/api/live/join" in paths and "/api/live/sessies/{session_id}" in paths


def test_client_address_behind_trusted_proxies(settings):
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"}
    assert actions.client_address(meta) == "10.0.0.1"
    settings.MIA_PROXY_HOPS = 1
    assert actions.client_address(meta) == "203.0.113.7"  # the spoofable left part is ignored
    assert actions.client_key(meta) != actions.client_key({"REMOTE_ADDR": "10.0.0.1"})


def test_the_database_keeps_one_phone_card_per_kind_but_paper_may_hold_more(session, invited):
    from mia.dialogues import actions as dialogue_actions

    round_ = actions.next_round(session)
    actions.submit_card(invited, round_id=round_.pk, kind="idee", text="Eerste", client_id=uuid.uuid4())
    # What a racing second device would do, past the lookup in submit_card: the constraint stops it.
    with pytest.raises(ConclusionCard.DoesNotExist):
        dialogue_actions.save_card(round_, participant=invited, kind="idee", text="Tweede", source="telefoon")
    for text in ("Papier 1", "Papier 2"):
        dialogue_actions.save_card(round_, participant=invited, kind="idee", text=text)
    assert ConclusionCard.objects.filter(round=round_, participant=invited, kind="idee").count() == 3
