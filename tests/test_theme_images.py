"""book_theme_fixes.images: sizes read with Pillow, lazy loading, palette PNGs."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageChops, ImageDraw

import tooling  # noqa: F401  (puts the theme extension on the import path)
from book_theme_fixes import images


def chart(width: int = 400, height: int = 240) -> Image.Image:
    """A chart-like RGBA image: white ground, black axes, coloured anti-aliased lines."""
    # Drawn at twice the size and scaled down, as a renderer anti-aliases.
    image = Image.new("RGBA", (2 * width, 2 * height), "white")
    draw = ImageDraw.Draw(image)
    draw.line(
        [(60, 20), (60, 2 * height - 60), (2 * width - 20, 2 * height - 60)], fill="black", width=6
    )
    for i, colour in enumerate(("#0072B2", "#E69F00", "#009E73")):
        draw.line(
            [(60, 400 - 80 * i), (400, 120 + 60 * i), (780, 240 - 40 * i)], fill=colour, width=10
        )
    draw.text((80, 30), "remittances, % of GDP", fill="black", font_size=24)
    return image.resize((width, height), Image.LANCZOS)


def test_image_size_reads_png_jpeg_and_gif_with_pillow(tmp_path):
    for suffix, mode in (("png", "RGBA"), ("jpg", "RGB"), ("gif", "P")):
        path = tmp_path / f"figure.{suffix}"
        Image.new(mode, (321, 123)).save(path)
        assert images.image_size(path) == (321, 123), suffix
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    assert images.image_size(broken) is None
    assert images.image_size(tmp_path / "missing.png") is None


def test_images_get_their_size_and_all_but_the_first_load_lazily():
    body = (
        '<img alt="a" src="../_images/a.png" />'
        '<img alt="b" src="../_images/b.png">'
        '<img alt="c" src="../_images/c.png" width="10" loading="eager" />'
    )
    sizes = {"_images/a.png": (790, 1089), "_images/b.png": (640, 480)}
    out = images.add_image_attributes(body, "chapters/01_background", sizes)
    tags = out.split("<img")[1:]
    assert 'width="790" height="1089" decoding="async"/>' in tags[0]
    assert "loading" not in tags[0]
    assert 'width="640" height="480" loading="lazy" decoding="async">' in tags[1]
    assert 'loading="eager"' in tags[2] and 'width="10"' in tags[2] and "height=" not in tags[2]


def test_a_chart_becomes_a_small_palette_close_to_the_original():
    original = chart().convert("RGB")
    palette = images.palette_png(chart())
    assert palette is not None and palette.mode == "P"
    assert len(palette.getcolors()) <= 256
    restored = palette.convert("RGB")
    error = max(high for _, high in ImageChops.difference(original, restored).getextrema())
    assert error <= images.MAX_SHADE_ERROR
    pixels, back = np.asarray(original), np.asarray(restored)
    for flat in ((255, 255, 255), (0, 0, 0)):  # the ground and the axes
        where = (pixels == flat).all(axis=2)
        assert where.any() and (back[where] == flat).all(), f"colour {flat} changed"


def test_transparent_and_photograph_like_images_are_left_alone():
    transparent = chart()
    transparent.putpixel((0, 0), (255, 255, 255, 0))
    assert images.palette_png(transparent) is None
    noise = np.random.default_rng(0).integers(0, 256, (200, 200, 3), dtype=np.uint8)
    assert images.palette_png(Image.fromarray(noise, "RGB")) is None
    assert images.palette_png(Image.new("L", (10, 10))) is None


def test_optimise_png_rewrites_a_chart_smaller(tmp_path):
    path = tmp_path / "chart.png"
    chart().save(path)
    before = path.stat().st_size
    assert images.optimise_png(path)
    assert path.stat().st_size < 0.9 * before
    with Image.open(path) as stored:
        assert stored.mode == "P" and stored.size == (400, 240)
    assert not images.optimise_png(path)  # already a palette image
