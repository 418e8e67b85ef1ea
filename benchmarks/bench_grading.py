"""Time grading a class of chapter 5 submissions: plain nbgrader against crm-course.

Run from the repository root::

    python benchmarks/bench_grading.py                 # 60 students
    python benchmarks/bench_grading.py --also-jobs1    # also crm-course with --jobs 1
    python benchmarks/bench_grading.py --quick         # 4 students (a smoke test)

The class has students ``s001``, ``s002``, ... whose notebooks cycle over the
ordinary students of the demo class (:func:`autograder.demo.build_submissions`:
right, partly right, wrong, raising, right but noisy on stderr, and right
again: the notebook of the student with a Chinese name), so every run mixes
answers that pass, fail and raise. The same notebooks are graded, each run starting from nothing:

1. **plain nbgrader** (the baseline): a fresh nbgrader course directory
   (:class:`autograder.coursedir.CourseDir`: ``prepare`` and
   ``generate_assignment``, not timed), every notebook copied to
   ``submitted/<id>/ch05/ch05.ipynb``, then one ``nbgrader autograde ch05
   --force`` that grades the students one after another, unsandboxed. Its
   environment sets ``CRM_GRADING_DIR`` to a folder holding the hidden inputs
   (:func:`autograder.answers.write_cases` with the seed ``"bench"``), so the
   hidden tests' ``hand_in`` calls the students' functions on them, and
   ``CRM_STUDENT_ID`` to ``"bench"``, so task 6 builds a student data set
   (``course.synthetic.student_transactions``) instead of stopping at the
   empty ``STUDENT_ID`` of the released notebook, as under crm-course: the
   kernels do the same work (every student gets the same inputs here).
2. ``crm-course grade ch05 SUBMISSIONS --jobs 2 --no-feedback --quiet`` into a
   fresh ``--out`` (its time includes its own ``generate_assignment``, and the
   sandbox, the limits and the scoring against the reference);
3. with ``--also-jobs1``, the same with ``--jobs 1``: the per-student overhead
   of crm-course without the parallel speed-up.

Each command is timed by the wall clock around :func:`subprocess.run`. The
script then checks that every run graded every student (nbgrader's gradebook
holds N submissions of ch05; ``grades.csv`` has N rows, all with status
``ok``; with ``--also-jobs1``, both crm-course runs give the same scores) and
exits non-zero with a warning if not. It also warns, without failing, when a
file of ``autograder/``, ``course/`` or ch05's notebooks changed while it ran
(the runs then timed different versions). It reports for how many
students the two total scores agree; they may legitimately differ, since
nbgrader alone gives a test cell's points whenever it runs without an error,
whereas crm-course scores the handed-in answers against the reference.

A table of seconds, seconds per student and the ratio nbgrader / crm-course is
printed; everything (each run's time and command line, N, Python and nbgrader
versions, CPU count) goes to ``benchmarks/results/`` as JSON (the folder is
git-ignored). Timings are for information only: no test asserts on them.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
ASSIGNMENT = "ch05"

#: The ordinary students of the demo class (the others are broken or hostile).
ORDINARY = ("alice_right", "bao_partly_right", "chen_wrong", "dmitri_raises",
            "jun_noisy_but_right", "李雷 Li Lei")

#: Seed of the hidden inputs the baseline's kernels get (one for the whole class).
BASELINE_SEED = "bench"


def student_ids(n: int) -> list[str]:
    """Ids ``s001``, ``s002``, ... (wider when there are more than 999 students).

    Examples
    --------
    >>> student_ids(3)
    ['s001', 's002', 's003']
    >>> student_ids(1000)[-1]
    's1000'
    """
    width = max(3, len(str(n)))
    return [f"s{k:0{width}d}" for k in range(1, n + 1)]


def class_of(n: int) -> dict[str, str]:
    """Which demo student's notebook each benchmark student hands in.

    Examples
    --------
    >>> class_of(7)["s007"], class_of(7)["s002"]
    ('alice_right', 'bao_partly_right')
    """
    return {sid: ORDINARY[k % len(ORDINARY)] for k, sid in enumerate(student_ids(n))}


def code_fingerprint() -> dict[str, str]:
    """A hash of each file the grading depends on (the course, the grader, ch05's notebooks).

    Compared before and after the runs: code edited in between makes the runs
    time (and grade) different versions, so the script warns.
    """
    import hashlib

    files = [*sorted((ROOT / "autograder").rglob("*.py")), *sorted((ROOT / "course").rglob("*.py")),
             *sorted((ROOT / "solutions" / ASSIGNMENT).glob("*.ipynb")),
             *sorted((ROOT / "exercises" / ASSIGNMENT).glob("*.ipynb"))]
    return {str(f.relative_to(ROOT)): hashlib.sha256(f.read_bytes()).hexdigest()[:16]
            for f in files if f.is_file()}


def write_class(work: Path, n: int) -> tuple[Path, Path, dict[str, str], float]:
    """Write the submissions three times: a folder per student, nbgrader's ``submitted/``,
    and ``floor/`` (each notebook with its hidden tests, as run by :func:`floor_worker`).

    Returns the submissions folder, the nbgrader course directory (prepared
    and released), the class (student id -> demo student) and the seconds
    ``nbgrader generate_assignment`` took (crm-course's timed run includes
    the same step, the baseline's does not).
    """
    import nbformat

    from autograder.coursedir import CourseDir
    from autograder.demo import build_submissions

    demo = build_submissions()
    for name in ORDINARY:
        if not isinstance(demo.get(name), nbformat.NotebookNode):
            raise SystemExit(f"demo student {name!r} is not a notebook any more")
    texts = {name: nbformat.writes(demo[name]) for name in ORDINARY}
    students = class_of(n)

    subs = work / "submissions"
    nbg = CourseDir(work / "nbgrader")
    nbg.prepare(ASSIGNMENT)
    start = time.perf_counter()
    nbg.generate_assignment(ASSIGNMENT)
    release_seconds = time.perf_counter() - start
    sources = hidden_sources(nbg.root)
    full = {}
    for name in ORDINARY:
        nb = nbformat.reads(texts[name], as_version=4)
        _with_hidden_tests(nb, sources)
        full[name] = nbformat.writes(nb)
    for sid, name in students.items():
        for folder in (subs / sid, nbg.root / "submitted" / sid / ASSIGNMENT):
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{ASSIGNMENT}.ipynb").write_text(texts[name], encoding="utf-8")
        (work / "floor").mkdir(exist_ok=True)
        (work / "floor" / f"{sid}.ipynb").write_text(full[name], encoding="utf-8")
    return subs, nbg.root, students, release_seconds


def hidden_sources(root: Path) -> dict[str, str]:
    """Test cells' full sources (hidden tests included) from a released gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        assignment = gb.find_assignment(ASSIGNMENT)
        return {cell.name: cell.source for nb in assignment.notebooks
                for cell in nb.source_cells if cell.locked}


def _with_hidden_tests(nb, sources: dict[str, str]) -> None:
    for cell in nb.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in sources:
            cell.source = sources[gid]


def _floor_one(args: tuple[str, str, str]) -> float:
    """Start a kernel and run one notebook (what any grader must do at least)."""
    import nbformat
    from nbclient import NotebookClient

    path, cases, work = args
    nb = nbformat.read(path, as_version=4)
    Path(work).mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": work}}).execute()
    return time.perf_counter() - start


def floor_worker(folder: Path, cases: Path, jobs: int) -> None:
    """The floor: every notebook of ``folder`` run once in a fresh kernel, ``jobs`` at once.

    No sandbox, no restoring, no scoring, no gradebook, no feedback: only
    starting a kernel and running the notebook (with its hidden tests, on the
    same hidden inputs as the baseline), in ``jobs`` worker processes.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from autograder.sandbox import BASE_ENV

    os.environ["CRM_GRADING_DIR"] = str(cases)
    os.environ["CRM_STUDENT_ID"] = BASELINE_SEED
    # The same thread limits as crm-course's sandbox: a floor no slower than it need be.
    os.environ.update({k: v for k, v in BASE_ENV.items() if k.endswith("_NUM_THREADS")})
    paths = sorted(folder.glob("*.ipynb"))
    work = folder / "work"
    with ProcessPoolExecutor(max_workers=jobs,
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_floor_one, [(str(p), str(cases), str(work / p.stem)) for p in paths]))


def run_floor(work: Path, cases: Path, jobs: int, timeout: float) -> dict:
    """The floor (:func:`floor_worker`) in a fresh process, timed like the others."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--floor-worker",
           str(work / "floor"), "--floor-cases", str(cases), "--floor-jobs", str(jobs)]
    result = timed(cmd, cwd=ROOT, env=_base_env(), timeout=timeout)
    result["jobs"] = jobs
    return result


def timed(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: float) -> dict:
    """Run ``cmd``; return its wall-clock seconds, exit code and the end of its output.

    The load averages before and after go with it: the machine may be shared.
    """
    import resource

    load_before = os.getloadavg()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        run = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                             timeout=timeout, stdin=subprocess.DEVNULL, check=False)
        code, out, err = run.returncode, run.stdout, run.stderr
    except subprocess.TimeoutExpired as exc:
        code = None
        out = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else ""
        err = f"timed out after {timeout:g} s"
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the command and every process it waited for (kernels included):
    # what the machine had to do, less sensitive than the wall clock to other jobs.
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    return {"command": cmd, "cwd": str(cwd), "seconds": seconds, "cpu_seconds": cpu,
            "returncode": code,
            "loadavg_before": load_before, "loadavg_after": os.getloadavg(),
            "stdout_tail": (out or "")[-2000:], "stderr_tail": (err or "")[-2000:]}


def _base_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("CRM_GRADING_DIR", None)
    env.pop("CRM_STUDENT_ID", None)
    # nbgrader calls alembic from PATH to set up its gradebook (as CourseDir.nbgrader does).
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


def run_nbgrader(root: Path, cases: Path, timeout: float) -> dict:
    """The baseline: one ``nbgrader autograde`` over the whole class, timed."""
    extra = {"CRM_GRADING_DIR": str(cases), "CRM_STUDENT_ID": BASELINE_SEED}
    cmd = [sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--force"]
    result = timed(cmd, cwd=root, env={**_base_env(), **extra}, timeout=timeout)
    result["env"] = extra
    return result


def crm_course_command() -> list[str]:
    """The installed ``crm-course`` script beside this Python, or the module."""
    script = Path(sys.executable).parent / "crm-course"
    return [str(script)] if script.exists() else [sys.executable, "-m", "autograder.cli"]


def run_crm(subs: Path, out: Path, jobs: int, timeout: float, cache: Path | None = None,
            feedback: bool = True) -> dict:
    """``crm-course grade`` over the whole class into a fresh ``out``, timed.

    Everything it does is counted: release (or the cached release), the
    sandboxed runs, scoring, the gradebook, feedback pages (unless
    ``feedback`` is False), grades.csv and report.html with its item analysis
    and similarity check.
    """
    cmd = [*crm_course_command(), "grade", ASSIGNMENT, str(subs), "--out", str(out),
           "--jobs", str(jobs), "--quiet"] + ([] if feedback else ["--no-feedback"])
    env = _base_env()
    if cache is not None:
        env["CRM_COURSE_CACHE"] = str(cache)
    result = timed(cmd, cwd=ROOT, env=env, timeout=timeout)
    result["jobs"] = jobs
    return result


def nbgrader_scores(root: Path) -> dict[str, float]:
    """Total score of each ch05 submission in nbgrader's gradebook (student id -> score)."""
    from nbgrader.api import Gradebook, MissingEntry

    db = root / "gradebook.db"
    if not db.exists():
        return {}
    with Gradebook(f"sqlite:///{db}") as gb:
        try:
            subs = gb.assignment_submissions(ASSIGNMENT)
        except MissingEntry:
            return {}
        return {s.student_id: round(float(s.score), 2) for s in subs}


def crm_rows(out: Path) -> list[dict]:
    """The rows of ``grades.csv`` (empty if there is none)."""
    path = out / "grades.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def worker_seconds(out: Path) -> list[float]:
    """Seconds each student took in a crm-course worker (from its state files), if any."""
    seconds = []
    for path in sorted((out / "state" / ASSIGNMENT).glob("*.json")):
        try:
            seconds.append(float(json.loads(path.read_text(encoding="utf-8"))["seconds"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return seconds


def check_crm(run: dict, out: Path, ids: list[str], warnings: list[str]) -> dict:
    """Check a crm-course run graded every student ``ok``; add to ``warnings`` if not."""
    label = f"crm-course --jobs {run['jobs']}"
    rows = crm_rows(out)
    statuses = collections.Counter(r["status"] for r in rows)
    if run["returncode"] != 0:
        warnings.append(f"{label} exited with {run['returncode']}: "
                        f"{run['stderr_tail'].strip()[-500:]}")
    missing = sorted(set(ids) - {r["student_id"] for r in rows})
    if len(rows) != len(ids) or missing:
        warnings.append(f"{label}: grades.csv has {len(rows)} rows for {len(ids)} students"
                        + (f" (missing: {', '.join(missing[:10])})" if missing else ""))
    bad = [f"{r['student_id']} ({r['status']}: {r['message'][:120]})"
           for r in rows if r["status"] != "ok"]
    if bad:
        warnings.append(f"{label}: {len(bad)} row(s) not ok: {'; '.join(bad[:5])}")
    secs = worker_seconds(out)
    return {"rows": len(rows), "statuses": dict(statuses),
            "scores": {r["student_id"]: round(float(r["score"]), 2) for r in rows},
            "worker_seconds_median": statistics.median(secs) if secs else None}


def compare(a: dict[str, float], b: dict[str, float]) -> dict:
    """How many students two runs gave the same total score (within 0.01).

    Examples
    --------
    >>> compare({"s1": 14.0, "s2": 3.0}, {"s1": 14.0, "s2": 5.7, "s3": 1.0})["agree"]
    1
    """
    common = sorted(set(a) & set(b))
    differ = {sid: [a[sid], b[sid]] for sid in common if abs(a[sid] - b[sid]) > 0.01}
    return {"compared": len(common), "agree": len(common) - len(differ), "differ": differ}


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version(), "platform": platform.platform(),
           "cpus": os.cpu_count()}
    for package in ("nbgrader", "nbclient", "jupyter_client", "ipykernel", "pandas"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = None
    try:
        bwrap = subprocess.run(["bwrap", "--version"], capture_output=True, text=True,
                               check=False, timeout=10)
        out["bwrap"] = bwrap.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        out["bwrap"] = None
    return out


def main(argv: list[str] | None = None) -> dict:
    """Run the benchmark, print a table and write the JSON results.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    dict
        The results written to JSON; ``results["ok"]`` is False if a run did
        not grade every student (the script then exits with status 1).
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60, metavar="N",
                        help="size of the class (default 60)")
    parser.add_argument("--also-jobs1", action="store_true",
                        help="also time crm-course grade --jobs 1")
    parser.add_argument("--keep", metavar="DIR",
                        help="work in DIR (new or empty) and keep it: submissions, "
                             "nbgrader's course directory, crm-course's --out folders")
    parser.add_argument("--quick", action="store_true",
                        help="4 students: a smoke test")
    parser.add_argument("--no-save", action="store_true", help="do not write JSON")
    parser.add_argument("--rounds", type=int, default=1, metavar="R",
                        help="time every way R times, in turning order, and compare the "
                             "fastest of each (the machine may be shared); default 1")
    parser.add_argument("--cold-cache", action="store_true",
                        help="crm-course starts without a cached release (it then runs "
                             "generate_assignment itself)")
    parser.add_argument("--no-feedback", action="store_true",
                        help="crm-course without feedback pages (the baseline writes none)")
    parser.add_argument("--floor-worker", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--floor-cases", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--floor-jobs", type=int, default=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor_worker:
        floor_worker(Path(args.floor_worker), Path(args.floor_cases), args.floor_jobs)
        return {"ok": True}
    if args.quick:
        args.students = 4
    if args.students < 1:
        parser.error("--students must be at least 1")

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from autograder.answers import write_cases

    if args.keep:
        work = Path(args.keep).resolve()
        if work.exists() and any(work.iterdir()):
            parser.error(f"--keep {work}: the folder is not empty (each run starts fresh)")
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    n = args.students
    timeout = 600 + 120 * n  # generous: a stuck run fails the check, never hangs forever
    warnings: list[str] = []  # a run did not grade everyone: exit status 1
    notes: list[str] = []  # worth knowing, but the runs are complete
    code_before = code_fingerprint()
    try:
        start = time.perf_counter()
        subs, nbg_root, students, release_seconds = write_class(work, n)
        setup_seconds = time.perf_counter() - start
        cases = work / "baseline_grading"
        write_cases(ASSIGNMENT, BASELINE_SEED, cases)
        ids = list(students)
        cache = work / "release_cache"
        if not args.cold_cache:
            # The release of this very source, made once (by the baseline's untimed
            # generate_assignment): what a second grading of the course starts from.
            from autograder import releasecache

            os.environ["CRM_COURSE_CACHE"] = str(cache)
            releasecache.store(nbg_root, ASSIGNMENT, releasecache.source_key(ASSIGNMENT))

        mix = ", ".join(f"{count} {name}"
                        for name, count in collections.Counter(students.values()).items())
        print(f"{ASSIGNMENT}: {n} students ({mix}); {os.cpu_count()} CPUs; "
              f"work folder {work}", flush=True)
        every: dict[str, list[dict]] = collections.defaultdict(list)
        for round_no in range(args.rounds):
            # Each round times every way; the order turns round by round, so that a
            # busy spell of the shared machine does not always hit the same one.
            steps = ["nbgrader", "floor", *(f"crm{j}" for j in ((2, 1) if args.also_jobs1
                                                              else (2,)))]
            if round_no % 2:
                steps.reverse()
            for step in steps:
                if step == "nbgrader":
                    print(f"round {round_no + 1}: timing nbgrader autograde ...", flush=True)
                    every[step].append(run_nbgrader(nbg_root, cases, timeout))
                elif step == "floor":
                    print(f"round {round_no + 1}: timing the floor (a kernel per notebook, "
                          "run once, 2 at a time) ...", flush=True)
                    every[step].append(run_floor(work, cases, 2, timeout))
                else:
                    jobs = int(step[3:])
                    print(f"round {round_no + 1}: timing crm-course grade --jobs {jobs} ...",
                          flush=True)
                    out = work / f"crm_jobs{jobs}_round{round_no + 1}"
                    run = run_crm(subs, out, jobs, timeout,
                                  cache=work / (f"cold_cache{jobs}_{round_no}" if args.cold_cache
                                                else "release_cache"),
                                  feedback=not args.no_feedback)
                    run["out"] = str(out)
                    every[step].append(run)

        def best(runs: list[dict]) -> dict:
            return min(runs, key=lambda r: r["seconds"])

        baseline, floor = best(every["nbgrader"]), best(every["floor"])
        crm_runs = {int(k[3:]): best(v) for k, v in every.items() if k.startswith("crm")}
        for run in every["floor"]:
            if run["returncode"] != 0:
                warnings.append(f"the floor run exited with {run['returncode']}: "
                                f"{run['stderr_tail'].strip()[-500:]}")

        nbg = nbgrader_scores(nbg_root)
        if baseline["returncode"] != 0:
            warnings.append(f"nbgrader autograde exited with {baseline['returncode']}: "
                            f"{baseline['stderr_tail'].strip()[-500:]}")
        if len(nbg) != n or set(nbg) != set(ids):
            warnings.append(f"nbgrader's gradebook has {len(nbg)} submissions of "
                            f"{ASSIGNMENT} for {n} students")
        baseline["submissions_in_gradebook"] = len(nbg)
        baseline["scores"] = nbg
        for key, runs in every.items():
            if key.startswith("crm"):
                for run in runs:
                    run.update(check_crm(run, Path(run["out"]), ids, warnings))
        code_after = code_fingerprint()
        changed = sorted(f for f in code_before.keys() | code_after.keys()
                         if code_before.get(f) != code_after.get(f))
        if changed:
            notes.append(f"files changed while the benchmark ran, so the runs may have "
                         f"timed different versions: {', '.join(changed)}")
        crm = crm_runs[2]
        agreement = compare(nbg, crm["scores"])
        if 1 in crm_runs:
            same = compare(crm_runs[1]["scores"], crm["scores"])
            crm_runs[1]["agreement_with_jobs2"] = same
            if same["differ"]:
                warnings.append(f"crm-course --jobs 1 and --jobs 2 gave different scores to "
                                f"{len(same['differ'])} student(s): {same['differ']}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    ratio = baseline["seconds"] / crm["seconds"] if crm["seconds"] else float("nan")
    over_floor = crm["seconds"] / floor["seconds"] if floor["seconds"] else float("nan")
    results = {
        "benchmark": "bench_grading",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "assignment": ASSIGNMENT,
        "students": n,
        "class": dict(collections.Counter(students.values())),
        "setup_seconds": setup_seconds,
        "nbgrader_generate_assignment_seconds": release_seconds,
        "nbgrader_autograde": baseline,
        "crm_course": {f"jobs{jobs}": run for jobs, run in crm_runs.items()},
        "floor": floor,
        "release_cache": "cold" if args.cold_cache else "warm",
        "rounds": {k: [{"seconds": r["seconds"], "cpu_seconds": r["cpu_seconds"],
                        "loadavg_before": r["loadavg_before"],
                        "loadavg_after": r["loadavg_after"]} for r in v]
                   for k, v in every.items()},
        "feedback": not args.no_feedback,
        "ratio_nbgrader_to_crm_jobs2": ratio,
        "ratio_crm_jobs2_to_floor": over_floor,
        "ratio_nbgrader_to_crm_jobs1": (baseline["seconds"] / crm_runs[1]["seconds"]
                                        if 1 in crm_runs else None),
        "score_agreement_nbgrader_vs_crm": agreement,
        "warnings": warnings,
        "notes": notes,
        "code_fingerprint": code_after,
        "ok": not warnings,
        "kept": str(work) if args.keep else None,
        "environment": _versions(),
    }

    print(f"{'run':<40}{'seconds':>10}{'s/student':>11}{'CPU s':>9}")
    rows = [("nbgrader autograde (one process)", baseline["seconds"]),
            ("floor: kernel + run, 2 at a time", floor["seconds"])]
    rows += [(f"crm-course grade --jobs {jobs}", run["seconds"])
             for jobs, run in sorted(crm_runs.items(), reverse=True)]
    loads = [baseline, floor, *(run for _, run in sorted(crm_runs.items(), reverse=True))]
    for (label, seconds), run in zip(rows, loads, strict=True):
        print(f"{label:<40}{seconds:>10.1f}{seconds / n:>11.2f}{run['cpu_seconds']:>9.1f}   load "
              f"{run['loadavg_before'][0]:.1f} -> {run['loadavg_after'][0]:.1f}")
    if args.rounds > 1:
        for key, runs in every.items():
            print(f"  {key} in each round: "
                  + ", ".join(f"{r['seconds']:.1f} s (load {r['loadavg_before'][0]:.1f})"
                              for r in runs))
        print(f"  (the fastest of {args.rounds} rounds of each is compared)")
    print(f"{'ratio nbgrader / crm-course --jobs 2':<40}{ratio:>9.2f}x")
    print(f"{'ratio crm-course --jobs 2 / floor':<40}{over_floor:>9.2f}x")
    cpu_ratio = baseline["cpu_seconds"] / crm["cpu_seconds"] if crm["cpu_seconds"] else 0
    cpu_floor = crm["cpu_seconds"] / floor["cpu_seconds"] if floor["cpu_seconds"] else 0
    print("(CPU s: of each command and the processes it waited for; crm-course kills its "
          "sandboxes, whose kernels then go uncounted, so its CPU seconds are a lower bound)")
    results["cpu_ratio_nbgrader_to_crm_jobs2"] = cpu_ratio
    results["cpu_ratio_crm_jobs2_to_floor"] = cpu_floor
    if 1 in crm_runs:
        print(f"{'ratio nbgrader / crm-course --jobs 1':<40}"
              f"{results['ratio_nbgrader_to_crm_jobs1']:>9.2f}x")
        print(f"{'speed-up --jobs 2 over --jobs 1':<40}"
              f"{crm_runs[1]['seconds'] / crm['seconds']:>9.2f}x")
    print(f"(nbgrader's generate_assignment, {release_seconds:.1f} s here, is not timed; "
          f"crm-course's release cache was {'cold: it ran it' if args.cold_cache else 'warm'};"
          f" crm-course {'without' if args.no_feedback else 'with'} feedback pages)")
    if crm.get("worker_seconds_median") is not None:
        print(f"median seconds per student in a crm-course worker (--jobs 2): "
              f"{crm['worker_seconds_median']:.2f}")
    print(f"total scores: nbgrader and crm-course agree for {agreement['agree']} of "
          f"{agreement['compared']} students (nbgrader alone does not score handed-in "
          "answers, so they may differ)")
    for warning in notes + warnings:
        print(f"WARNING: {warning}", file=sys.stderr)
    if args.keep:
        print(f"work folder kept: {work}")
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        out = RESULTS / f"bench_grading_{stamp}.json"
        out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"results written to {out.relative_to(ROOT)}")
    return results


if __name__ == "__main__":
    sys.exit(0 if main()["ok"] else 1)
