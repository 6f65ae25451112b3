"""The machine profile: the constants that turn each engine's op counts into seconds.

For engine ``e`` and a call with ``units`` (its ``cost()``: multiply-adds for
direct, transform flops for fft/oa) touching ``elements`` array elements
(inputs plus output), the predicted time on one thread is::

    overhead + per_unit * fixed + scale[precision] * (per_unit * (units - fixed) + per_element * elements)

where ``fixed`` is the share of ``units`` that is loop overhead and costs the
same in every precision (the direct engine's tile items and passes; zero for
the FFT engines).

and ``workers`` threads divide the second term by ``1 + parallel * (workers - 1)``
once it exceeds ``parallel_min`` seconds. Shipped defaults were fitted by
``convkit.tune()`` on a 2-core AMD EPYC (see ``DEFAULT_CONSTANTS``);
``tune()`` refits them on the machine it runs on and saves a versioned
JSON file in the user cache directory. A corrupt, foreign or outdated file is
ignored with a RuntimeWarning and the defaults serve.
"""

from __future__ import annotations

import copy
import json
import os
import threading
import warnings
from pathlib import Path

from . import _config

__all__ = ["DEFAULT_CONSTANTS", "PROFILE_VERSION", "PRECISIONS", "profile_path", "load", "save",
           "constants", "reset", "generation"]

PROFILE_VERSION = 2
PRECISIONS = ("f32", "f64", "c64", "c128", "int")
_TERMS = ("overhead", "per_unit", "per_element", "parallel", "parallel_min")

# Fitted by ``convkit.tune()`` (full grid, one-thread cells timed in CPU time) on the
# 2-core AMD EPYC of 2026-12-07 (lscpu: family 25 model 17, AVX-512), 10:07 UTC, at main
# f4e8519's direct engine merged into this branch, machine shared with other jobs:
# ``python -c "import convkit._tune as t, json; print(json.dumps(t.tune(save=False), indent=1))"``.
# Three runs that day agreed within about 30% per constant. The previous defaults (the Zen 5
# reference machine, 2026-11-29) predicted 0.37x of the times measured here (median over
# ``benchmarks/scripts/cliffs.py``'s 300 cells). The two-thread efficiencies are the
# reference machine's: on this shared machine the second core was often busy (tune measured
# 0 to 0.7). The direct engine's complex scales were refitted on the same machine on
# 2026-12-07 with the split into real planes counted apart (``DIRECT_COMPLEX_SPLIT_MACS_PER_BYTE``
# in ``convkit._tuning``; complex128 2.63, 3.08, 3.37 in three runs, complex64 2.3, 2.54; tune's 4.518 and
# 2.761 had absorbed the split, so small kernels were predicted 3-5x too fast):
# ``python benchmarks/scripts/cliffs.py --complex-split``. The direct float32 scale was
# refitted (0.709 -> 0.63) once float32 ran 8-lane row kernels on AVX-512 and split its
# 1025..2048-column rows into tiles: the value at which 21 float32 cells (1-D 1e4..1e6 x 12..1000,
# 2-D 200^2..2048^2 x 3..21, rows x 1..64 taps) are predicted, relative to their measured time,
# as their float64 twins are (median of that ratio 0.905 with 0.709, 1.004 with 0.63, range
# 0.82-1.12; a second run fitted 0.64); epyc-zen4-2c, 2026-12-07, thread CPU, medians of 7
# interleaved float32/float64 rounds, load average ~4: ``python tools/ab_direct_f32_scale.py 7``.
# The FFT engines' float32 scales (tune's fft 1.156, oa 1.165) were set to 1.0 on 2026-12-08: float32
# data is transformed in double precision (``CONVKIT_FFT_SINGLE=double``), and forced 'fft' calls ran
# float32 in 0.94-1.03x float64's time in 1-D (10000 x 512 .. 100000 x 3000 'full') and 0.41-0.58x in
# 2-D (300^2 x 31^2 .. 1000 x 800 x 41^2), where float32's predictions over measured ran 1.15-1.2x
# float64's (epyc-zen4-2c, thread CPU, interleaved: ``python tools/measure_tunables.py fft-single-scale``,
# median float32/float64 time 0.95 for fft and 0.97 for oa over its 7 cells).
# Both engines' together, so that oa against fft stays as it was (fft's alone sent 100000 x 2048 and
# x 8192 to fft at 1.34-1.44x oa). ``python benchmarks/scripts/regret.py --dtype float32 --rounds 5``:
# within 1.1x of the fastest engine 88% -> 94% of 64 cells, geometric mean 1.032 -> 1.028; 10000 x 512
# 'full' direct -> fft (1.40x -> 1.04x), 256^2 x 15^2 direct -> fft (1.38x -> 0.99x).
DEFAULT_CONSTANTS: dict[str, dict] = {
    "direct": {"overhead": 2.994e-05, "per_unit": 4.334e-11, "per_element": 1.889e-10,
              "parallel": 0.9, "parallel_min": 0.0002,
              "scale": {"f32": 0.63, "f64": 1, "c64": 2.4, "c128": 3.0, "int": 1.839}},
    "fft": {"overhead": 3.532e-05, "per_unit": 2.312e-10, "per_element": 0,
           "parallel": 1.0, "parallel_min": 0.001,
           "scale": {"f32": 1.0, "f64": 1, "c64": 0.9957, "c128": 0.9272, "int": 1}},
    "oa": {"overhead": 8.649e-05, "per_unit": 1.488e-10, "per_element": 1.53e-09,
          "parallel": 0.64, "parallel_min": 0.001,
          "scale": {"f32": 1.0, "f64": 1, "c64": 1.249, "c128": 1.212, "int": 1}},
}

_lock = threading.Lock()
_loaded: dict[str, dict] | None = None
_generation = 0  # bumped whenever the profile in force changes (dispatch memoises on it)
_listeners: list = []  # called with no arguments whenever it is bumped (see on_change)


def profile_path() -> Path:
    """Where the profile lives: ``$CONVKIT_PROFILE``, else ``$XDG_CACHE_HOME/convkit/profile.json``
    (``~/.cache/convkit/profile.json``)."""
    explicit = _config.get("CONVKIT_PROFILE")
    return Path(explicit) if explicit is not None else _config.cache_dir() / "profile.json"


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 and value < float("inf")


def _valid(data) -> bool:
    if not isinstance(data, dict) or data.get("version") != PROFILE_VERSION:
        return False
    consts = data.get("constants")
    if not isinstance(consts, dict):
        return False
    for engine in DEFAULT_CONSTANTS:
        table = consts.get(engine)
        if not isinstance(table, dict) or not all(_number(table.get(term)) for term in _TERMS):
            return False
        scale = table.get("scale")
        if not isinstance(scale, dict) or not all(_number(scale.get(p)) and scale[p] > 0 for p in PRECISIONS):
            return False
    return True


def load(path: Path | str | None = None) -> dict[str, dict]:
    """Read a profile; fall back to the shipped defaults, with a RuntimeWarning, if it is unusable.

    Parameters
    ----------
    path : path-like, optional
        Defaults to :func:`profile_path`. A missing file silently gives the defaults.

    Returns
    -------
    dict
        ``{engine: {"overhead", "per_unit", "per_element", "parallel", "parallel_min", "scale"}}``.
    """
    path = profile_path() if path is None else Path(path)
    if not path.exists():
        return copy.deepcopy(DEFAULT_CONSTANTS)
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        warnings.warn(f"convkit: ignoring unreadable profile {path}: {exc}", RuntimeWarning, stacklevel=2)
        return copy.deepcopy(DEFAULT_CONSTANTS)
    if not _valid(data):
        warnings.warn(
            f"convkit: ignoring profile {path}: not a version-{PROFILE_VERSION} convkit profile "
            "(run `python -m convkit tune` to rebuild it)", RuntimeWarning, stacklevel=2,
        )
        return copy.deepcopy(DEFAULT_CONSTANTS)
    return {engine: data["constants"][engine] for engine in DEFAULT_CONSTANTS}


def save(consts: dict[str, dict], path: Path | str | None = None, **meta) -> Path:
    """Write a profile atomically and make it the one in force in this process.

    Raises
    ------
    OSError
        When the file cannot be written (the profile in force is unchanged).
    """
    global _loaded
    path = profile_path() if path is None else Path(path)
    payload = {"version": PROFILE_VERSION, "constants": consts, **meta}
    if not _valid(payload):
        raise ValueError("refusing to save an incomplete or negative profile")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(payload, indent=2, sort_keys=True))
    os.replace(tmp, path)
    global _generation
    with _lock:
        _loaded = consts
        _generation += 1
    _changed()
    return path


def constants() -> dict[str, dict]:
    """The constants in force, read from disk once per process."""
    global _loaded
    loaded = _loaded
    if loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = load()
            loaded = _loaded
    return loaded


def reset() -> None:
    """Forget the profile in force so the next prediction reads the file again."""
    global _loaded, _generation
    with _lock:
        _loaded = None
        _generation += 1
    _changed()


def generation() -> int:
    """A number that changes whenever the profile in force changes."""
    return _generation


def on_change(callback) -> None:
    """Call ``callback()`` whenever the profile in force changes (a memo too hot to key on :func:`generation`)."""
    _listeners.append(callback)


def _changed() -> None:
    for callback in _listeners:
        callback()
