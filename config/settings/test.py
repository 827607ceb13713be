"""Test settings: fast hashing, plain static storage (manifest storage breaks live_server)."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "*")
# Production operations: tasks run at once, in the requesting process.
os.environ.setdefault("TIEPDAN_TASKS_BACKEND", "immediate")

from config.settings.base import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
SECURE_SSL_REDIRECT = False
AXES_ENABLED = True
WHITENOISE_AUTOREFRESH = True

# Files written by tests (scans, issued documents) go to a throw-away folder, removed when
# the process that made it ends (each test process makes its own).
MEDIA_ROOT = tempfile.mkdtemp(prefix="tiepdan-test-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
