"""pytest-benchmark comparisons: each workload is one group, convkit's contestants against scipy's and numpy's.

Not part of the default test run (``testpaths = ["tests"]``). Run and compare::

    pytest benchmarks/pytest --benchmark-autosave            # saves .benchmarks/<machine>/0001_*.json
    # ... change something ...
    pytest benchmarks/pytest --benchmark-compare             # against the latest saved run
    pytest benchmarks/pytest --benchmark-compare=0001 --benchmark-compare-fail=median:10%
    pytest benchmarks/pytest -k "1d-100000x1024"            # one workload

Each test calls its contestant three times before timing (Numba JIT, FFTW plans) and
records which engine convkit auto picked in ``extra_info``. Contestants whose
direct loop would take too long per call are skipped.
"""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pytest_benchmark")
ss = pytest.importorskip("scipy.signal")
convkit = pytest.importorskip("convkit")

pytestmark = pytest.mark.benchmark(min_rounds=5, max_time=0.5, warmup=False)

# id: (shape1, shape2, dtype, mode, axes)
WORKLOADS = {
    "1d-100000x16-full": ((100_000,), (16,), "float64", "full", None),
    "1d-100000x1024-full": ((100_000,), (1024,), "float64", "full", None),
    "1d-1000000x4096-full": ((1_000_000,), (4096,), "float64", "full", None),
    "2d-512x512-5x5-same": ((512, 512), (5, 5), "float64", "same", None),
    "2d-512x512-31x31-same": ((512, 512), (31, 31), "float64", "same", None),
    "f32-100000x256-same": ((100_000,), (256,), "float32", "same", None),
    "c128-100000x256-same": ((100_000,), (256,), "complex128", "same", None),
    "batched-64x8192-1x64-same-axes1": ((64, 8192), (1, 64), "float64", "same", (1,)),
    "tiny-16x3-full": ((16,), (3,), "float64", "full", None),
}

IMPLS = ["convkit-auto", "convkit-direct", "convkit-fft", "convkit-oa",
         "scipy-auto", "scipy-direct", "scipy-fft", "scipy-oa", "numpy"]

# Skip a contestant whose direct loop is predicted over this many seconds per call.
MAX_DIRECT_SECONDS = 0.3
_SECONDS_PER_MAC = {"numpy": 0.2e-9, "scipy-direct-1d": 0.2e-9, "scipy-direct": 12e-9, "convkit-direct": 0.1e-9}


def _data(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


def _macs(shape1, shape2, mode):
    total = 1.0
    for n, k in zip(shape1, shape2):
        out = {"full": n + k - 1, "same": n, "valid": max(n, k) - min(n, k) + 1}[mode]
        total *= out * min(n, k)
    return total


def _call(impl, a, b, mode, axes):
    if impl in ("convkit-auto", "convkit-direct") or (impl.startswith("convkit") and axes is None):
        method = impl.split("-")[1]
        return lambda: convkit.convolve(a, b, mode, method)
    if impl in ("convkit-fft", "convkit-oa"):
        func = convkit.fftconvolve if impl == "convkit-fft" else convkit.oaconvolve
        return lambda: func(a, b, mode, axes)
    if impl in ("scipy-auto", "scipy-direct"):
        method = impl.split("-")[1]
        return lambda: ss.convolve(a, b, mode, method)
    if impl in ("scipy-fft", "scipy-oa"):
        func = ss.fftconvolve if impl == "scipy-fft" else ss.oaconvolve
        return lambda: func(a, b, mode, axes)
    if impl == "numpy":
        if a.ndim != 1 or (mode != "full" and a.shape[0] < b.shape[0]):
            pytest.skip("numpy.convolve applies to 1-D calls with in1 the longer")
        return lambda: np.convolve(a, b, mode)
    raise ValueError(impl)


@pytest.mark.parametrize("impl", IMPLS)
@pytest.mark.parametrize("workload", list(WORKLOADS))
def test_convolve(benchmark, workload, impl):
    shape1, shape2, dtype, mode, axes = WORKLOADS[workload]
    key = "scipy-direct-1d" if impl == "scipy-direct" and len(shape1) == 1 else impl
    per_mac = _SECONDS_PER_MAC.get(key)
    if per_mac and _macs(shape1, shape2, mode) * per_mac * (2 if "c" in dtype else 1) > MAX_DIRECT_SECONDS:
        pytest.skip(f"{impl} predicted over {MAX_DIRECT_SECONDS} s per call")
    a, b = _data(shape1, dtype, 1), _data(shape2, dtype, 2)
    call = _call(impl, a, b, mode, axes)
    benchmark.group = workload
    if impl.startswith("convkit"):
        benchmark.extra_info["auto_choice"] = convkit.choose_method(a, b, mode, axes=axes).method
    # JIT compile / FFT plans outside the timing; three calls, because convkit's FFT engine
    # re-plans a size with FFTW_MEASURE on its third request.
    first = call()
    call()
    call()
    result = benchmark(call)
    assert result.shape == first.shape
