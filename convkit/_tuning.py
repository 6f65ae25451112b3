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
