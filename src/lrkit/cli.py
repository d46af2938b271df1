"""The ``lrkit`` command: thin argument parsing over the package's functions.

lrkit data build [--scale workshop|national] [--seed N] [--out DIR]
lrkit exercises build [--solutions DIR] [--exercises DIR]
lrkit workshop pack --groups groups.csv --out DIR
lrkit workshop collect DIR [--timeout SECONDS]
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
    data_build.add_argument("--seed", type=_seed, default=DEFAULT_SEED)
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
    return parser


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
    collect = workshop.add_parser("collect", help="run returned notebooks, tabulate progress")
    collect.add_argument("folder", type=Path, help="folder of returned notebooks")
    collect.add_argument("--solutions", type=Path, default=Path("solutions"))
    collect.add_argument("--out", type=Path, default=None, help="where the table goes")
    collect.add_argument("--timeout", type=int, default=120, help="seconds per notebook")


def _workshop(args: argparse.Namespace) -> None:
    from lrkit.exercises.collect import collect
    from lrkit.exercises.pack import pack

    if args.action == "pack":
        folders = pack(args.groups, args.out, args.solutions, args.exercises)
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
    except (ValueError, PermissionError, FileNotFoundError, FileExistsError) as error:
        print(f"lrkit: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
