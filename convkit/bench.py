"""``python -m convkit bench``: convkit against scipy.signal and numpy, side by side, and the method map.

A run times a grid of workloads ("cells"): 1-D kernel-length sweeps at
several signal lengths, 2-D image kernels, float32/float64/complex dtypes,
batched ``axes`` and tiny calls. In each cell every contestant that applies
(convkit auto and each engine; scipy.signal's convolve auto and direct,
fftconvolve, oaconvolve, convolve2d; numpy.convolve) is timed with
:func:`convkit._timing.time_interleaved` (warm-up call first, every round in a
fresh shuffled order, medians). Contestants predicted to take longer than a limit
are not run and show as "skipped".

The run prints one table per workload family with speedups of convkit auto
over scipy's best and over scipy's auto, and a "regret" summary (auto's time
over the fastest convkit engine's), then writes ``convkit-bench.json`` (every
sample, the machine and the versions) and ``method-map.png`` (fastest convkit
engine per signal length × kernel length, marked where auto chose another).

Use :func:`run` with your own cells (see :func:`quick_grid`) for a custom grid.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ._timing import median, settle, time_interleaved

__all__ = [
    "Cell", "CONTESTANTS", "quick_grid", "full_grid", "contestants_for", "run", "regret_summary", "model_summary",
    "method_map_data", "format_table", "format_regret", "write_json", "plot_method_map", "machine_info", "main",
]

SCHEMA = "convkit-bench/1"

# Every contestant, in table order, with its column label.
CONTESTANTS: dict[str, str] = {
    "convkit.auto": "ck auto",
    "convkit.direct": "ck direct",
    "convkit.fft": "ck fft",
    "convkit.oa": "ck oa",
    "convkit.convolve2d": "ck conv2d",
    "scipy.auto": "sp auto",
    "scipy.direct": "sp direct",
    "scipy.fftconvolve": "sp fft",
    "scipy.oaconvolve": "sp oa",
    "scipy.convolve2d": "sp conv2d",
    "numpy.convolve": "numpy",
}
ENGINES = ("direct", "fft", "oa")
SCIPY = ("scipy.auto", "scipy.direct", "scipy.fftconvolve", "scipy.oaconvolve", "scipy.convolve2d")

# Seconds per multiply-add of the peers' direct loops on the reference machine
# (numpy's 1-D loop is a BLAS dot; scipy's N-d direct is a plain C loop), with
# head room: used only to skip contestants that would take too long.
_PEER_SECONDS_PER_MAC = {"numpy": 0.2e-9, "nd": 12e-9, "convolve2d": 2e-9}

FAMILY_TITLES = {
    "sweep1d": "1-D kernel-length sweep (float64, mode='full')",
    "image2d": "2-D image kernels (float64, mode='same')",
    "dtype": "dtypes (1-D, mode='same')",
    "batched": "batched axes (rows × samples, one shared kernel, mode='same', axes=-1)",
    "tiny": "tiny calls (call overhead)",
    "custom": "custom cells",
}


@dataclass(frozen=True)
class Cell:
    """One workload: ``convolve(in1, in2, mode)`` on seeded random data.

    ``axes`` set means a batched call: only those axes are convolved (the
    other axes of ``shape2`` are 1, one kernel shared by every row).
    """

    family: str
    shape1: tuple[int, ...]
    shape2: tuple[int, ...]
    dtype: str = "float64"
    mode: str = "full"
    axes: tuple[int, ...] | None = None

    @property
    def id(self) -> str:
        dims = lambda s: "x".join(map(str, s))  # noqa: E731
        axes = "" if self.axes is None else f" axes={','.join(map(str, self.axes))}"
        return f"{self.family} {dims(self.shape1)}*{dims(self.shape2)} {self.dtype} {self.mode}{axes}"

    @property
    def label(self) -> str:
        """Short row label for the table (the family is the table's title)."""
        dims = lambda s: "x".join(map(str, s))  # noqa: E731
        text = f"{dims(self.shape1)} * {dims(self.shape2)}"
        if self.family in ("dtype", "tiny", "custom"):
            text += f" {np.dtype(self.dtype).name}"
        if self.family in ("tiny", "custom"):
            text += f" {self.mode}"
        return text

    def data(self, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """The two operands, from a generator seeded by ``seed`` and the cell's shapes."""
        rng = np.random.default_rng([seed, *self.shape1, *self.shape2])
        dtype = np.dtype(self.dtype)

        def make(shape):
            x = rng.standard_normal(shape)
            if dtype.kind == "c":
                x = x + 1j * rng.standard_normal(shape)
            return x.astype(dtype)

        return make(self.shape1), make(self.shape2)

    def direct_macs(self) -> float:
        """Multiply-adds a direct loop does for the kept output (the operation count skips rely on)."""
        axes = range(len(self.shape1)) if self.axes is None else self.axes
        macs = 1.0
        for i, (n, k) in enumerate(zip(self.shape1, self.shape2)):
            if i not in axes:
                macs *= max(n, k)
                continue
            full = n + k - 1
            out = {"full": full, "same": n, "valid": max(n, k) - min(n, k) + 1}[self.mode]
            macs *= out * min(n, k)
        return macs


def _sweep_cells(signals: Sequence[int], kernels: Sequence[int]) -> list[Cell]:
    return [Cell("sweep1d", (n,), (k,)) for n in signals for k in kernels if k <= n]


def quick_grid() -> list[Cell]:
    """The ``--quick`` grid: about 40 cells, under 3 minutes on a 2-core machine."""
    cells = _sweep_cells([1_000, 10_000, 100_000, 1_000_000], [4, 16, 64, 256, 1024, 4096])
    cells += [Cell("image2d", (512, 512), (k, k), mode="same") for k in (3, 11, 31)]
    cells += [Cell("image2d", (2048, 2048), (5, 5), mode="same")]
    cells += [Cell("dtype", (100_000,), (256,), dtype=d, mode="same")
              for d in ("float32", "float64", "complex64", "complex128")]
    cells += [Cell("batched", (64, 8192), (1, 64), mode="same", axes=(1,)),
              Cell("batched", (256, 4096), (1, 512), mode="same", axes=(1,))]
    cells += [Cell("tiny", (16,), (3,)), Cell("tiny", (64,), (8,)), Cell("tiny", (256,), (16,), mode="same"),
              Cell("tiny", (8, 8), (3, 3), mode="same")]
    return cells


def full_grid() -> list[Cell]:
    """The default grid: a finer sweep (powers of 2 and 4) and more 2-D, dtype and batched cells."""
    cells = _sweep_cells([256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304],
                         [2, 4, 8, 16, 32, 64, 128, 256, 512, 1_024, 2_048, 4_096, 8_192, 16_384])
    cells += [Cell("image2d", (n, n), (k, k), mode="same") for n in (256, 1024) for k in (3, 5, 11, 31, 63)]
    cells += [Cell("image2d", (4096, 4096), (k, k), mode="same") for k in (3, 11)]
    cells += [Cell("dtype", (n,), (k,), dtype=d, mode="same")
              for n, k in ((100_000, 32), (100_000, 1024), (1_000_000, 256))
              for d in ("float32", "float64", "complex64", "complex128")]
    cells += [Cell("batched", (b, n), (1, k), mode="same", axes=(1,))
              for b, n, k in ((64, 8192, 16), (64, 8192, 64), (256, 4096, 512), (16, 65536, 2048), (1024, 1024, 32))]
    cells += [Cell("tiny", (n,), (k,), mode=m) for n, k in ((4, 2), (16, 3), (64, 8), (256, 16), (1024, 4))
              for m in ("full", "same")]
    cells += [Cell("tiny", (8, 8), (3, 3), mode="same"), Cell("tiny", (32, 32), (3, 3), mode="same")]
    return cells


def contestants_for(cell: Cell, a: np.ndarray, b: np.ndarray, workers: int) -> dict[str, Callable[[], object]]:
    """The zero-argument calls to time for ``cell``: only the contestants that apply to it.

    convkit's engines go through the same front door as auto
    (``convkit.convolve(method=...)``) so auto's regret compares like with
    like; batched cells call ``fftconvolve``/``oaconvolve`` with ``axes`` for
    the transform engines and scipy's. numpy.convolve applies to 1-D calls
    whose 'same'/'valid' window agrees with scipy's (``in1`` the longer);
    the convolve2d functions to 2-D image cells.
    """
    import scipy.signal as ss

    import convkit as ck

    mode, axes = cell.mode, cell.axes
    calls: dict[str, Callable[[], object]] = {
        "convkit.auto": lambda: ck.convolve(a, b, mode, "auto", workers=workers),
        "convkit.direct": lambda: ck.convolve(a, b, mode, "direct", workers=workers),
    }
    if axes is None:
        calls["convkit.fft"] = lambda: ck.convolve(a, b, mode, "fft", workers=workers)
        calls["convkit.oa"] = lambda: ck.convolve(a, b, mode, "oa", workers=workers)
    else:
        calls["convkit.fft"] = lambda: ck.fftconvolve(a, b, mode, axes, workers=workers)
        calls["convkit.oa"] = lambda: ck.oaconvolve(a, b, mode, axes, workers=workers)
    if cell.family == "image2d":
        calls["convkit.convolve2d"] = lambda: ck.convolve2d(a, b, mode, workers=workers)
    calls["scipy.auto"] = lambda: ss.convolve(a, b, mode, "auto")
    calls["scipy.direct"] = lambda: ss.convolve(a, b, mode, "direct")
    calls["scipy.fftconvolve"] = lambda: ss.fftconvolve(a, b, mode, axes)
    calls["scipy.oaconvolve"] = lambda: ss.oaconvolve(a, b, mode, axes)
    if cell.family == "image2d":
        calls["scipy.convolve2d"] = lambda: ss.convolve2d(a, b, mode)
    if a.ndim == 1 and (mode == "full" or a.shape[0] >= b.shape[0]):
        calls["numpy.convolve"] = lambda: np.convolve(a, b, mode)
    return {name: calls[name] for name in CONTESTANTS if name in calls}


def _predict_peer(name: str, cell: Cell) -> float | None:
    """Rough seconds for a peer's direct loop (None: not a direct loop, never skipped)."""
    macs = cell.direct_macs()
    complex_factor = 2.0 if np.dtype(cell.dtype).kind == "c" else 1.0
    if name == "numpy.convolve" or (name == "scipy.direct" and len(cell.shape1) == 1):
        return macs * _PEER_SECONDS_PER_MAC["numpy"] * complex_factor
    if name == "scipy.direct":
        return macs * _PEER_SECONDS_PER_MAC["nd"] * complex_factor
    if name == "scipy.convolve2d":
        return macs * _PEER_SECONDS_PER_MAC["convolve2d"] * complex_factor
    return None


def _auto_choice(cell: Cell, a, b, workers: int):
    """What ``convkit.convolve(a, b, mode)`` (the ``convkit.auto`` contestant) runs: no ``axes``, even in batched cells."""
    import convkit as ck

    return ck.choose_method(a, b, cell.mode, workers=workers)


def _rel_error(got, ref) -> float:
    got = np.asarray(got)
    ref = np.asarray(ref)
    if got.shape != ref.shape:
        return math.inf
    denom = float(np.linalg.norm(ref.ravel()))
    return float(np.linalg.norm((got - ref).ravel())) / (denom or 1.0)


def _tolerance(dtype: str) -> float:
    """Relative L2 error allowed against scipy's result: single precision 1e-4, double 1e-9."""
    return 1e-4 if np.dtype(dtype) in (np.float32, np.complex64) else 1e-9


def run_cell(cell: Cell, *, workers: int = 1, repeats: int = 5, min_time: float = 0.01,
             skip_over: float = 1.0, max_time: float | None = None, seed: int = 0,
             timer: Callable[..., dict[str, list[float]]] = time_interleaved,
             on_repeat: Callable[[int, int], None] | None = None) -> dict:
    """Time every applicable contestant on ``cell``; return the cell's record (see :func:`write_json`)."""
    t_cell = time.perf_counter()
    a, b = cell.data(seed)
    record: dict = {"id": cell.id, "cell": _cell_dict(cell), "direct_macs": cell.direct_macs(),
                    "auto_choice": None, "auto_reason": None, "predicted": {}, "results": {}}
    try:
        choice = _auto_choice(cell, a, b, workers)
        record["auto_choice"], record["auto_reason"] = choice.method, choice.reason
        record["predicted"] = {k: float(v) for k, v in choice.predicted.items()}
    except Exception as exc:  # an engine missing or broken: still time the peers
        record["auto_reason"] = f"choose_method failed: {type(exc).__name__}: {exc}"
    calls = contestants_for(cell, a, b, workers)
    results: dict[str, dict] = {name: {"status": "n/a"} for name in CONTESTANTS}
    timed: dict[str, Callable[[], object]] = {}
    reference = None
    for name, call in calls.items():
        engine = name.split(".", 1)[1] if name.startswith("convkit.") else None
        predicted = record["predicted"].get(engine) if engine in ENGINES else _predict_peer(name, cell)
        if predicted is not None and predicted > skip_over:
            results[name] = {"status": "skipped", "reason": f"predicted {predicted:.3g} s > {skip_over:g} s",
                             "predicted": predicted}
            continue
        # First call: compiles/plans, and checks the answer against scipy's.
        t_first = time.perf_counter()
        try:
            out = call()
        except Exception as exc:
            results[name] = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
            continue
        entry: dict = {"status": "ok", "first_call_seconds": time.perf_counter() - t_first}
        if name.startswith("convkit."):
            if reference is None:
                import scipy.signal as ss

                reference = ss.fftconvolve(a, b, cell.mode, cell.axes) if np.dtype(cell.dtype).kind in "fc" \
                    else ss.convolve(a, b, cell.mode)
            err = _rel_error(out, reference)
            entry["rel_error"] = err
            if not err <= _tolerance(cell.dtype):
                entry = {"status": "wrong", "rel_error": err, "first_call_seconds": entry["first_call_seconds"]}
        if entry["status"] == "ok":
            entry["settle_calls"] = settle(call)
            timed[name] = call
        results[name] = entry
    if timed:
        # The checking call above was the warm-up (JIT compile, FFT plans).
        samples = timer(timed, repeats, min_time, warmup=False, max_time=max_time, on_repeat=on_repeat)
        for name, times in samples.items():
            results[name].update(times=list(times), median=median(times), min=min(times))
    record["results"] = {name: results[name] for name in CONTESTANTS if name in calls or results[name]["status"] != "n/a"}
    _derive(record)
    record["elapsed_seconds"] = round(time.perf_counter() - t_cell, 3)
    return record


def _cell_dict(cell: Cell) -> dict:
    d = asdict(cell)
    d["shape1"], d["shape2"] = list(cell.shape1), list(cell.shape2)
    d["axes"] = None if cell.axes is None else list(cell.axes)
    return d


def _median_of(record: dict, name: str, stat: str = "median") -> float | None:
    entry = record["results"].get(name)
    if entry and entry.get("status") == "ok" and entry.get(stat) is not None:
        return entry[stat]
    return None


def _derive(record: dict) -> None:
    """Add the numbers the table shows: fastest engine, regret, speedups over scipy."""
    auto = _median_of(record, "convkit.auto")
    engines = {e: _median_of(record, f"convkit.{e}") for e in ENGINES}
    engines = {e: t for e, t in engines.items() if t is not None}
    fastest = min(engines, key=engines.get) if engines else None
    scipy_times = {n: _median_of(record, n) for n in SCIPY}
    scipy_times = {n: t for n, t in scipy_times.items() if t is not None}
    scipy_best = min(scipy_times, key=scipy_times.get) if scipy_times else None
    scipy_auto = scipy_times.get("scipy.auto")
    record["fastest_engine"] = fastest
    record["regret"] = auto / engines[fastest] if auto and fastest else None
    record["scipy_best"] = scipy_best
    record["speedup_vs_scipy_best"] = scipy_times[scipy_best] / auto if auto and scipy_best else None
    record["speedup_vs_scipy_auto"] = scipy_auto / auto if auto and scipy_auto else None
    # The same ratio on each contestant's fastest sample: load from other
    # processes inflates samples, never shrinks them, so this tells a real
    # mis-choice (both high) from noise (only the median one high).
    auto_min = _median_of(record, "convkit.auto", "min")
    mins = {e: _median_of(record, f"convkit.{e}", "min") for e in ENGINES}
    mins = {e: t for e, t in mins.items() if t is not None}
    record["regret_min"] = auto_min / min(mins.values()) if auto_min and mins else None


def run(cells: Sequence[Cell], *, workers: int = 1, repeats: int = 5, min_time: float = 0.01,
        skip_over: float = 1.0, max_time: float | None = None, total_time: float | None = None, seed: int = 0,
        progress: bool = True, timer: Callable[..., dict[str, list[float]]] = time_interleaved, stream=None) -> dict:
    """Run ``cells`` and return the whole result (the JSON document :func:`write_json` writes).

    Parameters
    ----------
    cells : sequence of Cell
        The grid; :func:`quick_grid`, :func:`full_grid` or your own.
    workers : int
        Threads for convkit (``workers=``) and scipy (``scipy.fft.set_workers``).
    repeats, min_time, max_time :
        Passed to ``timer`` (rounds, seconds per sample, budget per cell).
    total_time : float, optional
        Budget in seconds for the timed rounds of the whole run: each cell
        gets at most an equal share of what is left (on a loaded machine
        the run then takes fewer rounds rather than longer).
    skip_over : float
        Contestants predicted slower than this many seconds per call are
        not run and reported as skipped.
    progress : bool
        Draw a progress bar on ``stream`` (stderr).
    timer : callable
        :func:`convkit._timing.time_interleaved` or a stand-in with its signature.
    """
    import scipy.fft

    stream = sys.stderr if stream is None else stream
    bar = _Progress(len(cells), stream) if progress else None
    started = time.time()
    try:
        load_start = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load_start = None
    records = []
    with scipy.fft.set_workers(workers):
        for i, cell in enumerate(cells):
            if bar:
                bar.show(i, cell.id)
            on_repeat = (lambda done, total, i=i, c=cell: bar.show(i + done / (total + 1), c.id)) if bar else None
            cell_budget = max_time
            if total_time is not None:
                # Share what is left of the run's budget among the cells still to run.
                share = max(0.0, total_time - (time.time() - started)) / (len(cells) - i)
                cell_budget = share if cell_budget is None else min(cell_budget, share)
            records.append(run_cell(cell, workers=workers, repeats=repeats, min_time=min_time, skip_over=skip_over,
                                    max_time=cell_budget, seed=seed, timer=timer, on_repeat=on_repeat))
    if bar:
        bar.done()
    machine = machine_info(workers)
    try:
        machine["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        machine["loadavg_end"] = None
    machine["loadavg"] = load_start
    return {
        "schema": SCHEMA,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "elapsed_seconds": round(time.time() - started, 3),
        "settings": {"workers": workers, "repeats": repeats, "min_time": min_time, "skip_over": skip_over,
                     "max_time": max_time, "total_time": total_time, "seed": seed, "statistic": "median",
                     "interleaving": "first call checked against scipy, then called until two calls agree within 2x, "
                                     "then rounds, each in a fresh seeded shuffled order"},
        "machine": machine,
        "cells": records,
        "regret": regret_summary(records),
        "regret_min": regret_summary(records, key="regret_min"),
        "model": model_summary(records),
    }


class _Progress:
    """A plain-text progress bar on stderr: redrawn in place on a terminal, a line per cell otherwise."""

    def __init__(self, total: int, stream, width: int = 28):
        self.total, self.stream, self.width = max(total, 1), stream, width
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.t0 = time.time()
        self._last_line = -1

    def show(self, done: float, label: str) -> None:
        frac = min(done / self.total, 1.0)
        filled = int(frac * self.width)
        text = (f"[{'#' * filled}{'.' * (self.width - filled)}] {int(done)}/{self.total} "
                f"{time.time() - self.t0:5.0f}s  {label}")
        if self.tty:
            self.stream.write("\r" + text[:110].ljust(110))
            self.stream.flush()
        elif int(done) != self._last_line:
            self._last_line = int(done)
            self.stream.write(text + "\n")
            self.stream.flush()

    def done(self) -> None:
        text = f"[{'#' * self.width}] {self.total}/{self.total} {time.time() - self.t0:5.0f}s  done"
        self.stream.write(("\r" + text.ljust(110) + "\n") if self.tty else text + "\n")
        self.stream.flush()


def regret_summary(records: Sequence[dict], threshold: float = 1.1, key: str = "regret") -> dict:
    """Auto's regret over the cells: auto time / fastest convkit engine time.

    Returns the count of cells with a ratio, the share within ``threshold``,
    the median, geometric mean and worst ratio (with its cell), and every
    cell over ``threshold`` (worst first). ``key="regret_min"`` summarises
    the ratio of fastest samples instead of medians.
    """
    ratios = [(r["id"], r[key], r.get("auto_choice"), r.get("fastest_engine")) for r in records
              if r.get(key) is not None]
    if not ratios:
        return {"statistic": "median" if key == "regret" else "min", "threshold": threshold, "cells": 0, "share_within": None, "median": None, "geomean": None,
                "worst": None, "worst_cell": None, "over": []}
    values = [x[1] for x in ratios]
    worst = max(ratios, key=lambda x: x[1])
    over = sorted((x for x in ratios if x[1] > threshold), key=lambda x: -x[1])
    return {
        "statistic": "median" if key == "regret" else "min",
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
            measured = _median_of(r, f"convkit.{e}")
            if e in ratios and measured and predicted:
                ratios[e].append(measured / predicted)
    return {e: {"cells": len(v), "median": median(v) if v else None, "low": min(v) if v else None,
                "high": max(v) if v else None} for e, v in ratios.items()}


def format_model(summary: dict) -> str:
    """One line: measured / predicted per engine."""
    parts = [f"{e} {s['median']:.2f}× (from {s['low']:.2f} to {s['high']:.2f}, {s['cells']} cells)"
             for e, s in summary.items() if s["cells"]]
    if not parts:
        return "cost model: no predictions to compare"
    return "cost model, measured / predicted time (median over cells): " + "; ".join(parts)


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


def format_table(records: Sequence[dict]) -> str:
    """The result tables, one per family: median time per contestant, auto's choice and the ratios.

    Columns: median seconds per call for each contestant ("skipped": predicted
    too slow, "-": does not apply, "error"/"WRONG": failed or disagreed with
    scipy), ``auto`` = the engine convkit auto chose, ``regret`` = auto time /
    fastest convkit engine, ``vs sp best`` and ``vs sp auto`` = scipy's time /
    convkit auto's (above 1 means convkit is faster).
    """
    families: dict[str, list[dict]] = {}
    for r in records:
        families.setdefault(r["cell"]["family"], []).append(r)
    blocks = []
    for family, rows in families.items():
        used = [n for n in CONTESTANTS if any(_cell_text(r["results"].get(n)) != "-" for r in rows)]
        header = ["workload"] + [CONTESTANTS[n] for n in used] + ["auto", "regret", "vs sp best", "vs sp auto"]
        body = []
        for r in rows:
            cell = Cell(**{**r["cell"], "shape1": tuple(r["cell"]["shape1"]), "shape2": tuple(r["cell"]["shape2"]),
                           "axes": None if r["cell"]["axes"] is None else tuple(r["cell"]["axes"])})
            body.append([cell.label] + [_cell_text(r["results"].get(n)) for n in used]
                        + [r.get("auto_choice") or "?", _ratio(r.get("regret")),
                           _ratio(r.get("speedup_vs_scipy_best")), _ratio(r.get("speedup_vs_scipy_auto"))])
        widths = [max(len(row[i]) for row in [header] + body) for i in range(len(header))]
        line = lambda row: "| " + " | ".join(  # noqa: E731
            (c.ljust(w) if i == 0 else c.rjust(w)) for i, (c, w) in enumerate(zip(row, widths))) + " |"
        rule = "|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|"
        title = FAMILY_TITLES.get(family, family)
        blocks.append("\n".join([f"### {title}", "", line(header), rule] + [line(row) for row in body]))
    return "\n\n".join(blocks)


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
            r = index.get((n, k))
            f = r.get("fastest_engine") if r else None
            a = r.get("auto_choice") if r else None
            f_row.append(f)
            a_row.append(a)
            g = r.get("regret") if r else None
            # A mark needs auto to have been slower too: when auto (running its pick) beat the
            # fastest engine's own column, the two were within noise of each other.
            m_row.append(bool(f and a and f != a and (g is None or g > 1.0)))
            g_row.append(r.get("regret") if r else None)
        fastest.append(f_row)
        auto.append(a_row)
        mismatch.append(m_row)
        regret.append(g_row)
    return {"family": family, "signal_lengths": signals, "kernel_lengths": kernels, "fastest": fastest,
            "auto": auto, "mismatch": mismatch, "regret": regret}


ENGINE_COLOURS = {"direct": "#4c72b0", "fft": "#dd8452", "oa": "#55a868"}


def plot_method_map(data: dict, path: str | os.PathLike, *, title: str = "") -> Path | None:
    """Draw the method map as a PNG; returns the path, or None (with a message) without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg", force=True)
        import matplotlib.pyplot as plt
        from matplotlib.colors import ListedColormap
        from matplotlib.patches import Patch
    except ImportError:
        print("matplotlib is not installed: method map skipped (pip install matplotlib)", file=sys.stderr)
        return None
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
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path


def _short(n: int) -> str:
    for suffix, scale in (("M", 1 << 20), ("k", 1 << 10)):
        if n >= scale and n % scale == 0:
            return f"{n // scale}{suffix}"
    for suffix, scale in (("M", 10**6), ("k", 10**3)):
        if n >= scale and n % scale == 0:
            return f"{n // scale}{suffix}"
    return str(n)


def _version(module: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:
        return None


def machine_info(workers: int) -> dict:
    """CPU model, cores, SIMD flags, load, Python and library versions, workers."""
    cpu, flags = platform.processor() or platform.machine(), ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name") and cpu in ("", platform.machine(), platform.processor()):
                    cpu = line.split(":", 1)[1].strip()
                elif line.startswith("flags") and not flags:
                    flags = line.split(":", 1)[1]
    except OSError:
        pass
    simd = [f for f in ("avx2", "fma", "avx512f", "avx512dq", "avx512vl") if f" {f} " in f" {flags} "]
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    from . import __version__

    return {
        "cpu": cpu, "cores": os.cpu_count(), "simd": simd, "loadavg": load,
        "platform": platform.platform(), "python": platform.python_version(),
        "versions": {"convkit": __version__, "numpy": np.__version__, "scipy": _version("scipy"),
                     "numba": _version("numba"), "pyfftw": _version("pyFFTW"), "matplotlib": _version("matplotlib")},
        "workers": workers,
    }


def write_json(result: dict, path: str | os.PathLike) -> Path:
    """Write the run's document: ``schema``, ``created``, ``settings``, ``machine``, ``cells``, ``regret``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)

    def clean(x):
        if isinstance(x, float) and not math.isfinite(x):
            return None
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            return [clean(v) for v in x]
        if isinstance(x, np.generic):
            return clean(x.item())
        return x

    path.write_text(json.dumps(clean(result), indent=1, ensure_ascii=False) + "\n")
    return path


def main(quick: bool = False, workers: int | None = 1, out: str | os.PathLike = "bench-results", *,
         cells: Sequence[Cell] | None = None, progress: bool = True, **settings) -> int:
    """Run the benchmark, print the tables and the regret, write the JSON and the PNG into ``out``.

    ``cells`` replaces the grid (tests pass a tiny one); ``settings`` go to
    :func:`run`. Returns 0, or 1 when a convkit contestant failed or
    disagreed with scipy.
    """
    workers = 1 if workers is None else workers
    warm = cells is None
    if cells is None:
        cells = quick_grid() if quick else full_grid()
    if quick:
        # total_time counts from the first cell, first calls (JIT compilation on a cold
        # Numba cache: up to a minute or two here) included: fewer rounds, not a longer run.
        settings = {"repeats": 15, "min_time": 0.003, "skip_over": 0.5, "max_time": 1.5, "total_time": 120.0,
                    **settings}
    else:
        settings = {"repeats": 15, "min_time": 0.01, "skip_over": 5.0, "max_time": 10.0, **settings}
    result = run(cells, workers=workers, progress=progress, **settings)
    first_calls = sum(e.get("first_call_seconds", 0.0) for r in result["cells"] for e in r["results"].values())
    grid = ("quick" if quick else "full") if warm else "custom"
    result["settings"]["grid"] = grid
    m = result["machine"]
    print(f"convkit bench ({grid} grid, {len(cells)} cells, {result['elapsed_seconds']:.0f} s) "
          f"on {m['cpu']} ({m['cores']} cores, {'/'.join(m['simd']) or 'no AVX'}), workers={workers}, "
          f"{result['created']}, load average {m['loadavg']} at the start, {m.get('loadavg_end')} at the end")
    print(", ".join(f"{k} {v}" for k, v in m["versions"].items() if v))
    print(f"median of {settings['repeats']} interleaved rounds (fewer when a cell ran over "
          f"{settings['max_time']} s); times are seconds per call"
          + f"; first calls (JIT compile or cache load, FFT plans, answer check) took {first_calls:.1f} s in all\n")
    print(format_table(result["cells"]))
    print()
    print(format_regret(result["regret"], result["regret_min"], result["cells"]))
    print(format_model(result["model"]))
    out = Path(out)
    json_path = write_json({**result, "method_map": method_map_data(result["cells"])}, out / "convkit-bench.json")
    png = plot_method_map(method_map_data(result["cells"]), out / "method-map.png",
                          title=f"fastest convkit engine, float64 'full', workers={workers} "
                                f"(× = auto chose another: pick, auto/fastest)")
    print(f"\nwrote {json_path}" + (f" and {png}" if png else ""))
    failures = [(r["id"], n, e.get("error") or f"rel error {e.get('rel_error'):.3g}") for r in result["cells"]
                for n, e in r["results"].items() if n.startswith("convkit.") and e["status"] in ("error", "wrong")]
    for cid, name, why in failures:
        print(f"FAILED {name} on {cid}: {why}", file=sys.stderr)
    return 1 if failures else 0
