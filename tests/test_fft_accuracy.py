"""Single-precision accuracy of the FFT engines against scipy's on the same inputs (issue 16 item 4).

Errors are relative L2 errors against scipy's direct convolution in double
precision. convkit's float32/complex64 error must be no larger than
scipy.signal.fftconvolve's / oaconvolve's on the same inputs: 0/1 data (where
pre-scaling an operand by 1/N used to add a coherent error, 2-3.6x scipy's),
random normal data and a large dynamic range.
"""
from __future__ import annotations

import numpy as np
import pytest
import scipy.signal as ss

pytest.importorskip("pyfftw")

from convkit._engines import fft, overlap  # noqa: E402


def _data(rng, n, dtype, kind):
    def one():
        if kind == "01":
            return (rng.random(n) < 0.5).astype(np.float64)
        x = rng.standard_normal(n)
        return x * 10.0 ** rng.uniform(-4, 4, n) if kind == "range" else x
    x = one()
    if np.dtype(dtype).kind == "c":
        x = x + 1j * one()
    return x.astype(dtype)


def _err(y, ref):
    den = np.linalg.norm(ref)
    return np.linalg.norm(y - ref) / (den if den else 1.0)


@pytest.fixture(autouse=True)
def _defaults(monkeypatch):
    monkeypatch.delenv("CONVKIT_FFT_SINGLE", raising=False)
    monkeypatch.delenv("CONVKIT_FFTW_PLANNER", raising=False)


@pytest.mark.parametrize("dtype", ["float32", "complex64"])
@pytest.mark.parametrize("kind", ["01", "random", "range"])
@pytest.mark.parametrize("n,k", [(100, 100), (1000, 100), (5000, 700), (999, 77), (20000, 300),
                                 (12345, 6789)])
def test_single_precision_error_at_most_scipys(dtype, kind, n, k):
    rng = np.random.default_rng(n * 7 + k)
    a, b = _data(rng, n, dtype, kind), _data(rng, k, dtype, kind)
    wide = np.complex128 if dtype == "complex64" else np.float64
    for mode in ("full", "same", "valid"):
        ref = ss.convolve(a.astype(wide), b.astype(wide), mode=mode, method="direct")
        start = {"full": 0, "same": (k - 1) // 2, "valid": k - 1}[mode]
        args = (a, b, (0,), ref.shape, (start,))
        mine = {"fft": fft.convolve(*args), "oa": overlap.convolve(*args)}
        theirs = {"fft": ss.fftconvolve(a, b, mode), "oa": ss.oaconvolve(a, b, mode)}
        for name in mine:
            assert mine[name].dtype == np.dtype(dtype)
            e_mine, e_scipy = _err(mine[name], ref), _err(theirs[name], ref)
            assert e_mine <= e_scipy + 1e-12, (name, mode, e_mine, e_scipy)


def test_scipy_convolve_method_tolerances():
    """scipy's TestConvolve::test_convolve_method rule for float32/complex64 pairs, on convkit's fft."""
    import convkit
    rng = np.random.RandomState(42)
    n = 100
    base = {"i": rng.choice([0, 1], size=n), "f": rng.randn(n)}
    base["b"] = base["u"] = base["i"]
    base["c"] = base["f"] + 0.5j * base["f"]
    types = ["bool", "int8", "uint8", "int16", "uint16", "float32", "float64", "complex64",
             "complex128"]
    for t1 in types:
        for t2 in types:
            if "float32" not in (t1, t2) and "complex64" not in (t1, t2):
                continue
            x1 = base[np.dtype(t1).kind].astype(t1)
            x2 = base[np.dtype(t2).kind].astype(t2)
            for mode in ("valid", "full", "same"):
                got = convkit.convolve(x1, x2, mode=mode, method="fft")
                want = ss.convolve(x1, x2, mode=mode, method="direct")
                np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6, err_msg=f"{t1} {t2} {mode}")


def test_native_single_precision_opt_out(monkeypatch):
    monkeypatch.setenv("CONVKIT_FFT_SINGLE", "native")
    rng = np.random.default_rng(3)
    a, b = _data(rng, 5000, "float32", "random"), _data(rng, 300, "float32", "random")
    ref = ss.convolve(a.astype(float), b.astype(float), method="direct")
    out = fft.convolve(a, b, (0,), ref.shape, (0,))
    assert out.dtype == np.float32 and _err(out, ref) < 1e-5
    monkeypatch.setenv("CONVKIT_FFT_SINGLE", "half")
    with pytest.raises(ValueError, match="CONVKIT_FFT_SINGLE"):
        fft.convolve(a, b, (0,), ref.shape, (0,))
