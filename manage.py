#!/usr/bin/env python
"""Django's command-line utility."""

import os
import sys


def main() -> None:
    # The embedded default (SQLite, debug) unless the environment says production.
    default = (
        "config.settings.base" if os.environ.get("DJANGO_SECRET_KEY") else "config.settings.dev"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
