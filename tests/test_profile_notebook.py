"""The province profile notebook runs under papermill for a province with diacritics.

The figures it prints are checked against a plain pandas calculation made here.
"""

import nbformat
import papermill as pm
import pytest

from lrkit.data import load_dataset


def _outputs_text(notebook) -> str:
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append(output["text"])
            elif "text/plain" in output.get("data", {}):
                parts.append(output["data"]["text/plain"])
    return "\n".join(parts)


def _rate(rows, flag):
    employees = rows[rows["status"] == "employee"]
    return 100 * (employees["weight"] * employees[flag]).sum() / employees["weight"].sum()


@pytest.mark.slow
def test_profile_for_hai_phong(root, tmp_path):
    out = tmp_path / "Hải Phòng-2024.ipynb"
    pm.execute_notebook(
        str(root / "notebooks" / "province_profile.ipynb"),
        str(out),
        parameters={"province": "Hải Phòng", "year": 2024},
        kernel_name="python3",
        cwd=str(tmp_path),
    )
    text = _outputs_text(nbformat.read(out, as_version=4))
    assert "Profile of Hải Phòng, 2024" in text
    assert "Hải Dương" in text  # the unit Hải Phòng absorbed in 2025

    workers = load_dataset("workers")
    rows = workers[(workers["province"] == "Hải Phòng") & (workers["year"] == 2024)]
    assert f"Union density in Hải Phòng, 2024: {_rate(rows, 'union_member'):.1f}%" in text
    assert (
        f"Bargaining coverage in Hải Phòng, 2024: {_rate(rows, 'covered_by_agreement'):.1f}%"
        in text
    )

    strikes = load_dataset("strikes")
    here = strikes[(strikes["province"] == "Hải Phòng") & (strikes["year"] == 2024)]
    assert f"Strikes in Hải Phòng, 2024: {len(here)} actions" in text or (
        here.empty and "No strikes recorded in Hải Phòng in 2024" in text
    )


@pytest.mark.slow
def test_profile_stops_at_once_on_an_invalid_province(root, tmp_path):
    with pytest.raises(pm.PapermillExecutionError) as error:
        pm.execute_notebook(
            str(root / "notebooks" / "province_profile.ipynb"),
            str(tmp_path / "bad.ipynb"),
            parameters={"province": "Hà Nội", "year": 2024},
            kernel_name="python3",
        )
    assert "is not one of the valid names" in str(error.value)
    assert "Hải Phòng" in str(error.value)
