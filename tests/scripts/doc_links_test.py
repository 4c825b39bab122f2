#!/usr/bin/env python3
"""The documentation's links resolve.

    doc_links_test.py REPOSITORY_ROOT

- Every relative link in README.md, CONTRIBUTING.md and docs/*.md names a
  file of the repository and, after '#', a heading of that file.
- Every `docs/decisions.md#ANCHOR` cited in src/, tests/ or fuzz/ is a
  heading of docs/decisions.md (each decision's heading is its anchor).
- Every section a code comment cites ("spec §5.2") is a numbered heading of
  docs/spec.md, the contract kept in the repository.
"""
import pathlib
import re
import sys


def anchors(md):
    """GitHub's anchors for the headings of a markdown file."""
    out = set()
    fence = False
    for line in md.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fence = not fence
        if fence:
            continue
        m = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            text = m.group(1).lower()
            text = re.sub(r"[^\w\- ]", "", text)
            out.add(text.replace(" ", "-"))
    return out


def main():
    root = pathlib.Path(sys.argv[1]).resolve()
    docs = [root / "README.md", root / "CONTRIBUTING.md"] + sorted((root / "docs").glob("*.md"))
    bad = []
    links = 0
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        text = re.sub(r"```.*?```", "", text, flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            links += 1
            path, _, anchor = target.partition("#")
            dest = (doc.parent / path).resolve() if path else doc
            if not dest.exists():
                bad.append(f"{doc.relative_to(root)}: link to {target}: no such file")
            elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
                bad.append(f"{doc.relative_to(root)}: link to {target}: no such heading")
    decisions = anchors(root / "docs" / "decisions.md")
    cited = 0
    for folder in ("src", "tests", "fuzz"):
        for f in sorted((root / folder).rglob("*")):
            if f.suffix not in (".cpp", ".h", ".py", ".sh", ".bash", ".txt") or not f.is_file():
                continue
            for m in re.finditer(r"docs/decisions\.md#([a-z0-9-]+)((?:,?\s+(?://\s+)?(?:and\s+)?#[a-z0-9-]+)*)",
                                 f.read_text(encoding="utf-8", errors="replace")):
                names = [m.group(1)] + re.findall(r"#([\w-]+)", m.group(2))
                for name in names:
                    cited += 1
                    if name not in decisions:
                        bad.append(f"{f.relative_to(root)}: cites docs/decisions.md#{name}: no such heading")
    sections = set()
    for line in (root / "docs" / "spec.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"#{1,6}\s+(\d+(?:\.\d+)*)\.?\s", line)
        if m:
            sections.add(m.group(1))
    sections_cited = 0
    for folder in ("src", "tests", "fuzz"):
        for f in sorted((root / folder).rglob("*")):
            if f.suffix not in (".cpp", ".h", ".inc") or not f.is_file():
                continue
            text = f.read_text(encoding="utf-8", errors="replace")
            for m in re.finditer(r"(?i)spec\s+§(\d+(?:\.\d+)*)", text):
                sections_cited += 1
                if m.group(1) not in sections:
                    line = text.count("\n", 0, m.start()) + 1
                    bad.append(f"{f.relative_to(root)}:{line}: cites spec §{m.group(1)}: "
                               "no such section in docs/spec.md")
    if sections_cited < 10 or len(sections) < 10:
        bad.append(f"only {sections_cited} spec sections cited and {len(sections)} found in docs/spec.md")
    for b in bad:
        print("FAIL:", b)
    if links < 10:
        print(f"FAIL: only {links} links found: is {root} the repository?")
        return 1
    if not bad:
        print(f"ok: {links} links, {cited} cited decisions and {sections_cited} cited spec sections resolve")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
