"""datapackage.json describes every file of the committed workshop data and validates."""

import json

import pytest
from frictionless import Package

from lrkit.synth.params import PARAMS


@pytest.fixture(scope="module")
def folder(root):
    return root / "datasets" / "workshop"


@pytest.fixture(scope="module")
def descriptor(folder):
    return json.loads((folder / "datapackage.json").read_text("utf-8"))


@pytest.mark.slow
def test_frictionless_validate_passes(folder):
    """Types, constraints, enumerations, primary and foreign keys, and sha256 hashes."""
    report = Package(str(folder / "datapackage.json")).validate()
    errors = [(t.name, e.type, e.note) for t in report.tasks for e in t.errors][:10]
    assert report.valid, errors


def test_every_file_is_a_resource(folder, descriptor):
    listed = {r["path"] for r in descriptor["resources"]}
    listed |= {r["lrkit:parquet"]["path"] for r in descriptor["resources"] if "lrkit:parquet" in r}
    on_disk = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name not in ("datapackage.json", "SHA256SUMS", "codebook.md")
    }
    assert on_disk == listed


def test_resources_carry_hashes_descriptions_and_sources(descriptor):
    for resource in descriptor["resources"]:
        assert resource["hash"].startswith("sha256:"), resource["name"]
        if resource["path"].startswith("raw/") or resource["format"] == "json":
            continue
        for field in resource["schema"]["fields"]:
            assert field["description"], (resource["name"], field["name"])
            if resource["name"] != "error_ledger":
                assert field["lrkit:description_vi"], (resource["name"], field["name"])
        for name, source in resource.get("lrkit:calibration", {}).items():
            assert source == {"source": PARAMS[name].source, "status": PARAMS[name].status}
    names = {r["name"] for r in descriptor["resources"]}
    assert {"workers", "enterprises", "strikes", "strikes_vgcl", "disputes", "agreements",
            "provinces", "provinces_pre2025", "minimum_wage", "error_ledger"} <= names  # fmt: skip


def test_keys_and_enumerations_are_declared(descriptor):
    by_name = {r["name"]: r for r in descriptor["resources"]}
    workers = by_name["workers"]["schema"]
    assert workers["primaryKey"] == ["person_id"]
    assert {
        "fields": ["province"],
        "reference": {"resource": "provinces", "fields": ["province_2025"]},
    } in workers["foreignKeys"]
    status = next(f for f in workers["fields"] if f["name"] == "status")
    assert status["constraints"]["enum"] == [
        "employee",
        "own_account",
        "contributing_family",
        "employer",
    ]
    wage = next(f for f in workers["fields"] if f["name"] == "monthly_wage_vnd")
    assert wage["lrkit:unit"] == "VND per month"
