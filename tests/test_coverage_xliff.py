"""Agency hand-off: `coverage export` writes XLIFF 1.2, a translator fills the targets (as a CAT
tool does: text translated, inline codes kept and moved), `coverage import` writes the page and
stamps it; the page then builds and passes the checks."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from conftest import PROJECT, run_quangba
from quangba.coverage import inline, segments
from quangba.coverage.hashing import source_hash
from quangba.coverage.scan import split_front_matter
from test_coverage_support import Project, page_entry

NS = "urn:oasis:names:tc:xliff:document:1.2"
Q = f"{{{NS}}}"
ET.register_namespace("", NS)

GUIDE = """\
    ---
    title: Hướng dẫn tham quan
    description: Những điều cần biết khi đến tỉnh Thái Nguyên.
    ---

    Sở Thông tin và Truyền thông giới thiệu **những điều cần biết** khi đến [tỉnh Thái Nguyên](../index.md).

    ## Đi lại

    - Từ Hà Nội đi xe khách khoảng 80 km.
    - Tàu hỏa chạy hằng ngày.

    | Phương tiện | Thời gian |
    |---|---|
    | Xe khách | 2 giờ |
    | Tàu hỏa | 3 giờ |

    !!! tip "Mẹo nhỏ"
        Nên đặt vé trước vào dịp lễ.

    ![Đồi chè Tân Cương](../assets/images/tea.jpg)
    """
# What the translator writes for each source text; {0}, {1} ... are the source's inline codes.
KOREAN = {
    "Hướng dẫn tham quan": "관광 안내",
    "Những điều cần biết khi đến tỉnh Thái Nguyên.": "타이응우옌성을 방문할 때 알아 둘 점.",
    "Sở Thông tin và Truyền thông giới thiệu những điều cần biết khi đến tỉnh Thái Nguyên.": "정보통신국은 {2}타이응우옌성{3}을 방문할 때 {0}알아 둘 점{1}을 소개합니다.",
    "Đi lại": "교통",
    "Từ Hà Nội đi xe khách khoảng 80 km.": "하노이에서 버스로 약 80km입니다.",
    "Tàu hỏa chạy hằng ngày.": "기차는 매일 운행합니다.",
    "Phương tiện": "교통수단",
    "Thời gian": "소요 시간",
    "Xe khách": "버스",
    "2 giờ": "2시간",
    "Tàu hỏa": "기차",
    "3 giờ": "3시간",
    "Mẹo nhỏ": "팁",
    "Nên đặt vé trước vào dịp lễ.": "명절에는 표를 미리 예매하세요.",
    "Đồi chè Tân Cương": "{0}떤끄엉 차 언덕{1}",
}


@pytest.fixture
def guide(project: Project) -> Project:
    project.write("tourism/guide.vi.md", GUIDE)
    images = project.root / "assets" / "images"  # photos live in the library, not in docs/
    images.mkdir(parents=True)
    Image.new("RGB", (32, 24), (90, 150, 90)).save(images / "tea.jpg", quality=80)
    (images / "tea.yml").write_text("alt: {vi: Đồi chè, en: Tea hills, zh: 茶山, ko: 차 언덕}\ncredit: Ảnh thử\nlicence: CC0-1.0\n", encoding="utf-8")
    return project


def units(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).getroot().iter(f"{Q}trans-unit"))


def source_text(unit: ET.Element) -> str:
    """The words of a unit's source, without its inline codes."""
    source = unit.find(f"{Q}source")
    return (source.text or "") + "".join((child.tail or "") for child in source)


def translate(path: Path, translations: dict[str, str] = KOREAN, skip: set[str] = frozenset()) -> None:
    """Fill the targets like a CAT tool: translated text, the source's codes copied where the
    translation puts them."""
    tree = ET.parse(path)
    for unit in tree.getroot().iter(f"{Q}trans-unit"):
        source = unit.find(f"{Q}source")
        text = source_text(unit)
        if text in skip:
            continue
        codes = list(source)
        target = ET.Element(f"{Q}target", {"state": "translated"})
        last = None
        for index, part in enumerate(re.split(r"\{(\d+)\}", translations[text])):
            if index % 2:
                last = copy.deepcopy(codes[int(part)])
                last.tail = None
                target.append(last)
            elif last is None:
                target.text = (target.text or "") + part
            else:
                last.tail = (last.tail or "") + part
        unit.insert(list(unit).index(source) + 1, target)
    tree.write(path, encoding="UTF-8", xml_declaration=True)


def test_export_writes_missing_and_stale_pages(guide: Project) -> None:
    guide.write("index.vi.md", (guide.docs / "index.vi.md").read_text(encoding="utf-8").replace("(năm 2025)", "(năm 2026)"))
    result = guide.invoke("export", "--lang", "ko", "--out", "xl")
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(guide.root / "xl").as_posix() for p in (guide.root / "xl").rglob("*.xlf"))
    assert written == ["index.ko.xlf", "tourism/guide.ko.xlf", "tourism/index.ko.xlf"]  # stale, missing, missing
    assert "index.ko.xlf  (stale" in result.stdout and "tourism/guide.ko.xlf  (missing" in result.stdout
    root = ET.parse(guide.root / "xl/tourism/guide.ko.xlf").getroot()
    assert root.tag == f"{Q}xliff" and root.get("version") == "1.2"
    file = root.find(f"{Q}file")
    assert (file.get("original"), file.get("source-language"), file.get("target-language"), file.get("datatype")) == (
        "tourism/guide.md",
        "vi",
        "ko",
        "x-markdown",
    )
    found = units(guide.root / "xl/tourism/guide.ko.xlf")
    kinds = [unit.get("restype") for unit in found]
    assert kinds == ["x-title", "x-description", "x-paragraph", "x-heading", "x-item", "x-item"] + ["x-cell"] * 6 + [
        "x-admonition",
        "x-paragraph",
        "x-paragraph",
    ]
    paragraph = found[2].find(f"{Q}source")
    assert [(child.tag[len(Q) :], child.text) for child in paragraph] == [("ph", "**"), ("ph", "**"), ("bpt", "["), ("ept", "](../index.md)")]
    assert paragraph.text == "Sở Thông tin và Truyền thông giới thiệu "
    stale_note = ET.parse(guide.root / "xl/index.ko.xlf").getroot().find(f"{Q}file/{Q}header/{Q}note")
    assert "older version" in stale_note.text
    assert not (guide.docs / "tourism/guide.ko.md").exists()


def test_round_trip(guide: Project) -> None:
    assert guide.invoke("export", "--lang", "ko", "--out", "xl", "docs/tourism/guide.vi.md").exit_code == 0
    xlf = guide.root / "xl/tourism/guide.ko.xlf"
    translate(xlf)
    result = guide.invoke("import", xlf)
    assert result.exit_code == 0, result.output
    assert "→ docs/tourism/guide.ko.md, stamped" in result.stdout
    page = (guide.docs / "tourism/guide.ko.md").read_text(encoding="utf-8")
    assert "title: 관광 안내" in page and "source_hash:" in page
    assert "정보통신국은 [타이응우옌성](../index.md)을 방문할 때 **알아 둘 점**을 소개합니다." in page
    assert "| 버스 | 2시간 |" in page and '!!! tip "팁"\n    명절에는 표를 미리 예매하세요.' in page
    assert "![떤끄엉 차 언덕](../assets/images/tea.jpg)" in page
    report = guide.report()
    entry = page_entry(report, "ko", "tourism/guide.md")
    assert entry["status"] == "translated" and entry["problems"] == []
    built = run_quangba("build", cwd=guide.root)
    assert built.returncode == 0, built.stdout + built.stderr
    html = (guide.root / "site/ko/tourism/guide/index.html").read_text(encoding="utf-8")
    assert "명절에는 표를 미리 예매하세요." in html and "<th>교통수단</th>" in html
    assert 'href="../..">타이응우옌성</a>' in html or 'href="../../">타이응우옌성</a>' in html


def test_import_refuses_missing_targets(guide: Project) -> None:
    guide.invoke("export", "--lang", "ko", "--out", "xl", "tourism/guide.md")
    xlf = guide.root / "xl/tourism/guide.ko.xlf"
    translate(xlf, skip={"Tàu hỏa chạy hằng ngày.", "Mẹo nhỏ"})
    result = guide.invoke("import", xlf)
    assert result.exit_code == 2
    assert "2 unit(s) have no translation (units 4, 11)" in result.stderr
    assert not (guide.docs / "tourism/guide.ko.md").exists()


def test_import_refuses_broken_link_codes(guide: Project) -> None:
    guide.invoke("export", "--lang", "ko", "--out", "xl", "tourism/guide.md")
    xlf = guide.root / "xl/tourism/guide.ko.xlf"
    broken = dict(KOREAN)
    broken["Sở Thông tin và Truyền thông giới thiệu những điều cần biết khi đến tỉnh Thái Nguyên."] = (
        "정보통신국은 {2}타이응우옌성을 방문할 때 {0}알아 둘 점{1}을 소개합니다."
    )
    translate(xlf, broken)
    result = guide.invoke("import", xlf)
    assert result.exit_code == 2 and "the link or image markup around '['" in result.stderr
    assert not (guide.docs / "tourism/guide.ko.md").exists()


def test_import_with_problems_writes_the_page_unstamped(guide: Project) -> None:
    guide.invoke("export", "--lang", "ko", "--out", "xl", "tourism/guide.md")
    xlf = guide.root / "xl/tourism/guide.ko.xlf"
    wrong = dict(KOREAN)
    wrong["Từ Hà Nội đi xe khách khoảng 80 km."] = "하노이에서 버스로 약 90km입니다."
    translate(xlf, wrong)
    result = guide.invoke("import", xlf)
    assert result.exit_code == 1
    assert "not stamped" in result.stdout and "the figure '80'" in result.stdout
    entry = page_entry(guide.report(), "ko", "tourism/guide.md")
    assert entry["status"] == "unverified" and entry["problems"][0]["check"] == "numbers"


def test_source_changed_after_export(guide: Project) -> None:
    guide.invoke("export", "--lang", "ko", "--out", "xl", "tourism/guide.md")
    xlf = guide.root / "xl/tourism/guide.ko.xlf"
    translate(xlf)
    guide.write("tourism/guide.vi.md", GUIDE.replace("Tàu hỏa chạy hằng ngày.", "Tàu hỏa chạy hai chuyến mỗi ngày."))
    result = guide.invoke("import", xlf)
    assert result.exit_code == 0, result.output
    assert "The source changed after the export" in result.stdout
    assert page_entry(guide.report(), "ko", "tourism/guide.md")["status"] == "stale"


def test_import_bad_files(guide: Project, tmp_path: Path) -> None:
    not_xml = tmp_path / "broken.xlf"
    not_xml.write_text('<?xml version="1.0"?>\n<xliff version="1.2">\n  <file>\n</xliff>\n', encoding="utf-8")
    result = guide.invoke("import", not_xml)
    assert result.exit_code == 2 and "broken.xlf:4: not valid XML" in result.stderr
    other = tmp_path / "other.xlf"
    other.write_text(
        f'<xliff xmlns="{NS}" version="1.2"><file original="x.md" source-language="vi" target-language="ko" datatype="plaintext"><body/></file></xliff>',
        encoding="utf-8",
    )
    result = guide.invoke("import", other)
    assert result.exit_code == 2 and "was not exported from this project" in result.stderr
    assert guide.invoke("import", tmp_path / "nothing.xlf").exit_code == 2
    for bad in (not_xml, other):
        assert "Traceback" not in guide.invoke("import", bad).output


def test_export_bad_input(guide: Project) -> None:
    result = guide.invoke("export", "--lang", "jp")
    assert result.exit_code == 2 and "'jp'" in result.stderr
    result = guide.invoke("export", "--lang", "ko", "docs/nothing.md")
    assert result.exit_code == 2 and "not a source page" in result.stderr


def test_round_trip_through_the_real_command(guide: Project) -> None:
    exported = guide.run("export", "--lang", "ko", "--out", "xl", "tourism/guide.md")
    assert exported.returncode == 0, exported.stdout + exported.stderr
    translate(guide.root / "xl/tourism/guide.ko.xlf")
    imported = guide.run("import", "xl/tourism/guide.ko.xlf")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert page_entry(guide.report(), "ko", "tourism/guide.md")["status"] == "translated"


def test_segments_and_skeleton_rebuild_every_demo_page() -> None:
    """Cutting a page into segments and filling the skeleton with the untranslated segments
    gives the page back: no text lost, doubled or misplaced, on all the demo's real Markdown."""
    pages = sorted((PROJECT / "docs").rglob("*.md"))
    assert len(pages) > 100
    for path in pages:
        text = path.read_text(encoding="utf-8")
        meta, body_start, problem = split_front_matter(path, text)
        assert problem is None
        found, skeleton = segments.cut(text, body_start, meta, "")
        sources = {unit.id: "".join(source for _, source in unit.pieces) for unit in found}
        kinds = {unit.id: unit.kind for unit in found}
        rebuilt = segments.fill(skeleton.body, sources, kinds)
        assert " ".join(rebuilt.split()) == " ".join(text[body_start:].split()), path
        assert {unit.kind for unit in found} <= {"title", "description", "heading", "paragraph", "item", "cell", "admonition", "footnote"}
        assert all(kind != inline.TEXT or "\ue000" not in source for unit in found for kind, source in unit.pieces)


def test_import_over_a_stub(guide: Project) -> None:
    guide.write("tourism/guide.ko.md", "---\ntitle: Hướng dẫn tham quan\nuntranslated: true\n---\n\nChưa dịch.\n")
    assert guide.invoke("export", "--lang", "ko", "--out", "xl").exit_code == 0
    xlf = guide.root / "xl/tourism/guide.ko.xlf"
    translate(xlf)
    assert guide.invoke("import", xlf).exit_code == 0
    page = (guide.docs / "tourism/guide.ko.md").read_text(encoding="utf-8")
    assert "untranslated" not in page and "source_hash:" in page
    assert page_entry(guide.report(), "ko", "tourism/guide.md")["status"] == "translated"


# --- The returned file is not trusted: page, language, structure and codes come from the project's export record.

CONTACT = {
    "vi": """\
        ---
        title: Liên hệ
        ---

        Gọi cho Sở Thông tin và Truyền thông theo số 0208 3855 000.
        """,
    "en": """\
        ---
        title: Contact
        ---

        Call the Department of Information and Communications on 0208 3855 000.
        """,
}
TOURISM_KO = {
    "Du lịch": "관광",
    "Các điểm đến của tỉnh.": "성의 관광지.",
    "Hồ Núi Cốc cách trung tâm tỉnh khoảng 16 km.": "누이꼭 호수는 성 중심에서 약 16km 떨어져 있습니다.",
    "Đi thuyền trên hồ": "호수 보트 타기",
    "Thăm đồi chè": "차 언덕 방문",
}
PARAGRAPH = "Sở Thông tin và Truyền thông giới thiệu những điều cần biết khi đến tỉnh Thái Nguyên."


def docs_files(project: Project) -> dict[str, bytes]:
    return {path.relative_to(project.docs).as_posix(): path.read_bytes() for path in sorted(project.docs.rglob("*.md"))}


def edit(path: Path, change) -> None:
    """Change an XLIFF file as an agency (or an attacker) could: change(root) edits it in place."""
    tree = ET.parse(path)
    change(tree.getroot())
    tree.write(path, encoding="UTF-8", xml_declaration=True)


def export_id(path: Path) -> str:
    return ET.parse(path).getroot().find(f"{Q}file/{Q}header/{Q}prop-group/{Q}prop[@prop-type='export-id']").text


def exported_guide(guide: Project, translations: dict[str, str] = KOREAN) -> Path:
    assert guide.invoke("export", "--lang", "ko", "--out", "xl", "tourism/guide.md").exit_code == 0
    xlf = guide.root / "xl/tourism/guide.ko.xlf"
    translate(xlf, translations)
    return xlf


def unit(root: ET.Element, unit_id: str) -> ET.Element:
    return next(found for found in root.iter(f"{Q}trans-unit") if found.get("id") == unit_id)


def test_export_writes_the_projects_record(guide: Project) -> None:
    assert guide.invoke("export", "--lang", "ko", "--out", "xl", "tourism/guide.md").exit_code == 0
    xlf = guide.root / "xl/tourism/guide.ko.xlf"
    record = json.loads((guide.root / ".quangba/exports" / f"{export_id(xlf)}.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"[0-9a-f]{32}", record["id"]) and record["format"] == "quangba-export/1"
    source = guide.read("tourism/guide.vi.md")
    assert (record["page"], record["lang"], record["source_hash"], record["source_text"]) == ("tourism/guide.md", "ko", source_hash(source), source)
    assert record["xliff"] == "xl/tourism/guide.ko.xlf" and record["exported_at"].endswith("+00:00")
    assert [u["id"] for u in record["units"]] == [u.get("id") for u in units(xlf)]
    paragraph = next(u for u in record["units"] if u["id"] == "1")
    assert paragraph["kind"] == "paragraph" and paragraph["source"].startswith("Sở Thông tin và Truyền thông giới thiệu **những")
    assert [(c["tag"], c["id"], c["markdown"]) for c in paragraph["codes"]] == [
        ("ph", "1", "**"),
        ("ph", "2", "**"),
        ("bpt", "3", "["),
        ("ept", "3", "](../index.md)"),
    ]
    assert guide.invoke("export", "--lang", "ko", "--out", "xl", "tourism/guide.md").exit_code == 0
    assert export_id(xlf) != record["id"] and len(list((guide.root / ".quangba/exports").glob("*.json"))) == 2


def test_import_ignores_a_changed_page_and_language(guide: Project) -> None:
    """tourism/index.ko.xlf edited to say contact/index.md in English must not touch the English Contact page."""
    guide.write_page("contact/index", CONTACT)
    assert guide.invoke("export", "--lang", "ko", "--out", "xl", "tourism/index.md").exit_code == 0
    hostile = guide.root / "xl/tourism/index.ko.xlf"
    translate(hostile, TOURISM_KO)

    def retarget(root: ET.Element) -> None:
        root.find(f"{Q}file").set("original", "contact/index.md")
        root.find(f"{Q}file").set("target-language", "en")

    edit(hostile, retarget)
    good = exported_guide(guide)
    before = docs_files(guide)
    result = guide.invoke("import", hostile, good)
    assert result.exit_code == 2
    assert "original is 'contact/index.md' but the export was of 'tourism/index.md'" in result.stderr
    assert "target-language is 'en' but the export was into 'ko'" in result.stderr
    after = docs_files(guide)
    assert after.pop("tourism/guide.ko.md")  # the other file of the call is still imported
    assert after == before  # contact/index.en.md byte-identical, no tourism/index.ko.md, no contact/index.ko.md
    assert "→ docs/tourism/guide.ko.md, stamped" in result.stdout


def test_import_rebuilds_the_page_from_the_source_not_the_skeleton(guide: Project) -> None:
    xlf = exported_guide(guide)
    clean = xlf.read_bytes()

    def poison(root: ET.Element) -> None:
        internal = root.find(f"{Q}file/{Q}header/{Q}skl/{Q}internal-file")
        skeleton = json.loads(internal.text)
        skeleton["body"] += "\n<script>alert(1)</script>\n"
        skeleton["front_matter"] += "script: alert(1)\n"
        internal.text = json.dumps(skeleton, ensure_ascii=False)

    edit(xlf, poison)
    assert guide.invoke("import", xlf).exit_code == 0
    page = guide.read("tourism/guide.ko.md")
    assert "<script" not in page and "\nscript:" not in page and "alert" not in page
    (guide.docs / "tourism/guide.ko.md").unlink()
    xlf.write_bytes(clean)
    assert guide.invoke("import", xlf).exit_code == 0
    assert guide.read("tourism/guide.ko.md") == page  # exactly what the untouched file gives


def test_inline_codes_take_the_sources_markdown(guide: Project) -> None:
    xlf = exported_guide(guide)

    def poison(root: ET.Element) -> None:
        paragraph = unit(root, "1")
        for ph in paragraph.iter(f"{Q}ph"):
            ph.text = "<script>alert(1)</script>"
        for ept in paragraph.find(f"{Q}target").iter(f"{Q}ept"):
            ept.text = "](javascript:alert(1))"

    edit(xlf, poison)
    result = guide.invoke("import", xlf)
    assert result.exit_code == 0, result.output
    page = guide.read("tourism/guide.ko.md")
    assert "정보통신국은 [타이응우옌성](../index.md)을 방문할 때 **알아 둘 점**을 소개합니다." in page
    assert "<script" not in page and "javascript" not in page


def test_empty_placeholders_take_the_sources_markdown(guide: Project) -> None:
    xlf = exported_guide(guide)

    def as_placeholders(root: ET.Element) -> None:  # what some CAT tools return: <x/>, <bx/>, <ex/>
        target = unit(root, "1").find(f"{Q}target")
        for child in target:
            child.tag = Q + {"ph": "x", "bpt": "bx", "ept": "ex"}[child.tag[len(Q) :]]
            child.attrib = {"id": child.get("id")} if child.tag == f"{Q}x" else {"id": "b" + child.get("id"), "rid": child.get("id")}
            child.text = None

    edit(xlf, as_placeholders)
    assert guide.invoke("import", xlf).exit_code == 0
    assert "정보통신국은 [타이응우옌성](../index.md)을 방문할 때 **알아 둘 점**을 소개합니다." in guide.read("tourism/guide.ko.md")


def test_import_refuses_a_code_the_source_unit_does_not_have(guide: Project) -> None:
    xlf = exported_guide(guide)
    edit(xlf, lambda root: ET.SubElement(unit(root, "3").find(f"{Q}target"), f"{Q}ph", {"id": "9"}))
    result = guide.invoke("import", xlf)
    assert result.exit_code == 2
    assert "unit 3 of 'tourism/guide.md': the inline code(s) <ph id=\"9\"> are not in the source unit" in result.stderr
    assert not (guide.docs / "tourism/guide.ko.md").exists()


@pytest.mark.parametrize(
    "typed",
    [
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "<!-- hidden -->",
        "<https://evil.example>",
        "[표](javascript:alert(1))",
        "[자세히](https://evil.example)",
        "onmouseover=alert(1)",
        "javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        '{: style="position:fixed"}',
    ],
)
def test_import_refuses_markup_typed_in_a_target(guide: Project, typed: str) -> None:
    stub = guide.write("tourism/guide.ko.md", "---\ntitle: Hướng dẫn tham quan\nuntranslated: true\n---\n\nChưa dịch.\n")
    before = stub.read_bytes()
    hostile = dict(KOREAN)
    hostile["Tàu hỏa chạy hằng ngày."] = f"기차는 매일 운행합니다. {typed}"
    xlf = exported_guide(guide, hostile)
    result = guide.invoke("import", xlf)
    assert result.exit_code == 2
    assert "unit 4 of 'tourism/guide.md': the translation contains" in result.stderr and "guide.ko.xlf" in result.stderr
    assert stub.read_bytes() == before


def test_import_refuses_a_file_without_its_export_record(guide: Project) -> None:
    xlf = exported_guide(guide)
    record = guide.root / ".quangba/exports" / f"{export_id(xlf)}.json"
    record.unlink()
    result = guide.invoke("import", xlf)
    assert result.exit_code == 2
    assert "was not exported from this project, or its export record" in result.stderr and f".quangba/exports/{record.name}) was deleted" in result.stderr
    xlf = exported_guide(guide)

    def forget_id(root: ET.Element) -> None:
        props = root.find(f"{Q}file/{Q}header/{Q}prop-group")
        props.remove(props.find(f"{Q}prop[@prop-type='export-id']"))

    edit(xlf, forget_id)
    result = guide.invoke("import", xlf)
    assert result.exit_code == 2 and "(the file has no export-id): export the page again" in result.stderr
    assert not (guide.docs / "tourism/guide.ko.md").exists()


def test_import_refuses_added_or_removed_units(guide: Project) -> None:
    xlf = exported_guide(guide)
    clean = xlf.read_bytes()

    def remove(root: ET.Element) -> None:
        body = root.find(f"{Q}file/{Q}body")
        body.remove(unit(root, "4"))

    edit(xlf, remove)
    result = guide.invoke("import", xlf)
    assert result.exit_code == 2 and "unit(s) 4 of the export are missing from the file" in result.stderr

    def add(root: ET.Element) -> None:
        extra = copy.deepcopy(unit(root, "3"))
        extra.set("id", "99")
        root.find(f"{Q}file/{Q}body").append(extra)

    xlf.write_bytes(clean)
    edit(xlf, add)
    result = guide.invoke("import", xlf)
    assert result.exit_code == 2 and "unit(s) 99 were not in the export" in result.stderr
    assert not (guide.docs / "tourism/guide.ko.md").exists()


def test_import_over_a_stamped_translation_needs_force(guide: Project) -> None:
    assert guide.invoke("import", exported_guide(guide)).exit_code == 0
    page = guide.docs / "tourism/guide.ko.md"
    stamped = page.read_bytes()
    changed = dict(KOREAN)
    changed["Tàu hỏa chạy hằng ngày."] = "기차는 날마다 운행합니다."
    again = exported_guide(guide, changed)
    result = guide.invoke("import", again)
    assert result.exit_code == 2 and "is already a stamped translation of this source version" in result.stderr and "--force" in result.stderr
    assert page.read_bytes() == stamped
    result = guide.invoke("import", "--force", again)
    assert result.exit_code == 0, result.output
    assert "기차는 날마다 운행합니다." in page.read_text(encoding="utf-8")


def test_import_over_a_stale_translation(guide: Project) -> None:
    guide.write("tourism/guide.ko.md", '---\ntitle: 관광 안내\nsource_hash: "0123456789abcdef"\n---\n\n옛 번역.\n')
    result = guide.invoke("import", exported_guide(guide))
    assert result.exit_code == 0, result.output
    assert "기차는 매일 운행합니다." in guide.read("tourism/guide.ko.md")
    assert page_entry(guide.report(), "ko", "tourism/guide.md")["status"] == "translated"
