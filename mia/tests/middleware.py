"""Test-only middleware: a GET (or HEAD) request that writes to the database fails the test.

Installed by ``mia.settings_test`` for every test, the integration tests through Django's client
and the browser tests through the live server alike. A violation raises inside the request and
is also recorded, so a browser test (which only sees an error page) fails too: the autouse
fixture ``refuse_writes_on_get`` in ``mia/conftest.py`` checks the record after each test.
"""

from __future__ import annotations

import re

from django.db import connections

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
violations: list[str] = []


class GetWroteToDatabase(AssertionError):
    pass


class RefuseWritesOnGetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)

        def refuse(execute, sql, params, many, context):
            if WRITE.match(sql):
                message = f"GET {request.path} wrote to the database: {sql[:200]}"
                violations.append(message)
                raise GetWroteToDatabase(message)
            return execute(sql, params, many, context)

        wrappers = [connections[alias].execute_wrapper(refuse) for alias in connections]
        for wrapper in wrappers:
            wrapper.__enter__()
        try:
            return self.get_response(request)
        finally:
            for wrapper in reversed(wrappers):
                wrapper.__exit__(None, None, None)
