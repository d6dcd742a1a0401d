"""gunicorn's settings for ZonePlan: `gunicorn -c deploy/gunicorn.conf.py zoneplan.wsgi` (the bind address
comes from GUNICORN_BIND or --bind; each instance behind nginx listens on its own port or socket)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Sync workers: every request is short database work (the files are built by Celery, sent by nginx).
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2)))
worker_class = "sync"
timeout = 60
graceful_timeout = 30
keepalive = 5
# Load the application once before forking: the workers share its memory (see zoneplan/wsgi.py's gc.freeze()).
preload_app = True
# Recycle a worker now and then, so a slow leak in a library never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# nginx on this machine sets X-Forwarded-Proto; trust it from there only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s %(h)s "%(r)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}i)s'
