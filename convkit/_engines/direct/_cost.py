"""The direct engine's cost model: multiply-adds and loop overhead of a call (pure Python, no Numba).

Counts are in multiply-adds. The arithmetic part counts element
multiply-adds (a complex one counts 1; the engine does 3 real ones for it,
which the dispatcher's per-precision scale absorbs), assumes the
non-separable path, and includes the zero taps the engine applies at the
edges of the last convolution axis. The fixed part is the tile loop's
overhead (items and kernel passes, ``DIRECT_ITEM_MACS`` each) plus the cost of
writing an output larger than ``DIRECT_BIG_OUTPUT_BYTES`` (per byte beyond it),
the same in every precision, three times for complex (three real loops).
"""

from __future__ import annotations

import numpy as np

from ... import _tuning
from ._tiling import MAX_TAPS, WIDE, prod, tile_width

__all__ = ["big_output", "complex_split", "cost", "fixed_cost", "macs", "plain_1d"]

# Below this many multiply-adds a 1-D call without batch axes uses the plain loop
# (the same number as ``_engine.SMALL_1D`` and ``dispatch.TINY_DIRECT_OPS``).
SMALL_1D = 4096


def plain_1d(na: int, nb: int, length: int) -> bool:
    """Whether a real 1-D call of lengths ``na``, ``nb`` keeping ``length`` outputs runs the plain loop."""
    return na * nb <= SMALL_1D or min(na, nb) * length <= SMALL_1D


def _pairs(n_sig, n_ker, s, n):
    """Number of (output, tap) pairs with both indices in range on one axis."""
    i = np.arange(s, s + n, dtype=np.int64)
    lo = np.maximum(0, i - n_sig + 1)
    hi = np.minimum(n_ker - 1, i)
    return float(np.maximum(hi - lo + 1, 0).sum())


def macs(a_shape, b_shape, axes, shape, start) -> float:
    """Multiply-adds the kernels perform (no loop overhead)."""
    axes = tuple(axes)
    if not axes:
        return float(prod(shape))
    pa = prod(a_shape[i] for i in axes)
    pb = prod(b_shape[i] for i in axes)
    xs, hs = (a_shape, b_shape) if pb <= pa else (b_shape, a_shape)
    total = 1.0
    for i in range(len(shape)):
        if i not in axes:
            total *= shape[i]
    for i in axes[:-1]:
        total *= _pairs(xs[i], hs[i], start[i], shape[i])
    last = axes[-1]
    if len(shape) == 1 and plain_1d(a_shape[0], b_shape[0], shape[0]):
        return total * _pairs(xs[last], hs[last], start[last], shape[last])
    return total * float(shape[last]) * hs[last]


def fixed_cost(a_shape, b_shape, axes, shape, start, itemsize: int = 8) -> float:
    """Loop overhead of one real tiled loop in multiply-add equivalents (0 for the plain 1-D loop).

    ``itemsize``: bytes per element of the real loop's dtype (a complex call's
    real planes: half the complex itemsize).
    """
    axes = tuple(axes)
    if not axes:
        return 0.0
    if len(shape) == 1 and plain_1d(a_shape[0], b_shape[0], shape[0]):
        return 0.0
    pa = prod(a_shape[i] for i in axes)
    pb = prod(b_shape[i] for i in axes)
    hs = b_shape if pb <= pa else a_shape
    return _tuning.DIRECT_ITEM_MACS * _items_and_passes(hs, axes, shape) + big_output(shape, itemsize)


def complex_split(a_shape, b_shape, shape, itemsize: int = 16) -> float:
    """What a complex call spends outside its three real loops, in multiply-add equivalents.

    The engine copies both operands into real, imaginary and summed planes and
    combines three real results into the complex output: several passes over
    every element, whatever the kernel (512^2 * 3x3 complex128: 1.7 ms where
    the three real loops take 0.6 ms). 1-D calls that run the plain complex
    loop (``plain_1d`` or up to ``DIRECT_SMALL_1D_COMPLEX`` products) do none of it.
    ``itemsize``: bytes per complex element (the passes move bytes).
    """
    na, nb = prod(a_shape), prod(b_shape)
    if len(shape) == 1 and (plain_1d(a_shape[0], b_shape[0], shape[0]) or na * nb <= _tuning.DIRECT_SMALL_1D_COMPLEX):
        return 0.0
    return _tuning.DIRECT_COMPLEX_SPLIT_MACS_PER_BYTE * itemsize * float(na + nb + prod(shape))


def big_output(shape, itemsize: int) -> float:
    """What writing the output costs beyond the per-element term, in multiply-add equivalents.

    Outputs past a few MiB leave the caches and are written to fresh pages;
    the tiled loop then runs up to 2x slower per output than on smaller calls
    (1-D float64, 3e6 outputs: 0.9 ns against 0.45 ns per output at 3e5),
    which decides near-ties with numpy's loop on long signals.
    """
    excess = prod(shape) * itemsize - _tuning.DIRECT_BIG_OUTPUT_BYTES
    return _tuning.DIRECT_BIG_OUTPUT_MACS_PER_BYTE * excess if excess > 0 else 0.0


def cost(a_shape, b_shape, axes, shape, start) -> float:
    """Multiply-adds plus the overhead of one real loop (the first version's ``direct.cost``)."""
    return macs(a_shape, b_shape, axes, shape, start) + fixed_cost(a_shape, b_shape, axes, shape, start)


def _items_and_passes(hs, axes, shape) -> float:
    """Tile items plus kernel passes of the tiled loop."""
    L = shape[axes[-1]]
    T = tile_width(L, 8, len(axes) == 1)
    rows = prod(shape) // L
    items = rows * (1 if L <= T // 2 else -(-L // T) + 2)
    kw = hs[axes[-1]]
    kh = prod(hs[i] for i in axes[:-1])
    passes = kh * -(-kw // MAX_TAPS) if kw >= WIDE else -(-(kh * kw) // MAX_TAPS)
    # The blocking the fixed costs were fitted with (32 registers, 16 taps per pass), on
    # every CPU: reading this CPU's tables here would load LLVM on a first dispatch, and
    # the pass count moves the fixed cost of a call by well under its multiply-adds.
    blocks = _tuning.DIRECT_ROW_BLOCKS[32]
    if len(axes) == 2 and kh == kw and kw in blocks:
        # row blocks: edge tiles apart; a block of RB rows is one item and one
        # kernel call (~3 passes of set-up); the rows above, below and left over
        # run as before (assumes 'same'-like regions)
        RB = blocks[kw][0]
        Ro = shape[axes[0]]
        nb = max(0, Ro - (kw - 1)) // RB
        tiles = -(-L // T) + 2
        lone = rows - nb * RB * (rows // Ro)
        return float(tiles) * (nb * (rows // Ro) * (1 + 3) + lone * (1 + passes))
    return float(items) * (1 + passes)
