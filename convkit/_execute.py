"""The executor: the only place that composes engines.

``signal``/``plan`` hand a validated :class:`~convkit.problem.Problem` and the
user's ``method`` here; :func:`compute` asks ``dispatch`` which engine runs it
and :func:`run` carries it out:

* the tiny path (:func:`tiny`): small 1-D and 2-D calls after a cheap
  validation, without building a Problem;
* integers: cast to float64 for an FFT engine when the rounded result is
  provably exact, otherwise split into limbs (:mod:`convkit._execute_limbs`);
* the non-finite policy (:mod:`convkit._execute_nonfinite`): with
  ``method='auto'`` an FFT result holding NaN or inf gets direct convolution's
  finiteness (NaN/inf only where the kernel window touches a non-finite
  sample);
* the finish: ``problem.finish`` casts to scipy's output dtype.

Engines never call each other; they receive an int ``workers`` and a
:class:`~convkit.engines.Geometry`.
"""

from __future__ import annotations

import numpy as np

from . import dispatch, engines
from .engines import Geometry
from .problem import MODES, Problem, _centred_start, _region, finish

__all__ = ["compute", "run", "tiny"]

_TINY_DTYPES = frozenset(np.dtype(t) for t in ("float32", "float64", "complex64", "complex128"))


def tiny(in1, in2, mode, method, workers, correlate: bool):
    """The whole call for a tiny 1-D or 2-D pair, or None when the call is not one.

    Tiny calls (at most ``dispatch.TINY_DIRECT_OPS`` multiply-adds, where auto
    always picks direct) would spend most of their time validating: this path
    takes only plain 1-D or 2-D ndarrays of one native float or complex dtype
    with a valid mode, method and thread count, whose checks are then these
    few comparisons; everything else (errors included) goes the general way.
    1-D calls run ``numpy.convolve``, scipy.signal's own 1-D direct path (the
    same bits as scipy, and no Numba to load).
    """
    # any valid thread count gives the same single-threaded call; others go the general way to raise
    if (type(in1) is not np.ndarray or type(in2) is not np.ndarray
            or not (workers is None or (type(workers) is int and workers > 0))
            or (method != "auto" and method != "direct") or mode not in MODES):
        return None
    ndim = in1.ndim
    if ndim != in2.ndim or not 1 <= ndim <= 2:
        return None
    dt = in1.dtype
    if dt != in2.dtype or dt not in _TINY_DTYPES:
        return None
    size1, size2 = in1.size, in2.size
    if size1 == 0 or size2 == 0 or size1 * size2 > dispatch.TINY_DIRECT_OPS:
        return None
    if correlate:
        in2 = in2[(slice(None, None, -1),) * ndim]
        if dt.kind == "c":
            in2 = in2.conj()
    if ndim == 1:
        return _numpy_1d(in1, in2, mode)
    if mode == "valid":
        (n0, n1), (k0, k1) = in1.shape, in2.shape
        if not ((n0 >= k0 and n1 >= k1) or (k0 >= n0 and k1 >= n1)):
            return None  # the general path raises scipy's error
    s0, n0 = _region(mode, in1.shape[0], in2.shape[0], _centred_start)
    s1, n1 = _region(mode, in1.shape[1], in2.shape[1], _centred_start)
    g = Geometry(in1.shape, in2.shape, (0, 1), (n0, n1), (s0, s1), dt, 1)
    eng = engines.get("direct")
    return eng.convolve(in1, eng.prepare(in2, g), g, workers=1)


def _numpy_1d(a: np.ndarray, b: np.ndarray, mode: str) -> np.ndarray:
    """scipy.signal's 1-D direct convolution, which is ``numpy.convolve``.

    numpy's 'same' centres on the longer input; scipy's keeps ``in1``'s
    length, so when ``in1`` is the shorter one the 'full' result is cropped
    to scipy's window.
    """
    if mode != "same" or a.size >= b.size:
        return np.convolve(a, b, mode)
    start = (b.size - 1) // 2
    return np.convolve(a, b)[start:start + a.size].copy()


def compute(problem: Problem, method: str) -> np.ndarray:
    """Choose the engine for the user's ``method`` and return scipy's result."""
    name = dispatch.choose(problem, method)
    return finish(problem, run(name, problem, exact_nonfinite=method == "auto"))


def _engine_call(name: str):
    """Engine ``name`` as a function of the old positional contract (for the non-finite policy)."""
    eng = engines.get(name)

    def call(a, b, axes, shape, start, *, workers=1):
        g = Geometry(a.shape, b.shape, tuple(axes), tuple(shape), tuple(start), a.dtype, workers)
        return eng.convolve(a, eng.prepare(b, g), g, workers=workers)

    return call


def _all_finite(x: np.ndarray) -> bool:
    # bound on first use: the check's module imports Numba, which explaining a choice never needs
    global _all_finite
    from .engines._finite import all_finite

    _all_finite = all_finite
    return all_finite(x)


def run(name: str, problem: Problem, *, exact_nonfinite: bool = False, prepared=None) -> np.ndarray:
    """Run engine ``name`` on ``problem`` and return the engine's raw result (before ``finish``).

    Integer and boolean operands go through float64 for the FFT engines
    (``problem.fft_allowed`` guarantees the rounding is exact). With
    ``exact_nonfinite`` (``method='auto'``), an FFT result with any NaN or
    inf is not trusted and goes to the non-finite policy: finite inputs mean
    the transform overflowed (direct recomputes); non-finite inputs get
    direct convolution's finiteness. A non-finite input always leaves a
    non-finite FFT output, so one pass over the output decides.
    ``prepared`` is the engine's prepared ``problem.b`` when the caller keeps
    one (a :class:`~convkit.plan.Plan` with a fixed kernel).
    """
    a, b = problem.a, problem.b
    eng = engines.get(name)
    if name != "direct" and a.dtype.kind in "iub":
        a, b = a.astype(np.float64), b.astype(np.float64)
        prepared = None
    g = Geometry(a.shape, b.shape, problem.axes, problem.shape, problem.start, a.dtype, problem.workers)
    if prepared is None:
        prepared = eng.prepare(b, g)
    out = eng.convolve(a, prepared, g, workers=problem.workers)
    if name == "direct" or not exact_nonfinite or a.dtype.kind in "iub" or _all_finite(out):
        return out
    from ._execute_nonfinite import convolve_nonfinite

    # convolve_nonfinite reuses the poisoned result (every finite output of it
    # is already right) and sends finite inputs, a transform overflow, to direct.
    return convolve_nonfinite(_engine_call(name), _engine_call("direct"), a, b, problem.axes, problem.shape,
                              problem.start, workers=problem.workers, out=out)
