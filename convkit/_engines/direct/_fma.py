"""``fma(a, b, c)``: ``a * b + c`` rounded once, as a Numba intrinsic (``llvm.fma``).

The plain loop (``_plain``) writes out, step by step, the fused multiply-adds
LLVM contracts the generated kernels' sums into, so that its bits are those
of the kernels whatever LLVM would contract in the plain loop itself.
Integers: ``a * b + c`` (wrapping, exact in any order)."""

from __future__ import annotations

from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

__all__ = ["fma"]


@intrinsic
def fma(typingctx, a, b, c):
    """``a * b + c`` with one rounding (floats), in the type of ``a`` and ``b``; ``c`` is cast to it."""
    if a != b or not isinstance(a, (types.Float, types.Integer)):
        return None
    if not isinstance(c, (types.Float, types.Integer)):
        return None

    def codegen(context, builder, signature, args):
        t = signature.return_type
        addend = context.cast(builder, args[2], signature.args[2], t)
        if isinstance(t, types.Integer):
            return builder.add(builder.mul(args[0], args[1]), addend)
        lty = context.get_value_type(t)
        fn = cgutils.get_or_insert_function(builder.module, ir.FunctionType(lty, [lty, lty, lty]),
                                            f"llvm.fma.f{t.bitwidth}")
        return builder.call(fn, [args[0], args[1], addend])

    return a(a, b, c), codegen
