"""Reading responses for the generated leak test (test_leak_paths): what names a denouncer.

A denouncer is found in a response by their name (as written, or folded: no diacritics, no
case), their CCCD number, their phone number (the response's digits with everything between
them dropped: typed with spaces, dots or dashes, it is found whole) or their address.

A DOCX or XLSX is read as its XML parts joined (test_leak._parts). Every print carries the
same large parts (its styles, about 0.8 MB), so each distinct part is folded and searched
once per walk; what runs across the joint between two parts is searched in a window around
each joint. What is found is exactly what searching the joined text finds.
"""

import functools
import re
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from django.test import Client

from tiepdan.cases.tests.test_leak import _parts
from tiepdan.core.text import search_key

TEXT, FOLDED, DIGITS = 0, 1, 2
# How each stream's parts are joined: the text as test_leak._text joins it; search_key folds
# that to the parts' non-empty folds joined by a space (a line break is white space, and
# NFD, casefold and the marks' removal act on each side of it alone); the digits lose it.
JOINTS = ((TEXT, "\n"), (FOLDED, " "), (DIGITS, ""))

F = TypeVar("F", bound=Callable[..., Any])


def _roomy_frame(locals_count: int) -> Callable[[Callable[[], Any]], Any]:
    names = "=".join(f"_{n}" for n in range(locals_count))
    code = f"def roomy(call):\n    {names} = None\n    return call()\n"
    scope: dict[str, Any] = {}
    exec(compile(code, "<roomy frame>", "exec"), scope)
    return scope["roomy"]


# CPython 3.11 keeps the frames of a thread in chunks of 16 KB and unmaps a chunk as soon as
# the frame at its start returns. A Django request's call stack crosses a chunk's edge back
# and forth hundreds of times (the walk: about 580,000 mmap/munmap pairs, some 2 s of system
# time and 1.5 s more of user time). A frame of 40,000 locals makes the interpreter allocate
# it a chunk of 512 KB, whose free 190 KB then hold every frame called from it.
_ROOMY = _roomy_frame(40_000)


def in_one_stack_chunk(function: F) -> F:
    """`function`, run inside the roomy frame: what it reads and checks is unchanged."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        return _ROOMY(lambda: function(*args, **kwargs))

    return run  # type: ignore[return-value]


# Every character that is not a decimal digit, spaces included: a phone number typed with
# spaces, dots or dashes is found whole. (Digits `\d` does not match, such as superscripts,
# are dropped too: an ASCII number can only run together more often, never less.)
_NOT_DIGITS = re.compile(r"\D+")
# The denouncers' folded values, computed once each, not once per response.
_fold = functools.lru_cache(maxsize=None)(search_key)


def needles(who: dict[str, str]) -> list[tuple[int, str, str]]:
    """(stream, value, what it reveals) of a denouncer, in the order the leaks are reported."""
    return [
        (TEXT, who["full_name"], "name"),
        (FOLDED, _fold(who["full_name"]), "name"),
        (TEXT, who["id_number"], "id"),
        (DIGITS, who["phone"], "phone"),
        (FOLDED, _fold(who["address"].split(",")[0]), "address"),
    ]


def _streams(text: str) -> tuple[str, str, str]:
    return text, search_key(text), _NOT_DIGITS.sub("", text)


def _labels(present, who: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(label for s, v, label in needles(who) if (s, v) in present))


def found(text: str, who: dict[str, str]) -> list[str]:
    """What of `who` the text names."""
    streams = _streams(text)
    return _labels({(s, v) for s, v, _ in needles(who) if v in streams[s]}, who)


class _Part(NamedTuple):
    streams: tuple[str, str, str]
    present: frozenset[tuple[int, str]]


class Scanner:
    """Finds the denouncers of `people` (all that any reader watches) in responses."""

    def __init__(self, people: list[dict[str, str]]) -> None:
        self.values = sorted({(s, v) for who in people for s, v, _ in needles(who)})
        # An occurrence across a joint lies within this many characters of it on each side.
        self.reach = max(len(v) for _, v in self.values) - 1
        self._parts: dict[str, _Part] = {}

    def _part(self, text: str) -> _Part:
        part = self._parts.get(text)
        if part is None:
            streams = _streams(text)
            present = frozenset((s, v) for s, v in self.values if v in streams[s])
            part = self._parts[text] = _Part(streams, present)
        return part

    def present(self, parts: list[str]) -> set[tuple[int, str]]:
        """The values found in the parts joined."""
        read = [self._part(text) for text in parts]
        present: set[tuple[int, str]] = set().union(*(part.present for part in read))
        for stream, joint in JOINTS:
            pieces = [part.streams[stream] for part in read]
            if stream == FOLDED:
                pieces = [piece for piece in pieces if piece]
            if len(pieces) < 2:
                continue
            joined, at, windows = joint.join(pieces), 0, []
            for piece in pieces[:-1]:
                at += len(piece)
                windows.append(joined[max(0, at - self.reach) : at + len(joint) + self.reach])
                at += len(joint)
            across = "\0".join(windows)  # no value holds a NUL: none runs across windows
            present.update((s, v) for s, v in self.values if s == stream and v in across)
        return present

    def found(self, present: set[tuple[int, str]], who: dict[str, str]) -> list[str]:
        return _labels(present, who)


class Walk:
    """Reads pages as one reader after another and collects what names a denouncer."""

    def __init__(self, people: list[dict]) -> None:
        self.scanner = Scanner([d["who"] for d in people])
        self.leaks: list[str] = []
        self.unread: list[str] = []

    def read(self, role: str, client: Client, urls: list[str], *, watched: list) -> dict:
        from django.core.cache import cache

        cache.clear()  # the rate limits count per address: every reader starts afresh
        statuses = {}
        for url in urls:
            response = client.get(url)
            statuses[url] = response.status_code
            if response.status_code == 429:  # refused for the rate, not read
                self.unread.append(f"{role} {url}")
            parts = _parts(response)
            if "q=" in url:  # the typed query is echoed in the search box
                parts = [text.replace(url.split("q=", 1)[1], "") for text in parts]
            present = self.scanner.present(parts)
            for d in watched:
                what = self.scanner.found(present, d["who"])
                if what:
                    self.leaks.append(f"{role} {url} [{response.status_code}] {d['path']}: {what}")
        return statuses
