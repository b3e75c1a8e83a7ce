"""Clusters and packages of measures, with the stacking per vulnerable group."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.measures import actions
from mia.measures.access import get_in_workspace
from mia.measures.forms import PackageForm, PackageLevelForm
from mia.measures.models import Package
from mia.measures.placements import package_code, stacking_context
from mia.measures.views.common import CHANGE, done, level_labels, page, with_workspace
from mia.measures.views.fiches import _download


def _package(workspace, pk) -> Package:
    return get_in_workspace(Package.objects.select_related("workspace"), workspace, pk)


@with_workspace()
def package_list(request, workspace):
    return page(request, "measures/packages.html", workspace, "packages", packages=workspace.packages.prefetch_related("measures"))


def _form_page(request, workspace, form, package=None, status=200):
    return page(request, "measures/package_form.html", workspace, "packages", form=form, package=package, status=status)


@with_workspace(CHANGE)
def package_new(request, workspace):
    return _form_page(request, workspace, PackageForm(workspace=workspace))


@with_workspace(CHANGE)
@require_POST
def package_create(request, workspace):
    form = PackageForm(request.POST, workspace=workspace)
    if form.is_valid():
        try:
            package = actions.create_package(workspace, **form.cleaned_data)
        except actions.MeasuresError as error:
            form.add_error("name", str(error))
        else:
            return done(request, _("Opgeslagen. Hieronder ziet u de stapeling per groep."), "measures:package", workspace.pk, package.pk)
    return _form_page(request, workspace, form, status=400)


@with_workspace(CHANGE)
def package_edit(request, workspace, pk):
    package = _package(workspace, pk)
    initial = {"kind": package.kind, "name": package.name, "description": package.description, "measures": list(package.measures.all())}
    return _form_page(request, workspace, PackageForm(workspace=workspace, initial=initial), package)


@with_workspace(CHANGE)
@require_POST
def package_update(request, workspace, pk):
    package = _package(workspace, pk)
    form = PackageForm(request.POST, workspace=workspace)
    if form.is_valid():
        try:
            actions.update_package(package, **form.cleaned_data)
        except actions.MeasuresError as error:
            form.add_error("name", str(error))
        else:
            return done(request, _("Opgeslagen."), "measures:package", workspace.pk, package.pk)
    return _form_page(request, workspace, form, package, status=400)


@with_workspace(CHANGE)
@require_POST
def package_delete(request, workspace, pk):
    actions.delete_package(_package(workspace, pk))
    return done(request, _("Verwijderd."), "measures:packages", workspace.pk)


def _package_page(request, workspace, package, *, status=200, bound=None):
    impact_labels, effectiveness_labels = level_labels(workspace)
    own = {pl.scenario_id: pl for pl in package.levels.all()}
    level_forms = []
    for scenario in workspace.scenarios.all():
        pl = own.get(scenario.pk)
        initial = {f: getattr(pl, f) for f in ("social_level", "economic_level", "effectiveness_level", "explanation")} if pl else {}
        form = (bound or {}).get(scenario.pk) or PackageLevelForm(prefix=f"pl{scenario.pk}", initial=initial,
                                                                 impact_levels=impact_labels, effectiveness_levels=effectiveness_labels)
        level_forms.append((scenario, form, pl))
    return page(request, "measures/package.html", workspace, "packages", status=status, package=package,
                code=package_code(package), level_forms=level_forms, **stacking_context(package))


@with_workspace()
def package_detail(request, workspace, pk):
    return _package_page(request, workspace, _package(workspace, pk))


@with_workspace(CHANGE)
@require_POST
def package_level_set(request, workspace, pk, scenario):
    package = _package(workspace, pk)
    scenario_obj = get_in_workspace(workspace.scenarios, workspace, scenario)
    impact_labels, effectiveness_labels = level_labels(workspace)
    form = PackageLevelForm(request.POST, prefix=f"pl{scenario_obj.pk}", impact_levels=impact_labels,
                            effectiveness_levels=effectiveness_labels)
    if form.is_valid():
        actions.set_package_level(package, scenario_obj, **form.cleaned_data)
        return done(request, _("De plaats op de ladder is opgeslagen."), "measures:package", workspace.pk, package.pk)
    return _package_page(request, workspace, package, status=400, bound={scenario_obj.pk: form})


@with_workspace()
def package_pdf(request, workspace, pk):
    from mia.measures.documents import package_pdf as build

    package = _package(workspace, pk)
    return _download(build(package), "application/pdf", f"pakket-{package.pk}.pdf")


@with_workspace()
def package_docx(request, workspace, pk):
    from mia.measures.documents import DOCX
    from mia.measures.documents import package_docx as build

    package = _package(workspace, pk)
    return _download(build(package), DOCX, f"pakket-{package.pk}.docx")
