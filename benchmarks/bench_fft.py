"""asv suites for the frequency-domain engines (convkit._engines.fft / overlap)
against scipy.signal.fftconvolve / oaconvolve, at equal thread counts."""
from __future__ import annotations

import numpy as np

from . import safe_import

# Each engine or peer that fails to import stays None; benchmarks needing it skip in setup.
_fft = _overlap = _ss = None
with safe_import():
    from convkit._engines import fft as _fft
with safe_import():
    from convkit._engines import overlap as _overlap
with safe_import():
    import scipy.signal as _ss

_REGION = {
    "full": lambda n, k: (0, n + k - 1),
    "same": lambda n, k: ((k - 1) // 2, n),
    "valid": lambda n, k: (k - 1, n - k + 1),
}


def _data(shape_a, shape_b, dtype, seed=1234):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(shape_a).astype(dtype), rng.standard_normal(shape_b).astype(dtype))


def _region(sa, sb, mode):
    start, shape = [], []
    for n, k in zip(sa, sb):
        s, m = _REGION[mode](n, k)
        start.append(s)
        shape.append(m)
    return tuple(shape), tuple(start)


class FFTEngine1D:
    """Single-FFT engine: long signals, long kernels."""
    params = [[10**5, 10**6], [10**4, 10**5, 10**6], ["float32", "float64"], ["full", "same", "valid"]]
    param_names = ["n", "k", "dtype", "mode"]
    timeout = 120

    def setup(self, n, k, dtype, mode):
        if _fft is None or k > n:
            raise NotImplementedError
        self.a, self.b = _data(n, k, dtype)
        self.shape, self.start = _region((n,), (k,), mode)
        for _ in range(3):                      # third call re-plans with FFTW_MEASURE
            _fft.convolve(self.a, self.b, (0,), self.shape, self.start)

    def time_convkit(self, n, k, dtype, mode):
        _fft.convolve(self.a, self.b, (0,), self.shape, self.start)

    def time_scipy_fftconvolve(self, n, k, dtype, mode):
        _ss.fftconvolve(self.a, self.b, mode)

    def peakmem_convkit(self, n, k, dtype, mode):
        _fft.convolve(self.a, self.b, (0,), self.shape, self.start)

    def peakmem_scipy_fftconvolve(self, n, k, dtype, mode):
        _ss.fftconvolve(self.a, self.b, mode)


class FFTEngine2D:
    params = [[(512, 512), (1024, 1024)], [(15, 15), (63, 63), (255, 255)], ["float32", "float64"],
              ["full", "same"]]
    param_names = ["image", "kernel", "dtype", "mode"]
    timeout = 120

    def setup(self, image, kernel, dtype, mode):
        if _fft is None:
            raise NotImplementedError
        self.a, self.b = _data(image, kernel, dtype)
        self.shape, self.start = _region(image, kernel, mode)
        for _ in range(3):
            _fft.convolve(self.a, self.b, (0, 1), self.shape, self.start)

    def time_convkit(self, image, kernel, dtype, mode):
        _fft.convolve(self.a, self.b, (0, 1), self.shape, self.start)

    def time_scipy_fftconvolve(self, image, kernel, dtype, mode):
        _ss.fftconvolve(self.a, self.b, mode)


class FFTEngineBatch:
    """One kernel against many rows (kernel spectrum computed once)."""
    params = [[(64, 16384), (1024, 2048)], [255, 1023]]
    param_names = ["rows", "k"]

    def setup(self, rows, k):
        if _fft is None:
            raise NotImplementedError
        self.a, self.b = _data(rows, (1, k), "float64")
        self.shape = (rows[0], rows[1] + k - 1)
        for _ in range(3):
            _fft.convolve(self.a, self.b, (1,), self.shape, (0, 0))

    def time_convkit(self, rows, k):
        _fft.convolve(self.a, self.b, (1,), self.shape, (0, 0))

    def time_scipy_fftconvolve(self, rows, k):
        _ss.fftconvolve(self.a, self.b, axes=1)


class FFTEngineThreads:
    params = [[1, 2]]
    param_names = ["workers"]
    timeout = 120

    def setup(self, workers):
        if _fft is None:
            raise NotImplementedError
        self.a, self.b = _data(10**6, 10**5, "float64")
        self.shape = (10**6 + 10**5 - 1,)
        for _ in range(3):
            _fft.convolve(self.a, self.b, (0,), self.shape, (0,), workers=workers)

    def time_convkit(self, workers):
        _fft.convolve(self.a, self.b, (0,), self.shape, (0,), workers=workers)


class OverlapEngine1D:
    """Long signal, medium kernel: the overlap-save engine's home ground."""
    params = [[10**5, 10**6, 4 * 10**6], [64, 256, 1024, 8192], ["float32", "float64"],
              ["full", "same", "valid"]]
    param_names = ["n", "k", "dtype", "mode"]
    timeout = 180

    def setup(self, n, k, dtype, mode):
        if _overlap is None or k > n // 8:
            raise NotImplementedError
        self.a, self.b = _data(n, k, dtype)
        self.shape, self.start = _region((n,), (k,), mode)
        for _ in range(3):
            _overlap.convolve(self.a, self.b, (0,), self.shape, self.start)

    def time_convkit(self, n, k, dtype, mode):
        _overlap.convolve(self.a, self.b, (0,), self.shape, self.start)

    def time_scipy_oaconvolve(self, n, k, dtype, mode):
        _ss.oaconvolve(self.a, self.b, mode)

    def time_scipy_fftconvolve(self, n, k, dtype, mode):
        _ss.fftconvolve(self.a, self.b, mode)

    def peakmem_convkit(self, n, k, dtype, mode):
        _overlap.convolve(self.a, self.b, (0,), self.shape, self.start)

    def peakmem_scipy_oaconvolve(self, n, k, dtype, mode):
        _ss.oaconvolve(self.a, self.b, mode)


class OverlapEngineThreads:
    params = [[1024, 8192], [1, 2]]
    param_names = ["k", "workers"]
    timeout = 120

    def setup(self, k, workers):
        if _overlap is None:
            raise NotImplementedError
        self.a, self.b = _data(4 * 10**6, k, "float64")
        self.shape = (4 * 10**6 + k - 1,)
        for _ in range(3):
            _overlap.convolve(self.a, self.b, (0,), self.shape, (0,), workers=workers)

    def time_convkit(self, k, workers):
        _overlap.convolve(self.a, self.b, (0,), self.shape, (0,), workers=workers)


class OverlapEngineBig:
    """50 M samples, K=2001: peak memory stays near the output size."""
    timeout = 300

    def setup(self):
        if _overlap is None:
            raise NotImplementedError
        self.a, self.b = _data(50_000_000, 2001, "float64")
        _overlap.convolve(self.a[:100000], self.b, (0,), (100000 + 2000,), (0,))

    def peakmem_convkit(self):
        _overlap.convolve(self.a, self.b, (0,), (50_000_000 + 2000,), (0,))

    def time_convkit(self):
        _overlap.convolve(self.a, self.b, (0,), (50_000_000 + 2000,), (0,))
