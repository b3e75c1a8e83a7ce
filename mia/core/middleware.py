from asgiref.sync import iscoroutinefunction, markcoroutinefunction


class BothModesMiddleware:
    """A middleware that runs natively under WSGI and ASGI. Under ASGI a sync-only middleware
    would run the rest of the request in a thread, so a long-polling phone would hold a thread
    for its whole wait."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        self.before(request)
        return self.after(request, self.get_response(request))

    async def __acall__(self, request):
        self.before(request)
        return self.after(request, await self.get_response(request))

    def before(self, request) -> None:
        pass

    def after(self, request, response):
        return response


class SecurityHeadersMiddleware(BothModesMiddleware):
    """Adds a strict Content-Security-Policy: only our own scripts and styles run,
    so text that a participant typed can never execute as script."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )

    def after(self, request, response):
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", self.POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        # Pages and exports carry personal data: no browser or proxy may keep them (static files are
        # served by WhiteNoise before this, with their own long caching). A view that chose a policy keeps it.
        response.headers.setdefault("Cache-Control", "no-store, private")
        return response


class DutchUnlessChosenMiddleware(BothModesMiddleware):
    """MIA speaks Dutch unless someone picks English with the language switch.

    The browser's Accept-Language is ignored on purpose: Dutch public-sector
    users with an English browser should still get the Dutch (B1) texts."""

    def before(self, request) -> None:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
