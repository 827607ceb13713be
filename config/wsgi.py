"""WSGI entry point for gunicorn.

Django imports the URL conf, and with it every view module, on the first request a process
serves; each gunicorn worker's first request then took 0.3–0.4 s longer than the next ones. The
routes are loaded here instead, when the worker boots.
"""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 (imports the URL conf and the views it includes)
