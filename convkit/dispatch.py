"""Which engine computes a Problem: rules that force a method, then a cost model.

Each engine reports the work a call costs in its own unit (``engine.cost``:
multiply-adds for direct, a transform flop count for fft and oa); the profile
turns units into seconds for this machine. The cheapest prediction wins unless
a rule forces the method. :func:`explain` returns the whole reasoning.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

import numpy as np

from . import profile
from .problem import Problem

__all__ = ["Choice", "explain", "choose", "run", "engine"]

_MODULES = {"direct": "convkit.engines.direct", "fft": "convkit.engines.fft", "oa": "convkit.engines.overlap"}

# Below this many multiply-adds a transform's set-up costs more than the loop.
TINY_DIRECT_OPS = 4096


@dataclass(frozen=True)
class Choice:
    """The dispatcher's decision for one call.

    Attributes
    ----------
    method : str
        'direct', 'fft' or 'oa'.
    predicted : dict
        Predicted seconds for every engine considered.
    reason : str
        Why ``method`` was chosen, in words.
    """

    method: str
    predicted: dict[str, float] = field(default_factory=dict)
    reason: str = ""

    def __str__(self) -> str:
        times = ", ".join(f"{name} {secs * 1e3:.3g} ms" for name, secs in sorted(self.predicted.items(), key=lambda kv: kv[1]))
        return f"method={self.method!r} ({self.reason}); predicted: {times or 'n/a'}"


def engine(name: str):
    """The engine module for ``name``, imported on first use (keeps ``import convkit`` cheap)."""
    return importlib.import_module(_MODULES[name])


def _precision_key(dtype: np.dtype) -> str:
    if dtype.kind in "iub":
        return "int"
    return {4: "f32", 8: "f64"}[dtype.itemsize] if dtype.kind == "f" else {8: "c64", 16: "c128"}[dtype.itemsize]


def _fft_precision_key(dtype: np.dtype) -> str:
    # Integer calls run their FFT in float64.
    return "f64" if dtype.kind in "iub" else _precision_key(dtype)


def _thread_speedup(workers: int, work_seconds: float) -> float:
    """Parallel speed-up the engines reach: none for small work, near-linear for large."""
    if workers <= 1 or work_seconds < 2e-4:
        return 1.0
    return 1.0 + 0.9 * (workers - 1)


def predict(name: str, problem: Problem) -> float:
    """Predicted seconds for engine ``name`` on ``problem`` with the profile in force."""
    consts = profile.constants()[name]
    a_shape, b_shape = problem.a.shape, problem.b.shape
    if name == "direct":
        units = engine("direct").cost(a_shape, b_shape, problem.axes, problem.shape, problem.start)
        per_unit = consts[_precision_key(problem.compute_dtype)]
    else:
        units = engine(name).cost(a_shape, b_shape, problem.axes, problem.shape, problem.start,
                                  _fft_dtype(problem.compute_dtype))
        per_unit = consts[_fft_precision_key(problem.compute_dtype)]
    work = units * per_unit
    return consts["overhead"] + work / _thread_speedup(problem.workers, work)


def _fft_dtype(dtype: np.dtype) -> np.dtype:
    return np.dtype(np.float64) if dtype.kind in "iub" else dtype


def explain(problem: Problem) -> Choice:
    """Decide the engine for ``method='auto'`` and say why."""
    if not problem.fft_allowed:
        return Choice("direct", {"direct": predict("direct", problem)},
                      "integer result: an FFT could not round back to the exact integers (|in1|max·|in2|max·min size > 2**52)")
    direct_ops = engine("direct").cost(problem.a.shape, problem.b.shape, problem.axes, problem.shape, problem.start)
    if direct_ops <= TINY_DIRECT_OPS:
        return Choice("direct", {"direct": predict("direct", problem)},
                      f"tiny call ({direct_ops:.0f} multiply-adds): transform set-up would dominate")
    predicted = {name: predict(name, problem) for name in ("direct", "fft", "oa")}
    best = min(predicted, key=predicted.get)
    return Choice(best, predicted, "lowest predicted time")


def choose(problem: Problem, method: str) -> str:
    """The engine that runs ``problem`` for the user's ``method=``.

    A forced 'fft' or 'oa' on integers whose exact result an FFT cannot
    guarantee runs direct instead: convkit never returns wrong integers.
    """
    if method == "auto":
        return explain(problem).method
    if method in ("fft", "oa") and not problem.fft_allowed:
        return "direct"
    return method


def run(name: str, problem: Problem) -> np.ndarray:
    """Run engine ``name``; integer and boolean operands go through float64 for FFTs."""
    a, b = problem.a, problem.b
    if name != "direct" and a.dtype.kind in "iub":
        a, b = a.astype(np.float64), b.astype(np.float64)
    return engine(name).convolve(a, b, problem.axes, problem.shape, problem.start, workers=problem.workers)
