"""Hand-written one-page PDFs for tests: content streams we control exactly."""
from __future__ import annotations

import io


def make_pdf(content: str, media_box=(0, 0, 300, 200), extra: str = "", to_unicode: dict[int, int] | None = None) -> bytes:
    """A one-page PDF with `content` as its content stream, Helvetica as /F1 and Courier as /F2.

    `to_unicode` gives /F1 a ToUnicode map (character code → UTF-16 code unit), for text layers
    that map glyphs to odd code points (a lone surrogate, say)."""
    stream = content.encode("latin-1")
    box = " ".join(f"{v:g}" for v in media_box)
    cmap_ref = " /ToUnicode 7 0 R" if to_unicode else ""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [{box}] {extra} /Contents 4 0 R "
        f"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding{cmap_ref} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
    ]
    if to_unicode:
        entries = "\n".join(f"<{code:02X}> <{unit:04X}>" for code, unit in sorted(to_unicode.items()))
        cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                "/CMapName /Test def /CMapType 2 def\n1 begincodespacerange <00> <FF> endcodespacerange\n"
                f"{len(to_unicode)} beginbfchar\n{entries}\nendbfchar\n"
                "endcmap CMapName currentdict /CMap defineresource pop end end").encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def line(x0: float, y0: float, x1: float, y1: float) -> str:
    """A stroked segment (PDF coordinates, origin bottom-left)."""
    return f"{x0:g} {y0:g} m {x1:g} {y1:g} l S"


def text(x: float, y: float, s: str, size: float = 10, font: str = "F1") -> str:
    """ASCII text at a baseline point (PDF coordinates)."""
    escaped = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT /{font} {size:g} Tf {x:g} {y:g} Td ({escaped}) Tj ET"


def grid(xs: list[float], ys: list[float]) -> list[str]:
    """The ruling lines of a full grid: every x from the first y to the last, every y across."""
    return ([line(x, ys[0], x, ys[-1]) for x in xs] + [line(xs[0], y, xs[-1], y) for y in ys])
