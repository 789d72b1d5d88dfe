#!/usr/bin/python3
"""Subset Noto Sans CJK SC into the font the page loads (build time; python3-fonttools).

Two page fonts: --ui-out (qd-cjk-ui.otf), what the served page's first frame is drawn with: ASCII,
Latin-1, punctuation and every non-ASCII character of the scanned sources (the UI strings, the core's
labels, the sample: about 700 characters, a tenth of the bytes); and --out (qd-cjk.otf), described
below, which the served page fetches after its first frame and the standalone file carries.

The glyph set is: printable ASCII and Latin-1, general punctuation, CJK symbols and full-width
forms, the 6,763 hanzi of GB 2312 (everyday Chinese, from Python's own gb2312 codec), and every
non-ASCII character found in the UI sources and the sample workspaces, so rare characters of the
data (鑫, 曌, 赟) are there too. At run time the atlas only rasterises the characters actually
shown (wasm/web/backend.cpp); this file bounds what can be shown without a fallback.

The rest of the face's characters (traditional hanzi beyond GB 2312, CJK Ext A, the supplementary
planes' ideographs such as 𠮷, compatibility ideographs, kana, hangul, symbols) go into fallback
files the page fetches only when the displayed text needs one of their characters (--fallback-dir:
qd-cjk-x1.otf ... qd-cjk-x6.otf, split by code point as FALLBACK_CHUNKS says; they do not depend on
the sources, so they are built once). The split is the
same table as wasm/web/backend.cpp FallbackChunkOf(): keep the two in step.

usage: subset.py --font NotoSansCJK-Regular.ttc [--out qd-cjk.otf --scan DIR_OR_FILE...] [--fallback-dir DIR]
"""
import argparse
import os
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable


def gb2312_hanzi():
    chars = []
    for hi in range(0xB0, 0xF8):          # rows 16-87: level 1 and level 2 hanzi
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def scanned_chars(paths):
    found = set()
    exts = (".cpp", ".h", ".inc", ".json", ".js", ".html", ".md")
    for p in paths:
        files = []
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in names if n.endswith(exts)]
        elif os.path.exists(p):
            files.append(p)
        for f in files:
            with open(f, encoding="utf-8", errors="ignore") as fh:
                found.update(c for c in fh.read() if ord(c) > 0x7E)
    return found


# Fallback files by code point (wasm/web/backend.cpp FallbackChunkOf has the same table), each about
# 1 MB gzip so that one rare character costs one small fetch.
FALLBACK_CHUNKS = ["qd-cjk-x1.otf",   # 1: CJK Unified Ideographs U+4E00-66FF beyond GB 2312 (對)
                   "qd-cjk-x2.otf",   # 2: U+6700-7FFF beyond GB 2312
                   "qd-cjk-x3.otf",   # 3: U+8000-9FFF beyond GB 2312 (説 龘)
                   "qd-cjk-x4.otf",   # 4: the rest of the BMP (Ext A 䶮, compatibility ideographs, kana, symbols;
                                      #    the page fetches it for the CJK, Latin, Greek, Cyrillic blocks only)
                   "qd-cjk-x5.otf",   # 5: the supplementary planes U+10000+ (Ext B-G: 𠮷 𡈼)
                   "qd-cjk-x6.otf"]   # 6: hangul (syllables, jamo, compatibility jamo)


def fallback_chunk(cp):
    if 0x4E00 <= cp <= 0x66FF:
        return 1
    if 0x6700 <= cp <= 0x7FFF:
        return 2
    if 0x8000 <= cp <= 0x9FFF:
        return 3
    if cp >= 0x10000:
        return 5
    if 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F or 0xA960 <= cp <= 0xA97F or 0xAC00 <= cp <= 0xD7FF:
        return 6
    return 4


def pick_sc(path):
    """Index of the Simplified Chinese face inside the .ttc collection."""
    if not path.endswith(".ttc"):
        return 0
    for i, font in enumerate(TTCollection(path).fonts):
        family = font["name"].getDebugName(1) or ""
        if family.endswith(" SC") and "Mono" not in family:
            return i
    sys.exit("subset.py: no SC face in " + path)


def ui_base_chars():
    """What the small first-frame font always holds besides the sources' characters: no hanzi."""
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0xA0, 0x100))                  # Latin-1 (¥, ·, ×)
    chars.update(chr(c) for c in range(0x2010, 0x2070))               # general punctuation
    chars.update(chr(c) for c in range(0x2190, 0x2200))               # arrows
    chars.update(chr(c) for c in range(0x2460, 0x24A0))               # circled numbers
    chars.update(chr(c) for c in range(0x3000, 0x3040))               # CJK symbols and punctuation
    chars.update(chr(c) for c in range(0xFF00, 0xFFF0))               # full-width forms
    return chars


def base_chars():
    """What the page's font always holds, whatever the sources say."""
    return ui_base_chars() | set(gb2312_hanzi())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--font", required=True)
    ap.add_argument("--out", help="the page's font: base characters + those of the scanned sources")
    ap.add_argument("--ui-out", help="the first frame's font: the base characters without GB 2312's hanzi + those "
                    "of the scanned sources (docs/performance.md, First frame); the page then fetches --out")
    ap.add_argument("--scan", nargs="*", default=[])
    ap.add_argument("--fallback-dir", help="write the fallback files here: the face minus the base characters "
                    "(independent of the sources, so built once; the few scanned rare characters are in both)")
    args = ap.parse_args()

    index = pick_sc(args.font)
    base = base_chars()
    scanned = scanned_chars(args.scan) if (args.out or args.ui_out) else set()
    if args.out:
        chars = base | scanned
        write_subset(args.font, index, sorted(ord(c) for c in chars), args.out, truetype=True)
    if args.ui_out:
        chars = ui_base_chars() | scanned
        write_subset(args.font, index, sorted(ord(c) for c in chars), args.ui_out, truetype=True)
    if args.fallback_dir:
        face = TTFont(args.font, fontNumber=index, lazy=True).getBestCmap()
        rest = [cp for cp in sorted(face) if chr(cp) not in base and cp >= 0x20]
        for n, name in enumerate(FALLBACK_CHUNKS, start=1):
            write_subset(args.font, index, [cp for cp in rest if fallback_chunk(cp) == n],
                         os.path.join(args.fallback_dir, name))


def to_truetype(font):
    """CFF (cubic) outlines -> glyf (quadratic), within 1 font unit (1/1000 em: 0.03 px at 30 px).

    The page's font is rasterised at startup, before the first frame (docs/architecture.md §4: < 1.5 s), and
    stb_truetype draws glyf outlines about a third faster than CFF ones (no charstring interpreter, the
    bounding box is read instead of computed by running the charstring). Same gzip size; the file keeps
    its name (qd-cjk.otf: an OpenType font either way). The fallback files, rarely loaded, stay CFF."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours", "maxTwilightPoints",
                  "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                  "maxSizeOfInstructions", "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0      # no glyph names
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"


def write_subset(path, index, unicodes, out, truetype=False):
    opts = subset.Options()
    opts.font_number = index
    opts.layout_features = []          # no shaping in ImGui: drop GSUB/GPOS
    opts.hinting = False               # stb_truetype does not hint
    opts.name_IDs = [1, 2]
    opts.notdef_outline = True
    opts.desubroutinize = True         # smaller after gzip
    font = TTFont(path, fontNumber=index, lazy=False)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    if truetype:
        to_truetype(font)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    font.save(out)
    print(f"subset.py: {len(unicodes)} characters -> {out} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
