"""JSON text of plain values for bulk writes, from an encoder made once.

`json.dumps` and `JSONEncoder.encode` build a new C encoder on every call; for a value of a few
keys that costs more than the encoding itself, and a first hotspot scan encodes four values of
each of 73,000 hotspots and one of each of 73,000 alerts (then 146,000 lists again when a steady
scan compares what it found with what is kept; the audit trail hashes and writes one event per
alert). `made_once` gives an encoder's text from CPython's encoder made once and called
directly: the same text, 2-2.5x faster for such values.

Values are built by the caller from plain data (dicts, lists, tuples, str, int, float, bool,
None): a reference cycle is not looked for (it fails with RecursionError instead of ValueError).
Where Python has no C encoder, the standard encoder does the same work.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as stdlib
from typing import Any


def made_once(encoder: json.JSONEncoder) -> Callable[[Any], str]:
    """`encoder.encode` with CPython's C encoder made once and called directly; the standard
    `encode` where there is none, or for an indented text (which the C encoder does not write)."""
    make = getattr(stdlib, "c_make_encoder", None)  # not in the module's declared interface
    if make is None or encoder.indent is not None:
        return encoder.encode
    chunks = make(
        None,  # no cycle check
        encoder.default,
        stdlib.encode_basestring_ascii if encoder.ensure_ascii else stdlib.encode_basestring,
        None,
        encoder.key_separator,
        encoder.item_separator,
        encoder.sort_keys,
        encoder.skipkeys,
        encoder.allow_nan,
    )
    return lambda value: "".join(chunks(value, 0))


#: `json.dumps(value, ensure_ascii=False)`: the text of a JSON column as COPY sends it, and the
#: spelling PostgreSQL writes a jsonb list back as.
dumps = made_once(json.JSONEncoder(ensure_ascii=False))
