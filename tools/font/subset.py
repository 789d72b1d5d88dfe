#!/usr/bin/python3
"""Subset Noto Sans CJK SC into the font the page loads (build time; python3-fonttools).

The glyph set is: printable ASCII and Latin-1, general punctuation, CJK symbols and full-width
forms, the 6,763 hanzi of GB 2312 (everyday Chinese, from Python's own gb2312 codec), and every
non-ASCII character found in the UI sources and the sample workspaces, so rare characters of the
data (鑫, 曌, 赟) are there too. At run time the atlas only rasterises the characters actually
shown (wasm/web/backend.cpp); this file bounds what can be shown without a fallback.

usage: subset.py --font NotoSansCJK-Regular.ttc --out qd-cjk.otf --scan DIR_OR_FILE...
"""
import argparse
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont


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


def pick_sc(path):
    """Index of the Simplified Chinese face inside the .ttc collection."""
    if not path.endswith(".ttc"):
        return 0
    for i, font in enumerate(TTCollection(path).fonts):
        family = font["name"].getDebugName(1) or ""
        if family.endswith(" SC") and "Mono" not in family:
            return i
    sys.exit("subset.py: no SC face in " + path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--font", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--scan", nargs="*", default=[])
    args = ap.parse_args()

    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0xA0, 0x100))                  # Latin-1 (¥, ·, ×)
    chars.update(chr(c) for c in range(0x2010, 0x2070))               # general punctuation
    chars.update(chr(c) for c in range(0x2190, 0x2200))               # arrows
    chars.update(chr(c) for c in range(0x2460, 0x24A0))               # circled numbers
    chars.update(chr(c) for c in range(0x3000, 0x3040))               # CJK symbols and punctuation
    chars.update(chr(c) for c in range(0xFF00, 0xFFF0))               # full-width forms
    chars.update(gb2312_hanzi())
    chars.update(scanned_chars(args.scan))

    index = pick_sc(args.font)
    opts = subset.Options()
    opts.font_number = index
    opts.layout_features = []          # no shaping in ImGui: drop GSUB/GPOS
    opts.hinting = False               # stb_truetype does not hint
    opts.name_IDs = [1, 2]
    opts.notdef_outline = True
    opts.desubroutinize = True         # smaller after gzip
    font = TTFont(args.font, fontNumber=index, lazy=False)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    font.save(args.out)
    print(f"subset.py: {len(chars)} characters -> {args.out} ({os.path.getsize(args.out)} bytes)")


if __name__ == "__main__":
    main()
