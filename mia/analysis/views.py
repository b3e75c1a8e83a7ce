from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_POST

from mia.analysis.readability import check_text

MAX_CHECK_CHARS = 20_000


@login_required
@require_POST
def readability(request):
    """Check a text while it is being typed; answers the same box the page shows."""
    text = request.POST.get("text", "")
    field_id = request.POST.get("field", "")[:100]
    if len(text) > MAX_CHECK_CHARS:
        return HttpResponseBadRequest("Tekst te lang voor de taalcheck.")
    report = check_text(text) if text.strip() else None
    return render(request, "analysis/readability_box.html", {"report": report, "field_id": field_id})
