"""Optional never-wait compilation: ``CONVKIT_COMPILE=background``.

The direct engine compiles the kernels a call needs on first use (seconds in
a fresh environment; cached on disk afterwards). By default a call waits for
that, so that every call of the same inputs gives the same bits. With
``CONVKIT_COMPILE=background`` a call whose direct kernels are not ready
starts a separate Python process that compiles them into Numba's on-disk
cache (a process, not a thread: compiling holds the GIL) and runs on the
cheaper FFT engine meanwhile, with the direct engine's non-finite semantics
(the executor's non-finite policy). Results then differ in the last bits
between the calls made before and after the kernels are ready.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import numpy as np

from . import _config, _engines
from ._engines import Geometry

__all__ = ["background", "ready_or_start", "reason"]

_lock = threading.Lock()
_ready: set = set()     # kernel sets known to be compiled in this process
_started: set = set()   # kernel sets a background process was started for

_SCRIPT = """
import json, sys
import numpy as np
from convkit._engines import Geometry, get
g = json.loads(sys.argv[1])
eng = get("direct")
geometry = Geometry(tuple(g["a"]), tuple(g["b"]), tuple(g["axes"]), tuple(g["shape"]), tuple(g["start"]),
                    np.dtype(g["dtype"]), 1)
eng.prepare(None, geometry)   # what compiled(g) checks
eng.prepare(np.ones(geometry.b_shape, geometry.dtype), geometry)   # a rank-one kernel's passes too
"""


def background() -> bool:
    """Whether calls avoid waiting for direct-kernel compilation (``CONVKIT_COMPILE=background``)."""
    if "CONVKIT_COMPILE" not in os.environ:  # the common case, on every small call: no parsing
        return False
    return _config.get("CONVKIT_COMPILE") == "background"


def ready_or_start(g: Geometry) -> bool:
    """True when the direct kernels ``g`` needs are ready; else start compiling them in the background."""
    eng = _engines.get("direct")
    key = eng.kernels_for(g)
    if key in _ready:
        return True
    if eng.compiled(g):
        with _lock:
            _ready.add(key)
        return True
    with _lock:
        if key in _started:
            return False
        _started.add(key)
    _spawn(g)
    return False


def _spawn(g: Geometry) -> None:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    arg = json.dumps({"a": list(g.a_shape), "b": list(g.b_shape), "axes": list(g.axes), "shape": list(g.shape),
                      "start": list(g.start), "dtype": np.dtype(g.dtype).str})
    subprocess.Popen([sys.executable, "-c", _SCRIPT, arg], env=env, stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def reason(alternative: str) -> str:
    """The words ``explain`` adds when a call runs elsewhere while its kernels compile."""
    return (f"direct kernels are compiling in the background (CONVKIT_COMPILE=background): "
            f"this call runs on {alternative!r} meanwhile")
