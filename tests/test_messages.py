"""Editors' messages: Vietnamese by default, English with --lang en or an English locale, and
every message of the code translated (quangba.core.messages and its catalogs)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from quangba.interface import editors


def quangba(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("QUANGBA_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([sys.executable, "-m", "quangba", *args], capture_output=True, text=True, env={**base, **env}, timeout=120)


def test_the_help_is_in_vietnamese_by_default() -> None:
    result = quangba("--help", LANG="C.UTF-8")
    assert result.returncode == 0, result.stderr
    assert "Dựng và kiểm tra trang thông tin đối ngoại" in result.stdout
    assert "Hiện đầy đủ lỗi Python" in result.stdout


@pytest.mark.parametrize(
    ("args", "env"), [(("--lang", "en", "--help"), {}), (("--help",), {"LANG": "en_US.UTF-8"}), (("--help",), {"QUANGBA_LANG": "en", "LANG": "vi_VN.UTF-8"})]
)
def test_english_on_request(args: tuple[str, ...], env: dict[str, str]) -> None:
    result = quangba(*args, **env)
    assert result.returncode == 0, result.stderr
    assert "Build and check the province's foreign-information site" in result.stdout
    assert "Dựng" not in result.stdout


def test_a_vietnamese_locale_speaks_vietnamese_even_if_quangba_lang_is_unknown() -> None:
    result = quangba("--help", QUANGBA_LANG="xx", LANG="vi_VN.UTF-8")
    assert "Dựng và kiểm tra" in result.stdout


def test_every_message_of_the_code_has_its_vietnamese_translation() -> None:
    found = editors.found()
    assert len(found) >= 10  # the extractor sees the messages (an empty list would pass the next line)
    missing = editors.untranslated("vi")
    assert not missing, "\n".join(f"{item.where}: {item.message!r}" for item in missing)
