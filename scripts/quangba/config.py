"""The one schema of quangba's settings (``plugins: - quangba:`` in mkdocs.yml), and Settings:
what every command and the build know about the project, from the same reader, with the same
defaults and the same error for a bad value.

The schema is a MkDocs Config, like Material's plugins' config.py: MkDocs validates it when it
loads the plugin for a build, and Settings.load() validates it the same way for the commands that
do not load MkDocs (quangba.core.project reads the file). A wrong value (``keep_releases: 0``,
``coverage_fail_under: 150``) is refused by the first command that reads it, build included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from quangba.core import files, yamlfile
from quangba.core.errors import UNUSABLE, Problem, QuangbaError
from quangba.core.jobs import cpu_count
from quangba.core.languages import Languages
from quangba.core.project import ProjectFile, project_file

DEFAULT_SIZES = "(min-width: 76.25em) 44rem, (min-width: 60em) calc(100vw - 16rem), 100vw"


class Number(opt.Type):
    """A number within bounds (MkDocs' Type checks the type only)."""

    def __init__(self, kind: type | tuple[type, ...], default: Any = None, minimum: float | None = None, maximum: float | None = None):
        super().__init__(kind, default=default)
        self.minimum, self.maximum = minimum, maximum

    def run_validation(self, value: object) -> Any:
        whole = self._type is int
        if isinstance(value, bool) or not isinstance(value, self._type):
            raise ValidationError(f"must be a {'whole number' if whole else 'number'}, not {value!r}")
        number = float(value)  # type: ignore[arg-type]
        if (self.minimum is not None and number < self.minimum) or (self.maximum is not None and number > self.maximum):
            low = "" if self.minimum is None else f"at least {self.minimum:g}"
            high = "" if self.maximum is None else f"at most {self.maximum:g}"
            raise ValidationError(f"must be {' and '.join(part for part in (low, high) if part)}, not {value!r}")
        return value


class ImagesConfig(Config):
    """``images:`` the photo library: responsive web images, the editors' contact sheet."""

    enabled = opt.Type(bool, default=True)
    concurrency = Number(int, default=cpu_count(), minimum=1)
    cache = opt.Type(bool, default=True)
    cache_dir = opt.Type(str, default=".cache/quangba/images")
    library = opt.Type(str, default="images")  # folder of originals, inside assets_dir
    widths = opt.ListOfItems(Number(int, minimum=16), default=[480, 960, 1600, 2400])
    formats = opt.ListOfItems(opt.Choice(("webp", "jpeg")), default=["webp", "jpeg"])
    jpeg_quality = Number(int, default=82, minimum=1, maximum=100)
    webp_quality = Number(int, default=80, minimum=1, maximum=100)
    sizes = opt.Type(str, default=DEFAULT_SIZES)
    presets = opt.Type(str, default="print-presets.yml")  # inside assets_dir
    contact_sheet = opt.Type(str, default="_editors/photos/")  # where the site publishes it; "" for none


class LeafletsConfig(Config):
    """``leaflets:`` print leaflets (`quangba leaflets`); the site lists them where a page says {{ leaflets }}."""

    enabled = opt.Type(bool, default=True)
    concurrency = Number(int, default=cpu_count(), minimum=1)  # leaflets rendered at once
    cache = opt.Type(bool, default=True)  # skip a leaflet whose sources, photos, fonts and settings did not change
    cache_dir = opt.Type(str, default=".cache/quangba/leaflets")
    sources = opt.Type(str, default="publications/leaflets")  # inside docs_dir: NAME.LANG.md (not site pages)
    out_dir = opt.Type(str, default="print/leaflets")  # print files, screen PDFs, previews; relative to mkdocs.yml
    min_ppi = Number((int, float), default=300, minimum=72)  # photos at their printed size
    screen_ppi = Number((int, float), default=150, minimum=36)  # photos of the screen PDFs
    crop_marks = opt.Type(bool, default=False)  # crop, fold marks and slug outside the bleed: ask the print shop first
    site_dir = opt.Type(str, default="assets/leaflets")  # where the site publishes the screen PDFs and previews


class LimitsConfig(Config):
    """``limits:`` what one page may hold before the build refuses it (see quangba.site.features.sources)."""

    page_kb = Number(int, default=1000, minimum=1)
    headings = Number(int, default=1000, minimum=1)
    nesting = Number(int, default=20, minimum=2)


class QuangbaConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Folder beside mkdocs.yml that holds fonts, photos, the logo and data.
    assets_dir = opt.Type(str, default="assets")
    # Globs, relative to assets_dir, of the files the site publishes under /assets/.
    # Not the photos: the images option publishes stripped copies (an original may carry GPS).
    publish = opt.ListOfItems(opt.Type(str), default=["fonts/*", "logo.svg"])
    # The figures pages may state with {{ fact.KEY }}; relative to mkdocs.yml. Empty: no facts.
    facts_file = opt.Type(str, default="")
    # Folder of docs/ whose dated pages are news items (index list, Atom feed per language).
    news_section = opt.Type(str, default="news")
    # Gettext catalogs of the interface strings; empty: those shipped with quangba.
    catalogs_dir = opt.Type(str, default="")
    # Picture for link previews (Open Graph, Twitter) of pages without their own; under assets_dir.
    social_image = opt.Type(str, default="")
    images = opt.SubConfig(ImagesConfig)
    leaflets = opt.SubConfig(LeafletsConfig)
    limits = opt.SubConfig(LimitsConfig)
    # Compiled catalogs, locks and other build products reused between builds; relative to mkdocs.yml.
    cache_dir = opt.Type(str, default=".cache/quangba")
    # Releases `quangba publish` keeps in DEST/releases (the live one always stays).
    keep_releases = Number(int, default=5, minimum=1)
    # Run by `quangba publish` when the CSP hashes of inline scripts/styles change, e.g. "sudo systemctl reload nginx".
    reload_command = opt.Type(str, default="")
    # `quangba check` fails when a language has fewer up-to-date pages than this percentage.
    coverage_fail_under = opt.Optional(Number((int, float), minimum=0, maximum=100))


def read_project(config_file: Path) -> ProjectFile:
    """mkdocs.yml as every command reads it: strict YAML (a key twice is an error), with MkDocs' own
    !ENV tag and INHERIT, but without loading its theme or plugins (a second of start-up)."""
    shown = Path(config_file.name)
    if not config_file.is_file():
        raise QuangbaError([Problem(shown, "not found (run quangba in the project folder, or give --config)")], UNUSABLE)
    return project_file(config_file, read_config(config_file.resolve(), shown))


def read_config(config_file: Path, shown: Path) -> dict[str, Any]:
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    loader = get_yaml_loader(loader=yamlfile.TolerantTagsLoader)
    try:
        data = yamlfile.read(config_file, shown, loader=loader).data
    except QuangbaError as error:
        raise QuangbaError(error.problems, UNUSABLE) from None
    if not isinstance(data, dict):
        raise QuangbaError([Problem(shown, "must be 'key: value' settings")], UNUSABLE)
    if "INHERIT" in data:  # MkDocs merges the inherited file; let it do that
        try:
            with config_file.open("rb") as stream:
                data = yaml_load(stream, loader)
        except Exception as error:
            raise QuangbaError([Problem(shown, str(error))], UNUSABLE) from None
    return data


def validated(raw: dict[str, Any], shown: Path) -> QuangbaConfig:
    """raw options checked by the schema, as MkDocs would when it loads the plugin."""
    options = QuangbaConfig(config_file_path=str(shown))
    options.load_dict(raw)
    errors, _warnings = options.validate()
    if errors:
        raise QuangbaError([Problem(shown, f"plugins: quangba: {key}: {error}") for key, error in errors], UNUSABLE)
    return options


@dataclass(frozen=True)
class Settings:
    """The project as every part of quangba sees it: folders, languages, address and options."""

    config_file: Path  # absolute
    docs_dir: Path
    site_dir: Path
    site_url: str  # '' or ending in '/'
    use_directory_urls: bool
    languages: Languages
    options: QuangbaConfig
    plugin_enabled: bool  # the quangba plugin is in mkdocs.yml (coverage also works without it)
    language_options: dict[str, dict[str, Any]] = field(default_factory=dict)  # i18n's per-language overrides
    copyright: str = ""
    not_in_nav: str = ""  # MkDocs' gitignore-style patterns of pages kept out of the menu

    @classmethod
    def load(cls, config_file: Path) -> Settings:
        """From mkdocs.yml on disk, without loading MkDocs' theme or plugins (fast)."""
        project = read_project(config_file)
        return cls.from_project(project)

    @classmethod
    def from_project(cls, project: ProjectFile) -> Settings:
        data, root = project.data, project.root
        options = validated(project.plugin or {}, Path(project.config_file.name))
        return cls(
            config_file=project.config_file,
            docs_dir=root / str(data.get("docs_dir") or "docs"),
            site_dir=root / str(data.get("site_dir") or "site"),
            site_url=normalized_url(str(data.get("site_url") or "")),
            use_directory_urls=bool(data.get("use_directory_urls", True)),
            languages=project.languages,
            options=options,
            plugin_enabled=project.plugin is not None,
            language_options=project.language_options,
            copyright=str(data.get("copyright") or ""),
            not_in_nav=str(data.get("not_in_nav") or ""),
        )

    @classmethod
    def from_mkdocs(cls, config: Any) -> Settings:
        """From the configuration MkDocs loaded for a build (the plugin's options already validated)."""
        config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise QuangbaError([Problem(Path(config_file.name), "the 'i18n' plugin (mkdocs-static-i18n) is not configured")], UNUSABLE)
        plugin = config.plugins.get("quangba")
        overrides = {lang.locale: {key: lang[key] for key in ("site_name", "copyright", "site_description") if lang.get(key)} for lang in i18n.config.languages}
        return cls(
            config_file=config_file,
            docs_dir=Path(config.docs_dir),
            site_dir=Path(config.site_dir),
            site_url=normalized_url(config.site_url or ""),
            use_directory_urls=bool(config.use_directory_urls),
            languages=Languages.from_i18n(i18n.config.languages),
            options=plugin.config if plugin is not None else validated({}, Path(config_file.name)),
            plugin_enabled=plugin is not None,
            language_options=overrides,
            copyright=config.copyright or "",
            not_in_nav=str(config.not_in_nav or ""),
        )

    # -- where things are ----------------------------------------------------------------------

    @property
    def root(self) -> Path:
        return self.config_file.parent

    def path(self, relative: str) -> Path:
        """A path of the options, relative to the project folder."""
        return self.root / relative

    @property
    def assets_dir(self) -> Path:
        return self.path(self.options.assets_dir)

    @property
    def library_dir(self) -> Path:
        return self.assets_dir / self.options.images.library

    @property
    def presets_file(self) -> Path:
        return self.assets_dir / self.options.images.presets

    @property
    def facts_file(self) -> Path | None:
        return self.path(self.options.facts_file) if self.options.facts_file else None

    @property
    def glossary(self) -> Path | None:
        path = self.assets_dir / "glossary.yml"
        return path if path.is_file() else None

    @property
    def catalogs(self) -> Path:
        from quangba.interface import CATALOGS

        return self.path(self.options.catalogs_dir) if self.options.catalogs_dir else CATALOGS

    @property
    def cache_dir(self) -> Path:
        return self.path(self.options.cache_dir)

    @property
    def fonts_catalog(self) -> Path:
        """The project's fonts and each language's font stack (quangba.fonts.catalog)."""
        return self.assets_dir / "fonts" / "fonts.css"

    @property
    def lock_file(self) -> Path:
        """One build of the project at a time (quangba.core.outputs.project_lock)."""
        return self.cache_dir / "build.lock"

    @property
    def leaflet_sources(self) -> Path:
        return self.docs_dir / self.options.leaflets.sources

    @property
    def leaflets_out(self) -> Path:
        return self.path(self.options.leaflets.out_dir)

    def shown(self, path: Path) -> Path:
        """A path as an editor sees it: relative to the project folder when inside it."""
        return files.shown(path, self.root)

    def copyright_in(self, lang: str) -> str:
        """The language's copyright line (i18n overrides the site's)."""
        return str(self.language_options.get(lang, {}).get("copyright") or self.copyright)


def normalized_url(url: str) -> str:
    return url.rstrip("/") + "/" if url else ""
