"""``python -m convkit bench``: convkit against scipy.signal and numpy (and, in the "images" group,
convkit.ndimage and match_template against scipy.ndimage, OpenCV and scikit-image), side by side,
and the method maps.

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

``--group images`` runs :mod:`.images`' cells instead (``--group all``: both): 2-D filters
at kernel sizes 3-15 in float32/float64/uint8, small images, every boundary mode, 3-D
volumes and template matching, each against every installed peer (OpenCV at one thread);
convkit's first call is checked against scipy.ndimage's (scikit-image's) answer. The
report is a table per family with convkit's speed-up over each peer, the cells where
convkit was slower, and ``image-map.png`` (fastest implementation per workload and
kernel size). ``benchmarks/bench_images.py`` (asv) and ``benchmarks/scripts/images.py``
take their cells and calls from :mod:`.images`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import images, run  # the module: ``_bench.run.run`` is the runner
from .cells import Cell, full_grid, quick_grid
from .report import (
    format_image_summary,
    format_image_table,
    format_model,
    format_regret,
    format_table,
    method_map_data,
    plot_image_map,
    plot_method_map,
    write_json,
)

__all__ = ["main", "GROUPS", "QUICK_SETTINGS", "FULL_SETTINGS", "QUICK_IMAGE_SETTINGS", "FULL_IMAGE_SETTINGS"]

GROUPS = ("signal", "images", "all")

# total_time counts from the first cell, first calls (JIT compilation on a cold Numba
# cache: up to a minute or two here) included: fewer rounds, not a longer run.
QUICK_SETTINGS = {"repeats": 15, "min_time": 0.003, "skip_over": 0.5, "max_time": 1.5, "total_time": 120.0}
FULL_SETTINGS = {"repeats": 15, "min_time": 0.01, "skip_over": 5.0, "max_time": 10.0}
# The images group: every contestant runs (none is hopelessly slow at these sizes).
QUICK_IMAGE_SETTINGS = {"repeats": 9, "min_time": 0.003, "max_time": 1.5, "total_time": 60.0}
FULL_IMAGE_SETTINGS = {"repeats": 15, "min_time": 0.01, "max_time": 10.0}


def main(quick: bool = False, workers: int | None = 1, out: str | os.PathLike = "bench-results", *,
         group: str = "signal", cells: Sequence[Cell] | None = None,
         image_cells: Sequence[images.ImageCell] | None = None, progress: bool = True, **settings) -> int:
    """Run a benchmark group, print its tables, write the JSON and the PNG maps into ``out``.

    ``group``: ``"signal"`` (scipy.signal's convolution family: the tables, the regret and
    ``method-map.png``), ``"images"`` (convkit.ndimage and match_template against
    scipy.ndimage, OpenCV and scikit-image where installed: the tables, the speed-ups and
    ``image-map.png``) or ``"all"`` (both, one JSON). ``cells``/``image_cells`` replace the
    grids (tests pass tiny ones); ``settings`` go to the runners over the grids' defaults.
    Returns 0, or 1 when a convkit contestant failed or disagreed with its reference.
    """
    if group not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}, not {group!r}")
    workers = 1 if workers is None else workers
    out = Path(out)
    doc: dict = {}
    failures: list[tuple[str, str, str]] = []
    if group in ("signal", "all"):
        doc = _signal(quick, workers, out, cells, progress, settings, failures)
    if group in ("images", "all"):
        doc = _images(quick, workers, out, image_cells, progress, settings, failures, doc)
    pngs = doc.pop("_pngs", [])
    json_path = write_json(doc, out / "convkit-bench.json")
    print(f"\nwrote {json_path}" + "".join(f" and {p}" for p in pngs))
    for cid, name, why in failures:
        print(f"FAILED {name} on {cid}: {why}", file=sys.stderr)
    return 1 if failures else 0


def _header(result: dict, title: str, n: int, workers: int) -> None:
    m = result["machine"]
    print(f"convkit bench ({title}, {n} cells, {result['elapsed_seconds']:.0f} s) "
          f"on {m['cpu']} ({m['cores']} cores, {'/'.join(m['simd']) or 'no AVX'}), workers={workers}, "
          f"{result['created']}, load average {m['loadavg']} at the start, {m.get('loadavg_end')} at the end")
    print(", ".join(f"{k} {v}" for k, v in m["versions"].items() if v))


def _signal(quick, workers, out, cells, progress, settings, failures) -> dict:
    grid = "custom" if cells is not None else "quick" if quick else "full"
    if cells is None:
        cells = quick_grid() if quick else full_grid()
    settings = {**(QUICK_SETTINGS if quick else FULL_SETTINGS), **settings}
    result = run.run(cells, workers=workers, progress=progress, **settings)
    result["settings"]["grid"] = grid
    first_calls = sum(e.get("first_call_seconds", 0.0) for r in result["cells"] for e in r["results"].values())
    _header(result, f"{grid} grid", len(cells), workers)
    print(f"median of {settings['repeats']} interleaved rounds (fewer when a cell ran over "
          f"{settings['max_time']} s); times are seconds per call; 'predicted' is choose_method's prediction "
          f"for the engine auto chose; first calls (JIT compile or cache load, FFT plans, answer check) "
          f"took {first_calls:.1f} s in all\n")
    print(format_table(result["cells"]))
    print()
    print(format_regret(result["regret"], result["regret_min"], result["cells"]))
    print(format_model(result["model"]))
    method_map = method_map_data(result["cells"])
    png = plot_method_map(method_map, out / "method-map.png",
                          title=f"fastest convkit engine, float64 'full', workers={workers} "
                                f"(× = auto chose another: pick, auto/fastest)")
    failures += [(r["id"], n, e.get("error") or f"rel error {e.get('rel_error'):.3g}") for r in result["cells"]
                 for n, e in r["results"].items() if n.startswith("convkit.") and e["status"] in ("error", "wrong")]
    return {**result, "method_map": method_map, "_pngs": [png] if png else []}


def _images(quick, workers, out, cells, progress, settings, failures, doc) -> dict:
    grid = "custom" if cells is not None else "quick" if quick else "full"
    if cells is None:
        cells = images.quick_grid() if quick else images.full_grid()
    settings = {**(QUICK_IMAGE_SETTINGS if quick else FULL_IMAGE_SETTINGS),
                **{k: v for k, v in settings.items() if k != "skip_over"}}
    result = run.run_images(cells, workers=workers, progress=progress, **settings)
    result["settings"]["grid"] = grid
    if doc:
        print()
    _header(result, f"images, {grid} grid", len(cells), workers)
    print(f"median of {settings['repeats']} interleaved rounds; seconds per call; OpenCV with "
          f"cv2.setNumThreads(1); 'vs X' = X's time / convkit's (above 1: convkit is faster)\n")
    print(format_image_table(result["image_cells"]))
    print()
    print(format_image_summary(result["image_summary"]))
    png = plot_image_map(result["image_map"], out / "image-map.png",
                         title=f"fastest implementation, workers={workers} (text: convkit / fastest peer speed-up)")
    failures += [(r["id"], "convkit", e.get("error") or f"rel error {e.get('rel_error'):.3g}")
                 for r in result["image_cells"] for n, e in r["results"].items()
                 if n == "convkit" and e["status"] in ("error", "wrong")]
    pngs = doc.get("_pngs", []) + ([png] if png else [])
    if not doc:
        return {**result, "_pngs": pngs}
    doc = {**doc, "_pngs": pngs}
    for key in ("image_cells", "image_summary", "image_map"):
        doc[key] = result[key]
    doc["settings"] = {**doc["settings"], "images": result["settings"]}
    return doc
