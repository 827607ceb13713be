"""Template filters for legal clocks."""

from django import template

register = template.Library()


@register.filter
def rule_name(clock) -> str:
    """The Vietnamese name of a clock's rule, as labelled by
    `selectors.clocks_with_rule_names` (the code when the page did not label it)."""
    return getattr(clock, "rule_title", "") or clock.rule_code
