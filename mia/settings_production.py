"""Production settings: DEBUG off, HTTPS only, the secret key from the environment."""

from django.core.exceptions import ImproperlyConfigured

from mia.settings import *  # noqa: F401,F403
from mia.settings import STORAGES, env_bool, env_int, env_str

DEBUG = False
SECRET_KEY = env_str("MIA_SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("MIA_SECRET_KEY must be set to a random string of at least 50 characters")

SECURE_SSL_REDIRECT = env_bool("MIA_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("MIA_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("MIA_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

# issue 11 item 14: commands that must not run here as they do on a laptop (loaddemo) ask for this.
MIA_PRODUCTION = True
