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
