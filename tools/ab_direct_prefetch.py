"""Same-process A/B of the tiled driver's prefetch of the next item on 1-D calls.

    python tools/ab_direct_prefetch.py [REPS]
    (cells: KS=16,64,256 for 1-D N=1e6 'same', BK=16,64 for 256 rows of 4096 along the
    last axis 'same' (batched 1-D: short tiles), KK= for 2-D 2048^2 k x k 'same' (none by
    default; k = 9, 11, 13, 15 .. run the row passes of ``tiles``), DT=float64)

Variants of ``convkit._engines.direct._drivers.tiles`` are compiled from the
driver's own source with one edit each, written to a scratch module, and put
in place of ``_drivers.tiles`` in turn (shuffled per repetition, this thread's
CPU time, medians, shares of the 1-thread dgemm peak measured in the same
run): ``committed`` (the driver as it is: 1-D calls, with no leading axis,
prefetch nothing), ``whole`` (1-D: prefetch the next tile's output and signal,
as 2-D calls do and 1-D calls did before) and ``page`` (1-D: only the first
4 KiB of both), and ``off`` (no prefetch on any call, 2-D included). For the 16-register (AVX2)
tables on an AVX-512 machine set ``NUMBA_CPU_NAME``/``NUMBA_CPU_FEATURES``
(see ``tools/ab_direct_blocks.py``).
"""
import importlib.util
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tools"))
import numpy as np  # noqa: E402
from _ab_kernels import medians_and_peak  # noqa: E402

from convkit._engines import direct as D  # noqa: E402
from convkit._engines.direct import _cpu, _drivers  # noqa: E402

PKG = "convkit._engines.direct"
# the committed prefetch block of ``tiles`` and its variants' replacements
OLD_IF = "        if item + 1 < it1 and nlead > 0:\n"
OLD_ROW = ("            if nlead == 1:\n"
           "                q2 = orow2 + slead[0] + hlead[0] - 1\n")
NEW_ROW = ("            if nlead <= 1:\n"
           "                q2 = orow2 + slead[0] + hlead[0] - 1 if nlead == 1 else 0\n")
OLD_SPAN = "            cb = tb[tile2 + 1]\n"
WHOLE = [(OLD_IF, "        if item + 1 < it1:\n"), (OLD_ROW, NEW_ROW)]
EDITS = {
    "committed": [],
    "whole": WHOLE,
    "page": WHOLE + [(OLD_SPAN, "            cb = tb[tile2 + 1] if nlead > 0 else "
                                "min(tb[tile2 + 1], ca + 4096 // x.itemsize)\n")],
    "off": [(OLD_IF, "        if False:\n")],
}


def variant(name, edits):
    """``tiles`` compiled from the driver's source with ``edits`` ((old, new) pairs, each found once)."""
    with open(_drivers.__file__) as f:
        src = f.read()
    for old, new in edits:
        assert src.count(old) == 1, old
        src = src.replace(old, new)
    path = os.path.join(tempfile.mkdtemp(), f"_drivers_{name}.py")
    with open(path, "w") as f:
        f.write(src)
    spec = importlib.util.spec_from_file_location(f"{PKG}._drivers_{name}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.tiles


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    variants = {name: variant(name, edits) for name, edits in EDITS.items()}
    rng = np.random.default_rng(0)
    dt = np.dtype(os.environ.get("DT", "float64"))
    print(f"{_cpu.registers()} vector registers, {_cpu.vector_bytes()}-byte vectors, {dt}, {reps} reps "
          "(shares of the float64 peak)")
    cells = [(f"1-D 1e6 K={K}", (10**6,), K) for K in os.environ.get("KS", "16,64,256").split(",") if K]
    cells += [(f"256 x 4096 K={K}", (256, 4096), K) for K in os.environ.get("BK", "16,64").split(",") if K]
    cells += [(f"2-D 2048^2 k={k}", (2048, 2048), k) for k in os.environ.get("KK", "").split(",") if k]
    for name, shape, K in cells:
        K = int(K)
        two_d = name.startswith("2-D")
        x = rng.standard_normal(shape).astype(dt)
        h = rng.standard_normal((K, K) if two_d else (1,) * (len(shape) - 1) + (K,)).astype(dt)
        axes = (0, 1) if two_d else (x.ndim - 1,)
        start = tuple((n - 1) // 2 if d in axes else 0 for d, n in enumerate(h.shape))

        def run(tiles, x=x, h=h, axes=axes, start=start):
            _drivers.tiles = tiles
            return D.convolve(x, h, axes, x.shape, start)
        fns = {v: (lambda t=t: run(t)) for v, t in variants.items()}
        med, peak = medians_and_peak(fns, reps)
        print(f"{name}: " + ", ".join(f"{v} {2 * h.size * x.size / t / peak:.1%}" for v, t in med.items()))


if __name__ == "__main__":
    main()
