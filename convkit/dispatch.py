"""Which engine computes a Problem: rules that force a method, then a cost model.

Each engine reports the work a call costs in its own unit (``engine.cost``:
multiply-adds for direct, a transform flop count for fft and oa); the profile
turns units into seconds for this machine. The cheapest prediction wins unless
a rule forces the method. :func:`explain` returns the whole reasoning.
"""

from __future__ import annotations

import functools
import importlib
import math
import types
from dataclasses import dataclass, field
from typing import NamedTuple

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
    predicted : mapping
        Predicted seconds for every engine considered (read-only).
    reason : str
        Why ``method`` was chosen, in words.
    """

    method: str
    predicted: dict[str, float] = field(default_factory=dict)
    reason: str = ""

    def __str__(self) -> str:
        times = ", ".join(f"{name} {secs * 1e3:.3g} ms" for name, secs in sorted(self.predicted.items(), key=lambda kv: kv[1]))
        return f"method={self.method!r} ({self.reason}); predicted: {times or 'n/a'}"


_loaded_engines: dict = {}


def engine(name: str):
    """The engine module for ``name``, imported on first use (keeps ``import convkit`` cheap).

    Raises
    ------
    ImportError
        Naming the package to install when an FFT engine's pyFFTW is missing.
    """
    module = _loaded_engines.get(name)
    if module is None:
        try:
            module = importlib.import_module(_MODULES[name])
        except ImportError as exc:
            if name == "direct":
                raise
            raise ImportError(
                f"convkit's {name!r} engine needs pyFFTW, which could not be imported ({exc}). "
                "Install it with `pip install pyfftw`, or use method='direct'."
            ) from exc
        _loaded_engines[name] = module
    return module


def _cost_function(name: str):
    # The FFT engines' cost models live in a pyFFTW-free module, so explaining
    # a choice never imports pyFFTW.
    if name == "direct":
        return engine("direct").cost
    from .engines import _fft_sizes

    return _fft_sizes.fft_cost if name == "fft" else _fft_sizes.oa_cost


def precision(dtype: np.dtype) -> str:
    """The profile's precision key for a compute dtype."""
    if dtype.kind in "iub":
        return "int"
    if dtype.kind == "f":
        return "f32" if dtype.itemsize == 4 else "f64"
    return "c64" if dtype.itemsize == 8 else "c128"


class Geometry(NamedTuple):
    """What a prediction depends on: shapes, region, compute dtype and threads (hashable)."""

    a_shape: tuple
    b_shape: tuple
    axes: tuple
    shape: tuple
    start: tuple
    dtype: np.dtype
    workers: int

    @classmethod
    def of(cls, problem: Problem) -> "Geometry":
        return cls(problem.a.shape, problem.b.shape, problem.axes, problem.shape, problem.start,
                   problem.a.dtype, problem.workers)


def units(name: str, problem: Problem | Geometry) -> float:
    """Engine ``name``'s own work count for ``problem`` (see each engine's ``cost``)."""
    g = problem if isinstance(problem, Geometry) else Geometry.of(problem)
    cost = _cost_function(name)
    if name == "direct":
        # cost() counts one real loop's overhead; fixed_units() has all of this dtype's loops
        single = engine("direct").fixed_cost(g.a_shape, g.b_shape, g.axes, g.shape, g.start)
        return cost(g.a_shape, g.b_shape, g.axes, g.shape, g.start) - single + fixed_units(name, g)
    dtype = np.dtype(np.float64) if g.dtype.kind in "iub" else g.dtype
    return cost(g.a_shape, g.b_shape, g.axes, g.shape, g.start, dtype)


def fixed_units(name: str, problem: Problem | Geometry) -> float:
    """The part of :func:`units` that costs the same in every precision (direct's loop overhead)."""
    if name != "direct":
        return 0.0
    g = problem if isinstance(problem, Geometry) else Geometry.of(problem)
    fixed = engine("direct").fixed_cost(g.a_shape, g.b_shape, g.axes, g.shape, g.start)
    # complex direct runs three real convolutions (Gauss's trick): three times the loop overhead
    return 3.0 * fixed if g.dtype.kind == "c" else fixed


def elements(problem: Problem | Geometry) -> float:
    """Array elements a call reads and writes: both inputs and the output."""
    g = problem if isinstance(problem, Geometry) else Geometry.of(problem)
    return float(math.prod(g.a_shape) + math.prod(g.b_shape) + math.prod(g.shape))


def predict(name: str, problem: Problem | Geometry, consts: dict | None = None) -> float:
    """Predicted seconds for engine ``name`` on ``problem`` (profile in force unless ``consts``)."""
    g = problem if isinstance(problem, Geometry) else Geometry.of(problem)
    c = (consts or profile.constants())[name]
    prec = precision(g.dtype)
    if name != "direct" and prec == "int":
        prec = "f64"  # integer FFTs run in float64
    fixed = fixed_units(name, g)
    scale = c["scale"][prec]
    work = c["per_unit"] * (scale * (units(name, g) - fixed) + fixed) + scale * c["per_element"] * elements(g)
    if g.workers > 1 and work > c["parallel_min"]:
        work /= 1.0 + c["parallel"] * (g.workers - 1)
    return c["overhead"] + work


@functools.lru_cache(maxsize=1024)
def _decide(g: Geometry, fft_allowed: bool, generation: int) -> Choice:
    # Memoised per geometry: repeated calls of one shape skip the cost models.
    # ``generation`` changes whenever the profile in force does.
    if not fft_allowed:
        return Choice("direct", types.MappingProxyType({"direct": predict("direct", g)}),
                      "integer result: an FFT could not round back to the exact integers "
                      "(max|in1|*max|in2|*min(size) > 2**52)")
    if math.prod(g.a_shape) * math.prod(g.b_shape) <= TINY_DIRECT_OPS:
        return Choice("direct", types.MappingProxyType({}), f"tiny call (at most {TINY_DIRECT_OPS} multiply-adds): "
                      "transform set-up would dominate")
    predicted = {name: predict(name, g) for name in ("direct", "fft", "oa")}
    best = min(predicted, key=predicted.get)
    # Read-only: the memoised Choice is shared by every call of this geometry.
    return Choice(best, types.MappingProxyType(predicted), "lowest predicted time")


def explain(problem: Problem) -> Choice:
    """Decide the engine for ``method='auto'`` and say why."""
    return _decide(Geometry.of(problem), problem.fft_allowed, profile.generation())


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


def _all_finite(x: np.ndarray) -> bool:
    # bound on first use: the check's module imports Numba, which explain() never needs
    global _all_finite
    from .engines._finite import all_finite

    _all_finite = all_finite
    return all_finite(x)


def run(name: str, problem: Problem, *, exact_nonfinite: bool = False) -> np.ndarray:
    """Run engine ``name`` on ``problem``.

    Integer and boolean operands go through float64 for the FFT engines. With
    ``exact_nonfinite`` (``method='auto'``), an FFT result with any NaN or inf
    is not trusted and goes to ``convkit.nonfinite``: finite inputs mean the
    transform overflowed (direct recomputes); non-finite inputs get direct
    convolution's finiteness (NaN/inf only where the kernel window touches a
    non-finite sample). A non-finite input always leaves a non-finite FFT
    output, so one pass over the output decides.
    """
    a, b = problem.a, problem.b
    args = (problem.axes, problem.shape, problem.start)
    if name == "direct":
        return engine("direct").convolve(a, b, *args, workers=problem.workers)
    if a.dtype.kind in "iub":
        a, b = a.astype(np.float64), b.astype(np.float64)
    out = engine(name).convolve(a, b, *args, workers=problem.workers)
    if not exact_nonfinite or problem.compute_dtype.kind in "iub" or _all_finite(out):
        return out
    from .nonfinite import convolve_nonfinite

    # convolve_nonfinite reuses the poisoned result (every finite output of it
    # is already right) and sends finite inputs, a transform overflow, to direct.
    return convolve_nonfinite(engine(name).convolve, engine("direct").convolve, a, b, *args,
                              workers=problem.workers, out=out)
