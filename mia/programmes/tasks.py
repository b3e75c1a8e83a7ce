"""The programmes app's kinds of job: reading a large inventory file, and the themes of fase D."""

from __future__ import annotations

import rules
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mia.jobs.registry import JobFailed, register


def _may_view_import(user, job) -> bool:
    from mia.programmes.models import InventoryImport

    record = InventoryImport.objects.filter(pk=job.params.get("import")).select_related("programme").first()
    return record is not None and rules.has_perm("programmes.change_programme", user, record.programme)


def _may_view_cycle(user, job) -> bool:
    from mia.programmes.models import Cycle

    cycle = Cycle.objects.filter(pk=job.params.get("cycle")).select_related("programme").first()
    return cycle is not None and rules.has_perm("programmes.change_programme", user, cycle.programme)


@register("programmes.import_initiatives", label=gettext_lazy("Initiatieven inlezen"), may_view=_may_view_import)
def import_initiatives(context) -> dict:
    from mia.programmes.actions import run_inventory_import
    from mia.programmes.models import InventoryImport

    record = InventoryImport.objects.filter(pk=context.params.get("import")).first()
    if record is None:
        raise JobFailed(_("Deze import bestaat niet meer."))
    if record.status != InventoryImport.Status.QUEUED:
        # A restarted job whose first run got as far as the end: nothing to do again.
        return {"url": reverse("programmes:import", args=[record.programme_id, record.pk])}
    if not record.data:
        raise JobFailed(_("Het bestand is niet meer beschikbaar. Lees het opnieuw in."))
    record = run_inventory_import(record.pk, progress=context.progress)
    url = reverse("programmes:import", args=[record.programme_id, record.pk])
    if record.status == InventoryImport.Status.REFUSED:
        raise JobFailed(_("Het bestand is niet ingelezen: het heeft %(n)d fouten. Bekijk ze op de pagina van de import.")
                        % {"n": len(record.issues)})
    return {"url": url}


@register("programmes.cycle_themes", label=gettext_lazy("Thema’s in de kaartjes zoeken"), may_view=_may_view_cycle)
def cycle_themes(context) -> dict:
    from mia.programmes.evaluation import compute_themes
    from mia.programmes.models import Cycle

    cycle = Cycle.objects.filter(pk=context.params.get("cycle")).first()
    if cycle is None:
        raise JobFailed(_("Deze cyclus bestaat niet meer."))
    compute_themes(cycle, progress=context.progress)
    return {"url": reverse("programmes:evaluation", args=[cycle.programme_id, cycle.pk])}
