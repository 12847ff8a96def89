"""Generate a synthetic four-language quangba site for benchmarks.

    python bench/generate_site.py OUT_DIR --pages N [--seed S] [--missing PCT] [--stale PCT] [--unverified PCT]

Writes OUT_DIR/mkdocs.yml (Material with font: false, the quangba plugin with publish: [],
search, i18n with Vietnamese as the source and English, Chinese and Korean translations),
OUT_DIR/docs/ with N source pages in 10 sections in the suffix structure (page.vi.md beside
page.en.md ...), and OUT_DIR/assets/glossary.yml. The text is generated from parallel sentence
templates: real Vietnamese with diacritics, Chinese, Korean and English, with figures and dates
written the way each language writes them, glossary names, links, lists, tables, admonitions and
images. The same seed gives the same site.

Of the translations, --missing PCT % are not written, --stale PCT % record the hash of an older
version of their source, --unverified PCT % record no source version; the rest are up to date
and pass `quangba coverage` without problems. OUT_DIR must not exist or be empty (or use
--force to replace it); the site is written beside it and renamed into place when complete.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal

from quangba.coverage.hashing import source_hash

LANGUAGES = ("vi", "en", "zh", "ko")
SECTIONS = [
    ("overview", {"vi": "Tổng quan", "en": "Overview", "zh": "概况", "ko": "개요"}),
    ("investment", {"vi": "Đầu tư", "en": "Investment", "zh": "投资", "ko": "투자"}),
    ("culture", {"vi": "Văn hóa", "en": "Culture", "zh": "文化", "ko": "문화"}),
    ("tourism", {"vi": "Du lịch", "en": "Tourism", "zh": "旅游", "ko": "관광"}),
    ("products", {"vi": "Sản phẩm", "en": "Products", "zh": "特色产品", "ko": "특산품"}),
    ("events", {"vi": "Sự kiện", "en": "Events", "zh": "活动", "ko": "행사"}),
    ("news", {"vi": "Tin tức", "en": "News", "zh": "新闻", "ko": "뉴스"}),
    ("education", {"vi": "Giáo dục", "en": "Education", "zh": "教育", "ko": "교육"}),
    ("environment", {"vi": "Môi trường", "en": "Environment", "zh": "环境", "ko": "환경"}),
    ("transport", {"vi": "Giao thông", "en": "Transport", "zh": "交通", "ko": "교통"}),
]
PLACES = [
    {"vi": "huyện Đồng Hỷ", "en": "Dong Hy district", "zh": "同喜县", "ko": "동히현"},
    {"vi": "thành phố Sông Công", "en": "Song Cong city", "zh": "功河市", "ko": "송꽁시"},
    {"vi": "xã Tân Cương", "en": "Tan Cuong commune", "zh": "新疆乡", "ko": "떤끄엉사"},
    {"vi": "huyện Phú Lương", "en": "Phu Luong district", "zh": "富良县", "ko": "푸르엉현"},
    {"vi": "huyện Võ Nhai", "en": "Vo Nhai district", "zh": "武涯县", "ko": "보냐이현"},
    {"vi": "huyện Định Hóa", "en": "Dinh Hoa district", "zh": "定化县", "ko": "딘호아현"},
    {"vi": "thị xã Phổ Yên", "en": "Pho Yen town", "zh": "普安市社", "ko": "포옌시"},
    {"vi": "huyện Đại Từ", "en": "Dai Tu district", "zh": "大慈县", "ko": "다이뜨현"},
    {"vi": "huyện Phú Bình", "en": "Phu Binh district", "zh": "富平县", "ko": "푸빈현"},
    {"vi": "vùng hồ Ba Bể", "en": "the Ba Be Lake area", "zh": "巴贝湖地区", "ko": "바베 호수 일대"},
]
TOPICS = [
    {"vi": "chè xanh", "en": "green tea", "zh": "绿茶", "ko": "녹차"},
    {"vi": "gốm sứ", "en": "ceramics", "zh": "陶瓷", "ko": "도자기"},
    {"vi": "du lịch cộng đồng", "en": "community tourism", "zh": "社区旅游", "ko": "공동체 관광"},
    {"vi": "nông nghiệp công nghệ cao", "en": "high-tech agriculture", "zh": "高科技农业", "ko": "첨단 농업"},
    {"vi": "lễ hội truyền thống", "en": "traditional festivals", "zh": "传统节庆", "ko": "전통 축제"},
    {"vi": "giáo dục nghề nghiệp", "en": "vocational training", "zh": "职业教育", "ko": "직업 교육"},
    {"vi": "năng lượng tái tạo", "en": "renewable energy", "zh": "可再生能源", "ko": "재생 에너지"},
    {"vi": "hợp tác quốc tế", "en": "international cooperation", "zh": "国际合作", "ko": "국제 협력"},
    {"vi": "nghề dệt thổ cẩm", "en": "brocade weaving", "zh": "织锦手艺", "ko": "전통 직물 공예"},
    {"vi": "bảo tồn rừng", "en": "forest conservation", "zh": "森林保护", "ko": "산림 보전"},
]
# Official names: in the generated glossary as kind "name", used exactly in every language.
AGENCIES = [
    {"vi": "Sở Thông tin và Truyền thông", "en": "Department of Information and Communications", "zh": "信息传媒厅", "ko": "정보통신국"},
    {"vi": "Ủy ban nhân dân tỉnh", "en": "Provincial People's Committee", "zh": "省人民委员会", "ko": "성 인민위원회"},
    {"vi": "Sở Văn hóa, Thể thao và Du lịch", "en": "Department of Culture, Sports and Tourism", "zh": "文化体育旅游厅", "ko": "문화체육관광국"},
    {"vi": "Ban Quản lý các khu công nghiệp", "en": "Industrial Parks Management Board", "zh": "工业区管理委员会", "ko": "산업단지 관리위원회"},
]
PROVINCE = {"vi": "tỉnh Thái Nguyên", "en": "Thai Nguyen province", "zh": "太原省", "ko": "타이응우옌성"}
PORTAL = {"vi": "Cổng thông tin đối ngoại", "en": "foreign-information portal", "zh": "对外信息门户网站", "ko": "대외 정보 포털"}
DATE_PATTERNS = {"vi": "d/M/y", "en": "d MMMM y", "zh": "y年M月d日", "ko": "y년 M월 d일"}

# Parallel paragraphs. Slots: {place} {topic} {agency} {n} {x} {pct} {year} {date} {province} {portal};
# a capitalised slot ({Place}) starts a sentence; in Korean {name|은} picks 은/는 (을/를, 이/가) by the last syllable.
PARAGRAPHS = [
    {
        "vi": "{Place} là một trong những địa phương phát triển {topic} sớm nhất của {province}, với khoảng {n} hộ gia đình tham gia.",
        "en": "{Place} was one of the first areas of {province} to develop {topic}, with about {n} households taking part.",
        "zh": "{place}是{province}最早发展{topic}的地方之一，约有{n}户家庭参与。",
        "ko": "{place|은} {province}에서 가장 먼저 {topic|을} 발전시킨 지역 중 하나로, 약 {n}가구가 참여하고 있습니다.",
    },
    {
        "vi": "Năm {year}, {agency} đã phối hợp với các đối tác tổ chức {n} hoạt động giới thiệu {topic} tới bạn bè quốc tế.",
        "en": "In {year}, the {agency} worked with partners to hold {n} events introducing {topic} to international friends.",
        "zh": "{year}年，{agency}与合作伙伴联合举办了{n}场活动，向国际友人介绍{topic}。",
        "ko": "{year}년 {agency|은} 협력 기관과 함께 {topic|을} 국제 사회에 소개하는 행사를 {n}회 개최했습니다.",
    },
    {
        "vi": "Ngày {date}, hội nghị xúc tiến {topic} được tổ chức tại {place} với sự tham gia của {n} doanh nghiệp trong và ngoài nước.",
        "en": "On {date}, a conference promoting {topic} was held in {place}, attended by {n} domestic and foreign businesses.",
        "zh": "{date}，{topic}推介会在{place}举行，共有{n}家国内外企业参加。",
        "ko": "{date}, {place}에서 {topic} 홍보 회의가 열렸으며 국내외 기업 {n}곳이 참가했습니다.",
    },
    {
        "vi": "Diện tích dành cho {topic} của {place} đạt {x} ha, tăng {pct}% so với năm {year}.",
        "en": "The area devoted to {topic} in {place} reached {x} ha, up {pct}% on {year}.",
        "zh": "{place}用于{topic}的面积达到{x}公顷，比{year}年增长{pct}%。",
        "ko": "{place}의 {topic} 면적은 {x}ha로 {year}년 대비 {pct}% 늘었습니다.",
    },
    {
        "vi": "Người dân địa phương luôn chào đón du khách bằng sự thân thiện, mến khách và sẵn lòng giới thiệu những nét đẹp văn hóa của quê hương.",
        "en": "Local people welcome visitors warmly and are always glad to share the cultural traditions of their homeland.",
        "zh": "当地居民热情好客，乐于向游客介绍家乡的文化之美。",
        "ko": "지역 주민들은 방문객을 따뜻하게 맞이하며 고향의 아름다운 문화를 기꺼이 소개합니다.",
    },
    {
        "vi": "Thông tin chi tiết về {topic} được {agency} cập nhật thường xuyên trên {portal} của tỉnh.",
        "en": "The {agency} regularly updates details on {topic} on the province's {portal}.",
        "zh": "{agency}定期在本省{portal}上更新有关{topic}的详细信息。",
        "ko": "{agency|은} 성의 {portal}에 {topic}에 관한 자세한 정보를 정기적으로 게시합니다.",
    },
    {
        "vi": "Nhà đầu tư quan tâm có thể liên hệ {agency} để được hướng dẫn về thủ tục, chính sách ưu đãi và quỹ đất còn trống.",
        "en": "Interested investors can contact the {agency} for guidance on procedures, incentives and available land.",
        "zh": "有意投资者可联系{agency}，了解手续、优惠政策和可用土地情况。",
        "ko": "관심 있는 투자자는 {agency}에 문의하여 절차, 인센티브, 가용 부지에 관한 안내를 받을 수 있습니다.",
    },
    {
        "vi": "Mỗi năm, {place} đón khoảng {n} lượt khách trong nước và quốc tế đến tham quan, tìm hiểu {topic}.",
        "en": "Each year {place} receives about {n} domestic and international visitors who come to learn about {topic}.",
        "zh": "{place}每年接待约{n}人次国内外游客前来参观、了解{topic}。",
        "ko": "{place}에는 매년 약 {n}명의 국내외 관광객이 {topic|을} 체험하러 찾아옵니다.",
    },
    {
        "vi": "Từ ngày {date}, {agency} triển khai chương trình hỗ trợ {topic} với tổng kinh phí {x} triệu đồng.",
        "en": "Since {date}, the {agency} has run a programme supporting {topic} with a total budget of VND {x} million.",
        "zh": "自{date}起，{agency}实施{topic}扶持计划，总经费为{x}百万越南盾。",
        "ko": "{date}부터 {agency|은} 총 {x}백만 동 규모의 {topic} 지원 사업을 시행하고 있습니다.",
    },
]
HEADINGS = [
    {"vi": "Giới thiệu chung", "en": "Introduction", "zh": "简介", "ko": "소개"},
    {"vi": "{Topic} tại {place}", "en": "{Topic} in {place}", "zh": "{place}的{topic}", "ko": "{place}의 {topic}"},
    {"vi": "Số liệu chính", "en": "Key figures", "zh": "主要数据", "ko": "주요 수치"},
    {"vi": "Hoạt động nổi bật", "en": "Highlights", "zh": "主要活动", "ko": "주요 활동"},
    {"vi": "Thông tin cho nhà đầu tư", "en": "For investors", "zh": "投资者须知", "ko": "투자자 안내"},
]
ITEM = {
    "vi": "{Topic}: khoảng {n} cơ sở tại {place}",
    "en": "{Topic}: about {n} establishments in {place}",
    "zh": "{topic}：{place}约有{n}家",
    "ko": "{topic}: {place}에 약 {n}곳",
}
TABLE_HEAD = {"vi": "| Chỉ tiêu | Năm {year} |", "en": "| Indicator | {year} |", "zh": "| 指标 | {year}年 |", "ko": "| 지표 | {year}년 |"}
ADMONITION = {"vi": "Lưu ý", "en": "Note", "zh": "提示", "ko": "안내"}
ADMONITION_TEXT = {
    "vi": "Số liệu trên mang tính tham khảo; đề nghị liên hệ {agency} để có thông tin cập nhật.",
    "en": "These figures are for reference; please contact the {agency} for up-to-date information.",
    "zh": "以上数据仅供参考，最新信息请联系{agency}。",
    "ko": "위 수치는 참고용이며, 최신 정보는 {agency}에 문의하시기 바랍니다.",
}
SEE_ALSO = {"vi": "Xem thêm: [{title}]({link}).", "en": "See also: [{title}]({link}).", "zh": "另见：[{title}]({link})。", "ko": "함께 보기: [{title}]({link})"}
IMAGE_ALT = {"vi": "Phong cảnh {place}", "en": "Landscape of {place}", "zh": "{place}风光", "ko": "{place} 풍경"}
TITLE = {"vi": "{Topic} ở {place}", "en": "{Topic} in {place}", "zh": "{place}的{topic}", "ko": "{place}의 {topic}"}
DESCRIPTION = {
    "vi": "Giới thiệu {topic} tại {place}, {province}: số liệu, hoạt động và thông tin liên hệ.",
    "en": "{Topic} in {place}, {province}: figures, activities and contacts.",
    "zh": "{province}{place}的{topic}：数据、活动与联系方式。",
    "ko": "{province} {place}의 {topic}: 수치, 활동, 연락처 안내.",
}
INDEX_TEXT = {
    "vi": "Chuyên mục {section} giới thiệu các nội dung tiêu biểu của {province}.",
    "en": "The {section} section presents highlights of {province}.",
    "zh": "{section}栏目介绍{province}的代表性内容。",
    "ko": "{section} 코너에서는 {province}의 대표적인 내용을 소개합니다.",
}
HOME_TEXT = {
    "vi": "Chào mừng bạn đến với {portal} của {province}.",
    "en": "Welcome to the {portal} of {province}.",
    "zh": "欢迎访问{province}{portal}。",
    "ko": "{province} {portal}에 오신 것을 환영합니다.",
}
IMAGE = """<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360"><rect width="640" height="360" fill="#cfe8d5"/><path d="M0 260 L160 150 L300 240 L460 120 L640 250 L640 360 L0 360 Z" fill="#5c9b6b"/></svg>
"""


@dataclass
class Picks:
    """What one page is about: the same in every language."""

    place: dict
    topic: dict
    agency: dict
    numbers: list[int]
    decimals: list[float]
    percents: list[int]
    years: list[int]
    dates: list[date]
    paragraphs: list[int]
    has_table: bool
    has_list: bool
    has_admonition: bool
    has_image: bool


def has_final_consonant(word: str) -> bool:
    last = word.rstrip()[-1:]
    if "가" <= last <= "힣":
        return (ord(last) - ord("가")) % 28 != 0
    return last.isdigit() and last in "013678"


PARTICLES = {"은": ("은", "는"), "을": ("을", "를"), "이": ("이", "가")}


def fill(template: str, lang: str, values: dict[str, str]) -> str:
    """Put values into a template; {Name} capitalises, {name|은} adds a Korean particle."""
    out = []
    rest = template
    while "{" in rest:
        before, _, after = rest.partition("{")
        name, _, rest = after.partition("}")
        out.append(before)
        key, _, particle = name.partition("|")
        value = values[key.lower()]
        if key[0].isupper():
            value = value[0].upper() + value[1:]
        out.append(value)
        if particle:
            with_final, without = PARTICLES[particle]
            out.append(with_final if has_final_consonant(value) else without)
    out.append(rest)
    return "".join(out)


def number(value: float, lang: str) -> str:
    return format_decimal(value, locale=lang, decimal_quantization=False)


def values_for(picks: Picks, lang: str, index: int) -> dict[str, str]:
    return {
        "place": picks.place[lang],
        "topic": picks.topic[lang],
        "agency": picks.agency[lang],
        "province": PROVINCE[lang],
        "portal": PORTAL[lang],
        "n": number(picks.numbers[index % len(picks.numbers)], lang),
        "x": number(picks.decimals[index % len(picks.decimals)], lang),
        "pct": number(picks.percents[index % len(picks.percents)], lang),
        "year": str(picks.years[index % len(picks.years)]),
        "date": format_date(picks.dates[index % len(picks.dates)], DATE_PATTERNS[lang], locale=lang),
    }


def pick(rng: random.Random) -> Picks:
    return Picks(
        place=rng.choice(PLACES),
        topic=rng.choice(TOPICS),
        agency=rng.choice(AGENCIES),
        numbers=[rng.choice([rng.randint(12, 99), rng.randint(100, 999), rng.randint(1_000, 250_000)]) for _ in range(4)],
        decimals=[round(rng.uniform(10, 9_999), rng.choice([1, 2])) for _ in range(3)],
        percents=[rng.randint(11, 60) for _ in range(3)],
        years=[rng.randint(2012, 2025) for _ in range(3)],
        dates=[date(rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)) for _ in range(3)],
        paragraphs=rng.sample(range(len(PARAGRAPHS)), 6),
        has_table=rng.random() < 0.5,
        has_list=rng.random() < 0.8,
        has_admonition=rng.random() < 0.3,
        has_image=rng.random() < 0.4,
    )


def topic_page(picks: Picks, lang: str, see_also: tuple[str, dict] | None) -> str:
    """The Markdown of a page in one language (front matter included)."""
    v = values_for(picks, lang, 0)
    lines = ["---", f"title: {quote(fill(TITLE[lang], lang, v))}", f"description: {quote(fill(DESCRIPTION[lang], lang, v))}", "---", ""]
    for position, paragraph in enumerate(picks.paragraphs):
        if position in (0, 2, 4):
            heading = HEADINGS[(position // 2 + picks.paragraphs[0]) % len(HEADINGS)]
            lines += [f"## {fill(heading[lang], lang, values_for(picks, lang, position))}", ""]
        lines += [fill(PARAGRAPHS[paragraph][lang], lang, values_for(picks, lang, position)), ""]
        if position == 1 and picks.has_list:
            lines += [f"- {fill(ITEM[lang], lang, values_for(picks, lang, k))}" for k in range(3)] + [""]
        if position == 3 and picks.has_table:
            lines += [fill(TABLE_HEAD[lang], lang, v), "|---|---:|"]
            lines += [f"| {fill('{Topic}', lang, values_for(picks, lang, k))} {k + 1} | {number(picks.numbers[k], lang)} |" for k in range(3)] + [""]
        if position == 4 and picks.has_image:
            lines += [f"![{fill(IMAGE_ALT[lang], lang, v)}](../images/landscape.svg)", ""]
    if picks.has_admonition:
        lines += [f'!!! info "{ADMONITION[lang]}"', "    " + fill(ADMONITION_TEXT[lang], lang, v), ""]
    if see_also:
        link, other = see_also
        lines += [fill(SEE_ALSO[lang], lang, {"title": fill(TITLE[lang], lang, values_for(other, lang, 0)), "link": link}), ""]
    return "\n".join(lines)


def index_page(lang: str, title: str, text: str, links: list[tuple[str, str]]) -> str:
    lines = ["---", f"title: {quote(title)}", f"description: {quote(text)}", "---", "", text, ""]
    lines += [f"- [{label}]({link})" for link, label in links]
    return "\n".join(lines) + "\n"


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def config_text() -> str:
    names = {"vi": "Tiếng Việt", "en": "English", "zh": "中文", "ko": "한국어"}
    languages = []
    for lang in LANGUAGES:
        languages.append(
            f"        - locale: {lang}\n          name: {names[lang]}\n          build: true" + ("\n          default: true" if lang == "vi" else "")
        )
    return (
        "# Generated by bench/generate_site.py: a synthetic site for benchmarks.\n"
        "site_name: Cổng thông tin đối ngoại (tổng hợp)\n"
        "site_url: https://bench.example/\n"
        "strict: true\n"
        "theme:\n  name: material\n  language: vi\n  font: false\n"
        "markdown_extensions:\n  - admonition\n  - attr_list\n  - md_in_html\n  - tables\n  - toc:\n      permalink: true\n"
        "  - pymdownx.details\n  - pymdownx.superfences\n"
        "plugins:\n  - quangba:\n      publish: []\n  - search\n  - i18n:\n      docs_structure: suffix\n"
        "      fallback_to_default: true\n      languages:\n" + "\n".join(languages) + "\n"
    )


def glossary_text() -> str:
    lines = ["# Generated by bench/generate_site.py", "terms:"]
    for entry, kind in [(PROVINCE, "name"), *((agency, "name") for agency in AGENCIES), (PORTAL, "term")]:
        lines.append(f"  - vi: {quote(entry['vi'])}\n    kind: {kind}")
        lines += [f"    {lang}: {quote(entry[lang])}" for lang in LANGUAGES[1:]]
    return "\n".join(lines) + "\n"


def translation_state(rng: random.Random, missing: float, stale: float, unverified: float) -> str:
    draw = rng.uniform(0, 100)
    if draw < missing:
        return "missing"
    if draw < missing + stale:
        return "stale"
    if draw < missing + stale + unverified:
        return "unverified"
    return "translated"


def stamped(text: str, digest: str | None) -> str:
    if digest is None:
        return text
    return text.replace("\n---\n", f'\nsource_hash: "{digest}"\n---\n', 1)


def generate(out: Path, pages: int, seed: int, missing: float, stale: float, unverified: float) -> dict[str, int]:
    """Write the site into out (which must not exist); returns counts of translation states."""
    docs = out / "docs"
    (docs / "images").mkdir(parents=True)
    (out / "assets").mkdir()
    (out / "mkdocs.yml").write_text(config_text(), encoding="utf-8")
    (out / "assets/glossary.yml").write_text(glossary_text(), encoding="utf-8")
    (docs / "images/landscape.svg").write_text(IMAGE, encoding="utf-8")
    rng = random.Random(seed)
    sections = SECTIONS[: max(1, min(len(SECTIONS), pages - 1))]
    topic_count = max(0, pages - 1 - len(sections))
    per_section: dict[str, list[tuple[str, Picks]]] = {name: [] for name, _ in sections}
    for number_ in range(topic_count):
        name = sections[number_ % len(sections)][0]
        per_section[name].append((f"topic-{number_ + 1:04d}", pick(rng)))
    states = {"translated": 0, "stale": 0, "unverified": 0, "missing": 0}

    def write(page: str, texts: dict[str, str], older_source: str) -> None:
        path = docs / page
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.parent / f"{path.stem}.vi.md").write_text(texts["vi"], encoding="utf-8")
        for lang in LANGUAGES[1:]:
            state = translation_state(rng, missing, stale, unverified)
            states[state] += 1
            if state == "missing":
                continue
            digest = {"translated": source_hash(texts["vi"]), "stale": source_hash(older_source), "unverified": None}[state]
            (path.parent / f"{path.stem}.{lang}.md").write_text(stamped(texts[lang], digest), encoding="utf-8")

    home_links = {lang: [(f"{name}/index.md", titles[lang]) for name, titles in sections] for lang in LANGUAGES}
    home = {
        lang: index_page(
            lang,
            PORTAL[lang][0].upper() + PORTAL[lang][1:],
            fill(HOME_TEXT[lang], lang, {"portal": PORTAL[lang], "province": PROVINCE[lang]}),
            home_links[lang],
        )
        for lang in LANGUAGES
    }
    write("index.md", home, home["vi"] + "\nBản cũ.\n")
    for name, titles in sections:
        items = per_section[name]
        for position, (slug, picks) in enumerate(items):
            other = items[(position + 1) % len(items)] if len(items) > 1 else None
            texts = {lang: topic_page(picks, lang, (f"{other[0]}.md", other[1]) if other else None) for lang in LANGUAGES}
            older = texts["vi"].rsplit("\n\n", 2)[0] + "\n"  # the source before its last paragraph was added
            write(f"{name}/{slug}.md", texts, older)
        index = {}
        for lang in LANGUAGES:
            values = {"section": titles[lang], "province": PROVINCE[lang]}
            links = [(f"{slug}.md", fill(TITLE[lang], lang, values_for(picks, lang, 0))) for slug, picks in items[:30]]
            index[lang] = index_page(lang, titles[lang], fill(INDEX_TEXT[lang], lang, values), links)
        write(f"{name}/index.md", index, index["vi"].replace("\n- ", "\n* ", 1) + "\nBản cũ.\n")
    return states


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic four-language quangba site (vi source; en, zh, ko translations).")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder to create")
    parser.add_argument("--pages", type=int, required=True, metavar="N", help="source pages (per language), in 10 sections")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1): the same seed gives the same site")
    parser.add_argument("--missing", type=float, default=0.0, metavar="PCT", help="percent of translations not written")
    parser.add_argument("--stale", type=float, default=0.0, metavar="PCT", help="percent of translations made from an older source")
    parser.add_argument("--unverified", type=float, default=0.0, metavar="PCT", help="percent of translations without source_hash")
    parser.add_argument("--force", action="store_true", help="replace OUT_DIR if it exists")
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    if not all(0 <= value <= 100 for value in (args.missing, args.stale, args.unverified)) or args.missing + args.stale + args.unverified > 100:
        parser.error("--missing, --stale and --unverified are percentages that add up to 100 at most")
    out: Path = args.out_dir
    if out.exists() and any(out.iterdir()) and not args.force:
        parser.error(f"{out} exists and is not empty (use --force to replace it)")
    staging = out.with_name(f".{out.name}.generating")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        states = generate(staging, args.pages, args.seed, args.missing, args.stale, args.unverified)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    summary = ", ".join(f"{count} {state}" for state, count in states.items())
    print(f"Wrote {out}: {args.pages} source pages × {len(LANGUAGES)} languages; translations: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
