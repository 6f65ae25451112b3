"""Thread-safe pyFFTW plan pool, the planning policy and opt-in wisdom (private).

Importing this module does not import pyFFTW: :func:`lib` loads it on first
use (inside an engine's ``prepare``/``convolve``), so cost models stay cheap.

Plan pool
---------
* A *bundle* is a set of FFTW objects planned together on buffers the bundle
  owns (never on user data: planning may overwrite arrays). Its ``key`` holds
  everything that changes the plans: buffer shapes, dtype, axes, threads.
* Idle bundles sit in an LRU pool ``key -> [bundle, ...]``. A caller checks a
  bundle out (removing it from the pool), uses it and checks it back in, so
  two threads never share an FFTW object or a buffer; a thread that finds the
  pool empty plans its own. The pool is bounded by bundles per key and bytes.
* Planning is serialised by :data:`plan_lock` (FFTW's planner is not
  thread-safe; ``execute`` is and runs without the GIL). pyFFTW's
  ``interfaces.cache`` is not used (thread races, pyFFTW#343/#377).

Planning policy (``CONVKIT_FFTW_PLANNER``)
------------------------------------------
``estimate`` (default): **deterministic.** Every plan is ``FFTW_ESTIMATE``,
made with the process's FFTW wisdom set aside for the moment of planning
(FFTW uses MEASURE wisdom for ESTIMATE requests when it has any, which would
make a plan depend on what ran before), and no wisdom file is read or written.
An ESTIMATE plan depends only on the problem (sizes, strides, alignment of the
bundle's own buffers) and the CPU, so the same call gives the same bits on
every call and in every process, whatever ran before and whatever ``workers``
is. FFTW's ESTIMATE planner still costs about 1-10 ms per new transform (it
prices every solver of this multi-SIMD build), tens to hundreds of times a
small transform's execution, so ESTIMATE plans are memoised:

* in the process: FFTW keeps every ESTIMATE plan it made as wisdom of
  ESTIMATE quality, and re-planning the same problem is a look-up (~50 us);
* between processes (``CONVKIT_FFTW_PLAN_MEMO``, on by default): that
  ESTIMATE-only wisdom is saved at exit to
  ``$XDG_CACHE_HOME/convkit/fftw_plan_memo.pickle`` (or
  ``CONVKIT_FFTW_PLAN_MEMO_FILE``), merged with what other processes saved,
  and read back by the next process's first plan. The file is tagged with
  pyFFTW's and FFTW's versions and the CPU's features and ignored elsewhere.
  A plan found there is the plan ESTIMATE makes from nothing (the planner's
  choice depends on the problem alone), so results keep their bits.

``measure`` (opt-in; results may differ in the last bits between runs): a
plan is taken from FFTW_MEASURE wisdom when some exists for it (looked up with
FFTW_WISDOM_ONLY, which also works around pyFFTW#223), else made with
ESTIMATE. No user call ever runs the MEASURE planner: MEASURE plans are made
only on explicit request (``fft.warmup(problems, measure=True)``), and their
wisdom is kept in ``$XDG_CACHE_HOME/convkit/fftw_wisdom.pickle`` (or
``CONVKIT_FFTW_WISDOM_FILE``) unless ``CONVKIT_FFTW_WISDOM=0``.
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

from .. import _config

__all__ = ["lib", "checkout", "checkin", "plan_lock", "force_measure", "make_fftw",
           "set_wisdom_persistence", "wisdom_persistence", "wisdom_path", "load_wisdom",
           "save_wisdom", "clear_plans", "set_planner_policy", "planner_policy", "pool_stats",
           "run_parallel", "deterministic", "memo_path", "load_memo", "save_memo"]

_WISDOM_FORMAT = "convkit-fftw-wisdom"
_WISDOM_VERSION = 1
_MEMO_FORMAT = "convkit-fftw-estimate-memo"
_MEMO_VERSION = 1


# ---------------------------------------------------------------------------
# pyFFTW, loaded on first use
# ---------------------------------------------------------------------------

_lib = None


def _import_core():
    """pyFFTW's compiled core (``pyfftw.pyfftw``) without the package
    ``__init__``, which also imports ``pyfftw.interfaces`` and through it
    scipy.fftpack and dask.array (0.45 s of a fresh process's first FFT call).
    Registered under its own name, so a later ``import pyfftw`` reuses it (one
    FFTW state). Falls back to the ordinary import."""
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


def lib():
    """pyFFTW's core module (``FFTW``, ``empty_aligned``, wisdom functions), loaded once."""
    global _lib
    if _lib is None:
        try:
            _lib = _import_core()
        except ImportError as exc:
            from . import missing_pyfftw

            raise missing_pyfftw("fft", exc) from exc
    return _lib


def _pyfftw_version() -> str:
    try:
        from importlib.metadata import version
        return version("pyFFTW")
    except Exception:  # pragma: no cover
        return getattr(sys.modules.get("pyfftw"), "__version__", "unknown")


# ---------------------------------------------------------------------------
# policy
# ---------------------------------------------------------------------------

plan_lock = threading.RLock()        # FFTW planner + wisdom
_pool_lock = threading.Lock()        # the pool dictionaries

_pool: OrderedDict[tuple, list] = OrderedDict()
_pool_bytes = 0

# explicit overrides of the environment (set_planner_policy); None: read the variable
_overrides: dict = {"planner": None, "max_bytes": None, "per_key": None}
_local = threading.local()           # .force > 0 while force_measure() is active in this thread


def _forced() -> bool:
    return getattr(_local, "force", 0) > 0


def _planner() -> str:
    p = _overrides["planner"]
    return p if p is not None else _config.get("CONVKIT_FFTW_PLANNER")


def deterministic() -> bool:
    """True under the default planning policy (plans independent of history and timing)."""
    return _planner() == "estimate" and not _forced()


def _max_bytes() -> int:
    v = _overrides["max_bytes"]
    return int(v if v is not None else _config.get("CONVKIT_FFT_CACHE_MB") * (1 << 20))


# idle bundles kept per key by default: one per core, read once (os.cpu_count() costs a
# syscall on every plan checkin otherwise)
_DEFAULT_PER_KEY = max(2, os.cpu_count() or 2)


def _per_key() -> int:
    v = _overrides["per_key"]
    return int(v if v is not None else _DEFAULT_PER_KEY)


def set_planner_policy(planner=None, max_bytes=None, per_key=None, **ignored):
    """Override the planning policy for this process.

    ``planner``: ``'estimate'`` (deterministic, the default) or ``'measure'``
    (use MEASURE wisdom when present; see the module docstring);
    ``max_bytes`` bounds the idle pool, ``per_key`` the idle bundles per key.
    Keywords of the former automatic re-planning (``measure_after``,
    ``time_limit``, ``measure_max_points``) are accepted and ignored: no user
    call runs the MEASURE planner any more. Returns the policy in force.
    """
    if planner is not None:
        if planner not in ("estimate", "measure"):
            raise ValueError(f"planner must be 'estimate' or 'measure', not {planner!r}")
        _overrides["planner"] = planner
    if max_bytes is not None:
        _overrides["max_bytes"] = int(max_bytes)
    if per_key is not None:
        _overrides["per_key"] = int(per_key)
    return planner_policy()


def planner_policy() -> dict:
    """The policy in force: ``planner``, ``max_bytes``, ``per_key``."""
    return {"planner": _planner(), "max_bytes": _max_bytes(), "per_key": _per_key()}


def reset_planner_policy() -> None:
    """Forget :func:`set_planner_policy`'s overrides (the environment decides again)."""
    _overrides.update(planner=None, max_bytes=None, per_key=None)


class force_measure:
    """Context manager: plans made by this thread while it is active are
    planned with FFTW_MEASURE, whatever their size and without a time limit,
    and their wisdom is saved when persistence is on. Used by
    ``warmup(measure=True)``; other threads' calls keep the policy in force
    (no user call runs the MEASURE planner). The results of such plans may
    differ in the last bits from the default ESTIMATE plans."""

    def __enter__(self):
        _local.force = getattr(_local, "force", 0) + 1
        return self

    def __exit__(self, *exc):
        _local.force -= 1


# ---------------------------------------------------------------------------
# wisdom (only under the 'measure' policy or an explicit request)
# ---------------------------------------------------------------------------

_wisdom = {"enabled": None, "loaded": False, "path": None}


def wisdom_persistence() -> bool:
    """Whether wisdom is loaded from and saved to disk when MEASURE plans are in use."""
    e = _wisdom["enabled"]
    return _config.get("CONVKIT_FFTW_WISDOM") if e is None else e


def set_wisdom_persistence(enabled: bool, path: str | None = None) -> None:
    """Turn wisdom persistence on or off (overrides ``CONVKIT_FFTW_WISDOM``);
    optionally point it at another file (loaded lazily)."""
    with plan_lock:
        _wisdom["enabled"] = bool(enabled)
        if path is not None:
            _wisdom["path"] = os.fspath(path)
            _wisdom["loaded"] = False


def wisdom_path() -> str:
    """The wisdom file used when persistence is on."""
    if _wisdom["path"]:
        return _wisdom["path"]
    p = _config.get("CONVKIT_FFTW_WISDOM_FILE")
    if p is not None:
        return os.fspath(p)
    return os.fspath(_config.cache_dir() / "fftw_wisdom.pickle")


def load_wisdom(force: bool = False) -> bool:
    """Import the wisdom file once (``force`` re-reads it). Returns True if
    wisdom was imported. A corrupt or foreign file gives a RuntimeWarning.
    Only the 'measure' policy and ``warmup(measure=True)`` call this."""
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
            _mark_measure()
            ok = lib().import_wisdom(wis)
            if not any(ok):
                raise ValueError("FFTW rejected the wisdom")
            return True
        except Exception as exc:  # corrupt, truncated, foreign, other FFTW
            warnings.warn(f"convkit: ignoring FFTW wisdom file {path!r}: {exc}",
                          RuntimeWarning, stacklevel=3)
            return False


def _write_atomic(path, data) -> None:
    """Pickle ``data`` to ``path`` through a temporary file and a rename (readers never
    see half a file)."""
    d = os.path.dirname(path) or "."
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", dir=d)
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


def save_wisdom() -> bool:
    """Write the current FFTW wisdom to the wisdom file (atomically).
    Returns False (and writes nothing) when persistence is off."""
    with plan_lock:
        if not wisdom_persistence():
            return False
        path = wisdom_path()
        data = {"format": _WISDOM_FORMAT, "version": _WISDOM_VERSION,
                "pyfftw": _pyfftw_version(), "fftw": lib().export_wisdom()}
        try:
            _write_atomic(path, data)
            return True
        except OSError as exc:
            warnings.warn(f"convkit: cannot save FFTW wisdom to {path!r}: {exc}",
                          RuntimeWarning, stacklevel=3)
            return False


# MEASURE wisdom can be in this process only when pyFFTW's package was imported
# (convkit loads its compiled core alone) or convkit itself loaded or made some.
_measure_seen = False
_estimate_memo = None       # convkit's own ESTIMATE wisdom, kept apart from anyone else's


def _mark_measure() -> None:
    global _measure_seen
    _measure_seen = True


def _foreign_wisdom_possible() -> bool:
    return _measure_seen or "pyfftw" in sys.modules


class _without_wisdom:
    """Plan (caller holds ``plan_lock``) with FFTW's wisdom holding only what
    ESTIMATE itself recorded before, so an ESTIMATE plan is the one ESTIMATE
    makes from nothing and not one found in wisdom some earlier MEASURE left
    behind (FFTW uses MEASURE wisdom for ESTIMATE requests).

    While no MEASURE wisdom can exist in the process this is free: the wisdom
    is convkit's own ESTIMATE memo (sub-plans reused, planning stays cheap).
    Otherwise the process's wisdom is exported, set aside and re-imported
    around the planning (a few milliseconds per new plan), and convkit's
    ESTIMATE memo is swapped in and out of FFTW with it.
    """

    def __enter__(self):
        self.swap = _foreign_wisdom_possible()
        if self.swap:
            pf = lib()
            self.saved = pf.export_wisdom()
            pf.forget_wisdom()
            if _estimate_memo is not None:
                pf.import_wisdom(_estimate_memo)
        return self

    def __exit__(self, *exc):
        global _estimate_memo
        if self.swap:
            pf = lib()
            _estimate_memo = pf.export_wisdom()
            pf.forget_wisdom()
            pf.import_wisdom(self.saved)


# ---------------------------------------------------------------------------
# the ESTIMATE memo kept between processes (deterministic policy only)
# ---------------------------------------------------------------------------

_memo = {"loaded": False, "seen": None, "registered": False, "signature": None, "dirty": False}

#: the memo stops growing at this size (importing it costs about 1.4 ms per 100 KiB at a
#: process's first plan; 2-core AMD EPYC, pyFFTW 0.15.1)
MEMO_MAX_BYTES = 4 << 20


def memo_enabled() -> bool:
    """Whether ESTIMATE plans are memoised on disk (``CONVKIT_FFTW_PLAN_MEMO``)."""
    return _config.get("CONVKIT_FFTW_PLAN_MEMO")


def memo_path() -> str:
    """The file holding this machine's ESTIMATE plan memo."""
    p = _config.get("CONVKIT_FFTW_PLAN_MEMO_FILE")
    if p is not None:
        return os.fspath(p)
    return os.fspath(_config.cache_dir() / "fftw_plan_memo.pickle")


def _memo_signature() -> tuple:
    """What an ESTIMATE plan depends on besides the problem: FFTW's build and the CPU's
    vector units (a solver recorded on another CPU may not apply here)."""
    if _memo["signature"] is not None:
        return _memo["signature"]
    import platform

    try:
        from numpy._core._multiarray_umath import __cpu_features__ as feats
    except ImportError:  # pragma: no cover - numpy < 2
        from numpy.core._multiarray_umath import __cpu_features__ as feats
    fftw = getattr(lib(), "_fftw_version_dict", {})
    _memo["signature"] = (_pyfftw_version(), tuple(sorted(fftw.items())), platform.machine(),
                          tuple(sorted(k for k, v in feats.items() if v)))
    return _memo["signature"]


def _read_memo(path):
    """The memo's wisdom, or None when absent, foreign or damaged (then silently
    ignored: the next save replaces it)."""
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        if (isinstance(data, dict) and data.get("format") == _MEMO_FORMAT
                and data.get("version") == _MEMO_VERSION and data.get("signature") == _memo_signature()
                and isinstance(data.get("fftw"), tuple)
                and all(isinstance(w, bytes) for w in data["fftw"])):
            return data["fftw"]
    except Exception:
        pass
    return None


def _memo_now():
    """convkit's ESTIMATE wisdom now (caller holds ``plan_lock``)."""
    if _foreign_wisdom_possible():
        return _estimate_memo
    return lib().export_wisdom()


def _memo_add(wis) -> None:
    """Merge ESTIMATE wisdom into convkit's memo (caller holds ``plan_lock``)."""
    global _estimate_memo
    pf = lib()
    if not _foreign_wisdom_possible():
        pf.import_wisdom(wis)
        return
    saved = pf.export_wisdom()
    pf.forget_wisdom()
    if _estimate_memo is not None:
        pf.import_wisdom(_estimate_memo)
    pf.import_wisdom(wis)
    _estimate_memo = pf.export_wisdom()
    pf.forget_wisdom()
    pf.import_wisdom(saved)


def load_memo(force: bool = False) -> bool:
    """Read the ESTIMATE memo into this process once (``force``: again). Returns True
    when plans were imported. Called by the first deterministic plan of a process."""
    with plan_lock:
        if _memo["loaded"] and not force:
            return False
        _memo["loaded"] = True
        if not memo_enabled():
            return False
        if not _memo["registered"]:
            import atexit

            atexit.register(_save_memo_at_exit)
            _memo["registered"] = True
        wis = _read_memo(memo_path())
        _memo["seen"] = wis             # what the file held (no export here: it costs ms)
        if wis is None:
            return False
        _memo_add(wis)
        return True


def _has_new_entries(now, seen) -> bool:
    """Whether wisdom ``now`` holds a plan ``seen`` lacks (FFTW's export order is not
    stable across an import, so the entries, one per line, are compared as sets)."""
    if seen is None:
        return any(w.strip() for w in now)
    return any(not set(a.splitlines()) <= set(b.splitlines()) for a, b in zip(now, seen))


def save_memo() -> bool:
    """Merge this process's new ESTIMATE plans into the memo file (atomically).
    Returns True when the file was written; False when the memo is off or
    nothing new was planned since it was read."""
    with plan_lock:
        if not memo_enabled() or not _memo["loaded"] or not _memo["dirty"]:
            return False
        now = _memo_now()
        if now is None or not _has_new_entries(now, _memo["seen"]):
            return False
        path = memo_path()
        other = _read_memo(path)         # what other processes saved meanwhile
        if other is not None and other != _memo["seen"]:
            _memo_add(other)
            now = _memo_now()
        if sum(len(w) for w in now) > MEMO_MAX_BYTES:
            return False
        try:
            _write_atomic(path, {"format": _MEMO_FORMAT, "version": _MEMO_VERSION,
                                 "signature": _memo_signature(), "fftw": now})
        except OSError:
            return False                 # a read-only cache only costs the next process time
        _memo["seen"] = now
        _memo["dirty"] = False
        return True


def _save_memo_at_exit() -> None:
    try:
        save_memo()
    except Exception:  # pragma: no cover - never fail an interpreter's exit
        pass


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
        arr = lib().empty_aligned(shape, dtype=dtype)
        self.nbytes += arr.nbytes
        return arr


def make_fftw(inp, out, axes, direction, effort, threads, wisdom_only=False):
    """Plan one FFTW object (caller holds ``plan_lock``)."""
    flags = [effort, "FFTW_DESTROY_INPUT"] if direction == "FFTW_BACKWARD" else [effort]
    if wisdom_only:
        flags.append("FFTW_WISDOM_ONLY")
    return lib().FFTW(inp, out, axes=axes, direction=direction, flags=tuple(flags), threads=threads)


def plan_estimate(factory, bundle):
    """Run ``factory(bundle, 'FFTW_ESTIMATE', False)`` under the planner lock,
    wisdom set aside when the policy is deterministic."""
    with plan_lock:
        if _planner() == "estimate":
            if not _memo["loaded"]:
                load_memo()
            _memo["dirty"] = True
            with _without_wisdom():
                factory(bundle, "FFTW_ESTIMATE", False)
        else:
            factory(bundle, "FFTW_ESTIMATE", False)


def _plan(key, factory):
    if _forced():
        with plan_lock:
            _mark_measure()
            load_wisdom()
            b = Bundle(key, "FFTW_MEASURE")
            factory(b, "FFTW_MEASURE", False)
            save_wisdom()
            return b
    if _planner() == "measure":
        with plan_lock:
            _mark_measure()
            load_wisdom()
            b = Bundle(key, "FFTW_MEASURE")
            try:
                factory(b, "FFTW_MEASURE", True)         # instant when wisdom has it
                return b
            except RuntimeError:
                pass
    b = Bundle(key, "FFTW_ESTIMATE")
    plan_estimate(factory, b)
    return b


def _wanted_effort():
    """The effort a pooled bundle must have to be handed out now."""
    if _forced():
        return "FFTW_MEASURE"
    return "FFTW_ESTIMATE" if _planner() == "estimate" else None      # None: either


def checkout(key, factory, points=0):
    """An idle bundle for ``key``, or a new one planned by ``factory(bundle,
    effort, wisdom_only)`` (which fills the bundle and may raise RuntimeError
    when ``wisdom_only`` finds no wisdom). ``points`` is kept for callers of
    the former signature."""
    global _pool_bytes
    want = _wanted_effort()
    with _pool_lock:
        pool = _pool.get(key)
        while pool:
            b = pool.pop()
            _pool_bytes -= b.nbytes
            if not pool:
                del _pool[key]                     # no empty lists: keys stay bounded
            if want is not None and b.effort != want:
                continue                           # planned under another policy: drop
            if pool:
                _pool.move_to_end(key)
            return b
    return _plan(key, factory)


def checkin(bundle) -> None:
    """Return a bundle to the idle pool (bounded; LRU eviction)."""
    global _pool_bytes
    max_bytes = _max_bytes()
    if bundle.nbytes > max_bytes:
        return
    per_key = _per_key()
    with _pool_lock:
        pool = _pool.get(bundle.key)
        if pool is None:
            pool = _pool[bundle.key] = []
        if len(pool) >= per_key:
            if not pool:
                del _pool[bundle.key]
            return
        pool.append(bundle)
        _pool.move_to_end(bundle.key)
        _pool_bytes += bundle.nbytes
        while _pool_bytes > max_bytes and _pool:
            k, lst = next(iter(_pool.items()))
            if lst:
                old = lst.pop(0)
                _pool_bytes -= old.nbytes
            if not lst:
                del _pool[k]


def clear_plans() -> None:
    """Drop every idle plan bundle."""
    global _pool_bytes
    with _pool_lock:
        _pool.clear()
        _pool_bytes = 0


def pool_stats() -> dict:
    with _pool_lock:
        return {"keys": len(_pool), "bundles": sum(len(v) for v in _pool.values()),
                "bytes": _pool_bytes}


# ---------------------------------------------------------------------------
# worker threads for elementwise passes, operands, blocks and rows
# ---------------------------------------------------------------------------

_executor = None
_executor_size = 0
_executor_lock = threading.Lock()


def executor(n):
    """A shared thread pool with at least ``n`` workers."""
    global _executor, _executor_size
    from concurrent.futures import ThreadPoolExecutor
    with _executor_lock:
        if _executor is None or _executor_size < n:
            old = _executor
            _executor_size = max(n, 2)
            _executor = ThreadPoolExecutor(max_workers=_executor_size,
                                           thread_name_prefix="convkit-fft")
            if old is not None:
                old.shutdown(wait=False)
        return _executor


def run_parallel(fn, items, workers):
    """Call ``fn(item)`` for each item, on up to ``workers`` threads (the
    caller's thread runs the first); returns the results in order."""
    items = list(items)
    if workers <= 1 or len(items) <= 1:
        return [fn(it) for it in items]
    ex = executor(workers)
    futs = [ex.submit(fn, it) for it in items[1:]]
    first = fn(items[0])
    return [first] + [f.result() for f in futs]
