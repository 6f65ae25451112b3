"""What a benchmark run shows: the tables, the regret and cost-model summaries, the JSON and the method map.

Everything here reads the records :func:`convkit._bench.run.run_cell` makes
(plain dicts, as stored in ``convkit-bench.json``) and times nothing.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .._timing import median
from . import images
from .cells import CONTESTANTS, ENGINES, FAMILY_TITLES, Cell

__all__ = [
    "median_of", "regret_summary", "model_summary", "method_map_data", "format_time", "format_table",
    "format_regret", "format_model", "plot_method_map", "write_json",
    "image_summary", "image_map_data", "format_image_table", "format_image_summary", "plot_image_map",
]

ENGINE_COLOURS = {"direct": "#4c72b0", "fft": "#dd8452", "oa": "#55a868"}
IMPL_COLOURS = {"convkit": "#4c72b0", "ndimage": "#dd8452", "cv2": "#55a868", "skimage": "#c44e52"}


def median_of(record: dict, name: str, stat: str = "median") -> float | None:
    """Contestant ``name``'s ``stat`` ('median' or 'min') in ``record``; None unless it was timed."""
    entry = record["results"].get(name)
    if entry and entry.get("status") == "ok" and entry.get(stat) is not None:
        return entry[stat]
    return None


# ---------------------------------------------------------------- summaries


def regret_summary(records: Sequence[dict], threshold: float = 1.1, key: str = "regret") -> dict:
    """Auto's regret over the cells: auto time / fastest convkit engine time.

    Returns the count of cells with a ratio, the share within ``threshold``,
    the median, geometric mean and worst ratio (with its cell), and every
    cell over ``threshold`` (worst first). ``key="regret_min"`` summarises
    the ratio of fastest samples instead of medians.
    """
    statistic = "median" if key == "regret" else "min"
    ratios = [(r["id"], r[key], r.get("auto_choice"), r.get("fastest_engine")) for r in records
              if r.get(key) is not None]
    if not ratios:
        return {"statistic": statistic, "threshold": threshold, "cells": 0, "share_within": None, "median": None,
                "geomean": None, "worst": None, "worst_cell": None, "over": []}
    values = [x[1] for x in ratios]
    worst = max(ratios, key=lambda x: x[1])
    over = sorted((x for x in ratios if x[1] > threshold), key=lambda x: -x[1])
    return {
        "statistic": statistic,
        "threshold": threshold,
        "cells": len(values),
        "share_within": sum(v <= threshold for v in values) / len(values),
        "median": median(values),
        "geomean": math.exp(sum(math.log(v) for v in values) / len(values)),
        "worst": worst[1],
        "worst_cell": worst[0],
        "over": [{"id": i, "regret": v, "auto_choice": c, "fastest_engine": f} for i, v, c, f in over],
    }


def model_summary(records: Sequence[dict]) -> dict:
    """How the dispatcher's predictions compare with the measurements, per engine.

    For every cell where ``choose_method`` predicted an engine's time and the
    engine was timed: measured median / predicted. Returns, per engine, the
    number of cells and the median, lowest and highest ratio (below 1: the
    model is pessimistic about that engine).
    """
    ratios: dict[str, list[float]] = {e: [] for e in ENGINES}
    for r in records:
        for e, predicted in (r.get("predicted") or {}).items():
            measured = median_of(r, f"convkit.{e}")
            if e in ratios and measured and predicted:
                ratios[e].append(measured / predicted)
    return {e: {"cells": len(v), "median": median(v) if v else None, "low": min(v) if v else None,
                "high": max(v) if v else None} for e, v in ratios.items()}


def method_map_data(records: Sequence[dict], family: str = "sweep1d") -> dict:
    """The method map's grid from the 1-D sweep cells.

    Returns ``signal_lengths`` (rows) and ``kernel_lengths`` (columns), and
    row-major lists of lists: ``fastest`` (fastest convkit engine, None where
    no cell or no engine was timed), ``auto`` (auto's choice), ``mismatch``
    (auto chose an engine other than the fastest, and was slower than it)
    and ``regret``.
    """
    rows = [r for r in records if r["cell"]["family"] == family and len(r["cell"]["shape1"]) == 1]
    signals = sorted({r["cell"]["shape1"][0] for r in rows})
    kernels = sorted({r["cell"]["shape2"][0] for r in rows})
    index = {(r["cell"]["shape1"][0], r["cell"]["shape2"][0]): r for r in rows}
    fastest, auto, mismatch, regret = [], [], [], []
    for n in signals:
        f_row, a_row, m_row, g_row = [], [], [], []
        for k in kernels:
            r = index.get((n, k)) or {}
            f, a, g = r.get("fastest_engine"), r.get("auto_choice"), r.get("regret")
            f_row.append(f)
            a_row.append(a)
            # A mark needs auto to have been slower too: when auto (running its pick) beat the
            # fastest engine's own column, the two were within noise of each other.
            m_row.append(bool(f and a and f != a and (g is None or g > 1.0)))
            g_row.append(g)
        fastest.append(f_row)
        auto.append(a_row)
        mismatch.append(m_row)
        regret.append(g_row)
    return {"family": family, "signal_lengths": signals, "kernel_lengths": kernels, "fastest": fastest,
            "auto": auto, "mismatch": mismatch, "regret": regret}


def image_summary(records: Sequence[dict]) -> dict:
    """convkit's speed-up over each peer across the image cells (peer median / convkit's).

    Per peer: the number of cells, the geometric mean, the lowest ratio and its cell, and
    every cell where convkit was slower (ratio below 1), worst first.
    """
    out = {}
    for peer in images.PEERS:
        ratios = [(r["id"], r["speedup"][peer]) for r in records if peer in (r.get("speedup") or {})]
        if not ratios:
            continue
        worst = min(ratios, key=lambda x: x[1])
        out[peer] = {"cells": len(ratios), "geomean": math.exp(sum(math.log(v) for _, v in ratios) / len(ratios)),
                     "worst": worst[1], "worst_cell": worst[0],
                     "slower": [{"id": i, "speedup": v} for i, v in sorted(ratios, key=lambda x: x[1]) if v < 1.0]}
    return out


def image_map_data(records: Sequence[dict], families: Sequence[str] = ("filters2d", "match")) -> dict:
    """The images group's method map: the fastest implementation per workload and kernel size.

    Rows are workloads (function, dtype and axis, in grid order), columns the cells' ``k``
    (kernel side, size, sigma or template side). Row-major lists: ``fastest`` (the
    contestant with the lowest median, None where nothing was timed) and ``speedup``
    (the fastest peer's median over convkit's: above 1, convkit leads).
    """
    rows: list[str] = []
    index = {}
    for r in records:
        c = r["cell"]
        if c["family"] not in families:
            continue
        name = f"{c['func']} {c['dtype']}" + (f" axis {c['axis']}" if c["func"].endswith("1d") else "")
        if name not in rows:
            rows.append(name)
        index[(name, c["k"])] = r
    ks = sorted({k for _, k in index})
    fastest, speedup = [], []
    for name in rows:
        f_row, s_row = [], []
        for k in ks:
            r = index.get((name, k)) or {"results": {}}
            times = {n: median_of(r, n) for n in images.CONTESTANTS}
            times = {n: t for n, t in times.items() if t is not None}
            peers = [t for n, t in times.items() if n != "convkit"]
            f_row.append(min(times, key=times.get) if times else None)
            s_row.append(min(peers) / times["convkit"] if peers and "convkit" in times else None)
        fastest.append(f_row)
        speedup.append(s_row)
    return {"families": list(families), "workloads": rows, "k": ks, "fastest": fastest, "speedup": speedup}


# ---------------------------------------------------------------- text


def format_time(seconds: float | None) -> str:
    """``1.23ms`` style: three significant digits, unit from ns to s."""
    if seconds is None or not math.isfinite(seconds):
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale or unit == "ns":
            value = seconds / scale
            return f"{value:.3g}{unit}" if value < 100 else f"{value:.0f}{unit}"
    return "-"  # pragma: no cover


def _ratio(x: float | None) -> str:
    return "-" if x is None else (f"{x:.2f}×" if x < 10 else f"{x:.1f}×" if x < 100 else f"{x:.0f}×")


def _cell_text(entry: dict | None) -> str:
    if entry is None or entry.get("status") == "n/a":
        return "-"
    status = entry.get("status")
    if status == "ok":
        return format_time(entry.get("median"))
    return {"skipped": "skipped", "error": "error", "wrong": "WRONG"}.get(status, str(status))


def _predicted_choice(record: dict) -> float | None:
    """The time ``choose_method`` predicted for the engine auto chose."""
    return (record.get("predicted") or {}).get(record.get("auto_choice"))


def _markdown_table(header: list[str], body: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(row):
        return "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                 for i, (c, w) in enumerate(zip(row, widths))) + " |"

    rule = "|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|"
    return [line(header), rule] + [line(row) for row in body]


def format_table(records: Sequence[dict]) -> str:
    """The result tables, one per family: median time per contestant, auto's choice and the ratios.

    Columns: median seconds per call for each contestant ("skipped": predicted
    too slow, "-": does not apply, "error"/"WRONG": failed or disagreed with
    scipy), ``auto`` = the engine convkit auto chose, ``predicted`` = the time
    ``choose_method`` predicted for that engine (to read beside ``ck auto``'s
    measured time), ``regret`` = auto time / fastest convkit engine,
    ``vs sp best`` and ``vs sp auto`` = scipy's time / convkit auto's (above
    1 means convkit is faster).
    """
    families: dict[str, list[dict]] = {}
    for r in records:
        families.setdefault(r["cell"]["family"], []).append(r)
    blocks = []
    for family_name, rows in families.items():
        used = [n for n in CONTESTANTS if any(_cell_text(r["results"].get(n)) != "-" for r in rows)]
        header = ["workload"] + [CONTESTANTS[n] for n in used] + ["auto", "predicted", "regret", "vs sp best",
                                                                  "vs sp auto"]
        body = [[Cell.from_dict(r["cell"]).label] + [_cell_text(r["results"].get(n)) for n in used]
                + [r.get("auto_choice") or "?", format_time(_predicted_choice(r)), _ratio(r.get("regret")),
                   _ratio(r.get("speedup_vs_scipy_best")), _ratio(r.get("speedup_vs_scipy_auto"))]
                for r in rows]
        title = FAMILY_TITLES.get(family_name, family_name)
        blocks.append("\n".join([f"### {title}", "", *_markdown_table(header, body)]))
    return "\n\n".join(blocks)


def format_image_table(records: Sequence[dict]) -> str:
    """The images group's tables, one per family: median time per contestant ("-": not installed or
    no counterpart, "error"/"WRONG": failed or disagreed with the reference) and convkit's
    speed-up over each peer (the peer's time / convkit's: above 1, convkit is faster)."""
    families: dict[str, list[dict]] = {}
    for r in records:
        families.setdefault(r["cell"]["family"], []).append(r)
    blocks = []
    for family_name, rows in families.items():
        used = [n for n in images.CONTESTANTS if any(_cell_text(r["results"].get(n)) != "-" for r in rows)]
        peers = [p for p in images.PEERS if p in used]
        header = ["workload"] + used + [f"vs {p}" for p in peers]
        body = [[images.ImageCell.from_dict(r["cell"]).label] + [_cell_text(r["results"].get(n)) for n in used]
                + [_ratio((r.get("speedup") or {}).get(p)) for p in peers] for r in rows]
        title = images.FAMILY_TITLES.get(family_name, family_name)
        blocks.append("\n".join([f"### {title}", "", *_markdown_table(header, body)]))
    return "\n\n".join(blocks)


def format_image_summary(summary: dict) -> str:
    """convkit's speed-up over each peer in words, and the cells where convkit was slower."""
    if not summary:
        return "images: no cell had convkit and a peer timed"
    lines = []
    for peer, s in summary.items():
        lines.append(f"convkit vs {peer} over {s['cells']} cells: geometric mean {s['geomean']:.2f}×, "
                     f"lowest {s['worst']:.2f}× ({s['worst_cell']}), slower in {len(s['slower'])}")
        lines += [f"  {o['speedup']:.2f}×  {o['id']}" for o in s["slower"]]
    return "\n".join(lines)


def format_regret(summary: dict, summary_min: dict | None = None, records: Sequence[dict] = ()) -> str:
    """The regret summary in words (medians; with ``summary_min``, also on fastest samples).

    Every cell over the threshold is listed, worst first, with its ratio on
    fastest samples too when ``records`` are given, and whether auto picked
    another engine or the same one (then the gap is auto's own overhead, or
    noise when the fastest-sample ratio is near 1).
    """
    if not summary.get("cells"):
        return "regret: no cell had both convkit auto and an engine timed"
    lines = [
        f"regret (convkit auto time / fastest convkit engine time, medians) over {summary['cells']} cells: "
        f"{summary['share_within'] * 100:.0f}% within {summary['threshold']:g}×, "
        f"median {summary['median']:.2f}×, geometric mean {summary['geomean']:.2f}×, "
        f"worst {summary['worst']:.2f}× ({summary['worst_cell']})",
    ]
    if summary_min and summary_min.get("cells"):
        lines.append(
            f"same on each contestant's fastest sample (less sensitive to other processes' load): "
            f"{summary_min['share_within'] * 100:.0f}% within {summary_min['threshold']:g}×, "
            f"median {summary_min['median']:.2f}×, worst {summary_min['worst']:.2f}× ({summary_min['worst_cell']})")
    by_id = {r["id"]: r for r in records}
    if summary["over"]:
        lines.append(f"cells over {summary['threshold']:g}× (median ratio, fastest-sample ratio):")
    for o in summary["over"]:
        rmin = by_id.get(o["id"], {}).get("regret_min")
        why = ("auto chose the fastest engine: auto's own overhead" if o["auto_choice"] == o["fastest_engine"]
               else f"auto chose {o['auto_choice']}, fastest was {o['fastest_engine']}")
        lines.append(f"  {o['regret']:.2f}×  {'' if rmin is None else f'{rmin:.2f}×':>6}  {o['id']}: {why}")
    return "\n".join(lines)


def format_model(summary: dict) -> str:
    """One line: measured / predicted per engine."""
    parts = [f"{e} {s['median']:.2f}× (from {s['low']:.2f} to {s['high']:.2f}, {s['cells']} cells)"
             for e, s in summary.items() if s["cells"]]
    if not parts:
        return "cost model: no predictions to compare"
    return "cost model, measured / predicted time (median over cells): " + "; ".join(parts)


# ---------------------------------------------------------------- files


def _short(n: int) -> str:
    for suffix, scale in (("M", 1 << 20), ("k", 1 << 10), ("M", 10**6), ("k", 10**3)):
        if n >= scale and n % scale == 0:
            return f"{n // scale}{suffix}"
    return str(n)


def _matplotlib(what: str):
    """(pyplot, ListedColormap, Patch) on the Agg backend, or None with a message naming ``what``."""
    try:
        import matplotlib

        matplotlib.use("Agg", force=True)
        import matplotlib.pyplot as plt
        from matplotlib.colors import ListedColormap
        from matplotlib.patches import Patch
    except ImportError:
        print(f"matplotlib is not installed: {what} skipped (pip install matplotlib)", file=sys.stderr)
        return None
    return plt, ListedColormap, Patch


def _save(plt, fig, path: str | os.PathLike) -> Path:
    """Lay out ``fig``, write it to ``path`` (making its folder) and close it."""
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path


def plot_method_map(data: dict, path: str | os.PathLike, *, title: str = "") -> Path | None:
    """Draw the method map as a PNG; returns the path, or None (with a message) without matplotlib."""
    mpl = _matplotlib("method map")
    if mpl is None:
        return None
    plt, ListedColormap, Patch = mpl
    signals, kernels = data["signal_lengths"], data["kernel_lengths"]
    if not signals or not kernels:
        print("no 1-D sweep cells: method map skipped", file=sys.stderr)
        return None
    codes = {None: 0, "direct": 1, "fft": 2, "oa": 3}
    grid = np.array([[codes.get(f, 0) for f in row] for row in data["fastest"]], dtype=float)
    cmap = ListedColormap(["#eeeeee", ENGINE_COLOURS["direct"], ENGINE_COLOURS["fft"], ENGINE_COLOURS["oa"]])
    fig, ax = plt.subplots(figsize=(1.6 + 0.62 * len(kernels), 1.5 + 0.5 * len(signals)), dpi=90)
    ax.imshow(grid, cmap=cmap, vmin=-0.5, vmax=3.5, origin="lower", aspect="auto")
    for i in range(len(signals)):
        for j in range(len(kernels)):
            if data["mismatch"][i][j]:
                ratio = data["regret"][i][j]
                ax.plot(j, i + 0.12, marker="x", color="black", markersize=7, markeredgewidth=1.8)
                label = f"{data['auto'][i][j]}" + (f" {ratio:.2f}" if ratio else "")
                ax.text(j, i - 0.22, label, ha="center", va="center", fontsize=7, color="black")
    ax.set_xticks(range(len(kernels)), [_short(k) for k in kernels])
    ax.set_yticks(range(len(signals)), [_short(n) for n in signals])
    ax.set_xlabel("kernel length")
    ax.set_ylabel("signal length")
    ax.set_title(title or "fastest convkit engine (× = auto chose another: its pick, auto/fastest)", fontsize=8)
    handles = [Patch(color=ENGINE_COLOURS[e], label=e) for e in ENGINES] + [Patch(color="#eeeeee", label="n/a")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return _save(plt, fig, path)


def plot_image_map(data: dict, path: str | os.PathLike, *, title: str = "") -> Path | None:
    """Draw the images group's map (:func:`image_map_data`) as a PNG: colour = fastest
    implementation, text = convkit's speed-up over the fastest peer. None without matplotlib."""
    mpl = _matplotlib("image map")
    if mpl is None:
        return None
    plt, ListedColormap, Patch = mpl
    rows, ks = data["workloads"], data["k"]
    if not rows or not ks:
        print("no filters2d/match cells: image map skipped", file=sys.stderr)
        return None
    names = list(IMPL_COLOURS)
    grid = np.array([[0 if f is None else 1 + names.index(f) for f in row] for row in data["fastest"]], dtype=float)
    cmap = ListedColormap(["#eeeeee"] + [IMPL_COLOURS[n] for n in names])
    fig, ax = plt.subplots(figsize=(3.2 + 0.7 * len(ks), 1.2 + 0.32 * len(rows)), dpi=90)
    ax.imshow(grid, cmap=cmap, vmin=-0.5, vmax=len(names) + 0.5, aspect="auto")
    for i in range(len(rows)):
        for j in range(len(ks)):
            s = data["speedup"][i][j]
            if s is not None:
                ax.text(j, i, f"{s:.1f}×", ha="center", va="center", fontsize=7, color="white")
    ax.set_xticks(range(len(ks)), [f"{k:g}" for k in ks])
    ax.set_yticks(range(len(rows)), rows, fontsize=7)
    ax.set_xlabel("k (kernel side, size, sigma or template side)")
    ax.set_title(title or "fastest implementation (text: convkit's speed-up over the fastest peer)", fontsize=8)
    handles = [Patch(color=IMPL_COLOURS[n], label=n) for n in names] + [Patch(color="#eeeeee", label="n/a")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return _save(plt, fig, path)


def _clean(x):
    """JSON-safe: non-finite floats become null, numpy scalars Python numbers, tuples lists."""
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {k: _clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_clean(v) for v in x]
    if isinstance(x, np.generic):
        return _clean(x.item())
    return x


def write_json(result: dict, path: str | os.PathLike) -> Path:
    """Write the run's document: ``schema``, ``created``, ``settings``, ``machine``, ``cells``, ``regret``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_clean(result), indent=1, ensure_ascii=False) + "\n")
    return path
