#!/usr/bin/env python3
"""The bad-input suite (SPEC §9: bad input is reported with its position and
never rewritten; the other notes are still processed).

    run_bad_input.py TOUCHBASE_BINARY

cases/*.md holds one bad note per case; two more cases (a note over 10 MiB,
front matter over 64 KiB) are generated here rather than kept in git.
expected.tsv lists, for every case, each problem `agenda --format json` must
report for it: file, severity, line, column and a fragment of the message
(severity `none`: no problem at all, the file is not a note). Nothing else
may be reported for the file.

Each case is run twice: all cases together in one DIR, and each case alone,
both times beside one good note, with `run --today 2026-11-24`. Checked:
the exit status (3 when some case has an error; a warning alone is 0), every
case's bytes and mtime unchanged, the good note updated, the expected
problems, and (together) that temporaries left by a killed run are removed.
A few bad configurations are checked too: exit 2 and nothing written.
stderr/<case>.txt, where present, is the exact standard error of the run of
that case alone (the `path:line:column: error:` line, the source line and the
caret, SPEC §7), the summary line aside.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
TODAY = "2026-11-24"
OLD_MTIME_NS = 1_600_000_000_123_456_789  # far in the past: any write shows

GOOD_NAME = "good.md"
GOOD = b"---\nname: Good Client\n---\n# Good Client\n\n## Log\n- 2026-11-02 call about the website\n"
GOOD_AFTER = (b"---\nname: Good Client\nlast_contact: 2026-11-02\ncounter: 1w\n"
              b"next_contact: 2026-11-09\n---\n# Good Client\n\n## Log\n"
              b"- 2026-11-02 call about the website\n")


def generated_cases():
    big = bytearray(b"---\nname: Big\n---\n# Big\n")
    line = b"x" * 79 + b"\n"
    while len(big) <= 10 * 1024 * 1024:
        big += line
    wide = bytearray(b"---\nname: Wide\n")
    while len(wide) <= 64 * 1024 + 100:
        wide += b"note: " + b"a" * 73 + b"\n"
    wide += b"---\n# Wide\n"
    return {"generated-note-over-10-MiB.md": bytes(big),
            "generated-front-matter-over-64-KiB.md": bytes(wide)}


failures = []


def fail(context, message):
    failures.append(f"{context}: {message}")


def load_expected():
    expected = {}
    with open(os.path.join(HERE, "expected.tsv"), encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            raw = raw.rstrip("\n")
            if not raw or raw.startswith("#"):
                continue
            fields = raw.split("\t")
            if len(fields) != 5:
                sys.exit(f"expected.tsv:{number}: want 5 tab-separated fields, got {len(fields)}")
            name, severity, line, column, fragment = fields
            rows = expected.setdefault(name, [])
            if severity != "none":
                rows.append((severity, int(line), int(column), fragment))
    return expected


def stamp(path):
    st = os.stat(path)
    return st.st_mtime_ns, st.st_ino


def read(path):
    with open(path, "rb") as f:
        return f.read()


def make_dir(cases):
    """A notes folder with `cases` ({name: bytes}) and the good note."""
    root = tempfile.mkdtemp(prefix="touchbase-bad-input-")
    for name, data in list(cases.items()) + [(GOOD_NAME, GOOD)]:
        path = os.path.join(root, name)
        with open(path, "wb") as f:
            f.write(data)
        os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return root


def run(binary, args, cwd):
    started = time.monotonic()
    proc = subprocess.run([binary] + args, cwd=cwd, capture_output=True, timeout=60)
    return proc, time.monotonic() - started


def check_problems(context, expected, cases, problems):
    by_file = {}
    for p in problems:
        by_file.setdefault(p["file"], []).append(p)
    for name in by_file:
        if name not in cases:
            fail(context, f"unexpected problems for {name}: {by_file[name]}")
    for name in cases:
        got = list(by_file.get(name, []))
        for severity, line, column, fragment in expected[name]:
            match = next((p for p in got if p["severity"] == severity and p["line"] == line
                          and p["column"] == column and fragment in p["message"]), None)
            if match is None:
                fail(context, f"{name}: no {severity} at {line}:{column} containing "
                              f"'{fragment}'; got {got}")
            else:
                got.remove(match)
        for p in got:
            fail(context, f"{name}: unexpected {p['severity']} at {p['line']}:{p['column']}: "
                          f"{p['message']}")


def check_pass(binary, context, expected, cases, temporaries=()):
    """Runs touchbase on `cases` beside the good note and checks everything."""
    root = make_dir(cases)
    try:
        for rel in temporaries:
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(b"half a note from a killed run")
        before = {name: (read(os.path.join(root, name)), stamp(os.path.join(root, name)))
                  for name in cases}
        has_error = any(row[0] == "error" for name in cases for row in expected[name])

        proc, seconds = run(binary, ["run", "--today", TODAY], root)
        want = 3 if has_error else 0
        if proc.returncode != want:
            fail(context, f"run: exit status {proc.returncode}, expected {want}; stderr:\n"
                          + proc.stderr.decode("utf-8", "replace"))
        if seconds > 10:
            fail(context, f"run took {seconds:.1f} s")
        for name, (data, st) in before.items():
            path = os.path.join(root, name)
            if read(path) != data:
                fail(context, f"{name}: its bytes changed")
            if stamp(path) != st:
                fail(context, f"{name}: its mtime or inode changed")
        if read(os.path.join(root, GOOD_NAME)) != GOOD_AFTER:
            fail(context, "the good note was not updated as expected:\n"
                          + read(os.path.join(root, GOOD_NAME)).decode("utf-8", "replace"))
        for rel in temporaries:
            if os.path.exists(os.path.join(root, rel)):
                fail(context, f"the temporary {rel} of a killed run was not removed")

        agenda, _ = run(binary, ["agenda", "--format", "json", "--today", TODAY], root)
        if agenda.returncode != want:
            fail(context, f"agenda: exit status {agenda.returncode}, expected {want}")
        try:
            report = json.loads(agenda.stdout.decode("utf-8"))  # strict: valid UTF-8 only
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            fail(context, f"agenda --format json is not valid UTF-8 JSON: {e}")
            return proc
        check_problems(context, expected, cases, report["problems"])
        clients = {c["file"] for c in report["clients"]}
        if GOOD_NAME not in clients:
            fail(context, "the good note is missing from clients")
        for name in cases:
            errored = any(row[0] == "error" for row in expected[name])
            if errored and name in clients:
                fail(context, f"{name} has an error but is listed in clients")
        return proc
    finally:
        shutil.rmtree(root, ignore_errors=True)


# Bad configurations (SPEC §8, §9): an error, exit 2, nothing written.
LAUGHS = "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10))
BAD_CONFIGS = {
    "invalid UTF-8": (b"horizon: 7d\nlog_heading: Journ\xe9\n", b".touchbase.yaml:2:19: error: "
                      b"the configuration is not valid UTF-8 (byte 0xE9)"),
    "a NUL byte": (b"agenda: agenda\x00.md\n", b".touchbase.yaml:1:15: error: "
                   b"the configuration holds a NUL byte"),
    "deep nesting": (b"exclude: " + b"[" * 5000 + b"\n", b".touchbase.yaml:1:73: error: "
                     b"the configuration is nested deeper than 64 levels"),
    "a tab in the indentation": (b"exclude:\n\t- drafts/**\n", b".touchbase.yaml:2:1: error: "
                                 b"invalid YAML: a tab in the indentation"),
    "billion laughs": (("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + LAUGHS
                        + "exclude: *a9\n").encode(), b".touchbase.yaml:9:5: error: "),
}


def check_configs(binary):
    for what, (config, message) in BAD_CONFIGS.items():
        context = f"a configuration with {what}"
        root = make_dir({})
        try:
            with open(os.path.join(root, ".touchbase.yaml"), "wb") as f:
                f.write(config)
            proc, seconds = run(binary, ["run", "--today", TODAY], root)
            if proc.returncode != 2:
                fail(context, f"exit status {proc.returncode}, expected 2; stderr:\n"
                              + proc.stderr.decode("utf-8", "replace"))
            if message not in proc.stderr:
                fail(context, f"stderr lacks {message!r}:\n" + proc.stderr.decode("utf-8", "replace"))
            if seconds > 10:
                fail(context, f"run took {seconds:.1f} s")
            if read(os.path.join(root, GOOD_NAME)) != GOOD:
                fail(context, "the good note was written")
            if os.path.exists(os.path.join(root, "agenda.md")):
                fail(context, "agenda.md was written")
        finally:
            shutil.rmtree(root, ignore_errors=True)


def check_file_name(binary):
    """A file name that is not UTF-8: the JSON and agenda.md stay UTF-8."""
    context = "a note whose file name is not UTF-8"
    root = make_dir({})
    try:
        name = os.path.join(os.fsencode(root), b"caf\xe9.md")
        with open(name, "wb") as f:
            f.write(b"---\nname: Cafe\nlast_contact: 2026-02-30\n---\n")
        proc, _ = run(binary, ["run", "--today", TODAY], root)
        if proc.returncode != 3:
            fail(context, f"exit status {proc.returncode}, expected 3")
        try:
            read(os.path.join(root, "agenda.md")).decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            fail(context, f"agenda.md is not UTF-8: {e}")
        agenda, _ = run(binary, ["agenda", "--format", "json", "--today", TODAY], root)
        try:
            problems = json.loads(agenda.stdout.decode("utf-8"))["problems"]
            if [p["file"] for p in problems] != ["caf\ufffd.md"]:
                fail(context, f"problems: {problems}")
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            fail(context, f"agenda --format json is not valid UTF-8 JSON: {e}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    expected = load_expected()
    cases = {name: read(os.path.join(CASES, name)) for name in sorted(os.listdir(CASES))}
    cases.update(generated_cases())
    for name in cases:
        if name not in expected:
            fail("expected.tsv", f"no expectation for {name}")
    for name in expected:
        if name not in cases:
            fail("expected.tsv", f"{name} is not a case")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    if len(cases) < 40:
        fail("suite", f"only {len(cases)} cases")

    check_pass(binary, "all cases together", expected, cases,
               temporaries=[".tb-Ab12Cd34.tmp", "clients/.tb-x9Y8z7W6.tmp"])
    check_configs(binary)
    check_file_name(binary)
    for name in sorted(cases):
        proc = check_pass(binary, name, expected, {name: cases[name]})
        display = os.path.join(HERE, "stderr", name[:-3] + ".txt")
        if os.path.exists(display) and proc is not None:
            want = read(display)
            # The summary line (`touchbase: N notes read, ...`) is not part of the display.
            got = b"".join(line for line in proc.stderr.splitlines(keepends=True)
                           if not line.startswith(b"touchbase: "))
            if got != want:
                fail(name, "stderr differs; expected:\n" + want.decode("utf-8", "replace")
                     + "got:\n" + got.decode("utf-8", "replace"))

    if failures:
        print("\n".join(failures), file=sys.stderr)
        print(f"FAIL: {len(failures)} problem(s) in the bad-input suite", file=sys.stderr)
        return 1
    print(f"ok: {len(cases)} bad-input cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
