"""Django settings for MIA.

Everything that differs between machines is read from the environment through
small typed helpers that fail loudly on a bad value (see ``env_bool``).
Defaults give a working local server: SQLite in ``MIA_DATA_DIR`` (``./data``).
Production settings live in ``mia.settings_production``.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DATA_DIR = Path(env_str("MIA_DATA_DIR", str(Path.cwd() / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _local_secret_key() -> str:
    """A per-machine key kept in the data folder, so no secret lives in the repo."""
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = env_str("MIA_SECRET_KEY") or _local_secret_key()
DEBUG = env_bool("MIA_DEBUG", True)
ALLOWED_HOSTS = env_list("MIA_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("MIA_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "huey.contrib.djhuey",
    "mia.core",
    "mia.jobs",
    "mia.accounts",
    "mia.instrument",
    "mia.assessments",
    "mia.dialogues",
    "mia.reports",
    "mia.panels",
    "mia.analysis",
    "mia.live",
    "mia.measures",
    "mia.inclusion",
    "mia.consultations",
    "mia.programmes",
    # issue 16: advisory bodies
    "mia.advice",
    "mia.workspace",
    "mia.privacy",
    "mia.demo",
    # After our apps, so that our registration/* templates win over the admin's.
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mia.core.middleware.DutchUnlessChosenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mia.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "mia.urls"
WSGI_APPLICATION = "mia.wsgi.application"
ASGI_APPLICATION = "mia.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mia.workspace.context_processors.main_menu",
            ],
        },
    },
]

# SQLite in the data folder unless DATABASE_URL names another database.
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=env_int("MIA_DB_CONN_MAX_AGE", 0))}
    # Under ASGI every request runs in its own thread, so persistent per-thread connections would
    # pile up (hence CONN_MAX_AGE 0). A small pool per worker process reuses connections instead;
    # opt in with MIA_DB_POOL_SIZE (the test suite runs without: its live server threads linger).
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_int("MIA_DB_POOL_SIZE", 0):
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1, "max_size": env_int("MIA_DB_POOL_SIZE", 0), "timeout": 10,
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "mia.sqlite3",
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE avoids
                # "database is locked" upgrades in concurrent write transactions.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Tests use a file too: browser tests run a threaded live server (long polls wait
            # beside writes), and a shared in-memory database locks whole tables instead.
            "TEST": {"NAME": Path(tempfile.gettempdir()) / f"mia-test-{os.getpid()}.sqlite3"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "assessments:list"
LOGOUT_REDIRECT_URL = "login"

# A working day: an officer who leaves a form open over lunch keeps the session.
SESSION_COOKIE_AGE = env_int("MIA_SESSION_SECONDS", 10 * 60 * 60)
# Not saved on every request: a facilitator's wall refreshes every 1.5 s and would write the session each time.
SESSION_SAVE_EVERY_REQUEST = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = env_str("MIA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("MIA_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("MIA_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("MIA_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("MIA_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("MIA_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("MIA_DEFAULT_FROM_EMAIL", "MIA <mia@localhost>")

# Uploads (assessment imports) are read into memory; keep them bounded.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MIA_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
MIA_MAX_IMPORT_BYTES = DATA_UPLOAD_MAX_MEMORY_SIZE
# An MIA's JSON file: above 1 MB the job queue imports it (mia.reports.views.INLINE_IMPORT_BYTES), so it
# may be larger than a request body; 75,000 cards are about 23 MB (an upload above
# FILE_UPLOAD_MAX_MEMORY_SIZE goes to a temporary file, not into memory).
MIA_MAX_ASSESSMENT_IMPORT_BYTES = env_int("MIA_MAX_ASSESSMENT_IMPORT_BYTES", 32 * 1024 * 1024)

# The job queue for long work (themes, panel selection, large imports and PDFs): a SQLite file
# of its own in the data folder by default; redis://… or postgres://… in production; "immediate"
# runs each job in the process that starts it (the test suite). See mia.jobs.broker.
from mia.jobs.broker import make_huey  # noqa: E402  (a plain module: no Django import)

MIA_JOB_QUEUE = env_str("MIA_JOB_QUEUE")
try:
    HUEY = make_huey(MIA_JOB_QUEUE, DATA_DIR)
except ValueError as exc:
    raise ImproperlyConfigured(str(exc)) from exc
# A running job whose worker stopped renewing its heartbeat this long ago is started again.
MIA_JOB_STALE_SECONDS = env_int("MIA_JOB_STALE_SECONDS", 30)
# A panel selection started from the web refines the chances above the minimum for at most this
# long (the minimum itself, the fairness guarantee, is always computed to the end).
MIA_PANEL_TIME_LIMIT_SECONDS = env_int("MIA_PANEL_TIME_LIMIT_SECONDS", 60)

# Number of trusted reverse proxies in front of MIA (for the client address in X-Forwarded-For,
# used to stop session codes being guessed). 0: use the direct peer address.
MIA_PROXY_HOPS = env_int("MIA_PROXY_HOPS", 0)

# Personal data of participants is deleted this many days after an assessment closes.
MIA_RETENTION_DAYS = env_int("MIA_RETENTION_DAYS", 365)

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("MIA_LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
CSRF_FAILURE_VIEW = "mia.core.views.csrf_failure"

# --- Throttling of logins and reset mails (issue 11 item 3; mia.accounts.throttle) -------------------
from datetime import timedelta  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "axes"]
# django-axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
MIDDLEWARE = [*MIDDLEWARE, "axes.middleware.AxesMiddleware"]
# Wrong passwords counted per account and, separately, per client address; at the limit both are
# refused for the cool-off time, also with the right password (the app's login and the admin's).
AXES_FAILURE_LIMIT = env_int("MIA_LOGIN_FAILURE_LIMIT", 10)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("MIA_LOGIN_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = False  # failures expire with the cool-off; a login of ones own account must not clear an address
AXES_LOCKOUT_CALLABLE = "mia.accounts.throttle.locked_out"
AXES_CLIENT_IP_CALLABLE = "mia.core.clients.request_address"
AXES_DISABLE_ACCESS_LOG = True  # no log of every successful login (addresses are personal data)
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password", "new_password1", "new_password2"]
# Reset mails per typed e-mail address and per client address, per hour.
MIA_RESET_MAILS_PER_ADDRESS = env_int("MIA_RESET_MAILS_PER_ADDRESS", 3)
MIA_RESET_MAILS_PER_CLIENT = env_int("MIA_RESET_MAILS_PER_CLIENT", 10)
LOGGING["loggers"]["axes"] = {"level": "WARNING"}
