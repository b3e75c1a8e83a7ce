"""Bad input: the sign-up page (empty, overlong, hostile, floods, bots), photos (20 MB, a script
that claims to be an image, metadata), sign-up files with wrong columns, the JSON import, a
reaction after the deadline. Always a Dutch message, never a stack trace, nothing stored lost."""

from __future__ import annotations

import io
import json
import time

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from mia.consultations import actions, exports
from mia.consultations.models import SignUp
from mia.consultations.schema import ImportError_, import_series

pytestmark = pytest.mark.django_db


def started(seconds_ago: float = 10) -> str:
    return signing.dumps(timezone.now().timestamp() - seconds_ago, salt="consultations.signup")


def valid_post(series, **overrides):
    data = {"name": "Fatima", "phone": "0612345678", "email": "", "heard_via": "flyer", "consent": "on", "started": started()}
    for i, f in enumerate(series.features):
        data[f"feature_{i}"] = f["categories"][0]
    data.update(overrides)
    return data


def submit(client, series, data, **extra):
    return client.post(reverse("consultations:signup_submit", args=[series.signup_token]), data, **extra)


def test_a_good_sign_up_lands_on_the_personal_page(client, series, sessions):
    response = submit(client, series, valid_post(series, available=[sessions[0].pk]))
    assert response.status_code == 302
    person = SignUp.objects.get()
    assert response["Location"] == reverse("consultations:participant", args=[person.token])
    assert person.contact.name == "Fatima" and person.has_consent and list(person.available.all()) == [sessions[0]]


def test_empty_sign_up(client, series):
    response = submit(client, series, {"started": started()})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vul dit veld in." in page and "Kies een antwoord." in page and "Zonder toestemming" in page
    assert not SignUp.objects.exists()


def test_overlong_hostile_and_emoji_input(client, series):
    response = submit(client, series, valid_post(series, name="x" * 5000))
    assert response.status_code == 400 and "Dit is te lang" in response.content.decode()
    response = submit(client, series, valid_post(series, name="Anna\x00"))
    assert response.status_code == 400 and "niet toegestaan" in response.content.decode()
    response = submit(client, series, valid_post(series, name="<script>alert(1)</script>=HYPERLINK(\"x\") 😀\x07\x1b"))
    assert response.status_code == 302
    person = SignUp.objects.get()
    assert "\x07" not in person.contact.name and "😀" in person.contact.name
    # Escaped on every page it appears on; defused in CSV/XLSX.
    from django.contrib.auth import get_user_model
    from django.test import Client

    organiser = Client()
    organiser.force_login(get_user_model().objects.get(username="eigenaar"))
    page = organiser.get(reverse("consultations:signups", args=[series.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_a_feature_outside_the_list_and_a_forged_session(client, series, sessions):
    response = submit(client, series, valid_post(series, feature_0="99-120"))
    assert response.status_code == 400 and "Kies een antwoord uit de lijst." in response.content.decode()
    response = submit(client, series, valid_post(series, available=["999999"]))
    assert response.status_code == 400
    assert not SignUp.objects.exists()


def test_bots_honeypot_speed_and_forged_timestamp(client, series):
    assert submit(client, series, valid_post(series, website="http://spam.example")).status_code == 400
    assert submit(client, series, valid_post(series, started=started(0))).status_code == 400
    assert submit(client, series, valid_post(series, started="forged")).status_code == 400
    assert not SignUp.objects.exists()


def test_a_flood_from_one_address_is_stopped(client, series):
    codes = [submit(client, series, valid_post(series, name=f"Bot {i}"), REMOTE_ADDR="203.0.113.9").status_code for i in range(1000)]
    assert codes.count(302) == actions.SIGNUPS_PER_HOUR
    assert SignUp.objects.count() == actions.SIGNUPS_PER_HOUR
    last = submit(client, series, valid_post(series), REMOTE_ADDR="203.0.113.9")
    assert "Probeer het over een uur opnieuw" in last.content.decode()
    # Another address still gets through.
    assert submit(client, series, valid_post(series), REMOTE_ADDR="198.51.100.7").status_code == 302


def test_a_closed_sign_up_page(client, series):
    actions.set_signup_open(series, False)
    assert client.get(reverse("consultations:signup", args=[series.signup_token])).status_code == 200
    assert submit(client, series, valid_post(series)).status_code == 400
    assert not SignUp.objects.exists()


def _jpeg_with_exif(size=(3000, 2000)) -> bytes:
    from PIL import Image

    image = Image.new("RGB", size, "blue")
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_photos_are_checked_resized_and_stripped(sessions):
    from PIL import Image

    creation = actions.add_creation(sessions[0], title="Prototype", kind="prototype", image=_jpeg_with_exif())
    image = Image.open(io.BytesIO(bytes(creation.image)))
    assert max(image.size) == actions.MAX_IMAGE_SIDE
    assert not image.getexif() and b"Camera maker" not in bytes(creation.image)
    with pytest.raises(actions.ConsultationError, match="geen foto"):
        actions.add_creation(sessions[0], title="Script", image=b"<script>alert(1)</script>" * 10)
    with pytest.raises(actions.ConsultationError, match="geen foto"):
        actions.add_creation(sessions[0], title="Svg", image=b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    with pytest.raises(actions.ConsultationError, match="te groot"):
        actions.add_creation(sessions[0], title="Groot", image=b"\xff\xd8" + b"0" * (20 * 1024 * 1024))
    assert sessions[0].creations.count() == 1


def test_a_20_mb_upload_through_the_page(client, owner, series, sessions, settings):
    client.force_login(owner)
    upload = io.BytesIO(b"\xff\xd8" + b"0" * (20 * 1024 * 1024))
    upload.name = "groot.jpg"
    response = client.post(reverse("consultations:add_creation", args=[series.pk, sessions[0].pk]),
                           {"title": "Groot", "kind": "prototype", "image": upload})
    assert response.status_code in (400, 413)
    assert not sessions[0].creations.exists()


def test_sign_up_file_with_wrong_columns_and_bad_rows(series, sessions):
    with pytest.raises(actions.ConsultationError, match="mist de kolom"):
        actions.import_signups(series, b"voornaam;telefoonnummer\nAnna;0612\n", name="a.csv")
    header = "naam;telefoon;email;" + ";".join(f["name"] for f in series.features)
    good = ";".join(f["categories"][0] for f in series.features)
    data = f"{header}\nAnna;0612345678;;{good}\nBob;;;{good}\nCees;0611111111;;{good.replace('18-30', 'oud')}\n"
    with pytest.raises(actions.ConsultationError) as error:
        actions.import_signups(series, data.encode("utf-8"), name="a.csv")
    assert "Rij 3" in str(error.value) and "Rij 4" in str(error.value)
    assert not SignUp.objects.exists()
    with pytest.raises(actions.ConsultationError):
        actions.import_signups(series, b"\xff\xfe\x00garbage\x00", name="a.xlsx")
    # A good file in cp1252 with a formula and a session column.
    comma_header, comma_good = header.replace(";", ","), good.replace(";", ",")
    data = f"{comma_header},sessies\n=HYPERLINK(x),0612345678,,{comma_good},Amsterdam\nJosé,0622222222,,{comma_good},\"Zwolle;Utrecht\"\n"
    assert actions.import_signups(series, data.encode("cp1252"), name="a.csv") == 2
    names = sorted(s.contact.name for s in SignUp.objects.all())
    assert names[0].startswith("'=") or not names[0].startswith("=")
    assert "José" in names
    jose = SignUp.objects.get(contact__name="José")
    assert sorted(s.title for s in jose.available.all()) == ["Utrecht", "Zwolle"]


def test_json_import_refuses_bad_files_and_roundtrips(series, sessions, questions, owner, organisation):
    for bad in (b"", b"not json", b"[]", json.dumps({"format": "iets anders"}).encode(), b"[" * 100000,
                json.dumps({"format": "mia-raadplegingsreeks-v1", "title": "", "features": [], "questions": []}).encode()):
        with pytest.raises(ImportError_):
            import_series(bad, owner, organisation)
    data = exports.series_json_bytes(series)
    copy = import_series(data, owner, organisation)
    assert copy.pk != series.pk and copy.sessions.count() == 3 and copy.questions.count() == 2


def test_reaction_after_the_deadline_through_the_page(client, draft, signups):
    paragraph = draft.paragraphs.first()
    actions.set_deadline(draft, timezone.now() - timezone.timedelta(seconds=1))
    time.sleep(0.01)
    response = client.post(reverse("consultations:participant_react", args=[signups[0].token, paragraph.pk]),
                           {f"p{paragraph.pk}-kind": "aanvullen", f"p{paragraph.pk}-text": "Te laat"})
    assert response.status_code in (200, 400)
    assert not paragraph.reactions.exists()
