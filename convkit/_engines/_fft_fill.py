"""The filled ESTIMATE plan store: every 1-D real FFTW length, planned once per machine (private).

A new FFTW transform length costs its first call FFTW's ESTIMATE search (5-20 ms for a real
1-D convolution's plans, 20-60 times its execution). The per-plan memo of
:mod:`._fft_plans` removes the search for a length some earlier process planned, but
not for a length this machine never planned. This module closes that gap for the most
common FFTW problem, the one-transform convolution of 1-D real data (float64, and float32
in its default double-precision transforms): a **filler**, a separate low-priority Python
process, plans the convolution at every length :func:`._spectral.real_lengths` lists (each
transform length the FFT engines run on FFTW up to :data:`FILL_MAX_LEN`) and writes the
records into one **store** file beside the memo, atomically. A process reads the store's
index (at a plan miss after the file appeared or changed) and a length's record when it plans
that length, as it would read a per-plan memo file.

Bits: each record is the ESTIMATE wisdom of one bundle planned from empty wisdom, exactly
what the per-plan memo records, and it is imported alone into empty wisdom when that
bundle is planned (:func:`._fft_plans.plan_estimate`), so a plan rebuilt from the store is
the plan ESTIMATE makes from nothing: the same bits with the store full, partial, damaged,
absent or switched off.

The filler starts, once per process, at the first FFTW plan miss of a process whose store
is missing or incomplete (and from :func:`convkit.warmup`), unless ``CONVKIT_FFTW_FILL=0``
or the plan memo is off. It is a process, not a thread, so the user's process pays no GIL
for it (as :mod:`convkit._execute_compile` does for Numba kernels); it runs at the lowest
priority, holds a lock file so one filler per store runs at a time, resumes a partial
store and writes its progress every :data:`_CHECKPOINT` lengths.

Lengths the store does not hold (above :data:`FILL_MAX_LEN`, more axes, complex data,
overlap-save blocks, batched rows under ``_tuning.FFT_ROWS_MIN_LEN``) keep the per-plan memo:
their keys are unbounded, and the wisdom of the single transform does not make a batched
("howmany") plan cheap (64 rows of 4320 points: 19 ms from nothing, 14 ms with the single
transform's record imported, 0.23 ms with its own record; thread CPU, epyc-zen4-2c). Rows of
``FFT_ROWS_MIN_LEN`` points and more run the 1-D plans row by row (:mod:`._fft_rows`), so
the store serves them whatever their count.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from functools import partial

import numpy as np

from .. import _config
from . import _fft_plans
from ._spectral import PLAN_AHEAD_MAX

__all__ = ["FILL_MAX_LEN", "enabled", "store_path", "lookup", "prepare", "start", "running", "wait", "fill",
           "plan_ahead", "store_keys"]

_FORMAT = "convkit-fftw-estimate-store"
_VERSION = 1
_FILE = "filled.pickle"
_LOCK = "filled.lock"
#: the filler writes the store after every this many new lengths (a filler stopped half-way
#: leaves its progress; a process reads the store again when it changed)
_CHECKPOINT = 128


#: the longest transform the filler plans: 2**18 points, as ``warmup(fft_lengths=True)`` (632
#: lengths from 1344: 6.3 s of CPU once per machine, a 1.6 MB store, its header read in 0.30 ms;
#: up to 2**20, 966 lengths: 19.4 s, 2.8 MB, 0.42 ms. epyc-zen4-2c, FFTW 3.3.5, loaded machine:
#: ``_fft_fill.fill(_spectral.real_lengths(n))`` timed in a process of its own)
FILL_MAX_LEN = PLAN_AHEAD_MAX


def enabled() -> bool:
    """Whether a background filler may start (``CONVKIT_FFTW_FILL``, on by default)."""
    return _config.get("CONVKIT_FFTW_FILL")


def store_path() -> str:
    """The store file, in the plan memo's folder for this FFTW build and CPU."""
    return os.path.join(_fft_plans.memo_path(), _FILE)


def _key(L: int) -> str:
    from . import _spectral
    return repr(_spectral._conv_key((L,), (L,), (L,), np.dtype(np.float64), (0,), 1))


def store_keys(max_len: int | None = None) -> dict:
    """``{plan key: length}`` of every bundle a full store up to ``max_len`` (default
    :data:`FILL_MAX_LEN`) holds."""
    from . import _spectral
    return {_key(L): L for L in _spectral.real_lengths(FILL_MAX_LEN if max_len is None else max_len)}


def _valid_record(wis) -> bool:
    return isinstance(wis, tuple) and all(isinstance(w, bytes) for w in wis)


# The file: a pickled header (format, version, the memo's signature, max_len, complete, and an
# index ``{key: (offset, size)}`` into what follows it), then each record pickled on its own. A
# process reads the header alone (about 40 KB) and each record when it is planned: reading and
# unpickling the whole 1.6 MB store cost 2.0 ms of a fresh process's first planned call, the
# header 0.3 ms and a record 0.02 ms (thread CPU, epyc-zen4-2c).

def _open(path: str):
    """``(file, header end, index, max_len, complete)`` of the store at ``path``, or None when
    it is absent, damaged or made by another FFTW build or CPU (then it is ignored and the next
    filler replaces it). The file stays open: a store replaced meanwhile (by rename) does not
    move the records under the index."""
    try:
        fh = open(path, "rb")
    except OSError:
        return None
    try:
        head = pickle.load(fh)
        if (not isinstance(head, dict) or head.get("format") != _FORMAT or head.get("version") != _VERSION
                or head.get("signature") != _fft_plans._memo_signature()):
            raise ValueError("not this machine's store")
        index = head["index"]
        if not (isinstance(index, dict) and all(isinstance(k, str) and isinstance(v, tuple) and len(v) == 2
                                                for k, v in index.items())):
            raise ValueError("malformed index")
        return fh, fh.tell(), index, int(head["max_len"]), bool(head["complete"])
    except Exception:
        fh.close()
        return None


def _record(fh, head_end: int, where) -> tuple | None:
    """One record read at ``where`` (its offset and size after the header), or None when it
    is damaged (the bundle is then planned as if the store did not hold it)."""
    try:
        offset, size = (int(v) for v in where)
        blob = os.pread(fh.fileno(), size, head_end + offset)
        wis = pickle.loads(blob) if len(blob) == size else None
        return wis if _valid_record(wis) else None
    except Exception:
        return None


def _read_all(path: str) -> dict:
    """Every intact record of the store at ``path`` (``{}`` when there is none)."""
    got = _open(path)
    if got is None:
        return {}
    fh, head_end, index = got[:3]
    with fh:
        records = {k: _record(fh, head_end, where) for k, where in index.items()}
    return {k: w for k, w in records.items() if w is not None}


def _write(path: str, records: dict, max_len: int, complete: bool) -> None:
    blobs, index, offset = [], {}, 0
    for key, wis in records.items():
        blob = pickle.dumps(wis, protocol=4)
        index[key] = (offset, len(blob))
        blobs.append(blob)
        offset += len(blob)
    head = {"format": _FORMAT, "version": _VERSION, "signature": _fft_plans._memo_signature(),
            "max_len": max_len, "complete": complete, "index": index}
    _fft_plans._write_atomic(path, head, tail=b"".join(blobs))


# ---------------------------------------------------------------------------
# the user's process: read the store, start the filler
# ---------------------------------------------------------------------------

# store: (file, header end, index) of the store read by this process, or None; stamp: (mtime,
# size) of the file read; complete: the store read holds every length up to FILL_MAX_LEN (no
# more stat per miss); proc: the filler this process started; started: it started one (at most
# one per process)
_state: dict = {"store": None, "stamp": None, "complete": False, "proc": None, "started": False}


def _forget_after_fork() -> None:
    """A forked child did not start its parent's filler (it is not the child's child): it
    neither waits for nor polls it, and starts none of its own."""
    _state["proc"] = None


os.register_at_fork(after_in_child=_forget_after_fork)


def lookup(key: str):
    """The store's record of plan bundle ``key``, or None. Caller holds ``plan_lock`` and has
    the memo on. While the store read so far is incomplete, each call (a plan miss, not a
    steady call) checks whether the file changed (one ``stat``) and reads its header again if
    so, and starts the filler once per process when it is missing or incomplete."""
    if not _state["complete"]:
        _refresh()
    store = _state["store"]
    if store is None:
        return None
    fh, head_end, index = store
    where = index.get(key)
    return None if where is None else _record(fh, head_end, where)


def _refresh() -> None:
    path = store_path()
    try:
        st = os.stat(path)
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None
    if stamp is not None and stamp != _state["stamp"]:
        _state["stamp"] = stamp
        got = _open(path)
        if got is not None:
            fh, head_end, index, max_len, complete = got
            if _state["store"] is not None:
                _state["store"][0].close()
            _state["store"] = (fh, head_end, index)
            _state["complete"] = complete and max_len >= FILL_MAX_LEN
    if not _state["complete"] and not _state["started"] and enabled():
        start()


def prepare() -> None:
    """Read the store if it changed, and start the filler when it is missing or incomplete
    (as a plan miss does): :func:`convkit.warmup` calls this. Does nothing with the plan memo
    off, under the opt-in 'measure' planner, or without pyFFTW."""
    try:
        _fft_plans.require()
        if not _fft_plans.memo_enabled() or not _fft_plans.deterministic():
            return
        with _fft_plans.plan_lock:
            if not _state["complete"]:
                _refresh()
    except ImportError:
        return


_SCRIPT = "import sys; from convkit._engines import _fft_fill; _fft_fill._main(int(sys.argv[1]))"


def start(max_len: int | None = None) -> bool:
    """Start the background filler for lengths up to ``max_len`` (default :data:`FILL_MAX_LEN`)
    unless this process already started one. Returns True when it started one now. The filler
    exits at once when another one holds the store's lock, and plans only what the store lacks."""
    if _state["started"] or os.name != "posix":      # the lock and the reads are POSIX calls
        return False
    _state["started"] = True
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    try:
        _state["proc"] = subprocess.Popen([sys.executable, "-c", _SCRIPT,
                                           str(int(FILL_MAX_LEN if max_len is None else max_len))], env=env,
                                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:              # no process can start (limits, sandbox): plans miss as before
        return False
    return True


def running() -> bool:
    """Whether the filler this process started is still running."""
    proc = _state["proc"]
    return proc is not None and proc.poll() is None


def wait(timeout: float | None = None) -> bool:
    """Wait for the filler this process started, if any; True when none is running."""
    proc = _state["proc"]
    if proc is None:
        return True
    try:
        proc.wait(timeout)
        return True
    except subprocess.TimeoutExpired:
        return False


# ---------------------------------------------------------------------------
# filling (the filler process, or warmup in the foreground)
# ---------------------------------------------------------------------------

def fill(lengths=None, progress=None, *, block: bool = True) -> int:
    """Plan the one-transform 1-D real convolution at each of ``lengths`` (default: every
    length up to :data:`FILL_MAX_LEN`) that the store does not hold yet, from empty wisdom,
    and add their records to the store (atomically, every :data:`_CHECKPOINT` lengths and at
    the end). Holds the store's lock file meanwhile: with ``block=False`` returns -1 at once
    when another filler holds it. ``progress(done, total)`` is called at each checkpoint.
    Returns the number of lengths planned now."""
    import fcntl

    from . import _spectral

    lengths = _spectral.real_lengths(FILL_MAX_LEN) if lengths is None else sorted({int(v) for v in lengths})
    path = store_path()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(os.path.join(os.path.dirname(path), _LOCK), "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
        except BlockingIOError:
            return -1
        records = _read_all(path)
        todo = [L for L in lengths if _key(L) not in records]
        wanted = store_keys()
        dt = np.dtype(np.float64)
        for i, L in enumerate(todo):
            f = (L,)
            key = _spectral._conv_key(f, f, f, dt, (0,), 1)
            with _fft_plans.plan_lock:
                _fft_plans.plan_estimate(partial(_spectral._plan_conv, f, f, f, dt, (0,), 1),
                                         _fft_plans.Bundle(key, "FFTW_ESTIMATE"), disk=False)
                wis = _fft_plans._known.get(repr(key))    # None under the opt-in 'measure' planner
            if wis is not None:
                records[repr(key)] = wis
            if (i + 1) % _CHECKPOINT == 0 or i + 1 == len(todo):
                _write(path, records, FILL_MAX_LEN, wanted.keys() <= records.keys())
                if progress is not None:
                    progress(i + 1, len(todo))
    return len(todo)


def plan_ahead(lengths, progress=None) -> int:
    """``warmup(fft_lengths=...)``: plan the 1-D real convolution at ``lengths`` now, into the
    store with the plan memo on (waiting for a running filler), else in this process only."""
    from . import _spectral

    if _fft_plans.memo_enabled():
        try:
            return fill(lengths, progress)
        except (OSError, ImportError):   # a read-only cache folder, no fcntl: the plans stay here
            pass
    return _spectral.plan_real_lengths(lengths, progress)


def _main(max_len: int) -> None:
    """The filler process: lowest priority, deterministic planner, one filler per store."""
    try:
        os.nice(19)
    except OSError:  # pragma: no cover - not permitted
        pass
    os.environ["CONVKIT_FFTW_PLANNER"] = "estimate"
    from . import _spectral

    fill(_spectral.real_lengths(max_len), block=False)
