"""Is the built site exactly what `quangba build` made, and built for the address it is about to
be published at?

`quangba build` only swaps in a build that succeeded, and writes the manifest of every file it made
(quangba.core.outputs). These checks catch what else can go wrong: no build yet, a folder copied,
edited or half-replaced by hand or by two builds at once (any file missing, changed or added since
the build is named), or a staging build (--site-url) about to be published on the real portal,
whose links would all point at the staging server.
"""

from __future__ import annotations

import re
from pathlib import Path

from quangba.core import outputs
from quangba.core.languages import language_name
from quangba.publish import csp
from quangba.publish.destination import PublishError
from quangba.publish.settings import PublishSettings, normalized_url

CANONICAL = re.compile(r'<link\s+rel="canonical"\s+href="([^"]*)"')


def required_pages(settings: PublishSettings) -> list[tuple[str, str]]:
    """(relative path, what it is) of the pages every release must have."""
    pages = []
    for lang in settings.languages.all:
        name = language_name(lang, "en")
        pages.append((settings.prefix(lang) + "index.html", f"the {name} home page"))
        pages.append((settings.prefix(lang) + "404.html", f"the {name} 'page not found' page"))
    return pages


def missing_pages(root: Path, settings: PublishSettings, shown: str) -> list[str]:
    return [f"{shown}/{path} is missing ({what})" for path, what in required_pages(settings) if not (root / path).is_file()]


def built_for(site: Path) -> str | None:
    """The address the site was built for: the canonical link of its home page."""
    try:
        head = (site / "index.html").read_text(encoding="utf-8", errors="replace")[:20_000]
    except OSError:
        return None
    match = CANONICAL.search(head)
    return normalized_url(match[1]) if match else None


def build_manifest(site: Path) -> outputs.OutputManifest | None:
    manifest = outputs.read_manifest(site)
    return manifest if manifest is not None and manifest.kind == "site" else None


def allowed_inline(site: Path) -> set[csp.Source]:
    """The inline scripts and styles the build saw its templates write (its manifest's list)."""
    manifest = build_manifest(site)
    info = manifest.info if manifest is not None else {}
    return csp.allowed_sources(list(info.get("scripts") or []), list(info.get("styles") or []))


def check_destination(folder: Path, settings: PublishSettings, site: Path, what: str) -> None:
    """Releases go to the web server's folder: never into the project, the site or their parents."""
    target = folder.expanduser().resolve()
    for other, name in ((settings.project, "the project"), (site.resolve(), "the built site")):
        if target == other or other in target.parents or target in other.parents:
            raise PublishError(
                [
                    f"Not published: {folder} cannot be {what}: it is, contains or lies inside {name} ({other}).",
                    "Publish to the folder the web server serves, outside the project (e.g. /srv/quangba). Nothing was changed.",
                ]
            )


def check_site(site: Path, settings: PublishSettings, expected_url: str) -> list[str]:
    """Problems that make the site unfit to publish (empty: fine)."""
    shown = str(site)
    if not site.is_dir():
        return [f"{shown}: no built site here; run 'quangba build' first"]
    manifest = build_manifest(site)
    if manifest is None:
        return [f"{shown}: was not made by 'quangba build' (it has no {outputs.MANIFEST_NAME}); run 'quangba build' first"]
    problems = outputs.verify(site, manifest, shown)[:20]
    problems += missing_pages(site, settings, shown)
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if relative == outputs.MANIFEST_NAME:
            continue
        if path.is_symlink():
            problems.append(f"{shown}/{relative} is a symbolic link; a published site holds plain files only")
        elif "\n" in relative or "\\" in relative:
            problems.append(f"{shown}/{relative!r}: file names with a line break or a backslash cannot be published")
        elif relative == ".quangba" or relative.startswith(".quangba/"):
            problems.append(f"{shown}/{relative}: the name .quangba is reserved for the release's manifest")
    if problems:
        return [*problems, "Run 'quangba build' again; it replaces site/ only when the whole build succeeds."]
    address = built_for(site)
    if address is not None and expected_url and address != normalized_url(expected_url):
        problems.append(
            f"{shown} was built for {address}, not for {normalized_url(expected_url)}: its links would point there. "
            f"Run 'quangba build' (without --site-url) first, or pass --site-url {address} if that is really where it goes."
        )
    return problems
