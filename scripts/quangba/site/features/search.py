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

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from quangba.core.files import write_text
from quangba.site.features import Feature
from quangba.site.state import SiteState

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
    write_text(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")))


class Search(Feature):
    """One index per language, made by Material's search plugin in that language's build."""

    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.indexes: dict[str, dict] = {}  # language -> its index, until every language is built

    def on_config(self, config: MkDocsConfig) -> None:
        """Each language's index with its own lunr language, separator and pipeline: cleared here
        so Material's search plugin (which runs next) fills them from this language's theme."""
        search = search_plugin(config)
        if search is None or not hasattr(search.config, "separator"):
            return
        i18n = config.plugins.get("i18n")
        config.theme["language"] = (i18n.current_language if i18n is not None else None) or self.state.languages.default
        search.config.lang = []
        search.config.separator = None
        search.config.pipeline = None

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        """Material falls back to English for languages its partials do not name (Korean);
        lunr has a tokenizer for them, so name the build's language when lunr knows it.
        Not Chinese: lunr.zh needs jieba in the browser; Material segments Chinese with jieba at
        build time instead (zero-width spaces, which its Chinese separator splits on).
        The list is changed in place: Material's index already holds it."""
        lang = self.state.lang
        search = search_plugin(config)
        if lang.startswith("zh") or search is None:
            return
        lunr = [Path(d) / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{lang}.min.js" for d in config.theme.dirs]
        if search.config.lang and (lang == "en" or any(p.exists() for p in lunr)):
            search.config.lang[:] = [lang]

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        if (site_dir / "search" / "search_index.json").exists():
            index = relative_to_language(read_index(site_dir), self.state.language_root())
            self.indexes[self.state.lang] = add_folded_field(index) if self.state.lang == "vi" else index

    def on_site_built(self, config: MkDocsConfig) -> None:
        for lang, index in self.indexes.items():
            write_index(index, index_path(Path(config.site_dir), self.state.language_root(lang)))


def search_plugin(config: MkDocsConfig):
    return config.plugins.get("material/search") or config.plugins.get("search")
