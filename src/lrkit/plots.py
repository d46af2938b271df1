"""Chart helpers: one look for every chart in the kit, with fonts that show Vietnamese.

DejaVu Sans, which Matplotlib ships with, has every Vietnamese letter (ạ, ồ, ữ, Đ …), so
charts render the same on a participant's laptop and in the published book without
installing fonts.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

FONT = "DejaVu Sans"


def use_kit_style() -> None:
    """Apply the kit's seaborn theme and a font with Vietnamese glyphs."""
    sns.set_theme(style="whitegrid", context="notebook", font=FONT)
    plt.rcParams["figure.dpi"] = 100
    plt.rcParams["savefig.dpi"] = 150


def rate_bars(
    table: pd.DataFrame,
    x: str,
    y: str = "rate",
    hue: str | None = None,
    title: str = "",
    ylabel: str = "% of employees",
    ax: Axes | None = None,
) -> Axes:
    """Draw a bar chart of rates (0-100) from a tidy table and label each bar."""
    use_kit_style()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    sns.barplot(data=table, x=x, y=y, hue=hue, ax=ax)
    for container in ax.containers:
        ax.bar_label(container, fmt="%.1f", padding=2, fontsize=9)
    ax.set(title=title, xlabel="", ylabel=ylabel, ylim=(0, 100))
    if hue is not None:
        ax.legend(title="", loc="upper right", frameon=False)
    return ax
