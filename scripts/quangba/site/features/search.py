"""One search index per language, in composed Unicode, searched by a worker that ranks it.

Material writes one index for the whole site; with mkdocs-static-i18n that index mixes the four
languages. Here each language's index is kept apart (the index of the build that produced it)
and written to its own folder: /search/, /en/search/, /zh/search/, /ko/search/.

What the index holds is cleaned as it is written: composed Unicode (NFC: an editor's file typed
with Unikey's "Unicode tổ hợp" would otherwise hold words no composed query matches) and none
of the invisible characters that break a word in two for lunr (soft hyphen, joiners, BOM). The
zero-width space stays: Material's jieba segmentation marks Chinese word boundaries with it, so
every language's separator splits on it; the worker never shows it.

The rest happens in the browser, in assets/javascripts/search/worker.js, which wraps Material's
own search worker (overrides/partials/search.html points Material at it):

* folding: a lunr pipeline function indexes each word as written and without diacritics
  (đ/Đ -> d/D), and folds the query the same way, so "du lich" finds "du lịch" with no second
  copy of the text in the index, while the word as typed still ranks above its look-alikes;
* ranking: every word of the query is required (whole, but the last; then as the start of
  longer words; if no page has them all, pages with most of them are shown); whole words rank
  above words they only begin, words in a title or heading above words in the text;
* the query is normalised (NFC) when typed, its Chinese segmented against the index's terms
  (Material's own segmentation drops a run's last character), and results show no zero-width
  characters.

fold() here is the same folding, for the build side (and its tests).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from quangba.core.files import write_text
from quangba.site.features import Feature
from quangba.site.state import SiteState

COMBINING = re.compile("[\u0300-\u036f]")  # the diacritics of Latin letters once decomposed (NFD)
INVISIBLE = re.compile("[\u00ad\u200c\u200d\u2060\ufeff]")  # dropped from the index: they split no word visibly
ZERO_WIDTH = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # never shown in results (the worker's list too)

# Words are split on spaces, dashes and punctuation ("(ATK)," -> atk), the zero-width space of
# Chinese segmentation, and HTML's escapes; a dot or comma inside a number keeps it whole (8,375.3).
LATIN_SEPARATOR = r"""[\s\u200b\-–—,;:!?"“”‘’'()\[\]{}«»…/|·•]+|[.,](?!\d)|&(?:amp|lt|gt);"""
CJK_SEPARATOR = r"""[\s\u200b\u3000\-–—、。，．？！；：·・（）《》〈〉「」『』【】“”‘’,;:!?"'()\[\]{}…/|]+|[.,](?!\d)|&(?:amp|lt|gt);"""


def fold(text: str) -> str:
    """'Đền Đuổm, Hồ Ba Bể' -> 'Den Duom, Ho Ba Be': Latin diacritics removed, đ/Đ -> d/D, the rest
    (Hangul, Han) as it was. Recomposed afterwards, or Hangul would be left as separate jamo."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", COMBINING.sub("", decomposed))


def clean_text(text: str) -> str:
    """Composed Unicode without the invisible characters that split words (zero-width space kept)."""
    return INVISIBLE.sub("", unicodedata.normalize("NFC", text))


def separator(lang: str) -> str:
    return CJK_SEPARATOR if lang.startswith(("zh", "ja")) else LATIN_SEPARATOR


def normalise_index(index: dict, lang: str) -> dict:
    """The index as the worker wants it: clean text, and the separator of the language."""
    for doc in index.get("docs", []):
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = clean_text(doc[field])
        if isinstance(doc.get("tags"), list):
            doc["tags"] = [clean_text(str(tag)) for tag in doc["tags"]]
    index.setdefault("config", {})["separator"] = separator(lang)
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
            self.indexes[self.state.lang] = normalise_index(index, self.state.lang)

    def on_site_built(self, config: MkDocsConfig) -> None:
        for lang, index in self.indexes.items():
            write_index(index, index_path(Path(config.site_dir), self.state.language_root(lang)))


def search_plugin(config: MkDocsConfig):
    return config.plugins.get("material/search") or config.plugins.get("search")
