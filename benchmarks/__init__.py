"""asv benchmarks for convkit, one module per workload family.

Run from the repository root (``asv.conf.json`` is there)::

    asv check --python=same                      # every benchmark imports and is well formed
    asv run --python=same --quick --bench Convolve1D
    asv continuous main HEAD --bench bench_api   # compare two commits (builds virtualenvs)

Shared helpers live here: :func:`safe_import` (so one broken import does not
sink the suite: the names it guards are simply missing and the benchmarks
that need them skip themselves in ``setup``) and :func:`require`. The public
API suite (``bench_api.py``) takes its workloads, operands and contestants
from ``convkit._bench.cells``, the registry ``python -m convkit bench`` uses.
"""

from __future__ import annotations

import contextlib

__all__ = ["safe_import", "require"]


@contextlib.contextmanager
def safe_import():
    """Swallow an ImportError (or any error raised while importing) inside the block.

    Use as::

        with safe_import():
            import convkit

    and check ``"convkit" in globals()`` (or call :func:`require`) in
    ``setup``: asv records a benchmark whose ``setup`` raises
    ``NotImplementedError`` as skipped, not failed.
    """
    try:
        yield
    except Exception:  # ImportError, or a module that fails while importing
        pass


def require(namespace: dict, *names: str) -> None:
    """Raise NotImplementedError (asv: skip) unless every name was imported into ``namespace``."""
    missing = [n for n in names if n not in namespace]
    if missing:
        raise NotImplementedError(f"not importable here: {', '.join(missing)}")
