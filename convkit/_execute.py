"""The executor: the only place that composes _engines.

``signal``/``plan`` hand a validated :class:`~convkit._problem.Problem` and the
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
:class:`~convkit._engines.Geometry`.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from . import _dispatch, _engines, _execute_compile, _tuning
from ._engines import Geometry
from ._problem import MODES, Problem, _centred_start, _region, finish

__all__ = ["compute", "run", "tiny"]

# 1-D calls larger than this take the general path, whose checks (the output's
# memory among them) cost nothing next to the work
_SMALL_1D_MAX_ELEMENTS = 1 << 22
_TINY_DTYPES = frozenset(np.dtype(t) for t in ("float32", "float64", "complex64", "complex128"))


def tiny(in1, in2, mode, method, workers, correlate: bool):
    """The whole call for a small 1-D or 2-D pair, or None when the call is not one.

    Small calls would spend most of their time validating: this path takes
    only plain 1-D or 2-D ndarrays of one native float or complex dtype (1-D:
    or one native integer dtype) with a valid mode, method and thread count,
    whose checks are then these few comparisons; everything else (errors
    included) goes the general way.
    2-D calls of at most ``_dispatch.TINY_DIRECT_OPS`` multiply-adds (where
    auto always picks direct) run the direct engine. 1-D calls run
    ``numpy.convolve``, scipy.signal's own 1-D direct path (the same bits as
    scipy, and no Numba to load), when they are tiny or numpy is the faster
    direct loop and the shorter input has at most
    ``_tuning.NUMPY_1D_AUTO_MAX_TAPS`` samples (a transform never wins there).
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
    if dt != in2.dtype:
        return None
    size1, size2 = in1.size, in2.size
    if size1 == 0 or size2 == 0:
        return None
    if ndim == 1:
        # short 1-D calls where numpy beats the engine, and auto would pick direct anyway;
        # integers too (numpy.convolve is scipy's own integer path: same wrap-around)
        if not (dt in _TINY_DTYPES or (dt.kind in "iu" and dt.isnative)) or size1 + size2 > _SMALL_1D_MAX_ELEMENTS:
            return None  # long calls go the general way: checked, and the validation costs them nothing
        if not (size1 * size2 <= _dispatch.TINY_DIRECT_OPS
                or (numpy_1d_faster(size1, size2, _outputs_1d(mode, size1, size2))
                    and (method == "direct" or min(size1, size2) <= _tuning.NUMPY_1D_AUTO_MAX_TAPS))):
            return None
        if correlate:
            in2 = in2[::-1].conj() if dt.kind == "c" else in2[::-1]
        return _numpy_1d(in1, in2, mode)
    if dt not in _TINY_DTYPES:
        return None
    if size1 * size2 > _dispatch.TINY_DIRECT_OPS:
        return None
    if correlate:
        in2 = in2[::-1, ::-1].conj() if dt.kind == "c" else in2[::-1, ::-1]
    if mode == "valid":
        (n0, n1), (k0, k1) = in1.shape, in2.shape
        if not ((n0 >= k0 and n1 >= k1) or (k0 >= n0 and k1 >= n1)):
            return None  # the general path raises scipy's error
    s0, n0 = _region(mode, in1.shape[0], in2.shape[0], _centred_start)
    s1, n1 = _region(mode, in1.shape[1], in2.shape[1], _centred_start)
    g = Geometry(in1.shape, in2.shape, (0, 1), (n0, n1), (s0, s1), dt, 1)
    if _execute_compile.background() and not _execute_compile.ready_or_start(g):
        return None  # the general path runs it on an FFT engine meanwhile
    eng = _engines.get("direct")
    return eng.convolve(in1, eng.prepare(in2, g), g, workers=1)


def numpy_1d_faster(size1: int, size2: int, outputs: int) -> bool:
    """Whether 1-D direct convolution runs faster on ``numpy.convolve`` than on the Numba engine.

    ``outputs`` is the number of outputs the call keeps. numpy computes each
    output as one dot product, with no set-up cost and a fast path for short
    kernels; the engine's register blocking pays off only over many outputs
    with longer kernels (the measured crossovers are in ``_tuning``).
    Integers included: numpy's integer loop wraps modulo 2**bits exactly as
    the engine's int64 accumulation does once cast (booleans excluded: numpy
    sums them as logical or).
    """
    k = size2 if size1 >= size2 else size1
    return (k <= _tuning.NUMPY_1D_ALWAYS_TAPS or outputs <= _tuning.NUMPY_1D_MAX_OUTPUTS
            or (k <= _tuning.NUMPY_1D_SHORT_TAPS and outputs <= _tuning.NUMPY_1D_SHORT_MAX_OUTPUTS))


def _outputs_1d(mode: str, n1: int, n2: int) -> int:
    if mode == "full":
        return n1 + n2 - 1
    if mode == "same":
        return n1
    return abs(n1 - n2) + 1


def _numpy_region(problem: Problem) -> np.ndarray:
    """The kept region of a 1-D problem by ``numpy.convolve``, as a fresh contiguous array."""
    a, b = problem.a, problem.b
    (start,), (length,) = problem.start, problem.shape
    full = a.size + b.size - 1
    if start == 0 and length == full:
        return np.convolve(a, b)
    if a.size >= b.size and start == b.size - 1 and length == a.size - b.size + 1:
        return np.convolve(a, b, "valid")
    if a.size >= b.size and start == (b.size - 1) // 2 and length == a.size:
        return np.convolve(a, b, "same")
    return np.convolve(a, b)[start:start + length].copy()


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
    name = _dispatch.choose(problem, method)
    return finish(problem, run(name, problem, exact_nonfinite=method == "auto"))


def _engine_call(name: str):
    """Engine ``name`` as a function of the old positional contract (for the non-finite policy)."""
    eng = _engines.get(name)

    def call(a, b, axes, shape, start, *, workers=1):
        g = Geometry(a.shape, b.shape, tuple(axes), tuple(shape), tuple(start), a.dtype, workers)
        return eng.convolve(a, eng.prepare(b, g), g, workers=workers)

    return call


def _all_finite(x: np.ndarray) -> bool:
    # bound on first use: the check's module imports Numba, which explaining a choice never needs
    global _all_finite
    from ._engines._finite import all_finite

    _all_finite = all_finite
    return all_finite(x)


def _fft_alternative(problem: Problem) -> str:
    """The FFT engine predicted faster for ``problem`` (while direct kernels compile)."""
    g = _dispatch.geometry(problem)
    return min(("fft", "oa"), key=lambda name: _dispatch.predict(name, g))


def explain_running(problem: Problem, choice: _dispatch.Choice) -> _dispatch.Choice:
    """``choice`` as it will actually run: another engine while direct kernels compile in the background."""
    if (choice.method != "direct" or problem.a.dtype.kind not in "fc" or not _execute_compile.background()
            or (problem.a.ndim == 1 and numpy_1d_faster(problem.a.size, problem.b.size, problem.shape[0]))):
        return choice
    if _execute_compile.ready_or_start(_dispatch.geometry(problem)):
        return choice
    alternative = _fft_alternative(problem)
    return _dispatch.Choice(alternative, choice.predicted, _execute_compile.reason(alternative))


def _run_limbs(eng, problem: Problem) -> np.ndarray:
    """An integer problem beyond a plain FFT's exact range, on FFT engine ``eng``, by limbs (exact)."""
    from ._execute_limbs import combine, split

    plan = _dispatch.limbs(problem)
    g = _dispatch.limb_geometry(_dispatch.geometry(problem), plan)
    a = split(problem.a, plan.bits, plan.n_a)[:, None]
    b = split(problem.b, plan.bits, plan.n_b)[None, :]
    products = eng.convolve(a, eng.prepare(b, g), g, workers=problem.workers)
    return combine(products, plan.bits, problem.a.dtype)


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
    one (a :class:`~convkit.Plan` with a fixed kernel).
    """
    a, b = problem.a, problem.b
    if prepared is None and a.ndim > 1:
        # axes where both operands have length 1 hold one output: drop them, so that
        # an N-d call with length-1 axes runs as the lower-dimensional call it is
        drop = tuple(i for i in range(a.ndim) if a.shape[i] == 1 and b.shape[i] == 1)
        if drop and len(drop) < a.ndim:
            keep = [i for i in range(a.ndim) if i not in drop]
            sub = dataclasses.replace(
                problem, a=np.squeeze(a, axis=drop), b=np.squeeze(b, axis=drop),
                axes=tuple(keep.index(i) for i in problem.axes if i in keep),
                shape=tuple(problem.shape[i] for i in keep), start=tuple(problem.start[i] for i in keep))
            if not sub.axes:
                # every axis left broadcasts (one operand has length 1 there): convolving the
                # last one gives the same outputs (start 0, full length)
                sub = dataclasses.replace(sub, axes=(len(keep) - 1,))
            return run(name, sub, exact_nonfinite=exact_nonfinite).reshape(problem.shape)
    if (name == "direct" and prepared is None and problem.a.ndim == 1 and problem.a.dtype.kind != "b"
            and numpy_1d_faster(problem.a.size, problem.b.size, problem.shape[0])):
        return _numpy_region(problem)
    if name == "direct":
        # A batch axis where exactly one operand has length 1 is also a convolution axis with a
        # one-tap kernel (start 0, full length): the direct engine's 2-D loops handle a (k, 1)
        # kernel far better than a strided 1-D pass (2048^2 with (3, 1): 8 ms against 83 ms).
        extra = tuple(i for i in range(a.ndim)
                      if i not in problem.axes and (a.shape[i] == 1) != (b.shape[i] == 1))
        if extra:
            problem = dataclasses.replace(problem, axes=tuple(sorted(problem.axes + extra)))
    if name == "direct" and prepared is None and a.dtype.kind in "fc" and _execute_compile.background():
        g = Geometry(a.shape, b.shape, problem.axes, problem.shape, problem.start, a.dtype, problem.workers)
        if not _execute_compile.ready_or_start(g):
            return run(_fft_alternative(problem), problem, exact_nonfinite=True)
    eng = _engines.get(name)
    if name != "direct" and a.dtype.kind in "iu" and not problem.fft_allowed:
        return _run_limbs(eng, problem)
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
