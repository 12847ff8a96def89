"""The real command line, `python -m quangba images …`, as editors run it.

These pass once scripts/quangba/cli.py has `main.add_command(images)`; the other image tests call
the same click group in-process."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from conftest import PROJECT, run_quangba
from test_images_common import make_project


def test_check_passes_on_the_demo_library() -> None:
    result = run_quangba("images", "check", cwd=PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All 5 photos have alt text and credit" in result.stderr


def test_web_then_nothing_to_do(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    project.add_photo("a.jpg", size=(1000, 700))
    first = run_quangba("images", "web", cwd=project.root)
    assert first.returncode == 0, first.stderr
    assert (project.root / ".cache/quangba/images/web/a-960.webp").is_file()
    second = run_quangba("images", "web", cwd=project.root)
    assert second.returncode == 0, second.stderr
    assert "Nothing changed" in second.stderr


def test_print_a_preset(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    project.add_photo("a.jpg", size=(2000, 2800))
    result = run_quangba("images", "print", "--preset", "a5-flyer", "assets/images/a.jpg", cwd=project.root)
    assert result.returncode == 0, result.stderr
    with Image.open(project.root / "print/images/a5-flyer/a.tif") as image:
        assert image.mode == "CMYK" and image.size == (1819, 2551)


def test_bad_photo_is_a_message_and_an_exit_code_not_a_traceback(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    project.add_photo("good.jpg", size=(800, 600))
    (project.library / "bad.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 50)
    result = run_quangba("images", "web", cwd=project.root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "assets/images/bad.jpg:" in result.stderr
    assert (project.root / ".cache/quangba/images/web/good-480.jpg").is_file()
