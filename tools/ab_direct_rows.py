"""Same-process A/B of the row kernels' blocking: taps per pass x output vectors per iteration.

    python tools/ab_direct_rows.py TAPS,TAPS,... R,R,... [REPS]
    (cells: KS=16,64,256 for 1-D N=1e6, KK=9,15 for 2-D 2048^2 k x k, 'same', DT=float64;
    an empty KS or KK skips those cells; TILES=16384,4096,..: also try these
    ``_tuning.DIRECT_TILE_BYTES``, every one with every (taps, R); an ``R`` written
    ``RxL`` runs kernels of ``L`` lanes, e.g. ``3x8``: 8-lane (ymm) float32 kernels on AVX-512;
    LONG=none;32:12:3: also try these ``_tuning.DIRECT_ROW_LONG`` entries (rows from 32 taps in
    passes of at most 12, kernels of at most 12 taps with R=3), every one with every (taps, R);
    default none: the (taps, R) under test applies to every row)

Row kernels of every ``R`` are generated with ``tools/gen_direct_kernels.py``'s
``row_taps_shared`` into a scratch module, then each (taps, R) runs in turn
(this CPU's ``DIRECT_ROW_KERNELS`` entry replaced; R = 0: the plain kernels),
shuffled per repetition, this thread's CPU time, medians, as shares
of the 1-thread matmul peak of ``DT`` (dgemm, sgemm) measured in the same run. For the 16-register
(AVX2) entries on an AVX-512 machine set Numba's ``NUMBA_CPU_NAME``/``NUMBA_CPU_FEATURES``
(see ``tools/ab_direct_blocks.py``).
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tools"))
import numpy as np  # noqa: E402
from _ab_kernels import generator, install, medians_and_peak  # noqa: E402

from convkit import _tuning  # noqa: E402
from convkit._engines import direct as D  # noqa: E402
from convkit._engines.direct import _compiled, _cpu, _tiling  # noqa: E402


def main():
    mts = [int(v) for v in sys.argv[1].split(",")]
    Rs = [tuple(int(p) for p in v.split("x")) for v in sys.argv[2].split(",")]   # (R,) or (R, kernel lanes)
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    gen = generator()
    names = {(n, lanes, R[0]) for R in Rs if R[0] for lanes in (R[1:] or _tiling.ROW_LANES)
             for n in range(1, _tiling.MAX_TAPS + 1)}
    kernels = {(n, lanes, R): _tiling.row_taps_name(n, lanes, R) for n, lanes, R in names}
    install("rows", {name: gen.row_taps_shared(*key, name) for key, name in kernels.items()})
    regs = _cpu.registers()
    tiles = [int(v) for v in os.environ.get("TILES", str(_tuning.DIRECT_TILE_BYTES)).split(",")]
    longs = [None if v == "none" else tuple(int(p) for p in v.split(":"))
             for v in os.environ.get("LONG", "none").split(";")]
    # the long entries' R kernels, at every lane count the (taps, R) ones have
    extra = {(n, lanes, lg[2]) for lg in longs if lg is not None
             for lanes in ({k[1] for k in names} or _tiling.ROW_LANES) for n in range(1, _tiling.MAX_TAPS + 1)}
    if extra:
        install("long", {_tiling.row_taps_name(*key): gen.row_taps_shared(*key, _tiling.row_taps_name(*key))
                         for key in extra})
    rng = np.random.default_rng(0)
    dt = np.dtype(os.environ.get("DT", "float64"))
    cells = []
    for K in (int(v) for v in os.environ.get("KS", "16,64,256").split(",") if v):
        x, h = rng.standard_normal(10**6).astype(dt), rng.standard_normal(K).astype(dt)
        cells.append((f"1-D 1e6 K={K}", x, h, (0,), x.shape, ((K - 1) // 2,), 2 * x.size * K))
    X = rng.standard_normal((2048, 2048)).astype(dt)
    for k in (int(v) for v in os.environ.get("KK", "9,15").split(",") if v):
        h = rng.standard_normal((k, k)).astype(dt)
        cells.append((f"2-D 2048^2 k={k}", X, h, (0, 1), X.shape, (k // 2, k // 2), 2 * X.size * k * k))

    print(f"{regs} vector registers, {_cpu.vector_bytes()}-byte vectors, {dt}, {reps} reps "
          f"(shares of the {dt} matmul peak)")
    for name, x, h, axes, shape, start, flops in cells:
        lanes = _cpu.vector_bytes() // dt.itemsize

        def run(mt, R, tile, lg, x=x, h=h, axes=axes, shape=shape, start=start, lanes=lanes):
            _tuning.DIRECT_ROW_KERNELS[regs] = {**_tuning.DIRECT_ROW_KERNELS[regs], lanes: (mt, *R)}
            _tuning.DIRECT_ROW_LONG[regs] = {} if lg is None else {lanes: lg}
            _tuning.DIRECT_TILE_BYTES = tile
            _compiled._tables.clear()   # the address tables hold the previous row kernels
            _tiling._kernels.cache_clear()
            return D.convolve(x, h, axes, shape, start)
        fns = {(mt, R, tile, lg): (lambda mt=mt, R=R, tile=tile, lg=lg: run(mt, R, tile, lg))
               for mt in mts for R in Rs for tile in tiles for lg in longs}
        med, peak = medians_and_peak(fns, reps, dt)
        _tuning.DIRECT_TILE_BYTES = tiles[0]
        print(f"{name}: " + ", ".join(f"{c[0]} taps R={'x'.join(map(str, c[1]))}"
                                      + (f" tile {c[2]}" if len(tiles) > 1 else "")
                                      + (f" long {':'.join(map(str, c[3])) if c[3] else 'none'}"
                                         if len(longs) > 1 else "")
                                      + f" {flops / t / peak:.1%}" for c, t in med.items()))

if __name__ == "__main__":
    main()
