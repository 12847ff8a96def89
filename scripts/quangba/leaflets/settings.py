"""Everything a leaflet build needs from the project, read from mkdocs.yml as plain YAML.

Like the coverage report, the leaflets do not load MkDocs' whole configuration (theme, every
plugin): only the languages, the site address, the quangba plugin's options and the copyright
line of each language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quangba.coverage.project import PACKAGE_CATALOGS, ProjectError, read_project_config
from quangba.images.presets import PresetsError, load_presets
from quangba.languages import Languages
from quangba.leaflets.config import LeafletsConfig
from quangba.problems import Problem

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
        try:
            return path.resolve().relative_to(self.root.resolve())
        except ValueError:
            return path

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
    parts = read_project_config(config_file)
    config, root, i18n, languages, plugin = parts.config, parts.root, parts.i18n, parts.languages, parts.quangba
    options = leaflet_options(plugin.get("leaflets") or {}, config_file)
    docs_dir = root / str(config.get("docs_dir") or "docs")
    assets_dir = root / str(plugin.get("assets_dir") or "assets")
    presets_path = assets_dir / PRESETS_FILE
    sources = docs_dir / options.sources
    try:
        presets = load_presets(presets_path, root, presets_path.relative_to(root))
    except PresetsError as error:
        if sources.is_dir():
            raise ProjectError(error.problems) from None
        presets = None  # a project without leaflets needs no print settings
    if sources.is_dir():
        needed = [(assets_dir / "fonts" / "fonts.css", "the leaflets use the project's own fonts (quangba fonts makes them)"),
                  (assets_dir / "logo.svg", "the leaflets print the logo on their cover")]
        missing = [Problem(path.relative_to(root), f"not found: {why}") for path, why in needed if not path.is_file()]
        if missing:
            raise ProjectError(missing)
    facts = str(plugin.get("facts_file") or "")
    catalogs = str(plugin.get("catalogs_dir") or "")

    return LeafletSettings(
        root=root,
        docs_dir=docs_dir,
        languages=languages,
        site_url=str(config.get("site_url") or "/").rstrip("/") + "/",
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        sources=sources,
        out_dir=root / options.out_dir,
        cache_dir=root / options.cache_dir,
        assets_dir=assets_dir,
        facts_file=root / facts if facts else None,
        catalogs=root / catalogs if catalogs else PACKAGE_CATALOGS,
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
        lock_file=root / str(plugin.get("cache_dir") or ".cache/quangba") / "build.lock",
        footers=footer_lines(config, i18n, languages),
    )


def leaflet_options(raw: Any, shown: Path) -> LeafletsConfig:
    options = LeafletsConfig()
    options.load_dict(raw if isinstance(raw, dict) else {})
    errors, _warnings = options.validate()
    if errors:
        raise ProjectError([Problem(shown, f"quangba leaflets: {key}: {error}") for key, error in errors])
    return options


def footer_lines(config: dict[str, Any], i18n: dict[str, Any], languages: Languages) -> dict[str, str]:
    """Each language's copyright line (i18n overrides the site's), printed under the QR code."""
    default = str(config.get("copyright") or "")
    lines = {lang: default for lang in languages.all}
    for entry in i18n.get("languages") or []:
        if isinstance(entry, dict) and entry.get("locale") in lines and entry.get("copyright"):
            lines[entry["locale"]] = str(entry["copyright"])
    return lines
