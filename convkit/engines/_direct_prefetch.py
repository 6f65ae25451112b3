"""Software prefetch for the direct engine's Numba kernels (``llvm.prefetch``).

``prefetch_r(a, i)`` / ``prefetch_w(a, i)`` hint that ``a.flat[i]`` (a
C-contiguous array) will soon be read / written.  They compile to one
``prefetcht0`` / ``prefetchw`` instruction, are cacheable (``cache=True``),
and never fault.  The tile loops use them to fetch the next tile's new signal
row and output row while the current tile computes: the hardware prefetchers
restart at every 4 KiB page, and a row of a large image spans several.
"""
from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic


def _prefetch_codegen(rw):
    def codegen(context, builder, signature, args):
        ary = context.make_array(signature.args[0])(context, builder, args[0])
        ptr = builder.gep(ary.data, [args[1]])
        i8p = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        fnty = ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.prefetch.p0")
        builder.call(fn, [builder.bitcast(ptr, i8p), ir.Constant(i32, rw),
                          ir.Constant(i32, 3), ir.Constant(i32, 1)])
        return context.get_dummy_value()
    return codegen


@intrinsic
def prefetch_r(typingctx, arr, idx):
    """Prefetch ``arr[idx]`` for reading (all cache levels)."""
    return types.void(arr, idx), _prefetch_codegen(0)


@intrinsic
def prefetch_w(typingctx, arr, idx):
    """Prefetch ``arr[idx]`` for writing."""
    return types.void(arr, idx), _prefetch_codegen(1)
