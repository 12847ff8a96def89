"""Languages built side by side give the same site as one after the other."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import Site, run_quangba


def fingerprint(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_parallel_and_sequential_builds_are_identical(demo_site: Site, demo_project: Path, tmp_path: Path) -> None:
    sequential = tmp_path / "site"
    result = run_quangba("build", "--jobs", "1", "--site-dir", sequential, cwd=demo_project)
    assert result.returncode == 0, result.stderr
    parallel = tmp_path / "parallel"
    result = run_quangba("build", "--jobs", "2", "--site-dir", parallel, cwd=demo_project)
    assert result.returncode == 0, result.stderr
    one, two = fingerprint(sequential), fingerprint(parallel)
    assert one.keys() == two.keys()
    assert [path for path in one if one[path] != two[path]] == []
    assert len(one) > 200
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no staging folders left behind"


def test_parallel_build_reports_problems_of_every_language(mini_project: Path) -> None:
    (mini_project / "docs/about.en.md").write_text("---\ntitle: About\n---\n\n[x](gone.md)\n", encoding="utf-8")
    (mini_project / "docs/about.vi.md").write_text("---\ntitle: A\n---\n\n[y](missing.md)\n", encoding="utf-8")
    result = run_quangba("build", "--jobs", "2", cwd=mini_project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "docs/about.en.md:5: 'gone.md'" in output and "docs/about.vi.md:5: 'missing.md'" in output
    assert not (mini_project / "site").exists()
    assert not [p for p in mini_project.iterdir() if p.name.startswith(".site")]
