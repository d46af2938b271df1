"""``python -m lrkit.doctor``: check a participant's set-up and say what to fix.

It checks what participants most often get wrong: the wrong Python (another environment),
a missing package, the notebook kernel pointing at another Python, the workshop data not
found, a font without Vietnamese letters, too little disk space, and a proxy that would
catch JupyterLab's own connection. Each line says OK, WARN or FAIL; the exit status is 1
when something FAILed.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

PACKAGES = (
    "numpy",
    "pandas",
    "pyarrow",
    "matplotlib",
    "seaborn",
    "statsmodels",
    "papermill",
    "ipykernel",
    "jupyterlab",
)
VIETNAMESE = "ạảãàáâậầấẩẫăắằặẳẵđêệềếểễôộồốổỗơợờớởỡưựừứửữỵỳýỷỹĐ"
MIN_FREE_GB = 1.0

Check = tuple[str, str, str]  # status, what, detail


def check_python() -> Check:
    """Check the running Python: its version and where it lives."""
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:2] < (3, 11):  # noqa: UP036 (a wrong Python can still run this)
        return "FAIL", "Python", f"{version} at {sys.executable}: the kit needs 3.11 or newer"
    return "OK", "Python", f"{version} at {sys.executable}"


def check_lrkit() -> Check:
    """Check the kit itself."""
    import lrkit

    return "OK", "lrkit", f"{lrkit.__version__} from {Path(lrkit.__file__).parent}"


def check_packages() -> Check:
    """Check the packages the notebooks import."""
    missing = []
    for name in PACKAGES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        return (
            "FAIL",
            "packages",
            f"missing: {', '.join(missing)}; this is not the kit's "
            "environment, or its installation did not finish",
        )
    return "OK", "packages", ", ".join(PACKAGES)


def check_kernel() -> Check:
    """Check that the ``python3`` kernel the notebooks ask for runs this Python."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:
        return "FAIL", "kernel", "jupyter_client is missing"
    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        return "FAIL", "kernel", "no kernel named python3: run  python -m ipykernel install --user"
    command = spec.argv[0] if spec.argv else ""
    if command in ("python", "python3", "{python}") or not os.path.isabs(command):
        return "OK", "kernel", "python3 runs the Python that starts JupyterLab"
    same = Path(command).resolve() == Path(sys.executable).resolve()
    if same or Path(command).parent.resolve() == Path(sys.executable).parent.resolve():
        return "OK", "kernel", f"python3 runs {command}"
    return (
        "WARN",
        "kernel",
        f"python3 runs {command}, not this Python ({sys.executable}); "
        f"the kernel spec is in {spec.resource_dir}: start JupyterLab from the kit's "
        "environment, or remove that kernel spec",
    )


def check_data() -> Check:
    """Check that the workshop datasets can be found."""
    from lrkit.data import datasets_root

    try:
        root = datasets_root()
    except FileNotFoundError:
        return (
            "WARN",
            "data",
            "no datasets/ folder here or above: start JupyterLab in the "
            "kit's folder, or run  lrkit data build --out datasets/workshop",
        )
    if not (root / "workshop" / "workers.parquet").exists():
        return "WARN", "data", f"{root / 'workshop'} has no data: run  lrkit data build"
    return "OK", "data", str(root / "workshop")


def check_font() -> Check:
    """Check that the chart font has every Vietnamese letter."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from lrkit.plots import FONT

    path = font_manager.findfont(FONT, fallback_to_default=False)
    font = FT2Font(path)
    lacking = [c for c in VIETNAMESE if font.get_char_index(ord(c)) == 0]
    if lacking:
        return "FAIL", "font", f"{path} lacks {''.join(lacking)}"
    return "OK", "font", f"{FONT} has every Vietnamese letter"


def check_disk() -> Check:
    """Check the free space where the participant works."""
    free = shutil.disk_usage(Path.cwd()).free / 1e9
    if free < MIN_FREE_GB:
        return (
            "WARN",
            "disk",
            f"only {free:.1f} GB free in {Path.cwd()}: free at least {MIN_FREE_GB:.0f} GB",
        )
    return "OK", "disk", f"{free:.1f} GB free"


def check_proxy() -> Check:
    """Check that no proxy catches the browser's connection to JupyterLab."""
    proxies = [
        k for k in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy") if os.environ.get(k)
    ]
    if not proxies:
        return "OK", "proxy", "none set"
    bypass = (os.environ.get("NO_PROXY", "") + "," + os.environ.get("no_proxy", "")).lower()
    if "localhost" in bypass and "127.0.0.1" in bypass:
        return "OK", "proxy", f"{', '.join(proxies)} set; localhost bypassed"
    return (
        "WARN",
        "proxy",
        f"{', '.join(proxies)} set: also set NO_PROXY=localhost,127.0.0.1 "
        "so that the browser reaches JupyterLab directly",
    )


CHECKS: tuple[Callable[[], Check], ...] = (
    check_python,
    check_lrkit,
    check_packages,
    check_kernel,
    check_data,
    check_font,
    check_disk,
    check_proxy,
)


def run_checks() -> list[Check]:
    """Run every check; a check that raises is reported as FAIL, never fatal."""
    results = []
    for check in CHECKS:
        try:
            results.append(check())
        except Exception as error:  # a broken environment must still get a report
            name = check.__name__.removeprefix("check_")
            results.append(("FAIL", name, f"{type(error).__name__}: {error}"))
    return results


def main() -> int:
    """Print the report; return 1 if a check failed."""
    results = run_checks()
    for status, what, detail in results:
        print(f"{status:<5} {what:<9} {detail}")
    failed = sum(s == "FAIL" for s, _, _ in results)
    warned = sum(s == "WARN" for s, _, _ in results)
    if failed or warned:
        print(f"lrkit set-up check: {failed} failure(s), {warned} warning(s)")
    else:
        print("lrkit set-up check: all OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
