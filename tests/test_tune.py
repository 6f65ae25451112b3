"""convkit._tune: the thread counts it measures and the parallel efficiency it fits."""

from __future__ import annotations

import pytest

from convkit import _tune


@pytest.mark.parametrize("cores,expected", [(1, []), (2, [2]), (3, [2, 3]), (6, [2, 4, 6]),
                                            (16, [2, 4, 8, 16]), (64, [2, 4, 8, 16, 32, 64])])
def test_worker_counts_reach_every_core(cores, expected):
    assert _tune.worker_counts(cores) == expected


@pytest.mark.parametrize("efficiency", [0.0, 0.45, 0.9])
def test_parallel_efficiency_is_recovered_from_several_thread_counts(efficiency):
    """Synthetic timings that follow t_w = overhead + work / (1 + p (w - 1)) give back p."""
    base = {"overhead": 1e-5, "parallel_min": 1e-4}
    cells = [((10**5 * i,), (64,)) for i in (1, 3, 10)]
    rows1 = [{"engine": "direct", "shape1": s1, "shape2": s2, "workers": 1, "seconds": 1e-5 + 1e-3 * i}
             for i, (s1, s2) in enumerate(cells, 1)]
    rows_w = [{"engine": "direct", "shape1": s1, "shape2": s2, "workers": w,
               "seconds": 1e-5 + 1e-3 * i / (1 + efficiency * (w - 1))}
              for w in (2, 4, 8) for i, (s1, s2) in enumerate(cells, 1)]
    assert _tune._parallel(rows_w, rows1, "direct", base) == pytest.approx(efficiency, abs=1e-9)
    assert _tune._parallel(rows_w, rows1, "fft", base) is None  # no cells for that engine
