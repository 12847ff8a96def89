"""Numbers, money, units and dates the way each language's readers expect them (Babel + CLDR).

The site and the leaflets both call these functions, so a figure reads the same everywhere:
vi "1.286.751 người", en "1,286,751 people", zh "1,286,751人", ko "1,286,751명".
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import (
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
)
from babel.units import format_unit

from quangba.core.errors import UNUSABLE, QuangbaError

Number = int | float | Decimal

# CLDR has no "person" unit; these are how each language counts people (and the word "about").
PEOPLE = {"vi": "{n} người", "en": "{n} people", "zh": "{n}人", "ko": "{n}명"}
ABOUT = {"vi": "khoảng {v}", "en": "about {v}", "zh": "约{v}", "ko": "약 {v}"}

# Large amounts in running text, as each language's press writes them: "3,5 tỷ USD",
# "US$3.5 billion", "35亿美元", "35억 달러". CLDR's compact currency ("$3.5B") is too terse.
COMPACT_MONEY = {
    "USD": {"vi": "{n} USD", "en": "US${n}", "zh": "{n}美元", "ko": "{n} 달러"},
    "VND": {"vi": "{n} đồng", "en": "VND{n}", "zh": "{n}越南盾", "ko": "{n} 동"},
}
COMPACT_FROM = 1_000_000  # below a million, amounts are written in full

# Fact units and the Babel unit each maps to (None: formatted by a function below).
CLDR_UNITS = {"km2": "area-square-kilometer", "km": "length-kilometer", "ha": "area-hectare"}
UNITS = {"count", "people", "percent", "year", "date", "usd", "vnd", *CLDR_UNITS}


def locale_for(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise QuangbaError([f"language '{lang}' is not known to Babel (use a code such as vi, en, zh, ko)"], UNUSABLE) from None


def _language(lang: str) -> str:
    """'zh_CN' -> 'zh': the key of the tables above."""
    return locale_for(lang).language


def number(value: Number, lang: str) -> str:
    """1286751 -> '1.286.751' (vi) / '1,286,751' (en)."""
    return format_decimal(value, locale=locale_for(lang))


def percent(ratio: Number, lang: str) -> str:
    """0.072 -> '7,2%' (vi) / '7.2%' (en): a ratio, one decimal at most."""
    return format_percent(ratio, "#,##0.#%", locale=locale_for(lang))


def people(count: int, lang: str) -> str:
    return PEOPLE[_language(lang)].format(n=number(count, lang))


def measure(value: Number, unit: str, lang: str) -> str:
    """8375.3, 'km2' -> '8.375,3 km²' (vi) / '8,375.3平方公里' (zh)."""
    return format_unit(value, CLDR_UNITS[unit], length="short", locale=locale_for(lang))


def compact(value: Number, lang: str) -> str:
    """3.5e9 -> '3,5 tỷ' (vi) / '3.5 billion' (en) / '35亿' (zh) / '35억' (ko)."""
    loc = locale_for(lang)
    kind: Literal["short", "long"] = "long" if "long" in loc.compact_decimal_formats else "short"
    return format_compact_decimal(value, format_type=kind, locale=loc, fraction_digits=2)


def money(amount: Number, currency: str, lang: str, *, compact_form: bool | None = None) -> str:
    """Compact for large amounts ('US$3.5 billion'), Babel's full form otherwise ('$1,234.50')."""
    currency = currency.upper()
    if compact_form is None:
        compact_form = abs(float(amount)) >= COMPACT_FROM
    if compact_form and currency in COMPACT_MONEY:
        return COMPACT_MONEY[currency][_language(lang)].format(n=compact(amount, lang))
    return format_currency(amount, currency, locale=locale_for(lang))


def date(value: dt.date, lang: str) -> str:
    """2021-01-20 -> '20 tháng 1, 2021' / 'January 20, 2021' / '2021年1月20日' / '2021년 1월 20일'."""
    return babel_format_date(value, format="long", locale=locale_for(lang))


# How a source and its year read in a note: "…, 2025", "…，2025年", "…(2025년)".
SOURCE_NOTE = {"zh": "{source}，{year}", "ja": "{source}、{year}", "ko": "{source}({year})"}


def source_note(source: str, year: int, lang: str) -> str:
    """A fact's source with its year, in the language's punctuation; the year is not repeated
    when the source already names it ("… năm 2025", "2019年人口普查"; a number such as
    202/2025/QH15 does not count)."""
    if re.search(rf"(?<![\d/.\-]){year}(?![\d/.\-])", source):
        return source
    written = format_skeleton("y", dt.date(year, 1, 1), locale=locale_for(lang))
    return SOURCE_NOTE.get(_language(lang), "{source}, {year}").format(source=source, year=written)


def about(text: str, lang: str) -> str:
    return ABOUT[_language(lang)].format(v=text)


def value_with_unit(value: object, unit: str, lang: str, *, approximate: bool = False) -> str:
    """Format a fact's value by its unit; the one entry point the Markdown syntax uses."""
    if unit == "date":
        assert isinstance(value, dt.date)
        text = date(value, lang)
    elif unit == "year":
        text = str(value)  # never '2,021'
    elif unit == "people":
        text = people(value, lang)  # type: ignore[arg-type]
    elif unit == "percent":
        text = percent(value, lang)  # type: ignore[arg-type]
    elif unit in ("usd", "vnd"):
        text = money(value, unit, lang)  # type: ignore[arg-type]
    elif unit in CLDR_UNITS:
        text = measure(value, unit, lang)  # type: ignore[arg-type]
    else:
        text = number(value, lang)  # type: ignore[arg-type]
    return about(text, lang) if approximate else text
