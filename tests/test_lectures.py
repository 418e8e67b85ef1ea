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


#: Sections of an English lecture where Chinese belongs (the bilingual glossary, references).
_BILINGUAL_SECTIONS = re.compile(r"^## [0-9.]*\s*(Glossary|References)\b.*?(?=^## |\Z)",
                                 re.M | re.S)
#: A Chinese term given in parentheses after its English name: "(用户画像, a portrait)".
_PARENTHESISED_CJK = re.compile(r"\([^()]*[\u3400-\u9fff][^()]*\)")


def english_prose(source: str) -> str:
    r"""Markdown with the places where Chinese belongs removed.

    Examples
    --------
    >>> english_prose("A bank (招商银行) tiers customers.")
    'A bank  tiers customers.'
    >>> english_prose("## 12. Glossary\n| a | 客户 |\n## 13. Next\ntext")
    '## 13. Next\ntext'
    """
    return _PARENTHESISED_CJK.sub("", _BILINGUAL_SECTIONS.sub("", source))


@pytest.mark.parametrize("path", EN_LECTURES, ids=_ids(EN_LECTURES))
def test_en_prose_is_not_chinese(path):
    nb = nbformat.read(path, as_version=4)
    for k, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "markdown":
            text = english_prose(cell.source)
            hit = CJK.search(text)
            near = text[max(0, hit.start() - 30):][:80] if hit else ""
            assert not hit, (f"{_rel(path)}: markdown cell {k} contains Chinese "
                             f"{hit.group()!r} near {near!r} (outside the glossary, the "
                             f"references and a parenthesised term)")


def test_english_prose_keeps_unbracketed_chinese():
    assert CJK.search(english_prose("Customers are 客户 here."))


def test_cjk_pattern():
    assert CJK.search("客户识别") and not CJK.search("Customer identification, 80 % · ×")


# ---------------------------------------------------------------------------------------
# execution


_EXECUTED: dict[Path, object] = {}


def executed(path: Path, tmp_dir: Path):
    """Run a copy of a notebook top to bottom once per test process; return it with outputs."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    if path in _EXECUTED:
        return _EXECUTED[path]
    copy = tmp_dir / path.name
    shutil.copyfile(path, copy)  # run a copy: the repository's notebook stays output-free
    nb = nbformat.read(copy, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_dir)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        pytest.fail(f"{_rel(path)} failed to run:\n{exc}")
    finally:
        nbformat.write(nb, copy)
    _EXECUTED[path] = nb
    return nb


def _alone(paths):
    """Each notebook its own xdist group: the two test workers share the lectures out."""
    return [pytest.param(p, marks=pytest.mark.xdist_group(f"run-{_rel(p)}"), id=_rel(p))
            for p in paths]


@pytest.mark.slow
@pytest.mark.parametrize("path", _alone(ALL_NOTEBOOKS))
def test_notebook_executes(path, tmp_path):
    before = path.read_bytes()
    nb = executed(path, tmp_path)
    errors = [o for c in cells_of(nb, "code") for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors, f"{_rel(path)}: error outputs {[e['ename'] for e in errors]}"
    stderr = [o["text"][:200] for c in cells_of(nb, "code") for o in c.get("outputs", [])
              if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    assert not stderr, f"{_rel(path)}: warnings or errors printed: {stderr}"
    assert path.read_bytes() == before, f"{_rel(path)} was modified by the test"


def test_kernel_is_this_python():
    """nbclient starts kernel 'python3' with ``python``, which jupyter_client maps to us."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    exe = spec.argv[0]
    assert exe in {"python", "python3"} or Path(exe).resolve() == Path(sys.executable).resolve(), (
        f"kernel python3 runs {exe!r}, not this interpreter {sys.executable}")


# ---------------------------------------------------------------------------------------
# what every lecture delivers (docs/DESIGN: the chapter standard), in both languages

#: Headings or phrases each lecture must contain, per language.
REQUIRED = {
    "en": {"objectives": "Learning objectives", "how it is computed": "How it is computed",
           "check yourself": "Check yourself", "summary": "## 11. Summary",
           "glossary": "Glossary", "discussion": "Discussion questions",
           "references": "References"},
    "zh": {"objectives": "学习目标", "how it is computed": "计算过程",
           "check yourself": "自我检测", "summary": "本章小结", "glossary": "中英术语对照",
           "discussion": "讨论题", "references": "参考文献"},
}
CHAPTER5 = {"en": NOTEBOOKS / "en" / "ch05_identification.ipynb",
            "zh": NOTEBOOKS / "zh" / "ch05_identification.ipynb"}


def _prose(path: Path) -> str:
    return "\n\n".join(c.source for c in cells_of(nbformat.read(path, as_version=4), "markdown"))


def check_yourself_blocks(prose: str, heading: str) -> list[str]:
    """Each *check yourself* block: from its heading to the next heading or block.

    Examples
    --------
    >>> check_yourself_blocks("x\\n**Check yourself**\\n1. q\\n<details><summary>A</summary>"
    ...                       "a</details>\\n## next", "Check yourself")[0].count("<details>")
    1
    """
    parts = prose.split(f"**{heading}**")[1:]
    return [re.split(r"^#{1,3} ", part, maxsplit=1, flags=re.M)[0] for part in parts]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chapter5_lecture_has_the_required_sections(lang):
    prose = _prose(CHAPTER5[lang])
    missing = [name for name, text in REQUIRED[lang].items() if text not in prose]
    assert not missing, f"{lang} chapter 5 lecture lacks: {missing}"
    blocks = check_yourself_blocks(prose, REQUIRED[lang]["check yourself"])
    assert len(blocks) >= 8, f"{lang}: only {len(blocks)} check-yourself blocks"
    for k, block in enumerate(blocks, start=1):
        questions = len(re.findall(r"^\d+\. ", block, flags=re.M))
        answers = len(re.findall(r"<details><summary>[^<]+</summary>.+?</details>", block,
                                 flags=re.S))
        assert questions >= 2 and answers == questions, (
            f"{lang}: check-yourself block {k} has {questions} questions and {answers} "
            f"folded answers")
    for ref in ("Reichheld", "Peppers", "Webster", "Hughes", "Chen, D., Sain", "2016/679"):
        assert ref in prose, f"{lang}: reference {ref!r} missing"
    for task in ("ch05_q1", "ch05_q2", "ch05_q3", "ch05_q4", "ch05_q5", "ch05_q6", "ch05_q7"):
        assert task in prose, f"{lang}: the practice table does not list {task}"


def test_chapter5_twins_have_the_same_check_yourself_blocks():
    en = check_yourself_blocks(_prose(CHAPTER5["en"]), "Check yourself")
    zh = check_yourself_blocks(_prose(CHAPTER5["zh"]), "自我检测")
    assert [b.count("<details>") for b in en] == [b.count("<details>") for b in zh]


def _code_cell(path: Path, marker: str) -> str:
    cells = [c.source for c in cells_of(nbformat.read(path, as_version=4), "code")
             if marker in c.source]
    assert len(cells) == 1, f"{_rel(path)}: {len(cells)} code cells contain {marker!r}"
    return cells[0]


def _run_cell(path: Path, marker: str, **names) -> dict:
    import pandas as pd

    from course.sims import identification

    namespace = {"pd": pd, "shown": lambda table, rows=False: table, "t": lambda k: k,
                 **vars(identification), **names}
    exec(_code_cell(path, marker), namespace)  # noqa: S102 - our own lecture's code
    return namespace


def _md_rows(prose: str, first_cells: tuple[str, ...]) -> list[list[str]]:
    rows = []
    for line in prose.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] in first_cells:
            rows.append(cells)
    return rows


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hand_worked_rfm_example_matches_the_code(lang):
    """The R, F, M values and 3-level scores typed in section 6.1 are what the code computes."""
    from course.sims.identification import rfm_scores, rfm_table

    path = CHAPTER5[lang]
    tiny_tx = _run_cell(path, "tiny_tx = pd.DataFrame(")["tiny_tx"]
    rfm = rfm_table(tiny_tx, as_of="2024-07-01")
    scores = rfm_scores(rfm, bins=3)
    rows = _md_rows(_prose(path), tuple("ABCDEF"))
    values = {r[0]: [float(x.replace(",", "")) for x in r[2:5]] for r in rows
              if len(r) == 5 and r[4].replace(",", "").isdigit()}
    score_rows = [r for r in rows if len(r) == 5 and all(x.isdigit() for x in r[1:4])
                  and not r[4].replace(",", "").isdigit()]
    typed_scores = {r[0]: [int(x) for x in r[1:4]] for r in score_rows}
    assert sorted(values) == list("ABCDEF") and sorted(typed_scores) == list("ABCDEF")
    for customer, (r, f, m) in values.items():
        assert rfm.loc[customer].tolist() == [r, f, m], f"{lang}: RFM of {customer}"
        assert scores.loc[customer].tolist() == typed_scores[customer], (
            f"{lang}: scores of {customer}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hand_worked_abc_example_matches_the_walkthrough(lang):
    """The ABC table typed in section 7 (ties share a class) is what the walk-through gives."""
    import pandas as pd

    path = CHAPTER5[lang]
    walkthrough = _run_cell(path, "def abc_walkthrough", rfm=pd.DataFrame({"monetary": [1.0]}),
                            abc=pd.Series(["A"]), yes_no={True: "", False: ""},
                            print=lambda *a: None)
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in _prose(path).splitlines() if re.match(r"^\| \d \| [PQRSTU] \|", line)]
    assert len(rows) == 6, f"{lang}: the hand-worked ABC table has {len(rows)} rows"
    values = pd.Series({r[1]: float(r[2]) for r in rows})
    classes = walkthrough["abc_walkthrough"](values)
    share = values.sort_values(ascending=False) / values.sum()
    for _rank, customer, _value, before, running, typed in rows:
        assert classes[customer] == typed, f"{lang}: class of {customer}"
        assert float(running.rstrip(" %")) == pytest.approx(100 * share.cumsum()[customer])
        first_equal = share.cumsum()[values == values[customer]].min() - share[customer]
        assert float(before.rstrip(" %")) == pytest.approx(100 * first_equal, abs=1e-9)
    # and the check-yourself question: 50, 30, 10, 10 -> A, A, B, B
    assert walkthrough["abc_walkthrough"](pd.Series({"w": 50.0, "x": 30.0, "y": 10.0,
                                                     "z": 10.0})).tolist() == list("AABB")
    # the course's abc_classes (and so the exercise) follows the same tie rule
    from course.sims.identification import abc_classes

    assert abc_classes(values).to_dict() == {r[1]: r[5] for r in rows}


@pytest.fixture(scope="module")
def retail():
    from course import load_dataset
    from course.data import cleaning_report
    from course.sims.identification import rfm_table

    raw = load_dataset("online_retail_raw")
    tx = load_dataset("online_retail")
    return {"raw": raw, "tx": tx, "rfm": rfm_table(tx), "report": cleaning_report(raw)}


def test_data_claims_in_the_prose(retail):
    """What sections 5, 6 and 10 say in words about the data holds on the data."""
    import pandas as pd

    from course.sims.identification import rfm_scores, rfm_segments, rfm_table

    tx, rfm, report = retail["tx"], retail["rfm"], retail["report"].set_index("rule")
    # 5: the cancellation lines are worth more than what they net off orders
    assert report.loc["cancellation_lines", "amount"] > report.loc["netted_orders", "amount"]
    # 5: 12346 disappears, 16446 keeps almost nothing
    assert "12346" not in rfm.index and rfm.loc["16446", "monetary"] < 10
    # 6.3: F and M are highly correlated (Spearman)
    assert rfm["frequency"].corr(rfm["monetary"], method="spearman") > 0.7
    # 6.4: the promising segment holds customers of longer standing as well as new ones
    end = tx["date"].max().normalize()
    tenure = (end - tx.groupby("customer_id")["date"].min().dt.normalize()).dt.days
    promising = rfm_segments(rfm_scores(rfm)) == "promising"
    assert (tenure[promising] > 90).sum() > 0 and (tenure[promising] <= 90).sum() > 0
    # 6.5: every score separates those who came back (highest level beats lowest)
    cutoff = pd.Timestamp("2011-09-01")
    before = rfm_table(tx[tx["date"] < cutoff], as_of=cutoff)
    came_back = pd.Series(before.index.isin(tx.loc[tx["date"] >= cutoff, "customer_id"]),
                          index=before.index)
    for col, rate in rfm_scores(before).apply(lambda s: came_back.groupby(s).mean()).items():
        rate = rate.dropna()
        assert rate.iloc[-1] > rate.iloc[0], f"{col} does not separate returners"
    # 10.3: a large part of the one-time buyers bought in the last 90 days, and the one-time
    # share is much smaller among customers who had half a year to come back
    one_time = rfm["frequency"] == 1
    assert (one_time & (rfm["recency"] <= 90)).sum() / one_time.sum() > 0.3
    assert one_time[tenure.reindex(rfm.index) >= 180].mean() < one_time.mean() - 0.05


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_value_matrix_claims(lang):
    """Section 9: Northern Pharma has the largest potential (high-potential quadrant),
    Summit Electronics is a major customer near its ceiling."""
    accounts = _run_cell(CHAPTER5[lang], "accounts = pd.DataFrame(",
                         print=lambda *a, **k: None)["accounts"]
    northern, summit = accounts.index[6], accounts.index[1]
    assert accounts["potential_value"].idxmax() == northern
    assert accounts.loc[northern, "quadrant"] == "potential"
    assert accounts.loc[summit, "quadrant"] == "major"
    assert accounts.loc[summit, "share_of_wallet"] == accounts["share_of_wallet"].max()


#: Words allowed in the Chinese lecture's outputs: acronyms, the MAN letter combinations.
_ALLOWED_LATIN = {"RFM", "MAN", "ABC", "AUC", "UCI", "Python"}


def latin_words(text: str) -> set[str]:
    """Latin-letter words of three letters or more that are not ids, codes or acronyms.

    Examples
    --------
    >>> sorted(latin_words("客户 Champions 有 rfm_table C581484 MaN 和 RFM"))
    ['Champions']
    """
    words = re.findall(r"[A-Za-z][A-Za-z0-9_]*", text)
    return {w for w in words if len(w) >= 3 and not re.search(r"[0-9_]", w)
            and w not in _ALLOWED_LATIN and w.lower() != "man"}


def _output_texts(nb) -> list[tuple[int, str, str]]:
    """(cell number, kind, text) of every table cell and printed line a student sees.

    A cell's consecutive stream outputs are one printed text: the kernel may send one
    ``print`` in several messages, so a line can be split across outputs.
    """
    found = []
    for k, cell in enumerate(nb.cells, start=1):
        streaming = False
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                text = out["text"]
                text = "".join(text) if isinstance(text, list) else text
                if streaming:
                    found[-1] = (k, "printed", found[-1][2] + text)
                else:
                    found.append((k, "printed", text))
                streaming = True
                continue
            streaming = False
            data = out.get("data", {})
            html = data.get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            html = re.sub(r"<style.*?</style>", "", html, flags=re.S)
            for text in re.findall(r"<t[hd](?:\s[^>]*)?>(.*?)</t[hd]>", html, flags=re.S):
                found.append((k, "table", text))
    return found


@pytest.mark.slow
def test_zh_lecture_outputs_are_chinese(tmp_path):
    nb = executed(CHAPTER5["zh"], tmp_path)
    texts = _output_texts(nb)
    assert any(kind == "table" for _, kind, _ in texts)
    leaks = [(k, kind, sorted(latin_words(text))) for k, kind, text in texts
             if latin_words(text)]
    assert not leaks, f"English in the zh lecture's outputs (cell, where, words): {leaks}"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lecture_agrees_with_its_hand_calculations(lang, tmp_path):
    """Every "same as" / "agrees" line the lecture prints says yes."""
    from course.i18n import t

    nb = executed(CHAPTER5[lang], tmp_path)
    printed = "\n".join(text for _, kind, text in _output_texts(nb) if kind == "printed")
    marker = {"en": ("agrees with the hand calculation", "Same as", "same classes"),
              "zh": ("与手算结果一致", "的结果相同", "是否完全相同")}[lang]
    lines = [line for line in printed.splitlines() if any(m in line for m in marker)]
    assert len(lines) == 5, lines
    assert all(line.rstrip().endswith(t("col_yes", lang=lang)) for line in lines), lines


#: Figures the prose states, the code that sets them, and how each language writes them.
PROSE_SETTINGS = [
    ("MIN_BUDGET = 20_000", {"en": "at least 20,000", "zh": "至少 2 万元"}),
    ('CUTOFF = pd.Timestamp("2011-09-01")', {"en": "1 September 2011", "zh": "2011 年 9 月 1 日"}),
    ("could_return = tenure_days >= 180", {"en": "at least 180 days", "zh": "至少 180 天"}),
    ('recent_one_time = one_time & (rfm["recency"] <= 90)',
     {"en": "in the last three months", "zh": "在最后三个月里买的"}),
    ('rfm_table(tiny_tx, as_of="2024-07-01")', {"en": "1 July 2024", "zh": "2024 年 7 月 1 日"}),
    ("CURRENT_CUT, POTENTIAL_CUT = 150, 200", {"en": "`CURRENT_CUT`", "zh": "`CURRENT_CUT`"}),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_settings_stated_in_the_prose_are_the_code_s(lang):
    path = CHAPTER5[lang]
    code = "\n".join(c.source for c in cells_of(nbformat.read(path, as_version=4), "code"))
    prose = " ".join(_prose(path).split())
    for setting, words in PROSE_SETTINGS:
        assert setting in code, f"{lang}: the code no longer has {setting!r}"
        assert words[lang] in prose, f"{lang}: the prose no longer says {words[lang]!r}"
    from course import load_dataset

    assert len(load_dataset("leads_small")) == 40
    assert ("40 synthetic leads" if lang == "en" else "40 条模拟的销售线索") in prose
