"""A bounded breadth-first crawl of the pages a signed-in user is shown.

Every link on a page is a promise that the user may open it, so the crawl follows the links of
each page it reads, within the application, and records what each answered. To stay fast it
reads a limited number of addresses per route (the same view with other ids answers the same
way for the same role) and a limited number of pages overall.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

# Where the crawl does not go: files served as such, Django's own admin and the API browser
# (their interface is Django's, not ours), the language switch and signing out.
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/api/", "/i18n/", "/logout/")

# Words that are not Vietnamese and have no business in a Vietnamese page, and the marks of
# internal text: rule codes (`complaint.accept`), design notes (`domain.md §4.5`), library names.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|with|for|not|is|are|this|that|from|None|True|False|null|undefined|NaN|"
    r"Error|Traceback|Exception|TODO|FIXME|Page not found|Forbidden|Server Error|WAPE|"
    r"holidays|python|django|weasyprint|openpyxl)\b"
)
INTERNAL_MARKS = re.compile(
    r"(\b\w+\.md\b|§|\b[a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)*\b|\{\{|\{%|%\}|\}\})"
)
# Dotted words that are not codes: e-mail addresses, host names and file names users see.
_NOT_CODES = re.compile(
    r"[\w.+-]+@[\w.-]+|\b[\w-]+\.(?:vn|local|org|com|net|docx|xlsx|pdf|csv|ics|png|jpg)\b",
    re.IGNORECASE,
)


class _PageParser(HTMLParser):
    """Collect the links and the text a person reads (attributes people see included)."""

    VISIBLE_ATTRS = ("title", "placeholder", "aria-label", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        # <code> marks a machine value shown on purpose (a code list an administrator maps).
        if tag in ("script", "style", "template", "code"):
            self._hidden += 1
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        for name in self.VISIBLE_ATTRS:
            if values.get(name):
                self.text.append(values[name] or "")
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.text.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template", "code") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.text.append(data)


@dataclass
class Problem:
    url: str
    found_on: str
    what: str

    def __str__(self) -> str:
        return f"{self.url} (linked from {self.found_on}): {self.what}"


@dataclass
class CrawlResult:
    pages: int = 0
    problems: list[Problem] = field(default_factory=list)
    # Routes of files (DOCX, XLSX, PDF…) already fetched: a file route answers alike for every
    # user who holds the same roles, so a crawl for such a user may skip them (they are slow).
    file_routes: set[str] = field(default_factory=set)


def route_of(path: str) -> str | None:
    """The route a path resolves to, with the names of its query parameters; None if outside."""
    parts = urlsplit(path)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    keys = ",".join(sorted({key for key, _ in parse_qsl(parts.query)}))
    return f"{match.route}?{keys}"


def internal_text(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """English words and internal marks found in the visible text of a page.

    `allowed` are dotted words people do use, such as login names beside an officer's name.
    """
    cleaned = _NOT_CODES.sub(" ", text)
    found = [m.group(0) for m in ENGLISH_WORDS.finditer(cleaned)]
    found += [m.group(0) for m in INTERNAL_MARKS.finditer(cleaned)]
    return [word for word in found if word not in allowed]


def crawl(
    client: Client,
    start: str = "/",
    *,
    per_route: int = 2,
    max_pages: int = 400,
    allowed: frozenset[str] = frozenset(),
    file_routes: set[str] | None = None,
) -> CrawlResult:
    """Read pages breadth-first from `start`; report links answering 403/404, 5xx, foreign text.

    A file answering 200 is not parsed; a redirect is followed once to check where it lands.
    `file_routes` are file routes another crawl with the same roles has fetched already.
    """
    result = CrawlResult()
    known_files = file_routes or set()
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    seen: set[str] = {start}
    per_route_count: dict[str, int] = {}
    while queue and result.pages < max_pages:
        url, found_on = queue.popleft()
        response = client.get(url)
        result.pages += 1
        status = response.status_code
        if status in (301, 302):
            target = response["Location"]
            response = client.get(target)
            status = response.status_code
        if status in (403, 404) or status >= 500:
            result.problems.append(Problem(url, found_on, f"answers {status}"))
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            result.file_routes.add(route_of(url) or url)
            continue
        parser = _PageParser()
        parser.feed(response.content.decode())
        foreign = internal_text("\n".join(parser.text), allowed)
        if foreign:
            result.problems.append(Problem(url, found_on, f"shows {sorted(set(foreign))}"))
        for href in parser.links:
            link = _internal(href, base=url)
            if link is None or link in seen:
                continue
            seen.add(link)
            route = route_of(link)
            if route is None:
                result.problems.append(Problem(link, url, "matches no page"))
                continue
            if per_route_count.get(route, 0) >= per_route or route in known_files:
                continue
            per_route_count[route] = per_route_count.get(route, 0) + 1
            queue.append((link, url))
    return result


def _internal(href: str, *, base: str) -> str | None:
    href, _ = urldefrag(href.strip())
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None  # nothing is loaded from elsewhere; external links are not ours to check
    if not parts.path:
        href = urlsplit(base).path + href  # "?page=2" keeps the page's path
    elif not href.startswith("/"):
        href = urlsplit(base).path.rsplit("/", 1)[0] + "/" + href
    if href.startswith(SKIPPED_PREFIXES):
        return None
    return href
