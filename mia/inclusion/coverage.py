"""“Wie ontbreekt?” for the groups of people around a trajectory, through the one lens
(``mia.instrument.factors``): the working group, the policies checked with the vlechtwerk, the
participants of every MIA-dialoog linked to the participation plan, and any people file."""

from __future__ import annotations

import rules
from django.utils.translation import gettext as _

from mia.core.tables import TableError, read_table
from mia.inclusion.models import Trajectory
from mia.inclusion.report import working_group_coverage
from mia.instrument.factors import TableCoverage, coverage_for_members, coverage_for_people, coverage_for_table
from mia.panels.selection.pool import is_contact_column


def trajectory_coverage(trajectory: Trajectory, user) -> list[dict]:
    sections = [{
        "title": _("De werkgroep"),
        "caption": _("Factoren van het vlechtwerk en de leden die er kennis, ervaring of een netwerk over inbrengen"),
        "source_label": _("Leden"),
        "coverage": working_group_coverage(trajectory),
        "empty": not trajectory.working_group.members.exists(),
        "empty_text": _("De werkgroep heeft nog geen leden."),
    }]
    checks = list(trajectory.checks.prefetch_related("factor_answers"))
    sections.append({
        "title": _("De vlechtwerkchecks"),
        "caption": _("Factoren en de getoetste beleidsstukken waarin ze zijn bekeken"),
        "source_label": _("Bekeken in"),
        "coverage": coverage_for_members({c.name: [a.factor for a in c.factor_answers.all()] for c in checks}),
        "empty": not checks,
        "empty_text": _("Er is nog geen beleid getoetst met het vlechtwerk."),
    })
    for activity in trajectory.participation.activities.select_related("assessment"):
        assessment = activity.assessment
        if assessment is None or not rules.has_perm("assessments.view_assessment", user, assessment):
            continue
        sections.append(_assessment_section(assessment, activity.title))
    return sections


def _assessment_section(assessment, activity_title: str) -> dict:
    from mia.dialogues.models import Participant

    participants = Participant.objects.filter(session__assessment=assessment).prefetch_related("groups")
    people = {p.pseudonym: [g.code for g in p.groups.all()] for p in participants}
    return {
        "title": _("Deelnemers van de MIA ‘%(title)s’ (%(activity)s)") % {"title": assessment.title, "activity": activity_title},
        "caption": _("Factoren en de deelnemers die spreken voor een groep die de factor raakt"),
        "source_label": _("Deelnemers"),
        "coverage": coverage_for_people(people, focus_groups=[g.code for g in assessment.groups.all()]),
        "empty": not people,
        "empty_text": _("Deze MIA heeft nog geen deelnemers."),
    }


def people_file_coverage(data: bytes, name: str, declared: dict | None = None) -> tuple[TableCoverage | None, list[str]]:
    """A people file (any file the panel selection accepts) against the weave. The id column and
    contact columns are left out, as the panel selection does; nothing is stored."""
    try:
        table = read_table(data, name=name)
    except TableError as error:
        return None, [str(issue) for issue in error.issues]
    skip = [column for column in table.header if column and (column.strip().casefold() == "id" or is_contact_column(column))]
    result = coverage_for_table(table.header, [cells for _number, cells in table.rows], skip=skip, declared=declared)
    return result, list(table.warnings)
