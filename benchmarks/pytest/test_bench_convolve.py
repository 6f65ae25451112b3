"""pytest-benchmark comparisons: each workload is one group, convkit's contestants against scipy's and numpy's.

The workloads are ``convkit._bench.cells.compare_grid()`` (a few cells per
family of ``python -m convkit bench``'s grid) and the contestants, operands
and skip estimates come from the same registry. Not part of the default test
run (``testpaths = ["tests"]``). Run and compare::

    python -m pytest benchmarks/pytest --benchmark-autosave     # saves .benchmarks/<machine>/0001_*.json
    # ... change something ...
    python -m pytest benchmarks/pytest --benchmark-compare      # against the latest saved run
    python -m pytest benchmarks/pytest --benchmark-compare=0001 --benchmark-compare-fail=median:10%
    python -m pytest benchmarks/pytest -k "100000*1024"         # one workload

Each test calls its contestant three times before timing (Numba JIT, FFTW plans) and
records which engine convkit auto picked in ``extra_info``. Contestants predicted
to take over ``MAX_SECONDS`` per call are skipped.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytest_benchmark")
pytest.importorskip("scipy.signal")
cells = pytest.importorskip("convkit._bench.cells")

pytestmark = pytest.mark.benchmark(min_rounds=5, max_time=0.5, warmup=False)

CELLS = {c.id: c for c in cells.compare_grid()}
# Skip a contestant predicted slower than this per call.
MAX_SECONDS = 0.3


@pytest.mark.parametrize("impl", list(cells.CONTESTANTS))
@pytest.mark.parametrize("cell_id", list(CELLS))
def test_convolve(benchmark, cell_id, impl):
    cell = CELLS[cell_id]
    a, b = cell.data(seed=1)
    choice = cells.auto_choice(cell, a, b)
    predicted = cells.predicted_seconds(impl, cell, choice.predicted)
    if predicted is not None and predicted > MAX_SECONDS:
        pytest.skip(f"{impl} predicted {predicted:.3g} s per call, over {MAX_SECONDS} s")
    call = cells.make_call(impl, cell, a, b)
    if call is None:
        pytest.skip(f"{impl} does not apply to {cell_id}")
    benchmark.group = cell_id
    benchmark.extra_info["auto_choice"] = choice.method
    # JIT compile / FFT plans outside the timing; three calls, because convkit's FFT engine
    # re-plans a size with FFTW_MEASURE on its third request.
    first = call()
    call()
    call()
    result = benchmark(call)
    assert result.shape == first.shape
    if impl.startswith("convkit."):
        ref = cells.reference(cell, a, b)
        assert result.shape == ref.shape and result.dtype == ref.dtype
