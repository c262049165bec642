"""The layering docs/architecture.md describes, checked on the source: imports run one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PKG = REPO / "src" / "vmaf_tune"


def _module(path: Path) -> str:
    rel = path.relative_to(PKG).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(["vmaf_tune", *parts])


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module of this package, at module level?) for every import in ``path``."""
    tree = ast.parse(path.read_text())
    me = _module(path)
    package = me if path.name == "__init__.py" else me.rsplit(".", 1)[0]
    top = set(map(id, tree.body))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            if name == "vmaf_tune" or name.startswith("vmaf_tune."):
                out.append((name, id(node) in top))
    return out


SOURCES = sorted(p for p in PKG.rglob("*.py") if "_build_ffi" not in p.name)


def _resolve(name: str, known: set[str]) -> str:
    while name not in known and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PKG)))
def test_no_function_local_imports_of_the_package(path):
    local = [name for name, at_top in _imports(path) if not at_top]
    assert not local, f"{path.name} imports {local} inside functions"


def test_native_depends_on_nothing_above_it():
    for path in (PKG / "_native").glob("*.py"):
        for name, _ in _imports(path):
            assert name.startswith("vmaf_tune._native") or name == "vmaf_tune.errors", (path.name, name)


def test_no_import_cycles():
    known = {_module(p) for p in SOURCES}
    graph = {
        _module(p): {_resolve(n, known) for n, _ in _imports(p)} - {_module(p)}
        for p in SOURCES
        if p.name != "__init__.py" or p.parent != PKG  # the package face imports everything
    }
    graph = {m: {d for d in deps if d in graph} for m, deps in graph.items()}
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in graph[m]:
            assert state.get(d) != 1, "import cycle: " + " -> ".join(path + [m, d])
            if d not in state:
                visit(d, path + [m])
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [])


def test_avx2_intrinsics_only_under_csrc_x86():
    offenders = [p.name for p in (REPO / "csrc").rglob("*.c") if "_mm256_" in p.read_text() and p.parent.name != "x86"]
    assert not offenders, offenders
