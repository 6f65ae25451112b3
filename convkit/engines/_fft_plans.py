"""Thread-safe pyFFTW plan pool and persistent wisdom (private).

Design
------
* A *bundle* is a set of FFTW objects planned together on buffers the bundle
  owns (never on user data: planning overwrites arrays).  Its ``key`` holds
  everything that changes the plans: buffer shapes, dtype, axes, threads.
* Idle bundles sit in an LRU pool ``key -> [bundle, ...]``.  A caller *checks
  out* a bundle (removing it from the pool), uses it, and *checks it in*.  Two
  threads therefore never run the same FFTW object or touch the same buffer;
  a thread that finds the pool empty plans a fresh bundle.  The pool is
  bounded by bundle count per key and by total bytes (LRU eviction).
* Planning (and wisdom import/export) is serialised by one global lock:
  FFTW's planner is not thread-safe; ``execute`` is, and pyFFTW releases the
  GIL while executing.  pyFFTW's ``interfaces.cache`` is not used (it has
  thread races, pyFFTW#343/#377).
* Results never alias a bundle buffer: engines always copy out into a fresh
  array before checking the bundle back in.

Planner effort (measured on the 2-core reference machine)
--------------------------------------------------------
FFTW_MEASURE makes transforms 15-40 % faster for block-sized lengths
(2**13..2**16) and up to 2x for ~1e6-point ones, but planning costs 0.2-4 s
for the former and 30-110 s for the latter (FFTW_PATIENT: 1-55 s for
block sizes, for another 0-20 %).  A time-limited MEASURE of a 1e6-point
transform is no better than ESTIMATE.  Hence:

1. First sight of a key: try ``FFTW_MEASURE | FFTW_WISDOM_ONLY`` (instant
   when wisdom for it exists, e.g. loaded from disk), else ``FFTW_ESTIMATE``.
   Asking for MEASURE with WISDOM_ONLY is how wisdom made at MEASURE is found
   again: FFTW does not use it for ESTIMATE requests (pyFFTW#223).
2. The ``measure_after``-th request of the same key (default 3) re-plans
   it with ``FFTW_MEASURE`` -- only for transforms of at most
   ``measure_max_points`` points (default 2**17), with a ``time_limit``
   (default 10 s: a 2 s limit left float32 65536-point blocks 40 % slower
   than a complete MEASURE) -- and saves the wisdom, so the stall happens
   once per shape per machine.
3. Larger transforms are MEASUREd only on request:
   ``fft.warmup(problems, measure=True)`` plans them without a time limit and
   persists the wisdom, after which step 1 finds it in every process.

Wisdom file
-----------
``$CONVKIT_FFTW_WISDOM_FILE`` or ``$XDG_CACHE_HOME/convkit/fftw_wisdom.pickle``
(``~/.cache/convkit/...``).  Loaded once, lazily, on the first planning; saved
atomically after each new MEASURE plan.  A corrupt or foreign file is ignored
with a RuntimeWarning naming it.  ``CONVKIT_FFTW_WISDOM=0`` (or
``set_wisdom_persistence(False)``) disables loading and saving.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import pickle
import sys
import tempfile
import threading
import warnings
from collections import OrderedDict

import numpy as np


def _import_core():
    """pyFFTW's compiled core (``pyfftw.pyfftw``) without the package
    ``__init__``, which also imports ``pyfftw.interfaces`` -- and through it
    scipy.fftpack and dask.array: 0.45 s of a fresh process's first FFT call.
    The module is registered under its own name, so a later ``import pyfftw``
    reuses it (one FFTW state).  Falls back to the ordinary import."""
    mod = sys.modules.get("pyfftw.pyfftw")
    if mod is not None:
        return mod
    if "pyfftw" not in sys.modules:
        try:
            spec = importlib.util.find_spec("pyfftw")
            for d in (spec.submodule_search_locations or ()):
                for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                    path = os.path.join(d, "pyfftw" + suffix)
                    if os.path.exists(path):
                        ext = importlib.util.spec_from_file_location("pyfftw.pyfftw", path)
                        mod = importlib.util.module_from_spec(ext)
                        ext.loader.exec_module(mod)
                        sys.modules["pyfftw.pyfftw"] = mod
                        return mod
        except Exception:        # pragma: no cover - unusual installs
            sys.modules.pop("pyfftw.pyfftw", None)
    import pyfftw.pyfftw as mod  # noqa: E402
    return mod


def _pyfftw_version() -> str:
    try:
        from importlib.metadata import version
        return version("pyFFTW")
    except Exception:  # pragma: no cover
        return getattr(sys.modules.get("pyfftw"), "__version__", "unknown")


pyfftw = _import_core()

__all__ = ["checkout", "checkin", "plan_lock", "force_measure", "set_wisdom_persistence",
           "wisdom_persistence", "wisdom_path", "load_wisdom", "save_wisdom",
           "clear_plans", "set_planner_policy", "planner_policy", "FFTW"]

FFTW = pyfftw.FFTW
_WISDOM_FORMAT = "convkit-fftw-wisdom"
_WISDOM_VERSION = 1

plan_lock = threading.RLock()        # FFTW planner + wisdom
_pool_lock = threading.Lock()        # the pool dictionaries

_pool: "OrderedDict[tuple, list]" = OrderedDict()
_seen: dict = {}
_pool_bytes = 0

_policy = {
    "measure_after": int(os.environ.get("CONVKIT_FFTW_MEASURE_AFTER", "3") or 0),
    "measure_max_points": int(float(os.environ.get("CONVKIT_FFTW_MEASURE_MAX", str(1 << 17)))),
    "max_bytes": int(float(os.environ.get("CONVKIT_FFT_CACHE_MB", "384")) * (1 << 20)),
    "per_key": max(2, os.cpu_count() or 2),
    "time_limit": float(os.environ.get("CONVKIT_FFTW_TIME_LIMIT", "10.0")),
}
_force = [0]                        # >0 while force_measure() is active


def set_planner_policy(measure_after=None, max_bytes=None, per_key=None, time_limit=None,
                       measure_max_points=None):
    """Tune the planner: ``measure_after`` = the request count at which a key is
    re-planned with FFTW_MEASURE (0 or a negative value: never MEASURE);
    ``measure_max_points`` = largest transform (points) re-planned
    automatically; ``max_bytes`` bounds the idle pool; ``per_key`` the idle
    bundles per key; ``time_limit`` seconds for one automatic MEASURE
    planning (0: none).  Returns the new policy."""
    for name, val, conv in (("measure_after", measure_after, int), ("max_bytes", max_bytes, int),
                            ("per_key", per_key, int), ("time_limit", time_limit, float),
                            ("measure_max_points", measure_max_points, int)):
        if val is not None:
            _policy[name] = conv(val)
    return dict(_policy)


def planner_policy() -> dict:
    return dict(_policy)


class force_measure:
    """Context manager: plans made while it is active (by any thread, so the
    block threads of a ``workers > 1`` call too) use FFTW_MEASURE without a
    time limit.  Used by ``fft.warmup(measure=True)``."""

    def __enter__(self):
        with _pool_lock:
            _force[0] += 1
        return self

    def __exit__(self, *exc):
        with _pool_lock:
            _force[0] -= 1


# ---------------------------------------------------------------------------
# wisdom
# ---------------------------------------------------------------------------

def _env_persist() -> bool:
    v = os.environ.get("CONVKIT_FFTW_WISDOM", "1").strip().lower()
    return v not in ("0", "false", "no", "off", "")


_wisdom = {"enabled": None, "loaded": False, "path": None}


def wisdom_persistence() -> bool:
    """Whether wisdom is loaded from and saved to disk."""
    e = _wisdom["enabled"]
    return _env_persist() if e is None else e


def set_wisdom_persistence(enabled: bool, path: str | None = None) -> None:
    """Turn wisdom persistence on or off (overrides ``CONVKIT_FFTW_WISDOM``);
    optionally point it at another file (which will be loaded lazily)."""
    with plan_lock:
        _wisdom["enabled"] = bool(enabled)
        if path is not None:
            _wisdom["path"] = os.fspath(path)
            _wisdom["loaded"] = False


def wisdom_path() -> str:
    """The wisdom file used when persistence is on."""
    if _wisdom["path"]:
        return _wisdom["path"]
    p = os.environ.get("CONVKIT_FFTW_WISDOM_FILE")
    if p:
        return p
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "convkit", "fftw_wisdom.pickle")


def load_wisdom(force: bool = False) -> bool:
    """Import the wisdom file once (``force`` re-reads it).  Returns True if
    wisdom was imported.  A corrupt or foreign file gives a RuntimeWarning."""
    with plan_lock:
        if _wisdom["loaded"] and not force:
            return False
        _wisdom["loaded"] = True
        if not wisdom_persistence():
            return False
        path = wisdom_path()
        if not os.path.exists(path):
            return False
        try:
            with open(path, "rb") as fh:
                data = pickle.load(fh)
            if (not isinstance(data, dict) or data.get("format") != _WISDOM_FORMAT
                    or data.get("version") != _WISDOM_VERSION):
                raise ValueError("not a convkit FFTW wisdom file")
            wis = data["fftw"]
            if not (isinstance(wis, tuple) and all(isinstance(w, bytes) for w in wis)):
                raise ValueError("malformed wisdom")
            ok = pyfftw.import_wisdom(wis)
            if not any(ok):
                raise ValueError("FFTW rejected the wisdom")
            return True
        except Exception as exc:  # corrupt, truncated, foreign, other FFTW
            warnings.warn(f"convkit: ignoring FFTW wisdom file {path!r}: {exc}",
                          RuntimeWarning, stacklevel=3)
            return False


def save_wisdom() -> bool:
    """Write the current FFTW wisdom to the wisdom file (atomically).
    Returns False (and writes nothing) when persistence is off."""
    with plan_lock:
        if not wisdom_persistence():
            return False
        path = wisdom_path()
        data = {"format": _WISDOM_FORMAT, "version": _WISDOM_VERSION,
                "pyfftw": _pyfftw_version(), "fftw": pyfftw.export_wisdom()}
        try:
            d = os.path.dirname(path) or "."
            os.makedirs(d, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".fftw_wisdom.", dir=d)
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(data, fh, protocol=4)
                os.replace(tmp, path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
            return True
        except OSError as exc:
            warnings.warn(f"convkit: cannot save FFTW wisdom to {path!r}: {exc}",
                          RuntimeWarning, stacklevel=3)
            return False


# ---------------------------------------------------------------------------
# plans
# ---------------------------------------------------------------------------

class Bundle:
    """FFTW objects planned together on buffers owned by the bundle."""
    __slots__ = ("key", "effort", "nbytes", "__dict__")

    def __init__(self, key, effort):
        self.key = key
        self.effort = effort
        self.nbytes = 0

    def empty(self, shape, dtype):
        arr = pyfftw.empty_aligned(shape, dtype=dtype)
        self.nbytes += arr.nbytes
        return arr


_EFFORT_RANK = {"FFTW_ESTIMATE": 0, "FFTW_MEASURE": 1}


def make_fftw(inp, out, axes, direction, effort, threads, wisdom_only=False):
    """Plan one FFTW object (caller holds ``plan_lock``)."""
    flags = [effort, "FFTW_DESTROY_INPUT"] if direction == "FFTW_BACKWARD" else [effort]
    if wisdom_only:
        flags.append("FFTW_WISDOM_ONLY")
    kw = {}
    if (effort != "FFTW_ESTIMATE" and not wisdom_only and _policy["time_limit"] > 0
            and not _force[0]):
        kw["planning_timelimit"] = _policy["time_limit"]
    return FFTW(inp, out, axes=axes, direction=direction, flags=tuple(flags),
                threads=threads, **kw)


def checkout(key, factory, points=0):
    """Get an idle bundle for ``key`` or plan one with ``factory(bundle,
    effort, wisdom_only)`` (which fills the bundle and may raise RuntimeError
    when ``wisdom_only`` finds no wisdom).  ``points`` is the size of one
    transform of the bundle (for the MEASURE size cap)."""
    global _pool_bytes
    force = _force[0] > 0
    with _pool_lock:
        count = _seen.get(key, 0) + 1
        _seen[key] = count
        if len(_seen) > 100000:
            _seen.clear()
        ma = _policy["measure_after"]
        want_measure = force or (ma > 0 and count >= ma
                                 and points <= _policy["measure_max_points"])
        pool = _pool.get(key)
        while pool:
            b = pool.pop()
            _pool_bytes -= b.nbytes
            if not pool:
                del _pool[key]                     # no empty lists: keys stay bounded
            if want_measure and b.effort == "FFTW_ESTIMATE":
                continue                           # drop; re-plan with MEASURE
            if pool:
                _pool.move_to_end(key)
            return b
    with plan_lock:
        load_wisdom()
        if want_measure:
            b = Bundle(key, "FFTW_MEASURE")
            factory(b, "FFTW_MEASURE", False)
            save_wisdom()
            return b
        b = Bundle(key, "FFTW_MEASURE")
        try:
            factory(b, "FFTW_MEASURE", True)
            return b
        except RuntimeError:
            pass
        b = Bundle(key, "FFTW_ESTIMATE")
        factory(b, "FFTW_ESTIMATE", False)
        return b


def checkin(bundle) -> None:
    """Return a bundle to the idle pool (bounded; LRU eviction)."""
    global _pool_bytes
    if bundle.nbytes > _policy["max_bytes"]:
        return
    with _pool_lock:
        pool = _pool.get(bundle.key)
        if pool is None:
            pool = _pool[bundle.key] = []
        if len(pool) >= _policy["per_key"]:
            return
        pool.append(bundle)
        _pool.move_to_end(bundle.key)
        _pool_bytes += bundle.nbytes
        while _pool_bytes > _policy["max_bytes"] and _pool:
            k, lst = next(iter(_pool.items()))
            if lst:
                old = lst.pop(0)
                _pool_bytes -= old.nbytes
            if not lst:
                del _pool[k]


def clear_plans() -> None:
    """Drop every idle plan bundle and the request counts."""
    global _pool_bytes
    with _pool_lock:
        _pool.clear()
        _seen.clear()
        _pool_bytes = 0


def pool_stats() -> dict:
    with _pool_lock:
        return {"keys": len(_pool), "bundles": sum(len(v) for v in _pool.values()),
                "bytes": _pool_bytes}


# ---------------------------------------------------------------------------
# worker threads for elementwise passes and blocks
# ---------------------------------------------------------------------------

_executor = None
_executor_lock = threading.Lock()


def executor(n):
    """A shared thread pool with at least ``n`` workers."""
    global _executor
    from concurrent.futures import ThreadPoolExecutor
    with _executor_lock:
        if _executor is None or _executor._max_workers < n:
            old = _executor
            _executor = ThreadPoolExecutor(max_workers=max(n, 2),
                                           thread_name_prefix="convkit-fft")
            if old is not None:
                old.shutdown(wait=False)
        return _executor


def run_parallel(fn, items, workers):
    """Call ``fn(item)`` for each item, on up to ``workers`` threads."""
    items = list(items)
    if workers <= 1 or len(items) <= 1:
        return [fn(it) for it in items]
    ex = executor(workers)
    futs = [ex.submit(fn, it) for it in items[1:]]
    first = fn(items[0])
    return [first] + [f.result() for f in futs]


def resolve_workers(workers) -> int:
    if workers is None:
        return 1
    w = int(workers)
    if w < 0:
        w = (os.cpu_count() or 1) + 1 + w
    return max(1, w)


def aligned(shape, dtype):
    return pyfftw.empty_aligned(shape, dtype=np.dtype(dtype))
