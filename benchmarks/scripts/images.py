"""Image filters and template matching, side by side: convkit against scipy.ndimage, OpenCV and scikit-image.

One thread for everyone (``workers=1``, ``cv2.setNumThreads(1)``, threadpoolctl for BLAS/FFT
pools), contestants interleaved in each round (rotating order), medians of the rounds, all
in one process. Missing optional packages (cv2, skimage) just leave their columns empty.

Run::

    python benchmarks/scripts/images.py               # 1024x1024 images
    python benchmarks/scripts/images.py --size 2048 --rounds 7

Columns: milliseconds per call; ``vs nd`` is scipy.ndimage's time over convkit's,
``vs cv2``/``vs sk`` likewise (above 1: convkit is faster).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import scipy.ndimage as nd
from threadpoolctl import threadpool_limits

import convkit
import convkit.ndimage as ck

try:
    import cv2

    cv2.setNumThreads(1)
except Exception:  # noqa: BLE001 - optional contestant
    cv2 = None
try:
    import skimage.feature as skf
except Exception:  # noqa: BLE001 - optional contestant
    skf = None

# ndimage mode -> OpenCV border type
CV_BORDER = {"reflect": "BORDER_REFLECT", "mirror": "BORDER_REFLECT_101", "nearest": "BORDER_REPLICATE",
             "constant": "BORDER_CONSTANT", "wrap": "BORDER_WRAP"}


def interleaved(funcs, rounds, min_time=0.02):
    """Median seconds per call of each zero-argument callable, interleaved in rotating order."""
    names = list(funcs)
    loops = {}
    for name in names:              # warm up (JIT, plans) and pick a loop count per contestant
        funcs[name]()
        t0 = time.perf_counter()
        funcs[name]()
        dt = max(time.perf_counter() - t0, 1e-7)
        loops[name] = max(1, int(min_time / dt))
    samples = {n: [] for n in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[: r % len(names)]
        for name in order:
            f, n = funcs[name], loops[name]
            t0 = time.perf_counter()
            for _ in range(n):
                f()
            samples[name].append((time.perf_counter() - t0) / n)
    return {n: float(np.median(v)) for n, v in samples.items()}


def cases(size):
    rng = np.random.default_rng(0)
    for dtype in ("float32", "float64", "uint8"):
        if dtype == "uint8":
            img = rng.integers(0, 256, (size, size)).astype(np.uint8)
        else:
            img = rng.standard_normal((size, size)).astype(dtype)
        for k in (3, 5, 7, 15):
            w = rng.standard_normal((k, k))
            if dtype == "uint8":
                w = rng.integers(-2, 3, (k, k)).astype(float)
            yield (f"correlate {k}x{k}", dtype, "reflect",
                   lambda img=img, w=w: ck.correlate(img, w, workers=1),
                   lambda img=img, w=w: nd.correlate(img, w),
                   (lambda img=img, w=w: cv2.filter2D(img, -1, w.astype(img.dtype) if img.dtype != np.uint8 else w,
                                                      borderType=cv2.BORDER_REFLECT)) if cv2 else None)
        for mode in ("reflect", "constant", "nearest", "mirror", "wrap"):
            if mode != "reflect" and dtype != "float32":
                continue
            w = rng.standard_normal(5)
            yield (f"correlate1d axis 0, 5 ({mode})", dtype, mode,
                   lambda img=img, w=w, m=mode: ck.correlate1d(img, w, axis=0, mode=m, workers=1),
                   lambda img=img, w=w, m=mode: nd.correlate1d(img, w, axis=0, mode=m), None)
            yield (f"convolve1d axis 1, 5 ({mode})", dtype, mode,
                   lambda img=img, w=w, m=mode: ck.convolve1d(img, w, axis=1, mode=m, workers=1),
                   lambda img=img, w=w, m=mode: nd.convolve1d(img, w, axis=1, mode=m), None)
            yield (f"convolve 3x3 ({mode})", dtype, mode,
                   lambda img=img, m=mode: ck.convolve(img, np.ones((3, 3)) / 9, mode=m, workers=1),
                   lambda img=img, m=mode: nd.convolve(img, np.ones((3, 3)) / 9, mode=m),
                   (lambda img=img, m=mode: cv2.filter2D(img, -1, np.ones((3, 3), img.dtype) / 9,
                                                         borderType=getattr(cv2, CV_BORDER[m])))
                   if cv2 and mode != "wrap" else None)   # OpenCV's filters reject BORDER_WRAP
        for s in (1.0, 2.0):
            k = 2 * int(4 * s + 0.5) + 1
            yield (f"gaussian_filter s={s:g} ({k}x{k})", dtype, "reflect",
                   lambda img=img, s=s: ck.gaussian_filter(img, s, workers=1),
                   lambda img=img, s=s: nd.gaussian_filter(img, s),
                   (lambda img=img, s=s, k=k: cv2.GaussianBlur(img, (k, k), s, borderType=cv2.BORDER_REFLECT))
                   if cv2 else None)
        yield ("gaussian_filter1d s=2 axis 0", dtype, "reflect",
               lambda img=img: ck.gaussian_filter1d(img, 2.0, axis=0, workers=1),
               lambda img=img: nd.gaussian_filter1d(img, 2.0, axis=0), None)
        for size_ in (3, 5, 9):
            yield (f"uniform_filter {size_}", dtype, "reflect",
                   lambda img=img, z=size_: ck.uniform_filter(img, z, workers=1),
                   lambda img=img, z=size_: nd.uniform_filter(img, z),
                   (lambda img=img, z=size_: cv2.blur(img, (z, z), borderType=cv2.BORDER_REFLECT)) if cv2 else None)
        yield ("uniform_filter1d 9 axis 1", dtype, "reflect",
               lambda img=img: ck.uniform_filter1d(img, 9, workers=1),
               lambda img=img: nd.uniform_filter1d(img, 9), None)



def _cv(x):
    """OpenCV's matchTemplate takes uint8 or float32 (float64 goes in as float32)."""
    return x.astype(np.float32) if x.dtype == np.float64 else x


def template_cases(size):
    rng = np.random.default_rng(1)
    for dtype in ("float32", "float64", "uint8"):
        img = (rng.random((size, size)) * 255).astype(dtype)
        for t in (16, 64):
            tpl = img[100:100 + t, 200:200 + t].copy()
            img_cv, tpl_cv = _cv(img), _cv(tpl)
            yield (f"match_template {t}x{t}", dtype,
                   lambda img=img, tpl=tpl: convkit.match_template(img, tpl, workers=1),
                   (lambda img=img, tpl=tpl: skf.match_template(img, tpl)) if skf else None,
                   (lambda img=img_cv, tpl=tpl_cv: cv2.matchTemplate(img, tpl, cv2.TM_CCOEFF_NORMED))
                   if cv2 else None)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="", help="substring filter on the workload label")
    args = parser.parse_args()
    print(f"# {args.size}x{args.size} images, one thread, medians of {args.rounds} interleaved rounds (ms)")
    print("| workload | dtype | convkit | ndimage | cv2 | vs nd | vs cv2 |")
    print("|---|---|---:|---:|---:|---:|---:|")
    with threadpool_limits(1), convkit.set_workers(1):
        for label, dtype, _mode, f_ck, f_nd, f_cv in cases(args.size):
            if args.only not in label:
                continue
            funcs = {"ck": f_ck, "nd": f_nd}
            if f_cv is not None:
                funcs["cv"] = f_cv
            t = interleaved(funcs, args.rounds)
            cv = f"{t['cv'] * 1e3:.2f}" if "cv" in t else ""
            vcv = f"{t['cv'] / t['ck']:.2f}x" if "cv" in t else ""
            print(f"| {label} | {dtype} | {t['ck'] * 1e3:.2f} | {t['nd'] * 1e3:.2f} | {cv} | "
                  f"{t['nd'] / t['ck']:.2f}x | {vcv} |", flush=True)
        print()
        print("| workload | dtype | convkit | skimage | cv2 TM_CCOEFF_NORMED | vs sk | vs cv2 |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for label, dtype, f_ck, f_sk, f_cv in template_cases(args.size):
            if args.only not in label:
                continue
            funcs = {"ck": f_ck}
            if f_sk is not None:
                funcs["sk"] = f_sk
            if f_cv is not None:
                funcs["cv"] = f_cv
            t = interleaved(funcs, args.rounds)
            sk = f"{t['sk'] * 1e3:.2f}" if "sk" in t else ""
            cv = f"{t['cv'] * 1e3:.2f}" if "cv" in t else ""
            print(f"| {label} | {dtype} | {t['ck'] * 1e3:.2f} | {sk} | {cv} | "
                  f"{(t['sk'] / t['ck']) if 'sk' in t else float('nan'):.2f}x | "
                  f"{(t['cv'] / t['ck']) if 'cv' in t else float('nan'):.2f}x |", flush=True)


if __name__ == "__main__":
    main()
