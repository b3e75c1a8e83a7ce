"""A PDF that is too large stops at its time or memory limit, in a child process (issue 11, item 10)."""

import pytest

from mia.core.pdf_process import DocumentTooLarge, render_pdf_limited

SMALL = "<html lang='nl'><head><title>Rapport</title></head><body><h1>Rapport</h1><p>De bus.</p></body></html>"


def test_a_normal_pdf_is_made_in_the_child_process():
    assert render_pdf_limited(SMALL, seconds=120).startswith(b"%PDF")


def test_a_huge_pdf_stops_at_the_time_limit_with_a_dutch_message():
    huge = "<html lang='nl'><head><title>x</title></head><body>" + "<p>Kaartje over de bus.</p>" * 300_000 + "</body></html>"
    with pytest.raises(DocumentTooLarge, match="duurde langer dan 3 seconden"):
        render_pdf_limited(huge, seconds=3)


def test_a_pdf_that_needs_more_memory_than_allowed_fails_with_a_dutch_message():
    with pytest.raises(DocumentTooLarge, match="te groot voor het geheugen"):
        render_pdf_limited(SMALL, seconds=120, memory_mb=60)  # too little for Python and WeasyPrint


@pytest.mark.django_db
def test_report_pdf_too_large_is_a_message_on_the_report_page(owner_client, assessment, monkeypatch):
    from django.urls import reverse

    from mia.reports import render

    def too_large(html, **kwargs):
        raise DocumentTooLarge("Het maken van de PDF duurde langer dan 120 seconden en is gestopt.")

    monkeypatch.setattr(render, "render_pdf_limited", too_large)
    response = owner_client.get(reverse("reports:pdf", args=[assessment.pk]), follow=True)
    assert response.status_code == 200 and "duurde langer dan 120 seconden" in response.content.decode()
