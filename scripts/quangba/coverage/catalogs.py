"""The interface catalogs: gettext files with the template strings (menu labels, buttons, the
footer) at <dir>/<lang>/LC_MESSAGES/messages.po, counted per language as translated, fuzzy
(a translation flagged for review) or missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from quangba.core.errors import Problem


@dataclass(frozen=True)
class CatalogStats:
    lang: str
    file: str  # as shown to editors
    messages: int
    translated: int
    fuzzy: int
    missing: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.translated / self.messages, 1) if self.messages else 100.0

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "messages": self.messages,
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "missing": self.missing,
            "percent": self.percent,
        }


def catalog_file(folder: Path, lang: str) -> Path:
    return folder / lang / "LC_MESSAGES" / "messages.po"


def read_catalogs(folder: Path | None, languages: tuple[str, ...], shown) -> tuple[list[CatalogStats], list[Problem]]:
    """Statistics of each language's catalog that exists; problems for catalogs that cannot be read."""
    stats: list[CatalogStats] = []
    problems: list[Problem] = []
    if folder is None or not folder.is_dir():
        return stats, problems
    for lang in languages:
        path = catalog_file(folder, lang)
        if not path.is_file():
            continue
        try:
            stats.append(count(path, lang, str(shown(path))))
        except PoFileError as error:
            line = getattr(error, "lineno", None)  # Babel counts lines from 0
            problems.append(Problem(shown(path), f"not a valid gettext catalog: {error}", line + 1 if isinstance(line, int) else None))
        except UnicodeDecodeError:
            problems.append(Problem(shown(path), "not UTF-8 text: save the file as UTF-8"))
        except (OSError, ValueError) as error:
            problems.append(Problem(shown(path), f"cannot be read: {error}"))
    return stats, problems


def count(path: Path, lang: str, shown: str) -> CatalogStats:
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=None, abort_invalid=True)
    translated = fuzzy = missing = 0
    for message in catalog:
        if not message.id:  # the header
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy:
            fuzzy += 1
        elif all(strings):
            translated += 1
        else:
            missing += 1
    return CatalogStats(lang, shown, translated + fuzzy + missing, translated, fuzzy, missing)
