"""``crm-course``: start the course, release exercises, grade a class.

Examples
--------
>>> main(["--help"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
SystemExit: 0
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from autograder.coursedir import (
    ASSIGNMENTS,
    REPO_ROOT,
    CourseDir,
    GradingError,
    available_assignments,
    check_assignment,
)
from autograder.csvsafe import read_csv


def _print_table(rows: list[dict], columns: list[str]) -> None:
    from autograder.safety import plain_text

    rows = [{c: plain_text(r.get(c, "")) for c in columns} for r in rows]  # no escape codes
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) if rows else len(c)
              for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    print("  ".join("-" * widths[c] for c in columns))
    for r in rows:
        print("  ".join(str(r.get(c, "")).ljust(widths[c]) for c in columns))


#: JupyterLab setting defaults for the course: no news or update pop-ups in class.
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                    "checkForUpdates": False},
}


def write_lab_overrides(prefix: str | Path = sys.prefix) -> Path:
    """Merge the course's JupyterLab defaults into ``<prefix>/share/jupyter/lab/settings``.

    ``overrides.json`` there changes the defaults of this environment only;
    a user can still change any setting in JupyterLab.

    Examples
    --------
    >>> import json, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = write_lab_overrides(tmp)
    ...     json.loads(path.read_text())["@jupyterlab/apputils-extension:notification"]
    {'fetchNews': 'false', 'checkForUpdates': False}
    """
    import json

    path = Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    current = {}
    if path.exists():
        try:
            current = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            print(f"warning: {path} is not valid JSON; rewriting it", file=sys.stderr)
    for plugin, values in LAB_OVERRIDES.items():
        current.setdefault(plugin, {}).update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current, indent=2), encoding="utf-8")
    return path


def lab_command(lang: str, port: int, no_browser: bool, extra: list[str],
                root: Path = REPO_ROOT) -> list[str]:
    """The ``jupyter lab`` command line that ``crm-course lab`` runs.

    Examples
    --------
    >>> cmd = lab_command("zh", 8890, True, [])
    >>> "--LabApp.default_url=/lab/tree/notebooks/zh" in cmd, "--no-browser" in cmd
    (True, True)
    """
    return _jupyter_lab(root, f"/lab/tree/notebooks/{lang}", port, no_browser, extra)


def _jupyter_lab(root: Path, url: str, port: int, no_browser: bool, extra) -> list[str]:
    """``jupyter lab`` serving ``root``, opened at ``url`` (``lab`` and ``formgrade``)."""
    argv = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}",
            f"--LabApp.default_url={url}", f"--port={port}"]
    if no_browser:
        argv.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")  # JupyterLab refuses to start as root without it
    return argv + list(extra)


def cmd_lab(args) -> int:
    """Start JupyterLab on the course, opened at the lectures of one language.

    The interface is in that language too (JupyterLab's language pack for Chinese).
    """
    from autograder.labsettings import language_pack_missing, write_app_settings

    os.environ["CRM_COURSE_LANG"] = args.lang
    write_lab_overrides()
    if missing := language_pack_missing(args.lang):
        print(f"warning: JupyterLab's {args.lang} interface needs {missing} "
              f"(pip install {missing}); its menus stay in English", file=sys.stderr)
    settings = f"--LabApp.app_settings_dir={write_app_settings(args.lang)}"
    root = Path(args.root or REPO_ROOT).resolve()
    if not (root / "notebooks" / args.lang).is_dir():
        raise ValueError(f"{root} has no notebooks/{args.lang}/ folder of lectures")
    argv = lab_command(args.lang, args.port, args.no_browser, [settings, *args.extra], root)
    print("Starting JupyterLab:", " ".join(argv[1:]), flush=True)
    os.execv(sys.executable, argv)
    return 0  # pragma: no cover


def cmd_release(args) -> int:
    """Generate exercises/<id>/ from solutions/<id>/ with nbgrader."""
    from autograder.release import release

    for assignment in args.assignments or available_assignments():
        folder = release(assignment)
        print(f"released {assignment} -> {folder.relative_to(REPO_ROOT)}")
    return 0


def _read_grades(out: Path) -> list[dict]:
    path = out / "grades.csv"
    if not path.exists():
        raise GradingError(f"{path} does not exist: run `crm-course grade` first")
    return read_csv(path)  # ids as the students named them (defused cells restored)


def _show_grades(out: Path) -> list[dict]:
    rows = _read_grades(out)
    _print_table(rows, ["student_id", "score", "max_score", "manual_pending", "status",
                        "message"])
    print(f"\ngrades: {out / 'grades.csv'}")
    return rows


def cmd_grade(args) -> int:
    """Grade every student folder of SUBMISSIONS_DIR into nbgrader's gradebook.

    Each notebook runs in a sandbox (no network, no files but its own folder,
    the course package and public data) under time and memory limits; its
    answers are compared with the reference outside the sandbox. Submissions
    are graded in parallel; a run that is stopped can be started again and
    grades only who is left.
    """
    from autograder.grading import Grader
    from autograder.report import print_table

    out = Path(args.out or Path("grading") / args.assignment)
    grader = Grader(args.assignment, out, jobs=args.jobs, cell_timeout=args.cell_timeout,
                    submission_timeout=args.timeout, memory=args.memory,
                    feedback=not args.no_feedback, force=args.force,
                    progress=not args.quiet, roster=args.roster, layout=args.layout,
                    config=args.config, db=args.db)
    rows = grader.grade_folder(args.submissions)
    print(f"\nlayout of the download: {grader.layout}")
    print_table(rows, grader.max_score)
    print(f"\ngrades: {out / 'grades.csv'}\nreport: {out / 'report.html'}")
    _say_what_is_left(rows, args.assignment, out)
    return 0


def _say_what_is_left(rows, assignment: str, out: Path) -> None:
    """One line on the tasks left to grade by hand, and the commands that do it."""
    waiting = sum(bool(getattr(r, "manual_pending", 0)) for r in rows)
    if waiting:
        print(f"\n{waiting} student(s) have written answers to grade by hand: "
              f"crm-course formgrade {assignment} --out {out}, then "
              f"crm-course export {assignment} --out {out}")


def cmd_feedback(args) -> int:
    """Regenerate feedback HTML from the gradebook of a graded course directory."""
    out = Path(args.out or Path("grading") / args.assignment)
    course = CourseDir(out)
    extra = ["--student", args.student] if args.student else []
    result = course.nbgrader("generate_feedback", check_assignment(args.assignment), "--force",
                             *extra)
    if result.returncode != 0:
        raise GradingError(f"nbgrader generate_feedback failed:\n{result.stderr[-3000:]}")
    print(f"feedback written under {out / 'feedback'}")
    return 0


def _course_grades(args):
    """The course config, roster and graded assignments an export or gradebook works on."""
    from autograder.courseconfig import load_config
    from autograder.gradebook import collect_grades, read_assignment
    from autograder.roster import load_roster

    config = load_config(args.config)
    roster = load_roster(args.roster)
    if getattr(args, "assignment", None):
        assignment = check_assignment(args.assignment)
        out = Path(args.out) if args.out else None
        graded = ([read_assignment(out, assignment)] if out is not None
                  else collect_grades(config, args.root, [assignment]))
    else:
        graded = collect_grades(config, args.root)
        if not graded:
            raise GradingError(f"no graded assignment under {args.root} (run `crm-course "
                               "grade` first, or give --root)")
    return config, roster, graded


def cmd_lms_export(args) -> int:
    """Write a grade file for Canvas, Moodle or a spreadsheet (one assignment or the course)."""
    from autograder.csvsafe import write_csv
    from autograder.gradebook import canvas_rows, course_table, moodle_rows, plain_rows
    from autograder.manual import refresh_course

    for done in _course_grades(args)[2]:  # manual grades given since grading
        refresh_course(done.assignment, done.folder)
    config, roster, graded = _course_grades(args)
    table = course_table(config, graded, roster)
    header, rows = {"canvas": lambda: canvas_rows(table, config, graded),
                    "moodle": lambda: moodle_rows(table, config, graded),
                    "csv": lambda: plain_rows(table, graded)}[args.format]()
    name = args.assignment or "course"
    target = Path(args.to or (graded[0].folder if args.assignment else Path(args.root)) /
                  f"{name}_{args.format}.csv")
    # Canvas and Moodle read UTF-8 without a byte-order mark; a spreadsheet wants one.
    write_csv(target, header, rows, bom=args.format == "csv")
    blank = [sid for g in graded for sid, r in g.rows.items() if r.get("status") == "ambiguous"]
    print(f"{args.format} grades of {', '.join(g.assignment for g in graded)} for "
          f"{len(table)} students written to {target}")
    if blank:
        print(f"left empty (not graded, status ambiguous): {', '.join(sorted(blank))}")
    return 0


def cmd_gradebook(args) -> int:
    """The course gradebook: every student, every assignment, weights, total, letters."""
    from autograder.csvsafe import write_csv
    from autograder.gradebook import course_table, gradebook_html, plain_rows

    args.assignment = None
    config, roster, graded = _course_grades(args)
    table = course_table(config, graded, roster)
    out = Path(args.out or Path(args.root) / "course")
    header, rows = plain_rows(table, graded)
    csv_path = write_csv(out / "gradebook.csv", header, rows)
    page = out / "gradebook.html"
    page.write_text(gradebook_html(table, config, graded), encoding="utf-8")
    columns = ["student_id", *(g.assignment for g in graded), "total_percent", "letter"]
    _print_table([{c: ("" if r[c] is None else r[c]) for c in columns}
                  for r in table.to_dict("records")], columns)
    print(f"\ngradebook: {csv_path}\npage: {page}")
    return 0


def cmd_export(args) -> int:
    """Export grades: nbgrader's gradebook CSV (default), or files Canvas and Moodle import.

    ``--format canvas|moodle|csv`` writes the LMS's grade import file, for one
    ASSIGNMENT or, without one, for every graded assignment of the course. Either
    way, manual grades given in the formgrader since grading are read in first.
    """
    from autograder.manual import refresh_course

    if args.format != "nbgrader":
        return cmd_lms_export(args)
    if not args.assignment:
        raise GradingError("ASSIGNMENT is needed for --format nbgrader")
    out = Path(args.out or Path("grading") / args.assignment)
    _read_grades(out)  # fails clearly before nbgrader creates an empty gradebook
    target = Path(args.to or out / "gradebook_export.csv").resolve()
    result = CourseDir(out).nbgrader("export", f"--CsvExportPlugin.to={target}")
    if result.returncode != 0:
        raise GradingError(f"nbgrader export failed:\n{result.stderr[-3000:]}")
    print(f"nbgrader gradebook exported to {target}\n")
    refresh_course(check_assignment(args.assignment), out)  # manual grades given since
    _show_grades(out)
    return 0


def formgrade_command(out: Path, port: int, no_browser: bool,
                      extra: list[str] = ()) -> list[str]:
    """The ``jupyter lab`` command line that ``crm-course formgrade`` runs in ``out``.

    Examples
    --------
    >>> cmd = formgrade_command(Path("/srv/grading/ch05"), 8890, True)
    >>> "--LabApp.default_url=/formgrader" in cmd, "--ServerApp.root_dir=/srv/grading/ch05" in cmd
    (True, True)
    """
    return _jupyter_lab(out, "/formgrader", port, no_browser, extra)


def cmd_formgrade(args) -> int:
    """Open nbgrader's formgrader on a graded course directory to grade written tasks.

    It starts JupyterLab in the --out directory (where its nbgrader_config.py
    and gradebook.db are) at /formgrader: Manage Submissions, then a
    submission, then give points to each answer marked "needs manual grade".
    Run `crm-course export` afterwards for the full scores.
    """
    out = Path(args.out or Path("grading") / args.assignment).resolve()
    _read_grades(out)  # a course directory graded by crm-course grade
    argv = formgrade_command(out, args.port, args.no_browser, args.extra)
    print("Starting the formgrader:", " ".join(argv[1:]), f"(in {out})", flush=True)
    os.chdir(out)  # nbgrader reads nbgrader_config.py from the working folder
    os.execv(sys.executable, argv)
    return 0  # pragma: no cover


def cmd_demo(args) -> int:
    """Grade a bundled demo class and print its gradebook.

    Chapter 5 (the default) has the full demo class: every kind of submission and
    every attack on the grader. Any other chapter has a small one: a right, a
    partly right and a wrong submission (``autograder.chapterdemo``).
    """
    from autograder.demo import ASSIGNMENT, EXPECTED, default_targets, write_demo_class
    from autograder.grading import grade

    if args.assignment != ASSIGNMENT or args.small:
        return _small_demo(args)
    base = Path(args.out)
    out = base / "grading"
    subs = write_demo_class(base / "submissions",
                            default_targets(base / "submissions", out))
    print(f"Grading the demo class in {subs} ...")
    grade(ASSIGNMENT, subs, out, cell_timeout=args.cell_timeout, jobs=args.jobs,
          submission_timeout=args.timeout, force=True)
    rows = _show_grades(out)
    wrong = [r["student_id"] for r in rows
             if (float(r["score"]), r["status"]) != EXPECTED.get(r["student_id"])]
    if wrong:
        print(f"\nUNEXPECTED results for: {', '.join(wrong)}")
        return 1
    print(f"\nAll {len(rows)} demo students got the expected score and status.")
    return 0


def cmd_tasks(args) -> int:
    """Print (or write to docs/exercises.md) every exercise's graded tasks as Markdown."""
    from autograder import tasktable

    if args.write:
        print(f"wrote {tasktable.write()}")
    else:
        print(tasktable.page())
    return 0


def _small_demo(args) -> int:
    """Grade a chapter's small demo class and compare each row with the reference."""
    from autograder import chapterdemo
    from autograder.grading import grade

    assignment = check_assignment(args.assignment)
    if assignment not in chapterdemo.chapters():
        raise ValueError(f"{assignment} has no demo class (no DEMO in "
                         f"autograder/reference/{assignment}.py)")
    base = Path(args.out) / assignment
    subs = chapterdemo.write_class(assignment, base / "submissions")
    out = base / "grading"
    print(f"Grading the demo class of {assignment} in {subs} ...")
    grade(assignment, subs, out, cell_timeout=args.cell_timeout, jobs=args.jobs,
          submission_timeout=args.timeout, force=True)
    rows = _show_grades(out)
    wrong = [r["student_id"] for r in rows
             if abs(float(r["score"]) - sum(chapterdemo.expected_points(
                 assignment, r["student_id"]).values())) > 0.011 or r["status"] != "ok"]
    if wrong:
        print(f"\nUNEXPECTED results for: {', '.join(wrong)}")
        return 1
    print(f"\nAll {len(rows)} demo students got the score the reference gives them.")
    return 0


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text}")
    return value


def _graded_course_args(parser: argparse.ArgumentParser, out_help: str) -> None:
    """The ASSIGNMENT argument and the --out course directory shared by several commands."""
    parser.add_argument("assignment", metavar="ASSIGNMENT")
    parser.add_argument("--out", metavar="DIR",
                        help=f"{out_help} (default: grading/ASSIGNMENT)")


def _course_args(parser: argparse.ArgumentParser) -> None:
    """Options of the commands that work across the course."""
    parser.add_argument("--config", metavar="TOML",
                        help="course config (default: ./course.toml if it exists)")
    parser.add_argument("--roster", metavar="CSV", help="class roster (id, name, email, lms_id)")
    parser.add_argument("--root", metavar="DIR", default="grading",
                        help="folder holding each assignment's graded folder (default: grading)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``crm-course`` and its subcommands.

    Examples
    --------
    >>> build_parser().parse_args(["grade", "ch05", "subs"]).cell_timeout
    30
    """
    parser = argparse.ArgumentParser(
        prog="crm-course",
        description="CRM course: start JupyterLab, release exercises, grade a class.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("lab", help="start JupyterLab on the course",
                       description=cmd_lab.__doc__)
    p.add_argument("--lang", choices=["en", "zh"], default="en",
                   help="language of the lectures to open (default: en)")
    p.add_argument("--port", type=int, default=8888)
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    p.add_argument("--root", metavar="DIR",
                   help="folder to serve, holding notebooks/ (default: the course repository)")
    p.add_argument("extra", nargs="*", help="further options passed to jupyter lab")
    p.set_defaults(func=cmd_lab)

    from autograder import present, site, slides

    for module in (present, slides, site):  # classroom mode, slides, the course website
        module.add_parser(sub)

    p = sub.add_parser("release", help="generate exercises/ from solutions/",
                       description=cmd_release.__doc__)
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                   help=f"assignment ids ({', '.join(ASSIGNMENTS)}); default: all available")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("grade", help="grade a folder of submissions or an LMS download",
                       description=cmd_grade.__doc__ + " SUBMISSIONS is an LMS download, "
                       "zipped or not: Canvas's 'Download Submissions', Moodle's 'Download "
                       "all submissions', or one folder per student id with that student's "
                       "notebook (any file name).")
    _graded_course_args(p, "course directory for the gradebook, grades.csv and feedback")
    p.add_argument("submissions", metavar="SUBMISSIONS")
    p.add_argument("--roster", metavar="CSV",
                   help="class roster (id, name, email, lms_id): every enrolled student gets "
                        "a row, those who handed in nothing as missing")
    p.add_argument("--layout", choices=["canvas", "moodle", "folders"],
                   help="layout of the download (default: detected)")
    p.add_argument("--config", metavar="TOML",
                   help="course config with due dates and the late rule "
                        "(default: ./course.toml if it exists)")
    p.add_argument("--jobs", "-j", type=_positive_int, default=None, metavar="N",
                   help=f"submissions graded at once (default: the number of cores, "
                        f"{os.cpu_count()})")
    p.add_argument("--cell-timeout", type=int, default=30, metavar="SECONDS",
                   help="time limit of one cell (default: 30)")
    p.add_argument("--timeout", type=float, default=600, metavar="SECONDS",
                   help="time limit of one whole submission (default: 600)")
    p.add_argument("--memory", default="2G", metavar="SIZE",
                   help="memory limit of one submission, e.g. 2G or 512M (default: 2G)")
    p.add_argument("--force", action="store_true",
                   help="grade again students who are already graded")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--no-feedback", action="store_true", help="skip feedback HTML")
    p.add_argument("--db", metavar="URL", default=os.environ.get("CRM_COURSE_DB"),
                   help="the gradebook: postgresql+psycopg://USER:PASSWORD@HOST/DB shared by "
                        "several graders (default: $CRM_COURSE_DB, else DIR/gradebook.db)")
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("feedback", help="regenerate feedback HTML from the gradebook",
                       description=cmd_feedback.__doc__)
    _graded_course_args(p, "graded course directory")
    p.add_argument("--student", help="only this student (nbgrader id)")
    p.set_defaults(func=cmd_feedback)

    p = sub.add_parser("export", help="export grades (nbgrader CSV, Canvas, Moodle)",
                       description=cmd_export.__doc__)
    p.add_argument("assignment", metavar="ASSIGNMENT", nargs="?",
                   help="one assignment (default with --format canvas|moodle|csv: the course)")
    p.add_argument("--out", metavar="DIR",
                   help="graded course directory of ASSIGNMENT (default: grading/ASSIGNMENT)")
    p.add_argument("--format", choices=["nbgrader", "canvas", "moodle", "csv"],
                   default="nbgrader", help="file to write (default: nbgrader's export)")
    p.add_argument("--to", metavar="FILE", help="file to write (default: in the graded folder)")
    _course_args(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("formgrade", help="grade written tasks by hand in nbgrader's formgrader",
                       description=cmd_formgrade.__doc__)
    _graded_course_args(p, "graded course directory")
    p.add_argument("--port", type=int, default=8890)
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    p.add_argument("extra", nargs="*", help="further options passed to jupyter lab")
    p.set_defaults(func=cmd_formgrade)
    p = sub.add_parser("gradebook", help="the course gradebook across assignments",
                       description=cmd_gradebook.__doc__)
    p.add_argument("--out", metavar="DIR", help="where gradebook.csv and gradebook.html go "
                                                "(default: ROOT/course)")
    _course_args(p)
    p.set_defaults(func=cmd_gradebook)

    p = sub.add_parser("demo", help="grade the bundled demo class and print the gradebook",
                       description=cmd_demo.__doc__)
    p.add_argument("assignment", metavar="ASSIGNMENT", nargs="?", default="ch05",
                   help="the chapter whose demo class to grade (default: ch05)")
    p.add_argument("--small", action="store_true",
                   help="chapter 5 too: only the right, partly right and wrong submissions")
    p.add_argument("--out", metavar="DIR", default="grading/demo",
                   help="where to write the demo class and its grading (default: grading/demo)")
    p.add_argument("--cell-timeout", type=int, default=10, metavar="SECONDS")
    p.add_argument("--timeout", type=float, default=60, metavar="SECONDS",
                   help="time limit of one whole submission (default: 60)")
    p.add_argument("--jobs", "-j", type=_positive_int, default=None, metavar="N")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("tasks", help="every exercise's graded tasks as Markdown",
                       description=cmd_tasks.__doc__)
    p.add_argument("--write", action="store_true", help="write docs/exercises.md")
    p.set_defaults(func=cmd_tasks)

    from autograder.hub.cli import add_hub_parser

    add_hub_parser(sub)  # crm-course hub: a class on JupyterHub
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``crm-course`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (GradingError, ValueError) as exc:
        print(f"crm-course: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
