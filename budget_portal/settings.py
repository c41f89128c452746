"""Settings for Budgetportal, read from the environment by strict helpers."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from budget_portal import identity
from budget_portal.environment import envsecret

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default)
    if value not in ("True", "False"):
        raise ImproperlyConfigured(f"{name} must be True or False, not {value!r}")
    return value == "True"


def envint(name: str, default: str) -> int:
    # The error names the variable: a bare int() traceback does not say which one is wrong.
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envchoice(name: str, default: str, choices: tuple[str, ...], env=os.environ) -> str:
    """One of CHOICES; unset or empty is DEFAULT (as compose passes an unset `${NAME:-}`)."""
    value = env.get(name) or default
    if value not in choices:
        *first, last = choices
        allowed = f"{', '.join(first)} or {last}" if first else last
        raise ImproperlyConfigured(f"{name} must be {allowed}, not {value!r}")
    return value


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "False")

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off")
    SECRET_KEY = "django-insecure-development-only"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "template_partials",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "budget_portal",
    "proposals",
    "hearings",
    "implementation",
    "letters",
    "politics",
    "audit",
    "search",
    "opendata",
    "subscriptions",
    "sso",
]

MIDDLEWARE = [
    # First: every log line of the request, and its answer, carry the request id.
    "budget_portal.requestlog.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before CommonMiddleware's host check: a probe may ask by IP address, over http.
    "budget_portal.health.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "audit.context.AuditContextMiddleware",
    "budget_portal.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes asks: it turns a lockout into our answer page.
    "axes.middleware.AxesMiddleware",
]

# --- sign-in: local passwords and/or the municipality's identity provider (OpenID Connect) ----
# Parsed here so a wrong value stops the start with the variable's name (budget_portal.identity).
OIDC_STAFF = identity.staff_provider(os.environ)
OIDC_CITIZEN = identity.citizen_provider(os.environ)
LOCAL_LOGIN = envbool("LOCAL_LOGIN", "True")
if not LOCAL_LOGIN and OIDC_STAFF is None:
    raise ImproperlyConfigured("LOCAL_LOGIN=False needs OIDC_ISSUER: nobody could sign in")

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # With LOCAL_LOGIN=False no password is checked anywhere (admin included); the session
    # still finds its user through the identity backend, which authenticates nobody itself.
    "budget_portal.backends.ModelBackend" if LOCAL_LOGIN else "sso.backends.SessionOnlyBackend",
]

ROOT_URLCONF = "budget_portal.urls"
WSGI_APPLICATION = "budget_portal.wsgi.application"

_FILE_LOADERS = [
    "django.template.loaders.filesystem.Loader",
    "django.template.loaders.app_directories.Loader",
]
# Listing loaders turns off Django's template cache, so it is put back outside DEBUG:
# parsing every template on every request doubled the page time (measured 7,9 -> 4,3 ms).
TEMPLATE_LOADERS = (
    _FILE_LOADERS if DEBUG else [("django.template.loaders.cached.Loader", _FILE_LOADERS)]
)

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "budget_portal.context_processors.portal",
            ],
            # Partials are built into Django 6.0; as a builtin here, no {% load %} tag
            # needs removing when we move.
            "builtins": [
                "template_partials.templatetags.partials",
                "budget_portal.templatetags.danish",
            ],
            "loaders": [("template_partials.loader.Loader", TEMPLATE_LOADERS)],
        },
    }
]

# --- database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work during a write; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue instead of failing half-way ("database is locked" mid-transaction).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
else:
    DATABASES["default"]["CONN_MAX_AGE"] = envint("CONN_MAX_AGE", "60")
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get(
        "TEST_DATABASE_NAME", "test_budgetportal"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_tasks"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Login throttling (budget_portal/signin.py): 5 failures for one username from one address
# within 15 minutes lock that pair for 15 minutes; one address locks after 30 failures in all.
AXES_HANDLER = "budget_portal.signin.PortalAxesHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", "5")
LOGIN_FAILURES_PER_IP = envint("LOGIN_FAILURES_PER_IP", "30")
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", "15"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "budget_portal.signin.locked_out"
AXES_CLIENT_IP_CALLABLE = "budget_portal.clients.client_ip"
AXES_VERBOSE = False
# Proxies in front that append to X-Forwarded-For (0: use the connection's address).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")

# --- language, time -------------------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"


def storage_from_env(env) -> dict:
    """The default storage (uploads, PDFs): the local folder MEDIA_ROOT, or an S3-compatible
    bucket with STORAGE_BACKEND=s3, so several machines can share the files."""
    backend = envchoice("STORAGE_BACKEND", "filesystem", ("filesystem", "s3"), env=env)
    if backend == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if not env.get("S3_BUCKET"):
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs S3_BUCKET")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env["S3_BUCKET"],
            "endpoint_url": env.get("S3_ENDPOINT_URL") or None,
            "region_name": env.get("S3_REGION") or None,
            "location": env.get("S3_PREFIX", ""),
            # Without keys boto3 finds them itself (instance role, ~/.aws).
            "access_key": env.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": envsecret("AWS_SECRET_ACCESS_KEY", env=env) or None,
            # Every file is served by a view that checks who asks; the bucket stays private
            # and nothing is ever overwritten under an existing name.
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


STORAGES = {
    "default": storage_from_env(os.environ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A working day at most, and gone when the browser closes (shared PCs in a town hall).
SESSION_COOKIE_AGE = 60 * 60 * 10
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Django's own page is English with an inline style our CSP blocks.
CSRF_FAILURE_VIEW = "budget_portal.views.csrf_failure"
if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "True")
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "True")
# The health check answers on http too: the container's own probe does not go through TLS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- sessions and cache: in the database (or Redis), never in one process's memory ----------
SESSION_ENGINE = "django.contrib.sessions.backends.db"


def cache_from_env(env) -> dict:
    """CACHE_URL: empty for the database table (made by `migrate`), redis://... for Redis
    through Django's own backend (pip install redis). Both as budget_portal.cache's forgiving
    subclasses: a cache that fails makes pages slower, never an error."""
    url = env.get("CACHE_URL") or ""
    if not url:
        return {"BACKEND": "budget_portal.cache.DatabaseCache", "LOCATION": "django_cache"}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "budget_portal.cache.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured("CACHE_URL must be empty or a redis:// URL")


CACHES = {"default": cache_from_env(os.environ)}

# --- background tasks -----------------------------------------------------------------------
# The database backend and `manage.py db_worker` in production; "immediate" runs a task in
# the request (tests, or a quick demo without a worker).
TASKS_BACKEND = envchoice("TASKS_BACKEND", "database", ("database", "immediate"))
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND]
    }
}
# `manage.py run_worker` notes that it is alive this often; /healthz calls a worker dead when
# its last note is older than twice that plus WORKER_HEARTBEAT_SLACK, and the other workers
# then fail the tasks it was running (budget_portal/worker.py reap_abandoned).
# At most a minute, so the every-minute jobs of budget_portal/schedule.py miss no slot.
WORKER_HEARTBEAT_SECONDS = envint("WORKER_HEARTBEAT_SECONDS", "30")
if not 1 <= WORKER_HEARTBEAT_SECONDS <= 60:
    raise ImproperlyConfigured("WORKER_HEARTBEAT_SECONDS must be between 1 and 60")
WORKER_HEARTBEAT_SLACK = envint("WORKER_HEARTBEAT_SLACK", "30")

# Content Security Policy: our own files only; no inline script or style, no eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Sign-out posts to us and is sent on to the provider's end-session page.
        "form-action": ["'self'"] + [p.origin for p in (OIDC_STAFF, OIDC_CITIZEN) if p is not None],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# --- the portal -----------------------------------------------------------------------------
PORTAL_NAME = os.environ.get("PORTAL_NAME", "Budgetportal")
# The header's authority name when no budget cycle names one.
MUNICIPALITY_NAME = os.environ.get("MUNICIPALITY_NAME", "")
# The budget cycle the header starts in until a user picks another (slug); empty: the newest.
DEFAULT_CYCLE = os.environ.get("DEFAULT_CYCLE", "")
# The portal's address in mails (links to hearings, sign-in, unsubscribe): never guessed from
# a request's Host header, and in production not the development server's default either.
SITE_URL = os.environ.get("SITE_URL") or ("http://127.0.0.1:8000" if DEBUG else "")
if not SITE_URL:
    raise ImproperlyConfigured(
        "SITE_URL must be set when DEBUG is off: the portal's address, "
        "such as https://budget.kommune.dk"
    )
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"SITE_URL must start with https:// or http://, not {SITE_URL!r}")
# Responses one connection may send to one hearing per hour (0: no limit, e.g. load tests).
HEARING_RESPONSES_PER_HOUR = envint("HEARING_RESPONSES_PER_HOUR", "10")
# A new hearing keeps senders' personal data this many days after it closes (changeable per
# hearing); purge_hearing_data deletes them afterwards.
HEARING_RETENTION_DAYS = envint("HEARING_RETENTION_DAYS", "365")
# Who answers questions about personal data, named on the privacy page.
PRIVACY_CONTACT = os.environ.get("PRIVACY_CONTACT", "Kommunens databeskyttelsesrådgiver")
PRIVACY_CONTACT_EMAIL = os.environ.get("PRIVACY_CONTACT_EMAIL", "dpo@kommune.invalid")
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("ACCESSIBILITY_CONTACT_EMAIL", "web@kommune.invalid")

# Licence of the open data (/data/): an Open Definition id (as in datapackage.json), the
# licence's address and its name on the page. CC BY 4.0 unless the municipality chooses.
_licence_id = os.environ.get("OPEN_DATA_LICENSE", "CC-BY-4.0")
if not re.fullmatch(r"[-a-zA-Z0-9._]+", _licence_id):
    raise ImproperlyConfigured("OPEN_DATA_LICENSE must be a licence id such as CC-BY-4.0")
_cc_by = _licence_id == "CC-BY-4.0"
OPEN_DATA_LICENSE = {
    "name": _licence_id,
    "path": os.environ.get(
        "OPEN_DATA_LICENSE_URL",
        "https://creativecommons.org/licenses/by/4.0/deed.da" if _cc_by else "",
    ),
    "title": os.environ.get(
        "OPEN_DATA_LICENSE_TITLE",
        "Creative Commons Navngivelse 4.0 International" if _cc_by else _licence_id,
    ),
}

# How long the audit log is kept, in days (purge_audit_log deletes what is older).
AUDIT_RETENTION_DAYS = envint("AUDIT_RETENTION_DAYS", "730")

# A PDF render that runs longer is stopped and marked failed (the previous file stays).
PUBLICATION_TIME_LIMIT = envint("PUBLICATION_TIME_LIMIT", "900")
# A catalog of more cards is rendered in parts of about this many, by any free worker.
PUBLICATION_PART_CARDS = envint("PUBLICATION_PART_CARDS", "50")
# The front (contents, summary) of a catalog of more cards is rendered in pieces of about
# this many lines, so no job lays out a line for every card.
PUBLICATION_FRONT_CARDS = envint("PUBLICATION_FRONT_CARDS", "150")
# Sign-ups for hearing news one connection may send per hour (0: no limit).
SUBSCRIPTION_SIGNUPS_PER_HOUR = envint("SUBSCRIPTION_SIGNUPS_PER_HOUR", "10")

# Sent mails (addresses and texts) are deleted this many days after sending.
OUTBOX_RETENTION_DAYS = envint("OUTBOX_RETENTION_DAYS", "30")

# --- e-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "budgetportal@localhost")

# Uploads: a hearing attachment may be 10 MB; Django refuses bodies past this.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# JSON lines for the log collector in production, readable text while developing; every
# line carries the id of the request it belongs to ("-" outside a request).
LOG_FORMAT = envchoice("LOG_FORMAT", "text" if DEBUG else "json", ("json", "text"))
LOG_LEVEL = envchoice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "budget_portal.requestlog.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "budget_portal.requestlog.json_formatter"},
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # A 404 or 403 is in the request's own log line already; errors keep their traceback.
        "django.request": {"level": "ERROR"},
        # weasyprint reports every layout step at INFO; axes every login attempt (the audit
        # log keeps those).
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
