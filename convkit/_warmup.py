"""Compile (or load from Numba's cache) the kernels ahead of time, with progress.

The first call of a Numba kernel in a process compiles it, or loads it from
the on-disk cache (``cache=True``). Call :func:`warmup` at start-up, or run
``python -m convkit warmup`` once after installing, so that no user call pays
it. Each work item runs one engine path through the public API (the kernels
a path needs are exactly those it compiles), so warming never compiles
anything a real call would not.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import numpy as np

__all__ = ["warmup", "work_items"]

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
            if dtype.kind in "fc":
                s1 = (4096,) if ndim == 1 else (64,) * ndim
                s2 = (257,) if ndim == 1 else (9,) * ndim
                a, b = np.ones(s1, dtype), np.ones(s2, dtype)
                for method in ("fft", "oa"):
                    items.append((f"{dtype} {method} {ndim}-D",
                                  lambda a=a, b=b, m=method: correlate(a, b, "same", method=m)))
    return items


def warmup(dtypes=DTYPES, ndims=(1, 2, 3), *, progress: bool | Callable[[int, int, str, float], None] = False
           ) -> list[tuple[str, float]]:
    """Compile or load the kernels every engine path needs for ``dtypes`` and ``ndims``.

    Parameters
    ----------
    dtypes : sequence of str, optional
        Compute dtypes to prepare. Integer and boolean inputs compute in
        int64 (uint64 for uint64 inputs).
    ndims : sequence of int, optional
        Dimensionalities to prepare (1, 2, 3).
    progress : bool or callable, optional
        True prints one line per item to stderr (what ran, how long, how far
        along); a callable is called as ``progress(done, total, label, seconds)``.

    Returns
    -------
    list of (str, float)
        Each item's label and the seconds it took (compile or cache load plus the call).

    Examples
    --------
    >>> import convkit._warmup
    >>> times = convkit.warmup(dtypes=("float64",), ndims=(1,))
    """
    items = work_items(dtypes, ndims)
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
