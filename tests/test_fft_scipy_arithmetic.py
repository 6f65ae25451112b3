"""Single precision (and small double-precision transforms) over two or more axes run
scipy.signal.fftconvolve's own arithmetic.

Double-precision transforms cost 1.5-2.7x scipy's single-precision ones there, so the fft
engine computes float32/complex64 over 2+ axes as scipy does (same scipy.fft calls, same
lengths): its values are then bitwise scipy's, so its error is scipy's (#16 item 4) at scipy's
speed. Small float64/complex128 transforms over 2+ axes do the same (FFTW's ESTIMATE plans were
slower there). The oracle is scipy.signal.fftconvolve itself.
"""
from __future__ import annotations

import numpy as np
import pytest
import scipy.fft as sp_fft
import scipy.signal as ss

pytest.importorskip("pyfftw")

import convkit  # noqa: E402
from convkit._engines import Geometry, _fft_sizes, fft  # noqa: E402

from _helpers import random_array  # noqa: E402


@pytest.fixture(autouse=True)
def _defaults(monkeypatch):
    monkeypatch.delenv("CONVKIT_FFT_SINGLE", raising=False)


def _operands(a_shape, b_shape, dtype, seed):
    rng = np.random.default_rng(seed)
    return random_array(rng, a_shape, dtype), random_array(rng, b_shape, dtype)


CASES = [((66, 49), (40, 9), "full"), ((66, 49), (40, 9), "same"), ((66, 49), (40, 9), "valid"),
         ((30, 40), (50, 7), "same"), ((17, 23, 11), (5, 4, 3), "full"), ((17, 23, 11), (5, 4, 3), "same"),
         ((9, 10, 8), (9, 10, 8), "valid"), ((1, 40), (7, 9), "same"),
         ((6, 1), (1, 9), "full"), ((1, 1), (3, 3), "same")]     # no axis left to transform


@pytest.mark.parametrize("dtype", ["float32", "complex64"])
@pytest.mark.parametrize("a_shape,b_shape,mode", CASES)
def test_bitwise_scipys_fftconvolve(dtype, a_shape, b_shape, mode):
    a, b = _operands(a_shape, b_shape, dtype, len(a_shape) * 31 + b_shape[0])
    want = ss.fftconvolve(a, b, mode)
    for workers in (1, 2):
        got = convkit.fftconvolve(a, b, mode, workers=workers)
        assert got.dtype == want.dtype and got.shape == want.shape
        assert np.array_equal(got, want), (workers, np.abs(got - want).max())


@pytest.mark.parametrize("dtype", ["float32", "complex64"])
def test_batch_axes_broadcast_like_scipy(dtype):
    a, b = _operands((3, 40, 30), (1, 9, 7), dtype, 5)
    want = ss.fftconvolve(a, b, "same", axes=(1, 2))
    got = convkit.fftconvolve(a, b, "same", axes=(1, 2))
    assert np.array_equal(got, want)


@pytest.mark.parametrize("dtype", ["float32", "complex64", "float64", "complex128"])
def test_prepared_spectrum_gives_the_same_bits(dtype):
    a, b = _operands((50, 45), (12, 8), dtype, 9)
    g = Geometry(a.shape, b.shape, (0, 1), (50, 45), (5, 3), np.dtype(dtype), 1)
    spec = fft.ENGINE.prepare(b, g)
    assert spec.dtype == np.dtype(dtype) and spec.backend == "scipy"   # single stays single
    assert np.array_equal(fft.ENGINE.convolve(a, spec, g), fft.ENGINE.convolve(a, b, g))
    assert np.array_equal(fft.ENGINE.convolve(a, b, g), ss.fftconvolve(a, b, "same"))


def test_which_problems_take_scipys_arithmetic(monkeypatch):
    two = ((66, 49), (40, 9), (0, 1))
    assert _fft_sizes.scipy_arithmetic(np.dtype(np.float32), *two)
    assert _fft_sizes.scipy_arithmetic("complex64", (17, 23, 11), (5, 4, 3), (0, 1, 2))
    assert not _fft_sizes.scipy_arithmetic(np.float32, (5000,), (300,), (0,))   # 1-D: FFTW
    # double precision: small transforms only
    assert _fft_sizes.scipy_arithmetic(np.dtype(np.float64), *two)
    assert not _fft_sizes.scipy_arithmetic(np.dtype(np.float64), (1024, 1024), (63, 63), (0, 1))
    assert _fft_sizes.scipy_arithmetic(np.dtype(np.complex128), (678, 674), (40, 40), (0, 1))
    assert not _fft_sizes.scipy_arithmetic(np.dtype(np.complex128), (1024, 1024), (63, 63), (0, 1))
    monkeypatch.setenv("CONVKIT_FFT_SINGLE", "native")
    assert not _fft_sizes.scipy_arithmetic(np.float32, *two)
    assert _fft_sizes.scipy_arithmetic(np.float64, *two)


@pytest.mark.parametrize("dtype", ["float64", "complex128"])
@pytest.mark.parametrize("a_shape,b_shape,mode", CASES[:4] + CASES[5:6] + CASES[-2:])
def test_small_double_precision_is_scipys_too(dtype, a_shape, b_shape, mode):
    a, b = _operands(a_shape, b_shape, dtype, 7)
    want = ss.fftconvolve(a, b, mode)
    assert np.array_equal(convkit.fftconvolve(a, b, mode), want)
    # convolve may first reshape a problem whose convolved axes broadcast (other arithmetic)
    np.testing.assert_allclose(convkit.convolve(a, b, mode, method="fft"), want, rtol=0,
                               atol=1e-13 * np.abs(want).max())


@pytest.mark.parametrize("real", [True, False])
def test_scipy_fast_len_is_scipys(real):
    rng = np.random.default_rng(1)
    ns = list(range(1, 3000)) + [int(v) for v in rng.integers(3000, 10**8, 500)]
    assert [_fft_sizes.scipy_fast_len(n, real) for n in ns] == [sp_fft.next_fast_len(n, real) for n in ns]


def test_prediction_follows_the_single_precision_path():
    """The fft engine's 2-D float32 calls are priced as the single-precision path they run,
    below the float64 call of the same shapes; 1-D float32 (double-precision FFTW) is not."""
    two = ((300, 280), (31, 31), (0, 1), (330, 310), (0, 0))
    one = ((30000,), (3001,), (0,), (33000,), (0,))
    assert _fft_sizes.fft_cost(*two, "float32") < 0.7 * _fft_sizes.fft_cost(*two, "float64")
    assert _fft_sizes.fft_cost(*one, "float32") == _fft_sizes.fft_cost(*one, "float64")


@pytest.mark.parametrize("dtype", ["float32", "complex64"])
def test_overlap_engine_runs_the_whole_single_precision_transform(dtype):
    """Double-precision blocks lost to scipy's single-precision whole transform over 2+ axes,
    so 'oa' runs that transform there: scipy's fftconvolve bits, prepared or not."""
    from convkit._engines import overlap

    a, b = _operands((300, 280), (9, 7), dtype, 3)
    want = ss.fftconvolve(a, b, "same")
    assert np.array_equal(convkit.oaconvolve(a, b, "same"), want)
    g = Geometry(a.shape, b.shape, (0, 1), a.shape, (4, 3), np.dtype(dtype), 1)
    assert np.array_equal(overlap.ENGINE.convolve(a, overlap.ENGINE.prepare(b, g), g), want)
    assert _fft_sizes.oa_cost(*g[:5], dtype) == _fft_sizes.fft_cost(*g[:5], dtype)


def test_transposing_copies_are_priced():
    """A batch axis after the convolved one makes the fft engine's copies transposing ones:
    the (k, 1)-kernel problem is priced above its (1, k) twin of the same work."""
    col = ((3000, 64), (257, 1), (0,), (3256, 64), (0, 0), "float64")
    row = ((64, 3000), (1, 257), (1,), (64, 3256), (0, 0), "float64")
    assert _fft_sizes.fft_cost(*col) > 1.2 * _fft_sizes.fft_cost(*row)


_STANDALONE = """
import sys
import numpy as np
import convkit
rng = np.random.default_rng(5)
cases = [((66, 49), (40, 9), "float64"), ((30, 40), (7, 9), "float32"),
         ((17, 23, 11), (5, 4, 3), "complex128"), ((20, 30), (5, 6), "complex64")]
got = []
for a_shape, b_shape, dt in cases:
    a = rng.standard_normal(a_shape).astype(dt)
    b = rng.standard_normal(b_shape).astype(dt)
    if a.dtype.kind == "c":
        a = a + 1j * rng.standard_normal(a_shape).astype(a.real.dtype)
        b = b - 1j * rng.standard_normal(b_shape).astype(b.real.dtype)
    got += [(a, b, m, convkit.fftconvolve(a, b, m)) for m in ("full", "same", "valid")]
assert "scipy.fft" not in sys.modules, "scipy.fft was imported"
core = sys.modules["scipy.fft._pocketfft.pypocketfft"]
import scipy.signal
assert sys.modules["scipy.fft._pocketfft.pypocketfft"] is core   # scipy reuses the loaded core
for a, b, m, r in got:
    want = scipy.signal.fftconvolve(a, b, m)
    assert r.dtype == want.dtype and np.array_equal(r, want), (a.shape, b.shape, a.dtype, m)
print("ok")
"""


def test_scipys_arithmetic_without_importing_scipy_fft():
    """The 2+-axis path loads pocketfft's extension alone (``import scipy.fft`` cost 0.2 s of a
    process's first such call), and its results stay bitwise scipy.signal.fftconvolve's, which
    in the same process then reuses that extension."""
    import os
    import subprocess
    import sys

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run([sys.executable, "-c", _STANDALONE], cwd=root, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-2000:]


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("a_shape,b_shape,axes", [
    ((230, 230), (31, 31), None),        # 260^2 points: fresh arrays of this size page-faulted
    ((166, 149), (40, 9), None),
    ((37, 43, 21), (5, 4, 3), None),
    ((120, 1, 140), (7, 1, 9), None),    # a length-1 axis in both: not transformed
    ((12, 60, 40), (1, 5, 9), (1, 2)),   # a batch axis
])
def test_pooled_buffers_give_the_same_bits_and_results_stay_put(monkeypatch, dtype, a_shape, b_shape, axes):
    """scipy's arithmetic runs in pooled scratch buffers (a fresh spectrum of a few MiB
    page-faulted on every call: 256^2 * 63^2 'same' 2.9 -> 1.6 ms): the same pocketfft calls, so
    the bits of the unpooled path (scipy.signal's); and a kept result is not written by a later call."""
    from convkit._engines import _spectral

    rng = np.random.default_rng(21)
    a, b = random_array(rng, a_shape, dtype), random_array(rng, b_shape, dtype)
    taken = []
    real_rule = _spectral._pooled_scipy
    monkeypatch.setattr(_spectral, "_pooled_scipy", lambda *args: taken.append(real_rule(*args)) or taken[-1])
    pooled = {m: convkit.fftconvolve(a, b, m, axes=axes) for m in ("full", "same", "valid")}
    assert taken and all(taken)   # every call ran in pooled buffers
    kept = {m: r.copy() for m, r in pooled.items()}
    for _ in range(2):
        convkit.fftconvolve(a[::-1].copy(), b, "full", axes=axes)
    monkeypatch.setattr(_spectral, "_pooled_scipy", lambda *args: False)
    for m, r in pooled.items():
        np.testing.assert_array_equal(r, kept[m])
        want = convkit.fftconvolve(a, b, m, axes=axes)
        assert r.dtype == want.dtype and np.array_equal(r, want), m


def _bits(x):
    return x.view(np.uint32 if x.dtype == np.float32 else np.uint64)


@pytest.mark.parametrize("data", ["random", "zero kernel", "delta", "ones"])
@pytest.mark.parametrize("a_shape,b_shape,axes,mode", [
    ((466, 499), (40, 40), None, "same"),         # issue #13's hunt: 40 of 512 kernel lines carry data
    ((166, 149), (40, 9), None, "full"),
    ((37, 43, 21), (5, 4, 3), None, "valid"),
    ((40, 12, 60), (9, 1, 5), (0, 2), "same"),    # a batch axis between the transformed ones
    ((60, 40, 12), (5, 9, 1), (0, 1), "same"),    # a batch axis after the last transformed one
])
def test_only_the_lines_with_data_are_transformed_bit_for_bit(a_shape, b_shape, axes, mode, data):
    """The pooled real path transforms only the operands' own last-axis lines and the kept lines of
    the inverse: every bit of scipy.signal.fftconvolve's result stays, signed zeros included
    (a zero line's transform is pocketfft's own, copied)."""
    rng = np.random.default_rng(7)
    a = random_array(rng, a_shape, "float32")
    b = {"random": lambda: random_array(rng, b_shape, "float32"),
         "zero kernel": lambda: np.zeros(b_shape, np.float32),
         "delta": lambda: np.pad(np.ones((1,) * len(b_shape), np.float32),
                                 [(0, n - 1) for n in b_shape]),
         "ones": lambda: np.ones(b_shape, np.float32)}[data]()
    want = ss.fftconvolve(a, b, mode, axes=axes)
    for workers in (1, 2):
        got = convkit.fftconvolve(a, b, mode, axes=axes, workers=workers)
        assert got.dtype == want.dtype and got.shape == want.shape
        np.testing.assert_array_equal(_bits(got), _bits(want))
