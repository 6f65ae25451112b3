"""Measured constants that steer convkit's engines and dispatcher, each with its provenance.

Every constant here was measured, not derived. Each entry says what it is,
on which machine it was measured and the command that measures it again.
Constants that follow the CPU the code runs on (vector width, registers,
caches, cores) are computed at run time from the CPU (see the engines); what
is left here is the fallback or the part that did not vary between the
machines measured. Machines named below:

* ``epyc-zen5-2c``: 2-core AMD EPYC (Zen 5), AVX-512, the first version's
  reference machine.
* ``epyc-avx2-2c``: 2-core AMD EPYC with AVX2 and no AVX-512 (CI and the
  developers' machine from 2026-12-04).
* ``xeon-16c``: 16-core Intel Xeon, AVX-512, 300 MiB L3 (``../shared/scaling``).
"""

from __future__ import annotations

# --- dispatcher --------------------------------------------------------------

# --- direct engine -----------------------------------------------------------

# Floating-point contraction policy of every direct kernel (Numba ``fastmath``
# flags): ``contract`` lets LLVM fuse a*b+c into one FMA, which is what makes the
# unrolled tap loops run at the FMA rate; ``reassoc`` or full fastmath are never
# used, so the summation order (and the bits) is the written one.
DIRECT_FASTMATH = frozenset({"contract"})

# Register-blocked 2-D kernels for square k x k kernels: k -> (output rows per
# block, tap-column groups or None for one group). Measured on 2048^2 float64
# 'same' (epyc-zen5-2c, 32 zmm registers): wider blocks or other groupings
# spilled and ran up to 2x slower. The kernels are generated from this table
# (``python tools/gen_direct_kernels.py`` after changing it; a test fails while
# the committed kernels are stale).
DIRECT_ROW_BLOCKS = {3: (8, None), 5: (4, ((0, 3), (3, 5))), 7: (2, None)}

# Output bytes per tile of the tiled loop (epyc-zen5-2c, 48 KiB L1d, 2 MiB L2:
# tiles sized so all the signal rows of a tile stay in L1 lost more to the
# ~50-70 ns fixed cost of each pass than they gained).
DIRECT_TILE_BYTES = 16384

# Fixed cost of one tile item or one kernel pass in multiply-add equivalents
# (~64 ns, ~1300 multiply-adds at the loop's peak rate; fitted on 2-D float64
# calls 32^2..1024^2 x 3..25, 'full' and 'same', epyc-zen5-2c).
DIRECT_ITEM_MACS = 1300.0

# Below this many multiply-adds a call stays on one thread (epyc-zen5-2c).
DIRECT_PAR_MIN_WORK = 1 << 17

# Complex 1-D calls up to this many multiply-adds take the plain loop with
# native complex products: splitting into three real products costs ~20 us,
# repaid beyond ~2.7e5 (N=2000, K=5: 5.7 us vs 25 us; epyc-zen5-2c).
DIRECT_SMALL_1D_COMPLEX = 1 << 18

# --- FFT engines -------------------------------------------------------------
