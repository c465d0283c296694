#!/usr/bin/env python3
"""scan_sim.py: simulate printing PDFs and scanning them back, for the tests.

    scan_sim.py IN.pdf [IN2.pdf ...] -o OUT.(pdf|jpg|png|tif) [--dpi 200]
                [--rotate DEG] [--blur RADIUS] [--noise SIGMA]
                [--jpeg QUALITY | --bilevel g4] [--perspective PAGE ...]
                [--pages ORDER] [--cover PAGE:X,Y,W,H ...] [--seed N]

Each page is rendered with Poppler's `pdftoppm -r DPI -gray` (8-bit gray),
then, with Pillow, in this order (as a scanner or a camera would):
  --perspective PAGE  output page PAGE (1-based, as in the output; may be
                      repeated or comma-separated) looks photographed: a
                      keystone of a few degrees (top edge narrower, slightly
                      skewed), a dark gray desk around the sheet (rotated too);
  --rotate DEG        rotated DEG degrees counter-clockwise (bicubic; the
                      canvas grows to fit, white fill): a sheet fed askew;
  --blur RADIUS       Gaussian blur of RADIUS pixels (0.5 to 1.5 is a scanner);
  --noise SIGMA       additive Gaussian noise, standard deviation SIGMA gray
                      levels (0-255), from a generator seeded by --seed and
                      the output page number (so pages differ, runs do not).
  --cover PAGE:X,Y,W,H  before anything else, a dark ink blot (as a stamp
                      or a scribble) over output page PAGE, X and Y its top
                      left corner and W, H its size, in fractions of the
                      page (0 to 1); may be repeated;
  --pages ORDER       which pages, in which order: comma-separated INPUT:PAGE,
                      both 1-based, e.g. `1:2,1:1,2:3` (page 2 then page 1 of
                      the first input, then page 3 of the second). A page may
                      come twice. Default: every page of every input, in order.

Output, by the extension of -o:
  .pdf  default: each page gray, Flate (PNG data embedded by img2pdf as is);
        --jpeg Q: each page a JPEG of quality Q, embedded by img2pdf as is
        (DCTDecode); --bilevel g4: 1-bit pages (threshold at 50% gray) in a
        multi-page CCITT G4 TIFF, made into a PDF by libtiff's tiff2pdf, which
        passes the G4 data through (CCITTFaxDecode).
  .tif  every page, one TIFF: Deflate gray, JPEG (--jpeg Q) or G4 (--bilevel).
  .jpg  the first page only, JPEG of quality --jpeg (default 90).
  .png  the first page only (with --jpeg: after a JPEG round trip at Q; with
        --bilevel g4: 1-bit PNG).
The page size of a PDF follows from the pixels and --dpi (a rotated page is a
little larger than A4, as the canvas grows).

Deterministic: the same arguments, inputs and tool versions (Poppler,
Pillow, img2pdf, libtiff: scripts/versions.env pins Pillow and img2pdf) give
the same bytes. img2pdf runs with its internal engine (not pikepdf's) and no
dates; tiff2pdf is given a fixed date (2000-01-01, as it would write the
current time otherwise), and its /ID comes from glibc's unseeded rand(), the
same in every run.

There is no JBIG2 variant: Debian 12 packages no JBIG2 encoder (jbig2enc is
not in it; jbig2dec only decodes).

Needs: Python 3.11, Pillow, img2pdf (scripts/setup --test installs them into
.tools/venv), and Debian's poppler-utils and libtiff-tools. Exit status 0 on
success, 2 on bad arguments, 1 when a tool fails.

Examples:
  scan_sim.py renewal.pdf -o scan.pdf --rotate 1.5 --blur 0.8 --noise 6 --jpeg 75
  scan_sim.py a.pdf b.pdf -o mixed.pdf --pages 1:1,2:2,1:2 --bilevel g4
  scan_sim.py renewal.pdf -o photo.jpg --perspective 1 --noise 4
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
from statistics import NormalDist

from PIL import Image, ImageChops, ImageDraw, ImageFilter

WHITE = 255
# Around a photographed sheet: a dark desk, so the sheet's edges show.
DESK = 90
# One strip a page: tiff2pdf passes a single-strip G4 image through as is.
ONE_STRIP = 1 << 30
# tiff2pdf writes this as CreationDate and ModDate: without -e it writes now.
TIFF2PDF_DATE = "20000101000000"


class UsageError(Exception):
    pass


class ToolError(Exception):
    pass


def run(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, errors="replace", check=False)
    except FileNotFoundError as e:
        raise ToolError(f"{cmd[0]} not found: install Debian's poppler-utils / libtiff-tools") from e
    if done.returncode != 0:
        raise ToolError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def page_count(pdf: str) -> int:
    for line in run(["pdfinfo", pdf]).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise ToolError(f"pdfinfo printed no page count for {pdf}")


def parse_pages(order: str | None, counts: list[int]) -> list[tuple[int, int]]:
    """[(input index 0-based, page 1-based)] in output order."""
    if order is None:
        return [(i, p) for i, n in enumerate(counts) for p in range(1, n + 1)]
    pages = []
    for item in order.split(","):
        try:
            doc, page = (int(x) for x in item.strip().split(":"))
        except ValueError:
            raise UsageError(f"--pages: '{item}' is not INPUT:PAGE") from None
        if not 1 <= doc <= len(counts):
            raise UsageError(f"--pages: input {doc} of {len(counts)}")
        if not 1 <= page <= counts[doc - 1]:
            raise UsageError(f"--pages: page {page} of input {doc}, which has {counts[doc - 1]}")
        pages.append((doc - 1, page))
    if not pages:
        raise UsageError("--pages: no page")
    return pages


def render(pdf: str, page: int, dpi: int, tmp: str) -> Image.Image:
    prefix = os.path.join(tmp, "page")
    run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page), "-singlefile", pdf, prefix])
    with Image.open(prefix + ".pgm") as im:
        im.load()
        return im.convert("L")


def solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (8 unknowns: no numpy)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def perspective(im: Image.Image) -> Image.Image:
    """The sheet as photographed from a little off-axis: a keystone of a few
    degrees. Pillow's PERSPECTIVE coefficients map an output pixel to the
    input pixel, so solve for the map from where the corners land back to the
    corners."""
    w, h = im.size
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    # Where the sheet's corners land (fractions of the size): the top edge 7%
    # narrower than the bottom, the whole turned by about a degree.
    dst = [(0.045 * w, 0.030 * h), (0.945 * w, 0.018 * h), (0.988 * w, 0.982 * h), (0.012 * w, 0.990 * h)]
    a, b = [], []
    for (x, y), (u, v) in zip(dst, src):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        b.append(u)
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.append(v)
    coeffs = solve(a, b)
    return im.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=DESK)


_noise_luts: dict[float, list[int]] = {}


def add_noise(im: Image.Image, sigma: float, rng: random.Random) -> Image.Image:
    """Additive Gaussian noise: uniform random bytes through the inverse normal
    CDF (a 256-entry table, so +-2.7 sigma at most), centred on 128, then
    added with the offset taken back (Pillow clips to 0..255)."""
    lut = _noise_luts.get(sigma)
    if lut is None:
        nd = NormalDist(0.0, sigma)
        lut = [max(0, min(255, round(128 + nd.inv_cdf((k + 0.5) / 256)))) for k in range(256)]
        _noise_luts[sigma] = lut
    w, h = im.size
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h)).point(lut)
    return ImageChops.add(im, noise, scale=1.0, offset=-128)


def process(im: Image.Image, args: argparse.Namespace, number: int) -> Image.Image:
    for page, (x, y, w, h) in args.cover:
        if page == number:
            W, H = im.size
            box = (round(x * W), round(y * H), round((x + w) * W), round((y + h) * H))
            ImageDraw.Draw(im).ellipse(box, fill=40)
    photo = number in args.perspective
    if photo:
        im = perspective(im)
    if args.rotate:
        fill = DESK if photo else WHITE
        im = im.rotate(args.rotate, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)
    if args.blur > 0:
        im = im.filter(ImageFilter.GaussianBlur(args.blur))
    if args.noise > 0:
        im = add_noise(im, args.noise, random.Random(args.seed * 1_000_003 + number))
    if args.bilevel:
        im = im.convert("1", dither=Image.Dither.NONE)
    return im


def encode(im: Image.Image, fmt: str, args: argparse.Namespace) -> bytes:
    out = io.BytesIO()
    dpi = (args.dpi, args.dpi)
    if fmt == "JPEG":
        im.save(out, "JPEG", quality=args.jpeg or 90, dpi=dpi)
    else:
        # Level 1: the noise barely compresses at any level, and 6 is 3x slower.
        im.save(out, "PNG", compress_level=1, dpi=dpi)
    return out.getvalue()


def write_pdf(pages: list[Image.Image], out: str, args: argparse.Namespace, tmp: str) -> None:
    if args.bilevel:
        tif = os.path.join(tmp, "scan.tif")
        write_tiff(pages, tif, args)
        # A fixed date (-e "" would mean "now"); -c "": no creator.
        run(["tiff2pdf", "-e", TIFF2PDF_DATE, "-c", "", "-o", out, tif])
        return
    fmt = "JPEG" if args.jpeg else "PNG"
    data = [encode(im, fmt, args) for im in pages]
    # img2pdf's internal engine only: its output is then img2pdf's alone.
    # Hiding pikepdf (which img2pdf imports if it can) also saves 0.1-0.2 s.
    sys.modules.setdefault("pikepdf", None)
    import img2pdf

    pdf = img2pdf.convert(data, engine=img2pdf.Engine.internal, nodate=True)
    with open(out, "wb") as f:
        f.write(pdf)


def write_tiff(pages: list[Image.Image], out: str, args: argparse.Namespace) -> None:
    opts: dict = {"dpi": (args.dpi, args.dpi), "strip_size": ONE_STRIP}
    if args.bilevel:
        opts["compression"] = "group4"
    elif args.jpeg:
        opts.update(compression="jpeg", quality=args.jpeg)
    else:
        opts["compression"] = "tiff_adobe_deflate"
    pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:], **opts)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="scan_sim.py",
        description="Simulate a print-and-scan of PDFs (see the module docstring).",
    )
    p.add_argument("inputs", nargs="+", metavar="IN.pdf")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--dpi", type=int, default=200)
    p.add_argument("--rotate", type=float, default=0.0, metavar="DEG")
    p.add_argument("--blur", type=float, default=0.0, metavar="RADIUS")
    p.add_argument("--noise", type=float, default=0.0, metavar="SIGMA")
    p.add_argument("--jpeg", type=int, metavar="QUALITY")
    p.add_argument("--bilevel", choices=["g4"])
    p.add_argument("--perspective", action="append", default=[], metavar="PAGE")
    p.add_argument("--pages", metavar="ORDER")
    p.add_argument("--cover", action="append", default=[], metavar="PAGE:X,Y,W,H")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    try:
        covers = []
        for c in args.cover:
            page, box = c.split(":")
            x, y, w, h = (float(v) for v in box.split(","))
            covers.append((int(page), (x, y, w, h)))
        args.cover = covers
    except ValueError:
        p.error("--cover takes PAGE:X,Y,W,H (page 1-based, the box in fractions of the page)")
    try:
        args.perspective = {int(x) for v in args.perspective for x in v.split(",")}
    except ValueError:
        p.error("--perspective takes output page numbers (1-based)")
    if not 10 <= args.dpi <= 1200:
        p.error("--dpi must be within 10..1200")
    if args.jpeg is not None and not 1 <= args.jpeg <= 95:
        p.error("--jpeg QUALITY must be within 1..95")
    if args.jpeg is not None and args.bilevel:
        p.error("--jpeg and --bilevel exclude each other")
    if args.blur < 0 or args.noise < 0:
        p.error("--blur and --noise must not be negative")
    args.kind = os.path.splitext(args.output)[1].lower().lstrip(".")
    args.kind = {"jpeg": "jpg", "tiff": "tif"}.get(args.kind, args.kind)
    if args.kind not in ("pdf", "jpg", "png", "tif"):
        p.error("-o must end in .pdf, .jpg, .png or .tif")
    if args.kind == "jpg" and args.bilevel:
        p.error("a .jpg output cannot be bilevel")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        counts = [page_count(pdf) for pdf in args.inputs]
        order = parse_pages(args.pages, counts)
        if args.kind in ("jpg", "png"):
            order = order[:1]
        bad = sorted(n for n in args.perspective if not 1 <= n <= len(order))
        if bad:
            raise UsageError(f"--perspective {bad[0]}: the output has {len(order)} page(s)")
        tmp = tempfile.mkdtemp(prefix="scan_sim.")
        try:
            pages = [
                process(render(args.inputs[doc], page, args.dpi, tmp), args, number)
                for number, (doc, page) in enumerate(order, start=1)
            ]
            if args.kind == "pdf":
                write_pdf(pages, args.output, args, tmp)
            elif args.kind == "tif":
                write_tiff(pages, args.output, args)
            else:
                im = pages[0]
                if args.kind == "png" and args.jpeg:
                    im = Image.open(io.BytesIO(encode(im, "JPEG", args)))
                with open(args.output, "wb") as f:
                    f.write(encode(im, "JPEG" if args.kind == "jpg" else "PNG", args))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    except UsageError as e:
        print(f"scan_sim.py: {e}", file=sys.stderr)
        return 2
    except ToolError as e:
        print(f"scan_sim.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
