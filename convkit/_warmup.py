"""Compile (or load from Numba's cache) the kernels and plan FFT shapes ahead of time, with progress.

The first call of a Numba kernel in a process compiles it, or loads it from
the on-disk cache (``cache=True``). Call :func:`warmup` at start-up, or run
``python -m convkit warmup`` once after installing, so that no user call pays
it. Each work item runs one engine path through the public API (the kernels
a path needs are exactly those it compiles), so warming never compiles
anything a real call would not.

``fft_shapes`` plans the FFT engines' transforms of given shapes in the same
way: the deterministic ESTIMATE plans every call uses (kept in the process
and in the plan memo on disk, see ``_engines._fft_plans``), or, with
``measure=True``, FFTW_MEASURE plans for the opt-in ``measure`` planner.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import DTypeLike

__all__ = ["warmup", "work_items", "fft_items", "image_items"]

DTYPES = ("float32", "float64", "complex64", "complex128", "int64")

# (label, in1 shape, in2 shape): one call per direct-engine path class, large
# enough to leave the numpy 1-D path and the tiny 2-D loop for the engine.
_DIRECT_PATHS = {
    1: [("1-D long signal, 64 taps", (20_000,), (64,)),
        ("1-D long signal, 9 taps", (40_000,), (9,))],
    2: [("2-D 3x3", (96, 96), (3, 3)), ("2-D 5x5", (96, 96), (5, 5)), ("2-D 7x7", (96, 96), (7, 7)),
        ("2-D 9x9 general", (96, 96), (9, 9)), ("2-D 11x4 rectangle", (96, 96), (11, 4)),
        ("2-D column 15x1", (96, 96), (15, 1)), ("2-D row 1x15", (96, 96), (1, 15)),
        ("2-D separable 7x7", (96, 96), (7, 7))],
    3: [("3-D 3x3x3", (24, 24, 24), (3, 3, 3))],
}


def work_items(dtypes=DTYPES, ndims=(1, 2, 3)) -> list[tuple[str, Callable[[], object]]]:
    """The warm-up calls for ``dtypes`` and ``ndims``, as ``(label, call)`` pairs."""
    from ._signal import convolve, correlate

    items = []
    for name in dtypes:
        dtype = np.dtype(name)
        for ndim in ndims:
            for label, s1, s2 in _DIRECT_PATHS.get(ndim, []):
                a, b = np.ones(s1, dtype), np.ones(s2, dtype)
                if "separable" not in label:   # not rank one: the engine's general path for the shape
                    b.flat[0] = 2
                items.append((f"{dtype} direct {label}", lambda a=a, b=b: convolve(a, b, "same", method="direct")))
            if ndim == 1 and (dtype.kind in "iu" or dtype in (np.float32, np.float64)):
                # the small-call loops (int-shift; DOTS, whole dot products of a long kernel): a call runs them
                # only once they are ready without a stall (Numba loaded, the loop compiled or cached), numpy's
                # same bits otherwise. Compiled here, then one call that runs them
                loops = ([("_ints", "axpy"), ("_ints", "dots")] if dtype.kind in "iu"
                         else [("_dots", "dots"), ("_dots", "ramps")])
                s1, s2 = ((40_000,), (4,)) if dtype.kind in "iu" else ((5865,), (5861,))
                items.append((f"{dtype} direct 1-D small-call loops ({', '.join(m + '.' + n for m, n in loops)})",
                              lambda loops=loops, s1=s1, s2=s2, d=dtype: _small_loops(loops, s1, s2, d)))
            if dtype.kind in "iu" and ndim == 1:
                # integers beyond a plain FFT's exact range: the FFT engines with exact limb products
                # (their split and recombination kernels compile on first use, about 1.6 s)
                rng = np.random.default_rng(0)
                a = rng.integers(-(2**23), 2**23, 4096).astype(dtype)
                b = rng.integers(-(2**23), 2**23, 1025).astype(dtype)
                items.append((f"{dtype} exact FFT (limbs) 1-D",
                              lambda a=a, b=b: convolve(a, b, "full", method="auto")))
            if dtype.kind in "fc":
                s1 = (4096,) if ndim == 1 else (64,) * ndim
                s2 = (257,) if ndim == 1 else (9,) * ndim
                a, b = np.ones(s1, dtype), np.ones(s2, dtype)
                for method in ("fft", "oa"):
                    items.append((f"{dtype} {method} {ndim}-D",
                                  lambda a=a, b=b, m=method: correlate(a, b, "same", method=m)))
                if ndim == ndims[0] and dtype.isnative and dtype.char in "fdFD":
                    # 'auto' checks an FFT result for NaN and infinity with a compiled loop once it is
                    # ready (numpy's min and max until then, _execute._all_finite)
                    items.append((f"{dtype} FFT result check (auto)",
                                  lambda a=a, b=b: _finite_check(correlate(a, b, "same", method="fft"))))
    return items


def _finite_check(out):
    """Compile the one-pass NaN/infinity check of ``method='auto'``'s FFT results for ``out``'s dtype;
    return ``out``."""
    from ._execute import compile_loop

    compile_loop("_finite", "_flat_finite", out.dtype)
    return out


def _small_loops(loops, s1, s2, dtype):
    """Compile the small-call ``loops`` for ``dtype``, then make one call of shapes ``s1``, ``s2`` that runs them."""
    from ._execute import compile_loop
    from ._signal import convolve

    for module, name in loops:
        compile_loop(module, name, dtype)
    return convolve(np.ones(s1, dtype), np.ones(s2, dtype), "valid")


def image_items(dtypes=DTYPES, ndims=(2, 3)) -> list[tuple[str, Callable[[], object]]]:
    """The warm-up calls of ``convkit.ndimage``'s filters and ``match_template``, as ``(label, call)``.

    One call per compiled pass kind (FIR passes along the last and a leading axis, the
    small-image 2-D pass, box running sums, template matching's fused normalisation), in
    each real dtype of ``dtypes`` (ndimage keeps the input dtype; complex is not an image
    dtype here) and each of ``ndims`` (2 and 3).
    """
    from . import ndimage
    from ._ndimage_cold import foreground
    from ._template import match_template

    items = []
    for name in dtypes:
        dtype = np.dtype(name)
        if dtype.kind == "c":
            continue
        for ndim in ndims:
            if ndim not in (2, 3):
                continue
            big = np.ones((24,) * (ndim - 1) + (4096,), dtype)  # rows long enough for the pass kernels
            small = np.ones((16,) * ndim, dtype)
            items += [
                (f"{dtype} ndimage {ndim}-D correlate1d, last and leading axis",
                 lambda a=big: (ndimage.correlate1d(a, [1, 2, 1]), ndimage.correlate1d(a, [1, 2, 1], axis=0))),
                (f"{dtype} ndimage {ndim}-D small-image correlate",
                 lambda a=small: ndimage.correlate(a, np.ones((3,) * a.ndim))),
                (f"{dtype} ndimage {ndim}-D uniform_filter", lambda a=big: ndimage.uniform_filter(a, 5)),
                (f"{dtype} ndimage {ndim}-D gaussian_filter", lambda a=big: ndimage.gaussian_filter(a, 1.5)),
                (f"{dtype} match_template {ndim}-D",
                 lambda a=small: match_template(a, np.arange(4 ** a.ndim, dtype=a.dtype).reshape((4,) * a.ndim))),
            ]

    def compiled(call):   # not the numpy kernels a cold ndimage call runs (convkit._ndimage_cold)
        def run():
            with foreground():
                return call()
        return run

    return [(label, compiled(call)) for label, call in items]


def _fft_entry(entry):
    """``(shape1, shape2[, mode[, axes]])`` as four values, shapes as tuples."""
    entry = tuple(entry)
    if not 2 <= len(entry) <= 4:
        raise ValueError(f"fft_shapes entries are (shape1, shape2[, mode[, axes]]), not {entry!r}")
    s1, s2 = (tuple(int(v) for v in np.atleast_1d(s)) if np.ndim(s) else (int(s),) for s in entry[:2])
    mode = entry[2] if len(entry) > 2 else "full"
    axes = entry[3] if len(entry) > 3 else None
    return s1, s2, mode, axes


def fft_items(fft_shapes, dtypes=DTYPES, *, measure: bool = False
              ) -> list[tuple[str, Callable[[], object]]]:
    """The planning calls for ``fft_shapes`` in the float and complex ``dtypes``.

    Each entry is ``(shape1, shape2)``, ``(shape1, shape2, mode)`` or
    ``(shape1, shape2, mode, axes)`` as ``fftconvolve`` takes them; both FFT
    engines ('fft' and 'oa') are planned for it. ``measure=True`` makes the
    calls plan with FFTW_MEASURE (in this thread only).
    """
    from ._engines import _fft_plans
    from ._signal import fftconvolve, oaconvolve

    items = []
    for entry in fft_shapes:
        s1, s2, mode, axes = _fft_entry(entry)
        for name in dtypes:
            dtype = np.dtype(name)
            if dtype.kind not in "fc":
                continue               # integers never take an FFT engine
            a, b = np.zeros(s1, dtype), np.zeros(s2, dtype)
            for method, func in (("fft", fftconvolve), ("oa", oaconvolve)):
                def call(a=a, b=b, func=func, mode=mode, axes=axes):
                    if not measure:
                        return func(a, b, mode, axes)
                    _fft_plans.load_wisdom()
                    with _fft_plans.force_measure():
                        return func(a, b, mode, axes)
                label = f"{dtype} {method} plan {s1} x {s2} {mode}" + (" (MEASURE)" if measure else "")
                items.append((label, call))
    return items


def warmup(dtypes: Sequence[DTypeLike] = DTYPES, ndims: Sequence[int] = (1, 2, 3), *,
           fft_shapes: Iterable[tuple[Any, ...]] = (), fft_lengths: bool | int = False,
           measure: bool = False, images: bool = False,
           progress: bool | Callable[[int, int, str, float], None] = False) -> list[tuple[str, float]]:
    """Compile or load the kernels every engine path needs for ``dtypes`` and
    ``ndims``, and plan the FFT transforms of ``fft_shapes``.

    Parameters
    ----------
    dtypes : sequence of str, optional
        Compute dtypes to prepare. Integer and boolean inputs compute in
        int64 (uint64 for uint64 inputs).
    ndims : sequence of int, optional
        Dimensionalities to prepare (1, 2, 3); ``()`` compiles no kernels
        (to plan ``fft_shapes`` alone).
    fft_shapes : iterable of tuple, optional
        ``(shape1, shape2)``, ``(shape1, shape2, mode)`` or ``(shape1,
        shape2, mode, axes)`` entries, as ``fftconvolve`` takes them: the
        transforms of both FFT engines for these shapes are planned now, in
        each float/complex dtype of ``dtypes``, instead of in the first call
        of each shape. By default the plans are the deterministic
        FFTW_ESTIMATE plans every call uses; they are also kept in the plan
        memo on disk (``CONVKIT_FFTW_PLAN_MEMO``), so later processes find
        them ready.
    fft_lengths : bool or int, optional
        True plans the 1-D real convolution at every transform length the
        FFT engines run on FFTW up to 2**18 (632 lengths, about 6 s of CPU
        here; an int sets another maximum; pocketfft runs the shorter ones
        with no plan) now, in the foreground, and records the plans in the
        plan memo's filled store: afterwards no 1-D float
        ``fftconvolve``/``convolve`` of such a length searches for a plan, in
        this process or any later one on this machine. Without it, a warm-up
        starts the background process that fills the same store
        (``CONVKIT_FFTW_FILL``) when the store is not full yet.
    measure : bool, optional
        Plan ``fft_shapes`` with FFTW_MEASURE instead (seconds to minutes per
        shape; wisdom saved to the wisdom file). Only calls made under
        ``CONVKIT_FFTW_PLANNER=measure`` use MEASURE plans, and their results
        may differ in the last bits between runs. No user call ever runs the
        MEASURE planner.
    images : bool, optional
        Also compile the passes of ``convkit.ndimage``'s filters and of
        ``match_template`` for the real ``dtypes`` and the ``ndims`` 2 and 3
        (a first filter call compiles for about 3 s on an empty cache).
    progress : bool or callable, optional
        True prints one line per item to stderr (what ran, how long, how far
        along); a callable is called as ``progress(done, total, label, seconds)``.

    Returns
    -------
    list of (str, float)
        Each item's label and the seconds it took (compile or cache load, or
        planning, plus the call).

    Examples
    --------
    >>> import convkit
    >>> times = convkit.warmup(dtypes=("float64",), ndims=(1,))
    >>> plans = convkit.warmup(dtypes=("float64",), ndims=(),
    ...                        fft_shapes=[((48_000,), (4096,)), ((512, 512), (31, 31), "same")])
    """
    items = work_items(dtypes, ndims) + fft_items(fft_shapes, dtypes, measure=measure)
    if images:
        items += image_items(dtypes, ndims)
    from ._engines import _fft_fill

    if fft_lengths:
        from ._engines import _spectral

        top = _spectral.PLAN_AHEAD_MAX if fft_lengths is True else int(fft_lengths)
        lengths = _spectral.real_lengths(top)
        items.append((f"FFT plans: 1-D real lengths up to {top} ({len(lengths)})",
                      lambda: _fft_fill.plan_ahead(lengths)))
    else:
        _fft_fill.prepare()     # the background filler of the plan store, when it is not full
    report = progress if callable(progress) else (_print_progress if progress else None)
    done = []
    for index, (label, call) in enumerate(items):
        t0 = time.perf_counter()
        call()
        seconds = time.perf_counter() - t0
        done.append((label, seconds))
        if report:
            report(index + 1, len(items), label, seconds)
    return done


def _print_progress(done: int, total: int, label: str, seconds: float) -> None:
    print(f"[{done:3d}/{total}] {label}: {seconds:.2f} s", file=sys.stderr, flush=True)
