"""The vector unit of the CPU the kernels are compiled for: register count, read once.

The generated kernels keep their coefficients and running sums in vector
registers, so how many taps one pass takes and how many output rows a
row-block kernel computes follow from the number of vector registers: 32
with AVX-512 (zmm0..31), 16 with AVX2, AVX or SSE (ymm/xmm0..15). The
tables live in ``convkit._tuning`` (``DIRECT_ROW_KERNELS``,
``DIRECT_ROW_BLOCKS``), keyed by that count.

The row kernels also keep several output vectors in flight per iteration,
so they are generated per vector width (``vector_bytes``).

The features are those Numba compiles for: ``NUMBA_CPU_FEATURES`` when it is
set (Numba's own override, e.g. to build for an older CPU), else the host's
as llvmlite reports them. Reading them loads llvmlite's LLVM binding (about
20 ms, nothing is compiled), once, on the first call that needs a blocking
decision, never at import.
"""

from __future__ import annotations

import functools
import os

__all__ = ["features", "registers", "vector_bytes"]


def _host_features() -> frozenset:
    """Names of the CPU features Numba targets (``avx2``, ``avx512f``, ...)."""
    env = os.environ.get("NUMBA_CPU_FEATURES")
    if env is not None:   # Numba uses exactly these ("+avx2,-avx512f,..."; "" = the CPU name's defaults)
        return frozenset(f[1:] for f in env.split(",") if f.startswith("+"))
    import llvmlite.binding as llvm
    try:
        return frozenset(k for k, v in llvm.get_host_cpu_features().items() if v)
    except RuntimeError:   # llvmlite cannot read them on this host: assume the smaller register file
        return frozenset()


@functools.lru_cache(maxsize=1)
def features() -> frozenset:
    """The target's CPU feature names, read once per process."""
    return _host_features()


def registers() -> int:
    """Vector registers the kernels may use: 32 with AVX-512F, else 16."""
    return 32 if "avx512f" in features() else 16


def vector_bytes() -> int:
    """Bytes per vector register the kernels are compiled for: 64 (AVX-512F), 32 (AVX), else 16."""
    f = features()
    return 64 if "avx512f" in f else 32 if "avx" in f else 16
