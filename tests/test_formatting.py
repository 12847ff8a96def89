"""Every kind of value in each reader's format: exact strings per locale (Babel + CLDR)."""

from __future__ import annotations

import datetime as dt

import pytest

from quangba.core.errors import QuangbaError
from quangba.facts import formatting

LANGS = ["vi", "en", "zh", "ko"]


def per_lang(function, *args, **kwargs) -> dict[str, str]:
    return {lang: function(*args, lang, **kwargs) for lang in LANGS}


def test_numbers() -> None:
    assert per_lang(formatting.number, 1286751) == {"vi": "1.286.751", "en": "1,286,751", "zh": "1,286,751", "ko": "1,286,751"}
    assert per_lang(formatting.number, 8375.3) == {"vi": "8.375,3", "en": "8,375.3", "zh": "8,375.3", "ko": "8,375.3"}


def test_people() -> None:
    assert per_lang(formatting.people, 1286751) == {"vi": "1.286.751 người", "en": "1,286,751 people", "zh": "1,286,751人", "ko": "1,286,751명"}


def test_percentages() -> None:
    assert per_lang(formatting.percent, 0.072) == {"vi": "7,2%", "en": "7.2%", "zh": "7.2%", "ko": "7.2%"}
    assert per_lang(formatting.percent, 0.5) == {"vi": "50%", "en": "50%", "zh": "50%", "ko": "50%"}


def test_compact_money() -> None:
    assert per_lang(formatting.money, 3.5e9, "USD") == {"vi": "3,5 tỷ USD", "en": "US$3.5 billion", "zh": "35亿美元", "ko": "35억 달러"}
    assert per_lang(formatting.money, 1.2e12, "VND") == {"vi": "1,2 nghìn tỷ đồng", "en": "VND1.2 trillion", "zh": "1.2万亿越南盾", "ko": "1.2조 동"}


def test_full_money() -> None:
    # Babel keeps amount and currency together with a no-break space in Vietnamese.
    assert per_lang(formatting.money, 1234.5, "USD") == {"vi": "1.234,50\u00a0US$", "en": "$1,234.50", "zh": "US$1,234.50", "ko": "US$1,234.50"}
    assert per_lang(formatting.money, 250000, "VND") == {"vi": "250.000\u00a0₫", "en": "₫250,000", "zh": "₫250,000", "ko": "₫250,000"}
    assert formatting.money(3.5e9, "USD", "en", compact_form=False) == "$3,500,000,000.00"


def test_areas_and_distances() -> None:
    assert per_lang(formatting.measure, 8375.3, "km2") == {"vi": "8.375,3 km²", "en": "8,375.3 km²", "zh": "8,375.3平方公里", "ko": "8,375.3km²"}
    assert {lang: formatting.value_with_unit(80, "km", lang, approximate=True) for lang in LANGS} == {
        "vi": "khoảng 80 km",
        "en": "about 80 km",
        "zh": "约80公里",
        "ko": "약 80km",
    }


def test_dates() -> None:
    assert per_lang(formatting.date, dt.date(2021, 1, 20)) == {
        "vi": "20 tháng 1, 2021",
        "en": "January 20, 2021",
        "zh": "2021年1月20日",
        "ko": "2021년 1월 20일",
    }


def test_years_are_never_grouped() -> None:
    assert formatting.value_with_unit(2021, "year", "en") == "2021"
    assert formatting.value_with_unit(1831, "year", "vi") == "1831"


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(QuangbaError, match="'xx' is not known to Babel"):
        formatting.number(1, "xx")
