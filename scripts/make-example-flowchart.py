#!/usr/bin/env python3
"""Draws the change-management flowchart of the example set (变更管理流程图, shown in QP-06 §5).

Uses ImageMagick's `convert` and the Noto Sans CJK font (Debian: imagemagick, fonts-noto-cjk).
The output is the same bytes on every run: no time chunks, no comments, a fixed palette.

    scripts/make-example-flowchart.py [OUTPUT]
    (default manual-src/procedures/QP-06-change/media/change-flow.png)
"""
import os
import subprocess
import sys
import unicodedata

OUT = sys.argv[1] if len(sys.argv) > 1 else "manual-src/procedures/QP-06-change/media/change-flow.png"
FONT = os.environ.get("FONT", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
INK, ACCENT, LIGHT, WARN = "#1f2933", "#1d4f91", "#e8eef7", "#fbeeee"
SIZE = 16

args = ["-size", "540x600", "xc:white", "-font", FONT, "-pointsize", str(SIZE)]


def width(text, size=SIZE):
    """Approximate advance of `text`: full-width characters are one em, others about half."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.55 for c in text)


def text(x, y, value, colour=INK, size=SIZE, centred=True):
    left = x - width(value, size) / 2 if centred else x
    args.extend(["-stroke", "none", "-fill", colour, "-pointsize", str(size),
                 "-annotate", "+%d+%d" % (round(left), y), value, "-pointsize", str(SIZE)])


def box(x1, y1, x2, y2, value, fill="white"):
    args.extend(["-fill", fill, "-stroke", ACCENT, "-strokewidth", "2",
                 "-draw", "roundrectangle %d,%d %d,%d 10,10" % (x1, y1, x2, y2)])
    text((x1 + x2) / 2, (y1 + y2) / 2 + 6, value)


def diamond(cx, cy, value):
    args.extend(["-fill", "white", "-stroke", ACCENT, "-strokewidth", "2",
                 "-draw", "polygon %d,%d %d,%d %d,%d %d,%d" % (cx, cy - 34, cx + 110, cy, cx, cy + 34, cx - 110, cy)])
    text(cx, cy + 6, value)


def line(x1, y1, x2, y2):
    args.extend(["-fill", "none", "-stroke", INK, "-strokewidth", "2", "-draw", "line %d,%d %d,%d" % (x1, y1, x2, y2)])


def arrow(x1, y1, x2, y2):
    """A vertical or horizontal line with its head at (x2, y2)."""
    line(x1, y1, x2, y2)
    if x1 == x2:
        d = -1 if y2 > y1 else 1
        head = (x2, y2, x2 - 6, y2 + d * 11, x2 + 6, y2 + d * 11)
    else:
        d = -1 if x2 > x1 else 1
        head = (x2, y2, x2 + d * 11, y2 - 6, x2 + d * 11, y2 + 6)
    args.extend(["-stroke", "none", "-fill", INK, "-draw", "polygon %d,%d %d,%d %d,%d" % head])


cx = 260
box(130, 20, 390, 64, "提出变更申请（REC-13）", LIGHT)
arrow(cx, 64, cx, 96)
diamond(cx, 130, "变更类型")
arrow(cx, 164, cx, 206)
text(cx + 10, 190, "一般 / 重大 / 紧急", ACCENT, 14, centred=False)
box(130, 206, 390, 250, "评估与审批（REC-14）")
arrow(cx, 250, cx, 282)
box(130, 282, 390, 326, "在变更窗口内实施")
arrow(cx, 326, cx, 358)
diamond(cx, 392, "验证通过？")
arrow(cx, 426, cx, 468)
text(cx + 10, 452, "是", ACCENT, 14, centred=False)
box(130, 468, 390, 512, "关闭变更，更新配置项")
arrow(cx, 512, cx, 544)
box(130, 544, 390, 588, "变更后评审", LIGHT)
# Standard changes are pre-authorised: straight to implementation.
line(370, 130, 480, 130)
line(480, 130, 480, 304)
arrow(480, 304, 390, 304)
text(384, 120, "标准变更", ACCENT, 14, centred=False)
# A failed verification is rolled back.
line(150, 392, 64, 392)
arrow(64, 392, 64, 430)
text(112, 384, "否", ACCENT, 14, centred=False)
box(14, 430, 114, 468, "回退", WARN)

os.makedirs(os.path.dirname(OUT) or ".", exist_ok=True)
subprocess.run(["convert", *args, "-strip", "-define", "png:exclude-chunks=date,time", "+dither", "-colors", "32",
                "-define", "png:compression-level=9", "PNG8:" + OUT], check=True)
