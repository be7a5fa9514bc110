"""No module reaches into another module's private names (an AST scan).

Each stage another module needs has a public, documented home (listed in its
module's ``__all__``); a private helper (``_name``) is used only inside the
module that defines it.  This test reads the source of every module of
``lib/claimcompare`` (and of ``benchmarks/`` and the notebooks' twins, which
use the library as a reader would) and fails on:

* ``from .align import _prepare`` / ``from claimcompare.align import _prepare``;
* ``align._prepare`` after ``from . import align``, ``import claimcompare.align as A``
  or ``import claimcompare.align`` (``claimcompare.align._prepare``);
* ``getattr(align, "_prepare")``.

Dunder names (``__all__``, ``__version__``) are not private.  Tests are not
scanned: a module's own tests may check its private helpers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = ROOT / "lib" / "claimcompare"
PACKAGE = "claimcompare"


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def package_modules(package_dir: Path, package: str = PACKAGE) -> frozenset[str]:
    """Dotted names of the package and of every module in it (``claimcompare``, ``claimcompare.align``, ...)."""
    out = {package}
    for path in package_dir.rglob("*.py"):
        parts = path.relative_to(package_dir).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.add(".".join((package, *parts)))
    return frozenset(out)


def _import_target(node: ast.ImportFrom, module: str | None, is_package: bool) -> str | None:
    """The dotted module an ``ImportFrom`` reads from (relative imports resolved against ``module``)."""
    if node.level == 0:
        return node.module
    if module is None:
        return None
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _dotted(node: ast.expr, bound: dict[str, str]) -> str | None:
    """``a.b.c`` as the full dotted name it stands for, when its first name is bound to a package module."""
    attrs = []
    while isinstance(node, ast.Attribute):
        attrs.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in bound:
        return None
    return ".".join([bound[node.id], *reversed(attrs)])


def private_uses(source: str, *, module: str | None, modules: frozenset[str], is_package: bool = False) -> list[str]:
    """Private names of other package modules that ``source`` imports or reads, as ``"line: module._name"``.

    ``module``: the dotted name of the module ``source`` is (``None`` for a
    script outside the package); its own private names are allowed.
    ``modules``: :func:`package_modules`.  Returns the uses sorted by line.
    """
    tree = ast.parse(source)
    bound: dict[str, str] = {}  # local name -> package module it is bound to
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                    if alias.asname:
                        bound[alias.asname] = alias.name
                    else:
                        bound[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            target = _import_target(node, module, is_package)
            if target is None or target not in modules:
                continue
            for alias in node.names:
                full = f"{target}.{alias.name}"
                if full in modules:
                    bound[alias.asname or alias.name] = full
                elif _private(alias.name) and target != module:
                    found.append((node.lineno, full))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            owner = _dotted(node.value, bound)
            if owner in modules and owner != module:
                found.append((node.lineno, f"{owner}.{node.attr}"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and _private(node.args[1].value)
        ):
            owner = _dotted(node.args[0], bound)
            if owner in modules and owner != module:
                found.append((node.lineno, f"{owner}.{node.args[1].value}"))
    return [f"{line}: {name}" for line, name in sorted(set(found))]


def _scanned_files() -> list[tuple[Path, str | None, bool]]:
    files: list[tuple[Path, str | None, bool]] = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(PACKAGE_DIR).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        files.append((path, ".".join((PACKAGE, *parts)), is_package))
    for folder in (ROOT / "benchmarks", ROOT / "notebooks"):
        files.extend((path, None, False) for path in sorted(folder.rglob("*.py")))
    return files


MODULES = package_modules(PACKAGE_DIR)


# --------------------------------------------------------------------------- the scanner itself


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from .align import _prepare\n", ["1: claimcompare.align._prepare"]),
        ("from claimcompare.align import body_sentences, _Doc as D\n", ["1: claimcompare.align._Doc"]),
        ("from . import align\nx = align._prepare\n", ["2: claimcompare.align._prepare"]),
        ("from claimcompare import align as A\nA._link_arrays(s)\n", ["2: claimcompare.align._link_arrays"]),
        ("import claimcompare.align as A\nA._links_table([])\n", ["2: claimcompare.align._links_table"]),
        ("import claimcompare.align\nclaimcompare.align._off_topic(a, b)\n", ["2: claimcompare.align._off_topic"]),
        ("from . import align\nf = getattr(align, '_prepare')\n", ["2: claimcompare.align._prepare"]),
        ("def f():\n    from .corpus import _slug\n    return _slug\n", ["2: claimcompare.corpus._slug"]),
        # allowed: public names, dunders, the module's own privates, other packages' privates, locals
        ("from .align import body_sentences, prepare_documents\n", []),
        ("from . import align\nnames = align.__all__\n", []),
        ("from .aligner import _Extra\n", []),  # scanned as claimcompare.aligner itself
        ("import numpy as np\nnp._NoValue\nfrom os import _exit\n", []),
        ("class A:\n    def f(self):\n        return self._x\n", []),
    ],
)
def test_private_uses_finds_every_form(source, expected):
    modules = frozenset({PACKAGE, f"{PACKAGE}.align", f"{PACKAGE}.aligner", f"{PACKAGE}.corpus"})
    assert private_uses(source, module=f"{PACKAGE}.aligner", modules=modules) == expected


def test_private_uses_in_a_script_outside_the_package():
    modules = frozenset({PACKAGE, f"{PACKAGE}.align"})
    source = "from claimcompare import align as A\nA.prepare_documents(b)\nA._semantic(e, 'a', 'b')\nfrom .x import _y\n"
    assert private_uses(source, module=None, modules=modules) == ["3: claimcompare.align._semantic"]


def test_package_modules_lists_the_modules():
    assert {PACKAGE, f"{PACKAGE}.align", f"{PACKAGE}.aligner", f"{PACKAGE}.attribution"} <= MODULES


# --------------------------------------------------------------------------- the package


def test_no_module_uses_another_modules_private_names():
    """Every cross-module use goes through a public name (this failed on align's ``_prepare``, ``_Doc``, ... )."""
    found = []
    for path, module, is_package in _scanned_files():
        for use in private_uses(path.read_text(encoding="utf-8"), module=module, modules=MODULES, is_package=is_package):
            found.append(f"{path.relative_to(ROOT)}:{use}")
    assert found == [], "private names used across modules (give them a public, documented home):\n" + "\n".join(found)


def test_public_stages_are_listed_in_all():
    """The stages other modules use are public and exported."""
    from claimcompare import align, attribution, corpus, similarity

    for name in (
        "PairLinks", "PreparedDocument", "TermMatrix", "claim_embeddings", "document_event_keys", "embedding_cosines",
        "empty_alignment", "link_arrays", "links_table", "min_link_score", "off_topic", "prepare_documents", "score_matrix",
    ):  # fmt: skip
        assert name in align.__all__ and getattr(align, name).__doc__, name
    assert "speaker_agreement" in align.__all__
    assert {"Speaker", "article_speakers", "same_speaker"} <= set(attribution.__all__)
    assert {"also_reports_entries", "first_iso_date"} <= set(corpus.__all__)
    assert "surface_tokens" in similarity.__all__
