"""Django settings. Everything that differs between a laptop and production comes
from the environment (see README.md, "Run on PostgreSQL / in production")."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from henvis.web.areas import AREAS

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HENVIS_VAR_DIR", BASE_DIR.parent / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("HENVIS_DEBUG", False)
# pytest sets PYTEST_VERSION while it runs; scripts/test sets HENVIS_TESTING.
TESTING = os.environ.get("HENVIS_TESTING") == "1" or "PYTEST_VERSION" in os.environ
# A missing secret is fatal outside DEBUG/tests: we never ship a default secret.
SECRET_KEY = os.environ.get("HENVIS_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-only-key-not-for-production"  # noqa: S105
    else:
        raise RuntimeError(
            "HENVIS_SECRET_KEY is not set. Set it in the environment (see README.md)."
        )

ALLOWED_HOSTS = [h for h in os.environ.get("HENVIS_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("HENVIS_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_countries",  # the ISO 3166-1 list with Bokmål names (country of a case)
    # The API's documentation page from the package's own static files (without it ninja
    # loads Swagger UI from a CDN, which the content security policy blocks: a blank page).
    "ninja",
    # Background jobs (docs/decisions.md): Django's Tasks framework, queue in the database.
    "django_tasks",
    "django_tasks_db",
    # One app per area of the product, in the order of henvis/web/areas.py.
    *(f"henvis.apps.{area}" for area in AREAS),
]

MIDDLEWARE = [
    # First, so that it seals the audit entries everything after it appended.
    "henvis.apps.audit.middleware.AuditSealMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the app (gunicorn serves them; no proxy rule needed).
    # Early, so that a stylesheet costs no session, user or audit work.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "henvis.web.middleware.SessionIdleRefreshMiddleware",
    "henvis.web.middleware.NorwegianByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "henvis.web.middleware.LoginRequiredMiddleware",
    "henvis.apps.accounts.middleware.PasswordChangeRequiredMiddleware",
    "henvis.web.middleware.RefusedAccessAuditMiddleware",
    "henvis.web.middleware.SecurityHeadersMiddleware",
    "henvis.web.middleware.FriendlyMethodNotAllowedMiddleware",
    # Who is acting, for the history of corrections to a person's identifying fields.
    "henvis.apps.dataprotection.middleware.ActingUserMiddleware",
    # Last, so that it sees the final user after authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "henvis.web.urls"
WSGI_APPLICATION = "henvis.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "henvis.web.context.navigation",
            ],
            "libraries": {"henvis": "henvis.web.display"},
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'henvis.sqlite3'}"),
        # A connection is kept for a minute (no new PostgreSQL log-in per request) and
        # checked before a request reuses it: after a database restart the next request
        # opens a new one instead of failing on the dead one (docs/performance.md, "Faults").
        conn_max_age=int(os.environ.get("HENVIS_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Requests served at once (the demo's threaded server) write together: the audit log's
    # append reads the chain head and then inserts, and in SQLite's default (deferred)
    # transaction that upgrade fails at once with "database is locked" when another
    # request wrote in between. IMMEDIATE takes the write lock at BEGIN, so the others
    # wait for it (up to the timeout) instead.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django reads a form's choices (e.g. the organisations of a filter) through a
    # server-side cursor: DECLARE ... WITH HOLD and its CLOSE, two extra round trips and a
    # result materialised at commit, for lists of a few dozen rows. A plain query is cheaper
    # (and what a transaction-mode connection pooler needs anyway).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Argon2 first: new and upgraded hashes are Argon2id.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, with the session's user, organisation and roles read in one query.
    "henvis.apps.accounts.backends.UserBackend",
]

# Lockout: 5 failures for the same user name from the same address lock that pair
# for 15 minutes (django-axes). Failures are counted in the database.
AXES_FAILURE_LIMIT = int(os.environ.get("HENVIS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("HENVIS_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Requests per address to the public, anonymous screening API (it needs no login, so it
# is limited like the login is; "N/s", "N/m", "N/h" or "N/d"). The test suite fuzzes the
# endpoint, so tests raise it unless a test sets its own.
HENVIS_SCREENING_RATE = os.environ.get("HENVIS_SCREENING_RATE", "100000/m" if TESTING else "60/m")
# Log-in attempts per address, whatever the user name (henvis/apps/accounts/login_rate.py):
# bounds password spraying and the audit entries refused log-ins write. Tests raise it
# unless a test sets its own.
HENVIS_LOGIN_RATE = os.environ.get("HENVIS_LOGIN_RATE", "100000/m" if TESTING else "30/m")
# Proxies in front of the service that append to X-Forwarded-For (0: none, the header is
# ignored). Every per-address limit and the audit log's address use the client address
# this gives (henvis/web/client.py); set it to the number of proxies you run, never more.
HENVIS_TRUSTED_PROXIES = int(os.environ.get("HENVIS_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "henvis.web.client.client_address"
# Refused API tokens per address; past it every token from the address answers 429
# without a look-up or an audit entry until the window ends.
HENVIS_API_TOKEN_FAILURE_RATE = os.environ.get("HENVIS_API_TOKEN_FAILURE_RATE", "100000/m" if TESTING else "20/m")
# Refused accesses (a 403, or a 404 on an object id, for a logged-in user) audited per
# address; past it the address gets 429 without further audit entries
# (henvis/web/middleware.py).
HENVIS_REFUSED_ACCESS_RATE = os.environ.get("HENVIS_REFUSED_ACCESS_RATE", "100000/m" if TESTING else "60/m")
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Idle timeout: a session ends after 30 minutes without a request. The session is not
# written on every request (that is one database write per page view, for every user):
# SessionIdleRefreshMiddleware renews its expiry at most once a minute, so the idle
# timeout holds to within HENVIS_SESSION_REFRESH_SECONDS.
SESSION_COOKIE_AGE = int(os.environ.get("HENVIS_SESSION_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = False
HENVIS_SESSION_REFRESH_SECONDS = int(os.environ.get("HENVIS_SESSION_REFRESH_SECONDS", "60"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
_https = _env_bool("HENVIS_HTTPS", False)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = _https
SECURE_HSTS_SECONDS = 31536000 if _https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _https else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
    }
}

_redis_url = os.environ.get("HENVIS_REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Figures and charts of the statistics unit (henvis/apps/statistics/figures.py):
    # computed once per import and shared by every worker, so never a per-process cache.
    # Redis when configured, else a table in the database (`henvis setup` creates it).
    "figures": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url,
         "KEY_PREFIX": "figures", "TIMEOUT": None}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "henvis_figures_cache",
              "TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 2000}}
    ),
}

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("HENVIS_STATIC_ROOT", VAR_DIR / "static"))
# Designsystemet (Digdir) from npm, installed by scripts/bootstrap (npm ci, package-lock.json):
# only the built CSS folders are served, never node_modules as a whole.
_NODE_MODULES = BASE_DIR.parent / "node_modules" / "@digdir"
STATICFILES_DIRS = [
    BASE_DIR / "web" / "static",
    ("designsystemet/css", _NODE_MODULES / "designsystemet-css" / "dist" / "src"),
    ("designsystemet/theme", _NODE_MODULES / "designsystemet-theme" / "brand"),
]
# `henvis manage collectstatic` writes hashed, compressed copies to STATIC_ROOT, which
# WhiteNoise serves with far-future cache headers. Tests and DEBUG use the plain storage
# (no collectstatic needed); the demo runs collectstatic itself.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING  # serve from the source folders, no collectstatic

# Keys for encryption of identifying fields at rest (comma separated, newest first;
# see docs/data-model.md, "Key rotation"). Tests and the demo use a generated key.
# API tokens for agency systems end after this many days (0: never); issue a new one
# before the old one ends (henvis manage issue_token ... --days N).
HENVIS_API_TOKEN_DAYS = int(os.environ.get("HENVIS_API_TOKEN_DAYS", "365"))
# Days a receiver has to answer a referral before it shows as overdue (a notification to
# child welfare: at most 7); see docs/data-model.md, "Deadlines".
HENVIS_REFERRAL_ANSWER_DAYS = int(os.environ.get("HENVIS_REFERRAL_ANSWER_DAYS", "14"))
# Test-registry identity numbers (month + 80, what the synthetic generator makes): the
# demo and the tests hold only such numbers; a production register must refuse them.
HENVIS_ACCEPT_SYNTHETIC_IDS = _env_bool("HENVIS_ACCEPT_SYNTHETIC_IDS", DEBUG or TESTING)
# Retention per kind of record (days; docs/dataprotection.md gives each default and its
# reason). HENVIS_RETENTION_DAYS overrides some, e.g. "case=30,screening_unattached=7".
from henvis.apps.dataprotection.policy import retention_days  # noqa: E402

HENVIS_RETENTION = retention_days(os.environ.get("HENVIS_RETENTION_DAYS", ""))
# Cross-border referral files (docs/crossborder.md): this instance's name (the key id in
# its signatures), its country, its Ed25519 private key (32 raw bytes, base64) and the
# partners' public keys as "instance=base64,..." (exchanged out of band, see the doc).
HENVIS_CROSSBORDER_INSTANCE = os.environ.get("HENVIS_CROSSBORDER_INSTANCE", "henvis-no")
HENVIS_CROSSBORDER_COUNTRY = os.environ.get("HENVIS_CROSSBORDER_COUNTRY", "NO")
HENVIS_CROSSBORDER_SIGNING_KEY = os.environ.get("HENVIS_CROSSBORDER_SIGNING_KEY", "")
if not HENVIS_CROSSBORDER_SIGNING_KEY and TESTING:
    HENVIS_CROSSBORDER_SIGNING_KEY = "dGVzdC1vbmx5LWVkMjU1MTkta2V5LXRlc3Qtb25seS0="  # test-only key
HENVIS_CROSSBORDER_PARTNERS = dict(
    p.split("=", 1) for p in os.environ.get("HENVIS_CROSSBORDER_PARTNERS", "").split(",") if "=" in p
)
# Privacy budget per year of the public synthetic microdata (docs/synthetic-microdata.md).
HENVIS_SYNTHETIC_EPSILON = float(os.environ.get("HENVIS_SYNTHETIC_EPSILON", "1.0"))
HENVIS_CROSSBORDER_MAX_BYTES = int(os.environ.get("HENVIS_CROSSBORDER_MAX_BYTES", str(256 * 1024)))
# The background jobs (issue 15 item 3; docs/dataprotection.md, "Scheduling"): queued in
# the application's own database and run by `henvis manage run_jobs`. Tests run them at
# once ("immediate"), and can use the database queue by name ("database").
_DB_TASKS = {"BACKEND": "django_tasks_db.DatabaseBackend"}
_IMMEDIATE_TASKS = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
TASKS = {
    "default": _IMMEDIATE_TASKS if TESTING or os.environ.get("HENVIS_JOBS") == "immediate" else _DB_TASKS,
    "database": _DB_TASKS,
}
# When the daily jobs run (local time), and what the retention job does in them: "on"
# deletes what is past its period, "dry-run" only reports, "off" leaves it to cron.
HENVIS_DAILY_JOBS_AT = os.environ.get("HENVIS_DAILY_JOBS_AT", "03:15")
HENVIS_RETENTION_JOB = os.environ.get("HENVIS_RETENTION_JOB", "on")
if HENVIS_RETENTION_JOB not in ("on", "dry-run", "off"):
    raise ValueError("HENVIS_RETENTION_JOB: on, dry-run or off")
# E-mail of notifications (a link only). Unset, messages are written as files to
# var/mail (the demo); production sets EMAIL_BACKEND=smtp and the host.
EMAIL_BACKEND = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}[os.environ.get("HENVIS_EMAIL_BACKEND", "file")]
EMAIL_FILE_PATH = os.environ.get("HENVIS_EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("HENVIS_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("HENVIS_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("HENVIS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("HENVIS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("HENVIS_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("HENVIS_EMAIL_FROM", "henvis@localhost")
# The address links in e-mails start with (the service as users reach it).
HENVIS_BASE_URL = os.environ.get("HENVIS_BASE_URL", "http://127.0.0.1:8000")
# "Send reminder" on the deadlines page: once per deadline in this many hours, and at
# most this many reminders from one organisation in a day.
HENVIS_REMINDER_HOURS = int(os.environ.get("HENVIS_REMINDER_HOURS", "24"))
HENVIS_REMINDER_DAILY_LIMIT = int(os.environ.get("HENVIS_REMINDER_DAILY_LIMIT", "20"))
HENVIS_FIELD_KEYS = [k for k in os.environ.get("HENVIS_FIELD_KEYS", "").split(",") if k]
if not HENVIS_FIELD_KEYS and TESTING:
    HENVIS_FIELD_KEYS = ["dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTAwMDA="]  # test-only Fernet key
# Keys of the audit chain's HMAC (comma separated, newest first; keep old keys listed
# while seals made with them are verified: docs/architecture.md, "Audit log"). Unset, a
# key is derived from HENVIS_SECRET_KEY; tests use a fixed test-only key.
HENVIS_AUDIT_KEYS = [k for k in os.environ.get("HENVIS_AUDIT_KEYS", "").split(",") if k]
if not HENVIS_AUDIT_KEYS and TESTING:
    HENVIS_AUDIT_KEYS = ["test-only-audit-key-test-only-audit-key"]
# Where the chain head is published, signed, outside the database (empty: the log line
# only), and how often. Keep the directory where a database owner cannot rewrite it.
HENVIS_AUDIT_CHECKPOINT_DIR = os.environ.get(
    "HENVIS_AUDIT_CHECKPOINT_DIR", "" if TESTING else str(VAR_DIR / "audit-checkpoints"))
# Entries after the newest checkpoint can be cut from the end of the chain, seals and
# all, without a trace in the database: the interval is how long that window stays open
# (a line a minute at most, and only while entries are written: about 350 kB a busy day).
HENVIS_AUDIT_CHECKPOINT_MINUTES = int(os.environ.get("HENVIS_AUDIT_CHECKPOINT_MINUTES", "1"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"no_query_strings": {"()": "henvis.web.logfilters.NoQueryStrings"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HENVIS_LOG_LEVEL", "INFO")},
    # Request bodies never reach the log: they may hold personal data. Nor do query
    # strings (a hand-typed or old link such as /cases/?q=<name> would carry a name).
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "filters": ["no_query_strings"],
                          "propagate": False},
    },
}
