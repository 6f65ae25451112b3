"""asv suites for the direct (Numba) engine, called through the engine contract
``convkit._engines.direct.convolve(a, b, axes, shape, start, workers=)``,
against scipy.signal.convolve(method='direct') / numpy.convolve / ndimage at
one thread (the references are single-threaded).

Targets and how they are measured: benchmarks/scripts/targets_direct.py.
"""
from __future__ import annotations

import numpy as np

from . import safe_import

# Each engine or peer that fails to import stays None; benchmarks needing it skip in setup.
_direct = _ss = _ndi = None
with safe_import():
    from convkit._engines import direct as _direct
with safe_import():
    import scipy.signal as _ss
with safe_import():
    import scipy.ndimage as _ndi


def _data(shape_a, shape_b, dtype, seed=1234):
    rng = np.random.default_rng(seed)
    dt = np.dtype(dtype)
    if dt.kind == "c":
        a = rng.standard_normal(shape_a) + 1j * rng.standard_normal(shape_a)
        b = rng.standard_normal(shape_b) + 1j * rng.standard_normal(shape_b)
    elif dt.kind in "iu":
        a = rng.integers(-1000, 1000, shape_a)
        b = rng.integers(-1000, 1000, shape_b)
    else:
        a = rng.standard_normal(shape_a)
        b = rng.standard_normal(shape_b)
    return a.astype(dt), b.astype(dt)


def _same(sa, sb):
    return tuple(sa), tuple((k - 1) // 2 for k in sb)


class Direct1D:
    """1-D 'same', kernel-length sweep, dtypes and threads."""
    params = [[10**6], [5, 16, 64, 256], ["float32", "float64", "complex128", "int64"], [1, 2]]
    param_names = ["n", "k", "dtype", "workers"]
    timeout = 120

    def setup(self, n, k, dtype, workers):
        if _direct is None:
            raise NotImplementedError
        self.a, self.b = _data(n, k, dtype)
        self.shape, self.start = _same((n,), (k,))
        _direct.convolve(self.a, self.b, (0,), self.shape, self.start, workers=workers)  # JIT / cache load

    def time_direct(self, n, k, dtype, workers):
        _direct.convolve(self.a, self.b, (0,), self.shape, self.start, workers=workers)

    def time_numpy_convolve(self, n, k, dtype, workers):
        if workers != 1:
            raise NotImplementedError
        np.convolve(self.a, self.b, "same")


class Direct2D:
    """2-D 'same' on 2048x2048, kernel-size sweep, dtypes and threads."""
    params = [[3, 5, 7, 15], ["float32", "float64"], [1, 2]]
    param_names = ["k", "dtype", "workers"]
    timeout = 300

    def setup(self, k, dtype, workers):
        if _direct is None:
            raise NotImplementedError
        self.a, self.b = _data((2048, 2048), (k, k), dtype)
        self.shape, self.start = _same(self.a.shape, self.b.shape)
        _direct.convolve(self.a, self.b, (0, 1), self.shape, self.start, workers=workers)

    def time_direct(self, k, dtype, workers):
        _direct.convolve(self.a, self.b, (0, 1), self.shape, self.start, workers=workers)

    def time_ndimage_convolve(self, k, dtype, workers):
        if workers != 1 or _ndi is None:
            raise NotImplementedError
        _ndi.convolve(self.a, self.b, mode="constant")


class DirectComplex:
    """complex128 against scipy.signal.convolve(method='direct'), full mode."""
    params = [[((100000,), (64,)), ((512, 512), (7, 7))]]
    param_names = ["shapes"]
    timeout = 120

    def setup(self, shapes):
        if _direct is None or _ss is None:
            raise NotImplementedError
        sa, sb = shapes
        self.a, self.b = _data(sa, sb, "complex128")
        self.axes = tuple(range(len(sa)))
        self.shape = tuple(p + q - 1 for p, q in zip(sa, sb))
        self.start = (0,) * len(sa)
        _direct.convolve(self.a, self.b, self.axes, self.shape, self.start)

    def time_direct(self, shapes):
        _direct.convolve(self.a, self.b, self.axes, self.shape, self.start)

    def time_scipy_direct(self, shapes):
        _ss.convolve(self.a, self.b, method="direct")


class DirectSeparable:
    """2048x2048 with a 31x31 Gaussian: automatic rank-one split vs the 2-D loop."""
    params = [[True, False]]
    param_names = ["separable"]
    timeout = 300

    def setup(self, separable):
        if _direct is None:
            raise NotImplementedError
        rng = np.random.default_rng(1234)
        self.a = rng.standard_normal((2048, 2048))
        g = np.exp(-0.5 * (np.arange(31) - 15) ** 2 / 25.0)
        self.b = np.outer(g, g)
        _direct.convolve(self.a, self.b, (0, 1), self.a.shape, (15, 15), separable=None if separable else False)

    def time_direct(self, separable):
        _direct.convolve(self.a, self.b, (0, 1), self.a.shape, (15, 15),
                         separable=None if separable else False)


class DirectTiny:
    """Per-call overhead: N=100, K=5 full."""

    def setup(self):
        if _direct is None:
            raise NotImplementedError
        self.a, self.b = _data(100, 5, "float64")
        _direct.convolve(self.a, self.b, (0,), (104,), (0,))

    def time_direct(self):
        _direct.convolve(self.a, self.b, (0,), (104,), (0,))

    def time_numpy_convolve(self):
        np.convolve(self.a, self.b)

    def time_scipy_direct(self):
        _ss.convolve(self.a, self.b, method="direct")


class DirectPeakMem:
    """Peak memory of a 'same' 2-D call (output 32 MiB): no full-size scratch."""

    def setup(self):
        if _direct is None:
            raise NotImplementedError
        self.a, self.b = _data((2048, 2048), (15, 15), "float64")
        _direct.convolve(self.a, self.b, (0, 1), self.a.shape, (7, 7))

    def peakmem_direct(self):
        _direct.convolve(self.a, self.b, (0, 1), self.a.shape, (7, 7))
