#!/usr/bin/env python3
"""Harder scans made from an image-only scan: lower dpi, blur, noise, dust, skew, quarter turns.

usage: bench/degrade_scan.py IN.scan.pdf OUT.pdf [--dpi N] [--blur SIGMA] [--noise AMOUNT]
                             [--dust N] [--skew DEGREES] [--turn 0|90|180|270] [--quality Q]
                             [--pages 1,2] [--seed S]

Each page image (the JPEG the scan PDF holds) goes through ImageMagick `convert`: resampled to
--dpi (the source's dpi is taken from the page size), blurred (Gaussian, sigma in pixels of the
new image), Gaussian noise, --dust random specks, rotated by --skew degrees on white, turned by
--turn degrees (a page fed upside down or sideways: the page box turns with it), and saved as
a JPEG of --quality. The pages are written into a new PDF with no text layer, one image per
page, the page size that of the image at its dpi. Only Python and ImageMagick are needed
(ImageMagick's own PDF writer is disabled by Debian's policy, so the PDF is written here).
"""
import argparse
import random
import re
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path


def page_images(pdf: bytes):
    """The JPEG streams of an image-only PDF with their page's /MediaBox width in points, in order."""
    jpegs = []
    for match in re.finditer(rb"stream\r?\n", pdf):
        start = match.end()
        if pdf[start:start + 2] == b"\xff\xd8":
            end = pdf.find(b"endstream", start)
            jpegs.append(pdf[start:end].rstrip(b"\r\n"))
    boxes = [float(m.group(1)) for m in re.finditer(rb"/MediaBox\s*\[\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)", pdf)]
    return jpegs, boxes


def image_size(path: Path):
    out = subprocess.run(["identify", "-format", "%w %h", str(path)], check=True, capture_output=True, text=True)
    width, height = out.stdout.split()
    return int(width), int(height)


def write_pdf(pages, out: Path):
    """pages: [(jpeg bytes, width px, height px, dpi)] → a PDF with one image per page."""
    objects = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    tree = add(b"")
    kids = []
    for jpeg, width, height, dpi in pages:
        w_pt, h_pt = width * 72 / dpi, height * 72 / dpi
        image = add(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (width, height, len(jpeg))
            + jpeg + b"\nendstream")
        content = zlib.compress(b"q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q" % (w_pt, h_pt))
        stream = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] /Resources << /XObject << /Im0 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (tree, w_pt, h_pt, image, stream)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    data = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    out.write_bytes(bytes(data))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dpi", type=float)
    parser.add_argument("--blur", type=float, default=0)
    parser.add_argument("--noise", type=float, default=0)
    parser.add_argument("--dust", type=int, default=0)
    parser.add_argument("--skew", type=float, default=0)
    parser.add_argument("--turn", type=int, default=0, choices=[0, 90, 180, 270])
    parser.add_argument("--quality", type=int, default=60)
    parser.add_argument("--pages", default="")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    random.seed(args.seed)
    jpegs, widths = page_images(args.source.read_bytes())
    if not jpegs:
        sys.exit(f"{args.source}: no page images (not an image-only scan?)")
    wanted = [int(p) for p in args.pages.split(",") if p] or list(range(1, len(jpegs) + 1))
    pages = []
    with tempfile.TemporaryDirectory() as tmp:
        for number in wanted:
            src = Path(tmp) / f"in{number}.jpg"
            src.write_bytes(jpegs[number - 1])
            width, height = image_size(src)
            source_dpi = width * 72 / widths[min(number - 1, len(widths) - 1)] if widths else 150
            dpi = args.dpi or source_dpi
            command = ["convert", str(src), "-colorspace", "Gray"]
            if abs(dpi - source_dpi) > 1:
                command += ["-resize", f"{100 * dpi / source_dpi:.3f}%"]
            if args.blur:
                command += ["-gaussian-blur", f"0x{args.blur}"]
            if args.noise:
                command += ["-seed", str(args.seed), "-attenuate", str(args.noise), "+noise", "Gaussian"]
            if args.dust:
                new_w, new_h = round(width * dpi / source_dpi), round(height * dpi / source_dpi)
                command += ["-fill", "gray20"]
                for _ in range(args.dust):
                    x, y, r = random.randrange(new_w), random.randrange(new_h), random.uniform(0.5, 2.0)
                    command += ["-draw", f"circle {x},{y} {x + r:.1f},{y}"]
            if args.skew:
                command += ["-background", "white", "-rotate", str(args.skew)]
            if args.turn:
                command += ["-rotate", str(args.turn)]
            out = Path(tmp) / f"out{number}.jpg"
            command += ["-quality", str(args.quality), str(out)]
            subprocess.run(command, check=True)
            new_width, new_height = image_size(out)
            pages.append((out.read_bytes(), new_width, new_height, dpi))
    write_pdf(pages, args.out)
    print(f"{args.out}: {len(pages)} page(s), {args.out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1:])
