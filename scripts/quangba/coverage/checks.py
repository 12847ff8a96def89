"""Quality checks between a source page and one translation: what a translation dropped,
changed or left untranslated. Each problem names the translation's file and line (and the
source line it concerns), in a short sentence an editor can act on.

Severity: "error" for what is wrong on the published page; "hint" for a glossary *term* (kind
term: a preferred rendering that the sentence may reasonably adapt). `stamp` refuses errors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

from quangba.coverage.analysis import PageFacts, Unit
from quangba.coverage.figures import Figure, Time, reader, show
from quangba.coverage.glossary import Glossary
from quangba.coverage.textstats import base_language, vietnamese_sentence

T = TypeVar("T")
ERROR = "error"
HINT = "hint"


@dataclass(frozen=True)
class Issue:
    check: str  # headings, links, images, alt_text, placeholders, tables, admonitions,
    #             code_blocks, numbers, untranslated, glossary, front_matter, unusable
    message: str
    file: str  # the file the problem is in (as editors see it)
    line: int | None = None
    source_line: int | None = None
    severity: str = ERROR

    def to_json(self) -> dict:
        return asdict(self)

    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


class Alignment:
    """Maps a line of the source to the matching line of the translation, so that a problem
    about something the translation lacks can still point into the translation."""

    def __init__(self, source: PageFacts, target: PageFacts):
        self.source = source
        self.target = target
        self.by_unit: dict[int, int] | None = None  # made on first use: most pages need none

    def line(self, source_line: int | None) -> int | None:
        if source_line is None:
            return None
        if self.by_unit is None:
            same_shape = [unit.kind for unit in self.source.units] == [unit.kind for unit in self.target.units]
            self.by_unit = {s.line: t.line for s, t in zip(self.source.units, self.target.units, strict=True)} if same_shape else {}
            self.source_headings = [line for _, line in self.source.headings]
            self.target_headings = [line for _, line in self.target.headings]
        if source_line in self.by_unit:
            return self.by_unit[source_line]
        before = [index for index, line in enumerate(self.source_headings) if line <= source_line]
        if before and before[-1] < len(self.target_headings):
            return self.target_headings[before[-1]]
        return None


def compare(source: PageFacts, target: PageFacts, file: Path, glossary: Glossary, source_lang: str, target_lang: str) -> list[Issue]:
    """Every problem of the translation `target` (in file) against its `source`."""
    shown = file.as_posix()
    align = Alignment(source, target)
    issues: list[Issue] = []
    issues += front_matter(source, target, shown)
    issues += headings(source, target, shown)
    issues += targets(source, target, shown, align)
    issues += alt_text(target, shown)
    issues += placeholders(source, target, shown, align)
    issues += counts(source, target, shown)
    issues += figures(source, target, shown, align, glossary, source_lang, target_lang)
    issues += untranslated(source, target, shown, source_lang, target_lang)
    issues += glossary_terms(source, target, shown, align, glossary, source_lang, target_lang)
    return issues


def source_issues(source: PageFacts, file: Path) -> list[Issue]:
    """Problems of the source page itself that every translation would inherit."""
    return alt_text(source, file.as_posix())


def front_matter(source: PageFacts, target: PageFacts, shown: str) -> list[Issue]:
    return [
        Issue("front_matter", f"no '{key}:' in the front matter (the source has one)", shown, 1, line)
        for key, line in source.has_meta.items()
        if key not in target.has_meta
    ]


def headings(source: PageFacts, target: PageFacts, shown: str) -> list[Issue]:
    wanted = Counter(level for level, _ in source.headings)
    found = Counter(level for level, _ in target.headings)
    if wanted == found:
        return []
    first = next(
        (index for index, (s, t) in enumerate(zip(source.headings, target.headings, strict=False)) if s[0] != t[0]),
        min(len(source.headings), len(target.headings)),
    )
    line = target.headings[first][1] if first < len(target.headings) else None
    source_line = source.headings[first][1] if first < len(source.headings) else None
    issues = []
    for level in sorted(set(wanted) | set(found)):
        if wanted[level] != found[level]:
            issues.append(
                Issue("headings", f"{plural(found[level], f'level-{level} heading')} ({'#' * level}), the source has {wanted[level]}", shown, line, source_line)
            )
    return issues


def targets(source: PageFacts, target: PageFacts, shown: str, align: Alignment) -> list[Issue]:
    issues = []
    for image, check, noun in ((False, "links", "link to"), (True, "images", "image")):
        wanted = [t for t in source.targets if t.image == image]
        found = [t for t in target.targets if t.image == image]
        for item, missing in difference(wanted, found, key=lambda t: t.key):
            if missing:
                issues.append(Issue(check, f"{noun} '{item.written}' is missing (source line {item.line})", shown, align.line(item.line), item.line))
            else:
                issues.append(Issue(check, f"{noun} '{item.written}' is not in the source", shown, item.line))
    return issues


def alt_text(facts: PageFacts, shown: str) -> list[Issue]:
    return [
        Issue("alt_text", f"image '{t.written}' has no alt text (the description screen readers read out)", shown, t.line)
        for t in facts.targets
        if t.image and not t.alt.strip()
    ]


def placeholders(source: PageFacts, target: PageFacts, shown: str, align: Alignment) -> list[Issue]:
    issues = []
    for (macro, line), missing in difference(source.macros, target.macros, key=lambda m: m[0]):
        if missing:
            issues.append(Issue("placeholders", f"{macro} is missing (source line {line}): copy it unchanged", shown, align.line(line), line))
        else:
            issues.append(Issue("placeholders", f"{macro} is not in the source", shown, line))
    return issues


def counts(source: PageFacts, target: PageFacts, shown: str) -> list[Issue]:
    issues = []
    for check, noun, wanted, found in (
        ("tables", "table", [line for _, line in source.tables], [line for _, line in target.tables]),
        ("admonitions", "admonition", source.admonitions, target.admonitions),
        ("code_blocks", "code block", source.code_blocks, target.code_blocks),
    ):
        if len(wanted) != len(found):
            extra = len(found) > len(wanted)
            line = found[len(wanted)] if extra else None
            source_line = None if extra else wanted[len(found)]
            what = plural(len(found), noun) + (" (!!! boxes)" if check == "admonitions" else "")
            issues.append(Issue(check, f"{what}, the source has {len(wanted)}", shown, line, source_line))
    if len(source.tables) == len(target.tables):
        for number, ((rows, source_line), (found_rows, line)) in enumerate(zip(source.tables, target.tables, strict=False), start=1):
            if rows != found_rows:
                issues.append(Issue("tables", f"table {number} has {plural(found_rows, 'row')}, the source's has {rows}", shown, line, source_line))
    return issues


def figures(source: PageFacts, target: PageFacts, shown: str, align: Alignment, glossary: Glossary, source_lang: str, target_lang: str) -> list[Issue]:
    wanted = source.figures
    found = target.figures
    # A name with digits used on both sides ("Mỗi xã một sản phẩm" / "1읍 1특산품"): its digits
    # belong to the name, not to the figures of the text.
    for term, source_pattern, target_pattern in glossary.numbered(source_lang, target_lang):
        times = min(source.count(source_pattern), target.count(target_pattern))
        if times:
            wanted = without(wanted, reader(source_lang).read(term.texts[source_lang]), times)
            found = without(found, reader(target_lang).read(term.texts[target_lang]), times)
    issues = []
    for figure, missing in difference(wanted, found, key=lambda figure: figure.value):
        what = describe(figure)
        if missing:
            if not reader(target_lang).spelled_out(figure.value, target.plain, target.folded):
                line = source.line_of(figure.pos)
                issues.append(Issue("numbers", f"{what} (source line {line}) is not in the translation", shown, align.line(line), line))
        elif not reader(source_lang).spelled_out(figure.value, source.plain, source.folded):
            issues.append(Issue("numbers", f"{what} is not in the source", shown, target.line_of(figure.pos)))
    return issues


def without(figures: list[Figure], remove: list[Figure], times: int) -> list[Figure]:
    figures = list(figures)
    for unwanted in remove * times:
        index = next((i for i, figure in enumerate(figures) if figure.value == unwanted.value), None)
        if index is not None:
            del figures[index]
    return figures


def describe(figure: Figure) -> str:
    if figure.is_date:
        return f"the date '{figure.shown}' ({show(figure.value)})"
    if isinstance(figure.value, Time):
        return f"the time '{figure.shown}'"
    return f"the figure '{figure.shown}'" + (f" ({show(figure.value)})" if show(figure.value) != figure.shown else "")


def untranslated(source: PageFacts, target: PageFacts, shown: str, source_lang: str, target_lang: str) -> list[Issue]:
    originals = source.identical_keys
    detect_vietnamese = base_language(source_lang) == "vi" and base_language(target_lang) != "vi"
    issues = []
    folded = target.folded
    for unit, start in zip(target.units, target.joined[1], strict=True):
        key = " ".join(folded[start : start + len(unit.plain)].split())
        if key in originals:
            issues.append(
                Issue(
                    "untranslated",
                    f"{noun_of(unit)} is the same as in the source (source line {originals[key]}): not translated?",
                    shown,
                    unit.line,
                    originals[key],
                )
            )
        elif detect_vietnamese and (words := vietnamese_sentence(unit.plain)):
            issues.append(Issue("untranslated", f"Vietnamese text in {noun_of(unit)}: '{words}…'", shown, unit.line))
    return issues


def noun_of(unit: Unit) -> str:
    return {"item": "list item", "cell": "table cell", "admonition": "admonition title"}.get(unit.kind, unit.kind)


def glossary_terms(source: PageFacts, target: PageFacts, shown: str, align: Alignment, glossary: Glossary, source_lang: str, target_lang: str) -> list[Issue]:
    if not glossary.terms:
        return []
    issues = []
    for term, source_pattern, target_pattern in glossary.pairs(source_lang, target_lang):
        position = source.find(source_pattern)
        if position < 0 or target.find(target_pattern) >= 0:
            continue
        line = source.line_of(position)
        original = term.texts[source_lang]
        approved = term.texts[target_lang]
        if term.kind == "name":
            message = f"'{original}' (source line {line}) must be translated '{approved}' (official name in the glossary)"
            issues.append(Issue("glossary", message, shown, align.line(line), line))
        else:
            message = f"'{original}' (source line {line}): the glossary suggests '{approved}'"
            issues.append(Issue("glossary", message, shown, align.line(line), line, HINT))
    return issues


def difference(wanted: Iterable[T], found: Iterable[T], key: Callable[[T], Hashable]) -> list[tuple[T, bool]]:
    """Items of wanted that found lacks (True), then items of found that wanted lacks (False),
    counting repeats: a link given twice in the source must be there twice."""
    wanted = list(wanted)
    found = list(found)
    if [key(item) for item in wanted] == [key(item) for item in found]:
        return []  # the common case: everything there, in the same order
    extra = Counter(key(item) for item in found)
    extra.subtract(Counter(key(item) for item in wanted))
    out: list[tuple[T, bool]] = []
    missing_budget = Counter({k: -v for k, v in extra.items() if v < 0})
    for item in wanted:
        if missing_budget[key(item)] > 0:
            missing_budget[key(item)] -= 1
            out.append((item, True))
    surplus = Counter({k: v for k, v in extra.items() if v > 0})
    for item in reversed(found):  # the last occurrences are the extra ones
        if surplus[key(item)] > 0:
            surplus[key(item)] -= 1
            out.append((item, False))
    return out


def plural(count: int, noun: str) -> str:
    return f"1 {noun}" if count == 1 else f"{count} {noun}s"
