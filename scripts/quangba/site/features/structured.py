"""Structured data: a schema.org JSON-LD block in every page's <head>, in the page's language.

Search engines and link previews read it to tell who publishes the portal and what a page is:
the department (GovernmentOrganization, on the home and contact pages; the publisher of the
rest), a news item (NewsArticle), an event (Event, from the events feature's page.meta), the
places a page describes (TouristAttraction, from the page's ``places:`` front matter) and where a
page sits in the menu (BreadcrumbList). One <script type="application/ld+json"> holds them as a
``@graph``: data, which browsers never run, so the security policy needs no hash for it
(quangba.core.inline counts only the script types a browser executes).

The department's names, address and contacts are in assets/data/organization.yml (read here:
`read_organization`); without that file the publisher is the site's author (or name).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from quangba.core import frontmatter, yamlfile
from quangba.core.errors import Problem, QuangbaError
from quangba.site.features import Feature, page_source

ORGANIZATION_FILE = "data/organization.yml"  # inside assets_dir
CONTEXT = "https://schema.org"
ORGANIZATION_KEYS = {"name", "url", "logo", "area_served", "country", "region", "contact", "contact_page"}
CONTACT_KEYS = {"placeholder", "street", "telephone", "email"}
PLACE_KEYS = {"name", "description", "address", "locality", "geo"}
OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]*)"')
FIRST_IMAGE = re.compile(r'<img[^>]+src="([^"]+)"')
# Inside <script>, '</script' or '<!--' in a string would end or change the element: JSON allows
# any character as \\uXXXX, so these never appear as themselves.
UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True)
class Organization:
    """The department that publishes the portal. Texts are per language (vi, en, …)."""

    name: dict[str, str]
    url: str = ""  # absolute, or '' for the site's address
    logo: str = ""  # a path inside the site (assets/logo.svg) or an absolute URL
    area_served: dict[str, str] = field(default_factory=dict)
    region: dict[str, str] = field(default_factory=dict)
    country: str = "VN"
    street: dict[str, str] = field(default_factory=dict)
    telephone: str = ""
    email: str = ""
    placeholder: bool = True  # the contacts are the demo's examples: not put in the structured data
    contact_page: str = ""  # source page (contact/index.md) that also carries the full organization

    @staticmethod
    def text(values: dict[str, str], lang: str, default: str) -> str:
        return values.get(lang) or values.get(default) or next(iter(values.values()), "")


def _texts(value: Any, key: str, shown: Path, document: yamlfile.YamlDocument, languages: tuple[str, ...], problems: list[Problem]) -> dict[str, str]:
    """A text in every language: {vi: …, en: …}; one string is taken for every language."""
    if isinstance(value, str) and value.strip():
        return dict.fromkeys(languages, value.strip())
    if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
        problems.append(Problem(shown, f"{key}: cần một văn bản cho mỗi ngôn ngữ, ví dụ '{key}: {{vi: …, en: …}}'", document.line(*key.split("."))))
        return {}
    missing = [lang for lang in languages if lang not in value]
    if missing:
        problems.append(Problem(shown, f"{key}: thiếu bản {', '.join(missing)}: thêm dòng '{missing[0]}: …'", document.line(*key.split("."))))
    return {str(k): str(v).strip() for k, v in value.items()}


def read_organization(path: Path, shown: Path, languages: tuple[str, ...]) -> Organization:
    """The department, from organization.yml; QuangbaError (file:line, Vietnamese) if it is wrong."""
    document = yamlfile.read(path, shown)
    data = document.data
    if not isinstance(data, dict):
        raise QuangbaError([Problem(shown, "tệp phải gồm các dòng 'khóa: giá trị' (name, url, logo, contact …)", 1)])
    problems: list[Problem] = []
    for key in data:
        if key not in ORGANIZATION_KEYS:
            problems.append(Problem(shown, f"khóa '{key}' không dùng được: dùng {', '.join(sorted(ORGANIZATION_KEYS))}", document.line(key)))
    if "name" not in data:
        problems.append(Problem(shown, "thiếu 'name': tên cơ quan bằng các ngôn ngữ của trang", 1))
    name = _texts(data.get("name", ""), "name", shown, document, languages, problems) if "name" in data else {}
    area = _texts(data["area_served"], "area_served", shown, document, languages, problems) if "area_served" in data else {}
    region = _texts(data["region"], "region", shown, document, languages, problems) if "region" in data else {}
    for key in ("url", "logo", "country", "contact_page"):
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            problems.append(Problem(shown, f"{key}: cần một giá trị dạng chữ, hoặc xóa dòng này", document.line(key)))
    url = str(data.get("url") or "")
    if url and not re.match(r"^https?://[^/\s]+", url):
        problems.append(Problem(shown, "url: cần địa chỉ đầy đủ bắt đầu bằng https://", document.line("url")))
    contact = data.get("contact") or {}
    if not isinstance(contact, dict):
        problems.append(Problem(shown, "contact: cần các dòng placeholder, street, telephone, email", document.line("contact")))
        contact = {}
    for key in contact:
        if key not in CONTACT_KEYS:
            problems.append(Problem(shown, f"contact: khóa '{key}' không dùng được: dùng {', '.join(sorted(CONTACT_KEYS))}", document.line("contact", key)))
    placeholder = contact.get("placeholder", False)
    if not isinstance(placeholder, bool):
        problems.append(Problem(shown, "contact.placeholder: ghi true (thông tin mẫu) hoặc false (thông tin thật)", document.line("contact", "placeholder")))
    street = _texts(contact["street"], "contact.street", shown, document, languages, problems) if "street" in contact else {}
    email = str(contact.get("email") or "")
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        problems.append(Problem(shown, f"contact.email: '{email}' không phải địa chỉ thư điện tử", document.line("contact", "email")))
    telephone = str(contact.get("telephone") or "")
    if telephone and not re.fullmatch(r"\+[0-9][0-9 .\-]{6,}", telephone):
        problems.append(
            Problem(shown, 'contact.telephone: ghi số có mã quốc gia, ví dụ "+84 208 000 0000" (trong dấu ngoặc kép)', document.line("contact", "telephone"))
        )
    if problems:
        raise QuangbaError(problems)
    return Organization(
        name=name,
        url=url,
        logo=str(data.get("logo") or ""),
        area_served=area,
        region=region,
        country=str(data.get("country") or "VN"),
        street=street,
        telephone=telephone,
        email=email,
        placeholder=placeholder is not False,
        contact_page=str(data.get("contact_page") or ""),
    )


@dataclass(frozen=True)
class Place:
    name: str
    description: str = ""
    address: str = ""
    locality: str = ""
    geo: tuple[float, float] | None = None


def read_places(value: Any, page: frontmatter.Page, shown: Path) -> tuple[list[Place], list[Problem]]:
    """The ``places:`` of a page's front matter, and the problems with it (file:line)."""

    def line(*keys: Any) -> int:
        return (page.document.line("places", *keys) if page.document else None) or 1

    if not isinstance(value, list) or not value:
        return [], [Problem(shown, "places: cần một danh sách, mỗi địa điểm bắt đầu bằng '- name: …'", line())]
    places, problems = [], []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            problems.append(Problem(shown, "places: mỗi địa điểm là một nhóm dòng bắt đầu bằng '- name: …'", line(index)))
            continue
        unknown = [key for key in item if key not in PLACE_KEYS]
        for key in unknown:
            problems.append(Problem(shown, f"places: khóa '{key}' không dùng được: dùng name, description, address, locality, geo", line(index, key)))
        texts = {}
        for key in ("name", "description", "address", "locality"):
            text = item.get(key, "")
            if not isinstance(text, str):
                problems.append(Problem(shown, f"places: '{key}' cần là một dòng chữ", line(index, key)))
                text = ""
            texts[key] = text.strip()
        if not texts["name"]:
            problems.append(Problem(shown, "places: địa điểm thiếu 'name' (tên địa điểm)", line(index)))
        if not texts["address"] and not texts["locality"]:
            problems.append(Problem(shown, "places: ghi 'address' (địa chỉ) hoặc 'locality' (xã, phường nơi có địa điểm)", line(index)))
        geo = None
        if "geo" in item:
            raw = item["geo"]
            lat, long = (raw.get("lat"), raw.get("long")) if isinstance(raw, dict) else (None, None)
            numbers = all(isinstance(n, int | float) and not isinstance(n, bool) for n in (lat, long))
            if not isinstance(raw, dict) or set(raw) != {"lat", "long"} or not numbers or not (-90 <= lat <= 90 and -180 <= long <= 180):  # type: ignore[operator]
                problems.append(Problem(shown, "places: 'geo' ghi dạng '{lat: 22.41, long: 105.62}' (vĩ độ, kinh độ thập phân)", line(index, "geo")))
            else:
                geo = (float(lat), float(long))  # type: ignore[arg-type]
        places.append(Place(texts["name"], texts["description"], texts["address"], texts["locality"], geo))
    return places, problems


def script_json(data: Any) -> str:
    """JSON that stays inside its <script> element whatever the texts hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: UNSAFE[m[0]], text)


def iso_date(value: dt.date) -> str:
    """ISO 8601: a day, or a moment with its offset (a time without a zone is taken as the day)."""
    if isinstance(value, dt.datetime):
        return value.isoformat() if value.tzinfo is not None else value.date().isoformat()
    return value.isoformat()


def plain(value: Any) -> str:
    """A front-matter text as the reader sees it (Sanitize escapes them once, as Markup)."""
    if isinstance(value, Markup):
        return value.unescape()
    return str(value) if value is not None else ""


class StructuredData(Feature):
    organization: Organization | None = None
    nav: Navigation | None = None

    # -- the data every page shares --------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> None:
        if self.organization is not None:
            return
        path = self.state.project.assets_dir / ORGANIZATION_FILE
        languages = self.state.languages.all
        if path.exists():
            self.organization = read_organization(path, self.state.project.shown(path), languages)
        else:
            author = config.site_author or config.site_name
            self.organization = Organization(name=dict.fromkeys(languages, author), placeholder=False)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
        if "places" in page.meta or "updated" in page.meta:
            source = page_source(page)
            shown = self.state.project.shown(source)
            read = frontmatter.read(source, shown)
            if "places" in page.meta:
                self.state.page_problems.extend(read_places(page.meta["places"], read, shown)[1])
            if "updated" in page.meta and (not isinstance(page.meta["updated"], dt.date) or isinstance(page.meta["updated"], dt.datetime)):
                message = "updated: ghi ngày sửa gần nhất dạng NĂM-THÁNG-NGÀY, ví dụ 2026-11-30"
                self.state.page_problems.append(Problem(shown, message, read.line_of("updated")))

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> None:
        self.nav = nav

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        end = output.find("</head>")
        if end < 0:
            return None
        graph = self.graph(output, page, config)
        block = f'<script type="application/ld+json">{script_json({"@context": CONTEXT, "@graph": graph})}</script>\n'
        return output[:end] + block + output[end:]

    # -- what one page says ----------------------------------------------------------------

    def site_root(self, config: MkDocsConfig) -> str:
        return (config.site_url or "").rstrip("/") + "/"

    def absolute(self, config: MkDocsConfig, url: str) -> str:
        return urljoin(self.site_root(config), url)

    def publisher(self, config: MkDocsConfig, lang: str, full: bool = False) -> dict[str, Any]:
        org = self.organization
        assert org is not None
        default = self.state.languages.default
        node: dict[str, Any] = {
            "@type": "GovernmentOrganization",
            "@id": (org.url or self.site_root(config)) + "#organization",
            "name": org.text(org.name, lang, default),
            "url": org.url or self.site_root(config),
        }
        if lang != default and org.name.get(default) and org.name.get(default) != node["name"]:
            node["alternateName"] = org.name[default]
        if org.logo:
            node["logo"] = self.absolute(config, org.logo)
        if not full:
            return node
        if org.area_served:
            node["areaServed"] = {"@type": "AdministrativeArea", "name": org.text(org.area_served, lang, default)}
        address: dict[str, Any] = {"@type": "PostalAddress"}
        if org.street and not org.placeholder:
            address["streetAddress"] = org.text(org.street, lang, default)
        if org.region:
            address["addressRegion"] = org.text(org.region, lang, default)
        address["addressCountry"] = org.country
        node["address"] = address
        if not org.placeholder:  # the demo's example contacts are not handed to search engines
            if org.telephone:
                node["telephone"] = org.telephone
            if org.email:
                node["email"] = org.email
        return node

    def image(self, output: str, page: Page, config: MkDocsConfig, here: str) -> str:
        """The page's share image (og:image, which a share card may have replaced), else its first photo."""
        found = OG_IMAGE.search(output[: output.find("</head>")])
        if found and found[1]:
            return html.unescape(found[1])
        first = FIRST_IMAGE.search(page.content or "")
        if first:
            return urljoin(here, html.unescape(first[1]))
        social = self.state.project.options.social_image
        return self.absolute(config, "assets/" + social) if social else ""

    def graph(self, output: str, page: Page, config: MkDocsConfig) -> list[dict[str, Any]]:
        lang = getattr(page.file, "locale", None) or self.state.languages.default  # the language of the text
        here = self.absolute(config, page.url)
        title = plain(page.meta.get("title") or page.title)
        description = plain(page.meta.get("description") or config.site_description or "")
        image = self.image(output, page, config, here)
        home = page.url in ("", self.state.language_root(), "index.html")
        org = self.organization
        assert org is not None
        graph: list[dict[str, Any]] = []
        if home:
            graph.append(self.publisher(config, lang, full=True))
            graph.append(
                {
                    "@type": "WebSite",
                    "@id": here + "#website",
                    "name": plain(config.site_name),
                    "url": here,
                    "inLanguage": lang,
                    "description": description,
                    "publisher": {"@id": self.publisher(config, lang)["@id"]},
                }
            )
            return graph
        page_type = "WebPage"
        if org.contact_page and page.file.src_uri.replace(f".{lang}.md", ".md") == org.contact_page:
            graph.append(self.publisher(config, lang, full=True))
            page_type = "ContactPage"
        crumbs = self.breadcrumbs(page, config)
        webpage: dict[str, Any] = {"@type": page_type, "@id": here + "#webpage", "url": here, "name": title, "inLanguage": lang}
        if description:
            webpage["description"] = description
        if crumbs:
            webpage["breadcrumb"] = {"@id": crumbs["@id"]}
        graph.append(webpage)
        published = page.meta.get("date")
        section = self.state.project.options.news_section
        if isinstance(published, dt.date) and page.file.src_uri.startswith(f"{section}/"):
            graph.append(self.news_article(page, config, lang, here, title, description, image))
        event = page.meta.get("quangba_event")
        if event is not None:
            graph.append(self.event(event, config, lang, here, image))
        for place in self.places(page):
            graph.append(self.place(place, lang, here, image))
        if crumbs:
            graph.append(crumbs)
        return graph

    def news_article(self, page: Page, config: MkDocsConfig, lang: str, here: str, title: str, description: str, image: str) -> dict[str, Any]:
        published = page.meta["date"]
        updated = page.meta.get("updated")
        node: dict[str, Any] = {
            "@type": "NewsArticle",
            "@id": here + "#article",
            "headline": title,
            "description": description,
            "datePublished": iso_date(published),
            "inLanguage": lang,
            "mainEntityOfPage": {"@id": here + "#webpage"},
            "url": here,
            "author": self.publisher(config, lang),
            "publisher": self.publisher(config, lang),
        }
        if isinstance(updated, dt.date) and iso_date(updated) >= iso_date(published):
            node["dateModified"] = iso_date(updated)
        if image:
            node["image"] = [image]
        return node

    def event(self, event: Any, config: MkDocsConfig, lang: str, here: str, image: str) -> dict[str, Any]:
        """An Event from the events feature's model (quangba.events.Event)."""
        org = self.publisher(config, lang)
        organiser = str(event.organiser or "")
        organizer: dict[str, Any] = org if not organiser or organiser == org["name"] else {"@type": "Organization", "name": organiser}
        node: dict[str, Any] = {
            "@type": "Event",
            "@id": here + "#event",
            "name": str(event.title),
            "description": str(event.description),
            "startDate": event.start_iso,
            "endDate": event.end_iso or event.start_iso,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {"@type": "Place", "name": str(event.place), "address": {"@type": "PostalAddress", "streetAddress": str(event.address or event.place)}},
            "organizer": organizer,
            "url": here,
            "inLanguage": lang,
        }
        if event.link:  # the event's own page elsewhere (its organiser's site)
            node["sameAs"] = event.link
        picture = self.absolute(config, event.image) if event.image and not image else image
        if picture:
            node["image"] = [picture]
        return node

    def places(self, page: Page) -> list[Place]:
        if "places" not in page.meta:
            return []
        source = page_source(page)
        return read_places(page.meta["places"], frontmatter.read(source), source)[0]

    def place(self, place: Place, lang: str, here: str, image: str) -> dict[str, Any]:
        org = self.organization
        assert org is not None
        node: dict[str, Any] = {"@type": "TouristAttraction", "name": place.name, "url": here}
        if place.description:
            node["description"] = place.description
        address: dict[str, Any] = {"@type": "PostalAddress"}
        if place.address:
            address["streetAddress"] = place.address
        if place.locality:
            address["addressLocality"] = place.locality
        if org.region:  # the places a page of the portal describes are in the province
            address["addressRegion"] = org.text(org.region, lang, self.state.languages.default)
        address["addressCountry"] = org.country
        node["address"] = address
        if place.geo:
            node["geo"] = {"@type": "GeoCoordinates", "latitude": place.geo[0], "longitude": place.geo[1]}
        if image:
            node["image"] = image
        return node

    def breadcrumbs(self, page: Page, config: MkDocsConfig) -> dict[str, Any] | None:
        """Home › section › page, named as this language's menu names them."""
        trail: list[tuple[str, str]] = []
        nav = self.nav
        homepage = nav.homepage if nav else None
        root = self.state.language_root()
        home_name = plain(homepage.title) if homepage and homepage.title else plain(config.site_name)
        trail.append((home_name, self.absolute(config, root)))
        anchor: Page | None = page
        if not page.ancestors and nav is not None and page not in nav.pages:
            # A page outside the menu (a news item, an event): under the menu page of its folder.
            folder = PurePosixPath(page.url.rstrip("/")).parent.as_posix().rstrip("/") + "/"
            parent = next((p for p in nav.pages if p.url == folder), None)
            if parent is not None:
                for name, url in self.trail_of(parent, config):
                    trail.append((name, url))
        for name, url in self.trail_of(anchor, config) if anchor is not None else []:
            trail.append((name, url))
        if len(trail) < 2:
            return None
        here = self.absolute(config, page.url)
        items = [{"@type": "ListItem", "position": i, "name": name, "item": url} for i, (name, url) in enumerate(trail, start=1)]
        return {"@type": "BreadcrumbList", "@id": here + "#breadcrumb", "itemListElement": items}

    def trail_of(self, page: Page, config: MkDocsConfig) -> list[tuple[str, str]]:
        """The menu sections above a page, and the page (a section's index page is the section)."""
        trail = []
        sections = [s for s in reversed(list(page.ancestors)) if isinstance(s, Section)]
        for section in sections:
            index = next((c for c in section.children if isinstance(c, Page) and c.is_index), None)
            if index is page:
                trail.append((plain(section.title), self.absolute(config, page.url)))
                return trail
            if index is not None:
                trail.append((plain(section.title), self.absolute(config, index.url)))
        trail.append((plain(page.title or page.meta.get("title")), self.absolute(config, page.url)))
        return trail
