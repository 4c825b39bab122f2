#!/usr/bin/env python3
"""Messages never cite a section number the user cannot open.

    no_section_numbers_test.py SRC_DIR   (its folders too: core/, cli/)

Every string literal in the sources (messages, help texts, the templates
written for the user) is checked: none may hold a section sign or a
"SPEC" reference. Comments may cite "spec §N" (docs/spec.md); literals may not.
"""
import pathlib
import re
import sys


def literals(text):
    """Yields (line, literal) for every string literal, comments skipped."""
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += text.count("\n", i, j)
            i = j
        elif c == "R" and text.startswith('R"', i) and not (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i)
            body = text[i:end]
            yield line, body
            line += body.count("\n")
            i = end + len(m.group(1)) + 2
        elif c == '"' or (c == "'" and not (i > 0 and text[i - 1].isalnum())):
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            yield line, text[i:j + 1]
            i = j + 1
        else:
            i += 1


def main():
    src = pathlib.Path(sys.argv[1])
    bad = []
    checked = 0
    for path in sorted(list(src.rglob("*.cpp")) + list(src.rglob("*.h"))):
        for line, lit in literals(path.read_text(encoding="utf-8")):
            checked += 1
            if "§" in lit or re.search(r"\bSPEC\b", lit):
                bad.append(f"{path.relative_to(src)}:{line}: {lit}")
    if checked < 100:
        print(f"FAIL: only {checked} string literals found in {src}: is it the source folder?")
        return 1
    for b in bad:
        print(f"FAIL: a message cites a section: {b}")
    if not bad:
        print(f"ok: {checked} string literals, none cites a section")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
