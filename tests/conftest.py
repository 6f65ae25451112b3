"""Shared fixtures and hooks; the public-API reference ``scipy_reference``.

The helpers (data generator, oracle, tolerance table and ``assert_close``,
layouts, regions, ``check``) live in ``tests/_helpers.py``; the names test
files used to import from here are re-exported below.

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
# No background filler of the FFTW plan store (seconds of CPU per fresh cache folder) unless a
# test turns it on: tests/test_fft_fill.py does, and checks both settings.
os.environ["CONVKIT_FFTW_FILL"] = "0"

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

# Re-exported for the test files that import them from conftest.
from _helpers import ALL_DTYPES, EPS, REL_TOL, assert_close, random_array  # noqa: F401


@pytest.fixture
def rng():
    return np.random.default_rng(20261129)


@pytest.fixture
def fresh_ndimage_plans():
    """convkit.ndimage's short-road programs cleared before and after a test: a program fixes the
    choices the module limits made when it was built, so a test that changes a limit must not
    inherit programs built under another (nor leave its own behind)."""
    from convkit import _ndimage_lines

    _ndimage_lines.clear_plans()
    yield
    _ndimage_lines.clear_plans()


@pytest.fixture
def default_profile(tmp_path, monkeypatch):
    """The shipped constants, whatever profile this machine has saved."""
    from convkit import _profile

    monkeypatch.setenv("CONVKIT_PROFILE", str(tmp_path / "profile.json"))
    _profile.reset()
    yield
    _profile.reset()


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


def pytest_collection_modifyitems(config, items):
    """Deselect (not skip) ``@pytest.mark.slow`` tests unless the run asks for them with ``-m slow``."""
    expr = config.getoption("-m") or ""
    if "slow" in expr:
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]
