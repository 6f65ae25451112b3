"""convkit.ndimage's first calls never wait for Numba: numpy kernels while the compiled ones compile.

scipy.ndimage answers a fresh process's first call in about 0.25 s, imports included; importing
Numba alone costs 0.3-0.4 s and compiling the kernels a call runs (:mod:`convkit._running`)
1-2 s more. So under ``CONVKIT_COMPILE=background`` (the default, :mod:`convkit._execute_compile`)
a call whose kernels are not known to be compiled runs their numpy repetitions
(:mod:`convkit._ndimage_numpy`: the same bits, no Numba import), while a separate process
compiles the compiled kernels into Numba's on-disk cache by running convkit.ndimage's calls for
that input dtype (:func:`compile_for`; the one background compile a process runs at a time,
shared with the direct engine's; 9 s of CPU for float64 images, 12 s for uint8 ones, here).
When it is done it leaves a marker beside the cache; later calls, and later processes that find
the marker (and the cache files it lists), run the compiled kernels, once Numba is loaded: a
process that has not imported it keeps the numpy road for its first :data:`WARM_NUMPY_SAMPLES`
samples, so a short script never pays Numba's import.
``CONVKIT_COMPILE=foreground`` (or ``wait``), :func:`foreground` and calls on more than
:data:`COLD_MAX_SAMPLES` samples compile in the call instead. A background compile that ends
without a marker (no writable cache, or it failed) makes the next call compile in the
foreground.

The choice is made per call and input dtype (:func:`begin`, at each public function's start)
and read by the roads wherever they bind a kernel (:func:`active`). It is one setting for the
process, not per thread (a thread-local cost a warm 3 us call 0.25 us more): a call on another
thread may switch it under a running call, which then runs some passes on the other kernels.
That changes its speed, never its bits. Calls that reach convkit's
engines (float images with 2-D kernels beyond 512^2 or 64 taps, long 1-D kernels) are not
covered here: the direct engine has its own cold road (its plain loop, which imports Numba).
Integer images with integer weights are (``_ndimage_passes._exact_sums``: exact sums, any order).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import sys
import threading

from . import _execute_compile

__all__ = ["COLD_MAX_SAMPLES", "WARM_NUMPY_SAMPLES", "active", "begin", "compile_for", "foreground", "marker",
           "running"]

# Calls on more samples compile in the call instead of running numpy: the numpy road makes
# about two passes over memory per tap (gaussian_filter float64 sigma 2, 17 taps a pass: 80-84
# ns a sample at 1024^2 and 2048^2, process CPU time, epyc-zen4-2c; so about 1.4 s at 4096^2,
# as long as compiling the kernels); below it the numpy road answers first.
COLD_MAX_SAMPLES = 1 << 24

# A process that has not imported Numba runs the numpy kernels (the same bits) even where the
# compiled ones are in the cache, until its calls have covered this many samples: importing Numba
# and loading the cached kernels costs a fresh process 0.4-0.8 s of CPU (a 512^2 call 0.64-1.14 s
# against 0.16-0.30 s on the numpy road, `latency.py --only first`, epyc-zen4-2c), as much as the
# numpy road's extra ~60 ns a sample over about 8e6 samples. Short scripts then never load Numba
# (issue #12 item 3); long ones switch once, after that many samples.
WARM_NUMPY_SAMPLES = 1 << 23

# dtypes the background compile covers (complex images run on their real components' dtype)
_IMAGE = frozenset("?bBhHiIlLqQfd")
_REAL = {"F": "f", "D": "d", "G": "g"}

_tls = threading.local()   # foreground() depth, per thread
_k = None               # the kernels calls run now: None for the compiled ones, else the numpy module
_warm: set = set()      # input dtype chars whose calls run the compiled kernels in this process
_procs: dict = {}       # input dtype char -> its background compile process
_compiled = None        # convkit._running, once imported
_stamp = None
_cached: set = set()    # input dtype chars whose compiled kernels are in the cache (marker found, or compiled)
_numpy_left = WARM_NUMPY_SAMPLES   # samples the numpy road may still take while Numba is not loaded


def _forget_after_fork() -> None:
    """A forked child has no background process of its own: it starts its own when a call needs one."""
    _procs.clear()


os.register_at_fork(after_in_child=_forget_after_fork)


def _numpy():
    from . import _ndimage_numpy

    return _ndimage_numpy


def _load():
    global _compiled
    from . import _running

    _compiled = _running
    return _running


def active():
    """The kernels the current convkit.ndimage call runs: :mod:`convkit._running`, or
    :mod:`convkit._ndimage_numpy` while they compile (set by :func:`begin`)."""
    return _k or _compiled or _load()


def compiled():
    """:mod:`convkit._running` (imported on first use: it imports Numba)."""
    return _compiled or _load()


def begin(x) -> None:
    """Choose the kernels of a convkit.ndimage call on the array ``x`` (see the module docstring).
    Callers may skip it when ``x.dtype.char in _warm and _k is None`` (nothing would change)."""
    global _k
    c = x.dtype.char
    _k = None if c in _warm else _choose(_REAL.get(c, c), x.size)


def _choose(c, size):
    if c not in _IMAGE:
        return None
    if c in _warm or getattr(_tls, "force", 0) or not _execute_compile.background() or size > COLD_MAX_SAMPLES:
        _warm.add(c)        # compiled in this call, if not before (so warmup's calls count)
        return None
    proc = _procs.get(c)
    if proc is not None and proc.poll() is None:
        return _numpy()
    if proc is not None or c in _cached or _on_disk(c):
        # compiled (or, if the background compile failed, compiled in the call): their cache is
        # there, but loading it means importing Numba, which a short script need not do
        _cached.add(c)
        if _numpy_while_numba_unloaded(size):
            return _numpy()
        _warm.add(c)
        return None
    proc = _execute_compile.start(_SCRIPT, c)
    if proc is not None:
        _procs[c] = proc
    return _numpy()


def _numba_loaded() -> bool:
    return "numba" in sys.modules


def _numpy_while_numba_unloaded(size) -> bool:
    """Whether a call on ``size`` samples whose compiled kernels are cached runs numpy instead
    (:data:`WARM_NUMPY_SAMPLES`); it then counts against the budget."""
    global _numpy_left
    if _numba_loaded() or size > _numpy_left:
        return False
    _numpy_left -= size
    return True


def running() -> bool:
    """Whether a background compile of ndimage kernels started by this process is running."""
    return any(p.poll() is None for p in _procs.values())


@contextlib.contextmanager
def foreground():
    """Calls in this thread run (and compile) the compiled kernels: for ``convkit.warmup``."""
    _tls.force = getattr(_tls, "force", 0) + 1
    try:
        yield
    finally:
        _tls.force -= 1


# ---------------------------------------------------------------- the marker


def _source_stamp() -> str:
    """What Numba's cache of ``_running`` depends on (its source file's mtime and size, the Python
    and Numba installations, where the cache lives), hashed; computed once (no Numba import)."""
    global _stamp
    if _stamp is None:
        src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_running.py")
        spec = importlib.util.find_spec("numba")
        parts = [src, sys.version, os.environ.get("NUMBA_CACHE_DIR", "")]
        for path in (src, spec.origin if spec is not None and spec.origin else ""):
            try:
                st = os.stat(path)
                parts += [str(st.st_mtime_ns), str(st.st_size)]
            except OSError:
                parts.append("-")
        _stamp = hashlib.sha1("\0".join(parts).encode()).hexdigest()[:16]
    return _stamp


def marker(c: str) -> str:
    """The marker file of input dtype char ``c``: in ``NUMBA_CACHE_DIR`` when set (it goes with the
    cache), else in convkit's cache folder (``$XDG_CACHE_HOME/convkit/ndimage``)."""
    base = os.environ.get("NUMBA_CACHE_DIR")
    if not base:
        from . import _config

        base = os.path.join(str(_config.cache_dir()), "ndimage")
    return os.path.join(base, f"convkit-ndimage-{_source_stamp()}-{ord(c)}.json")


def _on_disk(c: str) -> bool:
    """Whether the marker of ``c`` is there and every cache index it lists too."""
    try:
        with open(marker(c)) as f:
            paths = json.load(f)
    except (OSError, ValueError):
        return False
    return isinstance(paths, list) and all(isinstance(p, str) and os.path.exists(p) for p in paths)


# ---------------------------------------------------------------- the background process

_SCRIPT = """
import sys
from convkit import _ndimage_cold
sys.exit(_ndimage_cold.compile_for(sys.argv[1]))
"""


def _calls(dt):
    """convkit.ndimage calls on ``dt`` images that run every kernel specialisation its calls need:
    ``convkit.warmup``'s image calls, plus the large-image roads (threaded line splits, chunked
    integer passes), 1-D lines and the box kernels' own choices."""
    import numpy as np

    from . import _warmup, ndimage

    calls = [call for label, call in _warmup.image_items(dtypes=(dt.name,), ndims=(2, 3)) if "ndimage" in label]
    big = np.ones((384, 384), dt)           # above _ndimage_passes._FIR_SPLIT_SAMPLES
    line = np.ones(100, dt)
    frac = [0.25, 0.5, 0.25]
    box = np.ones((5, 5)) / 25
    for workers in (1, 2):
        calls += [lambda a=big, w=workers: ndimage.gaussian_filter(a, 2.0, workers=w),
                  lambda a=big, w=workers: ndimage.uniform_filter(a, 5, workers=w),
                  lambda a=big, w=workers: ndimage.uniform_filter(a, 21, workers=w),
                  lambda a=big, w=workers: ndimage.convolve(a, box, workers=w)]   # fir_2d(_scaled), by rows
    calls += [lambda: ndimage.correlate1d(line, frac), lambda: ndimage.uniform_filter1d(line, 3),
              lambda: ndimage.uniform_filter1d(line, 21), lambda: ndimage.gaussian_filter1d(line, 1.0),
              lambda: ndimage.correlate(big[:1], np.ones((3, 3)) / 9)]     # a length-1 axis
    return calls


def compile_for(c: str) -> int:
    """The background process: compile (into Numba's cache) the kernels convkit.ndimage's calls on
    input dtype char ``c`` run, then write the marker. Returns the exit status (1: no cache)."""
    import numpy as np

    os.environ["CONVKIT_COMPILE"] = "foreground"   # this process waits for every compile
    for call in _calls(np.dtype(c)):
        call()
    from . import _running

    paths = []
    for name in _running.__all__:
        disp = getattr(_running, name)
        if not getattr(disp, "signatures", None):
            continue
        cache_file = getattr(getattr(disp, "_cache", None), "_cache_file", None)
        if cache_file is None:
            return 1            # compiled in memory only: nothing for another process to load
        paths.append(cache_file._index_path)
    path = marker(c)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w") as f:
        json.dump(sorted(set(paths)), f)
    os.replace(tmp, path)
    return 0
