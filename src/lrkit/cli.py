"""The ``lrkit`` command: thin argument parsing over the package's functions.

lrkit data build [--scale workshop|national] [--seed N] [--out DIR]
lrkit exercises build [--solutions DIR] [--exercises DIR]
lrkit workshop pack --groups groups.csv --out DIR
lrkit workshop collect DIR [--timeout SECONDS]
lrkit db build [--scale workshop|national] [--seed N] [--out FILE]
lrkit report --year 2025 (--province NAME | --all-provinces) [--lang en|vi]
             [--scale workshop|national] [--seed N] [--out DIR] [--jobs N]
lrkit capstone run --province NAME --year 2025 [--seed N] [--lang en|vi] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lrkit.exercises.build import build_exercises
from lrkit.synth.build import DEFAULT_SEED, SCALES, build


def _seed(text: str) -> int:
    try:
        seed = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"seed must be a whole number, got {text!r}") from None
    if seed < 0:
        raise argparse.ArgumentTypeError(f"seed must be 0 or more, got {seed}")
    return seed


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lrkit", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    data = commands.add_parser("data", help="synthetic datasets").add_subparsers(
        dest="action", required=True
    )
    data_build = data.add_parser("build", help="generate a scale of synthetic data")
    data_build.add_argument(
        "--scale", choices=SCALES, default="workshop",
        help="workshop: the 3 pilot provinces (committed); national: all provinces (on demand)",
    )
    data_build.add_argument(
        "--seed", type=_seed, default=DEFAULT_SEED,
        help=f"random seed, a whole number of 0 or more (default: {DEFAULT_SEED})",
    )  # fmt: skip
    data_build.add_argument(
        "--out", type=Path, default=None, help="output folder (default: datasets/<scale>)"
    )

    exercises = commands.add_parser("exercises", help="exercise notebooks").add_subparsers(
        dest="action", required=True
    )
    ex_build = exercises.add_parser("build", help="write learner notebooks from solutions")
    ex_build.add_argument("--solutions", type=Path, default=Path("solutions"))
    ex_build.add_argument("--exercises", type=Path, default=Path("exercises"))
    ex_build.add_argument(
        "--book-pages",
        type=Path,
        default=Path("book/exercises"),
        help="where the book's exercise pages go (default: book/exercises)",
    )
    _add_workshop(commands)
    _add_db(commands)
    _add_report(commands)
    _add_capstone(commands)
    return parser


def _add_capstone(commands: argparse._SubParsersAction) -> None:
    capstone = commands.add_parser(
        "capstone", help="the capstone mini-project, end to end"
    ).add_subparsers(dest="action", required=True)
    run = capstone.add_parser(
        "run", help="raw deliveries → clean → link → indicators → impact → policy brief"
    )
    run.add_argument("--province", required=True, help='a pilot province, e.g. "Đồng Nai"')
    run.add_argument("--year", required=True, help="survey year (2022-2025)")
    run.add_argument(
        "--seed", type=_seed, default=None, help="data seed (default: the committed data)"
    )
    run.add_argument("--lang", default="en", help="language of the brief: en or vi")
    run.add_argument("--out", type=Path, default=Path("build/capstone"), help="output folder")


def _capstone(args: argparse.Namespace) -> int:
    from lrkit.capstone import run_capstone

    try:
        result = run_capstone(args.out, args.province, args.year, args.seed, args.lang,
                              progress=print)  # fmt: skip
    except TypeError as error:  # a parameter of the wrong kind, e.g. --year twenty
        raise ValueError(str(error)) from None
    for check in result.checks:
        print(f"[{'x' if check.passed else ' '}] {check.name}")
    print(f"brief: {result.files['brief.html']}; checklist: {result.files['checklist.md']}")
    return 0 if result.passed else 1


def _add_report(commands: argparse._SubParsersAction) -> None:
    from lrkit.synth.params import YEARS

    report = commands.add_parser(
        "report", help="the annual IR report: HTML (code hidden), PNG charts, XLSX tables"
    )
    report.add_argument(
        "--year",
        type=int,
        default=YEARS[-1],
        help=f"survey year, 2020-{YEARS[-1]} (default {YEARS[-1]})",
    )
    where = report.add_mutually_exclusive_group(required=True)
    where.add_argument("--province", help='a current province, or "Viet Nam" (national scale)')
    where.add_argument(
        "--all-provinces", action="store_true", help="one report per province, in parallel"
    )
    report.add_argument(
        "--lang", choices=("en", "vi"), default="en", help="language of the report (default en)"
    )
    report.add_argument(
        "--scale",
        choices=SCALES,
        default="workshop",
        help="workshop: the 3 pilot provinces; national: all 34 and the whole country",
    )
    report.add_argument(
        "--seed", type=_seed, default=None, help="data seed (default: the committed data)"
    )
    report.add_argument(
        "--out", type=Path, default=Path("reports"), help="output folder (default: reports)"
    )
    report.add_argument(
        "--jobs", type=int, default=2, help="parallel processes for --all-provinces (default 2)"
    )


def _report(args: argparse.Namespace) -> int:
    from lrkit.report import run_all, run_report

    common = {"scale": args.scale, "out": args.out, "seed": args.seed}
    if not args.all_provinces:
        html = run_report(args.year, args.province, args.lang, **common)
        print(f"wrote {html} (charts and tables beside it)")
        return 0
    summary = run_all(args.year, args.lang, jobs=args.jobs, **common)
    print(f"{len(summary.reports)} report(s) written; index: {summary.index}")
    for area, problem in summary.failures.items():
        print(f"lrkit: error: {area}: {problem}", file=sys.stderr)
    return 1 if summary.failures else 0


def _add_db(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="the national IR database (DuckDB)").add_subparsers(
        dest="action", required=True
    )
    db_build = db.add_parser("build", help="build the DuckDB database from the clean datasets")
    db_build.add_argument("--scale", choices=SCALES, default="workshop")
    db_build.add_argument(
        "--seed", type=_seed, default=None, help="data seed (default: the committed data)"
    )
    db_build.add_argument(
        "--out", type=Path, default=None, help="database file (default: build/ir_<scale>.duckdb)"
    )


def _add_workshop(commands: argparse._SubParsersAction) -> None:
    workshop = commands.add_parser("workshop", help="run a workshop").add_subparsers(
        dest="action", required=True
    )
    pack = workshop.add_parser("pack", help="a folder of exercises and data per group")
    pack.add_argument(
        "--groups",
        type=Path,
        required=True,
        help="CSV with columns group, province, year[, seed, lang]",
    )
    pack.add_argument("--out", type=Path, required=True, help="new folder for the pack")
    pack.add_argument("--solutions", type=Path, default=Path("solutions"))
    pack.add_argument("--exercises", type=Path, default=Path("exercises"))
    pack.add_argument(
        "--jobs", type=int, default=None, help="answer keys run at once (default: CPU cores)"
    )
    collect = workshop.add_parser("collect", help="run returned notebooks, tabulate progress")
    collect.add_argument("folder", type=Path, help="folder of returned notebooks")
    collect.add_argument("--solutions", type=Path, default=Path("solutions"))
    collect.add_argument("--out", type=Path, default=None, help="where the table goes")
    collect.add_argument("--timeout", type=int, default=120, help="seconds per notebook")


def _workshop(args: argparse.Namespace) -> None:
    from lrkit.exercises.collect import collect
    from lrkit.exercises.pack import pack

    if args.action == "pack":
        folders = pack(args.groups, args.out, args.solutions, args.exercises, jobs=args.jobs)
        print(
            f"packed {len(folders)} group(s) in {args.out / 'groups'}; "
            f"answer key (trainer only) in {args.out / 'answer-key'}"
        )
    else:
        table = collect(args.folder, args.solutions, args.out, args.timeout)
        where = args.out or args.folder
        print(f"{len(table)} notebook(s) run; progress in {where / 'progress.csv'} and .html")


def main(argv: list[str] | None = None) -> int:
    """Run the ``lrkit`` command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "data":
            out = args.out or Path("datasets") / args.scale
            paths = build(out, scale=args.scale, seed=args.seed)
            print(f"wrote {len(paths)} files to {out} (scale {args.scale}, seed {args.seed})")
        elif args.command == "exercises":
            paths = build_exercises(args.solutions, args.exercises, args.book_pages)
            print(f"wrote {len(paths)} file(s) to {args.exercises} and {args.book_pages}")
        elif args.command == "workshop":
            _workshop(args)
        elif args.command == "db":
            from lrkit.database import build_database

            out = args.out or Path("build") / f"ir_{args.scale}.duckdb"
            path = build_database(out, scale=args.scale, seed=args.seed)
            print(f"wrote the national IR database to {path} (scale {args.scale})")
        elif args.command == "report":
            return _report(args)
        elif args.command == "capstone":
            return _capstone(args)
    except (ValueError, PermissionError, FileNotFoundError, FileExistsError) as error:
        print(f"lrkit: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
