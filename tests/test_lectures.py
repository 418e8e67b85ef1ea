"""Lecture notebooks: they run, they are stored clean, and en / zh stay twins.

* every ``.ipynb`` under ``notebooks/`` executes top to bottom (slow);
* each English lecture has a Chinese twin with the same code cells once
  string literals and comments are removed, and the same cell layout;
* notebooks are stored without outputs, execution counts or widget state;
* Chinese lectures' prose is in Chinese and English lectures' prose is not.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
import tokenize
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
ALL_NOTEBOOKS = sorted(NOTEBOOKS.rglob("*.ipynb"))
EN_LECTURES = sorted((NOTEBOOKS / "en").glob("*.ipynb"))
ZH_LECTURES = sorted((NOTEBOOKS / "zh").glob("*.ipynb"))

#: CJK Unified Ideographs (with extension A and the compatibility block).
CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

#: Token types that carry no program structure (layout and comments).
_SKIPPED = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
_FSTRING_START = getattr(tokenize, "FSTRING_START", None)  # Python 3.12+
_FSTRING_END = getattr(tokenize, "FSTRING_END", None)


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _ids(paths) -> list[str]:
    return [_rel(p) for p in paths]


def code_signature(source: str, where: str = "cell") -> list[str]:
    """Return the tokens of ``source`` with string literals and comments blanked out.

    Every string literal (f-strings included, on any Python version) becomes
    ``"<str>"``; comments and blank-line tokens are dropped, so two cells that
    differ only in their prose give the same list.

    Examples
    --------
    >>> code_signature('x = f("a")  # note') == code_signature('x = f("甲")')
    True
    >>> code_signature('x = f("a")') == code_signature('x = g("a")')
    False
    """
    out: list[str] = []
    fstring_depth = 0
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source + "\n").readline))
    except (tokenize.TokenError, SyntaxError) as exc:  # pragma: no cover - reported below
        raise AssertionError(f"{where}: cannot tokenize the code: {exc}") from exc
    for tok in tokens:
        if _FSTRING_START is not None and tok.type == _FSTRING_START:
            if fstring_depth == 0:
                out.append('"<str>"')
            fstring_depth += 1
            continue
        if _FSTRING_END is not None and tok.type == _FSTRING_END:
            fstring_depth -= 1
            continue
        if fstring_depth or tok.type in _SKIPPED:
            continue
        if tok.type == tokenize.STRING:
            out.append('"<str>"')
        elif tok.type in (tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE):
            out.append(tokenize.tok_name[tok.type])
        else:
            out.append(tok.string)
    return out


def cells_of(nb, cell_type: str) -> list:
    return [c for c in nb.cells if c.cell_type == cell_type]


def twin_differences(en_nb, zh_nb) -> list[str]:
    """Describe every way two lectures fail to be twins (empty list: they are twins)."""
    problems = []
    en_layout = [c.cell_type for c in en_nb.cells]
    zh_layout = [c.cell_type for c in zh_nb.cells]
    if en_layout != zh_layout:
        problems.append(f"cell layout differs: en {en_layout} vs zh {zh_layout}")
    n_en, n_zh = len(cells_of(en_nb, "markdown")), len(cells_of(zh_nb, "markdown"))
    if n_en != n_zh:
        problems.append(f"markdown cells: en has {n_en}, zh has {n_zh}")
    en_code, zh_code = cells_of(en_nb, "code"), cells_of(zh_nb, "code")
    if len(en_code) != len(zh_code):
        problems.append(f"code cells: en has {len(en_code)}, zh has {len(zh_code)}")
    for k, (a, b) in enumerate(zip(en_code, zh_code, strict=False), start=1):
        sig_a = code_signature(a.source, f"en code cell {k}")
        sig_b = code_signature(b.source, f"zh code cell {k}")
        if sig_a != sig_b:
            first = next((i for i, (x, y) in enumerate(zip(sig_a, sig_b, strict=False))
                          if x != y), min(len(sig_a), len(sig_b)))
            problems.append(
                f"code cell {k} differs beyond strings and comments at token {first}: "
                f"en {sig_a[first:first + 6]} vs zh {sig_b[first:first + 6]}\n"
                f"--- en cell ---\n{a.source}\n--- zh cell ---\n{b.source}")
    return problems


# ---------------------------------------------------------------------------------------
# the helpers themselves can fail


def test_code_signature_ignores_strings_and_comments():
    en = 'ax.set_xlabel("Recency (days)")  # label\nprint(f"{n:,} customers")\n'
    zh = '# 注释\nax.set_xlabel("最近一次消费（天）")\nprint(f"共 {n:,} 位客户")\n'
    assert code_signature(en) == code_signature(zh)


@pytest.mark.parametrize("changed", [
    'ax.set_ylabel("Recency (days)")\nprint(f"{n:,} customers")\n',    # another call
    'ax.set_xlabel("Recency (days)")\nprint(f"{n:,} customers", n)\n',  # extra argument
    'ax.set_xlabel(t("recency"))\nprint(f"{n:,} customers")\n',        # string -> call
    'if True:\n    ax.set_xlabel("R")\nprint(f"{n:,} customers")\n',      # indentation
    'ax.set_xlabel("Recency (days)")\nprint(f"{n:,} customers"); x = 1\n',
])
def test_code_signature_sees_code_changes(changed):
    base = 'ax.set_xlabel("Recency (days)")\nprint(f"{n:,} customers")\n'
    assert code_signature(base) != code_signature(changed)


def _toy_notebook(code: list[str], prose: list[str]):
    nb = nbformat.v4.new_notebook()
    for text, src in zip(prose, code, strict=True):
        nb.cells.append(nbformat.v4.new_markdown_cell(text))
        nb.cells.append(nbformat.v4.new_code_cell(src))
    return nb


def test_twin_check_catches_a_changed_code_cell():
    en = _toy_notebook(['x = load("a")', 'plot(x, title="Sales")'], ["Intro", "Plot"])
    zh = _toy_notebook(['x = load("a")', 'plot(x, title="销售额")'], ["介绍", "作图"])
    assert twin_differences(en, zh) == []
    zh_bad = _toy_notebook(['x = load("a")', 'plot(x * 2, title="销售额")'], ["介绍", "作图"])
    problems = twin_differences(en, zh_bad)
    assert len(problems) == 1 and "code cell 2" in problems[0]


def test_twin_check_catches_missing_markdown():
    en = _toy_notebook(["x = 1"], ["Intro"])
    zh = _toy_notebook(["x = 1"], ["介绍"])
    zh.cells.insert(0, nbformat.v4.new_markdown_cell("多出来的说明"))
    problems = twin_differences(en, zh)
    assert any("markdown cells" in p for p in problems)


# ---------------------------------------------------------------------------------------
# the repository's lectures


def test_there_are_lectures():
    assert EN_LECTURES, "no lectures found in notebooks/en"


@pytest.mark.parametrize("en_path", EN_LECTURES, ids=_ids(EN_LECTURES))
def test_zh_twin_has_same_code(en_path):
    zh_path = NOTEBOOKS / "zh" / en_path.name
    assert zh_path.exists(), f"{_rel(en_path)} has no Chinese twin {_rel(zh_path)}"
    problems = twin_differences(nbformat.read(en_path, as_version=4),
                                nbformat.read(zh_path, as_version=4))
    assert not problems, f"{_rel(en_path)} vs {_rel(zh_path)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("zh_path", ZH_LECTURES, ids=_ids(ZH_LECTURES))
def test_zh_lecture_has_en_twin(zh_path):
    en_path = NOTEBOOKS / "en" / zh_path.name
    assert en_path.exists(), f"{_rel(zh_path)} has no English twin {_rel(en_path)}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_ids(ALL_NOTEBOOKS))
def test_notebook_is_stored_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.nbformat == 4, f"{_rel(path)}: nbformat {nb.nbformat}, expected 4"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", (
        f"{_rel(path)}: kernelspec must be python3")
    assert "widgets" not in nb.metadata, f"{_rel(path)}: saved widget state in metadata"
    for k, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        assert cell.outputs == [], f"{_rel(path)}: code cell {k} has stored outputs"
        assert cell.execution_count is None, (
            f"{_rel(path)}: code cell {k} has execution count {cell.execution_count}")


@pytest.mark.parametrize("path", ZH_LECTURES, ids=_ids(ZH_LECTURES))
def test_zh_prose_is_chinese(path):
    nb = nbformat.read(path, as_version=4)
    for k, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "markdown":
            assert CJK.search(cell.source), (
                f"{_rel(path)}: markdown cell {k} has no Chinese: {cell.source[:80]!r}")


@pytest.mark.parametrize("path", EN_LECTURES, ids=_ids(EN_LECTURES))
def test_en_prose_is_not_chinese(path):
    nb = nbformat.read(path, as_version=4)
    for k, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "markdown":
            hit = CJK.search(cell.source)
            near = cell.source[max(0, hit.start() - 30):][:80] if hit else ""
            assert not hit, (f"{_rel(path)}: markdown cell {k} contains Chinese "
                             f"{hit.group()!r} near {near!r}")


def test_cjk_pattern():
    assert CJK.search("客户识别") and not CJK.search("Customer identification, 80 % · ×")


# ---------------------------------------------------------------------------------------
# execution


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_ids(ALL_NOTEBOOKS))
def test_notebook_executes(path, tmp_path):
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    copy = tmp_path / path.name
    shutil.copyfile(path, copy)  # run a copy: the repository's notebook stays output-free
    before = path.read_bytes()
    nb = nbformat.read(copy, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        pytest.fail(f"{_rel(path)} failed to run:\n{exc}")
    finally:
        nbformat.write(nb, copy)
    errors = [o for c in cells_of(nb, "code") for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors, f"{_rel(path)}: error outputs {[e['ename'] for e in errors]}"
    assert path.read_bytes() == before, f"{_rel(path)} was modified by the test"


def test_kernel_is_this_python():
    """nbclient starts kernel 'python3' with ``python``, which jupyter_client maps to us."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    exe = spec.argv[0]
    assert exe in {"python", "python3"} or Path(exe).resolve() == Path(sys.executable).resolve(), (
        f"kernel python3 runs {exe!r}, not this interpreter {sys.executable}")
