"""The kernteam's MIA-Chart for display: ratings per member, the MIA-score and its SVG."""

from mia.assessments.chart_svg import chart_svg
from mia.assessments.models import Assessment
from mia.assessments.scoring import mia_score


def chart_summary(assessment: Assessment) -> dict:
    """The team's MIA-score per statement, and each member's scores, for display."""
    statements = list(assessment.content_version.chartstatement_set.all())
    kernteam = [m.user for m in assessment.memberships.filter(role="kernteam").select_related("user")]
    ratings = {(r.statement_id, r.member_id): r for r in assessment.chart_ratings.all()}
    scores = mia_score({s.number: [getattr(ratings.get((s.pk, u.pk)), "score", None) for u in kernteam] for s in statements})
    rows = [
        {"statement": s, "score": score, "ratings": [(u, ratings.get((s.pk, u.pk))) for u in kernteam]}
        for s, score in zip(statements, scores, strict=False)
    ]
    return {"score_rows": rows, "kernteam": kernteam, "scores": scores, "svg": chart_svg(scores)}
