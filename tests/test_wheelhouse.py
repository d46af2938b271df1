"""The offline installer: built from PyPI, then installed with the network switched off.

`make wheelhouse` serves eight platform and Python combinations; that takes minutes and
about 1.4 GB, so the test builds the folder for one of them, Linux x86_64 with this
Python's version (the same code path as `make wheelhouse`: resolved with uv for the target,
downloaded with pip for its platform tags, checked offline), and then, inside a network
namespace that has no network at all (`unshare -n`), runs the folder's own install.sh into
a new environment, builds the workshop data with the installed kit and runs a learner
notebook.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lrkit.wheelhouse import PLATFORMS, Target, build_wheelhouse

pytestmark = pytest.mark.slow


# A new network namespace has only a loopback interface, and it is down. A laptop without
# internet still has its loopback, which Jupyter's kernels use (127.0.0.1), so it is brought
# up (with an ioctl, as `ip` may be missing) before the command runs. Nothing else exists.
LOOPBACK_UP = """
import fcntl, os, socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
flags = struct.unpack("16sH", fcntl.ioctl(s, 0x8913, struct.pack("16sH", b"lo", 0))[:18])[1]
fcntl.ioctl(s, 0x8914, struct.pack("16sH", b"lo", flags | 1))
os.execvp(sys.argv[1], sys.argv[1:])
"""


def _offline_prefix() -> list[str]:
    """The command prefix that runs a program with no network, or fail saying why."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.fail("unshare (util-linux) is needed to test the offline installation")
    for flags in ("-n", "-rn"):  # as root (CI); as a user where user namespaces are allowed
        prefix = [unshare, flags, sys._base_executable, "-c", LOOPBACK_UP]
        if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix
    pytest.fail("cannot make a network namespace here (run the tests as root, as CI does)")


@pytest.fixture(scope="module")
def wheelhouse(root, tmp_path_factory) -> Path:
    if sys.platform != "linux" or os.uname().machine != "x86_64":
        pytest.fail("the offline-install test runs on Linux x86_64 (as CI does)")
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    tags, uv_platform = PLATFORMS["linux-x86_64"]
    target = Target(f"linux-x86_64-py{python}", tags, python, uv_platform)
    out = tmp_path_factory.mktemp("wheelhouse") / "lrkit-workshop"
    status = build_wheelhouse(out, (target,), book_html=None, source=root, log=lambda *_: None)
    assert status == {target.name: "ok"}, status
    assert (out / "requirements" / f"{target.name}.txt").is_file()
    return out


@pytest.fixture(scope="module")
def offline(wheelhouse, tmp_path_factory):
    """Run a command in the wheelhouse folder with no network and a clean environment."""
    prefix = _offline_prefix()
    home = tmp_path_factory.mktemp("home")
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PIP_CONFIG_FILE": os.devnull,  # no index or find-links from this machine's pip.conf
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_COMPILE": "1",  # skip writing .pyc files: the same install, a minute faster
        "PYTHON": sys._base_executable,  # the Python the folder was built for
        "MPLBACKEND": "Agg",
    }

    def run(*command: str, cwd: Path = wheelhouse, timeout: int = 600):
        return subprocess.run(
            [*prefix, *command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
        )

    return run


def test_the_folder_has_everything_a_workshop_needs(wheelhouse, root):
    for name in (
        "INSTALL.txt",
        "install.sh",
        "install.bat",
        "start-jupyter.sh",
        "start-jupyter.bat",
        "SHA256SUMS",
    ):
        assert (wheelhouse / name).is_file(), name
    assert list((wheelhouse / "wheels").glob("lrkit-*-py3-none-any.whl"))
    assert (wheelhouse / "datasets" / "workshop" / "workers.parquet").is_file()
    learner = sorted(p.name for p in (root / "exercises").glob("*.ipynb"))
    assert sorted(p.name for p in (wheelhouse / "exercises").glob("*.ipynb")) == learner
    assert b"\r\n" in (wheelhouse / "install.bat").read_bytes()  # Windows line ends
    install = (wheelhouse / "INSTALL.txt").read_text("utf-8")
    assert "--no-index" in install and "SYNTHETIC" in install
    for line in (wheelhouse / "SHA256SUMS").read_text("utf-8").splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((wheelhouse / name).read_bytes()).hexdigest() == digest, name


def test_the_namespace_really_has_no_network(offline):
    probe = (
        "import socket\n"
        "try:\n    socket.create_connection(('pypi.org', 443), timeout=5)\n"
        "except OSError:\n    print('offline')\nelse:\n    print('ONLINE')\n"
    )
    result = offline(sys._base_executable, "-c", probe)
    assert result.stdout.strip() == "offline", result.stdout + result.stderr


def test_install_offline_then_build_the_data_and_run_an_exercise(
    offline, wheelhouse, root, tmp_path
):
    result = offline("sh", "install.sh")
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-5000:]
    assert "lrkit set-up check:" in report and "\nFAIL" not in report, report[-3000:]
    python = wheelhouse / ".venv" / "bin" / "python"
    assert python.exists()

    version = offline(
        str(python),
        "-c",
        "import lrkit, pandas; print(lrkit.__version__, pandas.__version__, lrkit.__file__)",
    )
    assert version.returncode == 0, version.stderr
    assert str(wheelhouse / ".venv") in version.stdout  # the installed kit, not the repository

    data = tmp_path / "data"
    built = offline(
        str(wheelhouse / ".venv" / "bin" / "lrkit"),
        "data",
        "build",
        "--out",
        str(data),
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    for name in ("workers.csv", "enterprises.csv", "strikes.csv"):
        assert (data / name).read_bytes() == (root / "datasets" / "workshop" / name).read_bytes(), (
            f"{name} differs from the committed workshop data"
        )

    executed = offline(
        str(python),
        "-m",
        "nbconvert",
        "--to",
        "notebook",
        "--execute",
        "--output",
        str(tmp_path / "run.ipynb"),
        "01-union-density.ipynb",
        cwd=wheelhouse / "exercises",
        timeout=300,
    )
    assert executed.returncode == 0, executed.stdout[-3000:] + executed.stderr[-3000:]
