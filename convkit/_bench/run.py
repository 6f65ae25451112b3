"""Timing the cells: every applicable contestant, interleaved, in shuffled rounds; medians.

:func:`run_cell` checks each contestant's first call against scipy's answer
(that call also compiles and plans), skips contestants predicted to take too
long, settles the rest, and times them with
:func:`convkit._timing.time_interleaved`. :func:`run` does that for a grid
under a shared time budget and returns the whole result document.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence

import numpy as np

from .._timing import median, settle, time_interleaved
from . import images
from .cells import CONTESTANTS, ENGINES, SCIPY, Cell, auto_choice, contestants_for, predicted_seconds, reference
from .report import image_map_data, image_summary, median_of, model_summary, regret_summary

__all__ = ["SCHEMA", "run_cell", "run", "derive", "machine_info", "tolerance", "run_image_cell", "run_images"]

SCHEMA = "convkit-bench/1"

Timer = Callable[..., dict[str, list[float]]]


def _time_into(results: dict, timed: dict, timer, repeats, min_time, max_time, on_repeat) -> None:
    """Time the ``timed`` calls interleaved (their first call already made) and add each one's
    samples, median and minimum to its entry in ``results``."""
    if not timed:
        return
    samples = timer(timed, repeats, min_time, warmup=False, max_time=max_time, on_repeat=on_repeat)
    for name, times in samples.items():
        results[name].update(times=list(times), median=median(times), min=min(times))


def _first_call(call: Callable[[], object]) -> tuple[object, dict]:
    """Run a contestant's first call (it compiles and plans): its result and the entry that
    records it, ``{"status": "ok", "first_call_seconds": ...}``, or ``(None, {"status": "error", ...})``."""
    t_first = time.perf_counter()
    try:
        out = call()
    except Exception as exc:
        return None, {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
    return out, {"status": "ok", "first_call_seconds": time.perf_counter() - t_first}


def _rel_error(got, ref) -> float:
    got = np.asarray(got)
    ref = np.asarray(ref)
    if got.shape != ref.shape:
        return math.inf
    # in float64 (complex128): an integer difference would wrap
    got = got.astype(np.result_type(got, np.float64), copy=False)
    ref = ref.astype(np.result_type(ref, np.float64), copy=False)
    denom = float(np.linalg.norm(ref.ravel()))
    return float(np.linalg.norm((got - ref).ravel())) / (denom or 1.0)


def tolerance(dtype: str) -> float:
    """Relative L2 error allowed against scipy's answer: single precision 1e-4, double 1e-9.

    Looser than the test suite's rule (1e-5 and 1e-12 against an exact float64
    reference) because the reference here is scipy's own FFT result, with
    rounding errors of its own: this check catches a wrong answer, not the
    last digits.
    """
    return 1e-4 if np.dtype(dtype) in (np.float32, np.complex64) else 1e-9


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def run_cell(cell: Cell, *, workers: int = 1, repeats: int = 5, min_time: float = 0.01,
             skip_over: float = 1.0, max_time: float | None = None, seed: int = 0,
             timer: Timer = time_interleaved, on_repeat: Callable[[int, int], None] | None = None) -> dict:
    """Time every applicable contestant on ``cell``; return the cell's record (one entry of the JSON's ``cells``)."""
    t_cell = time.perf_counter()
    a, b = cell.data(seed)
    record: dict = {"id": cell.id, "cell": cell.as_dict(), "direct_macs": cell.direct_macs(),
                    "auto_choice": None, "auto_reason": None, "predicted": {}, "results": {}}
    try:
        choice = auto_choice(cell, a, b, workers)
        record["auto_choice"], record["auto_reason"] = choice.method, choice.reason
        record["predicted"] = {k: float(v) for k, v in choice.predicted.items()}
    except Exception as exc:  # an engine missing or broken: still time the peers
        record["auto_reason"] = f"choose_method failed: {type(exc).__name__}: {exc}"
    calls = contestants_for(cell, a, b, workers)
    results: dict[str, dict] = {name: {"status": "n/a"} for name in CONTESTANTS}
    timed: dict[str, Callable[[], object]] = {}
    expected = None
    for name, call in calls.items():
        predicted = predicted_seconds(name, cell, record["predicted"])
        if predicted is not None and predicted > skip_over:
            results[name] = {"status": "skipped", "reason": f"predicted {predicted:.3g} s > {skip_over:g} s",
                             "predicted": predicted}
            continue
        # First call: compiles/plans, and checks the answer against scipy's.
        out, entry = _first_call(call)
        if entry["status"] == "error":
            results[name] = entry
            continue
        if name.startswith("convkit."):
            if expected is None:
                expected = reference(cell, a, b)
            err = _rel_error(out, expected)
            entry["rel_error"] = err
            if not err <= tolerance(cell.dtype):
                entry = {"status": "wrong", "rel_error": err, "first_call_seconds": entry["first_call_seconds"]}
        if entry["status"] == "ok":
            entry["settle_calls"] = settle(call)
            timed[name] = call
        results[name] = entry
    # The checking call above was the warm-up (JIT compile, FFT plans).
    _time_into(results, timed, timer, repeats, min_time, max_time, on_repeat)
    record["results"] = {name: results[name] for name in CONTESTANTS
                         if name in calls or results[name]["status"] != "n/a"}
    derive(record)
    record["elapsed_seconds"] = round(time.perf_counter() - t_cell, 3)
    return record


def derive(record: dict) -> None:
    """Add the numbers the table shows to ``record``: fastest engine, regret, speedups over scipy."""
    auto = median_of(record, "convkit.auto")
    engines = {e: median_of(record, f"convkit.{e}") for e in ENGINES}
    engines = {e: t for e, t in engines.items() if t is not None}
    fastest = min(engines, key=engines.get) if engines else None
    scipy_times = {n: median_of(record, n) for n in SCIPY}
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
    auto_min = median_of(record, "convkit.auto", "min")
    mins = {e: median_of(record, f"convkit.{e}", "min") for e in ENGINES}
    mins = {e: t for e, t in mins.items() if t is not None}
    record["regret_min"] = auto_min / min(mins.values()) if auto_min and mins else None


def run(cells: Sequence[Cell], *, workers: int = 1, repeats: int = 5, min_time: float = 0.01,
        skip_over: float = 1.0, max_time: float | None = None, total_time: float | None = None, seed: int = 0,
        progress: bool = True, timer: Timer = time_interleaved, stream=None) -> dict:
    """Run ``cells`` and return the whole result (the document :func:`convkit._bench.report.write_json` writes).

    Parameters
    ----------
    cells : sequence of Cell
        The grid: :func:`convkit._bench.cells.quick_grid`, ``full_grid`` or your own.
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

    started = time.time()
    load_start = _loadavg()
    with scipy.fft.set_workers(workers):
        records = _run_grid(cells, lambda cell, **kw: run_cell(cell, skip_over=skip_over, **kw), progress, stream,
                            total_time, workers=workers, repeats=repeats, min_time=min_time, max_time=max_time,
                            seed=seed, timer=timer)
    return {
        **_header(started, load_start, workers,
                  {"workers": workers, "repeats": repeats, "min_time": min_time, "skip_over": skip_over,
                   "max_time": max_time, "total_time": total_time, "seed": seed, "statistic": "median",
                   "interleaving": "first call checked against scipy, then called until two calls agree within 2x, "
                                   "then rounds, each in a fresh seeded shuffled order"}),
        "cells": records,
        "regret": regret_summary(records),
        "regret_min": regret_summary(records, key="regret_min"),
        "model": model_summary(records),
    }


def _header(started: float, load_start, workers: int, settings: dict) -> dict:
    """The fields every run document opens with: schema, times, settings and the machine
    (with the load average at the start and the end of the run)."""
    machine = machine_info(workers)
    machine["loadavg_end"] = _loadavg()
    machine["loadavg"] = load_start
    return {"schema": SCHEMA, "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "elapsed_seconds": round(time.time() - started, 3), "settings": settings, "machine": machine}


def _run_grid(cells, run_one, progress, stream, total_time, *, max_time, **kwargs) -> list[dict]:
    """``run_one(cell, max_time=..., on_repeat=..., **kwargs)`` for each cell, with the progress bar and
    the run's budget: each cell gets at most an equal share of the ``total_time`` left."""
    stream = sys.stderr if stream is None else stream
    bar = _Progress(len(cells), stream) if progress else None
    started = time.time()
    records = []
    for i, cell in enumerate(cells):
        if bar:
            bar.show(i, cell.id)
        on_repeat = (lambda done, total, i=i, c=cell: bar.show(i + done / (total + 1), c.id)) if bar else None
        cell_budget = max_time
        if total_time is not None:
            share = max(0.0, total_time - (time.time() - started)) / (len(cells) - i)
            cell_budget = share if cell_budget is None else min(cell_budget, share)
        records.append(run_one(cell, max_time=cell_budget, on_repeat=on_repeat, **kwargs))
    if bar:
        bar.done()
    return records


def run_image_cell(cell: images.ImageCell, *, workers: int = 1, repeats: int = 5, min_time: float = 0.01,
                   max_time: float | None = None, seed: int = 0, timer: Timer = time_interleaved,
                   on_repeat: Callable[[int, int], None] | None = None) -> dict:
    """Time every installed contestant on an image cell; convkit's first call is checked against
    :func:`convkit._bench.images.reference` (dtype, shape and values). Returns the cell's record,
    with ``speedup[peer]`` = the peer's median / convkit's."""
    t_cell = time.perf_counter()
    x, w = cell.data(seed)
    calls = images.contestants_for(cell, x, w, workers)
    results: dict[str, dict] = {}
    timed: dict[str, Callable[[], object]] = {}
    for name, call in calls.items():
        out, entry = _first_call(call)
        if entry["status"] == "error":
            results[name] = entry
            continue
        if name == "convkit":
            expected = images.reference(cell, x, w)
            if expected is not None:
                err = _rel_error(out, expected) if np.asarray(out).dtype == expected.dtype else math.inf
                entry["rel_error"] = err
                if not err <= images.tolerance(cell):
                    entry = {"status": "wrong", "rel_error": err, "first_call_seconds": entry["first_call_seconds"]}
        if entry["status"] == "ok":
            entry["settle_calls"] = settle(call)
            timed[name] = call
        results[name] = entry
    _time_into(results, timed, timer, repeats, min_time, max_time, on_repeat)
    record = {"id": cell.id, "group": "images", "cell": cell.as_dict(), "results": results}
    ck = median_of(record, "convkit")
    record["speedup"] = {p: median_of(record, p) / ck for p in images.PEERS
                         if ck and median_of(record, p) is not None}
    record["elapsed_seconds"] = round(time.perf_counter() - t_cell, 3)
    return record


def run_images(cells: Sequence[images.ImageCell], *, workers: int = 1, repeats: int = 5, min_time: float = 0.01,
               max_time: float | None = None, total_time: float | None = None, seed: int = 0,
               progress: bool = True, timer: Timer = time_interleaved, stream=None) -> dict:
    """Run image ``cells`` (:mod:`convkit._bench.images`) as :func:`run` runs signal cells; the
    document has the records under ``image_cells``, :func:`~convkit._bench.report.image_summary`
    under ``image_summary`` and the map's grid under ``image_map``."""
    started = time.time()
    load_start = _loadavg()
    records = _run_grid(cells, run_image_cell, progress, stream, total_time, workers=workers, repeats=repeats,
                        min_time=min_time, max_time=max_time, seed=seed, timer=timer)
    return {
        **_header(started, load_start, workers,
                  {"workers": workers, "repeats": repeats, "min_time": min_time, "max_time": max_time,
                   "total_time": total_time, "seed": seed, "statistic": "median"}),
        "image_cells": records,
        "image_summary": image_summary(records),
        "image_map": image_map_data(records),
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
    from .. import __version__

    return {
        "cpu": cpu, "cores": os.cpu_count(), "simd": simd, "loadavg": _loadavg(),
        "platform": platform.platform(), "python": platform.python_version(),
        "versions": {"convkit": __version__, "numpy": np.__version__, "scipy": _version("scipy"),
                     "numba": _version("numba"), "pyfftw": _version("pyFFTW"), "matplotlib": _version("matplotlib"),
                     "opencv": _version("opencv-python-headless") or _version("opencv-python"),
                     "scikit-image": _version("scikit-image")},
        "workers": workers,
    }
