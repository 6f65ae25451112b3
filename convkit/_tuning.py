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

# 1-D direct calls run numpy.convolve (scipy's own 1-D direct path) instead of
# the Numba engine where numpy is faster: numpy's loop has no set-up cost and
# a fast path for short kernels, but is 2-6x slower than the register-blocked
# engine on long signals with kernels of 16 taps or more. Measured with
# side-by-side timings (interleaved, medians) of numpy.convolve against the engine
# on epyc-avx2-2c, float32 and float64 alike:
#   N=1e5: K<=4 numpy faster (97 vs 138 us at K=4), K=8 engine faster (186 vs 125 us);
#   N=1e4: K<=8 numpy faster (24 vs 60 us), K=16 engine faster (119 vs 84 us);
#   N<=1000: numpy faster for every K up to 128 (33 vs 57 us).
NUMPY_1D_ALWAYS_TAPS = 4            # shorter operand at most this long: numpy
NUMPY_1D_SHORT_TAPS = 8             # ... at most this long and at most
NUMPY_1D_SHORT_MAX_OUTPUTS = 20_000  # this many outputs kept: numpy
NUMPY_1D_MAX_OUTPUTS = 3_000        # at most this many outputs kept: numpy whatever the taps
                                    # ('valid' of nearly equal lengths: 7 outputs of 8833 taps
                                    # took 19 us in numpy, 390 us in the engine)
# method='auto' takes that numpy path without validation only up to this many
# taps: below it no transform beats direct convolution (regret grid, 1-D cells).
NUMPY_1D_AUTO_MAX_TAPS = 32

# --- direct engine -----------------------------------------------------------

# Floating-point contraction policy of every direct kernel (Numba ``fastmath``
# flags): ``contract`` lets LLVM fuse a*b+c into one FMA, which is what makes the
# unrolled tap loops run at the FMA rate; ``reassoc`` or full fastmath are never
# used, so the summation order (and the bits) is the written one.
DIRECT_FASTMATH = frozenset({"contract"})

# Register blocking of the generated kernels, keyed by the CPU's vector register count
# (``convkit._engines.direct._cpu.registers()``: 32 with AVX-512F, else 16). The kernels
# are generated from the union of these tables (``python tools/gen_direct_kernels.py``
# after changing them; a test fails while the committed kernels are stale).
#
# Taps per pass of the row and pooled kernels:
#   32: epyc-zen5-2c (AVX-512, 32 zmm), kept from the first version: 16 taps, the most
#       one pass takes (one general-purpose register per pointer of a pooled pass).
#   16: also 16 taps: 8 (8 coefficients + sum + load fit in 16 ymm) ran 0-10% slower, none
#       faster: 1-D 1e6 K=16/64/256 1.09/1.05/1.00x, 2-D 2048^2 k=4/9/15 1.10/1.05/1.05x
#       (epyc-zen4-2c: a 2-core AMD EPYC Zen 4, AVX-512 hardware, with Numba compiling for
#       AVX2: NUMBA_CPU_NAME=znver3 NUMBA_CPU_FEATURES=<the host's features without avx512*>;
#       python tools/ab_direct_taps.py 8,16 7).
DIRECT_MAX_TAPS = {32: 16, 16: 16}

# Register-blocked 2-D kernels for square k x k kernels: k -> (output rows per block,
# tap-column groups or None for one group).
#   32: measured on 2048^2 float64 'same' (epyc-zen5-2c, 32 zmm registers): wider
#       blocks or other groupings spilled and ran up to 2x slower.
#   16: AVX2 (16 ymm), epyc-zen4-2c compiling for AVX2 as above, 2048^2 float64 'same',
#       shares of the 1-thread dgemm peak against the 32-register blocking:
#       k=3: 4 rows 21.9% vs 8 rows 17.8%; k=5: 4 rows in groups of 2, 2, 1 taps 39.2% vs
#       groups of 3, 2 36.5%; k=7: 2 rows in groups of 4, 3 taps 37.0% vs one group 32.9%
#       (the 32-register shapes spill on 16). Command (9 reps, machine loaded by others):
#       python tools/ab_direct_blocks.py 5 "4:3-2;4:2-2-1" 9  (with the AVX2 variables).
#       Row blocks for k=15 (2-4 rows, groups of 2-5) ran 1.6-2.6x slower than the row passes.
DIRECT_ROW_BLOCKS = {
    32: {3: (8, None), 5: (4, ((0, 3), (3, 5))), 7: (2, None)},
    16: {3: (4, None), 5: (4, ((0, 2), (2, 4), (4, 5))), 7: (2, ((0, 4), (4, 7)))},
}

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

#: Elementwise passes (copies, spectrum products) over at least this many elements are
#: cut into chunks of about this size, with boundaries fixed by the array's shape alone
#: (threads take whole chunks, so ``workers`` never changes the arithmetic). Inherited
#: from the first version's ``fft._SPLIT_MIN`` (epyc-zen5-2c: below it a thread hand-off
#: cost more than the pass); ``benchmarks/scripts/measure_fft_targets.py threads``.
FFT_CHUNK_MIN = 1 << 16
#: The two operands' forward transforms run on two threads when both operands have at
#: least this many elements (first version's ``min(a.size, b.size) >= 4096``,
#: epyc-zen5-2c; same script).
FFT_PAR_OPERANDS_MIN = 4096
#: With the ``CONVKIT_FFTW_THREADS`` opt-in, transforms of at least this many points get
#: FFTW's own threads (first version's ``fft.THREAD_MIN``, epyc-zen5-2c).
FFTW_THREAD_MIN = 1 << 17
#: Transform buffers of at most this many points are out of place (a separate input/output
#: buffer beside the spectrum): FFTW plans those 1.1-3x faster (first call of fftconvolve
#: 16000 x 1066: 6.0 -> 1.8 ms of CPU), while above it the extra buffer costs 5-23% of
#: steady-state time (60000 x 4000: 1.05x, 500000 x 33333: 1.23x). 2-core AMD EPYC
#: (lscpu: family 25 model 17, AVX2 + AVX-512): ``convolve_whole`` with either buffer
#: layout in one process, shuffled rounds, thread CPU time (spectral branch, Dec 2026).
FFT_SEPARATE_MAX = 1 << 16
