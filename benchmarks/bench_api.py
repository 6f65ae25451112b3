"""Public-API benchmarks: convkit auto and each engine against scipy.signal and numpy.

One class per workload family (1-D sweep, modes, 2-D images, dtypes, batched
axes, tiny calls, the dispatcher's own cost). The ``impl`` parameter names the
contestant: ``convkit-auto``, ``convkit-direct``, ``convkit-fft``,
``convkit-oa`` (``convkit.convolve(method=...)``; with ``axes``,
``convkit.fftconvolve``/``oaconvolve``), ``scipy-auto``, ``scipy-direct``
(``scipy.signal.convolve(method=...)``), ``scipy-fft``, ``scipy-oa``
(``fftconvolve``/``oaconvolve``), ``numpy`` (``numpy.convolve``, 1-D) and, for
images, ``convkit-convolve2d``/``scipy-convolve2d``.

Operands come from a seeded generator; ``setup`` calls the contestant once so
JIT compilation and FFT planning stay outside the timing, and raises
NotImplementedError (asv: skipped) for combinations that do not apply or that
would take over a couple of seconds per call (the peers' direct loops on big
cells).
"""

from __future__ import annotations

from . import random_array, require, safe_import

with safe_import():
    import numpy as np
with safe_import():
    import scipy.signal as ss
with safe_import():
    import convkit

IMPLS_1D = ["convkit-auto", "convkit-direct", "convkit-fft", "convkit-oa",
            "scipy-auto", "scipy-direct", "scipy-fft", "scipy-oa", "numpy"]
IMPLS_ND = IMPLS_1D[:-1]
IMPLS_2D = IMPLS_ND + ["convkit-convolve2d", "scipy-convolve2d"]

# Seconds per multiply-add of the peers' direct loops on the reference machine,
# with head room (numpy's 1-D loop is a BLAS dot; scipy's N-d direct is not).
_SECONDS_PER_MAC = {"numpy": 0.2e-9, "scipy-direct-1d": 0.2e-9, "scipy-direct": 12e-9, "scipy-convolve2d": 2e-9}
# Skip a contestant predicted slower than this per call.
MAX_SECONDS = 2.0


def _macs(shape1, shape2, mode, axes=None):
    axes = range(len(shape1)) if axes is None else axes
    total = 1.0
    for i, (n, k) in enumerate(zip(shape1, shape2)):
        if i not in axes:
            total *= max(n, k)
        else:
            out = {"full": n + k - 1, "same": n, "valid": max(n, k) - min(n, k) + 1}[mode]
            total *= out * min(n, k)
    return total


def _too_slow(impl, shape1, shape2, mode, dtype="float64", axes=None):
    key = "scipy-direct-1d" if impl == "scipy-direct" and len(shape1) == 1 else impl
    per_mac = _SECONDS_PER_MAC.get(key)
    if per_mac is None:
        if impl == "convkit-direct":
            per_mac = 0.2e-9  # Numba loop, generous
        else:
            return False
    factor = 2.0 if np.dtype(dtype).kind == "c" else 1.0
    return _macs(shape1, shape2, mode, axes) * per_mac * factor > MAX_SECONDS


def make_call(impl, a, b, mode, *, op="convolve", axes=None):
    """A zero-argument call of contestant ``impl`` on ``(a, b, mode)``; NotImplementedError if it does not apply."""
    require(globals(), "np")
    if impl.startswith("convkit"):
        require(globals(), "convkit")
    elif impl.startswith("scipy"):
        require(globals(), "ss")
    corr = op == "correlate"
    if impl in ("convkit-auto", "convkit-direct") or (impl in ("convkit-fft", "convkit-oa") and axes is None):
        method = impl.split("-")[1]
        func = convkit.correlate if corr else convkit.convolve
        return lambda: func(a, b, mode, method)
    if impl in ("convkit-fft", "convkit-oa"):
        if corr:
            raise NotImplementedError("no batched correlate in the API")
        func = convkit.fftconvolve if impl == "convkit-fft" else convkit.oaconvolve
        return lambda: func(a, b, mode, axes)
    if impl in ("scipy-auto", "scipy-direct"):
        method = impl.split("-")[1]
        func = ss.correlate if corr else ss.convolve
        return lambda: func(a, b, mode, method)
    if impl in ("scipy-fft", "scipy-oa"):
        if corr:
            if axes is not None:
                raise NotImplementedError("no batched correlate in scipy")
            return lambda: ss.correlate(a, b, mode, "fft")
        func = ss.fftconvolve if impl == "scipy-fft" else ss.oaconvolve
        return lambda: func(a, b, mode, axes)
    if impl in ("convkit-convolve2d", "scipy-convolve2d"):
        if a.ndim != 2:
            raise NotImplementedError("convolve2d takes 2-D inputs")
        mod = convkit if impl.startswith("convkit") else ss
        func = mod.correlate2d if corr else mod.convolve2d
        return lambda: func(a, b, mode)
    if impl == "numpy":
        if a.ndim != 1 or axes is not None:
            raise NotImplementedError("numpy.convolve is 1-D only")
        if mode != "full" and a.shape[0] < b.shape[0]:
            raise NotImplementedError("numpy's 'same'/'valid' window differs when in1 is shorter")
        func = np.correlate if corr else np.convolve
        return lambda: func(a, b, mode)
    raise NotImplementedError(f"unknown contestant {impl!r}")


class _Contest:
    """Base: ``setup`` builds ``self.call`` and warms it; time/peakmem call it."""

    timeout = 120

    def _prepare(self, impl, shape1, shape2, mode="full", dtype="float64", *, op="convolve", axes=None):
        require(globals(), "np")
        if _too_slow(impl, shape1, shape2, mode, dtype, axes):
            raise NotImplementedError(f"{impl} predicted over {MAX_SECONDS} s per call here")
        self.a = random_array(shape1, dtype, seed=1)
        self.b = random_array(shape2, dtype, seed=2)
        self.call = make_call(impl, self.a, self.b, mode, op=op, axes=axes)
        # JIT compile / FFT plans outside the timing; three calls, because convkit's FFT engine
        # re-plans a size with FFTW_MEASURE on its third request.
        for _ in range(3):
            self.call()


class Convolve1D(_Contest):
    """1-D convolution, mode='full': kernel-length sweep at three signal lengths."""

    params = [IMPLS_1D, [1_000, 100_000, 1_000_000], [8, 128, 2048]]
    param_names = ["impl", "n", "k"]

    def setup(self, impl, n, k):
        self._prepare(impl, (n,), (k,))

    def time_convolve(self, impl, n, k):
        self.call()

    def peakmem_convolve(self, impl, n, k):
        self.call()


class Modes1D(_Contest):
    """convolve and correlate in every mode, float64, 100 000 samples * 512 taps."""

    params = [IMPLS_1D, ["convolve", "correlate"], ["full", "same", "valid"]]
    param_names = ["impl", "op", "mode"]

    def setup(self, impl, op, mode):
        self._prepare(impl, (100_000,), (512,), mode, op=op)

    def time_call(self, impl, op, mode):
        self.call()


class Image2D(_Contest):
    """2-D image kernels, mode='same' (square image and kernel)."""

    params = [IMPLS_2D, [256, 1024], [3, 11, 31]]
    param_names = ["impl", "image", "kernel"]

    def setup(self, impl, image, kernel):
        self._prepare(impl, (image, image), (kernel, kernel), "same")

    def time_convolve(self, impl, image, kernel):
        self.call()

    def peakmem_convolve(self, impl, image, kernel):
        self.call()


class Dtypes(_Contest):
    """1-D, mode='same', 100 000 samples * 256 taps in each floating dtype."""

    params = [IMPLS_1D, ["float32", "float64", "complex64", "complex128"]]
    param_names = ["impl", "dtype"]

    def setup(self, impl, dtype):
        self._prepare(impl, (100_000,), (256,), "same", dtype)

    def time_convolve(self, impl, dtype):
        self.call()

    def peakmem_convolve(self, impl, dtype):
        self.call()


BATCHES = {"64x8192*64": ((64, 8192), (1, 64)), "256x4096*512": ((256, 4096), (1, 512)),
           "16x65536*2048": ((16, 65536), (1, 2048))}


class BatchedAxes(_Contest):
    """Many rows, one shared kernel, convolved along the last axis (``axes=-1``), mode='same'.

    convkit-auto/direct and scipy-auto/direct take the kernel as shape
    ``(1, k)`` (a length-1 axis convolves as a batch); the transform
    contestants are called with ``axes=(1,)``.
    """

    params = [IMPLS_ND, list(BATCHES)]
    param_names = ["impl", "case"]

    def setup(self, impl, case):
        shape1, shape2 = BATCHES[case]
        self._prepare(impl, shape1, shape2, "same", axes=(1,))

    def time_convolve(self, impl, case):
        self.call()

    def peakmem_convolve(self, impl, case):
        self.call()


TINY = {"4*2": ((4,), (2,)), "16*3": ((16,), (3,)), "64*8": ((64,), (8,)), "256*16": ((256,), (16,)),
        "8x8*3x3": ((8, 8), (3, 3))}


class TinyCalls(_Contest):
    """Call overhead: inputs so small that validation and dispatch dominate, mode='full'."""

    params = [IMPLS_1D, list(TINY)]
    param_names = ["impl", "case"]

    def setup(self, impl, case):
        shape1, shape2 = TINY[case]
        self._prepare(impl, shape1, shape2)

    def time_convolve(self, impl, case):
        self.call()


class Dispatch:
    """The price of a decision: ``convkit.choose_method`` (auto's cost model) against scipy's choose_conv_method."""

    params = [["convkit", "scipy"], ["16*3", "100000*256", "1024x1024*11x11"]]
    param_names = ["impl", "case"]
    CASES = {"16*3": ((16,), (3,)), "100000*256": ((100_000,), (256,)), "1024x1024*11x11": ((1024, 1024), (11, 11))}

    def setup(self, impl, case):
        require(globals(), "np", "convkit" if impl == "convkit" else "ss")
        shape1, shape2 = self.CASES[case]
        self.a = random_array(shape1, seed=1)
        self.b = random_array(shape2, seed=2)
        if impl == "convkit":
            self.call = lambda: convkit.choose_method(self.a, self.b)
        else:
            self.call = lambda: ss.choose_conv_method(self.a, self.b)
        self.call()

    def time_choose(self, impl, case):
        self.call()
