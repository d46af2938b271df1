"""Benchmark: the annual IR report for one province, and for all 34, at national scale.

Runs the `lrkit report` command as a user does, each time in a fresh process (so the times
include starting Python, papermill and the notebook's kernel, loading the national data,
computing, drawing the charts, writing the XLSX and the HTML):

1. one report: `lrkit report --year 2025 --province "Đồng Nai" --scale national --lang vi`;
2. all provinces: `lrkit report --year 2025 --all-provinces --scale national --lang vi`,
   with `--jobs` parallel processes (2 on the kit's reference machine).

Targets on a 2-core machine: under 20 s for one report, under 6 minutes for all 34. The
national data are built first if they are missing (`lrkit data build --scale national`,
timed separately). The load average is printed before and after: other work on the machine
slows every step.

    .venv/bin/python benchmarks/bench_report.py [--jobs 2] [--lang vi] [--province NAME]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lrkit.report import missing_scale_message

ONE_TARGET_S = 20.0
ALL_TARGET_S = 6 * 60.0
LRKIT = Path(sys.executable).with_name("lrkit")


def _run(arguments: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([str(LRKIT), *arguments], check=True)
    return time.perf_counter() - start


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--province", default="Đồng Nai")
    parser.add_argument("--lang", default="vi", choices=("en", "vi"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the reports (printed path)")
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} CPU(s); load average {_load()}")
    if missing_scale_message("national"):
        print("national data missing: building them first")
        built = _run(["data", "build", "--scale", "national", "--out", "datasets/national"])
        print(f"  lrkit data build --scale national: {built:.1f} s")

    out = Path(tempfile.mkdtemp(prefix="lrkit-reports-"))
    common = ["--year", str(args.year), "--scale", "national", "--lang", args.lang]
    one = _run(["report", "--province", args.province, "--out", str(out / "one"), *common])
    every = _run(
        ["report", "--all-provinces", "--jobs", str(args.jobs), "--out", str(out / "all"), *common]
    )
    reports = sorted((out / "all").glob("*/report.html"))

    print(f"load average after: {_load()}")
    verdict = "OK" if one < ONE_TARGET_S else "SLOWER THAN TARGET"
    print(
        f"one report ({args.province}, {args.year}, {args.lang}): {one:.1f} s "
        f"(target < {ONE_TARGET_S:.0f} s: {verdict})"
    )
    verdict = "OK" if every < ALL_TARGET_S else "SLOWER THAN TARGET"
    print(
        f"all provinces ({len(reports)} reports, {args.jobs} processes): {every:.1f} s = "
        f"{every / 60:.1f} min, {every / max(len(reports), 1):.1f} s per report "
        f"(target < {ALL_TARGET_S / 60:.0f} min: {verdict})"
    )
    if len(reports) != 34:
        raise SystemExit(f"expected 34 reports, found {len(reports)}")
    if args.keep:
        print(f"reports kept in {out}")
    else:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
