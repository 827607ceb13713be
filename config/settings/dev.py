"""Embedded default: one machine, SQLite, debug pages, a development secret."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-not-secret-tiepdan-embedded-default")
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
# Production operations: tasks run at once, in the requesting process.
os.environ.setdefault("TIEPDAN_TASKS_BACKEND", "immediate")
# Messages to citizens' phones go to the log, by Zalo ZNS first as in production.
os.environ.setdefault("TIEPDAN_ZNS_URL", "console://")

from config.settings.base import *

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_AUTOREFRESH = True
SECURE_SSL_REDIRECT = False
