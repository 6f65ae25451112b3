"""The machine profile: per-engine cost constants the dispatcher multiplies op counts by.

Shipped defaults were measured on the reference machine (2-core AMD EPYC with
AVX-512, see README); ``convkit.tune()`` re-measures them on the machine it
runs on and saves a versioned JSON file in the user cache directory. A corrupt,
foreign or outdated file is ignored with a RuntimeWarning.
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from pathlib import Path

__all__ = ["DEFAULT_CONSTANTS", "PROFILE_VERSION", "profile_path", "load", "save", "constants"]

PROFILE_VERSION = 1

# Seconds per unit of each engine's ``cost()`` (multiply-adds for direct,
# flop-like transform counts for fft/oa), per compute precision, plus a fixed
# per-call overhead. Filled by ``convkit.tune`` on the reference machine.
DEFAULT_CONSTANTS: dict[str, dict[str, float]] = {
    "direct": {"f32": 0.25e-10, "f64": 0.5e-10, "c64": 1.2e-10, "c128": 2.0e-10, "int": 1.0e-10,
               "overhead": 3e-6},
    "fft": {"f32": 0.35e-9, "f64": 0.6e-9, "c64": 0.35e-9, "c128": 0.6e-9, "overhead": 25e-6},
    "oa": {"f32": 0.35e-9, "f64": 0.6e-9, "c64": 0.35e-9, "c128": 0.6e-9, "overhead": 40e-6},
}

_lock = threading.Lock()
_loaded: dict[str, dict[str, float]] | None = None


def profile_path() -> Path:
    """Where the profile lives: ``$CONVKIT_PROFILE`` or the user cache directory."""
    explicit = os.environ.get("CONVKIT_PROFILE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "convkit" / "profile.json"


def _valid(data) -> bool:
    if not isinstance(data, dict) or data.get("version") != PROFILE_VERSION:
        return False
    consts = data.get("constants")
    if not isinstance(consts, dict):
        return False
    for engine, defaults in DEFAULT_CONSTANTS.items():
        table = consts.get(engine)
        if not isinstance(table, dict):
            return False
        for key in defaults:
            value = table.get(key)
            if not isinstance(value, (int, float)) or not value >= 0:
                return False
    return True


def load(path: Path | None = None) -> dict[str, dict[str, float]]:
    """Read a profile, falling back to the shipped defaults with a warning if unusable."""
    path = profile_path() if path is None else Path(path)
    if not path.exists():
        return DEFAULT_CONSTANTS
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        warnings.warn(f"convkit: ignoring unreadable profile {path}: {exc}", RuntimeWarning, stacklevel=3)
        return DEFAULT_CONSTANTS
    if not _valid(data):
        warnings.warn(
            f"convkit: ignoring profile {path}: not a version-{PROFILE_VERSION} convkit profile "
            "(run `python -m convkit tune` to rebuild it)",
            RuntimeWarning, stacklevel=3,
        )
        return DEFAULT_CONSTANTS
    return {engine: {k: float(v) for k, v in table.items()} for engine, table in data["constants"].items()}


def save(consts: dict[str, dict[str, float]], path: Path | None = None, **meta) -> Path:
    """Write a profile atomically and make it the one in use."""
    global _loaded
    path = profile_path() if path is None else Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"version": PROFILE_VERSION, "constants": consts, **meta}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, indent=2, sort_keys=True))
    os.replace(tmp, path)
    with _lock:
        _loaded = consts
    return path


def constants() -> dict[str, dict[str, float]]:
    """The constants in force (loaded once per process)."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = load()
    return _loaded


def reset() -> None:
    """Forget the loaded profile so the next call reads it again (tests, tune)."""
    global _loaded
    with _lock:
        _loaded = None
