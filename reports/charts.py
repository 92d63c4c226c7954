"""Charts as PNG data URIs (matplotlib, Agg backend), embedded in HTML and PDF."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def _data_uri(fig: plt.Figure) -> str:
    buf = io.BytesIO()
    # No Software/date metadata: the same data gives the same bytes.
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def bar_chart(labels: list[str], values: list[float], title: str, ylabel: str, ref_line: float | None = None) -> str:
    fig, ax = plt.subplots(figsize=(6.0, 2.8))
    ax.bar(range(len(values)), values, color="#3b6a94")
    ax.set_xticks(range(len(labels)), labels, rotation=0 if len(labels) < 6 else 30, ha="center" if len(labels) < 6 else "right")
    ax.set_title(title, fontsize=10)
    ax.set_ylabel(ylabel, fontsize=9)
    if ref_line is not None:
        ax.axhline(ref_line, color="#a00", linestyle="--", linewidth=1)
    fig.tight_layout()
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
