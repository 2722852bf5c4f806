#!/usr/bin/env python3
"""Checks that every relative link in README.md and docs/**/*.md points at a file or directory that
exists. Run from the repository root: python3 docs/tools/check-links.py (exit 1 on a broken link)."""
import glob
import os
import re
import sys

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
broken = []
for page in ["README.md"] + sorted(glob.glob("docs/**/*.md", recursive=True)):
    with open(page) as f:
        text = re.sub(r"```.*?```", "", f.read(), flags=re.S)  # links in code blocks are not links
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a URL or an anchor in the same page
        path = os.path.normpath(os.path.join(os.path.dirname(page), target.split("#")[0]))
        if not os.path.exists(path):
            broken.append(f"{page}: {target}")
print("\n".join(broken) or "every relative link resolves")
sys.exit(1 if broken else 0)
