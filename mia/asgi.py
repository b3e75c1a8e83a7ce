"""ASGI entry point: `uvicorn mia.asgi:application --workers N`. Long polling of the live
dialogue waits on the event loop, so thousands of waiting phones need no threads."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mia.settings")
application = get_asgi_application()
