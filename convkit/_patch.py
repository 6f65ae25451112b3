"""``convkit.patch_scipy()``: make code that calls scipy.signal (and scipy.ndimage) run on convkit.

The patch replaces the names where callers look them up: the public module
(``scipy.signal.convolve``), the private module scipy's own functions call
through their globals (``scipy.signal._signaltools.convolve``: scipy's
``correlate`` calls ``convolve``, ``convolve`` calls ``choose_conv_method``),
and every other loaded scipy module that imported one of the functions by
name (found by identity, e.g. ``scipy.signal._wavelets.convolve``). Code that
ran ``from scipy.signal import convolve`` *before* the patch keeps its own
reference to scipy's function; patch first, then import (a pytest plugin
patches before collection: see ``convkit._check_scipy``).

convkit's own fallbacks (dtypes it hands to scipy: object, long double,
datetime) reach the real scipy functions while the patch is on: they call
:func:`original`, which returns the functions captured before patching.

The patch is process-wide, not per thread: every thread sees it while it is on.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Callable
from types import ModuleType

__all__ = ["patch_scipy", "unpatch_scipy", "original", "ScipyPatch", "SIGNAL_NAMES", "NDIMAGE_NAMES"]

#: scipy.signal's convolution family, routed to ``convkit._signal``.
SIGNAL_NAMES = ("convolve", "correlate", "fftconvolve", "oaconvolve", "convolve2d", "correlate2d",
                "choose_conv_method")
#: scipy.ndimage's filters, routed to ``convkit.ndimage`` for those names it defines.
NDIMAGE_NAMES = ("convolve", "correlate", "convolve1d", "correlate1d", "uniform_filter", "uniform_filter1d",
                 "gaussian_filter", "gaussian_filter1d")

# (package, convkit module, names); the package's public module is the first place patched.
_FAMILIES = (("scipy.signal", "convkit._signal", SIGNAL_NAMES),
             ("scipy.ndimage", "convkit.ndimage", NDIMAGE_NAMES))

_lock = threading.RLock()
# (package, name) -> scipy's own function, captured the first time a patch replaced it.
_originals: dict[tuple[str, str], Callable] = {}
# Every function a patch has installed (to recognise them when patches nest).
_replacements: set[int] = set()
# Patches that are on, oldest first (unpatch_scipy undoes them all).
_active: list[ScipyPatch] = []


def original(name: str, package: str = "scipy.signal") -> Callable:
    """scipy's own ``package.name``, even while :func:`patch_scipy` is on.

    convkit's fallbacks call this instead of ``getattr(scipy.signal, name)``
    so that handing a call to scipy never comes back to convkit.

    Parameters
    ----------
    name : str
        A function name, e.g. ``'convolve'``.
    package : str, optional
        ``'scipy.signal'`` (default) or ``'scipy.ndimage'``.

    Examples
    --------
    >>> import scipy.signal, convkit
    >>> from convkit._patch import original
    >>> with convkit.patch_scipy():
    ...     original("convolve") is scipy.signal._signaltools.convolve
    False
    """
    func = _originals.get((package, name))
    if func is not None:
        return func
    return getattr(importlib.import_module(package), name)


def _convkit_table(package: str, convkit_module: str, names) -> dict[str, Callable]:
    """name -> convkit function for the names ``convkit_module`` defines (none if it does not exist)."""
    try:
        module = importlib.import_module(convkit_module)
    except ModuleNotFoundError as exc:
        if exc.name != convkit_module:
            raise  # the module exists but something it imports is missing: say so
        return {}
    table = {}
    for name in names:
        func = getattr(module, name, None)
        if callable(func):
            table[name] = func
    return table


def _modules_of(package: str, everywhere: bool) -> list[ModuleType]:
    """The package's loaded modules (the package first, then its submodules, sorted), and with
    ``everywhere`` every other loaded module except convkit's own."""
    prefix = package + "."
    names = sorted(m for m in list(sys.modules) if m.startswith(prefix))
    if everywhere:
        names += sorted(m for m in list(sys.modules)
                        if m != package and not m.startswith(prefix)
                        and m != "convkit" and not m.startswith("convkit."))
    modules = [sys.modules.get(m) for m in names]
    return [sys.modules[package]] + [m for m in modules if isinstance(m, ModuleType)]


class ScipyPatch:
    """scipy's convolution functions routed to convkit; undo with :meth:`undo` or a with-block.

    Returned by :func:`patch_scipy`, already on. Attributes:

    Attributes
    ----------
    patched : dict
        ``'scipy.signal.convolve'``-style public names -> the convkit function now behind them.
    sites : list of str
        Every ``module.name`` replaced (public, private and importing modules).
    """

    def __init__(self, signal: bool = True, ndimage: bool = True, everywhere: bool = False):
        self._saved: list[tuple[ModuleType, str, Callable, Callable]] = []
        self.patched: dict[str, Callable] = {}
        self.sites: list[str] = []
        self._on = False
        with _lock:
            for package, convkit_module, names in _FAMILIES:
                if (package == "scipy.signal" and not signal) or (package == "scipy.ndimage" and not ndimage):
                    continue
                table = _convkit_table(package, convkit_module, names)
                if table:
                    self._patch_package(package, table, everywhere)
            self._on = True
            _active.append(self)

    def _patch_package(self, package: str, table: dict[str, Callable], everywhere: bool) -> None:
        importlib.import_module(package)
        modules = _modules_of(package, everywhere)
        public = modules[0]
        for name, replacement in table.items():
            current = getattr(public, name)
            if id(current) in _replacements:
                real = _originals[(package, name)]  # a patch is already on: nest on top of it
            else:
                real = _originals.setdefault((package, name), current)
            _replacements.add(id(replacement))
            for module in modules:
                try:
                    found = module.__dict__.get(name)
                except Exception:  # an odd module object (lazy loaders and the like)
                    continue
                if found is None or not (found is real or found is current):
                    continue  # a different object of that name (or none): not ours to touch
                self._saved.append((module, name, found, replacement))
                setattr(module, name, replacement)
                self.sites.append(f"{module.__name__}.{name}")
            self.patched[f"{package}.{name}"] = replacement

    @property
    def active(self) -> bool:
        """True until :meth:`undo`."""
        return self._on

    def undo(self) -> None:
        """Put back what this patch replaced (idempotent).

        A site someone else has changed since is left alone; patches undone
        out of order still end with scipy's own functions in place.
        """
        with _lock:
            if not self._on:
                return
            for module, name, previous, replacement in reversed(self._saved):
                if module.__dict__.get(name) is replacement:
                    setattr(module, name, previous)
            self._saved.clear()
            self._on = False
            if self in _active:
                _active.remove(self)

    def __enter__(self) -> ScipyPatch:
        return self

    def __exit__(self, *exc) -> None:
        self.undo()

    def __repr__(self) -> str:
        state = "on" if self._on else "undone"
        return f"<convkit ScipyPatch {state}: {', '.join(self.patched) or 'nothing'}>"


def patch_scipy(*, signal: bool = True, ndimage: bool = True, everywhere: bool = False) -> ScipyPatch:
    """Route scipy.signal's convolution family (and scipy.ndimage's filters) to convkit.

    Works as a context manager, or as a plain call that stays on until
    ``.undo()`` (or :func:`unpatch_scipy`)::

        with convkit.patch_scipy():
            statsmodels_code_that_calls_scipy_signal()

        patch = convkit.patch_scipy()       # on for the rest of the program
        ...
        patch.undo()

    Replaced: ``scipy.signal``'s ``convolve``, ``correlate``, ``fftconvolve``,
    ``oaconvolve``, ``convolve2d``, ``correlate2d`` and ``choose_conv_method``,
    in ``scipy.signal``, in ``scipy.signal._signaltools`` (where scipy's own
    functions look each other up) and in every loaded scipy.signal module
    that imported them by name; and, when ``convkit.ndimage`` defines them,
    ``scipy.ndimage``'s ``convolve``, ``correlate``, ``convolve1d``,
    ``correlate1d``, ``uniform_filter``, ``uniform_filter1d``,
    ``gaussian_filter`` and ``gaussian_filter1d`` the same way. Names
    convkit does not define are left as they are.

    Code that imported a function by name before the patch (``from
    scipy.signal import convolve``) keeps scipy's; patch first. The patch is
    process-wide (all threads). convkit's fallbacks to scipy still reach the
    real scipy functions.

    Parameters
    ----------
    signal, ndimage : bool, optional
        Patch that family (default both).
    everywhere : bool, optional
        Also replace the functions in every other loaded module that
        imported them by name (``from scipy.signal import fftconvolve`` in a
        library imported before the patch); matched by identity, so nothing
        else is touched. Default False: scipy's own modules only.

    Returns
    -------
    ScipyPatch
        The patch, already on; ``.undo()`` it, or use it in a with-block.

    Examples
    --------
    >>> import numpy as np, scipy.signal, convkit
    >>> with convkit.patch_scipy():
    ...     scipy.signal.convolve is convkit.convolve
    True
    >>> scipy.signal.convolve is convkit.convolve
    False
    """
    return ScipyPatch(signal=signal, ndimage=ndimage, everywhere=everywhere)


def unpatch_scipy() -> None:
    """Undo every :func:`patch_scipy` still on (newest first)."""
    with _lock:
        for patch in reversed(list(_active)):
            patch.undo()
