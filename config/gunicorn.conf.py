"""gunicorn settings: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

gunicorn writes `Server: gunicorn` on every response, before the application's headers; the
response class below leaves it out, so the server software is not announced.
"""

from gunicorn.http import wsgi


class _ResponseWithoutBanner(wsgi.Response):
    def default_headers(self) -> list[str]:
        return [h for h in super().default_headers() if not h.lower().startswith("server:")]


wsgi.Response = _ResponseWithoutBanner
