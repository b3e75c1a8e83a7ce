"""Privacy: retention erases contact data after the date; a participant's data can be exported
and erased; withdrawal hides reactions and quotes; the report never names anyone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mia.consultations import actions, exports
from mia.consultations.models import Quote, SignUp, SignUpContact
from mia.consultations.privacy import apply_retention, erase_signup, signup_data
from mia.privacy.retention import apply_retention as apply_all

pytestmark = pytest.mark.django_db


def test_retention_erases_contact_data_after_the_date(series, signups):
    assert apply_retention()["signups"] == 0
    later = timezone.now() + dt.timedelta(days=400)
    result = apply_all(365, later)
    assert result["consultations"]["signups"] == len(signups)
    assert not SignUpContact.objects.exists()
    assert all(s.contact_erased_at for s in SignUp.objects.all())
    # Features stay (the characteristics table needs them); a second run does nothing.
    assert SignUp.objects.first().features
    assert apply_retention(later)["signups"] == 0


def test_export_and_erasure_of_one_participant(draft, signups, questions):
    person = signups[0]
    paragraph = draft.paragraphs.first()
    reaction = actions.react(person, paragraph, kind="aanvullen", text="Ook de bibliotheek.")
    data = signup_data(person)
    assert data["naam"] == "Persoon 0" and data["reacties"][0]["tekst"] == "Ook de bibliotheek."
    rec = actions.add_recommendation(questions[0], level="lokaal", text="Bibliotheek langer open.")
    actions.add_quote(rec, source="reactie", source_id=reaction.pk)
    erase_signup(person)
    person.refresh_from_db()
    data = signup_data(person)
    assert data["naam"] is None and data["kenmerken"] == {} and data["reacties"][0]["tekst"] == "(gewist)"
    assert not Quote.objects.exists()
    assert not person.has_consent


def test_withdrawal_on_the_personal_page_hides_everything(client, draft, signups):
    person = signups[0]
    paragraph = draft.paragraphs.first()
    actions.react(person, paragraph, kind="corrigeren", text="Dit klopt niet.")
    response = client.post(reverse("consultations:participant_withdraw", args=[person.token]))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.consent_withdrawn_at is not None
    assert not SignUpContact.objects.filter(signup=person).exists()
    assert client.get(reverse("consultations:participant_draft", args=[person.token, draft.pk])).status_code == 404
    assert "Dit klopt niet." not in exports.report_html(draft.series)
    assert "Dit klopt niet." not in exports.series_json_bytes(draft.series).decode()


def test_no_name_or_contact_in_any_export(draft, signups):
    html = exports.report_html(draft.series)
    data = exports.series_json_bytes(draft.series).decode()
    for person in signups:
        for secret in (person.contact.name, person.contact.phone):
            assert secret not in html and secret not in data
