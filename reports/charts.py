"""Charts as PNG data URIs (matplotlib, Agg backend), embedded in HTML and PDF."""

from __future__ import annotations

import base64
import io
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402


def _data_uri(fig: plt.Figure) -> str:
    buf = io.BytesIO()
    # No Software/date metadata: the same data gives the same bytes.
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def bar_chart(labels: list[str], values: list[float], title: str, ylabel: str, ref_line: float | None = None) -> str:
    """Horizontal bars, one per group, names on the vertical axis (unit names are long:
    rotated names under vertical bars overlapped and left no room for the plot)."""
    height = max(1.8, 0.3 * sum(1 + len(lb) // 48 for lb in labels) + 1.0)
    fig, ax = plt.subplots(figsize=(6.0, height))
    y = list(range(len(values)))
    ax.barh(y, values, color="#3b6a94")
    ax.set_yticks(y, [textwrap.fill(lb, 48) for lb in labels], fontsize=7 if len(labels) > 6 else 8)
    ax.invert_yaxis()  # the first group on top, as in the table beside the chart
    ax.set_title(title, fontsize=10)
    ax.set_xlabel(ylabel, fontsize=9)
    if ref_line is not None:
        ax.axvline(ref_line, color="#a00", linestyle="--", linewidth=1)
    # No tight_layout: savefig(bbox_inches="tight") fits the long names instead.
    return _data_uri(fig)


def before_after_chart(labels: list[str], needed: list[float], before: list[float], after: list[float], title: str, legend: tuple[str, str, str]) -> str:
    """Grouped bars per unit: staff needed, on post before, on post after."""
    fig, ax = plt.subplots(figsize=(6.5, 3.0))
    x = list(range(len(labels)))
    w = 0.27
    ax.bar([i - w for i in x], needed, w, label=legend[0], color="#999999")
    ax.bar(x, before, w, label=legend[1], color="#c98b2b")
    ax.bar([i + w for i in x], after, w, label=legend[2], color="#3b6a94")
    ax.set_xticks(x, labels, rotation=30 if len(labels) > 4 else 0, ha="right" if len(labels) > 4 else "center", fontsize=8)
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return _data_uri(fig)


def balance_chart(labels: list[str], before: list[float], after: list[float], title: str,
                  legend: tuple[str, str], xlabel: str) -> str:
    """Diverging horizontal bars per unit (balance = staff needed - on post: right of zero a
    shortage, left a surplus), before and after, sorted by the balance after; names on the
    vertical axis. A symmetric log scale keeps a unit short of 1 visible beside one short of
    100; each bar carries its number."""
    order = sorted(range(len(labels)), key=lambda i: (after[i], before[i], labels[i]))
    labels = [labels[i] for i in order]
    before = [before[i] for i in order]
    after = [after[i] for i in order]
    height = max(2.2, 0.32 * len(labels) + 1.0)
    fig, ax = plt.subplots(figsize=(6.8, height))
    y = list(range(len(labels)))
    h = 0.38
    ax.barh([i + h / 2 for i in y], before, h, label=legend[0], color="#c9c9c9")
    ax.barh([i - h / 2 for i in y], after, h, label=legend[1], color=["#b5542b" if v > 0 else "#3b6a94" for v in after])
    ax.set_xscale("symlog", linthresh=5)
    span = max([abs(v) for v in before + after] + [5])
    ticks = [t for t in (1, 5, 20, 100, 500, 2000) if t <= span * 1.2]
    ax.set_xticks([-t for t in reversed(ticks)] + [0] + ticks)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:+g}" if v else "0"))
    ax.axvline(0, color="#222", linewidth=0.8)
    ax.set_yticks(y, labels, fontsize=7)
    ax.set_ylim(-0.7, len(labels) - 0.3)
    for i, v in zip(y, after, strict=True):
        ax.annotate(f"{v:+g}" if v else "0", (v, i - h / 2), xytext=(3 if v >= 0 else -3, 0), textcoords="offset points",
                    ha="left" if v >= 0 else "right", va="center", fontsize=6)
    ax.set_title(title, fontsize=10)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    return _data_uri(fig)
