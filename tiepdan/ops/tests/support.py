"""A local SMTP sink and PostgreSQL helpers for the operations tests."""

import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

import psycopg
import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection


class Sink:
    """Keeps every message the SMTP server accepts."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        self.arrived.set()
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    """An aiosmtpd server on 127.0.0.1 in a thread, for as long as the context lasts."""

    def __enter__(self) -> "SmtpSink":
        self.sink = Sink()
        self.port = free_port()
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list[EmailMessage]:
        return self.sink.messages


needs_postgres = pytest.mark.skipif(
    not settings.IS_POSTGRES, reason="needs PostgreSQL (DATABASE_URL)"
)


def postgres_admin_url() -> str:
    """A libpq URL for the server the tests run on, connected to its `postgres` database."""
    params = connection.settings_dict
    user = params.get("USER") or "postgres"
    auth = f"{user}:{params['PASSWORD']}" if params.get("PASSWORD") else user
    return f"postgresql://{auth}@{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}"


def recreate_database(name: str, *, template: str = "template1") -> str:
    """Drop and create database `name` (a copy of `template`); returns its URL."""
    base = postgres_admin_url()
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return f"{base}/{name}"


def drop_database(name: str) -> None:
    with psycopg.connect(f"{postgres_admin_url()}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
