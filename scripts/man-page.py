#!/usr/bin/env python3
"""Writes docctl's man page (docctl.1) with swift-argument-parser's generate-manual tool, keeping the
help texts' Chinese words.

generate-manual escapes text for mdoc character by character and keeps only ASCII characters
(`for character in self where character.isASCII` in its String+Escaping.swift): 草稿 / DRAFT came out
as " / DRAFT". So the tool is run on a stand-in for docctl that prints docctl's
`--experimental-dump-help` with every non-ASCII character spelled as an ASCII token, and the tokens
are turned into mdoc's Unicode escapes (\\[u8349]) afterwards, which groff and mandoc print as the
character.

Usage: man-page.py GENERATE_MANUAL_TOOL DOCCTL OUTPUT_FOLDER
"""
import os
import re
import stat
import subprocess
import sys
import tempfile

TOKEN = re.compile(r"DOCCTLUNI([0-9A-F]{4,6})X")


def spell(text):
    return "".join(c if ord(c) < 128 else "DOCCTLUNI%04XX" % ord(c) for c in text)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--dump":
        # The stand-in: docctl's help as JSON, every non-ASCII character as a token.
        dump = subprocess.run([sys.argv[2], "--experimental-dump-help"], check=True, capture_output=True).stdout
        sys.stdout.write(spell(dump.decode("utf-8")))
        return
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    tool, docctl, output = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    with tempfile.TemporaryDirectory() as folder:
        stand_in = os.path.join(folder, "docctl")
        with open(stand_in, "w") as script:
            script.write('#!/bin/sh\n[ "$1" = --experimental-dump-help ] || exit 2\n')
            script.write('exec "%s" "%s" --dump "%s"\n' % (sys.executable, os.path.abspath(__file__), docctl))
        os.chmod(stand_in, os.stat(stand_in).st_mode | stat.S_IXUSR)
        os.makedirs(output, exist_ok=True)
        subprocess.run([tool, stand_in, "-o", output], check=True)
    page = os.path.join(output, "docctl.1")
    with open(page, encoding="ascii") as file:
        text = file.read()
    text = TOKEN.sub(lambda match: "\\[u%s]" % match.group(1), text)
    if "DOCCTLUNI" in text:
        sys.exit("man-page.py: a spelled character was split by generate-manual")
    with open(page, "w", encoding="ascii") as file:
        file.write(text)


main()
