"""One search index per language, and Vietnamese search that forgives missing diacritics.

Material writes one index for the whole site; with mkdocs-static-i18n that index mixes the four
languages. Here each language's index is kept apart (the index of the build that produced it)
and written to its own folder: /search/, /en/search/, /zh/search/, /ko/search/.
Readers often type Vietnamese without diacritics ("du lich"), so each Vietnamese entry gets an
extra field holding its text without them, which lunr indexes like the others.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

FOLDED_FIELD = "folded"  # the extra field: title and text without diacritics
FOLDED_BOOST = 0.5  # below the real text, so an exact match ranks first


def fold(text: str) -> str:
    """'Du lịch Thái Nguyên' -> 'Du lich Thai Nguyen' (đ -> d as well)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def add_folded_field(index: dict) -> dict:
    """Give each entry a diacritics-free copy of its title and text, and index that field."""
    for doc in index.get("docs", []):
        doc[FOLDED_FIELD] = fold(f"{doc.get('title', '')} {doc.get('text', '')}")
    index.setdefault("config", {}).setdefault("fields", {})[FOLDED_FIELD] = {"boost": FOLDED_BOOST}
    return index


def relative_to_language(index: dict, prefix: str) -> dict:
    """Locations relative to the language's root ('en/tourism/' -> 'tourism/'), where its
    pages' scripts look for them."""
    for doc in index.get("docs", []):
        doc["location"] = doc["location"].removeprefix(prefix)
    return index


def read_index(site_dir: Path) -> dict:
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))


def index_path(site_dir: Path, prefix: str) -> Path:
    """Where a language's index goes: prefix '' -> search/, 'en/' -> en/search/."""
    return site_dir / prefix / "search" / "search_index.json"


def write_index(index: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    temporary.replace(path)
