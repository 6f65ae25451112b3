"""Never-wait compilation: ``CONVKIT_COMPILE`` (``background`` by default).

The direct engine's tiled drivers and unrolled kernels take seconds to compile
in a fresh environment (they are cached on disk afterwards). With
``background`` (the default) a call whose drivers and kernels are not compiled
yet runs on the engine's plain loop instead (``_engines.direct._plain``: the
same bits, one loop that compiles in a fraction of a second), while a separate
Python process compiles them into Numba's on-disk cache (a process, not a
thread: compiling holds the GIL). Later calls check the cache and run the
tiled kernels once they are there. Every call gives the same bits either way.

One compile process at a time per process: calls of other shapes run plain
meanwhile and start theirs when it is done. A call so large that the plain
loop would take longer than the compile (``PLAIN_MAX_MACS``) compiles in the
call instead. When that process ends without
filling the cache (no writable cache, or it failed) the call compiles in the
foreground, as with ``CONVKIT_COMPILE=foreground`` (or ``wait``), which always
waits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import numpy as np

from . import _config, _engines
from ._engines import Geometry

__all__ = ["background", "known_ready", "mark_ready", "reason", "ready_or_start", "running", "start", "wait"]

_lock = threading.Lock()
_ready: set = set()     # what calls need (``DirectEngine.needs``), known to be compiled in this process
# geometries every variant of which (``DirectEngine.variants``) is in ``_ready``: a call of one
# costs a set look-up (working out its needs costs about 10 us); cleared when it grows large
_ready_geometries: set = set()
_READY_GEOMETRIES_MAX = 4096
# (geometry, kernel bytes) of calls that ran on compiled kernels where the geometry's other
# variants are not all compiled (a rank-one kernel runs other kernels): small kernels only
_ready_kernels: set = set()
_KERNEL_KEY_MAX = 1024
# Above this many multiply-adds a call compiles its kernels itself instead of running the plain
# loop: the plain loop runs 240-320 M multiply-adds/s and the tiled path compiles in 2.5-4.5 s
# (epyc-zen4-2c, thread CPU of _engine.convolve(plain=True) on 1e6 x 64 .. 1024^2 x 15x15, and
# first_calls.py's background CPU), so beyond about 1e9 waiting costs less.
PLAIN_MAX_MACS = 1e9
_started: dict = {}     # what calls need -> the process started to compile it
_running: list = []     # the process compiling now (at most one)

_SCRIPT = """
import json, sys
import numpy as np
from convkit._engines.direct import _ready
n = json.loads(sys.argv[1])
_ready.ensure(n["drivers"], frozenset(tuple(k) for k in n["kernels"]), np.dtype(n["real"]), np.dtype(n["small"]))
"""


def _forget_after_fork() -> None:
    """A forked child has no background process of its own (its parent's is not its child, and
    another thread may have held the lock): it starts its own when a call needs one."""
    global _lock
    _lock = threading.Lock()
    _started.clear()
    _running.clear()


os.register_at_fork(after_in_child=_forget_after_fork)


def background() -> bool:
    """Whether a call runs the plain loop instead of waiting for direct kernels to compile."""
    if _config.raw("CONVKIT_COMPILE") is None:  # the common case, on every call: no parsing
        return True
    return _config.get("CONVKIT_COMPILE") == "background"


def ready_or_start(g: Geometry, b: np.ndarray | None = None) -> bool:
    """True when a call of geometry ``g`` (kernel ``b``) may run the direct engine's tiled kernels
    now: they are compiled or in the cache (then loaded), the call needs only the small loops
    (quick to compile), or a background compile ended without them (the call compiles them).
    Else False, and a background process compiles them (started here unless one is running):
    the call runs the plain loop meanwhile. A call too large for the plain loop
    (``PLAIN_MAX_MACS``) compiles its kernels itself (True)."""
    if g in _ready_geometries:
        return True
    eng = _engines.get("direct")
    key = eng.needs(g, b)
    if key in _ready:
        _note_geometry(eng, g)
        return True
    proc = _started.get(key)
    if proc is not None and proc.poll() is None:
        return False   # still compiling: do not read the cache on every call meanwhile
    if not eng.slow_to_compile(key) or eng.compiled(g, b):
        with _lock:
            _ready.add(key)
        _note_geometry(eng, g)
        return True
    if proc is not None:
        return True    # its process ended and the cache does not have them: compile here
    if eng.cost(g).arith * (3 if np.dtype(g.dtype).kind == "c" else 1) > PLAIN_MAX_MACS:
        return True    # the plain loop would take longer than compiling: compile here
    with _lock:
        if key in _started or (_running and _running[0].poll() is None):
            return False
        _running[:] = [_spawn(key)]
        _started[key] = _running[0]
    return False


def known_ready(g: Geometry, b: np.ndarray) -> bool:
    """Whether a call of geometry ``g`` with kernel ``b`` is known to run on compiled tiled
    kernels: set look-ups only (working out what it needs costs about 10 us)."""
    return g in _ready_geometries or (b.size <= _KERNEL_KEY_MAX and (g, b.tobytes()) in _ready_kernels)


def mark_ready(g: Geometry, b: np.ndarray) -> None:
    """Record that a call of geometry ``g`` with kernel ``b`` has run on the tiled kernels (so they
    are compiled now), for :func:`known_ready`."""
    eng = _engines.get("direct")
    with _lock:
        _ready.add(eng.needs(g, b))
    _note_geometry(eng, g)
    if g not in _ready_geometries and b.size <= _KERNEL_KEY_MAX:
        with _lock:
            if len(_ready_kernels) >= _READY_GEOMETRIES_MAX:
                _ready_kernels.clear()
            _ready_kernels.add((g, b.tobytes()))


def _note_geometry(eng, g: Geometry) -> None:
    if all(k in _ready or not eng.slow_to_compile(k) for k in eng.variants(g)):
        with _lock:
            if len(_ready_geometries) >= _READY_GEOMETRIES_MAX:
                _ready_geometries.clear()
            _ready_geometries.add(g)


def _spawn(key) -> subprocess.Popen:
    drivers, kernels, real, small = key
    arg = json.dumps({"drivers": list(drivers), "kernels": sorted(kernels), "real": np.dtype(real).str,
                      "small": np.dtype(small).str})
    return _popen(_SCRIPT, arg)


def _popen(script: str, arg: str) -> subprocess.Popen:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return subprocess.Popen([sys.executable, "-c", script, arg], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def start(script: str, arg: str) -> subprocess.Popen | None:
    """Run ``python -c script arg`` as this process's background compile (other compiled code
    than the direct engine's: ``convkit._ndimage_cold``), unless one is running: its process,
    or None. :func:`running` and :func:`wait` see it."""
    with _lock:
        if _running and _running[0].poll() is None:
            return None
        _running[:] = [_popen(script, arg)]
        return _running[0]


def running() -> bool:
    """Whether the background compile this process started last is still running."""
    return bool(_running) and _running[0].poll() is None


def wait(timeout: float | None = None) -> bool:
    """Wait for the background compile this process started, if any; True when none is running."""
    deadline = None if timeout is None else time.monotonic() + timeout
    for proc in list(_running):
        try:
            proc.wait(None if deadline is None else max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return False
    return True


def reason() -> str:
    """The words ``explain`` adds when a call runs the plain loop while its kernels compile."""
    return ("direct kernels are compiling in a background process (CONVKIT_COMPILE=background): this call "
            "runs on the direct engine's plain loop meanwhile (the same bits, slower)")
