"""How the direct engine cuts a call into work: tiles, row blocks, thread chunks, and the kernels they use.

Pure Python and numpy (no Numba): the cost model, the readiness check and the
drivers' callers all share these decisions.
"""

from __future__ import annotations

import functools

import numpy as np

from ... import _tuning
from . import _cpu

# kernel kinds: rows of the address table the drivers receive (``_compiled.kernel_table``)
ROW, POOLED, COLUMN, BLOCK = 0, 1, 2, 3
# Kernel rows at least this wide run as single-row passes of consecutive taps (one base
# pointer); narrower rows are pooled across kernel rows (one pointer per tap).
WIDE = 5
# Most taps per pass (the kernel tables' width), and the taps of every pooled pass: one
# general-purpose register per pointer of a pooled pass (x86-64 has 16). Row passes take
# at most ``row_taps(itemsize, kw)``.
MAX_TAPS = 16
# Vector lanes the shared-load row kernels are generated for (4/8/16 elements per register).
ROW_LANES = (4, 8, 16)
# Row passes of fewer taps than this run the plain kernels where the CPU's entry names kernels
# narrower than the register (float32 on AVX-512: 8 lanes of 16): for passes of 1..6 taps LLVM
# vectorises those kernels' outer loop 16 wide, with gathers (1-D 1e6 x 5 float32: 3.1% of the
# sgemm peak against the plain kernels' 13.6%; 2-D 2048^2 6x6: 20.6% against 33.9%); with so
# few taps a signal vector feeds no second output vector anyway. epyc-zen4-2c, 2026-12-07:
# DT=float32 KS=5,8,11,13 KK=6,11 python tools/ab_direct_rows.py 16 0,2x8 9
NARROW_MIN_TAPS = 7
# Column kernels (kw == 1, 2-D) with at least this many taps run by blocks of four output rows.
COLUMN_MIN_TAPS = 11
COLUMN_TILE_BYTES = 16384


def prod(t) -> int:
    p = 1
    for v in t:
        p *= int(v)
    return p


def _entries(itemsize: int) -> tuple:
    """(register lanes, ``DIRECT_ROW_KERNELS`` entry, ``DIRECT_ROW_LONG`` entry or None) of this CPU."""
    lanes = _cpu.vector_bytes() // itemsize
    regs = _cpu.registers()
    entry = _tuning.DIRECT_ROW_KERNELS.get(regs, {}).get(lanes, (MAX_TAPS, 0))
    return lanes, entry, _tuning.DIRECT_ROW_LONG.get(regs, {}).get(lanes)


def row_blocking(itemsize: int, n: int) -> tuple:
    """(lanes, output vectors per iteration) of this CPU's row kernel of ``n`` taps for
    ``itemsize``-byte elements (vectors 0: the plain kernel).

    ``lanes`` is the width of the kernel's vectors: a register's elements, or fewer where the
    ``DIRECT_ROW_KERNELS`` entry names narrower kernels (float32 on AVX-512 runs 8-lane ones).
    A kernel of at most ``DIRECT_ROW_LONG``'s taps per pass takes that entry's vectors."""
    lanes, entry, long = _entries(itemsize)
    R = long[2] if long is not None and n <= long[1] else entry[1]
    lanes = entry[2] if len(entry) > 2 else lanes
    return lanes, (R if lanes in ROW_LANES else 0)


def row_taps(itemsize: int, kw: int = 0) -> int:
    """Most taps per pass of a kernel row of ``kw`` taps on this CPU for ``itemsize``-byte
    elements (``DIRECT_ROW_KERNELS``, or ``DIRECT_ROW_LONG`` for long rows); ``kw`` 0: the most
    any row takes (the tap counts a warm-up compiles)."""
    _, entry, long = _entries(itemsize)
    taps = entry[0]
    if long is not None and not kw:
        taps = max(taps, long[1])
    elif long is not None and kw >= long[0]:
        taps = long[1]
    return min(taps, MAX_TAPS)


def row_blocks() -> dict:
    """k -> (output rows per block, tap-column groups) of this CPU (``_tuning.DIRECT_ROW_BLOCKS``)."""
    return _tuning.DIRECT_ROW_BLOCKS[_cpu.registers()]


def row_block_name(k: int, rows: int, groups) -> str:
    """Name of the generated row-block kernel (``tools/gen_direct_kernels.py`` writes these)."""
    name = f"row_block_{rows}x{k}"
    return name + "_g" + "_".join(str(t1 - t0) for t0, t1 in groups) if groups else name


def row_taps_name(n: int, lanes: int, R: int) -> str:
    """Name of the generated row kernel of ``n`` taps (``tools/gen_direct_kernels.py`` writes these)."""
    return f"row_taps_{n}_v{lanes}r{R}" if R else f"row_taps_{n}"


def kernel_name(kind: int, n: int, dtype, needed=frozenset()) -> str:
    """Name of kernel (kind, n) of ``dtype`` on this CPU (n = 0: the generic one of its kind, in ``_compiled``).

    Row kernels of a row-blocked call (``needed`` holds a BLOCK kernel) are the plain ones:
    they run only the few rows outside the blocks, and compile in a fraction of the time;
    so are passes of fewer than ``NARROW_MIN_TAPS`` taps on narrower-than-register entries.
    """
    if kind == ROW:
        if not n:
            return "row_taps_any"
        itemsize = np.dtype(dtype).itemsize
        lanes, R = row_blocking(itemsize, n)
        narrow = lanes * itemsize < _cpu.vector_bytes()
        plain = any(k == BLOCK for k, _ in needed) or (narrow and n < NARROW_MIN_TAPS)
        return row_taps_name(n, 0, 0) if plain else row_taps_name(n, lanes, R)
    if kind == POOLED:
        return f"pooled_taps_{n}" if n else "pooled_taps_any"
    if kind == COLUMN:
        return "column_taps_4x8"
    return row_block_name(n, *row_blocks()[n])


def tile_width(L: int, itemsize: int, one_axis: bool) -> int:
    """Output columns per tile: ``DIRECT_TILE_BYTES`` of output.

    On a single long convolution axis tiles grow up to 8x while every thread
    keeps 16 or more: a 1-D tile is one pass for a short kernel, so its fixed
    cost and the restart of the hardware prefetchers weigh more.
    """
    T = max(128, _tuning.DIRECT_TILE_BYTES // itemsize)
    if one_axis:
        T = max(T, min(8 * T, L // 32))
    return T


@functools.lru_cache(maxsize=1024)
def tile_bounds(L: int, W: int, kw: int, s_last: int, T: int, split: bool = False, rows: int = 1) -> np.ndarray:
    """Tile boundaries on the last axis: edge tiles apart from interior ones.

    Output column c reads signal columns c + s_last .. c + s_last + kw - 1; it
    is interior when all of them are inside ``0 .. W - 1``. Rows of at most
    half a float64 tile (``DIRECT_TILE_BYTES / 16`` columns, whatever the dtype) are
    one tile (three thin items cost more than copying the row to scratch), unless
    ``split`` (the row-blocked path); with ``rows`` (kernel rows) of 2 or more, at most
    a quarter (an edge row copies every kernel row). The bound is in columns because the
    copy costs per column and kernel row: with T / 2 of float32, 2-D 2048^2 float32 rows
    were one tile, and 9x9 / 15x15 ran 1.25x / 1.22x slower than split (copying 15 rows of
    2062 columns per output row took a fifth of the call; epyc-zen4-2c, 2026-12-07:
    ``python tools/ab_direct_tiles.py 7 2048x2048:15x15:float32 ...``). Split against one
    tile, 513-1024 columns (2026-12-08, 15 reps): kernels of 2-15 rows 0.84-0.98x
    (1024^2 9x9 float64 0.88, 13x13 float32 0.84, 2x9 0.95, 3x9 0.91; 640^2 3x5 1.00,
    6x6 float32 1.03), one row 1.10-1.13x (800^2 1x9) so it keeps 1024; 400-512 columns
    0.93-1.07x, under 300 columns 1.07-1.49x. ``python tools/ab_direct_tiles.py 15
    1024x1024:9x9:float64 640x640:3x5:float64 800x800:1x9:float64 400x400:9x9:float64 ...``

    Memoised (building the array took 2.4 of a 1e4 x 16 call's 35 us): the
    array is shared by every call of these lengths, so nothing may write to it.
    It stays writeable because the drivers are compiled for writeable arrays.
    """
    if L <= min(T, _tuning.DIRECT_TILE_BYTES // 8) // (2 if rows < 2 else 4) and not split:
        return np.array([0, L], np.intp)
    cl = min(L, max(0, -s_last))
    cr = max(cl, min(L, W - kw + 1 - s_last))
    # widen edge tiles to whole vectors so they run vectorised too
    if cl > 0:
        cl = min(L, -(-cl // 16) * 16)
    if cr < L:
        cr = max(cl, L - (-(-(L - cr) // 16) * 16))
    b = []
    for lo, hi in ((0, cl), (cl, cr), (cr, L)):
        if hi > lo:
            nt = -(-(hi - lo) // T)
            step = -(-(hi - lo) // nt)   # equal tiles, so no tile is tiny
            b.extend(range(lo, hi, step))
    b.append(L)
    return np.array(b, np.intp)


def block_plan(x_shape, h_shape, out_shape, nlead: int, s0: int):
    """Row blocking of a 2-D call with a square kernel in ``DIRECT_ROW_BLOCKS``:
    (rows per block, first blocked output row, number of blocks), or None.

    Shapes are the (batch, rows, width) views of signal, reversed kernel and output.
    """
    k = h_shape[2]
    blocks = row_blocks()
    if nlead != 1 or h_shape[1] != k or k not in blocks:
        return None
    RB = blocks[k][0]
    H = x_shape[1]
    Ro = out_shape[1]
    # output row o reads signal rows o + s0 .. o + s0 + k - 1
    oa = min(Ro, max(0, -s0))
    ob = min(Ro, H - k + 1 - s0)
    nblk = (ob - oa) // RB if ob > oa else 0
    if nblk == 0:
        return None
    return RB, oa, nblk


def block_chunks(tb, R, Ro, k, RB, oa, nblk, umaj, nchunks) -> np.ndarray:
    """Item boundaries of ``nchunks`` chunks of row-blocked items of about equal work."""
    n = np.diff(tb).astype(np.float64)
    U = Ro - nblk * (RB - 1)
    rows = np.ones(U)
    rows[oa:oa + nblk] = RB
    # per item: multiply-adds plus the fixed cost of an item
    c1 = ((np.outer(rows, n) if umaj else np.outer(n, rows)) * (k * k) + _tuning.DIRECT_ITEM_MACS).ravel()
    per_r = c1.shape[0]
    cum = np.concatenate(([0.0], np.cumsum(c1)))
    C = cum[-1]
    tgt = np.arange(1, nchunks) * (C * R / nchunks)
    rr = np.minimum(tgt // C, R - 1)
    idx = np.searchsorted(cum, tgt - rr * C)
    b = np.concatenate(([0], (rr.astype(np.int64) * per_r + idx), [R * per_r]))
    b = np.minimum(np.maximum.accumulate(b), R * per_r)
    return b.astype(np.intp)


def is_column(kh: int, kw: int, nlead: int, hlead0: int) -> bool:
    """Whether a call runs the column driver (one kernel column, one leading axis, kh >= 11)."""
    return kw == 1 and nlead == 1 and kh >= COLUMN_MIN_TAPS and hlead0 == kh


def _split(total: int, mt: int) -> set:
    """Tap counts of the balanced passes (at most ``mt`` each) over ``total`` taps."""
    npass = -(-total // mt)
    return {total // npass, -(-total // npass)}


@functools.lru_cache(maxsize=1024)
def _pooled_counts(kw: int, rows: int) -> frozenset:
    """Pooled pass counts for any number 1..rows of valid kernel rows of kw taps."""
    out = set()
    for v in range(1, rows + 1):
        out |= _split(kw * v, MAX_TAPS)
    return frozenset(out)


def kernels(kh: int, kw: int, nlead: int, hlead0: int, block_k: int, itemsize: int) -> frozenset:
    """The (kind, count) kernels a call with reversed kernel rows (kh rows of kw taps) of
    ``itemsize``-byte elements runs on this CPU.

    ``block_k``: the row-blocked kernel size, or 0. A superset where it
    cannot be exact (edge rows of pooled passes see fewer kernel rows).
    """
    return _kernels(kh, kw, nlead, hlead0, block_k, row_taps(itemsize, kw))


@functools.lru_cache(maxsize=1024)
def _kernels(kh: int, kw: int, nlead: int, hlead0: int, block_k: int, mt: int) -> frozenset:
    if is_column(kh, kw, nlead, hlead0):
        return frozenset({(COLUMN, 0)} | {(POOLED, c) for c in _pooled_counts(1, kh)})
    need = {(BLOCK, block_k)} if block_k else set()
    if kw >= WIDE:
        need |= {(ROW, c) for c in _split(kw, mt)}
    else:
        need |= {(POOLED, c) for c in _pooled_counts(kw, kh)}
    return frozenset(need)
