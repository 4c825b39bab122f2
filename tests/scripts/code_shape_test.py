#!/usr/bin/env python3
"""The shape the code keeps (CONTRIBUTING.md, "Shape of the code"):

- no source file in src/ over 600 lines;
- no function over 120 lines (as universal-ctags measures them);
- no include cycle between modules. A module is a family of files: x.h,
  x.cpp and every x_*.{h,cpp,inc} beside them (the parts of one unit split
  into files, such as front_matter_reader.cpp of front_matter); a module
  depends on the modules whose headers it includes.

Usage: code_shape_test.py SRC_DIR
"""
import re
import shutil
import subprocess
import sys
from pathlib import Path

MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 120


def sources(src):
    return sorted(p for p in src.rglob("*") if p.suffix in (".h", ".cpp", ".inc"))


def long_files(files):
    for f in files:
        n = f.read_text(encoding="utf-8").count("\n")
        if n > MAX_FILE_LINES:
            yield f"{f}: {n} lines (at most {MAX_FILE_LINES})"


def long_functions(files):
    ctags = shutil.which("ctags")
    if ctags is None:
        sys.exit("code_shape: ctags (Debian package universal-ctags) is missing; "
                 "scripts/install-deps installs it")
    for f in files:
        out = subprocess.run(
            [ctags, "--fields=+ne", "--kinds-c++=f", "--language-force=c++", "-o", "-", str(f)],
            check=True, capture_output=True, text=True).stdout
        for row in out.splitlines():
            fields = row.split("\t")
            marks = dict(x.split(":", 1) for x in fields[3:] if ":" in x)
            if "line" in marks and "end" in marks:
                n = int(marks["end"]) - int(marks["line"]) + 1
                if n > MAX_FUNCTION_LINES:
                    yield f"{f}:{marks['line']}: {fields[0]} is {n} lines (at most {MAX_FUNCTION_LINES})"


def module_of(path, stems):
    """The family `path` belongs to: the shortest stem of a header in the same
    folder that `path`'s stem is, or begins with followed by '_'."""
    stem = path.stem
    best = stem
    for other in stems.get(path.parent, ()):
        if (stem == other or stem.startswith(other + "_")) and len(other) < len(best):
            best = other
    return path.parent.name + "/" + best


def include_cycles(files):
    by_name = {f.name: f for f in files}
    stems = {}
    for f in files:
        if f.suffix == ".h":
            stems.setdefault(f.parent, set()).add(f.stem)
    deps = {}
    for f in files:
        mod = module_of(f, stems)
        deps.setdefault(mod, set())
        for name in re.findall(r'^\s*#\s*include\s+"([^"]+)"', f.read_text(encoding="utf-8"), re.M):
            target = by_name.get(Path(name).name)
            if target is not None and module_of(target, stems) != mod:
                deps[mod].add(module_of(target, stems))
    # Depth-first search; a back edge is a cycle.
    state, stack, cycles = {}, [], []

    def visit(m):
        state[m] = "open"
        stack.append(m)
        for d in sorted(deps.get(m, ())):
            if state.get(d) == "open":
                cycles.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d)
        stack.pop()
        state[m] = "done"

    for m in sorted(deps):
        if m not in state:
            visit(m)
    for c in cycles:
        yield "include cycle: " + " -> ".join(c)


def main():
    src = Path(sys.argv[1])
    files = sources(src)
    if not files:
        sys.exit(f"code_shape: no sources under {src}")
    problems = [*long_files(files), *long_functions(files), *include_cycles(files)]
    for p in problems:
        print(p)
    print(f"code_shape: {len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
