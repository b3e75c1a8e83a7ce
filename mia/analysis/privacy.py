"""Personal data in the analysis app: the texts of uploaded responses.

An uploaded file of responses (a survey, a consultation) is kept as its texts, ids and group
labels (``ResponseAnalysis.texts``, ``ids``, ``groups``) and its themes quote them
(``result["themes"][…]["quotes"]``). Respondents may have written about themselves, and the
group column may be a special category (health, migration background). The themes of an MIA's
own cards hold only card ids (the cards are the dialogues app's, erased and hidden there).
"""

from __future__ import annotations

from mia.analysis.models import ResponseAnalysis


def apply_retention(assessments) -> int:
    """Delete the uploaded responses (texts, ids, groups and their themes with quotes) of these
    assessments, which have passed their retention period; returns how many uploads."""
    uploads = ResponseAnalysis.objects.filter(assessment__in=assessments)
    count = uploads.count()
    uploads.delete()
    return count
