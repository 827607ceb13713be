"""`scripts/quickstart` takes its port from PORT and says at once when the port is busy."""

import os
import socket
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "quickstart"


def _run(port: str) -> subprocess.CompletedProcess:
    # The checks come before any install: a wrong or busy port answers within seconds.
    return subprocess.run(
        [str(SCRIPT)],
        env={**os.environ, "PORT": port},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_a_busy_port_is_named_with_another_to_try() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = _run(port)
    assert result.returncode == 1
    assert f"Cổng {port} đang được dùng" in result.stderr
    assert "PORT=8100 ./scripts/quickstart" in result.stderr


@pytest.mark.parametrize("port", ["abc", "0", "70000"])
def test_a_port_that_is_no_number_is_refused(port: str) -> None:
    result = _run(port)
    assert result.returncode == 2
    assert f"PORT={port} không hợp lệ" in result.stderr


def test_the_server_listens_on_the_given_port() -> None:
    text = SCRIPT.read_text()
    assert 'runserver "127.0.0.1:$PORT"' in text
    assert "http://127.0.0.1:$PORT" in text
