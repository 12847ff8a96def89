"""Numbers and dates in a text, read the way its language writes them, so they can be compared
across languages: Vietnamese 1.234,5 is English 1,234.5; "6/12/1953", "6 December 1953",
"1953年12月6日" and "1953년 12월 6일" are the same date; "1,5 triệu" is "1.5 million" and "150万".

The separators, month names and date patterns come from Babel's CLDR data for the language, so
any language MkDocs can be configured with is read correctly; a few everyday forms CLDR does not
list (Vietnamese "ngày 6 tháng 12 năm 1953", British "6 December 1953") are added below.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

# Written-out scales that follow a number ("1,5 triệu", "2.3 billion", "150万", "5천만").
SCALES: dict[str, dict[str, int]] = {
    "vi": {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9},
    "en": {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12},
    "zh": {"百": 10**2, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8},
    "ja": {"万": 10**4, "億": 10**8},
    "ko": {"백": 10**2, "천": 10**3, "만": 10**4, "억": 10**8},
}
# Date forms in everyday use that CLDR's patterns for the language do not cover.
EXTRA_DATES: dict[str, list[str]] = {
    "vi": ["'ngày' d 'tháng' M 'năm' y", "d 'tháng' M 'năm' y", "'tháng' M 'năm' y", "d-M-y", "d.M.y", "'tháng' M/y"],
    "en": ["d MMMM y", "d MMM y", "MMMM d y", "d MMMM"],
}
ALL_LANGUAGES_DATES = ["y-MM-dd", "y-M"]
# Clock times: 13:30, 7h30 (Vietnamese), 1:30 p.m.; "1:30–5:00 p.m." means both are p.m.
TIME = re.compile(r"(?P<h>\d{1,2})(?::|h)(?P<m>\d{2})(?![\d:])(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?", re.IGNORECASE)
TIME_MARKER_BEFORE = re.compile(r"(上午|早上|中午|下午|晚上|오전|오후)\s*$")
DIGITS = re.compile(r"\d+")
TIME_RANGE = re.compile(r"\s*(?:[-–—~～]|to|đến|至|到)\s*$", re.IGNORECASE)
AFTERNOON = {"下午", "晚上", "오후", "p"}
MORNING = {"上午", "早上", "오전", "a"}
# Small numbers are often written out ("eight ethnic groups", "hai cấp", 송꽁 2 for Sông Công II).
NUMBER_WORDS: dict[str, dict[int, tuple[str, ...]]] = {
    "en": {
        0: ("zero",),
        1: ("one", "first", "a", "an", "single"),
        2: ("two", "second", "twice", "both"),
        3: ("three", "third"),
        4: ("four", "fourth"),
        5: ("five", "fifth"),
        6: ("six", "sixth"),
        7: ("seven", "seventh"),
        8: ("eight", "eighth"),
        9: ("nine", "ninth"),
        10: ("ten", "tenth"),
        11: ("eleven",),
        12: ("twelve", "dozen"),
        13: ("thirteen",),
        14: ("fourteen",),
        15: ("fifteen",),
        16: ("sixteen",),
        17: ("seventeen",),
        18: ("eighteen",),
        19: ("nineteen",),
        20: ("twenty",),
        30: ("thirty",),
        40: ("forty",),
        50: ("fifty",),
        100: ("hundred",),
    },
    "vi": {
        1: ("một", "nhất"),
        2: ("hai",),
        3: ("ba",),
        4: ("bốn", "tư"),
        5: ("năm",),
        6: ("sáu",),
        7: ("bảy", "bẩy"),
        8: ("tám",),
        9: ("chín",),
        10: ("mười",),
        20: ("hai mươi",),
        100: ("một trăm", "trăm"),
    },
    "zh": {0: ("零",), 1: ("一",), 2: ("二", "两"), 3: ("三",), 4: ("四",), 5: ("五",), 6: ("六",), 7: ("七",), 8: ("八",), 9: ("九",), 10: ("十",)},
    "ko": {
        1: ("하나", "한", "일", "첫"),
        2: ("둘", "두", "이"),
        3: ("셋", "세", "삼"),
        4: ("넷", "네", "사"),
        5: ("다섯", "오"),
        6: ("여섯", "육"),
        7: ("일곱", "칠"),
        8: ("여덟", "팔"),
        9: ("아홉", "구"),
        10: ("열", "십"),
    },
}
ROMAN = re.compile(r"(?<![A-Za-z])[IVXLC]{1,7}(?![A-Za-z])")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
SKELETONS = ("yMMMMd", "yMMMd", "yMd", "yMMMM", "yMMM", "yM", "MMMMd", "MMMd")
PATTERN_TOKEN = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|.", re.DOTALL)
LATIN_LETTER = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
LATIN = re.compile(f"[{LATIN_LETTER}]")


@dataclass(frozen=True, slots=True)  # hashable: figures are compared by value
class Time:
    minutes: int  # since midnight

    def __str__(self) -> str:
        return f"{self.minutes // 60:02d}:{self.minutes % 60:02d}"


@dataclass(slots=True)
class Figure:
    value: object  # Decimal for a number; Time; (year, month, day) with None for parts not given, for a date
    shown: str  # as written in the text
    pos: int  # offset in the text

    @property
    def is_date(self) -> bool:
        return isinstance(self.value, tuple)


class Reader:
    """Finds the figures in texts of one language."""

    def __init__(self, lang: str):
        locale = babel_locale(lang)
        code = lang.replace("-", "_").split("_")[0].lower()
        decimal = get_decimal_symbol(locale) if locale else "."
        group = get_group_symbol(locale) if locale else ","
        groups = {group} | ({" ", "\u00a0", "\u202f"} if group.isspace() else set())
        group_class = "[" + "".join(re.escape(g) for g in sorted(groups)) + "]"
        self.decimal = decimal
        self.groups = groups
        self.separators = frozenset(groups | {decimal})
        # Matched at the start of each run of digits (see read()), never by scanning the text.
        self.number = re.compile(rf"(?:\d{{1,3}}(?:{group_class}\d{{3}})+(?:{re.escape(decimal)}\d+)?|\d+(?:{re.escape(decimal)}\d+)?)(?!\d)")
        scales = SCALES.get(code, {})
        self.scales = {word.lower(): factor for word, factor in scales.items()}
        self.scale = (
            re.compile(r"[ \t\u00a0]*(" + "|".join(sorted(map(re.escape, scales), key=len, reverse=True)) + rf")(?![{LATIN_LETTER}])", re.IGNORECASE)
            if scales
            else None
        )
        spaced = code not in ("zh", "ja", "ko")
        self.number_words = {
            number: [re.compile(rf"(?<![{LATIN_LETTER}]){re.escape(word)}(?![{LATIN_LETTER}])" if spaced else re.escape(word)) for word in words]
            for number, words in NUMBER_WORDS.get(code, {}).items()
        }
        self.months: dict[str, int] = {}
        patterns: list[str] = []
        if locale:
            for width in ("wide", "abbreviated"):
                for number, name in locale.months["format"][width].items():
                    self.months.setdefault(name.lower(), number)
            patterns += [str(locale.date_formats[key].pattern) for key in ("long", "medium", "short")]
            skeletons = locale.datetime_skeletons
            patterns += [str(getattr(skeletons[key], "pattern", skeletons[key])) for key in SKELETONS if key in skeletons]
        patterns += EXTRA_DATES.get(code, []) + ALL_LANGUAGES_DATES
        self.dates, self.date_parts = self.compile_dates(patterns)

    def compile_dates(self, patterns: list[str]) -> tuple[re.Pattern[str] | None, list[tuple[str | None, ...]]]:
        month_names = "|".join(re.escape(name) for name in sorted(self.months, key=len, reverse=True))
        alternatives: list[tuple[int, int, str]] = []
        seen: set[str] = set()
        for pattern in patterns:
            converted = date_regex(pattern, month_names)
            if converted is None or converted[1] in seen:
                continue
            seen.add(converted[1])
            alternatives.append((converted[0], len(converted[1]), converted[1]))
        alternatives.sort(key=lambda item: (-item[0], -item[1]))
        # Where a date can begin: a digit, a month name or a leading word ("ngày", "tháng").
        # Trying the long alternation only there is ~10x faster than scanning every character.
        starts: set[str] = set()
        for pattern in patterns:
            first = PATTERN_TOKEN.match(pattern.lstrip())
            if first is None:
                continue
            token = first.group(0)
            if token[0] in "ML" and len(token) >= 3:
                starts.update(self.months)
            elif token.startswith("'"):
                word = re.match(r"[^\W\d_]+", token[1:])
                if word:
                    starts.add(word.group(0).lower())
        self.date_followers, self.date_words = followers(patterns, self.months)
        # "tháng" finds every "tháng 12": keep only words no shorter start word begins
        # and none starting with a digit ("1월"): runs of digits are candidates anyway.
        self.start_words = sorted(word for word in starts if not word[:1].isdigit() and not any(other != word and word.startswith(other) for other in starts))

        parts = []
        branches = []
        for index, (_, _, regex) in enumerate(alternatives):
            branches.append(
                f"(?P<p{index}>" + regex.replace("(?P<y>", f"(?P<y{index}>").replace("(?P<m>", f"(?P<m{index}>").replace("(?P<d>", f"(?P<d{index}>") + ")"
            )
            parts.append(tuple(f"{part}{index}" if f"(?P<{part}>" in regex else None for part in "ymd"))
        if not branches:
            return None, []
        return re.compile(rf"(?<![\d{LATIN_LETTER}])(?:" + "|".join(branches) + rf")(?![\d{LATIN_LETTER}])", re.IGNORECASE), parts

    def read(self, text: str) -> list[Figure]:
        """The dates, clock times and numbers in the text, in order.

        One scan finds the runs of digits; dates, times and numbers are then matched only where
        a run (or a month name) begins, and only when the character after the run allows it:
        several times faster than scanning the text once per kind of figure."""
        spans = [match.span() for match in DIGITS.finditer(text)]
        if not spans:
            return []
        figures: list[Figure] = []
        end = 0
        if self.dates is not None:
            for position in self.date_candidates(text, spans):
                if position < end:
                    continue
                match = self.dates.match(text, position)
                if match is not None and (date := self.date_of(match)) is not None:
                    figures.append(Figure(date, match.group(0), match.start()))
                    end = match.end()
        taken = [(figure.pos, figure.pos + len(figure.shown)) for figure in figures]
        figures += times(text, spans, taken)
        if len(figures) > len(taken):
            taken += [(figure.pos, figure.pos + len(figure.shown)) for figure in figures[len(taken) :]]
        end = 0
        length = len(text)
        for position, run_end in spans:
            if position < end or (taken and inside(position, taken)):
                continue
            if position >= 2 and text[position - 1] in ".," and text[position - 2].isdigit():
                continue  # the decimals of a number written the other way (3.5 in Vietnamese)
            following = text[run_end] if run_end < length else ""
            if following in self.separators:
                match = self.number.match(text, position)
                if match is None or (taken and inside(match.end() - 1, taken)):
                    continue
                shown = match.group(0)
                end = match.end()
                value = self.value_of(shown)
                if value is None:
                    continue
            else:  # a plain run of digits: the common case, no regex needed
                shown = text[position:run_end]
                end = run_end
                value = Decimal(shown)
            if self.scale is not None and (scale := self.scale.match(text, end)):
                factor = 1
                while scale:  # "5천만": scales multiply
                    factor *= self.scales[scale.group(1).lower()]
                    end = scale.end()
                    scale = self.scale.match(text, end)
                value *= factor
                shown = text[position:end]
            figures.append(Figure(value.normalize(), shown, position))
        figures.sort(key=lambda figure: figure.pos)
        return figures

    def date_candidates(self, text: str, spans: list[tuple[int, int]]) -> list[int]:
        """Where a date may begin: a run of 1, 2 or 4 digits (day, month, year) not glued to a
        word, and words such as month names or "ngày" (found with str.find: cheaper than a
        regex scanning every position)."""
        positions = [
            start for start, end in spans if end - start in (1, 2, 4) and (start == 0 or not is_latin(text[start - 1])) and self.may_continue_date(text, end)
        ]
        if self.start_words:
            lowered = text.lower()
            if len(lowered) == len(text):
                for word in self.start_words:
                    at = lowered.find(word)
                    while at >= 0:
                        if at == 0 or not LATIN.match(lowered, at - 1):
                            positions.append(at)
                        at = lowered.find(word, at + 1)
                positions = sorted(set(positions))
        return positions

    def may_continue_date(self, text: str, end: int) -> bool:
        """Whether what follows a run of digits can continue a date of this language: a
        separator (/ - . 年 월 ...) or, after spaces, a word a date pattern has there."""
        following = text[end : end + 1]
        if following in self.date_followers:
            return True
        if following in (" ", "\u00a0", ","):
            rest = text[end : end + 12].lstrip(" \u00a0,").lower()
            return any(rest.startswith(word) for word in self.date_words) or rest[:1].isdigit()
        return False

    def spelled_out(self, value: object, text: str, folded: str) -> bool:
        """Whether a small whole number is written out in the text: as a number word of the
        language ("eight", "hai", "두") or a Roman numeral (Sông Công II, thế kỷ XX)."""
        if not isinstance(value, Decimal) or value != value.to_integral_value() or not 0 <= value <= 100:
            return False
        number = int(value)
        if any(roman_value(token) == number for token in ROMAN.findall(text)):
            return True
        return any(word.search(folded) for word in self.number_words.get(number, ()))

    def value_of(self, written: str) -> Decimal | None:
        for group in self.groups:
            written = written.replace(group, "")
        try:
            return Decimal(written.replace(self.decimal, "."))
        except InvalidOperation:
            return None

    def date_of(self, match: re.Match[str]) -> tuple[int | None, int | None, int | None] | None:
        index = int((match.lastgroup or "p0")[1:])
        year_key, month_key, day_key = self.date_parts[index]
        year = match.group(year_key) if year_key else None
        month = match.group(month_key) if month_key else None
        day = match.group(day_key) if day_key else None
        month_number = int(month) if month and month.isdigit() else self.months.get((month or "").lower())
        if month_number is None or not 1 <= month_number <= 12:
            return None
        if day is not None and not 1 <= int(day) <= 31:
            return None
        return (int(year) if year else None, month_number, int(day) if day else None)


def is_latin(char: str) -> bool:
    return ("a" <= char.lower() <= "z") or ("\u00c0" <= char <= "\u024f") or ("\u1e00" <= char <= "\u1eff")


def followers(patterns: list[str], months: dict[str, int]) -> tuple[frozenset[str], tuple[str, ...]]:
    """What can come right after a numeric field of a date (d, M or y): separator characters
    (/ - . 年 월), and, after a space or comma, words (month names, "tháng", "năm")."""
    characters: set[str] = set()
    words: set[str] = set()
    for pattern in patterns:
        tokens = [token.group(0) for token in PATTERN_TOKEN.finditer(pattern)]
        for index, token in enumerate(tokens):
            if not (token[0] in "yd" or (token[0] in "ML" and len(token) <= 2)):
                continue
            following = index + 1
            spaced = False
            while following < len(tokens) and tokens[following] in (" ", ",", "\u00a0", "\u202f"):
                spaced = True
                following += 1
            if following == len(tokens):
                continue
            token = tokens[following]
            if token.startswith("'"):
                literal = token[1:-1].replace("''", "'")
                if spaced or literal[:1].isspace():
                    words.add(literal.split()[0].lower() if literal.split() else "")
                else:
                    characters.add(literal[0])
            elif token[0].isascii() and token[0].isalpha():
                if token[0] in "ML" and len(token) >= 3:
                    words.update(months)
            elif spaced:
                words.add(token.lower())
            else:
                characters.add(token[0])
    for month in months:  # "7월 1일", "7月1日": a date that starts with a month name in digits
        if month[:1].isdigit():
            characters.add(month.lstrip("0123456789")[:1])
    words = {word for word in words if word and not any(other != word and word.startswith(other) for other in words)}
    return frozenset(characters - {""}), tuple(sorted(words))


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def times(text: str, spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Figure]:
    """Clock times (13:30, 7h30, 1:30 p.m., 下午1:30), with a.m./p.m. carried over a range
    ("1:30–5:00 p.m." are both p.m.; "下午1:30至5:00" too)."""
    matches: list[tuple[re.Match[str], str]] = []
    for position, end in spans:
        if end - position > 2 or text[end : end + 1] not in (":", "h") or (position and text[position - 1] in ":.,"):
            continue
        clock = TIME.match(text, position)
        if clock and int(clock.group("h")) < 24 and int(clock.group("m")) < 60 and not (taken and inside(position, taken)):
            marker_before = TIME_MARKER_BEFORE.search(text, max(0, position - 4), position)
            matches.append((clock, marker_before.group(1) if marker_before else ""))
    found = []
    carried = ""
    for index, (match, before) in enumerate(matches):
        marker = before or (match.group("ampm") or "").lower()
        if not marker and carried and index and TIME_RANGE.match(text[matches[index - 1][0].end() : match.start()]):
            marker = carried
        carried = before
        if not marker and index + 1 < len(matches):
            following = matches[index + 1][0]
            if following.group("ampm") and TIME_RANGE.match(text[match.end() : following.start()]):
                marker = following.group("ampm").lower()
        hour = int(match.group("h"))
        if marker in AFTERNOON and hour < 12:
            hour += 12
        elif marker in MORNING and hour == 12:
            hour = 0
        start = text.rfind(before, 0, match.start()) if before else match.start()
        found.append(Figure(Time(hour * 60 + int(match.group("m"))), text[start : match.end()].strip(), start))
    return found


def roman_value(token: str) -> int:
    total = 0
    for char, following in zip(token, token[1:] + " ", strict=True):
        value = ROMAN_VALUES[char]
        total += -value if ROMAN_VALUES.get(following, 0) > value else value
    return total


def date_regex(pattern: str, month_names: str) -> tuple[int, str] | None:
    """A CLDR date pattern ('d MMMM, y', 'y年M月d日') as a regex with groups y, m and d, and the
    number of parts it has; None for patterns this check cannot use (weekdays, two-digit years,
    bare numbers such as 'd/M' that could be anything)."""
    regex = []
    fields: set[str] = set()
    has_word = False
    named_month = False
    for token in PATTERN_TOKEN.finditer(pattern):
        text = token.group(0)
        letter = token.group(1)
        if letter:
            count = len(text)
            if letter == "y" and count in (1, 4) and "y" not in fields:
                regex.append(r"(?P<y>\d{4})")
            elif letter in "ML" and "m" not in fields:
                if count >= 3:
                    if not month_names:
                        return None
                    regex.append(f"(?P<m>{month_names})")
                    named_month = True
                else:
                    regex.append(r"(?P<m>\d{1,2})")
            elif letter == "d" and "d" not in fields:
                regex.append(r"(?P<d>\d{1,2})")
            else:
                return None
            fields.add({"y": "y", "M": "m", "L": "m", "d": "d"}[letter])
            continue
        if text.startswith("'"):
            text = text[1:-1].replace("''", "'") if len(text) > 1 else "'"
        for char in text:
            if char.isspace():
                regex.append(r"\s*")
            elif char == ",":
                regex.append(r",?\s*")
            else:
                regex.append(re.escape(char))
                has_word = has_word or char.isalpha()
    if "m" not in fields or not ({"y", "d"} & fields):
        return None
    if "y" not in fields and not (named_month or has_word):
        return None
    return len(fields), "".join(regex)


def babel_locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


@functools.cache
def reader(lang: str) -> Reader:
    return Reader(lang)


def show(value: object) -> str:
    """A figure's value for messages: 2025-07-01, 2025-07, 1234.5."""
    if isinstance(value, Time):
        return str(value)
    if isinstance(value, tuple):
        year, month, day = value
        return "-".join(part for part in (str(year) if year else "", f"{month:02d}", f"{day:02d}" if day else "") if part)
    return format(value, "f") if isinstance(value, Decimal) else str(value)
