"""environment.yml (conda) and pyproject.toml (pip) must list the same packages."""

import re
import tomllib

import yaml


def _name_and_spec(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    return match[1].lower().replace("_", "-"), match[2].replace(" ", "")


def test_same_packages_and_ranges(root):
    project = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]
    pip_side = dict(_name_and_spec(r) for r in project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        pip_side.update(_name_and_spec(r) for r in extra)

    environment = yaml.safe_load((root / "environment.yml").read_text("utf-8"))
    conda_side = dict(_name_and_spec(d) for d in environment["dependencies"] if isinstance(d, str))
    for block in environment["dependencies"]:
        if isinstance(block, dict):  # the pip: list, for packages conda-forge lacks
            conda_side.update(_name_and_spec(r) for r in block["pip"] if r != "-e .")
    conda_side.pop("pip")
    python = conda_side.pop("python")
    assert python == ">=" + project["requires-python"].removeprefix(">=")
    assert conda_side == pip_side
