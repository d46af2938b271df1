"""Benchmark the synthetic data generator: national build time, memory, rows/s, numpy floor.

Run:  .venv/bin/python benchmarks/bench_synth.py [--out DIR] [--seed N] [--skip-workshop]

Prints, for the national scale: the wall time of the full build (generation + writing every
file), the time of generation alone, peak memory (resource.getrusage: maximum resident set
size of the process), rows generated per second, and the floor: the time numpy alone needs
to draw as many random variates as the generator drew (counted by the generator's streams),
with the ratio generation / floor. Then the workshop build time. Targets on the 2-core
machine: national build < 60 s, peak < 4 GB, generation within 4x of the numpy floor,
workshop build < 5 s.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from lrkit.synth.build import DEFAULT_SEED, build, draw
from lrkit.synth.random import count_variates


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _floor(n: int) -> float:
    """Seconds numpy needs to draw ``n`` uniform variates (in 10 m chunks, best of 3)."""
    rng = np.random.default_rng(0)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        left = n
        while left > 0:
            rng.random(min(left, 10_000_000))
            left -= 10_000_000
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="national output folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--skip-workshop", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "national"
        start = time.perf_counter()
        build(out, scale="national", seed=args.seed, progress=False)
        build_seconds = time.perf_counter() - start
        peak_build = _peak_mb()

        with count_variates() as counter:
            start = time.perf_counter()
            generated = draw("national", args.seed)
            generate_seconds = time.perf_counter() - start
        variates = counter[0]
        rows = sum(len(frame) for frame in generated.frames.values())
        del generated
        floor = _floor(variates)

        print("national scale")
        print(f"  build wall time (generate + write): {build_seconds:.1f} s")
        print(f"  generation alone:                   {generate_seconds:.1f} s")
        print(f"  peak memory (max RSS):              {peak_build:,.0f} MB")
        print(f"  rows generated:                     {rows:,}")
        print(f"  rows per second (generation):       {rows / generate_seconds:,.0f}")
        print(f"  rows per second (whole build):      {rows / build_seconds:,.0f}")
        print(f"  random variates drawn:              {variates:,}")
        print(f"  numpy floor for as many variates:   {floor:.2f} s")
        print(f"  generation / floor:                 {generate_seconds / floor:.1f}x")
        if not args.skip_workshop:
            start = time.perf_counter()
            build(Path(tmp) / "workshop", scale="workshop", seed=args.seed)
            print("workshop scale")
            print(f"  build wall time:                    {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
