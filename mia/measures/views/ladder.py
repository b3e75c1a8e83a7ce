"""The impact ladder and the matrix per scenario, and placing measures on them."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.measures import actions
from mia.measures.access import get_in_workspace
from mia.measures.forms import PlacementForm
from mia.measures.models import MeasureScenario
from mia.measures.placements import ladder_context
from mia.measures.views.common import CHANGE, done, level_labels, page, with_workspace


@with_workspace()
def ladder_start(request, workspace):
    first = workspace.scenarios.first()
    if first is None:  # every workspace keeps one (actions.delete_scenario), but a page must not break
        return redirect("measures:settings", workspace.pk)
    return redirect("measures:scenario_ladder", workspace.pk, first.pk)


def _ladder_page(request, workspace, scenario, form=None, status=200):
    impact_labels, effectiveness_labels = level_labels(workspace)
    if form is None:
        impacts = {mi.measure_id: mi for mi in MeasureScenario.objects.filter(scenario=scenario)}
        form = PlacementForm(measures=workspace.measures.all(), impacts=impacts, impact_levels=impact_labels,
                             effectiveness_levels=effectiveness_labels)
    return page(request, "measures/ladder.html", workspace, "ladder", status=status, scenario=scenario,
                scenarios=workspace.scenarios.all(), form=form, impact_labels=impact_labels,
                effectiveness_labels=effectiveness_labels, **ladder_context(workspace, scenario))


@with_workspace()
def scenario_ladder(request, workspace, scenario):
    return _ladder_page(request, workspace, get_in_workspace(workspace.scenarios, workspace, scenario))


@with_workspace(CHANGE)
@require_POST
def place(request, workspace, scenario):
    scenario = get_in_workspace(workspace.scenarios, workspace, scenario)
    impact_labels, effectiveness_labels = level_labels(workspace)
    form = PlacementForm(request.POST, measures=workspace.measures.all(), impacts={}, impact_levels=impact_labels,
                         effectiveness_levels=effectiveness_labels)
    if not form.is_valid():
        return _ladder_page(request, workspace, scenario, form, status=400)
    changed = actions.place_on_ladder(scenario, form.placements())
    return done(request, _("%(n)d maatregel(en) opnieuw geplaatst.") % {"n": changed}, "measures:scenario_ladder", workspace.pk, scenario.pk)
