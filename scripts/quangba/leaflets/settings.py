"""Everything a leaflet build needs from the project (quangba.config.Settings: the one reader
of mkdocs.yml), as plain values a worker process receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quangba.config import Settings
from quangba.core import files
from quangba.core.errors import UNUSABLE, Problem, QuangbaError
from quangba.core.languages import Languages
from quangba.fonts import read_catalog
from quangba.images import load_presets

PRESETS_FILE = "print-presets.yml"


@dataclass(frozen=True)
class LeafletSettings:
    root: Path  # folder of mkdocs.yml
    docs_dir: Path
    languages: Languages
    site_url: str  # ends with '/'
    use_directory_urls: bool
    sources: Path  # folder of the leaflet sources
    out_dir: Path
    cache_dir: Path
    assets_dir: Path
    facts_file: Path | None
    catalogs: Path | None
    profile: Path  # CMYK output profile (the images pipeline's)
    ink_limit: float
    max_megapixels: float
    min_ppi: float
    screen_ppi: float
    crop_marks: bool
    concurrency: int
    cache: bool
    enabled: bool
    site_dir: str
    lock_file: Path  # one build of the project at a time (quangba.core.outputs.project_lock)
    footers: dict[str, str] = field(default_factory=dict)  # lang -> copyright line

    @property
    def fonts_css(self) -> Path:
        return self.assets_dir / "fonts" / "fonts.css"

    @property
    def logo(self) -> Path:
        return self.assets_dir / "logo.svg"

    @property
    def library(self) -> Path:
        return self.assets_dir / "images"

    def shown(self, path: Path) -> Path:
        return files.shown(path, self.root)

    def page_url(self, link: str, lang: str) -> str:
        """Address on the portal of the docs page link ('investment/index.md') in lang."""
        path = link[: -len(".md")]
        if self.use_directory_urls:
            path = "" if path in ("index", "") else (path[: -len("index")] if path.endswith("/index") else path + "/")
        else:
            path += ".html"
        prefix = "" if lang == self.languages.default else f"{lang}/"
        return f"{self.site_url}{prefix}{path}"


def load_settings(config_file: Path) -> LeafletSettings:
    return leaflet_settings(Settings.load(config_file))


def leaflet_settings(settings: Settings) -> LeafletSettings:
    """What the leaflets need, from the project's Settings; QuangbaError (exit 2) when a file they
    need is missing or the print settings cannot be read."""
    options = settings.options.leaflets
    root = settings.root
    sources = settings.leaflet_sources
    presets_path = settings.assets_dir / PRESETS_FILE
    try:
        presets = load_presets(presets_path, root, settings.shown(presets_path))
    except QuangbaError as error:
        if sources.is_dir():
            raise QuangbaError(error.problems, UNUSABLE) from None
        presets = None  # a project without leaflets needs no print settings
    if sources.is_dir():
        needed = [
            (settings.fonts_catalog, "the leaflets use the project's own fonts (quangba fonts makes them)"),
            (settings.assets_dir / "logo.svg", "the leaflets print the logo on their cover"),
        ]
        missing = [Problem(settings.shown(path), f"not found: {why}") for path, why in needed if not path.is_file()]
        if missing:
            raise QuangbaError(missing, UNUSABLE)
        read_catalog(settings.fonts_catalog, settings.shown(settings.fonts_catalog))  # every font file there
    return LeafletSettings(
        root=root,
        docs_dir=settings.docs_dir,
        languages=settings.languages,
        site_url=settings.site_url or "/",
        use_directory_urls=settings.use_directory_urls,
        sources=sources,
        out_dir=settings.leaflets_out,
        cache_dir=settings.path(options.cache_dir),
        assets_dir=settings.assets_dir,
        facts_file=settings.facts_file,
        catalogs=settings.catalogs,
        profile=presets.profile.resolve() if presets else Path(),
        ink_limit=presets.ink_limit if presets else 300.0,
        max_megapixels=presets.max_megapixels if presets else 150.0,
        min_ppi=float(options.min_ppi),
        screen_ppi=float(options.screen_ppi),
        crop_marks=bool(options.crop_marks),
        concurrency=max(1, int(options.concurrency)),
        cache=bool(options.cache),
        enabled=bool(options.enabled),
        site_dir=options.site_dir,
        lock_file=settings.lock_file,
        footers={lang: settings.copyright_in(lang) for lang in settings.languages.all},
    )
