"""Figure conventions shared by the chapters."""

from __future__ import annotations

#: Okabe-Ito colours: distinguishable with the common colour-vision
#: deficiencies. Pair each with a marker or label: never colour alone.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
COLOURS = tuple(PALETTE.values())
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
