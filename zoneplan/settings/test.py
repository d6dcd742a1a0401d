"""Settings for the test suite: the real settings plus a throwaway key and a fast password hasher."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")  # the test client and live server speak plain HTTP
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
# the test database is dropped at the end: no lingering connections
os.environ.setdefault("DB_CONN_MAX_AGE", "0")

from zoneplan.settings.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
SENDFILE_ROOT = str(MEDIA_ROOT)

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory, so that a real Celery worker in the tests opens the same test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405

# Each test run keys its cache apart, so two runs sharing a Redis (or a file cache) never see each other's
# data versions; the worker processes of the worker tests get their own, which they do not need to share.
CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"  # noqa: F405
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):  # noqa: F405
    # A folder per run too: the tests empty the cache, and a file cache's clear() empties its whole folder.
    CACHES["default"]["LOCATION"] = str(VAR_DIR / "cache" / f"test-{os.getpid()}")  # noqa: F405

# The worker tests give each worker a queue of its own; the tasks a job enqueues (deliveries) follow it there.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")

# Static files from the source folders (no collectstatic before the tests), served by WhiteNoise as in
# production.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The suite makes thousands of API requests as a handful of users: throttling is tested with its own rates.
API_THROTTLE_RATES = {"anon": "100000/min", "user": "100000/min", "token": "100000/min"}  # noqa: F405
# The webhook tests run their robot on this machine.
WEBHOOK_ALLOWED_NETWORKS = []
