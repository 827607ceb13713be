"""All settings, secure by default, read from the environment.

Production is this module plus environment variables: `DATABASE_URL`, `DJANGO_SECRET_KEY`,
`DJANGO_DEBUG=false`, `DJANGO_ALLOWED_HOSTS`. Everything else has a safe default.
"""

import hashlib
from typing import Any

from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env, env_secret

SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "template_partials",
    "django_filters",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "tiepdan.core",
    "tiepdan.audit",
    "tiepdan.organizations",
    "tiepdan.citizens",
    "tiepdan.workcalendar",
    "tiepdan.documents",
    "tiepdan.vault",
    "tiepdan.matters",
    "tiepdan.cases",
    "tiepdan.petitions",
    "tiepdan.reception",
    "tiepdan.monitoring",
    "tiepdan.plans",
    "tiepdan.reports",
    "tiepdan.natsync",
    "tiepdan.privacy",
    "tiepdan.portal",
    "tiepdan.api",
    "tiepdan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tiepdan.core.error_pages.ErrorPageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tiepdan.organizations.second_factor.DeferredOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tiepdan.organizations.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tiepdan.organizations.middleware.CurrentUnitMiddleware",
    "axes.middleware.AxesMiddleware",
    "tiepdan.ops.replicas.ReplicaReadMiddleware",
]

# --- Hardening: request guards (bad input → 400, database outage → 503). ---
_GUARDS_AT = MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1
MIDDLEWARE[_GUARDS_AT:_GUARDS_AT] = [
    "tiepdan.core.headers.SecurityHeadersMiddleware",
    "tiepdan.core.middleware.DatabaseUnavailableMiddleware",
    "tiepdan.core.middleware.BadInputMiddleware",
]
# Free text (summaries, contents, notes) is at most this many characters (tiepdan.core.limits).
TIEPDAN_TEXT_MAX_LENGTH = env.int("TIEPDAN_TEXT_MAX_LENGTH", default=20_000)
# Whether a head's online periodic session counts toward the periodic minimum: unset follows
# the reading in tiepdan/reception/online.py (it counts); "false" or "true" overrides it.
TIEPDAN_ONLINE_COUNTS_FOR_LEADER_MINIMUM = (
    env.bool("TIEPDAN_ONLINE_COUNTS_FOR_LEADER_MINIMUM")
    if env.str("TIEPDAN_ONLINE_COUNTS_FOR_LEADER_MINIMUM", default="")
    else None
)
# The statuses of a leader's reception session that count as announced on the schedule for
# 01/TCD "số ngày tiếp" (tiepdan.reports.selectors.announced_statuses): unset, planned and held.
TIEPDAN_REPORT_ANNOUNCED_SESSION_STATUSES = env.list(
    "TIEPDAN_REPORT_ANNOUNCED_SESSION_STATUSES", default=[]
)
# Idle officers are logged out: the session lasts this long after the last request
# (tiepdan.core.middleware.IdleSessionMiddleware moves the expiry, at most once a minute).
SESSION_COOKIE_AGE = 60 * env.int("TIEPDAN_SESSION_IDLE_MINUTES", default=30)
_SESSIONS_AT = MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1
MIDDLEWARE.insert(_SESSIONS_AT, "tiepdan.core.middleware.IdleSessionMiddleware")
# --- end of request guards ---

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tiepdan.organizations.context_processors.current_unit",
                "tiepdan.core.navigation.menu",
            ],
        },
    },
]

# SQLite file when DATABASE_URL is unset: the embedded default needs no server.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections, checked before reuse: a new PostgreSQL connection per request (a
# process started, its catalog caches cold) halved the visits a second the desk could record
# (docs/benchmarks.md). Behind pgbouncer in transaction mode, set DATABASE_PGBOUNCER=true:
# server-side cursors do not survive a pooled transaction's end.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool("DATABASE_PGBOUNCER", default=False)
# PostgreSQL: values bound by the server, so that the statements of the hot paths can be kept
# prepared on their connection (tiepdan.core.prepared.statements_kept: recording a visit, the
# token and membership reads) and PostgreSQL parses and plans them once; every other statement
# is still planned for its values, as a generic plan can be far off for the searches and
# reports. Off by default behind pgbouncer in transaction mode, whose server connections are
# shared between clients.
TIEPDAN_PREPARED_STATEMENTS = DATABASES["default"]["ENGINE"].startswith(
    "django.db.backends.postgresql"
) and env.bool(
    "DATABASE_PREPARED_STATEMENTS", default=not DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"]
)
if TIEPDAN_PREPARED_STATEMENTS:
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL, a busy timeout and IMMEDIATE transactions let concurrent desk requests queue for
    # the write lock instead of failing (gapless register numbers under concurrency).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            # secure_delete: a deleted row (a sealed person's registry row, a text stored
            # redacted) is overwritten in the file, not left in a free page.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
            ),
        }
    )
# Read replicas (PostgreSQL streaming replicas), comma-separated URLs: the pages listed in
# TIEPDAN_REPLICA_VIEWS read from them (tiepdan.ops.replicas), everything else from the primary.
for _n, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
    DATABASES[f"replica{_n}"] = (
        env.db_url_config(_url)
        | {
            key: DATABASES["default"][key]
            for key in (
                "ATOMIC_REQUESTS",
                "CONN_MAX_AGE",
                "CONN_HEALTH_CHECKS",
                "DISABLE_SERVER_SIDE_CURSORS",
            )
        }
        | {
            "OPTIONS": {"connect_timeout": 2},
            "TEST": {"MIRROR": "default"},
        }
    )
DATABASE_ROUTERS = ["tiepdan.ops.replicas.ReplicaRouter"]
TIEPDAN_REPLICA_VIEWS = env.list(
    "TIEPDAN_REPLICA_VIEWS",
    default=[
        "reports:index",
        "reports:report",
        "reports:drilldown",
        "reports:plan-period",
        "monitoring:dashboard",
        "monitoring:hotspots",
        "monitoring:bulletin",
        "api:report",
        "api:hotspots",
        "api:forecast-visits",
    ],
)
TIEPDAN_READ_YOUR_WRITES_SECONDS = env.int("TIEPDAN_READ_YOUR_WRITES_SECONDS", default=30)
TIEPDAN_REPLICA_MAX_LAG_SECONDS = env.float("TIEPDAN_REPLICA_MAX_LAG_SECONDS", default=30.0)
TIEPDAN_REPLICA_CHECK_SECONDS = env.float("TIEPDAN_REPLICA_CHECK_SECONDS", default=10.0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")

AUTH_USER_MODEL = "organizations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated failed logins (django-axes): per username and address.
AXES_FAILURE_LIMIT = env.int("TIEPDAN_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("TIEPDAN_LOGIN_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

OTP_TOTP_ISSUER = "TiếpDân"

LANGUAGE_CODE = "vi"
# Vietnamese only: the message ids are Vietnamese and no other catalogue exists, so offering
# another language would only switch Django's own messages and leave a mixed interface.
LANGUAGES = [("vi", _("Tiếng Việt"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.path("TIEPDAN_MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads and generated files on S3-compatible object storage (MinIO, Ceph, a cloud's S3) when a
# bucket is named, so that application servers keep nothing of their own; the media folder
# otherwise. Sealed scans are encrypted before they reach either.
TIEPDAN_S3_BUCKET = env.str("TIEPDAN_S3_BUCKET", default="")
if TIEPDAN_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": TIEPDAN_S3_BUCKET,
            "endpoint_url": env.str("TIEPDAN_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("TIEPDAN_S3_REGION", default="") or None,
            "access_key": env.str("TIEPDAN_S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("TIEPDAN_S3_SECRET_KEY", default="") or None,
            "location": env.str("TIEPDAN_S3_PREFIX", default=""),
            # Files are served by the application after its permission checks, never by link.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
MEDIA_URL = "media/"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=not DEBUG)
# Behind a TLS-terminating proxy that already redirects, set DJANGO_SECURE_SSL_REDIRECT=false.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^api/v1/health/$", r"^api/v1/health/ready/$", r"^metrics$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Earlier secret keys (`DJANGO_SECRET_KEY_FALLBACKS`, comma-separated): sessions and signed
# values made with them stay valid, and so do sealed values made with a field key derived from
# them (tiepdan.vault). Rotating the secret key means moving the old one here.
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])

# Key for sealed personal data (denouncer identities, scans, texts quoting them): 64 hex
# characters (`python3 -c 'import secrets; print(secrets.token_hex(32))'`). Earlier keys go in
# `TIEPDAN_FIELD_KEY_FALLBACKS` (comma-separated) until `manage.py rotate_field_key` has
# re-encrypted everything with the current one. Derived from the secret key when unset.
TIEPDAN_FIELD_KEY_DERIVED = not env.str("TIEPDAN_FIELD_KEY", default="")
# The derivation is repeated in vault.crypto.derived_key (for the secret key's fallbacks).
TIEPDAN_FIELD_KEY = (
    env.str("TIEPDAN_FIELD_KEY", default="")
    or hashlib.sha256(f"field:{SECRET_KEY}".encode()).hexdigest()
)
TIEPDAN_FIELD_KEY_FALLBACKS = env.list("TIEPDAN_FIELD_KEY_FALLBACKS", default=[])

# The national database link (api-contract.md, "National database synchronisation"): unset URL
# means nothing is sent and records wait.
TIEPDAN_NATIONAL_DB_URL = env.str("TIEPDAN_NATIONAL_DB_URL", default="")
TIEPDAN_NATIONAL_DB_USER = env.str("TIEPDAN_NATIONAL_DB_USER", default="")
TIEPDAN_NATIONAL_DB_PASSWORD = (
    env_secret("TIEPDAN_NATIONAL_DB_PASSWORD")
    if env.str("TIEPDAN_NATIONAL_DB_PASSWORD_FILE", default="")
    else env.str("TIEPDAN_NATIONAL_DB_PASSWORD", default="")
)
TIEPDAN_NATIONAL_DB_TIMEOUT = env.float("TIEPDAN_NATIONAL_DB_TIMEOUT", default=10.0)
# Senders side by side in one pass (PostgreSQL only; each holds a database connection).
TIEPDAN_NATIONAL_DB_WORKERS = env.int("TIEPDAN_NATIONAL_DB_WORKERS", default=4)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tiepdan.organizations.authentication.LockoutAwareTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "tiepdan.core.api.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tiepdan.core.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Bounded nesting: 100,000 nested levels are a 400, not a RecursionError.
    "DEFAULT_PARSER_CLASSES": [
        "tiepdan.core.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_THROTTLE_CLASSES": [
        "tiepdan.core.throttling.ApiAnonThrottle",
        "tiepdan.core.throttling.ApiUserThrottle",
    ],
}
# --- Hardening: rate limits per client address and per user (tiepdan.core.throttling). ---
TIEPDAN_LOGIN_IP_RATE = env.str("TIEPDAN_LOGIN_IP_RATE", default="20/15m")
TIEPDAN_TOKEN_FAILURE_RATE = env.str("TIEPDAN_TOKEN_FAILURE_RATE", default="20/15m")
TIEPDAN_PUBLIC_RATE = env.str("TIEPDAN_PUBLIC_RATE", default="60/m")
TIEPDAN_API_ANON_RATE = env.str("TIEPDAN_API_ANON_RATE", default="60/m")
TIEPDAN_API_USER_RATE = env.str("TIEPDAN_API_USER_RATE", default="1200/m")
# The citizens' public channel (tiepdan.portal): submissions and tracking look-ups per address.
TIEPDAN_PUBLIC_SUBMIT_RATE = env.str("TIEPDAN_PUBLIC_SUBMIT_RATE", default="20/h")
TIEPDAN_PUBLIC_LOOKUP_RATE = env.str("TIEPDAN_PUBLIC_LOOKUP_RATE", default="100/10m")
# A public form sent back sooner than this after it was shown is refused (a robot's speed).
TIEPDAN_PUBLIC_MIN_FORM_SECONDS = env.int("TIEPDAN_PUBLIC_MIN_FORM_SECONDS", default=5)
# Counters must be shared by all worker processes: e.g. TIEPDAN_CACHE_URL=redis://127.0.0.1:6379/1.
CACHES = {"default": env.cache("TIEPDAN_CACHE_URL", default="locmemcache://")}
# --- end of rate limits ---
SPECTACULAR_SETTINGS = {
    "TITLE": "TiếpDân API",
    "DESCRIPTION": "Interop API v1: tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tiepdan.api.schema.declare_common_responses",
    ],
    # The schema and Swagger UI are for signed-in officers and API clients only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Several models have a "kind"/"status" field with different choices: name each set.
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "tiepdan.organizations.constants.UnitKind",
        "AlertKindEnum": "tiepdan.monitoring.models.AlertKind",
        "AlertStatusEnum": "tiepdan.monitoring.models.AlertStatus",
        "CaseKindEnum": "tiepdan.cases.models.CaseKind",
        "CaseStatusEnum": "tiepdan.cases.models.CaseStatus",
        "PetitionTypeEnum": "tiepdan.core.classification.PetitionType",
        "PublicPetitionTypeEnum": "tiepdan.portal.constants.PUBLIC_TYPE_CHOICES",
    },
}

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("TIEPDAN_LOG_LEVEL", default="INFO")},
    # WeasyPrint logs each rendering step at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint.progress": {"level": "WARNING"}},
}

# ----------------------------------------------------------------------------------------------
# Production operations: task queue, scheduler, mail, metrics, logs, error reports.
# (Kept in one block; see deploy/ and the README's production section.)
# ----------------------------------------------------------------------------------------------
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "django_prometheus", "tiepdan.ops"]
MIDDLEWARE = [
    "tiepdan.ops.logs.RequestIdMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    *MIDDLEWARE,
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

# Background tasks: "database" (a `manage.py run_worker` process runs them) or "immediate" (in
# the requesting process, the embedded default's and the tests' choice).
TIEPDAN_TASKS_BACKEND = env.str("TIEPDAN_TASKS_BACKEND", default="database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TIEPDAN_TASKS_BACKEND],
        "QUEUES": ["default"],
    }
}
# A worker whose heartbeat is older than this is reported dead by the readiness check.
TIEPDAN_WORKER_STALE_SECONDS = env.int("TIEPDAN_WORKER_STALE_SECONDS", default=120)
TIEPDAN_MIN_FREE_DISK_MB = env.int("TIEPDAN_MIN_FREE_DISK_MB", default=500)

# Mail: EMAIL_URL such as smtp+tls://user:password@mail.example.gov.vn:587 (django-environ);
# console output when unset. Messages go through the task queue and are retried.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("TIEPDAN_MAIL_FROM", default="TiepDan <tiepdan@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("TIEPDAN_MAIL_TIMEOUT", default=15)
# The public address of the citizens' portal, for the links in SMS and e-mail (no trailing
# slash), e.g. https://tiepdan.thanhhoa.gov.vn; empty: messages carry no link.
TIEPDAN_PUBLIC_BASE_URL = env.str("TIEPDAN_PUBLIC_BASE_URL", default="")
# The address officers open the application at, for the links in alert e-mails; empty: none.
TIEPDAN_SITE_URL = env.str("TIEPDAN_SITE_URL", default="")
# Messages to citizens' phones (tiepdan/portal/gateway.py): the channels in order of preference;
# a message goes by the next one when a channel fails or is off for it (ZNS, then SMS).
TIEPDAN_PHONE_CHANNELS = env.list("TIEPDAN_PHONE_CHANNELS", default=["zns", "sms"])
# SMS gateway: an HTTP endpoint taking {"to", "text"} as JSON; the log when unset.
TIEPDAN_SMS_URL = env.str("TIEPDAN_SMS_URL", default="")
TIEPDAN_SMS_TOKEN = env.str("TIEPDAN_SMS_TOKEN", default="")
TIEPDAN_SMS_TIMEOUT = env.int("TIEPDAN_SMS_TIMEOUT", default=10)
# Zalo ZNS: Zalo's template send call (or a relay), "console://" for the log; off when unset.
# Templates: step=approved template id, e.g. received=231677,accepted=231678.
TIEPDAN_ZNS_URL = env.str("TIEPDAN_ZNS_URL", default="")
TIEPDAN_ZNS_TOKEN = env.str("TIEPDAN_ZNS_TOKEN", default="")
TIEPDAN_ZNS_TOKEN_FILE = env.str("TIEPDAN_ZNS_TOKEN_FILE", default="")
TIEPDAN_ZNS_TEMPLATES = env.dict("TIEPDAN_ZNS_TEMPLATES", default={})
TIEPDAN_ZNS_TIMEOUT = env.int("TIEPDAN_ZNS_TIMEOUT", default=10)

# /metrics: open to these client addresses (networks allowed), or to a bearer token.
TIEPDAN_METRICS_ALLOWED = env.list("TIEPDAN_METRICS_ALLOWED", default=["127.0.0.1/32", "::1/128"])
TIEPDAN_METRICS_TOKEN = env.str("TIEPDAN_METRICS_TOKEN", default="")

# Logs: "json" (one object a line, with the request id) or "text".
LOGGING["formatters"] = {
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    },
    "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
}
LOGGING["filters"] = {"request_id": {"()": "tiepdan.ops.logs.RequestIdFilter"}}
LOGGING["handlers"]["console"].update(
    formatter=env.str("TIEPDAN_LOG_FORMAT", default="text"), filters=["request_id"]
)

# Error reports to a Sentry-compatible server (self-hosted Sentry or GlitchTip) when set.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from tiepdan.ops.errors import sentry_init

    sentry_init(SENTRY_DSN, environment=env.str("SENTRY_ENVIRONMENT", default="production"))
