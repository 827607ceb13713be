"""gunicorn settings: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

gunicorn writes `Server: gunicorn` on every response, before the application's headers; the
response class below leaves it out, so the server software is not announced.

gunicorn's control socket (for `gunicornc`) defaults to one path per user, so a second server
on the machine (a replica, a benchmark beside production) takes it over from the first. It is
off unless `GUNICORN_CONTROL_SOCKET` names a path of this server's own.
"""

import os

from gunicorn.http import wsgi


class _ResponseWithoutBanner(wsgi.Response):
    def default_headers(self) -> list[str]:
        return [h for h in super().default_headers() if not h.lower().startswith("server:")]


wsgi.Response = _ResponseWithoutBanner

control_socket_path = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
if control_socket_path:
    control_socket = control_socket_path
else:
    control_socket_disable = True
