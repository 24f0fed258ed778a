"""Content images: no layout shift, lazy loading, small files.

Each ``<img>`` of a page body gets its pixel ``width`` and ``height`` (read
with Pillow), so the page does not jump while it loads, and every image after
the first gets ``loading="lazy"``. After the build, opaque PNGs with few
colours (matplotlib charts) are stored as palette PNGs, with as few colours
(64, 128 or 256, chosen by Pillow's max-coverage quantizer) as keep every
channel of every pixel within MAX_SHADE_ERROR levels of the original. In the
book's charts the background, the text and most data colours stay exact,
and side-by-side screenshots of the figures look the same.
"""

from __future__ import annotations

import io
import posixpath
import re
from pathlib import Path

from PIL import Image, ImageChops
from sphinx.application import Sphinx

#: Palette sizes to try, smallest first.
PALETTE_SIZES = (64, 128, 256)
#: The most any colour channel of any pixel may change (of 255).
MAX_SHADE_ERROR = 24
#: An image with more distinct colours than this is photograph-like: left alone.
MAX_COLOURS = 16384
IMG = re.compile(r"<img\s[^>]*>")
SRC = re.compile(r'\ssrc="([^"]+)"')

# Sizes of image files already read: path -> (mtime, size).
_SIZES: dict[str, tuple[float, tuple[int, int] | None]] = {}


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in pixels of an image file; None if Pillow cannot read it."""
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def add_image_attributes(body: str, pagename: str, sizes: dict[str, tuple[int, int]]) -> str:
    """Give each ``<img>`` its size (if known), and all but the first ``loading="lazy"``.

    ``sizes`` maps image paths relative to the output root ("_images/x.png")
    to pixel sizes; ``src`` attributes are relative to the page.
    """
    page_dir = posixpath.dirname(pagename)
    first = True

    def image(match: re.Match) -> str:
        nonlocal first
        tag = match.group(0)
        src = SRC.search(tag)
        if not src:
            return tag
        extra = []
        if " width=" not in tag and " height=" not in tag and " style=" not in tag:
            size = sizes.get(posixpath.normpath(posixpath.join(page_dir, src.group(1))))
            if size:
                extra.append(f'width="{size[0]}" height="{size[1]}"')
        if not first and " loading=" not in tag:
            extra.append('loading="lazy"')
        if " decoding=" not in tag:
            extra.append('decoding="async"')
        first = False
        if not extra:
            return tag
        end = -2 if tag.endswith("/>") else -1
        return tag[:end].rstrip() + " " + " ".join(extra) + tag[end:]

    return IMG.sub(image, body)


def image_sizes(app: Sphinx) -> dict[str, tuple[int, int]]:
    """Pixel sizes of the images the builder copies to ``_images``, keyed by output path."""
    sizes = {}
    imagedir = getattr(app.builder, "imagedir", "_images")
    for source, dest in (getattr(app.builder, "images", None) or {}).items():
        path = Path(app.srcdir, source)
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue
        cached = _SIZES.get(str(path))
        if cached is None or cached[0] != mtime:
            cached = _SIZES[str(path)] = (mtime, image_size(path))
        if cached[1]:
            sizes[posixpath.join(imagedir, dest)] = cached[1]
    return sizes


def palette_png(image: Image.Image) -> Image.Image | None:
    """The image with the smallest palette that keeps it within MAX_SHADE_ERROR, or None
    if it has transparency, is photograph-like or needs more than 256 colours."""
    if image.mode == "RGBA":
        if image.getextrema()[3][0] < 255:
            return None  # transparency: leave it alone
        image = image.convert("RGB")
    elif image.mode != "RGB":
        return None  # already a palette, grey or unusual image
    if image.getcolors(MAX_COLOURS) is None:
        return None
    for size in PALETTE_SIZES:
        palette = image.quantize(size, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE)
        error = ImageChops.difference(image, palette.convert("RGB")).getextrema()
        if max(high for _, high in error) <= MAX_SHADE_ERROR:
            return palette
    return None


def optimise_png(path: Path) -> bool:
    """Store a PNG chart as a palette PNG if that makes it at least 10% smaller."""
    with Image.open(path) as image:
        image.load()
    palette = palette_png(image)
    if palette is None:
        return False
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    if buffer.tell() > 0.9 * path.stat().st_size:
        return False
    path.write_bytes(buffer.getvalue())
    return True


def fix_page_images(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context`` handler."""
    if context.get("body"):
        context["body"] = add_image_attributes(context["body"], pagename, image_sizes(app))
