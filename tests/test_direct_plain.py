"""The plain loop (``_plain``, what a call runs while the tiled kernels compile) gives the tiled
drivers' bits: it sums each output's taps in the kernels' passes, with the fused multiply-adds
LLVM contracts the kernels' sums into (a plain left-to-right chain does not: 11 of 20 random
calls differed in the last bits)."""
from __future__ import annotations

import numpy as np
import pytest
from test_direct_compile import AVX2, AVX512, cpu  # noqa: F401  (the fixture)

from convkit._engines.direct import _engine

from _helpers import random_array


def _region(a_shape, b_shape, mode):
    if mode == "valid":
        return tuple(p - q + 1 for p, q in zip(a_shape, b_shape)), tuple(q - 1 for q in b_shape)
    if mode == "same":
        return tuple(a_shape), tuple((q - 1) // 2 for q in b_shape)
    return tuple(p + q - 1 for p, q in zip(a_shape, b_shape)), (0,) * len(a_shape)


# (a shape, b shape, axes or None for all): every driver and kernel kind of the tiled path
SHAPES = [
    ((20011,), (64,), None),        # 1-D row passes (balanced passes of up to 16 taps), shared loads
    ((20011,), (37,), None),
    ((9001,), (3,), None),          # 1-D pooled passes (narrow rows)
    ((9001,), (1,), None),
    ((300, 301), (3, 3), None),     # row-block kernels (3, 5, 7) and the rows outside the blocks
    ((300, 301), (5, 5), None),
    ((300, 301), (7, 7), None),
    ((97, 130), (9, 9), None),      # wide rows: row passes per kernel row
    ((20, 700), (3, 9), None),      # rows of 513..1024 columns split into tiles (several kernel rows)
    ((120, 90), (15, 1), None),     # the column driver (shared groups of 8 rows between pooled rows)
    ((120, 90), (40, 1), None),
    ((70, 90), (3, 11), None),
    ((70, 90), (2, 4), None),       # pooled across kernel rows
    ((12, 14, 16), (3, 2, 5), None),  # two leading axes
    ((4, 60, 70), (1, 5, 5), (1, 2)),  # a batch axis
    ((3, 5000), (3, 33), (1,)),
]
DTYPES = ["float64", "float32", "complex128", "complex64", "int64", "uint64"]


def _case_ids():
    for a_shape, b_shape, axes in SHAPES:
        for mode in ("full", "same", "valid"):
            yield pytest.param(a_shape, b_shape, axes, mode, id=f"{a_shape}x{b_shape}-{mode}")


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("a_shape, b_shape, axes, mode", list(_case_ids()))
def test_plain_loop_gives_the_tiled_bits(a_shape, b_shape, axes, mode, dtype):
    rng = np.random.default_rng(len(a_shape) * 100 + b_shape[-1])
    a, b = random_array(rng, a_shape, dtype), random_array(rng, b_shape, dtype)
    axes = tuple(range(len(a_shape))) if axes is None else axes
    full_b = tuple(b_shape[i] if i in axes else 1 for i in range(len(a_shape)))
    shape, start = _region(a_shape, full_b, mode)
    shape = tuple(shape[i] if i in axes else max(a_shape[i], b_shape[i]) for i in range(len(a_shape)))
    start = tuple(start[i] if i in axes else 0 for i in range(len(a_shape)))
    tiled = _engine.convolve(a, b, axes, shape, start, workers=2)
    plain = _engine.convolve(a, b, axes, shape, start, plain=True)
    assert tiled.dtype == plain.dtype and tiled.shape == plain.shape
    assert tiled.tobytes() == plain.tobytes()


@pytest.mark.parametrize("feats", [AVX512, AVX2], ids=["32 registers", "16 registers"])
@pytest.mark.parametrize("k", [3, 5, 7])
def test_plain_loop_follows_the_row_blocks_tap_groups(cpu, feats, k):  # noqa: F811
    """Row-block kernels that take their taps in column groups (the 16-register table) sum
    group by group (one pass each): the plain loop does the same for the blocked rows only."""
    cpu(feats)
    rng = np.random.default_rng(k)
    a, b = random_array(rng, (200, 203), "float64"), random_array(rng, (k, k), "float64")
    for mode in ("full", "same"):
        shape, start = _region(a.shape, b.shape, mode)
        tiled = _engine.convolve(a, b, (0, 1), shape, start)
        assert tiled.tobytes() == _engine.convolve(a, b, (0, 1), shape, start, plain=True).tobytes()


@pytest.mark.parametrize("b_shape", [(7, 7), (5, 9)])
@pytest.mark.parametrize("batch", [False, True])
def test_plain_loop_runs_rank_one_kernels_as_the_same_two_passes(b_shape, batch):
    rng = np.random.default_rng(3)
    b = np.outer(rng.standard_normal(b_shape[0]), rng.standard_normal(b_shape[1]))
    a = rng.standard_normal((3, 150, 160) if batch else (150, 160))
    axes = (1, 2) if batch else (0, 1)
    if batch:
        b = b[None]
    shape = a.shape[:-2] + tuple(p + q - 1 for p, q in zip(a.shape[-2:], b_shape))
    start = (0,) * a.ndim
    tiled = _engine.convolve(a, b, axes, shape, start)
    assert tiled.tobytes() == _engine.convolve(a, b, axes, shape, start, plain=True).tobytes()
    # the two passes round differently from a 2-D sum: the comparison above can fail
    assert tiled.tobytes() != _engine.convolve(a, b, axes, shape, start, separable=False).tobytes()


def test_plain_loop_keeps_non_finite_signal_values_where_the_tiled_loops_put_them():
    rng = np.random.default_rng(5)
    a, b = rng.standard_normal((90, 100)), rng.standard_normal((5, 6))
    a[3, 4], a[50, 0], a[89, 99] = np.inf, np.nan, -np.inf
    shape, start = _region(a.shape, b.shape, "full")
    tiled = _engine.convolve(a, b, (0, 1), shape, start)
    assert tiled.tobytes() == _engine.convolve(a, b, (0, 1), shape, start, plain=True).tobytes()
