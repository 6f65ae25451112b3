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
* ``epyc-zen4-2c``: 2-core AMD EPYC (lscpu: family 25 model 17, Zen 4), AVX-512; the
  developers' machine of 2026-12-07 (AVX2 figures there: Numba compiling for AVX2).
"""

from __future__ import annotations

# --- dispatcher --------------------------------------------------------------

# Small calls run one of three loops without the tiled engine's set-up: numpy's
# correlate (scipy's own 1-D direct path), and the direct engine's plain loops
# ``small_1d`` and ``small_2d``. The executor picks by predicted time,
# ``call + outputs * per_output + multiply_adds * per_multiply_add`` (models in
# ``convkit._dispatch``), against the general path's predictions, so no size bound
# makes a cliff.
PROVENANCE_SMALL_CALLS = (
    "Fitted by non-negative least squares on relative error over CPU times of the bare loops, "
    "on epyc-zen4-2c (2026-12-07, loaded machine): python benchmarks/scripts/cliffs.py --costs")
#: numpy's correlate runs an unrolled loop for kernels up to this many taps, where a BLAS dot
#: per output takes over (numpy 2.4.6; 20000 float64 samples x 11 taps: 55.9 us, x 12: 158.5 us,
#: the biggest step of 4..20 taps). epyc-zen4-2c, 2026-12-07, thread CPU time, medians of 5
#: interleaved rounds: python tools/measure_tunables.py numpy-short-taps
NUMPY_1D_SHORT_KERNEL_TAPS = 11
#: numpy's correlate per call; see PROVENANCE_SMALL_CALLS.
NUMPY_1D_CALL_S = 3.2e-7
#: (per output, per multiply-add) seconds by class: float with a short kernel, float64
#: and float32 with a longer one (a BLAS dot per output), complex (a BLAS call per output),
#: integers (a plain loop). See PROVENANCE_SMALL_CALLS; the two long-kernel classes were
#: refitted apart on the same machine (2026-12-07, quiet) with the grid's taps up to 16384
#: (before: one class, 6.53e-11 s per multiply-add, where a float64 dot of 3000-10000 taps
#: takes 0.15 ns per multiply-add and a float32 one 0.07 ns); the other classes' refit
#: moved them by under 15% and was not taken.
NUMPY_1D_TERMS = {"f-short": (1.77e-10, 1.44e-10), "f-long": (6.2e-9, 1.04e-10), "f32-long": (6.6e-9, 4.6e-11),
                  "c": (1.8e-8, 2.37e-10), "i": (9.81e-10, 5.28e-10)}
#: Kernels of more than NUMPY_1D_REVERSED_VIEW_TAPS taps reach numpy's correlate as the reversed view
#: ``b[::-1]``, which it copies before its loop (shorter ones are gathered by a stored index,
#: ``_execute.reversal``; the gather is slower on long kernels: 5865 x 5861 'valid' 10.9 us against 7.7).
#: NUMPY_1D_REVERSED_KERNEL_TERMS is what the copy adds to NUMPY_1D_TERMS' prediction (fitted on a
#: contiguous kernel): (call, per tap) seconds. Without it numpy's correlate on 'valid' calls of
#: 64..30000 taps and 1..64 outputs was predicted at a median 0.50-0.53x of measured (with it 0.81-0.91x;
#: the copy of a 5861-tap float64 kernel: 2.1 us of 6.6). Relative NNLS of measured minus predicted over
#: that grid, float64 (3.1e-7, 4.4e-10), float32 (2.8e-7, 4.0e-10); epyc-zen4-2c, 2026-12-07, load average
#: 3-4, thread CPU, one BLAS thread: python benchmarks/scripts/cliffs.py --dots (its numpy column)
NUMPY_1D_REVERSED_KERNEL_TERMS = (3.0e-7, 4.2e-10)
NUMPY_1D_REVERSED_VIEW_TAPS = 256
#: small_1d and small_2d: (call, per output, per multiply-add) seconds by kind
#: (f: float64 fit, float32 within 10%; c: complex128). See PROVENANCE_SMALL_CALLS.
SMALL_1D_TERMS = {"f": (1.65e-6, 3.14e-9, 1.93e-10), "c": (1.64e-6, 1.53e-9, 4.0e-10)}
SMALL_2D_TERMS = {"f": (1.78e-6, 6.1e-9, 1.07e-9), "c": (2.3e-6, 5.69e-9, 1.63e-9)}
#: What one product of a partial output (the ramps of 'full' and 'same': the output overlaps part of
#: the shorter input) costs the plain 1-D loop, by kind, in place of ``SMALL_1D_TERMS``' per
#: multiply-add: its bounds-checked inner loop runs several times slower there. Without it the
#: model charged those outputs as full ones at the interior rate, and 340 x 332 int32 'full' took the
#: float64 plain loop (predicted 50 us) at 129 us against numpy.convolve's 73 us (1.79x). See the
#: command for the cells (kernels 30..1000 taps, signals 1..3x as long), median over 24 cells a kind
#: (float64 0.95-1.09 ns for kernels of 300+ taps, complex128 0.40-1.95 ns).
#: epyc-zen4-2c, 2026-12-07, thread CPU time, loaded machine:
#: python tools/measure_tunables.py small-1d-edges
SMALL_1D_EDGE_PAIR_S = {"f": 9.7e-10, "c": 1.1e-9}
#: Near-ties between numpy's 1-D loop and the direct engine go to numpy: the engine runs only where
#: predicted faster than numpy's predicted time times (1 - this margin). The two predictions are
#: each within about 15% of measured, so a pick by bare predictions lands on the slower loop in
#: near-ties, and "never slower than numpy" is the bar (issue 13); the margin trades a mean 1-4%
#: over the faster loop for no pick more than 5% slower than numpy. 240 1-D cells (float32/float64,
#: N 1e4..1e6, K 1..16, every mode), two runs: margin 0: 3 and 3 picks over 1.05x numpy (worst
#: 1.47x, 1.26x); 0.05: 0 and 1 (1.05x); 0.1 and 0.15: 0 and 0 (mean over the faster 1.024-1.041
#: against 1.019-1.022 at 0); 0.3: mean 1.07-1.10. 0.15, not 0.1: cliffs.py's 71577 x 6 float32
#: 'valid' (engine predicted 66 us, numpy 75 us) ran the engine at 1.21-1.39x numpy in three runs.
#: A third --near-ties run (12:13 UTC, merged main): margin 0: 4 picks over 1.05x numpy (worst
#: 1.41x); 0.15: 1 (1.07x), mean over the faster 1.040; 0.2: 0, mean 1.040.
#: Tried at 0.05 (13:50 UTC, main e77141d, with CONVKIT_COMPILE=wait: the earlier runs could time
#: the engine's plain loop while its kernels compiled in the background): margin 0: 3 picks over
#: 1.05x numpy (worst 1.18x), 20 more than 5% slower than the faster, mean over the faster 1.030;
#: 0.05: 1 (1.07x), 21, 1.035; 0.1: 0, 28, 1.056; 0.15: 0, 31, 1.062. But in two full cliffs.py
#: runs (load average 6-8) the three cells of the sample that 0.05 moves to the engine ran at
#: 0.65-0.82x (83 x 5043 float32 'full'), 0.95-1.36x (71577 x 6 float32 'valid') and 1.05-1.60x
#: (205254 x 4 float64 'same') numpy's time: the engine's time on those calls varies more with the
#: load than numpy's loop does. Kept at 0.15. epyc-zen4-2c, 2026-12-07, thread CPU time, loaded
#: machine: CONVKIT_COMPILE=wait python benchmarks/scripts/cliffs.py --near-ties, and
#: python benchmarks/scripts/cliffs.py --cells 300 --json out.json (twice)
#: Set to 0.05 on the quiet machine (15:00-15:23 UTC, every other job stopped, load average
#: 0.4-1.1, main 62493b9 with the large-output price at 0): --near-ties, 240 cells: no pick slower
#: than numpy.convolve at any margin 0-0.3; picks more than 5% slower than the faster loop 28 (0),
#: 31 (0.05), 40 (0.1), 45 (0.15). Full cliffs.py runs, 300 cells, minutes apart: at 0.15 76% of
#: cells at or below 1.0x (worst 1.11x), at 0.05 85% (worst 1.12x, a float32 2-D tie with scipy;
#: one cold-cache cell of 4.27x timed the plain loop: 0.34 ms warm), and the three cells above
#: ran the engine at 0.89x (71577 x 6), 0.85x (205254 x 4) and 0.50x (83 x 5043) numpy's time.
NUMPY_1D_TIE_MARGIN = 0.05
#: Near-ties between the overlap and fft engines go to fft (or direct, if cheaper): oa runs only where
#: predicted below (1 - this margin) times fft's prediction. On the cells of cliffs.py's sample
#: (seed 20261204) where the two predictions were within 25% of each other and below direct's
#: (24 cells, 1-D and 2-D, every dtype), measured oa/fft over predicted oa/fft had a median of 1.10:
#: oa's model runs low against fft's (quiet cliffs run: oa predicted at 0.94-0.97x of measured, fft
#: at 1.12-1.15x). Picks more than 5% slower than the faster of the two (worst, mean over the faster):
#: margin 0: 6 of 24 (1.47x, 1.055); 0.05: 3 (1.12x, 1.016); 0.1: 2 (1.10x, 1.010); 0.15: 2 (1.32x,
#: 1.019); 0.2: 3 (1.32x, 1.028). (164, 18) x (12, 14) int32 'same' (oa predicted 0.99x fft, measured
#: 1.32x) was the sample's worst cell, 1.32x scipy. That run priced integer FFTs without
#: INT_FFT_TERMS; with them (14:10 UTC, 26 cells, median 1.11): margin 0: 5 of 26 (1.29x, 1.031);
#: 0.05: 4 (1.14x, 1.021); 0.1: 4 (1.14x, 1.019); 0.15: 4 (1.28x, 1.024); 0.2: 6 (1.28x, 1.033).
#: epyc-zen4-2c, 2026-12-07, thread CPU time, medians of interleaved rounds, loaded machine:
#: CONVKIT_COMPILE=wait python benchmarks/scripts/cliffs.py --oa-ties
#: Refit 2026-12-08 after FFT lengths by speed (fft_cost prices a picked length by its fitted ratio, so
#: fft's predictions fell where lengths changed, and 100000 x 4096 'full' went to fft at 1.41-1.44 ms
#: against oa's 1.13-1.15): medians 1.02-1.05 over 33 cells, three runs on a quiet machine (load <1);
#: slow picks at 0.05: 4, 4, 6 (worst 1.08-1.14x, mean 1.014-1.020); at 0.1: 4, 6, 7 (worst
#: 1.14-1.15x, mean 1.013-1.022); at 0.15: 7, 8, 10 (worst 1.30-1.62x). Same command.
OA_TIE_MARGIN = 0.05
#: What the tiny path itself adds to the loop it runs (checks, the memoised plan's look-up, the
#: kernel's reversal): convkit.convolve 'full' minus numpy's correlate on the same arrays, first
#: 12 x 3: 1.40 - 0.45 us. Re-measured on epyc-zen4-2c (2026-12-07, loaded machine, thread CPU
#: time, medians of 9 interleaved rounds): 12 x 3, 40 x 5, 200 x 8, 1000 x 3 added 1.15, 1.14,
#: 1.20, 1.29 us, and after the one-look-up tiny path (38d6f38) 1.12, 1.02, 1.05, 1.10 us:
#: kept at 1.0. python tools/measure_tunables.py tiny-call
TINY_CALL_S = 1.0e-6
#: What the general path spends preparing integer operands beyond a float call (the int64
#: cast and the FFT-exactness check over both inputs): (call, per input element) seconds.
#: ``normalize_convolve`` of int16/int32/int64 signals of 1e4..1e6 samples against 3 taps
#: minus the float32 call, thread CPU time, epyc-zen4-2c (2026-12-07: 22.9 us at 1e4, 0.8-1.2
#: ns per sample above; float32: 5.5 us). Re-measured there the same day (loaded machine,
#: 7 interleaved rounds, relative NNLS): (9.8e-6, 8.2e-10): 18 us beyond float32 at 1e4 (these
#: terms: 26 us) and 0.75-1.02 ms at 1e6 (these: 0.92 ms); kept, as no A/B of the small-call
#: routes they steer was run. Re-measured again that evening (load average 4): (9.9e-6, 7.6e-10);
#: kept, as the 1-D integer calls they steered (int32 beyond 16384 samples: the general int64 path
#: took 112 us of 36838 x 3 'valid', numpy's loop 105) now take the integer loops ('int-shift',
#: 10 us): python tools/measure_tunables.py int-prepare
INT_PREPARE_TERMS = (1.7e-5, 9e-10)

#: What an FFT engine's integer call (fft and oa: the plain float64 route, not limbs) adds to the
#: float64 call of the same values: casting the int64 operands to float64, rounding the result and
#: casting it back: (call, per element of the inputs and output) seconds, added to the fft and oa
#: predictions of integer calls. Without it they were predicted at a median 0.78-0.87x of measured
#: (cliffs.py, quiet run of 2026-12-07, float calls 0.94-1.15x), and (164, 18) x (12, 14) int32
#: 'same' ran oa at 1.32x scipy's direct loop. int32 against float64 (values +-100), 1-D 1e3..1e6 x
#: 64/1000 and 2-D 64^2..1024^2 x 8^2/32^2, 'full' and 'same', fitted on log time (the differences
#: are noisy: predicted/measured quartiles 0.6..2; above ~1e5 elements fresh result pages cost
#: 2-10 ns per element). epyc-zen4-2c, 2026-12-07, thread CPU time, 5 interleaved rounds, machine
#: loaded: python tools/measure_tunables.py int-fft
INT_FFT_TERMS = (1.8e-6, 1.7e-9)

#: What a call that the tiny path runs as one product per output (an N-d call whose every axis has a
#: length-1 operand: a broadcast multiply) costs in all: (call, per output byte) seconds. It had been
#: priced as numpy's correlate with one tap, 2.3-3.3x the measured time (int16 at 1.5 ns an output,
#: complex128 at 18 ns). N-d calls of 10 to 5e5 outputs in int16, float32, float64 and complex128,
#: fitted on log time: within 0.41-1.78x of measured (0.41: a 3.6 MB strided broadcast).
#: epyc-zen4-2c, 2026-12-07, thread CPU time, 7 interleaved rounds, loaded machine:
#: python tools/measure_tunables.py tiny-product
TINY_PRODUCT_TERMS = (2.0e-6, 3.9e-11)

#: What the tiny path's integer route (int8..uint32 through the float64 plain loop, exact when
#: the bound check passes) adds to that loop, keyed by itemsize class (2: up to 2 bytes, no check
#: needed; 4: one compiled pass over both operands for their largest magnitudes): (call, per element
#: of the inputs and output). Thread CPU time, 7 interleaved rounds, 1-D 300..30000 x 9 and 2-D
#: 40^2/120^2 x 3^2, epyc-zen4-2c (2026-12-07, loaded machine). The 4-byte class re-measured after
#: its check became one compiled call (``_execute_limbs.product_bound``; four numpy reductions
#: before: (7e-06, 4.8e-10)), 11 rounds: 300 x 9 int32 adds 3.1 us to the loop (was 7.3-8.0 us);
#: the 2-byte class measured (2.2e-06, 5.4e-10) in that run and was kept:
#: PYTHONPATH=. python tools/measure_tunables.py small-int-cast --rounds 11
SMALL_INT_CAST_TERMS = {2: (2.2e-06, 3.6e-10), 4: (3.0e-06, 5.6e-10)}

#: What the tiny path's 1-D 'numpy-int' route (int8..uint32 through numpy's float64 correlate,
#: exact when every partial sum is below 2**53; back to int32 in one pass where every sum fits
#: there) adds to numpy's float64 correlate of the same values: (call, per element of the inputs
#: and output) seconds: the bound (four numpy reductions: the compiled check would load Numba, 0.55
#: s on a process's first such call), the casts in and out. numpy's integer loop makes a plain dot
#: product per output (36838 x 3 int32 'valid': 109 us, on the float64 values 21 us). 1-D 'valid',
#: N 300 and 3000 x K 1..30, int16 and int32 (values +-4096), 9 interleaved rounds: 7.2-7.7 us
#: beyond the loop at N 300, 8.7-10.5 us at 3000 (relative NNLS over N up to 3e5: 7.41e-06,
#: 2.44e-10). epyc-zen4-2c, 2026-12-07, thread CPU time, loaded machine (load average 3.8):
#: python benchmarks/scripts/cliffs.py --numpy-int
NUMPY_INT_CAST_TERMS = (7.3e-06, 2.9e-10)
#: The 'numpy-int' route only where the longer operand and the output have at most this many samples
#: (float64 temporaries of at most 128 KiB): with larger ones, some heap states made every call take
#: fresh pages (30000 x 3 int16 'valid': 85 page faults a call, 205 us against numpy's 83 us; int32
#: the same in another process), while numpy's loop allocates only its output; up to 20000 samples no
#: call faulted (int16, int32, uint8, 100 calls each after 5; minor faults by resource.getrusage).
#: In --numpy-int's run: 85 faults a call at 30000 x 3 and x 9 int16 (271 and 352 us), none at 300
#: and 3000 samples. epyc-zen4-2c, 2026-12-07, loaded machine: python benchmarks/scripts/cliffs.py --numpy-int
NUMPY_INT_MAX_SAMPLES = 1 << 14

#: What a 1-D call with a length-1 operand whose every output is kept costs the tiny path as a broadcast
#: multiply (its 'product' route): (call, per output byte) seconds, checks and look-up excluded (see
#: TINY_CALL_S). numpy's correlate makes a dot product per output there (30000 x 1 float64: 12.4 us,
#: this route 5.7 us). The route's own call on 30..1e6 samples in float32, float64, complex128, int16
#: and int32, relative NNLS: 1.01e-06, 2.28e-11 (1e6 complex128, 16 MB of fresh result: 69 ps a
#: byte). epyc-zen4-2c, 2026-12-07, thread CPU time, 9 interleaved rounds, loaded machine (load
#: average 3): python benchmarks/scripts/cliffs.py --product-1d
PRODUCT_1D_TERMS = (1.0e-6, 2.3e-11)

#: The tiny path's 'int-shift' route (``_execute.int_shift``: 1-D integers by the direct engine's vectorised
#: integer loops, ``_engines.direct._ints``, in the dtype's own arithmetic): (call, per tap, per product)
#: seconds, the route's call (checks and look-up excluded, see TINY_CALL_S). 36838 x 3 int32 'valid': 10 us
#: where numpy's integer correlate (a plain scalar dot per output) takes 107. Relative NNLS over 369 calls of
#: 30..3e5 samples, 2..300 taps and 'valid' of nearly equal lengths (64..5000 taps), int16/int32/int64, every
#: mode: (9.96e-7, 5.97e-12, 5.6e-11) on a quiet machine (load average 1.2). With these, 72 of the 369 picks
#: between it and numpy.convolve were more than 5% slower than the other, every one numpy's (0.5-0.95x:
#: numpy's integer model runs low on calls of a few microseconds), none the loops'. One-tap kernels take the
#: 'product' route. epyc-zen4-2c, 2026-12-07, thread CPU: python benchmarks/scripts/cliffs.py --int-shift
INT_SHIFT_1D_TERMS = (1.0e-6, 6e-12, 5.6e-11)

#: The long-dot loop (``_engines.direct._dots``: outputs that are whole dot products of a 1-D float32 or
#: float64 call, four per pass over the kernel read backwards in place) where numpy's correlate copies the
#: reversed kernel and makes one BLAS dot per output: (call, per output, per multiply-add) seconds by
#: itemsize, the route's whole call (checks and look-up excluded, see TINY_CALL_S). It runs where
#: predicted faster than numpy (``_dispatch.dots_1d_wins``), from DOTS_1D_MIN_TAPS taps, up to
#: DOTS_1D_MAX_OUTPUTS outputs (float32 with 32-64 outputs of 1000 taps ran 1.1-1.2x numpy's BLAS dots).
#: Relative NNLS over 'valid' calls of 64..3e5 taps and 1..64 outputs (220 cells): float64 (7.98e-7, 0,
#: 7.7e-11), float32 (8.31e-7, 0, 3.96e-11); with NUMPY_1D_REVERSED_KERNEL_TERMS, 2 of 220 picks were
#: more than 5% slower than the other loop (both beyond 16 outputs). epyc-zen4-2c, 2026-12-07, load
#: average 3-4, thread CPU, one BLAS thread: python benchmarks/scripts/cliffs.py --dots
DOTS_1D_TERMS = {8: (8.0e-7, 0.0, 7.75e-11), 4: (8.2e-7, 0.0, 4.04e-11)}
DOTS_1D_MIN_TAPS = 64
DOTS_1D_MAX_OUTPUTS = 16
#: The long-dot loop on a window that runs off an end of the signal (``_engines.direct._dots.ramps``, the
#: ramps of 'full'/'same' calls of a long kernel, ``_dispatch.ramps_1d_wins``): (call, per output, per
#: product) seconds by itemsize, the products counted as ``_dispatch.ramps_1d_seconds`` does. Relative NNLS
#: over 168 'full'/'same' calls of 64..12000 taps and signals of 1-100 kernel lengths against numpy's
#: correlate on the same windows (0.47-0.77x numpy's time from 350 taps, ties and losses under ~5 us),
#: epyc-zen4-2c, 2026-12-07, load average 4-5, thread CPU, one BLAS thread: python benchmarks/scripts/cliffs.py --ramps
RAMPS_1D_TERMS = {8: (2.5e-6, 4.9e-11, 7.64e-11), 4: (2.4e-6, 1.12e-9, 3.78e-11)}

# --- direct engine -----------------------------------------------------------

# Register blocking of the generated kernels, keyed by the CPU's vector register count
# (``convkit._engines.direct._cpu.registers()``: 32 with AVX-512F, else 16). The kernels
# are generated from the union of these tables (``python tools/gen_direct_kernels.py``
# after changing them; a test fails while the committed kernels are stale).
#
# Row kernels (consecutive taps of one kernel row: 1-D calls and 2-D rows of 5 or more
# taps): registers -> lanes per vector (elements of the compute dtype) -> (taps per pass,
# output vectors per iteration R[, lanes of the kernels' vectors where narrower than the
# register]). With R vectors per iteration each signal vector is
# loaded once and fed to every output vector whose taps reach it: about
# (taps + lanes * (R - 1)) / (R * taps) loads per FMA instead of 1; R = 0: the plain
# kernels. Pooled passes always take up to 16 taps. Lanes not listed: (16, 0).
# Measured on epyc-zen4-2c (2-core AMD EPYC Zen 4, AVX-512 hardware), shares of the
# 1-thread float64 dgemm peak, thread CPU time, medians of 5, machine loaded by others;
# "AVX2" = Numba compiling for AVX2 there (NUMBA_CPU_NAME=znver3 NUMBA_CPU_FEATURES=<the
# host's features without avx512*>, which the engine's CPU reader follows too):
#   32/8 (AVX-512 float64) 16 taps, R=4: 1-D 1e6 K=64 76%, K=256 88%, 2-D 2048^2 k=15 75%
#        (plain kernels: 57%, 62%, 55%; 8 or 12 taps slower).
#   32/16 (AVX-512 float32) 16 taps, R=2 of 8 lanes: ymm kernels (AVX-512VL gives them 32
#        registers), the AVX2 float32 entry's, compiled for AVX-512. 16-lane kernels share no
#        load between output vectors when a pass has no more taps than lanes, and the plain
#        ones issue one unaligned 64-byte load per FMA (15 of 16 split across cache lines).
#        Shares of the 1-thread float32 sgemm peak, 1-D 1e6 K=16/64/256 and 2-D 2048^2 k=9/15,
#        five runs of 9 reps (2026-12-07; ranges over the runs that had the variant): plain
#        42-58/53-61/60-63%, 35-47/43-56%; R=2x8 46-63/55-68/73-76%, 38-52/45-67%; R=3x8
#        46-69/51-74/74-77%, 38-51/50-68%; R=4x8 50-64/67-71/72-75%, 38-51/50-67%; 16-lane
#        R=2/4 no faster than plain (K=64 57/53%). The higher 2-D values: once 2048-column
#        float32 rows were split into tiles. R=2 over R=3: as fast, and its kernel compiles in
#        0.40-0.46 s of CPU against 0.62-0.65 s (plain 0.27-0.28 s; row_taps_16, float32, warm
#        compiler). Same bits as the plain kernels (each output's sum in tap order).
#   16/4 (AVX2 float64) 10 taps, R=4: K=64 66-69%, K=256 71%, k=9 51%, k=15 62% (plain 16
#        taps: 55%, 62%, 42%, 56%). 8 taps: k=9 (passes of 4-5 taps) 23%; 12 or 16 taps
#        spill (K=64 61% / 46%); R=2, 3 or 6 slower. Re-measured after 1-D calls stopped
#        prefetching (2026-12-07, 7 reps): 10 taps R=4 K=10/20/64/256 46/55/79/79%, k=10/15
#        55/66%; 9 taps R=4 25/49/77/84%, 26/66% (K=10, 20 and k=10 take an extra pass): kept.
#   16/8 (AVX2 float32) 16 taps, R=2: K=16/64/256 109/112/128%, k=15 64% (plain: 101/104/
#        114%, 59%; 10 taps R=4: K=16 61%).
#        Re-measured 2026-12-07 as shares of the float32 sgemm peak, with 2-D float32 rows of
#        1025..2048 columns split into tiles (``_tiling.tile_bounds``), 9 reps: 16 taps R=2 K=16/
#        32/64/256 46-55/50-60/60-63/66-70%, k=9/15 52/61%; 12 taps R=3 49-52/55-70/67-73/76-78%,
#        52/55-56% (kept for rows under 32 taps: the 2-D rows of 13..16 taps lose a pass; longer
#        rows take DIRECT_ROW_LONG's (12, 3)).
# Command: python tools/ab_direct_rows.py TAPS,... R,... 5 (DT=float32 for float32, shares of
# the sgemm peak; an R written 3x8 runs 8-lane kernels: DT=float32 python tools/ab_direct_rows.py
# 16 0,3x8,4x8,2x8 9; the re-measure: KS=10,20,64,256 KK=10,15 python tools/ab_direct_rows.py 9,10 4 7).
DIRECT_ROW_KERNELS = {32: {8: (16, 4), 16: (16, 2, 8)}, 16: {4: (10, 4), 8: (16, 2)}}

# Long rows: registers -> lanes -> (row taps from, taps per pass, R): kernel rows of at least that
# many taps run passes of at most these taps (instead of DIRECT_ROW_KERNELS' count), and every
# row kernel of at most these taps keeps R output vectors per iteration (a kernel's R follows from
# its own tap count, so one kernel serves every row that runs it; R does not change the bits).
# The pass split is thus a pure function of (CPU entry, dtype, row taps): results stay a function
# of the problem and the CPU entry.
#   16/8 (AVX2 float32) rows from 32 taps: passes of 12, R=3 (12 coefficients + 3 sums fill the 16
#        ymm registers). epyc-zen4-2c compiling for AVX2 (as above), shares of the 1-thread sgemm
#        peak, 11 reps, load average 2-3.4 (2026-12-08), against (16, 2) for every row: 1-D 1e6
#        K=32/64/256 50.5/54.2/65.7% -> 56.1/63.3/77.0%; from 26 taps instead: K=26 61.4 -> 45.2%
#        (three passes instead of two), and from 16 taps (21 reps): K=16/26/28 39.1/49.3/51.2% ->
#        33.8/41.4/46.5%, K=18/20/24/31 within 2 points, so 32; rows of 13..16 taps keep one pass (2-D k=13/15
#        63.4/62.3% -> 64.6/62.3%). R=3 on passes of at most 12 taps of short rows (15 reps): 1-D
#        K=7/8/10/12/20/24 22.8/27.6/30.0/35.4/43.0/53.2% -> 23.8/25.8/30.1/36.5/45.1/53.9%, 2-D
#        k=9/11/12 52.2/50.6/63.2% -> 51.0/49.6/61.9% (within the noise); passes of 5-6 taps ran
#        2.3x faster with R=3 (1e6 x 5/6 float32 'same': 0.44/0.41 of the R=2 time, 2048^2 6x6 0.86;
#        1e5 x 8/11 and 2-D 11x11, 4x10 0.99-1.00; before_after.py --rounds 21, 2026-12-08).
#        DT=float32 KS=16,26,32,64,256 KK=13,15 LONG="none;32:12:3;26:12:3" python tools/ab_direct_rows.py 16 2 11
#        DT=float32 KS=7,8,10,12,20,24 KK=9,11,12 LONG="none;32:12:3" python tools/ab_direct_rows.py 16 2 15
#        DT=float32 KS=16,18,20,24,26,28,31 KK= LONG="32:12:3;16:12:3" python tools/ab_direct_rows.py 16 2 21
DIRECT_ROW_LONG = {16: {8: (32, 12, 3)}}

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
# ~50-70 ns fixed cost of each pass than they gained). Re-measured on epyc-zen4-2c
# (2026-12-07, loaded machine, thread CPU time, 7 interleaved rounds; 2-D 'same' 1024^2 x
# 3/7/15 float64, 5 float32, 256x4096 x 9, 1-D 1e6 x 32, 3e5 x 100 float32): time against
# 16384, geometric mean 4096: 1.02, 8192: 0.97, 32768: 0.97, 65536: 1.00, and every other
# size lost at least one cell by 4-19%: kept. python tools/measure_tunables.py tile-bytes
DIRECT_TILE_BYTES = 16384

# Fixed cost of one tile item or one kernel pass in multiply-add equivalents
# (~64 ns, ~1300 multiply-adds at the loop's peak rate; fitted on 2-D float64
# calls 32^2..1024^2 x 3..25, 'full' and 'same', epyc-zen5-2c). Refitted on epyc-zen4-2c
# (2026-12-07, loaded machine, thread CPU time, medians of 5; the dispatcher's terms: call,
# multiply-adds, items, elements, relative NNLS over the same 60 calls): 24.6 ns per item, 422
# multiply-adds (5.8e-11 s each), with relative errors up to 46% (median 13%):
# python tools/measure_tunables.py item-macs. Kept: with 422, 88 of 2097 auto calls change
# engine or route, and one-thread auto against 1300 was 0.47-2.62x (geometric mean 0.987, 36
# calls more than 5% slower: small 2-D and 1-D calls lose, large 2-D 15x15 and complex ones
# gain): python tools/measure_tunables.py item-macs-ab --value 422 --rounds 5
DIRECT_ITEM_MACS = 1300.0

# Writing a large output: per byte of the tiled loop's output beyond DIRECT_BIG_OUTPUT_BYTES,
# in multiply-add equivalents (the profile's direct ``per_unit`` turns them into seconds).
# Relative least squares of the engine's measured time minus its prediction without the term,
# 1-D float32/float64 'full'/'valid', N 1e5..3e6, K 1..32, 160 cells: two runs gave 4.8e-11
# and 4.3e-11 s per byte (1.1 and 1.0 here); bound 4 MiB: fewest numpy-or-engine picks more
# than 5% slower of the bounds 1, 2, 4, 8 MiB (7 and 10 of 160 cells against 15 and 17
# without the term). epyc-zen4-2c, 2026-12-07, thread CPU time, quiet machine:
# python benchmarks/scripts/cliffs.py --big-output
# Re-measured the same way once large results came from the result pool again (_buffers,
# 2026-12-07, later that day, quiet machine): no fresh pages, and the fits turned negative
# (-0.56 to -0.95 per byte for bounds 1-8 MiB); with 1.0 in force 22 of 160 picks were more
# than 5% slower, with no term 18 (1-D 1e6 x 3..5 'full' went to numpy's loop at 1.1-1.4x the
# engine's time). Now 0: the term stays for a machine whose outputs fault again.
DIRECT_BIG_OUTPUT_MACS_PER_BYTE = 0.0
DIRECT_BIG_OUTPUT_BYTES = 4 << 20

# Real 1-D calls on the tiled engine: the shares of the profile's call overhead and of its per-element
# term (by precision) that they pay. The profile is fitted mostly on 2-D calls (``tune()``): its
# direct predictions ran 1.2-1.45x above the measured times of 1-D calls with short kernels
# (K 1..16: 10000 x K float32 22-27 us against 34-38 predicted; 1e6 x 2 float32 172 us against
# 366), and within 0.9-1.1x from 32 taps on, where the multiply-adds dominate (K 32..1024, N
# 1e4..1e6, 'full'), so only these two terms are rescaled. `--near-ties` fits them by relative
# NNLS (the multiply-add term as the profile prices it) on the engine's times of 240 cells
# (float32/float64, N 1e4..1e6, K 1..16, every mode); two runs: overhead 0.772 / 0.795, elements
# float64 0.674 / 0.880, float32 0.332 / 0.501. float64 with K <= 4 from 1e5 samples is a
# memory-bound tie that the engine loses under load (1e6 x 2 'valid': engine 0.42-1.0 ms, numpy
# 0.39-0.57 ms), so float64 keeps a share near the larger fit. Over both runs' cells, the
# numpy-or-engine picks (NUMPY_1D_TIE_MARGIN 0.05) more than 5% slower than the faster loop went
# 31 / 24 -> 10 / 5, more than 5% slower than numpy.convolve 2 / 1 -> 2 / 1, the mean pick over
# the faster 1.053 / 1.033 -> 1.006 / 1.003 (the fits' own values: 12-14 slower but 7-10 over
# numpy, worst 1.76x). The share covers a call's first DIRECT_BIG_OUTPUT_BYTES of elements (the
# fits' calls reach 2e6 elements; beyond, the profile's full price): in a full cliffs.py run
# 2902932 x 2 float32 'full' ran the engine in 0.85-1.62 ms (load average 1-3), predicted 0.55 ms
# with the share on every element, 0.98 ms so; the --near-ties picks above are the same with it.
# A third run with these values in force (16:48 UTC, load average 3-4): 6 of 240 picks more than 5%
# slower than the faster loop, 2 over numpy.convolve (worst 1.27x: 30000 x 8 float32 'full', engine
# 56 us, numpy 45 us), mean over the faster 1.004; engine predicted/measured median 0.82-1.05 per
# dtype and K (was 1.21-1.48); its own fit: overhead 0.900, elements float64 0.819, float32 0.391.
# epyc-zen4-2c, 2026-12-07, thread CPU time, loaded machine (load average 3-5):
# CONVKIT_COMPILE=wait python benchmarks/scripts/cliffs.py --near-ties (twice)
DIRECT_1D_OVERHEAD_SHARE = 0.78
DIRECT_1D_ELEMENT_SHARE = {"f64": 0.9, "f32": 0.42}

# Complex calls: what splitting both operands into real, imaginary and summed planes and
# combining the three real results costs, per byte of every element (inputs and output), in
# multiply-add equivalents; fitted with the profile's complex scales (``convkit._profile``) by
# relative least squares over 24 2-D 'same' calls (512^2, 1024^2, 200x3000 with 3x3, 5x5, 4x4,
# 15x15, 1x3, 3x1, 1x9, 9x1): complex128 6.2, 4.6, 3.85 in three runs (scale 2.63, 3.08,
# 3.37), complex64 3.4, 3.2 (scale 2.3, 2.54); the scale and this term trade off, so the
# values in force are round means of the runs. epyc-zen4-2c, 2026-12-07, thread CPU time,
# quiet machine: python benchmarks/scripts/cliffs.py --complex-split
DIRECT_COMPLEX_SPLIT_MACS_PER_BYTE = 4.5

# Below this many multiply-adds a call stays on one thread (epyc-zen5-2c). Not re-measurable
# on a loaded 2-core machine: on epyc-zen4-2c (2026-12-07, ~4 other processes on the 2 cores,
# wall time, 7 interleaved rounds, 2-D 'same' 16^2..384^2 x 3^2 and 7^2 float64, work 2.3e3 to
# 7.2e6) 2 threads never beat 1 (1.6-57x slower): kept; measure on a quiet machine with
# python tools/measure_tunables.py par-min-work
DIRECT_PAR_MIN_WORK = 1 << 17

# Complex 1-D calls up to this many multiply-adds take the plain loop with
# native complex products: splitting into three real products costs ~20 us,
# repaid beyond ~2.7e5 (N=2000, K=5: 5.7 us vs 25 us; epyc-zen5-2c). Re-measured on
# epyc-zen4-2c (2026-12-07, loaded machine, thread CPU time, 7 interleaved rounds; complex128
# 'full', K = 8, 32, 128, 2^13..2^21 products): over the faster loop per cell, the bound 2^18
# loses least (geometric mean 1.032, worst 1.30; 2^17: 1.034, 2^19: 1.045, 2^16: 1.088): kept.
# The crossover moves with K (K=128: 2^17..2^18, K=32: 2^18..2^19, K=8: plain up to 2^21):
# python tools/measure_tunables.py small-1d-complex
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
#: epyc-zen5-2c). Re-measured on epyc-zen4-2c (2026-12-07, ~4 other processes on the 2 cores,
#: wall time, 7 interleaved rounds, 1-D float64 n x n 'full', workers=2): two threads lost up
#: to n = 16384 (1.1-3.3x) and won from 65536 (0.96, 0.82), which says more about the load than
#: the hand-off: kept; measure on a quiet machine with
#: python tools/measure_tunables.py fft-par-operands
FFT_PAR_OPERANDS_MIN = 4096
#: With the ``CONVKIT_FFTW_THREADS`` opt-in, transforms of at least this many points get
#: FFTW's own threads (first version's ``fft.THREAD_MIN``, epyc-zen5-2c). Re-measured on
#: epyc-zen4-2c (2026-12-07, ~4 other processes on the 2 cores, wall time, 7 interleaved
#: rounds, 1-D float64 'full' of 2^13..2^21 points, workers=2): FFTW's 2 threads never won
#: (1.07-47x slower), and their OpenMP threads spinning between calls slowed the 1-thread
#: contestant too (2^19 points: 48 ms there, 20 ms alone): kept (the opt-in is off by default);
#: measure on a quiet machine with python tools/measure_tunables.py fftw-thread-min
FFTW_THREAD_MIN = 1 << 17
#: Multi-axis FFTW convolutions whose larger padded operand has at least this many points run
#: as separable passes over fixed chunks of lines (``_engines/_fft_split.py``), threaded without
#: changing the bits. At one thread the passes ran 0.74-0.97x the time of FFTW's multi-axis plan
#: on every 2-D and 3-D float64 cell from 416^2 to 2048^2 and 44^3 to 72^3 points (they skip the
#: padding's lines) and 1.0x at 308^2; the floor only keeps the many small plans off problems that
#: scipy's arithmetic (FFT_SCIPY_MAX_POINTS) does not already take. epyc-zen4-2c, 2026-12-07, loaded
#: machine, thread CPU medians of 7-9 interleaved rounds in one process:
#: python benchmarks/scripts/threads.py --split --workers 2 --split-min 0
FFT_SPLIT_MIN = 1 << 17
#: Elements per chunk of lines of such a pass (at most 64 chunks a pass, of one width). At one
#: thread 2^13..2^17 were within the runs' noise of each other (split / FFTW plan 0.74-0.81 on
#: 2048^2 x 31^2, 0.77-0.89 on 1024^2 x 255^2); smaller chunks balance more threads: the
#: critical-path bound at 16 threads (chunk CPU times dealt to simulated threads) went from
#: 9.2x / 4.7x / 2.8x / 4.5x at 2^15 to 9.9x / 6.5x / 4.8x / 6.7x at 2^14 on 1024^2 x 255^2 /
#: 512^2 x 64^2 / 400^2 x 9^2 / 64^3 x 9^3 (at 2 threads 1.83-1.96x -> 1.86-1.97x), for about 40 us
#: of first-call planning per extra chunk plan (1024^2 x 255^2: 123 -> 221 plans, 5.8 -> 9.2 ms
#: from a warm memo; 194 plans, 6.8 ms, once r2c/c2r passes were sized by their complex side).
#: epyc-zen4-2c, 2026-12-07, loaded machine, thread CPU, 5 rounds:
#: python benchmarks/scripts/threads.py --split --workers 1 --bound 2 16 --chunk 16384 (32768)
FFT_SPLIT_CHUNK = 1 << 14
#: With batch axes, the split's column chunks are cut along the innermost axis at multiples of
#: this many bytes (else 64, the widest SIMD alignment): 4 x 512^2 x 15^2 and 8 x 300^2 x 9^2
#: float64 'same' ran 0.91 and 0.93x the time of 64 (thread CPU medians of 15 interleaved rounds
#: in one process, same bits); 400^2 x 9^2 and 64^3 x 9^3 (no batch axis) 1.03 and 1.02x, within
#: the noise, so left at 64 there. epyc-zen4-2c, 2026-12-07, loaded machine:
#: python benchmarks/scripts/threads.py --split --workers 1 --batch-align 64 (and 256)
FFT_SPLIT_BATCH_ALIGN_BYTES = 256
#: Split multi-axis convolutions whose spectrum has at least this many bytes run the passes along
#: the first axis and the spectrum product between them chunk by chunk (in cache); smaller ones
#: multiply apart, in blocks of whole rows (numpy multiplies a column chunk's short strided rows
#: 3-4x slower). Fused / apart, thread CPU medians of 11 interleaved rounds in one process (same
#: bits): 2048^2 x 31^2 (33 MB spectrum) 0.89, 1024^2 x 255^2 (10.6 MB) 0.94, 4 x 512^2 x 15^2
#: (9.2 MB) 0.97, 64^3 x 9^3 (3.1 MB) 1.03, 512^2 x 64^2 (2.5 MB) 1.17. epyc-zen4-2c, 2026-12-07,
#: loaded machine: python benchmarks/scripts/threads.py --split --workers 1 --fuse-min 0 (and 1e12)
FFT_SPLIT_FUSE_MIN_BYTES = 1 << 23
#: FFTW plan bundles that plan from nothing (FFTW_ESTIMATE, empty wisdom) in less than this many
#: seconds of thread CPU are not recorded in the ESTIMATE plan memo: exporting a record took
#: 1.3 ms and importing it 0.6-0.7 ms (0.3 ms trimmed to double precision), while c2c forward +
#: backward plans took 0.2-0.4 ms from nothing (1120-53760 points out of place, up to 21000 in
#: place; 1.9-28 ms above), r2c + c2r plans 4-22 ms. epyc-zen4-2c, 2026-12-07:
#: python benchmarks/scripts/fft_memo_replay.py --record-cost
FFTW_RECORD_MIN_S = 1e-3
#: Transform buffers of at most this many points are out of place (a separate input/output
#: buffer beside the spectrum): FFTW plans those 1.1-3x faster (first call of fftconvolve
#: 16000 x 1066: 6.0 -> 1.8 ms of CPU), while above it the extra buffer costs 5-23% of
#: steady-state time (60000 x 4000: 1.05x, 500000 x 33333: 1.23x). epyc-zen4-2c:
#: ``convolve_whole`` with either buffer layout in one process, shuffled rounds, thread CPU
#: time (spectral branch, Dec 2026). Re-measured there 2026-12-07 (loaded machine, 7 rounds,
#: first planning from empty wisdom, two runs): out of place was faster in both planning and
#: steady state at 2100..64000 mixed-radix points (0.86-0.97), 1.12-1.19x slower per call at
#: 16384 and 65536 points (planning 2.6x / 1.8x faster, repaid after 180-295 / 26-32 calls),
#: 1.12-1.17x above (210000, 537600 points): kept. python tools/measure_tunables.py fft-separate-max
FFT_SEPARATE_MAX = 1 << 16
#: Power-of-two transforms from this many points along the innermost axis stay in place even
#: under FFT_SEPARATE_MAX: out of place they ran 1.12-1.19x slower per call at 16384 and 65536
#: points (the rows of the command below), which the overlap-save engine's power-of-two blocks pay
#: on every call. A/B on epyc-zen4-2c 2026-12-07 (quiet machine, fresh process per variant, two
#: alternations, thread CPU medians of 9 rounds): 'oa' 1e5 x 1024 'same' 0.98 -> 0.90 ms, 1e6 x
#: 8192 8.9 -> 7.9-8.0 ms; mixed-radix fft cells level; the six cells' first calls (planning)
#: 83-88 -> 97-130 ms. Plans replayed from the memo run at their recorded speed with the heap
#: settled: python benchmarks/scripts/fft_memo_replay.py --settle-heap;
#: python tools/measure_tunables.py fft-separate-max
FFT_INPLACE_POW2_MIN = 1 << 14
#: Overlap-save blocks up to this length, in a buffer of their own, are normalised by one pass
#: over the group's buffer and then copied out, instead of multiplied while copied (the same
#: products): per 256 KiB group, scale-then-copy / multiply-while-copying was 0.75-0.85 at
#: L = 128..4096, 1.0 at 32, 1.37-1.77 at 8192..60000 (epyc-zen4-2c, 2026-12-07, loaded,
#: thread CPU, medians of 9): python benchmarks/scripts/oa_scale_rule.py --repeat 9
OA_SCALE_APART_MAX_LEN = 4096
#: Relative time per flop of a real overlap-save block of ``odd * 2^j`` points from
#: OA_REAL_RADIX_MIN_LEN up to FFT_SEPARATE_MAX, by ``odd`` (``_fft_sizes._radix_penalty``; other lengths keep
#: ``_fft_sizes._RADIX_PENALTY``, fitted with MEASURE plans, which has 3 and 5 8-12% dearer than 2).
#: With ESTIMATE plans 3 * 2^j ran 0.83-1.06 (median 0.91) and 5 * 2^j 0.81-0.90 (median 0.85) of
#: 2^j per predicted flop: 1e6 float64 samples, K=30..5000, L=256..49152, and 1842436 float32 x
#: 2364 (L=20480 12.2 ms, 32768 15.1 ms, scipy's oaconvolve 13.4 ms); above it, in place, 81920
#: ran 1.17x 65536 (K=10000). epyc-zen4-2c, 2026-12-07, load 3-4, thread CPU medians of 11-21
#: interleaved rounds, heap settled: MALLOC_MMAP_THRESHOLD_=33554432 N=1000000 K=1000 DT=float64
#: python benchmarks/scripts/oa_block_lengths.py 10240 16384 20480
OA_REAL_RADIX_PENALTY = {1: 1.0, 3: 0.91, 5: 0.85}
#: Shorter real blocks keep ``_fft_sizes._RADIX_PENALTY``, and a pick below this length under it
#: stays (``_fft_sizes._best_block_len``): below it 2^j's codelets won or tied (1e6 x 10 float64:
#: L=64 5.1 ms, 80 6.5; x 100: 1024 5.1, 1280 5.3; but x 300: 2560 5.4-5.5, 4096 5.7), and the
#: predicted time per output is so flat in L that the discount moved K=200 from 2048 (5.3 ms) to
#: 10240 (6.0 ms). epyc-zen4-2c, 2026-12-07, load 3-4, thread CPU medians, heap settled:
#: MALLOC_MMAP_THRESHOLD_=33554432 N=1000000 K=200 DT=float64 python benchmarks/scripts/oa_block_lengths.py 2048 10240
OA_REAL_RADIX_MIN_LEN = 1 << 13
# Predictions of the FFT engines (``_fft_sizes.fft_cost``/``oa_cost``, in double-precision FFTW
# flops; the profile's fft/oa ``per_unit`` and ``scale`` turn them into seconds). Measured with
# ``python benchmarks/scripts/fft_vs_scipy.py`` (60 cells: 1-D, 2-D, 3-D; float64, float32,
# complex128; one thread, thread CPU time, medians of 5 interleaved rounds) on epyc-zen4-2c,
# 2026-12-07, loaded machine, against ``choose_method(...).predicted``.
PROVENANCE_FFT_COSTS = (
    "epyc-zen4-2c, 2026-12-07: python benchmarks/scripts/fft_vs_scipy.py (predicted/measured per cell)")
#: Time per flop of scipy.signal.fftconvolve's single-precision arithmetic (the fft engine's
#: float32/complex64 path over 2+ axes, ``_spectral.convolve_scipy``) relative to what the
#: profile's fft ``per_unit`` times its float32 ``scale`` price (double-precision FFTW): on the
#: 2-D/3-D float32 cells scipy's single-precision time was 0.35-0.6x convkit's float64 FFTW
#: time at about 1.1x the flops; predicted/measured 0.64-0.83 with this value, as float64's.
#: See PROVENANCE_FFT_COSTS.
FFT_SCIPY_SINGLE_PER_FLOP = 0.45
#: Time per flop of scipy.signal.fftconvolve's double-precision arithmetic (float64/complex128
#: over 2+ axes up to FFT_SCIPY_MAX_POINTS) relative to double-precision FFTW's: FFTW's
#: ESTIMATE plans ran 1.06-1.19x scipy's time on the float64 cells of 50k-80k points and
#: 1.09-1.43x on the complex128 cells of 50k-520k points, at 0.97x its flops. See
#: PROVENANCE_FFT_COSTS.
FFT_SCIPY_DOUBLE_PER_FLOP = 0.85
#: What scipy.fft's three calls cost beyond FFTW's executes (argument checks, plan-cache
#: look-ups, fresh arrays), in transform flops: about 28 us at the profile's fft per_unit.
#: (83, 18) * (7, 14) 'same' float64 and (203, 9) * (2, 10) 'full' float32 took 94-98 us
#: (convolve_scipy alone 66-72 us) where the flops alone predicted 65-70 us, so auto took fft
#: over a faster direct call. See PROVENANCE_FFT_COSTS (and benchmarks/scripts/cliffs.py).
FFT_SCIPY_CALL_FLOPS = 1.2e5
#: float64 ("real") and complex128 ("complex") convolutions over 2+ axes whose scipy-padded
#: transform has at most this many points run scipy.fft's arithmetic (see
#: FFT_SCIPY_DOUBLE_PER_FLOP); above, FFTW's ESTIMATE plans ran 0.66-1.07x scipy's time
#: (float64: 466x499 * 40^2 'same' 1.20, 512^2 * 31^2 0.94, 678x674 * 40^2 'full' 1.15, 1024^2 *
#: 63^2 1.07, 300^2 * 300^2 0.85, 3-D 48^3 * 9^3 0.89; complex128 1024^2 * 63^2 at 1.25e6
#: points 0.83; with the overlap engine beside it, every float64 cell above at most 1.01x).
#: See PROVENANCE_FFT_COSTS.
#: The real bound was 1 << 17 until the regret grid (before_after.py --grid regret --settle-heap,
#: three runs, quiet epyc-zen4-2c, 2026-12-07 15:04 UTC) put 256^2 * 41^2 and * 63^2 'full'
#: (87,616 and 102,400 points, scipy's arithmetic in pooled buffers) at 1.19x and 1.28x
#: 7d43380's FFTW time; scipy's arithmetic won only at 50k-80k points (FFT_SCIPY_DOUBLE_PER_FLOP).
FFT_SCIPY_MAX_POINTS = {"real": 81920, "complex": 1 << 20}
#: The fft engine's transposing copies, in transform flops per byte of the first operand and
#: the output (at the transforms' precision), when a batch axis follows a convolved one (a
#: (k, 1) kernel against an image): measured/predicted fft time was 1.45-1.6 without it on
#: (829, 728) * (31, 1) 'valid' float64/float32/complex128 and (3000, 64) * (257, 1) 'full'
#: float64, against 0.94-1.0 on the (64, 3000) * (1, 257) twin; the extra 1.4-3.3 ns per
#: element is about 0.8 flops per byte at the profile's fft per_unit. See PROVENANCE_FFT_COSTS.
FFT_TRANSPOSED_FLOPS_PER_BYTE = 0.8
#: Time per flop of transforms over two or more axes relative to one axis: with one value
#: for both, 2-D/3-D cells were predicted at 0.54-1.02 (median about 0.72) of their measured
#: time and 1-D cells at 0.64-1.4 (median about 1.1). See PROVENANCE_FFT_COSTS.
FFT_MULTI_AXIS_PER_FLOP = 1.4
#: The same for the chunked separable passes (``_engines/_fft_split.py``, from FFT_SPLIT_MIN points
#: in the larger padded operand), which run 0.77-0.96x the multi-axis plan's time at one thread:
#: with FFT_MULTI_AXIS_PER_FLOP their float64 cells were predicted at 0.97-1.56 of the measured
#: time (median 1.29; 2-D/3-D cells of ``benchmarks/scripts/fft_vs_scipy.py --only 2d,3d``,
#: epyc-zen4-2c, 2026-12-07 19:40 UTC, load 4). See PROVENANCE_FFT_COSTS.
FFT_SPLIT_PER_FLOP = 1.1
#: One-axis convolutions whose transform length is at most this many points ("real": float
#: data, "complex": complex data, at the transforms' precision) in transforms of at most
#: FFT_POCKET_MAX_POINTS points (the larger padded operand, batch rows included) run pocketfft
#: (scipy.fft's extension, no planner) instead of FFTW. FFTW's ESTIMATE planner spends 1-3 ms on
#: a new real length there (15-70x the call); pocketfft has no plan to make, and its calls cost
#: less set-up. convolve_whole 'full', pocketfft/FFTW thread CPU time, medians of 9 shuffled
#: rounds, two runs (epyc-zen4-2c, 2026-12-07, loaded machine): float64 L=112..1024 0.66-0.96,
#: 1134 0.95-0.97, 1296 0.85-0.96, 1470 1.08-1.11, 2048 1.10-1.23, 4050 1.38-1.41; complex128
#: L=112..800 0.66-0.90, 1024 0.99-1.03, 1125 0.96-1.05, 1296 0.89-0.94, 1470 1.04-1.05, 2025
#: 1.14-1.16; float32 (double-precision transforms) 1024 0.95-1.00, 2048 1.08-1.21; rows of
#: 112-512 points, 1000-2048 points in all 0.76-0.97, 8 x 1024 1.00-1.18, 32 x 1024 1.35-2.35.
#: Command: python benchmarks/scripts/fft_pocket_cross.py
FFT_POCKET_MAX_LEN = {"real": 1296, "complex": 1024}
#: Measured with FFT_POCKET_MAX_LEN (epyc-zen4-2c): python benchmarks/scripts/fft_pocket_cross.py
FFT_POCKET_MAX_POINTS = 4096
#: One-axis FFT convolutions of several rows whose transform length is at least this run each
#: row through the 1-D convolution's plans (convkit/_engines/_fft_rows.py) instead of one
#: "howmany" plan over the rows: the 1-D plans' records are in the filled plan store, and per
#: call, row by row over one batched plan was 0.63-1.02 from L = 2048 up over 9 cells, two runs
#: (1024 x 2048 * 64 0.63-0.65, 64 x 4096 * 129 0.74-0.78, 16 x 20000 * 1000 0.85-0.86, 8 x 50000
#: * 3000 0.94, 16 x 2100 * 60 1.01-1.02) but 0.83-1.09 below it (16 x 1350 * 20 1.06-1.08, 256 x
#: 1500 * 100 1.07-1.09), where the Python cost per row weighs more.
#: epyc-zen4-2c, 2026-12-07, load average 1.8, medians of 15 shuffled rounds, thread CPU:
#: python benchmarks/scripts/latency.py --only rows
FFT_ROWS_MIN_LEN = 2048

#: The fft engine's length of each convolution axis (``_fft_sizes.fast_fft_len``): of the 7-smooth
#: lengths from the smallest up to FFT_LEN_WINDOW times the needed length, the cheapest by
#: FFT_LEN_COST, taken when it is predicted FFT_LEN_MARGIN cheaper than the smallest (in the part of
#: the cost that tells lengths apart); needs under FFT_LEN_MIN points keep the smallest (pocketfft
#: runs most of them; the fastest candidate there was 0.93-1.0x the smallest, within the noise).
#: The margin: leave-one-window-out picks over the windows of FFT_LEN_COST's run, measured time of
#: the pick over the smallest's, real / complex (see below): margin 0: mean 0.972 / 0.971, worst 1.20 / 1.25;
#: 0.05: 0.982 / 0.967; 0.1: 0.991 / 0.971; 0.12: 0.985 / 0.973, worst 1.00 / 1.25 (complex
#: 2296350 -> 2343750 = 2 3 5^8, 3 rounds). Out of sample (21 other windows a kind, 2048..3e6,
#: 00:05-00:19 UTC, load 2-5, ``measure --seed 7 --min 2048 --per-octave 2``): 5 of 44 picks moved,
#: to 0.72-0.99x the smallest's time, none slower; the fastest candidate was a median 0.83x the
#: smallest, so the rule leaves most of the gain (a smooth cost does not see which lengths FFTW's
#: ESTIMATE plans handle badly). epyc-zen4-2c, FFT_LEN_COST's run:
#: python benchmarks/scripts/fft_len_costs.py check lens.json --loo
FFT_LEN_WINDOW = 1.1
FFT_LEN_MIN = 1 << 11
FFT_LEN_MARGIN = 0.12
#: Real lengths of more than FFT_SEPARATE_MAX points (transformed in place) and at most
#: FFT_LEN_INPLACE_E7_MAX_LEN, with 7 to a power above FFT_LEN_INPLACE_MAX_E7, are never taken, even
#: when smallest: FFTW's ESTIMATE in-place plans run them about 2x their out-of-place time, which the
#: fit (linear in the exponents) does not see. ``places``: 100842 = 2 3 7^5 2.09x, 268912 = 2^4 7^5
#: 2.03x; of the other 35 lengths of two windows (95256..103680, 250000..274400) four ran 1.05-1.27x in
#: place (e7 1-4), 31 ran 0.53-1.00x (11 rounds: python benchmarks/scripts/fft_len_costs.py places
#: <the candidates of measure --windows 95000,250000>). The engine's call at the length taken instead,
#: over the 7^5 length the rule kept (``measure --kinds real --windows 67201,134401,168001,268801,336001
#: --budget 3 --rounds 11``): 67228 -> 70000 0.44x, 134456 -> 140000 0.92x, 168070 -> 172032 0.68x,
#: 268912 -> 280000 0.47x, 336140 -> 344064 0.54x. Above 2^19 points not (``--windows
#: 537801,1008401,2016801 --budget 4 --rounds 5``): 537824 -> 540000 1.09x, 1008420 -> 1024000 1.06x,
#: 2016840 -> 2048000 0.65x. epyc-zen4-2c, 2026-12-08 03:55-04:04 UTC, load 1-2.
FFT_LEN_INPLACE_MAX_E7 = 4
FFT_LEN_INPLACE_E7_MAX_LEN = 1 << 19
#: Nanoseconds per point of the fft engine's one-transform 1-D 'full' convolution at length ``L``,
#: less the call's fixed costs: ``b + a2 e2 + a3 e3 + a5 e5 + a7 e7`` (``e_p``: the exponent of
#: ``p`` in ``L``; n log n with a price per radix), by band of ``log2`` of the needed length
#: (``(upper bound, (b, a2, a3, a5, a7))``; a window's candidates share one band); "real": float64
#: (float32 is transformed in double); complex128 was fitted alike (below). Non-negative least squares on
#: relative error with an intercept per window, over every 7-smooth length in [m, 1.1 m] (even for
#: real) of 2 x 33 windows m = 2048..3.7e6 (three an octave, seeded; a band's windows and those
#: within an octave of it), the engine's own buffers and ESTIMATE plans at forced lengths, one
#: thread, thread CPU medians of 3-15 shuffled rounds. Per log2 of the radix, 3 and 7 cost 1.1-1.3x
#: 2 and 5 about 1.0x (large real: a3/a2 1.80 = 1.14 log2 3, a7/a2 3.17 = 1.13 log2 7). The fastest
#: candidate ran 0.44-1.0x the smallest (median 0.89). epyc-zen4-2c, 2026-12-07 23:52-00:03 UTC, load
#: average 1-3: python benchmarks/scripts/fft_len_costs.py measure --json lens.json; ... fit lens.json
#: The fft engine's cost prices every real length from FFT_LEN_MIN by this fit, picked or not
#: (``_fft_sizes.length_price``: the fit over ``L log2 L``, over its geometric mean in the band).
#: Where it misses (re-checked 2026-12-08 03:15-03:40 UTC, epyc-zen4-2c, load 1-2): (1) from 2^16
#: points (``FFT_SEPARATE_MAX``) the engine transforms in place, and FFTW's ESTIMATE in-place plans
#: part by factorization where out-of-place ones do not: at about 1e5 points r2c, r2c, c2r took
#: 1.26-1.43 ms out of place at every length tried, in place 0.97 (102400 = 2^12 5^2), 0.98 (98304),
#: 1.23 (100800 = 2^6 3^2 5^2 7), 1.43 (102060) and 2.53 ms (100842 = 2 3 7^5; 268912 = 2^4 7^5 1.87x
#: its out-of-place time, 262144 0.54x): python benchmarks/scripts/fft_len_costs.py places
#: 100352,100800,102060,102400,98304,100842,100000,103680,268912,262144 (21 rounds). No smooth form
#: of the exponents fitted that better: with e7^2, e_p^2, a few-twos or an odd-part term, fitted on
#: one seeded set of windows (4 an octave, 2048..4e6: ``measure --kinds real --min 2048 --per-octave
#: 4 --budget 2 --seed 11 --json a.json``) and checked on another (``--seed 12``, b.json) and the
#: other way round (``forms a.json b.json``, ``forms b.json a.json``), the median residual moved
#: 0.052 / 0.054 -> 0.049-0.052 / 0.050-0.054 and the picks' worst time over the smallest's 1.05 /
#: 1.09 -> 1.05-1.08 / 1.00-1.13; this fit's own picks there (``check a.json``): worst 1.000 / 1.054.
#: (2) From about 8e5 points 3-round medians move 1.5-1.8x between runs: 921600, 2.3x
#: 940800's time in the fit's run (35.6 ms), took 20.2 ms in a later run (``measure --kinds real
#: --windows 860000``; 940800 27.1 ms), and in place 18.6 ms against 940800's 17.3 (``places
#: 921600,940800,960000 --rounds 9``): FFTW does not run it badly.
#: Complex transforms keep the smallest length: the same fit's picks ("complex": ((16, (0, 1.559,
#: 3.173, 3.956, 5.026)), (19, (0, 1.836, 3.678, 4.142, 6.487)), (64, (0, 2.554, 5.108, 5.663,
#: 9.646)))) were 0.70-0.78x main's time on 69000 * 567, 4000 * 324 and 4000 * 324 complex128 'full'
#: but 1.10x on 58049 * 1001 (3^10 -> 61440) and 1.21-1.23x on 1100000 * 8919 (1111320 ->
#: 1125000), in two runs of 9 and 15 rounds: python benchmarks/scripts/before_after.py /work/main .
#: --settle-heap --rounds 15 --cell 1100000*8919:full:fft:complex128 (epyc-zen4-2c, 00:23-00:30 UTC).
FFT_LEN_COST = {
    "real": ((16, (0.6102, 0.4398, 0.9891, 1.166, 1.596)), (19, (0.0, 0.7586, 1.645, 1.858, 2.752)),
             (64, (0.0, 1.528, 2.751, 3.466, 4.847))),
}
# --- streaming (StreamConvolver) ---------------------------------------------

#: Cost model of a two-level stream's tail-level steps, from which convkit._stream_levels picks
#: the number of sub-transforms and the share of the older partitions' terms summed ahead (so
#: that every short block does the same work): thread CPU ns of a real transform of M points
#: per M log2(M) (complex: twice), of the MAC per bin and partition, and of assembling the
#: spectrum (butterflies over the sub-spectra) or gathering the inverse's sub-spectra per bin;
#: per channel. epyc-zen4-2c, 2026-12-07, medians of the per-step times: forward / inverse
#: 0.15 - 0.21 (K = 96000, B = 256 and 1024, tail transforms of 8192 - 32768 points, load 2-4),
#: MAC 2.0 - 2.4 (4 - 22 partitions, same runs); assembly 3.5 and gather 3.0 at load 7, where
#: the MAC took 3.5 (1.6x its 2.2): 2.0 scaled alike.
#: python benchmarks/scripts/stream_latency.py --trace --B 256 1024 --K 96000
STREAM_FFT_NS = 0.19
STREAM_MAC_NS = 2.2
STREAM_SPLIT_NS = 2.0

# --- convkit.ndimage ---------------------------------------------------------

#: 2-D images of more than ``_ndimage_passes._FIR_2D_SAMPLES`` (512^2) and up to this many samples
#: with 2-D kernels of up to ``NDIMAGE_FIR_2D_LARGE_TAPS[key]`` taps take one ``fir_2d`` call (since
#: its wide loop keeps a ring of rows instead of an extended copy of the image) instead of a padded
#: copy and the engines' 'valid' call; key: the compute dtype's char, with '<' for a narrower
#: (integer) input; not with a zero fill (the engines' own zero extension). fir_2d over the engine
#: road, 1024^2 reflect, one thread, ten back-to-back calls a sample (as the images grid times them:
#: image, copy and output stay in cache), thread CPU medians of 9 shuffled rounds, epyc-zen4-2c,
#: load ~3 (2026-12-07 19:02 UTC): float32 3x3/5x5/7x7 0.85/0.82/1.11; float64 3x3 1.09; uint8
#: (float64 sums) 3x3 0.78; float32 3x3 nearest 0.63, constant (cval 0) 1.14; 600^2 float64 3x3
#: 0.77, float32 5x5 0.77; again at 19:05 UTC: float32 3x3/5x5/7x7/8x8 0.83/0.78/1.12/1.02, uint8
#: 0.89/1.04/1.00/0.91. (One call a sample, caches cold, fir_2d wins more: float64 3x3 0.82,
#: uint8 5x5 1.10-1.14, 2048^2 nothing: python benchmarks/scripts/images.py --fir2d 1024,2048.)
#: python benchmarks/scripts/images.py --fir2d 1024 --rounds 9 --repeat 10
NDIMAGE_FIR_2D_LARGE_SAMPLES = 1 << 20
#: The tap limits by key, from the ratios under NDIMAGE_FIR_2D_LARGE_SAMPLES (epyc-zen4-2c, 2026-12-07):
#: python benchmarks/scripts/images.py --fir2d 1024 --rounds 9 --repeat 10
NDIMAGE_FIR_2D_LARGE_TAPS = {"f": 25, "f<": 25, "d<": 9}
