"""``python -m convkit bench``: convkit against scipy.signal and numpy, side by side, and the method map.

Private: the command line is the interface. A run times a grid of workloads
("cells", :mod:`.cells`): 1-D kernel-length sweeps at several signal lengths,
2-D image kernels, float32/float64/complex dtypes, batched ``axes`` and tiny
calls. In each cell every contestant that applies (convkit auto and each
engine; scipy.signal's convolve auto and direct, fftconvolve, oaconvolve,
convolve2d; numpy.convolve) is timed by :mod:`.run` with
:func:`convkit._timing.time_interleaved` (warm-up call first, every round in a
fresh shuffled order, medians). Contestants predicted to take longer than a
limit are not run and show as "skipped".

:mod:`.report` prints one table per workload family (measured medians, the
engine auto chose and the time the dispatcher predicted for it, speedups of
convkit auto over scipy's best and over scipy's auto), a "regret" summary
(auto's time over the fastest convkit engine's) and the cost model's
measured/predicted ratios, then writes ``convkit-bench.json`` (every sample,
the machine and the versions) and ``method-map.png`` (fastest convkit engine
per signal length × kernel length, marked where auto chose another).

The asv suite (``benchmarks/bench_api.py``) and the pytest-benchmark suite
(``benchmarks/pytest/``) take their workloads and contestants from
:mod:`.cells` too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import run  # the module: ``_bench.run.run`` is the runner
from .cells import Cell, full_grid, quick_grid
from .report import format_model, format_regret, format_table, method_map_data, plot_method_map, write_json

__all__ = ["main", "QUICK_SETTINGS", "FULL_SETTINGS"]

# total_time counts from the first cell, first calls (JIT compilation on a cold Numba
# cache: up to a minute or two here) included: fewer rounds, not a longer run.
QUICK_SETTINGS = {"repeats": 15, "min_time": 0.003, "skip_over": 0.5, "max_time": 1.5, "total_time": 120.0}
FULL_SETTINGS = {"repeats": 15, "min_time": 0.01, "skip_over": 5.0, "max_time": 10.0}


def main(quick: bool = False, workers: int | None = 1, out: str | os.PathLike = "bench-results", *,
         cells: Sequence[Cell] | None = None, progress: bool = True, **settings) -> int:
    """Run the benchmark, print the tables and the regret, write the JSON and the PNG into ``out``.

    ``cells`` replaces the grid (tests pass a tiny one); ``settings`` go to
    :func:`.run.run` over the grid's defaults. Returns 0, or 1 when a convkit
    contestant failed or disagreed with scipy.
    """
    workers = 1 if workers is None else workers
    grid = "custom" if cells is not None else "quick" if quick else "full"
    if cells is None:
        cells = quick_grid() if quick else full_grid()
    settings = {**(QUICK_SETTINGS if quick else FULL_SETTINGS), **settings}
    result = run.run(cells, workers=workers, progress=progress, **settings)
    result["settings"]["grid"] = grid
    first_calls = sum(e.get("first_call_seconds", 0.0) for r in result["cells"] for e in r["results"].values())
    m = result["machine"]
    print(f"convkit bench ({grid} grid, {len(cells)} cells, {result['elapsed_seconds']:.0f} s) "
          f"on {m['cpu']} ({m['cores']} cores, {'/'.join(m['simd']) or 'no AVX'}), workers={workers}, "
          f"{result['created']}, load average {m['loadavg']} at the start, {m.get('loadavg_end')} at the end")
    print(", ".join(f"{k} {v}" for k, v in m["versions"].items() if v))
    print(f"median of {settings['repeats']} interleaved rounds (fewer when a cell ran over "
          f"{settings['max_time']} s); times are seconds per call; 'predicted' is choose_method's prediction "
          f"for the engine auto chose; first calls (JIT compile or cache load, FFT plans, answer check) "
          f"took {first_calls:.1f} s in all\n")
    print(format_table(result["cells"]))
    print()
    print(format_regret(result["regret"], result["regret_min"], result["cells"]))
    print(format_model(result["model"]))
    out = Path(out)
    method_map = method_map_data(result["cells"])
    json_path = write_json({**result, "method_map": method_map}, out / "convkit-bench.json")
    png = plot_method_map(method_map, out / "method-map.png",
                          title=f"fastest convkit engine, float64 'full', workers={workers} "
                                f"(× = auto chose another: pick, auto/fastest)")
    print(f"\nwrote {json_path}" + (f" and {png}" if png else ""))
    failures = [(r["id"], n, e.get("error") or f"rel error {e.get('rel_error'):.3g}") for r in result["cells"]
                for n, e in r["results"].items() if n.startswith("convkit.") and e["status"] in ("error", "wrong")]
    for cid, name, why in failures:
        print(f"FAILED {name} on {cid}: {why}", file=sys.stderr)
    return 1 if failures else 0
