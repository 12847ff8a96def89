"""The quality checks between a source page and its translations: each kind of problem, with
its file and line, and no false alarm on a faithful translation in any script."""

from __future__ import annotations

import re
from textwrap import dedent

import pytest

from quangba.coverage.figures import reader, show
from quangba.coverage.glossary import fold, pattern
from test_coverage_support import Project, page_entry, problems_of

SOURCE = dedent(
    """\
    ---
    title: Khu công nghiệp
    description: Thông tin về các khu công nghiệp của tỉnh Thái Nguyên.
    ---

    Sở Thông tin và Truyền thông giới thiệu các khu công nghiệp của tỉnh Thái Nguyên.

    ## Số liệu

    Tổng diện tích là 1.234,5 ha; dự án đầu tiên được cấp phép ngày 6/12/2013.

    | Khu | Diện tích |
    |---|---|
    | Yên Bình | 200 ha |
    | Điềm Thụy | 350 ha |

    !!! note "Lưu ý"
        Số liệu mang tính tham khảo.

    ## Liên hệ

    Xem [thủ tục](procedures.md) và [trang của tỉnh](https://thainguyen.gov.vn/).

    ![Khu công nghiệp Yên Bình](images/park.jpg)

    ```text
    quangba coverage
    ```
    """
)
ENGLISH = dedent(
    """\
    ---
    title: Industrial parks
    description: Information on the industrial parks of Thai Nguyen province.
    ---

    The Department of Information and Communications presents the industrial parks of Thai Nguyen province.

    ## Figures

    The total area is 1,234.5 ha; the first project was licensed on 6 December 2013.

    | Park | Area |
    |---|---|
    | Yen Binh | 200 ha |
    | Diem Thuy | 350 ha |

    !!! note "Note"
        Figures are for reference.

    ## Contact

    See [procedures](procedures.md) and [the province's site](https://thainguyen.gov.vn/).

    ![Yen Binh Industrial Park](images/park.jpg)

    ```text
    quangba coverage
    ```
    """
)
CHINESE = dedent(
    """\
    ---
    title: 工业区
    description: 太原省工业区信息。
    ---

    太原省信息传媒厅介绍本省工业区。

    ## 数据

    总面积为1,234.5公顷；首个项目于2013年12月6日获得许可。

    | 工业区 | 面积 |
    |---|---|
    | 安平 | 200公顷 |
    | 恬瑞 | 350公顷 |

    !!! note "提示"
        数据仅供参考。

    ## 联系方式

    参见[手续](procedures.md)和[本省网站](https://thainguyen.gov.vn/)。

    ![安平工业区](images/park.jpg)

    ```text
    quangba coverage
    ```
    """
)
KOREAN = dedent(
    """\
    ---
    title: 산업단지
    description: 타이응우옌성 산업단지 안내입니다.
    ---

    정보통신국은 타이응우옌성의 산업단지를 소개합니다.

    ## 수치

    총면적은 1,234.5ha이며, 첫 프로젝트는 2013년 12월 6일에 허가를 받았습니다.

    | 단지 | 면적 |
    |---|---|
    | 옌빈 | 200ha |
    | 디엠투이 | 350ha |

    !!! note "안내"
        수치는 참고용입니다.

    ## 연락처

    [절차](procedures.md)와 [성 누리집](https://thainguyen.gov.vn/)을 참고하십시오.

    ![옌빈 산업단지](images/park.jpg)

    ```text
    quangba coverage
    ```
    """
)
FILE = "docs/parks.en.md"


@pytest.fixture
def parks(project: Project) -> Project:
    project.write_page("parks", {"vi": SOURCE, "en": ENGLISH, "zh": CHINESE, "ko": KOREAN})
    return project


def check(parks: Project, lang: str, text: str, kind: str | None = None) -> list[dict]:
    parks.write(f"parks.{lang}.md", text)
    return problems_of(parks.report(), lang, "parks.md", kind)


def test_faithful_translations_have_no_problem(parks: Project) -> None:
    report = parks.report()
    for lang in ("en", "zh", "ko"):
        assert page_entry(report, lang, "parks.md")["problems"] == [], lang
    assert report["source_problems"] == []


def test_headings(parks: Project) -> None:
    problems = check(parks, "en", ENGLISH.replace("## Contact\n\n", ""), "headings")
    assert len(problems) == 1
    assert problems[0]["message"] == "1 level-2 heading (##), the source has 2"
    assert problems[0]["file"] == FILE


def test_changed_link_target(parks: Project) -> None:
    problems = check(parks, "en", ENGLISH.replace("(procedures.md)", "(procedure.md)"), "links")
    assert [(p["message"], p["line"]) for p in problems] == [
        ("link to 'procedures.md' is missing (source line 22)", 22),
        ("link to 'procedure.md' is not in the source", 22),
    ]
    assert problems[0]["source_line"] == 22


def test_changed_url_and_image(parks: Project) -> None:
    text = ENGLISH.replace("https://thainguyen.gov.vn/", "https://example.com/").replace("images/park.jpg", "images/other.jpg")
    problems = check(parks, "en", text)
    assert {p["check"] for p in problems} == {"links", "images"}
    assert "image 'images/park.jpg' is missing (source line 24)" in [p["message"] for p in problems]
    assert "link to 'https://example.com/' is not in the source" in [p["message"] for p in problems]


def test_equivalent_targets_are_the_same(parks: Project) -> None:
    text = ENGLISH.replace("(procedures.md)", "(./procedures.md#steps)").replace("https://thainguyen.gov.vn/", "HTTPS://ThaiNguyen.gov.vn")
    assert check(parks, "en", text) == []


def test_image_without_alt_text(parks: Project) -> None:
    problems = check(parks, "en", ENGLISH.replace("![Yen Binh Industrial Park]", "![]"), "alt_text")
    assert [(p["line"], p["message"]) for p in problems] == [(24, "image 'images/park.jpg' has no alt text (the description screen readers read out)")]


def test_image_without_alt_text_in_the_source(parks: Project) -> None:
    parks.write("parks.vi.md", SOURCE.replace("![Khu công nghiệp Yên Bình]", "![]"))
    report = parks.report()
    assert [(p["file"], p["line"], p["check"]) for p in report["source_problems"]] == [("docs/parks.vi.md", 24, "alt_text")]


def test_changed_number(parks: Project) -> None:
    problems = check(parks, "en", ENGLISH.replace("1,234.5 ha", "1,243.5 ha"), "numbers")
    assert [(p["line"], p["message"]) for p in problems] == [
        (10, "the figure '1.234,5' (1234.5) (source line 10) is not in the translation"),
        (10, "the figure '1,243.5' (1243.5) is not in the source"),
    ]


def test_vietnamese_number_format_left_in_english(parks: Project) -> None:
    problems = check(parks, "en", ENGLISH.replace("1,234.5 ha", "1.234,5 ha"), "numbers")
    assert problems and "1.234,5" in problems[0]["message"]


def test_changed_date(parks: Project) -> None:
    problems = check(parks, "ko", KOREAN.replace("2013년 12월 6일", "2013년 12월 16일"), "numbers")
    assert [p["message"] for p in problems] == [
        "the date '6/12/2013' (2013-12-06) (source line 10) is not in the translation",
        "the date '2013년 12월 16일' (2013-12-16) is not in the source",
    ]


def test_table_rows_and_counts(parks: Project) -> None:
    problems = check(parks, "en", ENGLISH.replace("| Diem Thuy | 350 ha |\n", ""), "tables")
    assert [p["message"] for p in problems] == ["table 1 has 2 rows, the source's has 3"]
    no_table = ENGLISH.replace("| Park | Area |\n|---|---|\n| Yen Binh | 200 ha |\n| Diem Thuy | 350 ha |\n\n", "")
    problems = check(parks, "en", no_table, "tables")
    assert [(p["message"], p["source_line"]) for p in problems] == [("0 tables, the source has 1", 12)]


def test_admonitions_and_code_blocks(parks: Project) -> None:
    text = ENGLISH.replace('!!! note "Note"\n    Figures are for reference.\n\n', "").replace("```text\nquangba coverage\n```\n", "")
    problems = check(parks, "en", text)
    assert sorted((p["check"], p["message"], p["source_line"]) for p in problems) == [
        ("admonitions", "0 admonitions (!!! boxes), the source has 1", 17),
        ("code_blocks", "0 code blocks, the source has 1", 26),
    ]


def test_paragraph_left_untranslated(parks: Project) -> None:
    text = ENGLISH.replace(
        "The total area is 1,234.5 ha; the first project was licensed on 6 December 2013.",
        "Tổng diện tích là 1.234,5 ha; dự án đầu tiên được cấp phép ngày 6/12/2013.",
    )
    problems = check(parks, "en", text, "untranslated")
    assert [(p["line"], p["source_line"]) for p in problems] == [(10, 10)]
    assert "same as in the source" in problems[0]["message"]


def test_vietnamese_sentence_in_chinese_and_korean(parks: Project) -> None:
    problems = check(
        parks, "zh", CHINESE.replace("数据仅供参考。", "数据仅供参考。Số liệu mang tính tham khảo, đề nghị liên hệ Sở để cập nhật."), "untranslated"
    )
    assert [p["line"] for p in problems] == [18]
    assert problems[0]["message"].startswith("Vietnamese text in paragraph: 'Số liệu mang tính tham khảo")
    problems = check(parks, "ko", KOREAN.replace("수치는 참고용입니다.", "Số liệu mang tính tham khảo và có thể thay đổi."), "untranslated")
    assert len(problems) == 1


def test_vietnamese_names_in_a_translation_are_fine(parks: Project) -> None:
    text = CHINESE.replace("| 安平 |", "| 安平（Yên Bình） |").replace(
        "太原省信息传媒厅介绍本省工业区。", "太原省信息传媒厅介绍本省工业区，例如位于Phổ Yên的安平（Khu công nghiệp Yên Bình）。"
    )
    assert check(parks, "zh", text) == []


def test_glossary_names_in_every_script(parks: Project) -> None:
    problems = check(parks, "en", ENGLISH.replace("Department of Information and Communications", "Information Department"), "glossary")
    assert [(p["severity"], p["line"], p["source_line"]) for p in problems] == [("error", 6, 6)]
    assert (
        problems[0]["message"]
        == "'Sở Thông tin và Truyền thông' (source line 6) must be translated 'Department of Information and Communications' (official name in the glossary)"
    )
    problems = check(parks, "zh", CHINESE.replace("信息传媒厅", "信息通信厅"), "glossary")
    assert [p["message"].split(" must")[0] for p in problems] == ["'Sở Thông tin và Truyền thông' (source line 6)"]
    problems = check(parks, "ko", KOREAN.replace("정보통신국은", "정보통신부는"), "glossary")
    assert len(problems) == 1 and "'정보통신국'" in problems[0]["message"]


def test_glossary_terms_are_hints(parks: Project) -> None:
    problems = check(parks, "en", re.sub("(?i)industrial park", "industrial zone", ENGLISH), "glossary")
    assert [(p["severity"], p["message"]) for p in problems] == [("hint", "'khu công nghiệp' (source line 2): the glossary suggests 'industrial park'")]
    assert problems[0]["line"] == 2
    assert problems_of(parks.report(), "en", "parks.md", "glossary") == problems
    result = parks.invoke("--format", "json")
    assert result.exit_code == 0  # hints do not make the run fail


def test_placeholders(parks: Project) -> None:
    parks.write("parks.vi.md", SOURCE.replace("Tổng diện tích là 1.234,5 ha", "Tổng diện tích là {{ fact.area }}"))
    parks.stamp("parks.en.md")
    problems = check(parks, "en", ENGLISH.replace("The total area is 1,234.5 ha", "The total area is {{fact.area}}"))
    assert problems == []
    problems = check(parks, "en", ENGLISH.replace("1,234.5 ha", "3,500 ha"), "placeholders")
    assert [(p["line"], p["message"]) for p in problems] == [(10, "{{ fact.area }} is missing (source line 10): copy it unchanged")]


def test_front_matter_title(parks: Project) -> None:
    problems = check(parks, "en", ENGLISH.replace("title: Industrial parks\n", ""), "front_matter")
    assert [p["message"] for p in problems] == ["no 'title:' in the front matter (the source has one)"]


def test_problems_do_not_change_the_status(parks: Project) -> None:
    parks.write("parks.en.md", ENGLISH.replace("(procedures.md)", "(procedure.md)"))
    parks.stamp("parks.en.md")
    entry = page_entry(parks.report(), "en", "parks.md")
    assert entry["status"] == "translated" and len(entry["problems"]) == 2


FIGURES = [
    ("vi", "Ngày 6/12/1953 tại Tỉn Keo", ["1953-12-06"]),
    ("vi", "ngày 6 tháng 12 năm 1953", ["1953-12-06"]),
    ("en", "On 6 December 1953", ["1953-12-06"]),
    ("en", "on December 6, 1953", ["1953-12-06"]),
    ("zh", "1953年12月6日", ["1953-12-06"]),
    ("ko", "1953년 12월 6일", ["1953-12-06"]),
    ("vi", "từ tháng 7/2025", ["2025-07"]),
    ("ko", "7월 1일부터", ["07-01"]),
    ("en", "on 6 December, with 250 guests", ["12-06", "250"]),
    ("fr", "le 12 mars 2019, 1 500 membres", ["2019-03-12", "1500"]),
    ("en", "from July 2025", ["2025-07"]),
    ("vi", "diện tích 8.375,3 km²", ["8375.3"]),
    ("en", "an area of 8,375.3 km²", ["8375.3"]),
    ("vi", "1,5 triệu người", ["1500000"]),
    ("en", "1.5 million people", ["1500000"]),
    ("zh", "150万人", ["1500000"]),
    ("ko", "150만 명", ["1500000"]),
    ("ko", "5천만 원", ["50000000"]),
    ("vi", "từ 13:30 đến 17:00", ["13:30", "17:00"]),
    ("en", "1:30–5:00 p.m.", ["13:30", "17:00"]),
    ("zh", "下午1:30至5:00", ["13:30", "17:00"]),
    ("vi", "năm 1947–1954", ["1947", "1954"]),
    ("vi", "Nghị quyết số 202/2025/QH15", ["202", "2025", "15"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FIGURES)
def test_figures_are_read_the_way_the_language_writes_them(lang: str, text: str, expected: list[str]) -> None:
    assert [show(figure.value) for figure in reader(lang).read(text)] == expected


def test_numbers_written_out_are_accepted(project: Project) -> None:
    project.write_page(
        "people",
        {
            "vi": "---\ntitle: Dân cư\n---\n\nTỉnh có 8 dân tộc chủ yếu và 2 cấp chính quyền.\n",
            "en": "---\ntitle: People\n---\n\nThe province has eight main ethnic groups and two levels of government.\n",
        },
    )
    project.write_page(
        "parks2",
        {
            "vi": "---\ntitle: Khu\n---\n\nCác khu Sông Công I và Sông Công II ở đầu thế kỷ XXI.\n",
            "ko": "---\ntitle: 단지\n---\n\n21세기 초의 송꽁 1 단지와 송꽁 2 단지입니다.\n",
        },
    )
    report = project.report()
    assert page_entry(report, "en", "people.md")["problems"] == []
    assert page_entry(report, "ko", "parks2.md")["problems"] == []


def test_names_with_digits_are_not_figures(project: Project) -> None:
    project.write_page(
        "ocop",
        {
            "vi": "---\ntitle: OCOP\n---\n\nChương trình Mỗi xã một sản phẩm có 120 sản phẩm.\n",
            "ko": "---\ntitle: OCOP\n---\n\n1읍 1특산품 프로그램에는 120개 제품이 있습니다.\n",
            "en": "---\ntitle: OCOP\n---\n\nThe One Commune One Product programme has 120 products.\n",
        },
    )
    report = project.report()
    assert page_entry(report, "ko", "ocop.md")["problems"] == []
    assert page_entry(report, "en", "ocop.md")["problems"] == []


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("信息传媒厅", "太原省信息传媒厅发布通知", True),
        ("정보통신국", "타이응우옌성 정보통신국은 밝혔다", True),
        ("성 인민위원회", "성인민위원회는", True),
        ("Department of Information and Communications", "the Department of Information and Communications’ plan", True),
        ("Thai Nguyen province", "位于Thai Nguyen Province的工业区", True),
        ("industrial park", "three industrial parks", True),
        ("Hoàng Sa", "quần đảo Hoàng Sang", False),
        ("foreign-information portal", "the foreign information portal", True),
        ("新疆（Tân Cương）茶", "以新疆(Tân Cương)茶闻名", True),
        ("Department of Information and Communications", "the Information Department", False),
    ],
)
def test_glossary_matching(term: str, text: str, found: bool) -> None:
    assert bool(pattern(term).search(fold(text))) is found
