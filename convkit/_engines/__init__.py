"""Convolution engines: the contract every engine keeps, and the registry.

An engine computes one region of a full convolution. Each registered engine
is an object with this interface (:class:`Engine`)::

    name                                  'direct' | 'fft' | 'oa'
    supports(dtype) -> bool               compute dtypes it accepts
    cost(g: Geometry) -> Cost             pure Python: imports neither Numba nor pyFFTW
    prepare(b, g: Geometry) -> prepared   the kernel made ready once (reversed, cast,
                                          factored, or its spectrum); immutable and
                                          shareable by any number of threads
    convolve(a, prepared, g, *, workers)  the kept region, a fresh C-contiguous array

``a`` and ``b``
    Operands of equal ``ndim`` and equal dtype, already promoted by
    ``problem``: native byte order, any strides (negative, zero, Fortran order
    and read-only views included). They are never written to. ``direct``
    accepts float32, float64, complex64, complex128, int64 and uint64
    (integers use exact modular arithmetic, as numpy's integer multiply-add
    does); ``fft`` and ``oa`` accept the four float and complex dtypes.
``g.axes``
    Sorted tuple of the convolution axes. On every other axis ("batch" axes)
    ``a.shape[i]`` and ``b.shape[i]`` are each either ``g.shape[i]`` or 1 (1
    broadcasts), and ``g.start[i] == 0``.
``g.shape``, ``g.start``
    On a convolution axis the full convolution has length
    ``a.shape[i] + b.shape[i] - 1``; the engine returns only the indices
    ``start[i] .. start[i] + shape[i] - 1`` of it (``shape[i] >= 1``).

The result holds ``out[o] = sum_j a[o + start - j] * b[j]`` (terms with an
index outside ``a`` are zero), in ``a.dtype``. Either operand may be the
larger one. Nothing here validates user input: that is ``problem``'s job.
No engine imports another engine; the executor (``convkit._execute``) is the
only place that composes them. The same inputs give the same bits on every
call, whatever ``workers`` is.

The two frequency-domain engines ('fft', 'oa') also have
``convolve_sums(a, b, terms, g, *, workers)``: for real float64 stacks ``a``
and ``b`` of operands of ``g`` (stack axis first), ``out[q]`` is the kept
region of ``sum_{(i, j) in terms[q]} conv(a[i], b[j])``, the products summed
as spectra before one inverse transform per term (the exact integer path's
limbs, :mod:`convkit._execute_limbs`).

The registry maps each name to the module that defines ``ENGINE``. That
module must import neither Numba nor pyFFTW at import time (it loads its
compiled parts inside ``prepare``/``convolve``), so that predicting costs and
explaining a choice stay cheap.
"""

from __future__ import annotations

import importlib
from typing import Any, NamedTuple, Protocol

import numpy as np

__all__ = ["Cost", "Engine", "Geometry", "NAMES", "get"]


class Geometry(NamedTuple):
    """What an engine's work depends on: shapes, region, compute dtype and threads (hashable)."""

    a_shape: tuple
    b_shape: tuple
    axes: tuple
    shape: tuple
    start: tuple
    dtype: np.dtype
    workers: int


class Cost(NamedTuple):
    """An engine's work for one call, in its own units.

    ``arith`` scales with the arithmetic's precision (multiply-adds for
    direct, transform flops for fft and oa); ``fixed`` costs the same in every
    precision (loop and tile overhead, counted in the same units).
    """

    arith: float
    fixed: float = 0.0


class Engine(Protocol):
    """The interface every registered engine implements (see the module docstring)."""

    name: str

    def supports(self, dtype: np.dtype) -> bool: ...

    def cost(self, g: Geometry) -> Cost: ...

    def prepare(self, b: np.ndarray, g: Geometry) -> Any: ...

    def convolve(self, a: np.ndarray, prepared: Any, g: Geometry, *, workers: int) -> np.ndarray: ...


# name -> module defining ENGINE (imported on first use: keeps ``import convkit`` cheap)
_MODULES = {"direct": "convkit._engines.direct", "fft": "convkit._engines.fft", "oa": "convkit._engines.overlap"}
NAMES = tuple(_MODULES)
_loaded: dict[str, Engine] = {}


def get(name: str) -> Engine:
    """The registered engine ``name``, its module imported on first use.

    Raises
    ------
    KeyError
        For a name that is not registered.
    """
    eng = _loaded.get(name)
    if eng is None:
        try:
            module = importlib.import_module(_MODULES[name])
        except ImportError as exc:
            if name == "direct":
                raise
            raise missing_pyfftw(name, exc) from exc
        eng = module.ENGINE
        _loaded[name] = eng
    return eng


def missing_pyfftw(name: str, exc: ImportError) -> ImportError:
    """The error an FFT engine raises when pyFFTW cannot be imported, saying what to do."""
    return ImportError(f"convkit's FFT engines ({name!r}, 'oa') need pyFFTW, which could not be imported ({exc}). "
                       "Install it with `pip install pyfftw`, or use method='direct'.")
