"""Draw docs/images.png: a Gaussian blur before/after and a template-match heat map.

Run from the repository root: ``python docs/make_images_figure.py`` (matplotlib, Agg backend;
no other data: the scene is synthesised).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import convkit  # noqa: E402
import convkit.ndimage as ck  # noqa: E402

OUT = Path(__file__).with_name("images.png")


def scene(n=192, seed=0):
    """A synthetic grey-level scene: discs, a ring, a bar and stars, with noise."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[:n, :n].astype(float)
    img = 0.15 + 0.1 * x / n
    for cy, cx, r, v in [(50, 50, 24, 0.8), (135, 65, 17, 0.55), (70, 140, 30, 0.35)]:
        img[(y - cy) ** 2 + (x - cx) ** 2 < r * r] = v
    ring = np.abs(np.hypot(y - 145, x - 145) - 22) < 3
    img[ring] = 0.95
    img[12:20, 90:180] = 0.7
    star = np.zeros((9, 9))
    star[4, :] = star[:, 4] = 1
    star[np.arange(9), np.arange(9)] = 0.6
    for cy, cx in [(105, 25), (175, 110), (30, 170), (110, 100)]:
        img[cy - 4:cy + 5, cx - 4:cx + 5] += 0.8 * star
    return img + 0.2 * rng.standard_normal(img.shape), star


def main():
    noisy, star = scene()
    blurred = ck.gaussian_filter(noisy, 2.0)
    response = convkit.match_template(noisy, star, pad_input=True)
    fig, axes = plt.subplots(1, 3, figsize=(9.0, 3.1), dpi=72)
    panels = [(noisy, "noisy image", "gray"),
              (blurred, "convkit.ndimage.gaussian_filter(img, 2)", "gray"),
              (response, "", "magma")]
    for ax, (data, title, cmap) in zip(axes, panels):
        im = ax.imshow(data, cmap=cmap, interpolation="nearest")
        ax.set_title(title, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(im, ax=axes[2], fraction=0.046, pad=0.04)
    peaks = np.argwhere(response > 0.5)
    axes[2].scatter(peaks[:, 1], peaks[:, 0], s=90, facecolors="none", edgecolors="cyan", linewidths=1)
    axes[2].set_title("match_template(img, star); r > 0.5 circled", fontsize=9)
    fig.tight_layout()
    import io

    from PIL import Image

    buf = io.BytesIO()
    fig.savefig(buf, dpi=72, format="png")
    # a 256-colour palette keeps the noisy panel small (< 200 KB)
    Image.open(buf).convert("RGB").quantize(256).save(OUT, optimize=True)
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
