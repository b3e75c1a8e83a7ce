class SecurityHeadersMiddleware:
    """Adds a strict Content-Security-Policy: only our own scripts and styles run,
    so text that a participant typed can never execute as script."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", self.POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class DutchUnlessChosenMiddleware:
    """MIA speaks Dutch unless someone picks English with the language switch.

    The browser's Accept-Language is ignored on purpose: Dutch public-sector
    users with an English browser should still get the Dutch (B1) texts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
