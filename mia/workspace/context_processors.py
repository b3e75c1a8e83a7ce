"""The main menu: every workspace of the product, for a logged-in user.

Lives in the top layer because it names every domain; the base template (in ``core``) only
draws the list it gets."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (URL name of the domain's list page, label), in the order people meet them.
WORKSPACES = [
    ("assessments:list", _("Mijn MIA's")),
    ("consultations:list", _("Raadplegingen")),
    ("programmes:list", _("Dialoogprogramma's")),
    ("inclusion:list", _("Inclusief beleid")),
    ("measures:list", _("Impactteam")),
    ("advice:list", _("Adviesorganen")),
]


def main_menu(request) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"main_menu": []}
    items = []
    current = request.path
    for name, label in WORKSPACES:
        try:
            url = reverse(name)
        except NoReverseMatch:  # an app that is not installed here
            continue
        items.append({"url": url, "label": label, "current": current.startswith(url) and url != "/"})
    return {"main_menu": items}
