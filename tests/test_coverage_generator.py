"""bench/generate_site.py: the synthetic four-language site the benchmarks use builds, and its
missing, stale and unverified translations are exactly what `quangba coverage` reports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT, run_quangba
from test_coverage_support import Project

GENERATOR = PROJECT / "bench/generate_site.py"


def generate(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(GENERATOR), str(out), *args], capture_output=True, text=True, timeout=300)


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generated_site_matches_its_coverage_report(tmp_path: Path) -> None:
    site = tmp_path / "site-src"
    done = generate(site, "--pages", "24", "--seed", "7", "--missing", "20", "--stale", "20", "--unverified", "10")
    assert done.returncode == 0, done.stderr
    states = {name: int(count) for count, name in re.findall(r"(\d+) (translated|stale|unverified|missing)", done.stdout)}
    assert sum(states.values()) == 24 * 3 and all(states.values()), states
    assert len(list((site / "docs").rglob("*.vi.md"))) == 24
    report = Project(site).report()
    totals = {name: sum(language["counts"][name] for language in report["languages"].values()) for name in states}
    assert totals == states
    assert report["errors"] == []
    problems = [p for language in report["languages"].values() for page in language["pages"] for p in page["problems"]]
    assert problems == [], "generated translations are faithful: the checks find nothing"
    text = (site / "docs/overview/index.vi.md").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in (site / "docs").rglob("topic-*.vi.md")
    )
    assert re.search("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", text)


def test_generated_site_builds(tmp_path: Path) -> None:
    site = tmp_path / "small"
    assert generate(site, "--pages", "12", "--missing", "25").returncode == 0
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "font: false" in config and "- quangba:" in config and "publish: []" in config and "- search" in config and "- i18n:" in config
    built = run_quangba("build", cwd=site)
    assert built.returncode == 0, built.stdout + built.stderr
    for lang in ("", "en/", "zh/", "ko/"):
        assert (site / "site" / lang / "index.html").is_file()
    assert '<html lang="ko"' in (site / "site/ko/index.html").read_text(encoding="utf-8")


def test_same_seed_same_site(tmp_path: Path) -> None:
    assert generate(tmp_path / "a", "--pages", "15", "--seed", "3", "--stale", "30").returncode == 0
    assert generate(tmp_path / "b", "--pages", "15", "--seed", "3", "--stale", "30").returncode == 0
    assert generate(tmp_path / "c", "--pages", "15", "--seed", "4", "--stale", "30").returncode == 0
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    assert files_of(tmp_path / "a") != files_of(tmp_path / "c")


def test_generator_refuses_bad_arguments(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full/keep.txt").write_text("x", encoding="utf-8")
    refused = generate(tmp_path / "full", "--pages", "5")
    assert refused.returncode == 2 and "exists and is not empty" in refused.stderr
    assert (tmp_path / "full/keep.txt").exists()
    assert generate(tmp_path / "x", "--pages", "0").returncode == 2
    assert generate(tmp_path / "x", "--pages", "5", "--missing", "70", "--stale", "40").returncode == 2
    replaced = generate(tmp_path / "full", "--pages", "5", "--force")
    assert replaced.returncode == 0 and not (tmp_path / "full/keep.txt").exists()
    assert json.loads(json.dumps(Project(tmp_path / "full").report()))["source"]["pages"] == 5


def test_parallel_check_gives_the_same_report(tmp_path: Path) -> None:
    """Large sites are checked in several processes; the report is the same as in one."""
    from quangba.coverage.project import load_project
    from quangba.coverage.report import PARALLEL_FROM, build_report

    site = tmp_path / "large"
    assert generate(site, "--pages", str(PARALLEL_FROM + 20), "--missing", "10", "--stale", "10").returncode == 0
    (site / "docs/culture/topic-0003.en.md").write_text("---\ntitle: Broken\n---\n\nNo figures here.\n", encoding="utf-8")
    project = load_project(site / "mkdocs.yml")
    serial = build_report(project, workers=1).to_json()
    parallel = build_report(project, workers=2).to_json()
    assert parallel == serial
    assert serial["languages"]["en"]["problems"]["error"] > 0
