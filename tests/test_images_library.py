"""The photo library and `quangba images check`: sidecars with alt text and credit in every language."""

from __future__ import annotations

from pathlib import Path

from conftest import PROJECT
from quangba.images.library import load_library, read_sidecar
from test_images_common import ImageProject, assert_clean_failure, output_of, run_images, sidecar_text


def test_demo_library_passes_check() -> None:
    result = run_images("check", "--library", PROJECT / "assets/images", "--config", PROJECT / "mkdocs.yml")
    text = output_of(result)
    assert result.exit_code == 0, text
    assert "All 5 photos have alt text and credit in vi, en, zh, ko" in " ".join(text.split())


def test_demo_sidecars_are_read_with_every_field() -> None:
    library = load_library(PROJECT / "assets/images")
    tea = library.by_stem()["tea-hills"]
    assert tea.sidecar is not None and not tea.sidecar.problems
    assert tea.sidecar.text("alt", "ko") == "아침 햇살 아래 펼쳐진 푸른 차 언덕 (일러스트)"
    assert tea.sidecar.text("credit", "en") == "Illustration: the quangba project"
    assert tea.sidecar.licence == "CC0-1.0"
    assert tea.focal_point == (0.5, 0.5)


def test_check_lists_each_missing_piece(image_project: ImageProject) -> None:
    image_project.add_photo("complete.jpg")
    image_project.add_photo("no-sidecar.jpg", sidecar=None)
    image_project.add_photo("no-english-alt.jpg", sidecar=sidecar_text("x", alt={"vi": "Mô tả"}))
    no_credit = sidecar_text("y")
    no_credit = no_credit[: no_credit.index("credit:")] + no_credit[no_credit.index("licence:") :]
    image_project.add_photo("no-credit.jpg", sidecar=no_credit)
    result = run_images("check")
    flat = assert_clean_failure(
        result,
        "assets/images/no-sidecar.jpg: no sidecar: create no-sidecar.yml",
        "assets/images/no-english-alt.yml: alt text missing in en",
        "assets/images/no-credit.yml: credit missing",
        "3 problems",
    )
    assert "complete" in flat
    assert "complete.yml" not in flat


def test_one_credit_for_every_language_is_accepted(image_project: ImageProject) -> None:
    image_project.add_photo("one-credit.jpg", sidecar=sidecar_text("z", credit="Ảnh: Trần Thị B"))
    result = run_images("check")
    assert result.exit_code == 0, output_of(result)
    sidecar = load_library(image_project.library).photos[0].sidecar
    assert sidecar is not None and sidecar.text("credit", "en") == "Ảnh: Trần Thị B"


def test_invalid_yaml_sidecar_names_file_and_line(image_project: ImageProject) -> None:
    image_project.add_photo("good.jpg")
    image_project.add_photo("broken.jpg", sidecar='caption:\n  vi: "Chú thích\n  en: Caption\nalt: [unclosed\n')
    assert_clean_failure(run_images("check"), "assets/images/broken.yml:", "not valid YAML")


def test_focal_point_out_of_range_is_reported_with_its_line(image_project: ImageProject) -> None:
    text = sidecar_text("f") + "focal_point: [1.5, 0.2]\n"
    image_project.add_photo("focal.jpg", sidecar=text)
    line = text.splitlines().index("focal_point: [1.5, 0.2]") + 1
    assert_clean_failure(run_images("check"), f"assets/images/focal.yml:{line}: focal_point must be two numbers between 0 and 1")


def test_file_that_is_not_an_image_is_reported(image_project: ImageProject) -> None:
    image_project.add_photo("good.jpg")
    (image_project.library / "notes.jpg").write_text("this is not a photo", encoding="utf-8")
    (image_project.library / "notes.yml").write_text(sidecar_text("notes"), encoding="utf-8")
    assert_clean_failure(run_images("check"), "assets/images/notes.jpg: not an image")


def test_two_photos_with_one_name_and_orphan_sidecars(image_project: ImageProject) -> None:
    image_project.add_photo("tea.jpg")
    image_project.add_photo("tea.png", sidecar=None)
    (image_project.library / "lost.yml").write_text(sidecar_text("lost"), encoding="utf-8")
    assert_clean_failure(run_images("check"), "tea.png: has the same name as assets/images/tea.jpg", "lost.yml: sidecar without a photo")


def test_sidecar_with_unknown_key_and_wrong_shape(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("caption: just one text\nalt: {vi: a, en: b}\ncredit: c\ncolour: red\n", encoding="utf-8")
    sidecar = read_sidecar(path, Path("assets/images/x.yml"))
    messages = [str(p) for p in sidecar.problems]
    assert "assets/images/x.yml:1: 'caption' must list one text per language, e.g. '  en: …' on the next lines" in messages
    assert any(m.startswith("assets/images/x.yml:4: unknown key 'colour'") for m in messages)


def test_contact_sheet_command(image_project: ImageProject) -> None:
    image_project.add_photo("big.jpg", size=(2000, 2800))
    image_project.add_photo("bare.jpg", sidecar=None)
    result = run_images("contact-sheet")
    assert result.exit_code == 0, output_of(result)
    out = image_project.root / "print/contact-sheet"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert (out / "contact-sheet.css").is_file()
    assert (out / "big-240.jpg").is_file() and (out / "bare-240.jpg").is_file()
    assert "no sidecar: create bare.yml" in page
    assert "329 ppi" in page  # big.jpg at a5-flyer: 2800 px over 216 mm
