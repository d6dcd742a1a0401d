"""The WSGI application, loaded whole and then frozen out of the garbage collector's way.

Every object the application holds for its lifetime (modules, models, URL patterns, translations: 130,000 of
them) would otherwise be walked by each full collection, which a request building thousands of objects (a
2,000-task outline) triggers: 28 ms of such a request's time went to them. `gc.freeze()` moves them to a
generation the collector never walks; what requests create is collected as before.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zoneplan.settings.base")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imports every view now, to be frozen with the rest
gc.freeze()
