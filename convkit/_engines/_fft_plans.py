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
make a plan depend on what ran before), and no MEASURE wisdom file is read
or written.
An ESTIMATE plan depends only on the problem (sizes, strides, alignment of the
bundle's own buffers) and the CPU, so the same call gives the same bits on
every call and in every process, whatever ran before and whatever ``workers``
is. FFTW's ESTIMATE planner still costs 1-10 ms per new real transform (it
prices every solver of this multi-SIMD build), tens to hundreds of times a
small transform's execution, so ESTIMATE plans are memoised per plan bundle
(:func:`plan_estimate`): the first planning of a bundle key records the
ESTIMATE wisdom of its plans, made from empty wisdom; planning that key again
imports just that record and FFTW rebuilds the same plans without searching
(only their twiddle tables cost anything, about one execution). Records are
kept in the process and, with ``CONVKIT_FFTW_PLAN_MEMO`` (on by default), in
one small file per key under ``$XDG_CACHE_HOME/convkit/fftw_plans/<build>/``
(or ``CONVKIT_FFTW_PLAN_MEMO_DIR``), ``<build>`` a hash of pyFFTW's and FFTW's
versions and the CPU's features. A process reads only the records of the keys
it plans, so the memo may hold every length :func:`_spectral.plan_real_lengths`
plans ahead without slowing anyone's first call. The records of the 1-D real
convolution at every FFTW length up to 2**18 are also kept together in one
filled store that a background process writes once per machine
(:mod:`._fft_fill`, ``CONVKIT_FFTW_FILL``); a plan miss looks there before the
per-key file.

``measure`` (opt-in; results may differ in the last bits between runs): a
plan is taken from FFTW_MEASURE wisdom when some exists for it (looked up with
FFTW_WISDOM_ONLY, which also works around pyFFTW#223), else made with
ESTIMATE. No user call ever runs the MEASURE planner: MEASURE plans are made
only on explicit request (``convkit.warmup(fft_shapes=..., measure=True)``
or ``fft.warmup(problems, measure=True)``), and their
wisdom is kept in ``$XDG_CACHE_HOME/convkit/fftw_wisdom.pickle`` (or
``CONVKIT_FFTW_WISDOM_FILE``) unless ``CONVKIT_FFTW_WISDOM=0``.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import math
import os
import pickle
import sys
import tempfile
import threading
import time
import warnings
from collections import OrderedDict

import numpy as np

from .. import _config, _tuning
from . import _buffers

__all__ = ["lib", "require", "checkout", "checkin", "plan_lock", "force_measure", "make_fftw",
           "set_wisdom_persistence", "wisdom_persistence", "wisdom_path", "load_wisdom",
           "save_wisdom", "clear_plans", "set_planner_policy", "planner_policy", "pool_stats",
           "run_parallel", "deterministic", "memo_path", "memo_enabled"]

_WISDOM_FORMAT = "convkit-fftw-wisdom"
_WISDOM_VERSION = 1
_MEMO_FORMAT = "convkit-fftw-estimate-memo"
_MEMO_VERSION = 2   # 2: power-of-two transforms of 16384+ points planned in place


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


_found = False


def require() -> None:
    """Raise :func:`lib`'s ImportError when pyFFTW is missing, without loading it when it is
    there (3 ms of a fresh process: pocketfft's short transforms need no FFTW, but the fft
    engine needs pyFFTW whatever the length, one rule for the dispatcher and for users)."""
    global _found
    if _found or _lib is not None:
        return
    try:
        ok = sys.modules.get("pyfftw", False) is not None and importlib.util.find_spec("pyfftw") is not None
    except (ImportError, ValueError):
        ok = False
    if not ok:
        lib()                # raises the ImportError that says what to install
    _found = True


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


def _write_atomic(path, data, tail=b"") -> None:
    """Pickle ``data`` (then write the bytes ``tail``) to ``path`` through a temporary file and
    a rename (readers never see half a file)."""
    d = os.path.dirname(path) or "."
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", dir=d)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=4)
            fh.write(tail)
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


def _mark_measure() -> None:
    global _measure_seen
    _measure_seen = True


def _foreign_wisdom_possible() -> bool:
    return _measure_seen or "pyfftw" in sys.modules


class _clean_wisdom:
    """Plan (caller holds ``plan_lock``) with FFTW's wisdom empty but for what the
    caller imports, so an ESTIMATE plan is the one ESTIMATE makes from nothing and
    not one found in wisdom some earlier MEASURE left behind (FFTW uses MEASURE
    wisdom for ESTIMATE requests). Afterwards FFTW's wisdom is what it was: empty
    while no MEASURE wisdom can exist in the process (then this costs nothing),
    otherwise exported, set aside and re-imported around the planning."""

    def __enter__(self):
        pf = lib()
        self.saved = pf.export_wisdom() if _foreign_wisdom_possible() else None
        pf.forget_wisdom()
        return self

    def __exit__(self, *exc):
        pf = lib()
        pf.forget_wisdom()
        if self.saved is not None:
            pf.import_wisdom(self.saved)


# ---------------------------------------------------------------------------
# the ESTIMATE memo: per plan bundle, in the process and on disk
# ---------------------------------------------------------------------------

_known: dict = {}                    # memo key -> the ESTIMATE wisdom of that bundle's plans
_KNOWN_MAX = 4096                    # records kept in the process (a few KiB each)
_memo = {"signature": None, "dir": None}


def memo_enabled() -> bool:
    """Whether ESTIMATE plans are memoised on disk (``CONVKIT_FFTW_PLAN_MEMO``)."""
    return _config.get("CONVKIT_FFTW_PLAN_MEMO")


def _digest(text: str, size: int) -> str:
    """A stable hex digest of ``text`` (``2 * size`` digits). BLAKE2 from its own small module:
    ``import hashlib`` loads OpenSSL, 3-5 ms of a process's first planned FFT call."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - Python built without it
        from hashlib import blake2b
    return blake2b(text.encode(), digest_size=size).hexdigest()


def _core_identity() -> tuple:
    """pyFFTW's compiled core as installed: its file name, size and modification time (a new
    install is a new identity). ``importlib.metadata.version('pyFFTW')`` cost 19-99 ms of a
    fresh process's first planned FFT call; this is one ``stat``."""
    path = getattr(lib(), "__file__", None) or ""
    try:
        st = os.stat(path)
        return os.path.basename(path), st.st_size, st.st_mtime_ns
    except OSError:
        return (path,)


def _memo_signature() -> str:
    """What an ESTIMATE plan depends on besides the problem, as a short hash: FFTW's
    build (pyFFTW's core as installed, FFTW's version) and the CPU's vector units (a solver
    recorded on another CPU may not apply)."""
    if _memo["signature"] is None:
        try:
            from numpy._core._multiarray_umath import __cpu_features__ as feats
        except ImportError:  # pragma: no cover - numpy < 2
            from numpy.core._multiarray_umath import __cpu_features__ as feats
        fftw = getattr(lib(), "_fftw_version_dict", {})
        sig = repr((_MEMO_FORMAT, _MEMO_VERSION, _core_identity(), sorted(fftw.items()),
                    os.uname().machine if hasattr(os, "uname") else sys.platform,
                    sorted(k for k, v in feats.items() if v)))
        _memo["signature"] = _digest(sig, 8)
    return _memo["signature"]


def memo_path() -> str:
    """The folder holding this machine's ESTIMATE plan memo (one file per plan bundle,
    in a sub-folder named after FFTW's build and the CPU)."""
    p = _config.get("CONVKIT_FFTW_PLAN_MEMO_DIR")
    base = os.fspath(p) if p is not None else os.fspath(_config.cache_dir() / "fftw_plans")
    return os.path.join(base, _memo_signature())


def _memo_file(key: str) -> str:
    return os.path.join(memo_path(), _digest(key, 20) + ".pickle")


def _memo_read(key: str):
    """The memoised wisdom of bundle ``key``, or None (absent, damaged or foreign: ignored,
    and replaced when the bundle is planned)."""
    try:
        with open(_memo_file(key), "rb") as fh:
            data = pickle.load(fh)
        if (isinstance(data, dict) and data.get("key") == key and isinstance(data.get("fftw"), tuple)
                and all(isinstance(w, bytes) for w in data["fftw"])):
            return _trimmed(data["fftw"])
    except Exception:
        pass
    return None


def _memo_write(key: str, wis) -> None:
    try:
        _write_atomic(_memo_file(key), {"key": key, "fftw": wis})
    except OSError:
        pass                         # a read-only cache only costs the next process time


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
        """An aligned buffer owned by the bundle: large ones carved from huge-page slabs
        (:func:`._buffers.lasting`: a new size's buffers cost a 2 MiB fault per 2 MiB, or none,
        instead of a fault per 4 KiB), small ones from malloc's heap."""
        dt = np.dtype(dtype)
        if math.prod(shape) * dt.itemsize >= _buffers.LASTING_MIN_BYTES:
            arr = _buffers.lasting(tuple(shape), dt)
        else:
            arr = lib().empty_aligned(shape, dtype=dt)
        self.nbytes += arr.nbytes
        return arr


def make_fftw(inp, out, axes, direction, effort, threads, wisdom_only=False):
    """Plan one FFTW object (caller holds ``plan_lock``)."""
    flags = [effort, "FFTW_DESTROY_INPUT"] if direction == "FFTW_BACKWARD" else [effort]
    if wisdom_only:
        flags.append("FFTW_WISDOM_ONLY")
    return lib().FFTW(inp, out, axes=axes, direction=direction, flags=tuple(flags), threads=threads)


def _trimmed(wis) -> tuple:
    """Wisdom with the precisions that hold no entry left out (b""): FFTW spends about
    0.2 ms checking even an empty precision's header on import, 0.3 ms parsing a
    typical bundle's record (2-core AMD EPYC, FFTW 3.3.5)."""
    return tuple(w if w.count(b"\n") > 2 else b"" for w in wis)


#: an empty record: the bundle plans from nothing faster than a record is written and read
_FROM_NOTHING = ()


def plan_estimate(factory, bundle, disk=True):
    """Run ``factory(bundle, 'FFTW_ESTIMATE', False)`` under the planner lock.

    Under the deterministic policy the plans are made from empty wisdom plus,
    when this bundle's key was planned before (in this process, in an earlier
    one with the memo on, or by the filler of :mod:`._fft_fill`), the ESTIMATE
    wisdom recorded then: FFTW then rebuilds the same plans without searching.
    A new key's wisdom is recorded, unless planning it from nothing took less than
    :data:`convkit._tuning.FFTW_RECORD_MIN_S` (complex transforms, mostly):
    exporting a record costs more than that, so such a key is planned from
    nothing every time, which gives the same plans. ``disk=False`` (the filler
    itself) neither reads nor writes records on disk."""
    with plan_lock:
        if _planner() != "estimate":
            factory(bundle, "FFTW_ESTIMATE", False)
            return
        key = repr(bundle.key)
        wis = _known.get(key)
        disk = disk and memo_enabled()
        if wis is None and disk:
            from . import _fft_fill

            wis = _fft_fill.lookup(key)
            if wis is None:
                wis = _memo_read(key)
        pf = lib()
        with _clean_wisdom():
            if wis:
                pf.import_wisdom(wis)
            t0 = time.thread_time()
            factory(bundle, "FFTW_ESTIMATE", False)
            if wis is None:
                if time.thread_time() - t0 < _tuning.FFTW_RECORD_MIN_S:
                    wis = _FROM_NOTHING
                else:
                    wis = _trimmed(pf.export_wisdom())
                    if disk:
                        _memo_write(key, wis)
        if len(_known) >= _KNOWN_MAX:
            _known.clear()
        _known[key] = wis


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


def _forget_executor_after_fork() -> None:
    """A forked child has none of its parent's worker threads: jobs submitted to the parent's
    executor would wait for ever (a fork pool's child hung on its first threaded FFT call). The
    child makes its own executor on first use."""
    global _executor, _executor_size, _executor_lock
    _executor = None
    _executor_size = 0
    _executor_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_executor_after_fork)


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
