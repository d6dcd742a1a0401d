"""ZonePlan settings, read from the environment (every variable is named in deploy/env.example).

DATABASE_URL  default: an SQLite file in var/; PostgreSQL in production and CI.
REDIS_URL     the broker's Redis database; results and cache take the next two databases of the same server
unless CELERY_RESULT_URL / CACHE_URL name them. Unset: kombu's filesystem broker in var/broker so the worker
and beat still really run on a bare machine. SECRET_KEY    required unless DEBUG is on.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from zoneplan import __version__

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("ZONEPLAN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-zoneplan"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from our own static files (no CDN)
    "knox",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "django_celery_beat",
    "zoneplan.core",
    "zoneplan.notifications",
    "zoneplan.reports",
    "organisation",
    "plans",
    "projects",
    "indicators",
    "zoneplan.instructions",
    "zoneplan",  # the top floor: commands (loaddemo, rundemo, runjob) and the jobs' tasks
    "axes",
]

MIDDLEWARE = [
    "zoneplan.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zoneplan.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): scripts only from our own static files (no inline script, no handler
# attributes, no eval); style attributes stay allowed for the progress bars' widths.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "zoneplan.urls"
WSGI_APPLICATION = "zoneplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zoneplan.notifications.context_processors.unread_notifications",
                "plans.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zoneplan.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),  # a connection per worker, not per request
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The working set lives in memory (or on SSD): a random read costs little more than a sequential one.
    # With the default of 4, PostgreSQL hash-joins a whole table rather than look up 1,000 tasks by their key
    # (a unit's task list: 22 ms → 4.5 ms at 100,000 tasks).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c random_page_cost=1.1"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for the writer instead of failing at once: the web server and the worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the database file's folder, with or without Redis
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # first: refuses a locked-out username + address before anything else
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login lock-out (django-axes): five failures for one username from one address lock that pair for an hour;
# the lock-out answers 429 and the same page whether the username exists or not.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "plans:plan-list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
# Static files under content-hashed names (collectstatic), served with a year's cache by nginx or, without it,
# by WhiteNoise; under DEBUG they are read from the source folders.
STORAGES = {
    "default": {"BACKEND": "zoneplan.core.files.PrivateStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60
# Stored files (attachments, close-out evidence, ledgers, reports, plan documents) are private: no URL serves
# MEDIA_ROOT. A view checks the reader's permission on the file's object, then the bytes are sent by nginx
# (X-Accel-Redirect to its `internal` location SENDFILE_URL) or, without nginx, by Django (django-sendfile2).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
SENDFILE_BACKEND = {
    "nginx": "django_sendfile.backends.nginx",
    "simple": "django_sendfile.backends.simple",
}[os.environ.get("SENDFILE_BACKEND", "simple")]
SENDFILE_ROOT = str(MEDIA_ROOT)
SENDFILE_URL = "/protected-media"
# Attachments to progress reports: allowed extensions and the largest accepted file.
ATTACHMENT_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "txt",
    "jpg",
    "jpeg",
    "png",
    "zip",
]
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024)))

# E-mail: console in development, SMTP otherwise, configured from the environment.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# for the file backend (the worker crash test reads it)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "zoneplan@localhost")

# Broker, results and cache.
REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_database(url: str, offset: int) -> str:
    """`url` with its database number moved on by `offset` (modulo Redis' 16 databases): the results and the
    cache live apart from the broker, so a full cache never evicts a queued task and each is flushed alone."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(number + offset) % 16}"))


if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_URL") or redis_database(REDIS_URL, 1)
    CACHE_URL = os.environ.get("CACHE_URL") or redis_database(REDIS_URL, 2)
    CACHES = {"default": {"BACKEND": "zoneplan.core.rediscache.ZonePlanRedisCache", "LOCATION": CACHE_URL}}
    CELERY_RESULT_EXPIRES = 24 * 60 * 60
else:
    BROKER_DIR = VAR_DIR / "broker"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        # kombu's default is ./control in the working directory
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{BROKER_DIR / 'results'}"
    for folder in ("queue", "processed", "results", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    # A file cache, not the per-process memory cache: the web server, the worker and beat must agree on the
    # data version that keys the cached dashboards.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
# Sessions read from the cache and written through to the database: one query less on every page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Notifications are created and committed in batches of this many (a killed job keeps what it committed).
NOTIFICATION_BATCH = int(os.environ.get("NOTIFICATION_BATCH", "1000"))
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
# Broker redelivers an unacknowledged task after this; every task time limit stays below it.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    **globals().get("CELERY_BROKER_TRANSPORT_OPTIONS", {}),
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "organisation.authentication.QuickTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "zoneplan.core.api.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": ["zoneplan.core.filters.FilterBackend"],
    "DEFAULT_RENDERER_CLASSES": [
        "zoneplan.core.api.renderers.JSONRenderer",  # DRF's bytes, written by orjson
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # multipart only where files are uploaded
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "zoneplan.core.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "zoneplan.core.api.throttling.AnonThrottle",
        "zoneplan.core.api.throttling.UserThrottle",
    ],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# API throttling per client (anonymous: by address; signed in: by user), read from here on every request.
API_THROTTLE_RATES = {
    "anon": os.environ.get("API_THROTTLE_ANON", "30/min"),
    "user": os.environ.get("API_THROTTLE_USER", "600/min"),
    "token": os.environ.get("API_THROTTLE_TOKEN", "10/min"),  # POST /api/v1/auth/token/ per address
}
# API tokens (django-rest-knox): stored as SHA-512 digests, expiring, dropped when the password changes.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=int(os.environ.get("API_TOKEN_TTL_HOURS", "12"))),
    "AUTH_HEADER_PREFIX": "Token",
}
# Caps on what one person can make the server keep or do.
ATTACHMENTS_PER_REPORT = int(os.environ.get("ATTACHMENTS_PER_REPORT", "10"))
FILE_JOBS_RUNNING_PER_USER = int(os.environ.get("FILE_JOBS_RUNNING_PER_USER", "3"))
FILE_JOBS_PER_USER_PER_HOUR = int(os.environ.get("FILE_JOBS_PER_USER_PER_HOUR", "30"))
# generated files are deleted after this
GENERATED_FILE_DAYS = int(os.environ.get("GENERATED_FILE_DAYS", "30"))
# nginx's client_max_body_size
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(50 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# a request with more is refused before its files are read
DATA_UPLOAD_MAX_NUMBER_FILES = 2 * ATTACHMENTS_PER_REPORT
# Webhooks reach only public addresses; an intranet robot gateway is allowed by naming its network here
# (CIDR).
WEBHOOK_ALLOWED_NETWORKS = env_list("WEBHOOK_ALLOWED_NETWORKS")
WEBHOOK_MESSAGES_PER_MINUTE = int(os.environ.get("WEBHOOK_MESSAGES_PER_MINUTE", "20"))

SPECTACULAR_SETTINGS = {
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "TITLE": "ZonePlan API",
    "DESCRIPTION": "开发区工作计划督办平台 — plans, tasks, progress, projects and indicators.",
    "VERSION": __version__,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "zoneplan.core.api.schema.document_common_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "TaskStatusEnum": "plans.choices.TaskStatus",
        "PlanStatusEnum": "plans.choices.PlanStatus",
        "PlanKindEnum": "plans.choices.PlanKind",
        "UnitKindEnum": "organisation.choices.UnitKind",
        "ZoneLevelEnum": "organisation.choices.ZoneLevel",
        "ProjectLevelEnum": "projects.choices.ProjectLevel",
        "ProjectStageEnum": "projects.choices.ProjectStage",
        "IssueStateEnum": "projects.choices.IssueState",
        "ReviewStateEnum": "plans.choices.ReviewState",
        "FileJobKindEnum": "zoneplan.reports.choices.FileJobKind",
        "FileJobStateEnum": "zoneplan.reports.choices.FileJobState",
    },
}

# Logs: one line each with time, level, logger and the request's id (nginx's X-Request-ID, or one of our own),
# to standard error for systemd's journal; errors by mail to ADMINS ("Name <a@b>, …") when they are set.
ADMINS = [tuple(part.strip() for part in admin.rstrip(">").split("<")) for admin in env_list("ADMINS")]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "zoneplan.core.middleware.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line", "filters": ["request_id"]},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {
            "handlers": ["console", "mail_admins"] if ADMINS else ["console"],
            "propagate": False,
        },
    },
}
# a monitor sending it as X-Health-Token sees each component
HEALTH_TOKEN = os.environ.get("HEALTH_TOKEN", "")
# Sentry, only when a DSN is set: the SDK is neither imported nor needed otherwise.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:  # pragma: no cover - needs the SDK and a DSN
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN, send_default_pii=False, environment=os.environ.get("SENTRY_ENVIRONMENT", "")
    )

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    # HTTPS only in production; behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if os.environ.get("SECURE_PROXY_SSL_HEADER"):
        SECURE_PROXY_SSL_HEADER = (
            f"HTTP_{os.environ['SECURE_PROXY_SSL_HEADER'].upper().replace('-', '_')}",
            "https",
        )

# Scheduled jobs: remind this many days before a reporting period ends; escalate after this many days overdue.
REMINDER_DAYS_BEFORE = {"weekly": 2, "monthly": 5, "quarterly": 10}
ESCALATION_DAYS = int(os.environ.get("ESCALATION_DAYS", "7"))
DEADLINE_REMINDER_WORKDAYS = 3  # lead units are reminded this many working days before a deadline
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Colours of projects and indicators (tasks take theirs from their plan): points behind the time schedule
# for yellow and red, and working days a milestone may be late before it turns red.
COLOUR_YELLOW_POINTS = 15
COLOUR_RED_POINTS = 30
COLOUR_RED_LATE_WORKDAYS = 10
REPORT_DUE_DAY = 25  # monthly and quarterly reports are due by this day of the (last) month
