"""Calibrate the dispatcher on this machine: time each engine, fit the profile, save it.

``tune()`` times every engine, interleaved, on a grid of 1-D and 2-D float64
problems, fits ``overhead + per_unit * units + per_element * elements`` per
engine by non-negative least squares on relative error, then measures a few
cells per other precision (float32, complex, integers) for a scale factor, and
the large cells again at 2, 4, 8, ... threads up to the core count
(:func:`worker_counts`) for the parallel efficiency. It takes one to three
minutes on a 2-core machine (``quick=True``: well under one).
"""

from __future__ import annotations

import copy
import math
import os
import sys
import time
from typing import Any

import numpy as np

from . import _dispatch, _profile
from ._problem import finish, normalize_convolve
from ._timing import median, time_interleaved

__all__ = ["tune", "measure_grid", "fit"]

ENGINES = ("direct", "fft", "oa")
_SKIP_ABOVE = 0.25  # seconds: don't time an engine predicted slower than this


def _grid(quick: bool) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    lengths = (10**3, 10**4, 10**5) if quick else (10**3, 10**4, 10**5, 10**6)
    kernels = (3, 16, 64, 256, 1024, 8192) if quick else (3, 8, 16, 64, 256, 1024, 4096, 16384, 65536)
    cells = [((n,), (k,)) for n in lengths for k in kernels if k <= n]
    images = (((64, (3, 9)), (256, (3, 9, 25))) if quick
              else ((64, (3, 5, 9)), (128, (3, 9, 15)), (256, (3, 9, 25)), (1024, (3, 7, 15, 31))))
    cells += [((n, n), (k, k)) for n, ks in images for k in ks]
    return cells


def _data(rng, shape, dtype):
    x = rng.standard_normal(shape)
    if dtype.kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    if dtype.kind in "iu":
        x = x * 20
    return x.astype(dtype)


def measure_grid(cells, dtype="float64", workers=1, *, engines=ENGINES, repeats=5, progress=None,
                 consts=None) -> list[dict]:
    """Time ``engines`` on each (shape1, shape2) cell, interleaved; skip the hopeless ones.

    Returns
    -------
    list of dict
        Per cell and engine: ``units``, ``elements`` and the median ``seconds``
        (plus the Problem for refitting).
    """
    from ._execute import run

    dtype = np.dtype(dtype)
    rng = np.random.default_rng(1234)
    consts = consts or _profile.DEFAULT_CONSTANTS
    rows = []
    for index, (s1, s2) in enumerate(cells):
        a, b = _data(rng, s1, dtype), _data(rng, s2, dtype)
        problem = normalize_convolve(a, b, "full", "auto", correlate=False, workers=workers)
        contestants = {}
        for name in engines:
            if dtype.kind in "iu" and name != "direct":
                continue
            if _dispatch.predict(name, problem, consts) > _SKIP_ABOVE:
                continue
            # the public call's path with the engine forced (no numpy shortcut for 1-D direct work:
            # the dispatcher predicts numpy's loop with its own model)
            contestants[name] = (lambda m=name, a=a, b=b: finish(
                p := normalize_convolve(a, b, "full", m, correlate=False, workers=workers),
                run(m, p, numpy_1d=False)))
        if contestants:
            # one thread: CPU time of this thread, which a loaded machine disturbs far less than wall time
            clock = time.thread_time if workers == 1 else time.perf_counter
            times = time_interleaved(contestants, repeats=repeats, min_time=0.005, max_time=1.0, clock=clock)
            for name in contestants:
                work = _dispatch.cost(name, problem)
                rows.append({"engine": name, "shape1": s1, "shape2": s2, "dtype": str(dtype),
                             "workers": workers, "units": work.arith + work.fixed, "fixed": work.fixed,
                             "elements": _dispatch.elements(problem), "seconds": median(times[name])})
        if progress:
            progress(index + 1, len(cells))
    return rows


def fit(rows: list[dict], engine: str) -> dict[str, float]:
    """Fit ``overhead, per_unit, per_element`` for one engine by NNLS on relative error."""
    from scipy.optimize import nnls

    data = [r for r in rows if r["engine"] == engine]
    if len(data) < 3:
        return {}
    t = np.array([r["seconds"] for r in data])
    features = np.array([[1.0, r["units"], r["elements"]] for r in data])
    column_scale = features.max(axis=0)
    column_scale[column_scale == 0] = 1.0
    weighted = features / column_scale / t[:, None]
    coef, _ = nnls(weighted, np.ones_like(t))
    coef = coef / column_scale
    return {"overhead": float(coef[0]), "per_unit": float(coef[1]), "per_element": float(coef[2])}


def _scale(rows, engine, base) -> float | None:
    ratios = []
    for r in rows:
        if r["engine"] != engine:
            continue
        # loop overhead (``fixed``) takes the same time in every precision: not scaled
        fixed = base["per_unit"] * r.get("fixed", 0.0)
        work = base["per_unit"] * (r["units"] - r.get("fixed", 0.0)) + base["per_element"] * r["elements"]
        if work > 0 and r["seconds"] > base["overhead"] + fixed:
            ratios.append((r["seconds"] - base["overhead"] - fixed) / work)
    return median(ratios) if ratios else None


def worker_counts(cores: int | None = None) -> list[int]:
    """The thread counts ``tune`` measures parallel efficiency at: 2, 4, 8, ... up to the core count, and it."""
    if cores is None:
        cores = os.cpu_count() or 1
    counts = []
    w = 2
    while w < cores:
        counts.append(w)
        w *= 2
    if cores >= 2:
        counts.append(cores)
    return counts


def _parallel(rows_w, rows1, engine, base) -> float | None:
    """The efficiency ``p`` of the model's speed-up ``1 + p * (workers - 1)``, from cells timed at
    several thread counts: the median over cells and counts of ``(t1 / tw - 1) / (w - 1)``."""
    single = {(r["shape1"], r["shape2"]): r["seconds"] for r in rows1 if r["engine"] == engine}
    gains = []
    for r in rows_w:
        key = (r["shape1"], r["shape2"])
        if r["engine"] != engine or key not in single or r["workers"] < 2:
            continue
        one = single[key] - base["overhead"]
        many = r["seconds"] - base["overhead"]
        # the model divides only work above parallel_min: smaller calls stay on one thread
        if one > base["parallel_min"] and many > 0:
            gains.append((one / many - 1.0) / (r["workers"] - 1))
    return min(1.0, max(0.0, median(gains))) if gains else None


def _bar(label):
    start = time.perf_counter()

    def show(done, total):
        width = 30
        filled = int(width * done / total)
        elapsed = time.perf_counter() - start
        sys.stderr.write(f"\r{label:<22} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {elapsed:5.0f}s")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def tune(*, quick: bool = False, progress: bool = False, save: bool = True,
         path: str | os.PathLike[str] | None = None) -> _profile.Path | dict[str, dict[str, Any]]:
    """Measure this machine and write the dispatcher's _profile.

    Parameters
    ----------
    quick : bool, optional
        A smaller grid and fewer repeats (under a minute).
    progress : bool, optional
        Draw progress bars on stderr.
    save : bool, optional
        Write the profile (default) and make it the one in force; with
        ``False`` just return the fitted constants.
    path : path-like, optional
        Where to write (default :func:`convkit._profile.profile_path`).

    Returns
    -------
    pathlib.Path or dict
        The file written, or the constants when ``save=False``.

    Examples
    --------
    >>> import convkit
    >>> convkit.tune(quick=True, save=False)["direct"]["per_unit"] > 0  # doctest: +SKIP
    True
    """
    from ._warmup import warmup

    bar = (lambda label: _bar(label)) if progress else (lambda label: None)
    warmup(dtypes=("float64", "float32", "complex64", "complex128", "int64"))
    consts = copy.deepcopy(_profile.DEFAULT_CONSTANTS)
    repeats = 3 if quick else 5
    cells = _grid(quick)
    rows64 = measure_grid(cells, "float64", repeats=repeats, progress=bar("float64 grid"))
    for name in ENGINES:
        fitted = fit(rows64, name)
        consts[name].update(fitted)

    small = cells[:: 3 if quick else 2]
    for dtype, key in (("float32", "f32"), ("complex64", "c64"), ("complex128", "c128"), ("int64", "int")):
        rows = measure_grid(small, dtype, repeats=repeats, progress=bar(f"{dtype} cells"), consts=consts)
        for name in ENGINES:
            scale = _scale(rows, name, consts[name])
            if scale is not None:
                consts[name]["scale"][key] = scale
        if key == "int":
            for name in ("fft", "oa"):
                consts[name]["scale"]["int"] = consts[name]["scale"]["f64"]

    big = [c for c in cells if math.prod(c[0]) >= 10**5]
    rows_w = []
    for w in worker_counts():
        rows_w += measure_grid(big, "float64", workers=w, repeats=repeats, progress=bar(f"{w} threads"),
                               consts=consts)
    for name in ENGINES:
        eff = _parallel(rows_w, rows64, name, consts[name])
        if eff is not None:
            consts[name]["parallel"] = eff

    if not save:
        return consts
    return _profile.save(consts, path, measured_at=time.strftime("%Y-%m-%dT%H:%M:%S"), quick=quick,
                        cells=len(cells))
