"""Issue 11 item 12 and issue 10 item 8: colleagues are chosen from the own organisation; anyone
else gets an e-mail with a one-time link, and nobody can find users of other organisations."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from mia.assessments import actions
from mia.assessments.models import AssessmentMember, MemberInvitation
from mia.tests.factories import make_assessment, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def sanne(db):
    return make_user("sanne", organisation="Gemeente Elders", first_name="Sanne", last_name="de Vries")


@pytest.fixture
def colleague(db):
    return make_user("piet", first_name="Piet", last_name="Jansen")


def _members_url(assessment):
    return reverse("assessments:members", args=[assessment.pk])


def test_users_cannot_be_discovered_across_organisations(owner_client, assessment, sanne):
    page = owner_client.get(_members_url(assessment)).content.decode()
    assert "Sanne" not in page and "sanne" not in page
    # Posting her id (guessed) to the direct-add form does not add her, and says nothing about her.
    response = owner_client.post(_members_url(assessment), {"user": sanne.pk, "role": "kernteam"})
    assert response.status_code == 400
    assert "Sanne" not in response.content.decode()
    assert not AssessmentMember.objects.filter(user=sanne).exists()
    # An invitation to her address answers exactly as one to an unknown address.
    answers = []
    for email in ("sanne@example.org", "onbekend@example.org"):
        response = owner_client.post(reverse("assessments:member_invite", args=[assessment.pk]),
                                     {"uitnodiging-email": email, "uitnodiging-role": "lezer"}, follow=True)
        answers.append(response.content.decode().replace(email, "ADRES"))
    assert "Sanne de Vries" not in answers[0] and "toegevoegd" not in answers[0]
    assert answers[0].count("Er is een uitnodiging gestuurd naar ADRES") == 1
    assert not AssessmentMember.objects.filter(user=sanne).exists()


def test_add_member_refuses_other_organisations_in_the_action(assessment, sanne):
    with pytest.raises(actions.ActionError, match="eigen organisatie"):
        actions.add_member(assessment, sanne, "kernteam")


def test_colleagues_of_the_own_organisation_are_chosen_from_a_list(owner_client, assessment, colleague, sanne):
    page = owner_client.get(_members_url(assessment)).content.decode()
    assert "Piet Jansen (piet)" in page
    response = owner_client.post(_members_url(assessment), {"user": colleague.pk, "role": "kernteam"}, follow=True)
    assert "Piet Jansen is toegevoegd" in response.content.decode()
    assert assessment.memberships.filter(user=colleague, role="kernteam").exists()


def test_invitation_by_email_with_a_one_time_link(owner_client, assessment, sanne):
    from django.test import Client

    client = Client()
    owner_client.post(reverse("assessments:member_invite", args=[assessment.pk]),
                      {"uitnodiging-email": "sanne@example.org", "uitnodiging-role": "kernteam"})
    [message] = mail.outbox
    assert message.to == ["sanne@example.org"] and assessment.title in message.body
    link = re.search(r"https?://\S+", message.body).group(0)
    path = link.split("testserver", 1)[1]
    invitation = MemberInvitation.objects.get()
    assert invitation.token_hash not in message.body and path.rstrip("/").split("/")[-1] not in invitation.token_hash

    # Not logged in: to the login page first. Logged in: the page shows the invitation, a GET adds nothing.
    assert client.get(path).status_code == 302
    client.force_login(sanne)
    page = client.get(path)
    assert page.status_code == 200 and assessment.title in page.content.decode()
    assert not AssessmentMember.objects.filter(user=sanne).exists()
    accept = path + "aannemen/"
    response = client.post(accept)
    assert response.status_code == 302
    assert AssessmentMember.objects.get(user=sanne, assessment=assessment).role == "kernteam"
    assert assessment.title in client.get(reverse("assessments:list")).content.decode()
    # One time only.
    assert client.get(path).status_code == 404 and client.post(accept).status_code == 404
    other = make_user("derde", organisation="Nog een gemeente")
    client.force_login(other)
    assert client.post(accept).status_code == 404
    assert not AssessmentMember.objects.filter(user=other).exists()


def test_invitations_expire_and_wrong_tokens_are_404(client, owner, assessment, sanne):
    from datetime import timedelta

    from django.utils import timezone

    invitation = actions.invite_member(assessment, "sanne@example.org", "lezer", owner, accept_url=lambda t: f"TOKEN:{t}")
    token = re.search(r"TOKEN:(\S+)", mail.outbox[0].body).group(1)
    client.force_login(sanne)
    assert client.get(reverse("assessments:invitation", args=[token])).status_code == 200
    MemberInvitation.objects.filter(pk=invitation.pk).update(created_at=timezone.now() - timedelta(days=15))
    assert client.get(reverse("assessments:invitation", args=[token])).status_code == 404
    for wrong in ("x", "a" * 300, "%00"):
        assert client.get(f"/mia/uitnodiging/{wrong}/").status_code == 404


def _invite(owner, assessment, email="sanne@example.org", role="kernteam"):
    invitation = actions.invite_member(assessment, email, role, owner, accept_url=lambda t: f"TOKEN:{t}")
    token = re.search(r"TOKEN:(\S+)", mail.outbox[-1].body).group(1)
    return invitation, token


def test_invitation_link_is_bound_to_the_invited_email(client, owner, assessment, sanne):
    """Whoever else holds the link (forwarded, leaked) cannot take the invitation, nor learn the MIA."""
    invitation, token = _invite(owner, assessment)
    other = make_user("derde", organisation="Nog een gemeente")
    client.force_login(other)
    page = client.get(reverse("assessments:invitation", args=[token]))
    assert page.status_code == 403
    text = page.content.decode()
    assert "Deze uitnodiging is voor een ander e-mailadres" in text
    assert assessment.title not in text and "sanne@example.org" not in text
    response = client.post(reverse("assessments:invitation_accept", args=[token]))
    assert response.status_code == 403 and "ander e-mailadres" in response.content.decode()
    assert not AssessmentMember.objects.filter(user=other).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None  # still open for the invited person
    # The action refuses too, whatever view calls it.
    with pytest.raises(actions.ActionError, match="ander e-mailadres"):
        actions.accept_invitation(invitation, other)
    # An account without an address never matches.
    other.email = ""
    other.save()
    with pytest.raises(actions.ActionError, match="ander e-mailadres"):
        actions.accept_invitation(invitation, other)


def test_invited_email_may_accept_in_any_case_of_letters(client, owner, assessment, sanne):
    _invitation, token = _invite(owner, assessment, email="Sanne@Example.ORG ")
    client.force_login(sanne)
    assert client.get(reverse("assessments:invitation", args=[token])).status_code == 200
    assert client.post(reverse("assessments:invitation_accept", args=[token])).status_code == 302
    assert AssessmentMember.objects.filter(user=sanne, assessment=assessment, role="kernteam").exists()


def test_invite_form_refuses_bad_input_in_dutch(owner_client, assessment):
    url = reverse("assessments:member_invite", args=[assessment.pk])
    for email, role in (("", "kernteam"), ("geen-adres", "kernteam"), ("a@example.org", "superbaas"),
                        ("<script>@x", "lezer"), ("a" * 300 + "@example.org", "lezer")):
        response = owner_client.post(url, {"uitnodiging-email": email, "uitnodiging-role": role})
        assert response.status_code == 400
        assert "<script>@x" not in response.content.decode()
    assert not mail.outbox and not MemberInvitation.objects.exists()


def test_only_the_kernteam_may_invite(client, assessment, reader, stranger):
    url = reverse("assessments:member_invite", args=[assessment.pk])
    for user in (reader, stranger):
        client.force_login(user)
        assert client.post(url, {"uitnodiging-email": "x@example.org", "uitnodiging-role": "kernteam"}).status_code == 404
    client.logout()
    assert client.post(url, {"uitnodiging-email": "x@example.org", "uitnodiging-role": "kernteam"}).status_code == 302
    assert not mail.outbox


def test_invitation_texts_pass_the_b1_check(owner, assessment):
    from mia.analysis.readability import check_text

    actions.invite_member(assessment, "x@example.org", "kernteam", owner, accept_url=lambda t: "https://mia.example.nl/x/")
    body = mail.outbox[0].body.replace("https://mia.example.nl/x/", "")
    report = check_text(body)
    assert report.is_b1, report.verdict


def test_other_assessments_stay_out_of_reach(owner_client, owner, sanne):
    other = make_assessment(sanne, title="MIA van een andere gemeente")
    assert owner_client.get(_members_url(other)).status_code == 404
    assert owner_client.post(reverse("assessments:member_invite", args=[other.pk]),
                             {"uitnodiging-email": "x@example.org", "uitnodiging-role": "kernteam"}).status_code == 404


def test_members_page_is_in_the_step_navigation(owner_client, assessment):
    page = owner_client.get(reverse("assessments:scan", args=[assessment.pk])).content.decode()
    nav = page[page.index('class="step-nav"'):]
    nav = nav[:nav.index("</nav>")]
    assert _members_url(assessment) in nav and "Kernteam en lezers" in nav


def test_retention_deletes_invitations_nobody_accepted_once_the_link_expired(owner_client, owner, assessment, sanne):
    from datetime import timedelta

    from django.utils import timezone

    from mia.privacy.retention import apply_retention

    expired, _token = _invite(owner, assessment, email="verlopen@example.org")
    fresh, _token = _invite(owner, assessment, email="nieuw@example.org")
    taken, token = _invite(owner, assessment, email="sanne@example.org")
    actions.accept_invitation(taken, sanne)
    long_ago = timezone.now() - timedelta(days=MemberInvitation.VALID_DAYS + 1)
    MemberInvitation.objects.filter(pk__in=[expired.pk, taken.pk]).update(created_at=long_ago)
    # An expired invitation is no longer listed as open on the members page.
    page = owner_client.get(_members_url(assessment)).content.decode()
    assert "nieuw@example.org" in page and "verlopen@example.org" not in page

    assert apply_retention(365)["member_invitations"] == 1
    assert set(MemberInvitation.objects.values_list("email", flat=True)) == {"nieuw@example.org", "sanne@example.org"}
    assert AssessmentMember.objects.filter(user=sanne, assessment=assessment).exists()
