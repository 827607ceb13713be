"""JSON text from the encoder made once reads exactly as `json.dumps` writes it."""

import json
import math

import pytest

from tiepdan.core import jsontext

# Values of the shapes bulk writes encode: hotspots' explanations, signals, trends and subjects,
# alerts' subjects, audit data; with the characters and numbers JSON spells specially.
VALUES = [
    None,
    True,
    0,
    -17,
    2**70,
    2.5,
    1e16,
    -0.0,
    math.inf,
    math.nan,
    "",
    "Nguyễn Văn An — khiếu nại",
    'quote " backslash \\ tab \t newline \n nul \x00 bell \x07',
    "\u2028\u2029 and an emoji 😀",
    [],
    {},
    ["3 lần đến trong 90 ngày", "Gần Tết: còn 5 ngày"],
    [0, 1, 2, 0, 3],
    (1, "a", None),
    {"citizens": 3, "people": 4, "repeat_visits": 3},
    {"z": 1, "a": {"y": [1, {"b": 2, "a": None}]}, "m": [True, False]},
    {1: "int key", 10: "ten", 2: "two"},
    [{"type": "case", "id": 123456, "label": "Khiếu nại về bồi thường đất ở thôn Đông"}],
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_the_text_is_that_of_json_dumps(value) -> None:
    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False)


# Encoders of other options: each one's text is that of json.dumps with the same options.
OPTIONS = [
    {},
    {"ensure_ascii": False, "sort_keys": True, "separators": (",", ":")},
    {"separators": (",", ":")},
    {"indent": 2, "ensure_ascii": False},
]


@pytest.mark.parametrize("with_c_encoder", [True, False])
@pytest.mark.parametrize("options", OPTIONS, ids=["standard", "canonical", "compact", "indented"])
def test_an_encoder_made_once_writes_what_json_dumps_writes(
    monkeypatch, options, with_c_encoder
) -> None:
    if not with_c_encoder:  # a Python without CPython's encoder: the standard one is used
        monkeypatch.setattr(json.encoder, "c_make_encoder", None)
    encode = jsontext.made_once(json.JSONEncoder(**options))
    for value in VALUES:
        if options.get("sort_keys") and isinstance(value, dict) and 1 in value:
            continue  # keys of mixed kinds cannot be sorted: refused alike, below
        assert encode(value) == json.dumps(value, **options)
    if options.get("sort_keys"):
        with pytest.raises(TypeError):
            encode({1: "a", "b": 2})


def test_a_value_json_cannot_hold_is_refused_as_json_dumps_refuses_it() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        jsontext.dumps({"when": object()})
    # The encoder is still usable after a refusal.
    assert jsontext.dumps({"n": [1]}) == '{"n": [1]}'
