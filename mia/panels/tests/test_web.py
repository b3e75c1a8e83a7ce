"""The panel pages within an MIA: upload, quotas, selection, report, export, into a session."""

import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mia.panels.models import PanelPool, PanelSelection

AGES = ["18-30", "30-50", "50-65", "65+"]
GENDERS = ["vrouw", "man"]
EDUCATION = ["praktisch", "middelbaar", "theoretisch"]


def people_csv(n=40, seed=1, hostile_name=None):
    rng = random.Random(seed)
    lines = ["id,naam,email,adres,leeftijd,geslacht,opleiding"]
    for i in range(1, n + 1):
        name = hostile_name if (hostile_name and i == 1) else f"Persoon {i}"
        lines.append(f"v{i},{name},v{i}@example.org,Straat {i},{rng.choice(AGES)},{GENDERS[i % 2]},{EDUCATION[i % 3]}")
    return "\n".join(lines).encode()


QUOTAS = b"""feature,value,min,max
leeftijd,18-30,1,3
leeftijd,30-50,1,3
leeftijd,50-65,1,3
leeftijd,65+,1,3
geslacht,vrouw,4,4
geslacht,man,4,4
opleiding,praktisch,2,3
opleiding,middelbaar,2,3
opleiding,theoretisch,2,3
"""


def upload(client, assessment, people=None, quotas=QUOTAS, name="Pool Voorbeeldstad"):
    return client.post(reverse("panels:pool_upload", args=[assessment.pk]), {
        "name": name,
        "people_file": SimpleUploadedFile("vrijwilligers.csv", people if people is not None else people_csv()),
        "quotas_file": SimpleUploadedFile("quota.csv", quotas),
    })


def refused(client, assessment, **files) -> str:
    """Upload files that cannot be used: the job's page says why (Dutch); returns that page."""
    from mia.jobs.models import Job

    response = upload(client, assessment, **files)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = Job.objects.filter(kind="panels.read_pool").first()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == "mislukt"
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()


@pytest.fixture
def pool(owner_client, assessment):
    response = upload(owner_client, assessment)
    assert response.status_code == 302, response.content.decode()[:2000]
    return PanelPool.objects.get(assessment=assessment)


def select(client, assessment, pool, **fields):
    data = {"sel-size": 8, "sel-algorithm": "leximin", "sel-seed": 7}
    data.update({f"sel-{k}": v for k, v in fields.items()})
    return client.post(reverse("panels:select", args=[assessment.pk, pool.pk]), data)


def test_it_reads_a_pool_and_keeps_contact_data_apart(pool):
    assert pool.volunteers.count() == 40
    assert pool.feature_names == ["leeftijd", "geslacht", "opleiding"]
    volunteer = pool.volunteers.get(external_id="v1")
    assert "naam" not in volunteer.features and volunteer.contact.data["naam"] == "Persoon 1"


def test_it_selects_reports_and_repeats_with_the_same_seed(owner_client, assessment, pool):
    response = select(owner_client, assessment, pool)
    assert response.status_code == 302
    selection = PanelSelection.objects.get()
    assert len(selection.result["panel"]) == 8 and selection.seed == 7
    assert abs(sum(selection.result["probabilities"].values()) - 8) < 1e-6
    page = owner_client.get(response["Location"]).content.decode()
    assert "Kleinste kans" in page and "leeftijd" in page and "Persoon 1" not in page
    select(owner_client, assessment, pool)
    first, second = PanelSelection.objects.order_by("pk")
    assert first.result["panel"] == second.result["panel"]


def test_csv_export_has_contact_data_and_neutralises_formulas(owner_client, assessment):
    upload(owner_client, assessment, people=people_csv(hostile_name="=HYPERLINK(\"\"x\"\")"))
    pool = PanelPool.objects.get()
    select(owner_client, assessment, pool, **{"forced_ids": "v1"})
    selection = PanelSelection.objects.get()
    assert "v1" in selection.result["panel"]
    body = owner_client.get(reverse("panels:selection_csv", args=[assessment.pk, pool.pk, selection.pk])).content.decode("utf-8-sig")
    assert "v1@example.org" in body
    import csv

    cells = [cell for row in csv.reader(body.splitlines(), delimiter=";") for cell in row]
    assert "'=HYPERLINK(\"\"x\"\")" in cells or any(c.startswith("'=HYPERLINK") for c in cells)
    assert not any(c.startswith(("=", "+", "@")) for c in cells)


def test_infeasible_quotas_are_explained(owner_client, assessment, pool):
    pool.quotas.filter(feature="geslacht").update(min=6, max=6)
    response = select(owner_client, assessment, pool)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Met deze quota is geen panel mogelijk" in page
    assert "geslacht" in page
    assert not PanelSelection.objects.exists()


def test_quota_edits_are_validated(owner_client, assessment, pool):
    quota = pool.quotas.first()
    data = {}
    for q in pool.quotas.all():
        data.update({f"q{q.pk}-min": q.min, f"q{q.pk}-max": q.max, f"q{q.pk}-population_share": ""})
    data.update({f"q{quota.pk}-min": 5, f"q{quota.pk}-max": 2})
    response = owner_client.post(reverse("panels:quotas", args=[assessment.pk, pool.pk]), data)
    assert response.status_code == 400 and "groter dan het maximum" in response.content.decode()
    data.update({f"q{quota.pk}-min": 1, f"q{quota.pk}-max": 2, f"q{quota.pk}-population_share": "25"})
    assert owner_client.post(reverse("panels:quotas", args=[assessment.pk, pool.pk]), data).status_code == 302
    quota.refresh_from_db()
    assert (quota.min, quota.max, quota.population_share) == (1, 2, 0.25)


def test_a_selected_panel_becomes_session_participants(owner_client, assessment, pool):
    select(owner_client, assessment, pool)
    selection = PanelSelection.objects.get()
    owner_client.get(reverse("dialogues:sessions", args=[assessment.pk]))
    session = assessment.sessions.get()
    response = owner_client.post(
        reverse("panels:selection_to_session", args=[assessment.pk, pool.pk, selection.pk]),
        {"session": session.pk, "perspective": "samenleving"},
    )
    assert response.status_code == 302
    assert session.participants.count() == 8
    assert set(session.participants.values_list("perspective", flat=True)) == {"samenleving"}


@pytest.mark.parametrize(
    "people, quotas, message",
    [
        (people_csv(), b"feature,value,min,max\n", "geen quota"),
        (people_csv().replace(b"vrouw", b"onbekend", 1), QUOTAS, "onbekend"),
        ("id,leeftijd,geslacht,opleiding\n1,ÿ,man,praktisch".encode("cp1252") + b"\xff\xfe", QUOTAS, "staat niet in de quota"),
    ],
)
def test_bad_uploads_get_dutch_messages_on_the_job_page(owner_client, assessment, people, quotas, message):
    from mia.panels.models import PoolUpload

    page = refused(owner_client, assessment, people=people, quotas=quotas)
    assert message in page and "Dit is niet gelukt" in page
    assert not PanelPool.objects.exists() and not PoolUpload.objects.exists()


def test_an_empty_file_is_refused_on_the_form(owner_client, assessment):
    from mia.jobs.models import Job

    response = upload(owner_client, assessment, people=b"")
    assert response.status_code == 400 and "Dit bestand is leeg." in response.content.decode()
    assert not Job.objects.exists()


def test_a_stranger_cannot_see_pools(client, assessment, pool, stranger):
    client.force_login(stranger)
    assert client.get(reverse("panels:pools", args=[assessment.pk])).status_code == 404
    assert client.get(reverse("panels:pool", args=[assessment.pk, pool.pk])).status_code == 404


def test_a_selection_runs_as_a_job_and_leads_to_the_panel(owner_client, assessment, pool):
    from mia.jobs.models import Job

    response = select(owner_client, assessment, pool)
    job = Job.objects.get(kind="panels.select")
    selection = PanelSelection.objects.get()
    assert (job.status, job.percent, job.subject) == ("klaar", 100, f"panels.pool:{pool.pk}")
    assert job.params["seed"] == 7 and job.result["selection"] == selection.pk
    assert response["Location"] == job.result["url"] == reverse("panels:selection", args=[assessment.pk, pool.pk, selection.pk])
    assert owner_client.get(f"/taken/{job.pk}/").status_code == 200


def test_an_empty_seed_is_chosen_when_the_job_starts(owner_client, assessment, pool):
    from mia.jobs.models import Job

    select(owner_client, assessment, pool, seed="")
    job = Job.objects.get(kind="panels.select")
    assert isinstance(job.params["seed"], int) and PanelSelection.objects.get().seed == job.params["seed"]


@pytest.mark.django_db(transaction=True)
def test_the_files_are_read_and_the_solver_runs_with_no_transaction_open(monkeypatch, content):
    from django.db import connection
    from django.test import Client

    from mia.panels import pool_process
    from mia.panels import selection as selection_module
    from mia.tests.factories import make_assessment, make_user

    seen = []
    real, real_read = selection_module.select_panel, pool_process.read_pool_files

    def spy(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    def read_spy(*args, **kwargs):
        seen.append(("read", connection.in_atomic_block))
        return real_read(*args, **kwargs)

    monkeypatch.setattr(selection_module, "select_panel", spy)
    monkeypatch.setattr(pool_process, "read_pool_files", read_spy)
    user = make_user("loter")
    assessment = make_assessment(user)
    client = Client()
    client.force_login(user)
    assert upload(client, assessment).status_code == 302
    assert select(client, assessment, PanelPool.objects.get()).status_code == 302
    assert seen == [("read", False), False] and PanelSelection.objects.count() == 1


def test_infeasible_quotas_stay_explained_on_the_pool_page_and_can_be_drawn_again(owner_client, assessment, pool):
    from mia.jobs.models import Job

    pool.quotas.filter(feature="geslacht").update(min=6, max=6)
    select(owner_client, assessment, pool)
    job = Job.objects.get(kind="panels.select")
    assert job.status == "mislukt" and "geen panel van 8 mensen mogelijk" in job.message
    assert "geslacht" in job.result["explanation"]
    page = owner_client.get(reverse("panels:pool", args=[assessment.pk, pool.pk])).content.decode()
    assert "Met deze quota is geen panel mogelijk" in page and "geslacht" in page
    pool.quotas.filter(feature="geslacht").update(min=4, max=4)
    assert owner_client.post(f"/taken/{job.pk}/opnieuw/").status_code == 302
    job.refresh_from_db()
    assert job.status == "klaar" and PanelSelection.objects.count() == 1
    page = owner_client.get(reverse("panels:pool", args=[assessment.pk, pool.pk])).content.decode()
    assert "Met deze quota is geen panel mogelijk" not in page


def test_a_running_selection_shows_its_progress_and_blocks_a_second_one(owner_client, assessment, pool, owner):
    from mia.jobs.models import Job

    Job.objects.create(kind="panels.select", subject=f"panels.pool:{pool.pk}", params={"pool": pool.pk},
                       status=Job.Status.RUNNING, progress=0.4, step="De eerlijkste loting berekenen", created_by=owner)
    page = owner_client.get(reverse("panels:pool", args=[assessment.pk, pool.pk])).content.decode()
    assert "40</span>% klaar" in page and "De eerlijkste loting berekenen" in page
    response = select(owner_client, assessment, pool)
    assert response.status_code == 400
    assert "Er wordt al een panel geloot uit deze lijst" in response.content.decode()
    assert Job.objects.filter(kind="panels.select").count() == 1


def test_a_selection_waiting_for_the_worker_leads_back_to_the_pool_page(owner_client, assessment, pool, monkeypatch):
    from mia.jobs import queue
    from mia.jobs.models import Job

    monkeypatch.setattr(queue, "enqueue", lambda job: None)  # a worker that has not started it yet
    response = select(owner_client, assessment, pool)
    assert response["Location"] == reverse("panels:pool", args=[assessment.pk, pool.pk])
    assert Job.objects.get(kind="panels.select").status == "wacht"
    page = owner_client.get(response["Location"]).content.decode()
    assert "Wacht op zijn beurt" in page and "data-job-status" in page


def test_a_stranger_can_neither_act_on_pools_nor_see_their_jobs(owner_client, client, assessment, pool, stranger):
    from django.test import Client

    from mia.jobs.models import Job

    select(owner_client, assessment, pool)
    job = Job.objects.get(kind="panels.select")
    selection = PanelSelection.objects.get()
    other = Client()
    other.force_login(stranger)
    assert other.get(f"/taken/{job.pk}/").status_code == 404
    assert other.post(f"/taken/{job.pk}/opnieuw/").status_code == 404
    assert select(other, assessment, pool).status_code == 404
    assert upload(other, assessment).status_code == 404
    assert other.post(reverse("panels:quotas", args=[assessment.pk, pool.pk]), {}).status_code == 404
    assert other.post(reverse("panels:selection_to_session", args=[assessment.pk, pool.pk, selection.pk])).status_code == 404
    assert other.get(reverse("panels:selection_csv", args=[assessment.pk, pool.pk, selection.pk])).status_code == 404
    assert Job.objects.filter(kind="panels.select").count() == 1


def test_actions_refuse_a_get(owner_client, assessment, pool):
    for name, args in [("pool_upload", [assessment.pk]), ("select", [assessment.pk, pool.pk]),
                       ("quotas", [assessment.pk, pool.pk])]:
        assert owner_client.get(reverse(f"panels:{name}", args=args)).status_code == 405


def test_the_panel_pages_speak_plain_dutch(owner_client, assessment, pool):
    """No jargon or English on the pages (pool, seed, leximin, samenstellingen, quota file columns)."""
    import re

    import lxml.html

    select(owner_client, assessment, pool)
    selection = PanelSelection.objects.get(pool=pool)
    pages = [
        owner_client.get(reverse("panels:pools", args=[assessment.pk])),
        owner_client.get(reverse("panels:pool", args=[assessment.pk, pool.pk])),
        owner_client.get(reverse("panels:selection", args=[assessment.pk, pool.pk, selection.pk])),
    ]
    for response in pages:
        main = lxml.html.fromstring(response.content.decode()).find(".//main")
        for aside in main.iterfind(".//aside"):  # the instrument's guide beside the page
            aside.drop_tree()
        visible = " ".join(main.text_content().split())
        visible = visible.replace(pool.name, "")
        for word in ("pool", "seed", "leximin", "samenstelling", "quotum"):
            assert not re.search(rf"\b{word}", visible, re.IGNORECASE), (word, response.request["PATH_INFO"])
    assert "zo groot mogelijke kans" in pages[0].content.decode()


@pytest.mark.parametrize("huge", [str(10**23), "1e23", "9" * 30])
def test_quota_file_and_quota_edit_with_huge_numbers_get_dutch_messages(owner_client, assessment, huge):
    quotas = QUOTAS.replace(b"leeftijd,18-30,1,3", f"leeftijd,18-30,1,{huge}".encode())
    assert "te groot" in refused(owner_client, assessment, quotas=quotas)
    assert not PanelPool.objects.exists()
    pool = PanelPool.objects.get(pk=upload(owner_client, assessment).url.rstrip("/").split("/")[-1])
    data = {}
    for q in pool.quotas.all():
        data.update({f"q{q.pk}-min": q.min, f"q{q.pk}-max": huge, f"q{q.pk}-population_share": ""})
    response = owner_client.post(reverse("panels:quotas", args=[assessment.pk, pool.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400 and ("te groot" in page or "Vul een heel getal in." in page)
    assert max(pool.quotas.values_list("max", flat=True)) <= 4


def test_pool_file_with_a_300_character_id_or_label_gets_a_dutch_message(owner_client, assessment):
    long_id = "v" * 300
    page = refused(owner_client, assessment, people=people_csv().replace(b"v1,", long_id.encode() + b",", 1))
    assert "langer dan 200 tekens" in page
    long_value = "x" * 300
    quotas = QUOTAS + f"woonplaats,{long_value},0,1\n".encode()
    assert "langer dan 200 tekens" in refused(owner_client, assessment, quotas=quotas)
    assert not PanelPool.objects.exists()
    ok = people_csv().replace(b"v1,", b"v" * 200 + b",", 1)
    assert upload(owner_client, assessment, people=ok).status_code == 302
    assert PanelPool.objects.get().volunteers.filter(external_id="v" * 200).exists()
