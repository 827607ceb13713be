"""Helpers for browser tests (the `browser` and `page` fixtures live in tiepdan/conftest.py)."""

import os
from pathlib import Path

from django.conf import settings

CHROMIUM = os.environ.get("TIEPDAN_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under artifacts/screenshots/ (kept by CI as test output)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, username: str, password: str) -> None:
    page.goto("/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/")


def watch_csp_violations(page) -> list[str]:
    """Collect the Content-Security-Policy violations Chromium reports on `page`'s console
    (an inline script, a style attribute or another origin the policy refused)."""
    violations: list[str] = []

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            violations.append(f"{message.location.get('url', '')}: {message.text}")

    page.on("console", on_console)
    return violations
