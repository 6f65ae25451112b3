"""The generated kernels compiled one at a time, on first use, and called through their addresses.

Each kernel of ``_kernels`` becomes a cached ``numba.cfunc`` of one compute
dtype only when a call needs it (:func:`kernel_table`), so a first call
compiles its driver and the one or two tap counts its kernel shape uses,
not every generated variant. Drivers receive a table of addresses (an
``intp`` array, :data:`ROW` .. :data:`BLOCK` by tap count) and call an entry
with :func:`call6` / :func:`call10`; the table is a runtime value, so one
compiled driver serves every kernel shape. A slot the geometry should never
reach holds the generic kernel of its kind (correct for any count, slower).

Also here: the pointer and prefetch intrinsics the drivers use.
"""

from __future__ import annotations

import os
import threading

import numpy as np
from llvmlite import ir
from numba import types
from numba.core import cgutils, sigutils
from numba.core.ccallback import CFunc
from numba.extending import intrinsic
from numba.np.numpy_support import from_dtype

from ... import _config
from . import _cpu, _kernels
from ._tiling import (  # rows of a kernel table: kernel kind
    BLOCK,
    COLUMN,
    MAX_TAPS,
    POOLED,
    ROW,
    kernel_name,
)

__all__ = [
    "BLOCK",
    "COLUMN",
    "POOLED",
    "ROW",
    "call6",
    "call10",
    "is_ready",
    "kernel_table",
    "prefetch_r",
    "prefetch_w",
    "ptr",
]


# --------------------------------------------------------------------------
# intrinsics
# --------------------------------------------------------------------------

@intrinsic
def ptr(typingctx, arr, offset):
    """Pointer to element ``offset`` of the C-contiguous array ``arr`` (flat index)."""
    def codegen(context, builder, signature, args):
        ary = context.make_array(signature.args[0])(context, builder, args[0])
        return builder.gep(ary.data, [args[1]])
    return types.CPointer(arr.dtype)(arr, offset), codegen


def _call_codegen(context, builder, signature, args):
    argtys = [context.get_value_type(t) for t in signature.args[1:]]
    fnty = ir.FunctionType(ir.VoidType(), argtys)
    builder.call(builder.inttoptr(args[0], fnty.as_pointer()), args[1:])
    return context.get_dummy_value()


@intrinsic
def call6(typingctx, address, a0, a1, a2, a3, a4, a5):
    """Call the kernel at ``address`` (a ``void f(a0, .., a5)``) with six arguments."""
    return types.void(address, a0, a1, a2, a3, a4, a5), _call_codegen


@intrinsic
def call10(typingctx, address, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9):
    """Call the kernel at ``address`` (a ``void f(a0, .., a9)``) with ten arguments."""
    return types.void(address, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9), _call_codegen


def _prefetch_codegen(rw):
    def codegen(context, builder, signature, args):
        ary = context.make_array(signature.args[0])(context, builder, args[0])
        p = builder.gep(ary.data, [args[1]])
        i8p = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        fnty = ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.prefetch.p0")
        builder.call(fn, [builder.bitcast(p, i8p), ir.Constant(i32, rw), ir.Constant(i32, 3), ir.Constant(i32, 1)])
        return context.get_dummy_value()
    return codegen


@intrinsic
def prefetch_r(typingctx, arr, idx):
    """Hint that ``arr.flat[idx]`` (C-contiguous) will soon be read: one ``prefetcht0``, never faults."""
    return types.void(arr, idx), _prefetch_codegen(0)


@intrinsic
def prefetch_w(typingctx, arr, idx):
    """Hint that ``arr.flat[idx]`` will soon be written (``prefetchw``)."""
    return types.void(arr, idx), _prefetch_codegen(1)


# --------------------------------------------------------------------------
# generic kernels (any tap count; for slots the geometry does not reach)
# --------------------------------------------------------------------------

def row_taps_any(cnt, o, xs, ws, n, first):
    """``cnt`` consecutive taps of one row (see ``_kernels``), one tap at a time."""
    w = ws[0]
    if first:
        for i in range(n):
            o[i] = w * xs[i]
    else:
        for i in range(n):
            o[i] += w * xs[i]
    for k in range(1, cnt):
        w = ws[k]
        for i in range(n):
            o[i] += w * xs[i + k]


def pooled_taps_any(cnt, o, S, stride, rows, cols, ws, base, n, first):
    """``cnt`` taps from any rows of ``S`` (see ``_kernels``), one tap at a time."""
    for k in range(cnt):
        p = rows[base + k] * stride + cols[base + k]
        w = ws[base + k]
        if first and k == 0:
            for i in range(n):
                o[i] = w * S[p + i]
        else:
            for i in range(n):
                o[i] += w * S[p + i]


# --------------------------------------------------------------------------
# compiling on demand
# --------------------------------------------------------------------------

def _signature(kind, dtype):
    t = from_dtype(np.dtype(dtype))
    P, N, PI = types.CPointer(t), types.intp, types.CPointer(types.intp)
    if kind == ROW:
        return types.void(N, P, P, P, N, N)
    if kind == POOLED:
        return types.void(N, P, P, N, PI, PI, P, N, N, N)
    return types.void(P, N, P, N, P, N)   # COLUMN, BLOCK


def _pyfunc(name):
    return globals()[name] if name.endswith("_any") else getattr(_kernels, name)


_cfuncs: dict = {}          # (kind, n, dtype, name) -> compiled CFunc
_tables: dict = {}          # (dtype, needed, registers) -> address table
_lock = threading.RLock()   # one compile at a time (Numba's compiler is not re-entrant across threads)


def _new_lock_after_fork() -> None:
    global _lock
    _lock = threading.RLock()   # a parent thread may have held it at the fork


os.register_at_fork(after_in_child=_new_lock_after_fork)


try:
    from numba.core.ccallback import _CFuncCompiler

    class _NoAliasCompiler(_CFuncCompiler):
        """Numba's cfunc compiler with ``noalias`` on every pointer argument.

        A kernel's pointers never overlap (the output is a fresh array, the
        signal and kernel are other arrays), and without this LLVM must test
        every (store, load) pair of a row-block kernel at run time: above its
        limit of such tests it does not vectorise the 8x3 block at all (1.55x
        slower on 2-D 2048^2 3x3). Numba's ``noalias`` flag is not a public
        option, hence this subclass (no subclass, no ``noalias``: slower, same results).
        """

        def _customize_flags(self, flags):
            flags = super()._customize_flags(flags)
            flags.noalias = True
            return flags
except ImportError:   # another Numba layout: plain cfuncs
    _NoAliasCompiler = None


def _new_cfunc(kind, name, dtype):
    opts = {"fastmath": set(_config.DIRECT_FASTMATH)}
    fn = CFunc(_pyfunc(name), sigutils.normalize_signature(_signature(kind, dtype)), locals={}, options=opts)
    if _NoAliasCompiler is not None:
        fn._compiler.__class__ = _NoAliasCompiler
    return fn


def _compile(kind, n, dtype, needed=frozenset()):
    """Kernel (kind, n) of ``dtype`` for a call that needs ``needed`` (see ``_tiling.kernel_name``)."""
    key = (kind, n, np.dtype(dtype), kernel_name(kind, n, dtype, needed))
    fn = _cfuncs.get(key)
    if fn is None:
        with _lock:
            fn = _cfuncs.get(key)
            if fn is None:
                fn = _new_cfunc(kind, key[3], dtype)
                try:
                    fn.enable_caching()
                except RuntimeError:  # no writable cache location: compile in memory
                    pass
                fn.compile()
                _cfuncs[key] = fn
    return fn


def is_ready(kind, n, dtype, needed=frozenset()) -> bool:
    """Whether kernel (kind, n) of ``dtype`` is compiled, or loads from Numba's cache now (it is loaded)."""
    key = (kind, n, np.dtype(dtype), kernel_name(kind, n, dtype, needed))
    if key in _cfuncs:
        return True
    with _lock:
        fn = _new_cfunc(kind, key[3], dtype)
        try:
            fn.enable_caching()
        except RuntimeError:
            return False
        cres = fn._cache.load_overload(fn._sig, fn._targetdescr.target_context)
        if cres is None:
            return False
    _compile(kind, n, dtype, needed)   # found: load it for real
    return True


def kernel_table(dtype, needed) -> np.ndarray:
    """Address table for ``dtype`` where every (kind, n) of ``needed`` is compiled.

    ``needed`` is a frozenset of (kind, n): tap counts for ROW/POOLED, the
    kernel size for BLOCK, 0 for COLUMN. Other ROW/POOLED slots of a kind
    in ``needed`` hold that kind's generic kernel; slots of other kinds hold 0
    (never called: a driver's kind follows from the kernel shape).
    """
    dtype = np.dtype(dtype)
    key = (dtype, needed, _cpu.registers())   # BLOCK kernels follow the CPU's table
    tab = _tables.get(key)
    if tab is not None:
        return tab
    tab = np.zeros((4, MAX_TAPS + 1), np.intp)
    for kind in {k for k, _ in needed}:
        if kind in (ROW, POOLED):
            tab[kind, :] = _compile(kind, 0, dtype).address
    for kind, n in sorted(needed):
        tab[kind, n] = _compile(kind, n, dtype, needed).address
    _tables[key] = tab
    return tab
