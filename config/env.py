"""Environment access shared by every settings module."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    environ.Env.read_env(str(BASE_DIR / ".env"))


def env_secret(name: str, default: str | None = None) -> str:
    """Read a secret from `NAME` or from the file named by `NAME_FILE`; fail loudly if absent."""
    file_name = env.str(f"{name}_FILE", default="")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_name} is unreadable: {exc}") from exc
    value = env.str(name, default=default or "")
    if not value:
        raise ImproperlyConfigured(f"Set {name} (or {name}_FILE).")
    return value
