#!/usr/bin/env python3
"""Draws the page's icons (www/icons/): a white check mark on the page's accent
blue, as SVG and as PNG at the sizes a web app manifest asks for. Pure Python
(zlib), no image library and no download; the PNGs are committed, so this runs
only when the design changes:

    python3 scripts/make-icons.py
"""
import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "www" / "icons"
BLUE = (0x0B, 0x57, 0xD0)
WHITE = (0xFF, 0xFF, 0xFF)
# The check mark, in a 0..1 square: a polyline and its stroke width.
CHECK = [(0.27, 0.52), (0.43, 0.68), (0.74, 0.35)]
STROKE = 0.11
# "any" icons: a rounded square with this corner radius; "maskable" icons fill
# the square and keep the mark inside the safe zone (scaled to 70%).
RADIUS = 0.2
MASKABLE_SCALE = 0.7


def segment_distance(px, py, a, b):
    """Distance from (px, py) to the segment a-b."""
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def inside_rounded_square(x, y, r):
    """Is (x, y) inside the unit square with corners rounded by r?"""
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    return math.hypot(x - cx, y - cy) <= r


def sample(x, y, maskable):
    """The colour at (x, y) of the unit square, or None for transparent."""
    if not maskable and not inside_rounded_square(x, y, RADIUS):
        return None
    mx, my = x, y
    if maskable:
        mx = (x - 0.5) / MASKABLE_SCALE + 0.5
        my = (y - 0.5) / MASKABLE_SCALE + 0.5
    d = min(segment_distance(mx, my, CHECK[i], CHECK[i + 1]) for i in range(len(CHECK) - 1))
    return WHITE if d <= STROKE / 2 else BLUE


def render(size, maskable, ss=3):
    """RGBA rows of the icon at `size` pixels, ss x ss samples per pixel."""
    rows = []
    for j in range(size):
        row = bytearray([0])  # PNG filter type 0
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(ss):
                for si in range(ss):
                    c = sample((i + (si + 0.5) / ss) / size, (j + (sj + 0.5) / ss) / size, maskable)
                    if c is not None:
                        acc[0] += c[0]
                        acc[1] += c[1]
                        acc[2] += c[2]
                        acc[3] += 1
            n = acc[3]
            if n == 0:
                row += bytes(4)
            else:
                row += bytes([acc[0] // n, acc[1] // n, acc[2] // n, 255 * n // (ss * ss)])
        rows.append(bytes(row))
    return b"".join(rows)


def png(size, pixels):
    """A PNG file (8-bit RGBA) of `pixels`."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b"")


def svg():
    """The "any" icon as SVG (the same geometry, in a 100 x 100 box)."""
    points = " ".join(f"{x * 100:g},{y * 100:g}" for x, y in CHECK)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        f'<rect width="100" height="100" rx="{RADIUS * 100:g}" fill="#0b57d0"/>'
        f'<polyline points="{points}" fill="none" stroke="#fff" stroke-width="{STROKE * 100:g}" '
        'stroke-linecap="round" stroke-linejoin="round"/></svg>\n'
    )


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon.svg").write_text(svg())
    for size in (192, 512):
        (OUT / f"icon-{size}.png").write_bytes(png(size, render(size, maskable=False)))
    (OUT / "maskable-512.png").write_bytes(png(512, render(512, maskable=True)))
    for f in sorted(OUT.iterdir()):
        print(f"{f.relative_to(OUT.parent.parent)}: {f.stat().st_size} bytes")


if __name__ == "__main__":
    main()
