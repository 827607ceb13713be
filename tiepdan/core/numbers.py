"""Numbers written the Vietnamese way: thousands grouped with ".", decimals after ","
(1.234.567,5). Pure functions used by pages (the `vn_number` filter), charts and documents."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Money is kept in triệu đồng (the unit of the KQGQ forms), land in m².
MILLION_UNIT = "triệu đồng"


def vn_number(value: object, places: int | None = None) -> str:
    """`value` with "." between thousands and "," before the decimals, trailing zeros of the
    fraction dropped (48.600 → "48,6"); `places` rounds to at most that many decimals.
    Anything that is not a number is returned as text, a blank as ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = format(abs(number), "f").partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    if sign and grouped == "0" and not fraction:
        sign = ""
    return sign + grouped + ("," + fraction if fraction else "")


def vn_money(value: object) -> str:
    """An amount kept in triệu đồng, as the forms print it: "48,6 triệu đồng"."""
    text = vn_number(value, 3)
    return f"{text} {MILLION_UNIT}" if text else ""
