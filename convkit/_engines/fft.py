"""pyFFTW frequency-domain convolution engine: one transform per operand.

:data:`ENGINE` implements :class:`convkit._engines.Engine`; the module-level
``convolve(a, b, axes, shape, start, *, workers=1)`` is the former entry point
on top of it. One call is::

    pad a -> r2c/c2c      pad b -> r2c/c2c   (or b's prepared spectrum)
    multiply the spectra (numpy broadcasting over batch axes)
    c2r/c2c -> copy the kept region, times 1/N, into one fresh output

* **Only what is kept**: each convolution axis uses a 7-smooth circular length
  ``L >= max(n+k-1-start, start+shape, n, k)``, so the kept indices are free of
  wrap-around ('valid' needs ``L >= max(n, k)``): over one axis the fastest of
  those up to 1.1 times the smallest by a fitted cost, over several the smallest
  (``_fft_sizes.fft_lengths``, ``_fft_sizes.fast_fft_len``).
* **Broadcast batch axes**: each operand is transformed with its own batch
  shape, so one kernel against many rows is transformed once.
* **Real data** uses r2c/c2r (the halved axis at an even length). float32 and
  complex64 run double-precision FFTW over one axis, scipy.signal.fftconvolve's own
  single-precision arithmetic (scipy.fft, scipy's lengths) over two or more; small
  float64/complex128 transforms over two or more axes take scipy.fft too
  (``_fft_sizes.scipy_arithmetic``, ``_spectral.convolve_scipy``).
* **Plans** come from the thread-safe pool in ``_fft_plans``; by default every
  plan is FFTW_ESTIMATE made without wisdom, so results are bitwise the same
  on every call, in every process and for every ``workers``
  (``CONVKIT_FFTW_PLANNER=measure`` and :func:`warmup` ``(measure=True)`` opt
  into MEASURE plans).
* **Threads** (``workers > 1``) never change the arithmetic. Over two or more
  axes every transform runs as separable passes over chunks of lines fixed by
  the shapes, one single-threaded plan per chunk, and the threads share the
  chunks of every pass (``_fft_split``). Over one axis they transform the two
  operands concurrently and split the elementwise passes into fixed chunks.
  FFTW's own threads only with ``CONVKIT_FFTW_THREADS=1`` (one-axis transforms).
  Threading one long axis by blocks is the overlap engine's job ('oa').

Importing this module does not import pyFFTW (``cost`` is pure Python).
"""
from __future__ import annotations

import numpy as np

from . import Geometry, _spectral
from . import _fft_plans as _plans
from ._fft_plans import (
    clear_plans,
    load_wisdom,
    planner_policy,
    save_wisdom,
    set_planner_policy,
    set_wisdom_persistence,
    wisdom_path,
    wisdom_persistence,
)
from ._fft_sizes import fft_cost, fft_lengths, next_fast_len

__all__ = ["ENGINE", "FFTEngine", "convolve", "cost", "next_fast_len", "fft_lengths", "warmup",
           "set_wisdom_persistence", "wisdom_persistence", "wisdom_path", "load_wisdom",
           "save_wisdom", "clear_plans", "set_planner_policy", "planner_policy"]


class FFTEngine(_spectral.SpectralEngine):
    """One transform per operand over the whole padded extent (see the module docstring)."""

    name = "fft"
    flops = staticmethod(fft_cost)         # the three transforms

    def prepare(self, b, g: Geometry):
        """The kernel's spectrum at the padded lengths of ``g`` (a read-only
        :class:`~convkit._engines._spectral.Spectrum`), or ``b`` itself when
        there is nothing to transform (no convolution axis or an empty
        region). ``convolve`` with it gives bitwise what it gives with ``b``."""
        axes = tuple(sorted(g.axes))
        if not axes or 0 in tuple(g.shape):
            return np.asarray(b)
        return _spectral.whole_spectrum(b, tuple(g.a_shape), axes, tuple(g.shape), tuple(g.start))

    def convolve(self, a, prepared, g: Geometry, *, workers: int = 1) -> np.ndarray:
        """The kept region of ``g`` (engine contract), a fresh C-contiguous array."""
        axes = tuple(sorted(int(i) for i in g.axes))
        shape = tuple(int(s) for s in g.shape)
        start = tuple(int(s) for s in g.start)
        if 0 in shape:
            return _spectral.empty_result(a, shape)
        if isinstance(prepared, _spectral.Spectrum):
            _check_spectrum(prepared, a, axes, shape, start)
        return _spectral.convolve_whole(a, prepared, axes, shape, start, max(1, int(workers)))


def _check_spectrum(spec, a, axes, shape, start):
    """A spectrum from ``prepare`` for another geometry would give wrapped-around results."""
    a = np.asarray(a)
    ok = spec.kind == "whole" and spec.axes == axes and a.ndim == len(spec.fshape)
    ok = ok and all(spec.fshape[i] >= max(start[i] + shape[i], a.shape[i]) if i in axes
                    else spec.fshape[i] in (1, shape[i]) for i in range(a.ndim))
    if not ok:
        raise ValueError(f"{spec!r} was prepared for another geometry "
                         f"(a {a.shape}, axes {axes}, region {start} + {shape})")


ENGINE = FFTEngine()


def cost(a_shape, b_shape, axes, shape, start, dtype) -> float:
    """Flop-like count of the three transforms (former entry point; pure Python)."""
    return fft_cost(a_shape, b_shape, axes, shape, start, dtype)


def convolve(a, b, axes, shape, start, *, workers=1):
    """Convolve ``a`` with ``b`` over ``axes`` and return the region
    ``start .. start+shape-1`` of the full result (engine contract in
    :mod:`convkit._engines`). Former entry point: ``workers`` is a plain
    positive thread count (``None`` means 1)."""
    a = np.asarray(a)
    axes = tuple(sorted(int(i) for i in axes))
    shape = tuple(int(s) for s in shape)
    start = tuple(int(s) for s in start)
    if 0 in shape:
        dt = _spectral.prep(a, np.asarray(b))[2]
        return np.zeros(shape, dt)
    return _spectral.convolve_whole(a, b, axes, shape, start, max(1, int(workers or 1)))


def warmup(problems=(), *, measure=False, workers=1):
    """Load pyFFTW, both FFTW precisions and scipy.fft's pocketfft, and optionally pre-plan.

    ``problems`` is an iterable of ``(a_shape, b_shape, axes, shape, start,
    dtype)`` tuples (or ``(engine_module, a_shape, ...)`` to warm the overlap
    engine); each is run once on zeros. By default their plans are the
    deterministic ESTIMATE plans every call uses anyway (cheap to make; this
    only moves the first call's planning ahead).

    ``measure=True`` plans them with FFTW_MEASURE, without a time limit and
    whatever their size (minutes for 1e6-point transforms), saves the wisdom
    when persistence is on, and keeps the plans in the pool. They are used
    only under ``CONVKIT_FFTW_PLANNER=measure`` (or
    ``set_planner_policy('measure')``), where results may differ in the last
    bits between runs. Returns the number of problems warmed.
    """
    if measure:
        load_wisdom()
    for dt in ("float32", "float64", "complex64", "complex128"):
        convolve(np.zeros(8, dt), np.zeros(3, dt), (0,), (10,), (0,))
        # the 2+-axis path runs scipy.fft's pocketfft (its extension alone, see _pocket)
        convolve(np.zeros((4, 4), dt), np.zeros((2, 2), dt), (0, 1), (5, 5), (0, 0))
    n = 0
    for prob in problems:
        eng = convolve
        if not isinstance(prob[0], tuple):
            eng, prob = prob[0].convolve, prob[1:]
        a_shape, b_shape, axes, shape, start, dtype = prob
        za, zb = np.zeros(a_shape, dtype), np.zeros(b_shape, dtype)
        if measure:
            with _plans.force_measure():
                eng(za, zb, axes, shape, start, workers=workers)
        else:
            eng(za, zb, axes, shape, start, workers=workers)
        n += 1
    return n
