"""The compiled build (mypyc, ``marsad.native``): used only whole and fresh, and it codes
exactly as the pure Python modules do."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import marsad
from marsad import native

REPO = Path(__file__).resolve().parents[1]
EXT = ".cpython-311-x86_64-linux-gnu.so"  # any suffix works; the tests make empty files

#: our own sentences, written for these tests (clitics, relative days, a statement)
SENTENCES = [
    "قتل 4 مدنيين بينهم طفلان في قصف مدفعي لقوات النظام على بلدة كفرنبل بريف إدلب الجنوبي ليل السبت.",
    "وشنت طائرات التحالف غارتين على مواقع لتنظيم داعش قرب الميادين، ما أسفر عن مقتل 12 عنصرا.",
    "ونفى المتحدث باسم الجيش صحة الأنباء عن انسحاب قواته من المدينة.",
    "تظاهر مئات المحتجين في ساحة التحرير وسط بغداد أمس للمطالبة بتحسين الخدمات.",
]


def _package(tmp_path: Path, files: dict[str, float]) -> Path:
    """A package folder holding ``files`` (relative path → modification time)."""
    for rel, mtime in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
        os.utime(path, (mtime, mtime))
    return tmp_path


def test_a_whole_fresh_build_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("MARSAD_PURE", raising=False)
    pkg = _package(tmp_path, {"a.py": 100, "a" + EXT: 200, "b/c.py": 100, "b/c" + EXT: 200})
    assert native._why_pure(pkg, ["a.py", "b/c.py"], group_found=True) is None


def test_an_edited_source_makes_the_build_stale(tmp_path, monkeypatch):
    monkeypatch.delenv("MARSAD_PURE", raising=False)
    pkg = _package(tmp_path, {"a.py": 100, "a" + EXT: 200, "b/c.py": 300, "b/c" + EXT: 200})
    assert native._why_pure(pkg, ["a.py", "b/c.py"], group_found=True) == (
        "stale build: b/c.py changed after it was compiled"
    )


def test_a_module_left_uncompiled_makes_the_build_incomplete(tmp_path, monkeypatch):
    monkeypatch.delenv("MARSAD_PURE", raising=False)
    pkg = _package(tmp_path, {"a.py": 100, "a" + EXT: 200, "b/c.py": 100})
    assert native._why_pure(pkg, ["a.py", "b/c.py"], group_found=True) == (
        "incomplete build: b/c.py was not compiled"
    )
    assert native._why_pure(pkg, ["a.py"], group_found=False) == "not compiled"


def test_marsad_pure_wins_over_a_good_build(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_PURE", "1")
    pkg = _package(tmp_path, {"a.py": 100, "a" + EXT: 200})
    assert native._why_pure(pkg, ["a.py"], group_found=True) == "MARSAD_PURE is set"
    monkeypatch.setenv("MARSAD_PURE", "0")
    assert native._why_pure(pkg, ["a.py"], group_found=True) is None


def test_extensions_an_older_build_left_are_strays(tmp_path):
    pkg = _package(
        tmp_path,
        {
            "a.py": 1,
            "a" + EXT: 2,
            "old.py": 1,
            "old" + EXT: 2,
            "x/gone" + EXT: 2,
            "_g__mypyc" + EXT: 2,
        },
    )
    # listed modules are not strays; an extension without a source has nothing to fall back on
    assert native._strays(pkg, ["a.py"]) == ["old.py"]


def test_the_source_first_finder_loads_the_py_file(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "mod.py").write_text("WHERE = 'source'\n")
    finder = native._SourceFirst(pkg, ["mod.py"])
    spec = finder.find_spec("marsad.mod")
    assert spec is not None and spec.origin == str(pkg / "mod.py")
    assert finder.find_spec("marsad.other") is None


def _state_in_subprocess(env: dict[str, str]) -> dict[str, object]:
    code = (
        "import json, marsad, marsad.native as n, marsad.stages.entities as e;"
        "print(json.dumps({'state': n.state(), 'entities': n.is_compiled(e)}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_marsad_pure_loads_every_module_from_source():
    got = _state_in_subprocess({**os.environ, "MARSAD_PURE": "1"})
    assert got == {"state": "pure (MARSAD_PURE is set)", "entities": False}


def test_the_installed_build_is_compiled():
    """``pip install -e .`` compiles the hot modules wherever a C compiler is found (CI)."""
    state = native.state()
    if state.startswith("pure (stale"):
        pytest.skip(f"{state}: sources edited since the install (pip install -e . again)")
    if state.startswith("pure (MARSAD_PURE"):
        pytest.skip("MARSAD_PURE is set")
    if state != "compiled" and not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("no C compiler: Marsad installed as pure Python")
    assert state == "compiled"
    for rel in native.COMPILED:
        module = importlib.import_module(native.module_name(rel))
        assert native.is_compiled(module), rel


def _code(texts: list[str], published: str) -> list[list[dict[str, object]]]:
    return [marsad.extract(t, published) for t in texts]


def test_the_compiled_and_the_pure_build_code_alike():
    if native.state() != "compiled":
        pytest.skip(f"only one build here: {native.state()}")
    texts = SENTENCES + [
        p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))
    ]
    here = json.dumps(_code(texts, "2019-03-10"), ensure_ascii=False, sort_keys=True, default=str)
    script = (
        "import json, sys, marsad\n"
        "texts = json.load(sys.stdin)\n"
        "print(json.dumps([marsad.extract(t, '2019-03-10') for t in texts],"
        " ensure_ascii=False, sort_keys=True, default=str))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(texts),
        env={**os.environ, "MARSAD_PURE": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout) == json.loads(here)
    assert json.loads(here)[0], "the sentences code to events"


HOT_CLASSES = [
    "marsad.kb.matcher:Match",
    "marsad.parse.dates:DateMention",
    "marsad.parse.numbers:Quantity",
    "marsad.text.normalize:NormalizedText",
    "marsad.document:Sentence",
    "marsad.document:ActorMention",
    "marsad.document:PlaceMention",
    "marsad.document:TriggerMention",
    "marsad.document:Evidence",
]


@pytest.mark.parametrize("path", HOT_CLASSES)
def test_a_hot_class_written_init_takes_and_sets_exactly_its_fields(path):
    """The hot classes write their ``__init__`` out (so the compiled build compiles it):
    it takes every field, in order, with the field's default, and sets each one. Read
    from the source, so that it holds for either build."""
    import ast

    module, name = path.split(":")
    source = REPO / (module.replace(".", "/") + ".py")
    cls = next(
        n
        for n in ast.parse(source.read_text(encoding="utf-8")).body
        if isinstance(n, ast.ClassDef) and n.name == name
    )
    fields = [
        (n.target.id, None if n.value is None else ast.unparse(n.value))
        for n in cls.body
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
    ]
    init = next(n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__")
    args = [a.arg for a in init.args.args[1:]]
    defaults = [None] * (len(args) - len(init.args.defaults)) + [
        ast.unparse(d) for d in init.args.defaults
    ]
    assert list(zip(args, defaults, strict=True)) == fields
    sets = [
        (t.attr, ast.unparse(n.value))
        for n in init.body
        if isinstance(n, ast.Assign)
        for t in n.targets
        if isinstance(t, ast.Attribute)
    ]
    assert sets == [(f, f) for f, _ in fields]
