"""Downloads: the programme as PDF, DOCX and JSON; the inventory and the gap matrix as CSV and XLSX;
one thema-aanpak as PDF and DOCX; the guidelines card as PDF. Every member of the organisation may read them."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mia.core.exports import csv_response, xlsx_response
from mia.programmes import documents, exchange, matrix, queries
from mia.programmes.access import VIEW, get_cycle_for, get_programme_for

INVENTORY_HEADER = ["naam", "link", "eigenaar", "categorie", "doel", "aanpak", "onderwerp", "doelgroep", "reikwijdte", "thema"]
CUBE_HEADER = ["onderwerp", "doelgroep", "reikwijdte", "aantal", "initiatieven"]


def _name(programme, suffix: str) -> str:
    return f"{slugify(programme.title)[:60] or 'programma'}-{suffix}"


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def inventory_rows(programme) -> list[list[str]]:
    """The inventory in exactly the import's columns, so an export can be edited and read in again."""
    rows = []
    initiatives = programme.initiatives.select_related("category").prefetch_related("topics", "target_groups", "themes")
    for i in initiatives:
        groups = [t.label for t in i.target_groups.all()]
        if i.other_target_group:
            groups.append(f"andere: {i.other_target_group}")
        rows.append([i.name, i.link, i.owner, i.category.label if i.category else "", i.goal, i.approach,
                     "; ".join(t.label for t in i.topics.all()), "; ".join(groups), "; ".join(i.reach_labels),
                     "; ".join(t.title for t in i.themes.all())])
    return rows


@login_required
def inventory_csv(request, pk):
    programme = get_programme_for(request.user, pk, VIEW)
    return csv_response(_name(programme, "initiatieven.csv"), INVENTORY_HEADER, inventory_rows(programme))


@login_required
def inventory_xlsx(request, pk):
    programme = get_programme_for(request.user, pk, VIEW)
    return xlsx_response(_name(programme, "initiatieven.xlsx"), {_("Initiatieven"): (INVENTORY_HEADER, inventory_rows(programme))})


def cube_rows(programme) -> list[list]:
    return [[c["onderwerp"], c["doelgroep"], c["reikwijdte"], c["count"], "; ".join(c["initiatives"])]
            for c in queries.gap_matrix(programme)["cells"]]


@login_required
def matrix_csv(request, pk):
    programme = get_programme_for(request.user, pk, VIEW)
    return csv_response(_name(programme, "kansen-en-leemtes.csv"), CUBE_HEADER, cube_rows(programme))


@login_required
def matrix_xlsx(request, pk):
    programme = get_programme_for(request.user, pk, VIEW)
    a = queries.axes(programme)
    items = queries.matrix_items(programme)
    by_topic = matrix.topic_by_target_group(items, a["topics"], a["target_groups"])
    by_theme = matrix.theme_by_reach(items, a["themes"], a["reaches"])
    sheets = {
        _("Onderwerp x doelgroep"): (["onderwerp", *by_topic.columns.labels], documents._grid_rows(by_topic)),
        _("Thema x reikwijdte"): (["thema", *by_theme.columns.labels], documents._grid_rows(by_theme)),
        _("Alle cellen"): (CUBE_HEADER, cube_rows(programme)),
    }
    return xlsx_response(_name(programme, "kansen-en-leemtes.xlsx"), sheets)


@login_required
def programme_json(request, pk):
    programme = get_programme_for(request.user, pk, VIEW)
    data = json.dumps(exchange.export_programme(programme), ensure_ascii=False, indent=2)
    return _download(data.encode("utf-8"), _name(programme, "programma.json"), "application/json; charset=utf-8")


@login_required
def programme_pdf(request, pk):
    programme = get_programme_for(request.user, pk, VIEW)
    return _download(documents.programme_pdf(programme), _name(programme, "programma.pdf"), "application/pdf")


@login_required
def programme_docx(request, pk):
    programme = get_programme_for(request.user, pk, VIEW)
    return _download(documents.programme_docx(programme), _name(programme, "programma.docx"),
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@login_required
def approach_pdf(request, pk, cycle_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk, VIEW)
    return _download(documents.approach_pdf(cycle), f"thema-aanpak-{slugify(cycle.title)[:60] or cycle.pk}.pdf", "application/pdf")


@login_required
def approach_docx(request, pk, cycle_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk, VIEW)
    return _download(documents.approach_docx(cycle), f"thema-aanpak-{slugify(cycle.title)[:60] or cycle.pk}.docx",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@login_required
def guidelines_pdf(request):
    return _download(documents.guidelines_pdf(), "richtlijnen-voor-dialoog.pdf", "application/pdf")
