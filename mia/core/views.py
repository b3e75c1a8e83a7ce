from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def home(request):
    if request.user.is_authenticated:
        return redirect("assessments:list")
    return redirect("login")


def bound_data(request):
    """POST data for a form, also when the POST is empty (``request.POST or None``
    would leave an empty submission unbound and silently unvalidated)."""
    return request.POST if request.method == "POST" else None


def bound(request, files: bool = False) -> tuple:
    data = bound_data(request)
    return (data, request.FILES if data is not None else None) if files else (data,)


def wants_json(request) -> bool:
    """The autosave script posts with X-Requested-With and expects JSON back."""
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def autosave_response(form, saved: bool) -> JsonResponse:
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()} if not saved else {}
    return JsonResponse({"saved": saved, "errors": errors}, status=200 if saved else 400)


def error_page(request, heading: str, message: str, status: int):
    return render(request, "core/error.html", {"heading": heading, "message": message}, status=status)


def page_not_found(request, exception=None):
    return error_page(
        request, _("Pagina niet gevonden"), _("Deze pagina bestaat niet, of u hebt er geen toegang toe."), 404
    )


def server_error(request):
    return error_page(
        request,
        _("Er ging iets mis"),
        _("Er ging aan onze kant iets mis. Wat u al had opgeslagen, is bewaard. Probeer het later opnieuw."),
        500,
    )


def permission_denied(request, exception=None):
    return error_page(request, _("Geen toegang"), _("U hebt geen toegang tot deze pagina."), 403)


def bad_request(request, exception=None):
    return error_page(request, _("Verzoek niet begrepen"), _("Dit verzoek kon niet worden verwerkt."), 400)


def csrf_failure(request, reason=""):
    return error_page(
        request,
        _("Formulier verlopen"),
        _("Het formulier was te lang open of is op een andere plek geopend. Ga terug, vernieuw de pagina en probeer het opnieuw."),
        403,
    )
