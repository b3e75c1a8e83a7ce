from django.http import Http404
from django.shortcuts import get_object_or_404


def get_posted(queryset_or_model, value, **filters):
    """``get_object_or_404`` for an id that came from a form: anything that is not
    a whole number is a 404 too, never a server error."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404("bad id") from None
    return get_object_or_404(queryset_or_model, pk=pk, **filters)
