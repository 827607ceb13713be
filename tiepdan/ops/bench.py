"""Helpers of the benchmark commands: timing pages in-process or over HTTP as a given user,
percentiles, the load average. Benchmarks only: nothing here runs in production requests."""

from __future__ import annotations

import http.client
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.test import Client
from django.test.utils import override_settings
from django.utils.module_loading import import_string

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of `values`."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "?"
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


@contextmanager
def local_client(user) -> Iterator[Client]:
    """Django's test client logged in as `user`, usable under production settings: its host is
    allowed and plain-HTTP requests are not redirected to https:// (a proxy does TLS)."""
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    with override_settings(ALLOWED_HOSTS=hosts, SECURE_SSL_REDIRECT=False):
        client = Client()
        client.force_login(user)
        yield client


class CpuClock:
    """CPU seconds spent by this process and by its database connection's PostgreSQL backend
    (read from /proc when the server runs on this machine). On a shared machine the wall time
    of a measurement grows with the load average; its CPU time hardly does."""

    def __init__(self) -> None:
        from django.db import connection

        self.backend: str | None = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                path = f"/proc/{cursor.fetchone()[0]}/stat"
            if os.access(path, os.R_OK):
                self.backend = path

    def _backend(self) -> float:
        if self.backend is None:
            return 0.0
        try:
            with open(self.backend) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def read(self) -> tuple[float, float]:
        """(this process, the database backend), in seconds so far."""
        return time.process_time(), self._backend()


def session_cookie(user) -> str:
    """A session for `user` in the configured session store (as a login would make), for
    requests over HTTP: the cookie header value."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    # The backend that loads users back (a lockout backend in front of it does not).
    store[BACKEND_SESSION_KEY] = next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if hasattr(import_string(path), "get_user")
    )
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def require_local(url: str) -> tuple[str, int]:
    """Host and port of `url`, refused unless it is this machine (benchmarks never load
    another server)."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOCAL_HOSTS:
        raise ValueError(f"{url}: only http://127.0.0.1:PORT is allowed")
    return parts.hostname, parts.port or 80


class HttpPages:
    """GET pages of a running server (gunicorn) as `user`, over one kept-alive connection."""

    def __init__(self, url: str, user, host_header: str = "") -> None:
        self.host, self.port = require_local(url)
        self.cookie = session_cookie(user)
        self.host_header = host_header or (
            settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else self.host
        )
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def get(self, path: str) -> tuple[int, float, int]:
        """(status, milliseconds, bytes)"""
        headers = {
            "Cookie": self.cookie,
            "Host": self.host_header,
            # As the reverse proxy says it (SECURE_PROXY_SSL_HEADER), so no redirect to https.
            "X-Forwarded-Proto": "https",
        }
        started = time.perf_counter()
        try:
            self.conn.request("GET", path, headers=headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            self.conn.request("GET", path, headers=headers)
            response = self.conn.getresponse()
        body = response.read()
        return response.status, (time.perf_counter() - started) * 1000, len(body)


class LocalPages:
    """The same as HttpPages through Django's test client, in this process."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def get(self, path: str) -> tuple[int, float, int]:
        started = time.perf_counter()
        response = self.client.get(path)
        body = response.getvalue()
        return response.status_code, (time.perf_counter() - started) * 1000, len(body)
