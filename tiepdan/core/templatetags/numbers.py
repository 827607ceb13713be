"""`{% load numbers %}`: `{{ value|vn_number }}`, `{{ value|vn_number:2 }}` (at most two
decimals), `{{ amount|vn_money }}` ("48,6 triệu đồng"). See tiepdan.core.numbers."""

from django import template

from tiepdan.core import numbers

register = template.Library()


@register.filter
def vn_number(value: object, places: int | str | None = None) -> str:
    return numbers.vn_number(value, None if places is None or places == "" else int(places))


@register.filter
def vn_money(value: object) -> str:
    return numbers.vn_money(value)
