"""The layout a newcomer reads in ten minutes (README, "How the code is organised"), held by tests:
no import cycle (also none behind an import inside a function), core imports no feature and not
MkDocs, a capability uses another only through its public face (its __init__), and the plugin
stays a dispatcher."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from conftest import PROJECT

PACKAGE = PROJECT / "scripts" / "quangba"
CAPABILITIES = {"coverage", "editing", "events", "facts", "fonts", "images", "interface", "leaflets", "publish", "sharecards", "site", "video"}


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """Every quangba module path imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "quangba":
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "quangba")
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {m for m in imports(path, known) if m in known and m != name} for name, path in known.items()}


def capability(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_core_imports_no_feature_and_not_mkdocs() -> None:
    for name, path in modules().items():
        if capability(name) != "core":
            continue
        text = path.read_text(encoding="utf-8")
        assert "import mkdocs" not in text and "from mkdocs" not in text, name
        assert {capability(m) for m in imports(path, modules())} <= {"core"}, name


def test_capabilities_meet_through_their_public_faces() -> None:
    crossings = []
    for name, targets in graph().items():
        for target in targets:
            other = capability(target)
            if other in CAPABILITIES and other != capability(name) and target != f"quangba.{other}" and not target.endswith(".cli"):
                crossings.append(f"{name} -> {target}")
    assert crossings == [], "use the package's __init__ (its public face) instead"


def test_plugin_is_a_dispatcher() -> None:
    plugin = PACKAGE / "site" / "plugin.py"
    assert len(plugin.read_text(encoding="utf-8").splitlines()) < 150
    features = sorted(p.stem for p in (PACKAGE / "site" / "features").glob("*.py") if p.stem != "__init__")
    text = plugin.read_text(encoding="utf-8")
    unregistered = [f for f in features if f"quangba.site.features.{f} import" not in text]
    assert unregistered == [], "every feature module is registered in FEATURES"


def test_one_error_type() -> None:
    """Every exception quangba raises for a user is QuangbaError (core.errors); no other classes."""
    defined = defaultdict(list)
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(base, "id", getattr(base, "attr", "")) for base in node.bases}
                if bases & {"Exception", "ValueError", "RuntimeError", "QuangbaError", "PluginError"}:
                    defined[name].append(node.name)
    assert dict(defined) == {"quangba.core.errors": ["QuangbaError"]}


def test_no_source_file_is_ignored_by_git() -> None:
    """A .gitignore pattern such as `site/` once hid the whole site package from commits."""
    import subprocess

    if not (PROJECT / ".git").exists():
        return
    sources = [
        str(p.relative_to(PROJECT))
        for folder in ("scripts", "tests", "overrides", "deploy", "bench")
        for p in (PROJECT / folder).rglob("*")
        if p.is_file() and not {"__pycache__", "node_modules"} & set(p.parts) and not any(part.endswith(".egg-info") for part in p.parts)
    ]
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"], cwd=PROJECT, input="\n".join(sources), capture_output=True, text=True
    ).stdout.split()
    assert ignored == []
