"""Shared test helpers: seeded data, scipy references with scipy's known defects corrected, and the tolerance rule.

The tolerance rule (DESIGN.md contract 2): float64 relative L2 error <= 1e-12
against a float64 direct reference on random normal data, float32 <= 1e-5,
integers and booleans exact. For data that is not random normal (large
dynamic range, cancellation) the absolute error is bounded by
``eps * ||in1||_1 * ||in2||_inf`` scaled by a small constant, because an FFT's
error scales with the inputs, not the output.
"""

from __future__ import annotations

import os
import tempfile

# Tests never read or write the user's real cache (FFTW wisdom, the dispatcher profile):
# every run starts from the shipped defaults and writes into a throw-away folder.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="convkit-tests-cache-")
os.environ.pop("CONVKIT_PROFILE", None)

import numpy as np
import pytest
import scipy.signal as ss
from hypothesis import HealthCheck, settings

# Bounded, reproducible property tests in CI (the same examples every run, so a landing is
# never decided by a lucky draw); `HYPOTHESIS_PROFILE=fuzz` explores new examples at length.
settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Relative L2 tolerance per result dtype character.
REL_TOL = {"e": 2e-3, "f": 1e-5, "d": 1e-12, "F": 1e-5, "D": 1e-12}
EPS = {"e": np.finfo(np.float16).eps, "f": np.finfo(np.float32).eps, "d": np.finfo(np.float64).eps,
       "F": np.finfo(np.float32).eps, "D": np.finfo(np.float64).eps}

ALL_DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
              "float16", "float32", "float64", "complex64", "complex128"]


def random_array(rng: np.random.Generator, shape, dtype) -> np.ndarray:
    """Seeded data in ``dtype``: normal floats, small integers (exactness), sparse booleans."""
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return rng.random(shape) < 0.3
    if dtype.kind == "u":
        return rng.integers(0, 20, size=shape).astype(dtype)
    if dtype.kind == "i":
        return rng.integers(-20, 20, size=shape).astype(dtype)
    if dtype.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


@pytest.fixture
def rng():
    return np.random.default_rng(20261129)


def _float_reference(func, in1, in2, mode, result_dtype, **kw):
    """Reference for dtypes scipy's N-d direct path rejects: compute wide, cast back."""
    wide = np.complex128 if result_dtype.kind == "c" else (np.int64 if result_dtype.kind in "biu" else np.float64)
    out = func(np.asarray(in1).astype(wide), np.asarray(in2).astype(wide), mode, method="direct", **kw)
    if result_dtype.kind == "b":
        return out != 0
    return out.astype(result_dtype)


def scipy_reference(name: str, in1, in2, mode="full", **kw):
    """What convkit must return for ``name``: scipy.signal's answer, exact where scipy has a choice,
    with the defects convkit fixes corrected (README, "Differences from scipy.signal").
    """
    in1 = np.asarray(in1)
    in2 = np.asarray(in2)
    if name in ("convolve", "correlate"):
        func = getattr(ss, name)
        kw.pop("method", None)
        result = np.result_type(in1, in2)
        # scipy's N-d direct path rejects bool and float16 (defect 2); 1-D float16
        # accumulates in float16. Compute those wide and cast.
        if result.kind == "b" or result == np.float16:
            return _float_reference(func, in1, in2, mode, result)
        return func(in1, in2, mode, method="direct")
    if name in ("fftconvolve", "oaconvolve"):
        axes = kw.get("axes")
        ref = ss.fftconvolve(in1, in2, mode="full" if mode == "same" else mode, axes=axes)
        if mode == "same" and in1.size and in2.size and ref.ndim:
            # scipy issue 21876: crop only the convolved axes (those in `axes`, whatever
            # their lengths) to in1's length; the other axes keep the broadcast length.
            conv_axes = range(in1.ndim) if axes is None else np.atleast_1d(axes) % in1.ndim
            index = []
            for i in range(ref.ndim):
                if i in conv_axes:
                    first = (in2.shape[i] - 1) // 2
                    index.append(slice(first, first + in1.shape[i]))
                else:
                    index.append(slice(None))
            ref = ref[tuple(index)]
        return ref
    if name == "convolve2d":
        return ss.convolve2d(in1, in2, mode, **kw)
    if name == "correlate2d":
        ref = ss.correlate2d(in1, in2, mode, **kw)
        swapped = mode == "valid" and not (in1.shape[0] >= in2.shape[0] and in1.shape[1] >= in2.shape[1])
        # scipy drops the conjugate when it swaps in 'valid' mode (defect 3).
        return np.conj(ref) if swapped and ref.dtype.kind == "c" else ref
    raise KeyError(name)


def assert_close(actual, expected, in1=None, in2=None, *, check_dtype=True):
    """The tolerance rule: same shape and dtype; integers exact; floats within REL_TOL or the
    input-scaled absolute bound."""
    actual = np.asarray(actual)
    expected = np.asarray(expected)
    assert actual.shape == expected.shape, f"shape {actual.shape} != {expected.shape}"
    if check_dtype:
        assert actual.dtype == expected.dtype, f"dtype {actual.dtype} != {expected.dtype}"
    if expected.dtype.kind in "biu":
        np.testing.assert_array_equal(actual, expected)
        return
    char = expected.dtype.char if expected.dtype.char in REL_TOL else "d"
    a64 = actual.astype(np.complex128)
    e64 = expected.astype(np.complex128)
    finite = np.isfinite(e64)
    np.testing.assert_array_equal(np.isfinite(a64), finite, err_msg="finiteness differs")
    np.testing.assert_array_equal(np.isnan(a64), np.isnan(e64), err_msg="NaN positions differ")
    if not finite.any():
        return
    diff = np.abs(a64[finite] - e64[finite])
    scale = np.linalg.norm(e64[finite])
    if scale > 0 and np.linalg.norm(diff) <= REL_TOL[char] * scale:
        return
    bound = 0.0
    if in1 is not None and in2 is not None:
        x = np.abs(np.asarray(in1, dtype=np.complex128))
        y = np.abs(np.asarray(in2, dtype=np.complex128))
        x, y = x[np.isfinite(x)], y[np.isfinite(y)]
        if x.size and y.size:
            bound = 64 * EPS[char] * max(x.sum() * y.max(), y.sum() * x.max())
    assert diff.max() <= max(bound, REL_TOL[char] * np.abs(e64[finite]).max()), (
        f"max abs error {diff.max():.3g}, relative L2 {np.linalg.norm(diff) / max(scale, 1e-300):.3g}"
    )


def pytest_collection_modifyitems(config, items):
    """Deselect (not skip) ``@pytest.mark.slow`` tests unless the run asks for them with ``-m slow``."""
    expr = config.getoption("-m") or ""
    if "slow" in expr:
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]
