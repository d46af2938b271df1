"""An offline installer of the kit: one folder to copy to a USB stick.

``python -m lrkit.wheelhouse --out build/wheelhouse`` (``make wheelhouse``) writes::

    wheels/          the kit's own wheel and every package it needs, as wheels, for each
                     target platform and Python version (see TARGETS)
    datasets/        the workshop datasets (datasets/workshop)
    exercises/       the learner notebooks;  notebooks/  the trainers' notebooks
    book/            the built book (HTML), readable offline, if it was built
    book-notebooks/  the book's pages as notebooks (.ipynb), if the book was built
    INSTALL.txt      the procedure, for Windows, macOS and Linux
    install.bat, install.sh, start-jupyter.bat, start-jupyter.sh
    SHA256SUMS       a checksum per file, to check the copy on the stick

Each target is resolved with ``uv pip compile --python-platform ... --python-version ...``,
which evaluates the dependencies' environment markers *for the target* (pip evaluates them
for the machine it runs on, so it would miss, say, ``pywinpty`` on Windows or ``aiohttp``
on Python 3.12). The pinned list is kept in ``requirements/TARGET.txt``, and its wheels are
fetched with ``pip download --no-deps --only-binary=:all: --platform ...``. Each target is
then checked by resolving the kit again with uv against the folder alone (``--no-index``).
A package with no wheel for a target makes that target incomplete (reported in INSTALL.txt
and by the exit status); at the time of writing every package has wheels for all eight.
The wheels/ folder is kept between runs, so a second run downloads only what changed.
``--platforms current`` serves this machine only, with pip alone (no uv needed), building
source-only packages into wheels.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Target:
    """A platform and Python version that the wheelhouse serves."""

    name: str
    platforms: tuple[str, ...]  # pip platform tags, most specific first
    python: str  # "3.11"
    uv_platform: str = ""  # uv's --python-platform

    @property
    def abi(self) -> str:
        """The CPython ABI tag, for example ``cp311``."""
        return "cp" + self.python.replace(".", "")

    def pip_args(self) -> list[str]:
        """Return the pip options that select this target's wheels."""
        args = ["--only-binary=:all:"]
        for platform in self.platforms:
            args += ["--platform", platform]
        return args + ["--python-version", self.python, "--implementation", "cp", "--abi", self.abi]


# pip expands a macOS tag to every older macOS version, but not a PEP 600 manylinux tag to
# older glibc versions, so Linux lists them: glibc 2.28 (Debian 10, Ubuntu 20.04, RHEL 8) is
# the newest required. macOS 12 is the oldest served.
_MANYLINUX = (
    *(f"manylinux_2_{minor}_x86_64" for minor in range(28, 4, -1)),
    "manylinux2014_x86_64",
    "manylinux2010_x86_64",
    "manylinux1_x86_64",
)
PLATFORMS: dict[str, tuple[tuple[str, ...], str]] = {
    "windows-x86_64": (("win_amd64",), "x86_64-pc-windows-msvc"),
    "macos-arm64": (("macosx_12_0_arm64",), "aarch64-apple-darwin"),
    "macos-x86_64": (("macosx_12_0_x86_64",), "x86_64-apple-darwin"),
    "linux-x86_64": (_MANYLINUX, "x86_64-manylinux_2_28"),
}
MACOS_TARGET = "12.0"  # uv's macOS version for the macOS targets
PYTHONS = ("3.11", "3.12")
TARGETS = tuple(
    Target(f"{name}-py{py}", tags, py, uv)
    for name, (tags, uv) in PLATFORMS.items()
    for py in PYTHONS
)


def _pip(*args: str, quiet: bool = True) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pip", *args]
    if quiet:
        command.append("--quiet")
    return subprocess.run(command, capture_output=True, text=True)


def _run_pip(*args: str) -> None:
    result = _pip(*args)
    if result.returncode != 0:
        raise RuntimeError(f"pip {' '.join(args[:2])} failed:\n{result.stderr[-3000:]}")


def build_kit_wheel(wheels: Path, source: Path = ROOT) -> Path:
    """Build the kit's own wheel from a clean copy of its source; return its path."""
    with tempfile.TemporaryDirectory(prefix="lrkit-wheel-") as work:
        copy = Path(work) / "lrkit"
        copy.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(source / name, copy / name)
        shutil.copytree(
            source / "src",
            copy / "src",
            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"),
        )
        out = Path(work) / "dist"
        _run_pip("wheel", "--no-deps", "--wheel-dir", str(out), str(copy))
        built = sorted(out.glob("lrkit-*.whl"))
        if not built:
            raise RuntimeError("pip wheel did not produce the kit's wheel")
        for old in wheels.glob("lrkit-*.whl"):
            old.unlink()
        target = wheels / built[0].name
        shutil.copy2(built[0], target)
        return target


def wheels_for_this_machine(kit: Path, wheels: Path) -> list[str]:
    """Fetch or build every dependency as a wheel for this machine's platform and Python.

    Packages published only as source archives are built into wheels here. Returns the
    names of those that came out platform-specific (compiled): other platforms cannot use
    them, and their targets then fail the offline check.
    """
    with tempfile.TemporaryDirectory(prefix="lrkit-deps-") as work:
        downloaded, built = Path(work) / "downloaded", Path(work) / "built"
        _run_pip("download", "--dest", str(downloaded), "--find-links", str(wheels), str(kit))
        sdists = [p for p in downloaded.iterdir() if not p.name.endswith(".whl")]
        if sdists:
            _run_pip("wheel", "--no-deps", "--wheel-dir", str(built), *map(str, sdists))
        compiled = []
        for wheel in [*downloaded.glob("*.whl"), *built.glob("*.whl")]:
            if wheel.parent == built and not wheel.name.endswith("-none-any.whl"):
                compiled.append(wheel.name)
            if not (wheels / wheel.name).exists():
                shutil.copy2(wheel, wheels / wheel.name)
    return compiled


def find_uv() -> str:
    """Return the ``uv`` executable (the PyPI package ``uv``, a dev dependency of the kit)."""
    try:
        from uv import find_uv_bin

        return find_uv_bin()
    except (ImportError, FileNotFoundError):
        found = shutil.which("uv")
    if not found:
        raise RuntimeError(
            "uv is needed to resolve other platforms' dependencies: pip install uv "
            "(make setup installs it)"
        )
    return found


def _uv_compile(
    target: Target, requirements: Path, wheels: Path, out: Path, offline: bool = False
) -> subprocess.CompletedProcess:
    command = [
        find_uv(),
        "pip",
        "compile",
        str(requirements),
        "--quiet",
        "--no-header",
        "--no-annotate",
        "--python-platform",
        target.uv_platform,
        "--python-version",
        target.python,
        "--only-binary",
        ":all:",
        "--find-links",
        str(wheels),
        "--output-file",
        str(out),
    ]
    if offline:
        command += ["--no-index", "--offline"]
    env = dict(os.environ, MACOSX_DEPLOYMENT_TARGET=MACOS_TARGET, UV_NO_CONFIG="1")
    return subprocess.run(command, capture_output=True, text=True, env=env)


def kit_requirements(source: Path = ROOT) -> list[str]:
    """Return the kit's own dependencies (``[project] dependencies`` of pyproject.toml)."""
    import tomllib

    project = tomllib.loads((source / "pyproject.toml").read_text("utf-8"))["project"]
    return list(project["dependencies"])


def download_for(target: Target, wheels: Path, pinned: Path, source: Path = ROOT) -> str:
    """Pin ``target``'s packages into ``pinned`` and download their wheels.

    Returns an empty string, or what went wrong.
    """
    with tempfile.TemporaryDirectory(prefix="lrkit-req-") as work:
        requirements = Path(work) / "requirements.in"
        requirements.write_text("\n".join(kit_requirements(source)) + "\n", encoding="utf-8")
        result = _uv_compile(target, requirements, wheels, pinned)
    if result.returncode != 0:
        return result.stderr.strip()[-1500:] or "uv pip compile failed"
    result = _pip(
        "download",
        "--no-deps",
        *target.pip_args(),
        "--dest",
        str(wheels),
        "--find-links",
        str(wheels),
        "--requirement",
        str(pinned),
    )
    if result.returncode != 0:
        found = re.findall(r"No matching distribution found for (\S+)", result.stderr)
        return "no wheel for " + ", ".join(sorted(set(found))) if found else result.stderr[-1500:]
    return ""


def check_offline(target: Target | None, wheels: Path) -> str:
    """Resolve the kit against the folder alone; return an empty string or the complaint.

    For another platform uv resolves it with that platform's markers; for this machine
    pip does (``pip install --dry-run --no-index``).
    """
    with tempfile.TemporaryDirectory(prefix="lrkit-check-") as work:
        if target is not None:
            requirements = Path(work) / "kit.in"
            requirements.write_text("lrkit\n", encoding="utf-8")
            result = _uv_compile(target, requirements, wheels, Path(work) / "out.txt", offline=True)
        else:
            result = _pip(
                "install",
                "--dry-run",
                "--ignore-installed",
                "--no-index",
                "--find-links",
                str(wheels),
                "--target",
                work,
                "lrkit",
            )
    return "" if result.returncode == 0 else (result.stderr.strip()[-1500:] or "failed")


# --------------------------------------------------------------------------- the other files

INSTALL = """\
lrkit: labour relations data training kit (Viet Nam) — offline installation
=============================================================================

This folder installs the kit on a laptop with no internet. Copy the WHOLE folder from the
USB stick to the laptop first (for example to Documents\\lrkit-workshop on Windows or
~/lrkit-workshop on macOS and Linux); do not run it from the stick.

What the laptop needs: Python {pythons} (64-bit), about 2 GB of free disk space.
Python itself is not in this folder: install it from the python.org installer that your
trainer copied to the stick, and on Windows tick "Add python.exe to PATH".

Windows (10 or 11, 64-bit)
  1. Open the folder, double-click install.bat. Wait (a few minutes); the last lines say
     "lrkit set-up check: all OK".
  2. Double-click start-jupyter.bat. JupyterLab opens in the browser.
macOS (12 or newer, Apple silicon or Intel) and Linux (x86_64, glibc 2.28 or newer)
  1. Open Terminal in this folder and run:   sh install.sh
  2. Then:                                  sh start-jupyter.sh

In JupyterLab, open exercises/ for the exercises and book-notebooks/ for the modules; open
book/index.html in a browser to read the book offline. The data are in datasets/workshop:
they are SYNTHETIC (drawn by a model for teaching) and describe no real person or firm.

By hand, on any platform (after creating and activating a virtual environment):
  python -m pip install --no-index --find-links wheels lrkit

Platforms in this folder (checked when it was made):
{platforms}

Made {made} with `make wheelhouse` (lrkit {version}). Check a copy with: sha256sum -c SHA256SUMS
"""

INSTALL_SH = """\
#!/bin/sh
# Install the lrkit kit from this folder, with no internet (macOS, Linux).
set -e
cd "$(dirname "$0")"
# PYTHON=/path/to/python sh install.sh  chooses the Python; otherwise the newest 3.12 or 3.11.
CANDIDATES="${PYTHON:-python3.12 python3.11 python3}"
PY=""
for candidate in $CANDIDATES; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c \\
      'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 12) else 1)'; then
    PY="$candidate"; break
  fi
done
if [ -z "$PY" ]; then
  echo "lrkit needs Python 3.11 or 3.12: install it first (see INSTALL.txt)." >&2
  exit 1
fi
echo "Using $(command -v "$PY") ($("$PY" --version))"
"$PY" -m venv .venv
.venv/bin/python -m pip install --no-index --find-links wheels lrkit
.venv/bin/python -m lrkit.doctor
echo "Done. Start JupyterLab with: sh start-jupyter.sh"
"""

START_SH = """\
#!/bin/sh
# Open JupyterLab on this folder with the kit's Python.
cd "$(dirname "$0")"
exec .venv/bin/python -m jupyterlab --notebook-dir=.
"""

INSTALL_BAT = r"""@echo off
rem Install the lrkit kit from this folder, with no internet (Windows).
setlocal
cd /d "%~dp0"
set "PY="
py -3.12 -c "import sys" >nul 2>&1 && set "PY=py -3.12"
if not defined PY (py -3.11 -c "import sys" >nul 2>&1 && set "PY=py -3.11")
set "CHECK=import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 12) else 1)"
if not defined PY (python -c "%CHECK%" >nul 2>&1 && set "PY=python")
if not defined PY (
  echo lrkit needs Python 3.11 or 3.12: install it first, see INSTALL.txt.
  pause
  exit /b 1
)
%PY% -m venv .venv || goto :failed
.venv\Scripts\python.exe -m pip install --no-index --find-links wheels lrkit || goto :failed
.venv\Scripts\python.exe -m lrkit.doctor
echo Done. Double-click start-jupyter.bat to open JupyterLab.
pause
exit /b 0
:failed
echo The installation failed: read the messages above, then the Troubleshooting page of the book.
pause
exit /b 1
"""

START_BAT = r"""@echo off
rem Open JupyterLab on this folder with the kit's Python.
cd /d "%~dp0"
.venv\Scripts\python.exe -m jupyterlab --notebook-dir=.
pause
"""


def _copy_tree(source: Path, target: Path, ignore: tuple[str, ...] = ()) -> None:
    if source.is_dir():
        shutil.copytree(
            source,
            target,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", *ignore),
        )


def _write(path: Path, text: str, crlf: bool = False, executable: bool = False) -> None:
    data = text.replace("\n", "\r\n") if crlf else text
    path.write_bytes(data.encode("utf-8"))
    if executable:
        path.chmod(0o755)


def _checksums(out: Path) -> None:
    lines = []
    for path in sorted(p for p in out.rglob("*") if p.is_file() and p.name != "SHA256SUMS"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(out).as_posix()}")
    (out / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build_wheelhouse(
    out: Path,
    targets: tuple[Target, ...] | None = TARGETS,
    book_html: Path | None = None,
    source: Path = ROOT,
    log=print,
) -> dict[str, str]:
    """Write the offline installer into ``out``; return each target's status ("ok" or why not).

    ``targets=None`` serves this machine's platform and Python only (what the tests use).
    """
    started = time.monotonic()
    out = Path(out)
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    for child in out.iterdir():  # everything but the wheels is rewritten
        if child.name != "wheels":
            shutil.rmtree(child) if child.is_dir() else child.unlink()

    kit = build_kit_wheel(wheels, source)
    log(f"kit wheel: {kit.name}")
    status: dict[str, str] = {}
    if targets is None:  # this machine only, with pip alone
        compiled = wheels_for_this_machine(kit, wheels)
        if compiled:
            log(f"built from source, platform-specific: {', '.join(compiled)}")
        here = f"this machine ({sys.platform}, Python {sys.version_info[0]}.{sys.version_info[1]})"
        status[here] = check_offline(None, wheels) or "ok"
    else:
        (out / "requirements").mkdir()
    for target in targets or ():
        pinned = out / "requirements" / f"{target.name}.txt"
        problem = download_for(target, wheels, pinned, source) or check_offline(target, wheels)
        status[target.name] = problem or "ok"
        log(f"{target.name:<24} {'ok' if not problem else problem.splitlines()[-1]}")

    _copy_tree(source / "datasets" / "workshop", out / "datasets" / "workshop")
    _copy_tree(source / "exercises", out / "exercises")
    _copy_tree(source / "notebooks", out / "notebooks")
    if book_html is not None and Path(book_html).is_dir():
        _copy_tree(Path(book_html), out / "book", ignore=(".buildinfo",))
        for notebook in sorted((Path(book_html) / "_sources").rglob("*.ipynb")):
            relative = notebook.relative_to(Path(book_html) / "_sources")
            target = out / "book-notebooks" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(notebook, target)

    from lrkit import __version__

    table = "\n".join(
        f"  {name:<28} {'ok' if s == 'ok' else 'INCOMPLETE: ' + s.splitlines()[-1]}"
        for name, s in status.items()
    )
    _write(
        out / "INSTALL.txt",
        INSTALL.format(
            pythons=" or ".join(PYTHONS),
            platforms=table,
            version=__version__,
            made=time.strftime("%Y-%m-%d"),
        ),
        crlf=True,
    )
    _write(out / "install.sh", INSTALL_SH, executable=True)
    _write(out / "start-jupyter.sh", START_SH, executable=True)
    _write(out / "install.bat", INSTALL_BAT, crlf=True)
    _write(out / "start-jupyter.bat", START_BAT, crlf=True)
    _checksums(out)
    log(
        f"wrote {out}: {_size(out) / 1e6:,.0f} MB ({_size(wheels) / 1e6:,.0f} MB of wheels, "
        f"{len(list(wheels.glob('*.whl')))} wheels) in {time.monotonic() - started:,.0f} s"
    )
    return status


def main(argv: list[str] | None = None) -> int:
    """Build the wheelhouse from the command line; exit 1 if a target is incomplete."""
    parser = argparse.ArgumentParser(
        prog="python -m lrkit.wheelhouse", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", type=Path, default=Path("build/wheelhouse"))
    parser.add_argument(
        "--platforms",
        default="all",
        help="'all' (default), 'current' (this machine only) or a comma-separated list of "
        f"{', '.join(PLATFORMS)}",
    )
    parser.add_argument(
        "--python", default=",".join(PYTHONS), help="Python versions, e.g. 3.11,3.12"
    )
    parser.add_argument("--book", type=Path, default=None, help="the built book's html folder")
    args = parser.parse_args(argv)
    if args.platforms == "current":
        targets = None
    else:
        names = list(PLATFORMS) if args.platforms == "all" else args.platforms.split(",")
        unknown = [n for n in names if n not in PLATFORMS]
        if unknown:
            parser.error(f"unknown platform(s) {unknown}; known: {', '.join(PLATFORMS)}")
        pythons = [p.strip() for p in args.python.split(",")]
        targets = tuple(
            Target(f"{n}-py{p}", PLATFORMS[n][0], p, PLATFORMS[n][1])
            for n in names
            for p in pythons
        )
    os.environ.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    try:
        status = build_wheelhouse(args.out, targets, args.book)
    except RuntimeError as error:
        print(f"lrkit.wheelhouse: error: {error}", file=sys.stderr)
        return 2
    incomplete = [name for name, s in status.items() if s != "ok"]
    if incomplete:
        print(f"incomplete: {', '.join(incomplete)} (see INSTALL.txt)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
