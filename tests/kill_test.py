#!/usr/bin/env python3
"""Kill test (SPEC §9, "nothing is lost"): SIGKILL `touchbase run` at random
moments and check that no note is ever truncated or half-written.

Usage: kill_test.py TOUCHBASE [NOTES] [KILLS]

A folder of NOTES small notes (default 3000), each needing an update (one
dated contact entry, no owned keys), is first run on a separate copy to learn
the fully updated bytes. Then, on the real copy, `touchbase run` is started and
killed with SIGKILL after a random delay between 0 and the duration of a
whole run (seeded RNG: KILL_TEST_SEED), KILLS times (default 30); when a run
finished before its kill, the notes are put back to their original bytes so
the next kill has writes to interrupt. After every
kill each note must be exactly its original bytes or exactly its updated bytes,
and every other file a temporary `.tb-XXXXXXXX.tmp` (or the complete agenda).
Finally a complete run
exits 0, every note equals the expected bytes and no temporary remains.
"""
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TODAY = "2026-11-24"
TEMPORARY = re.compile(r"^\.tb-[A-Za-z0-9]{8}\.tmp$")


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def make_notes(folder, count):
    notes = {}
    for i in range(count):
        sub = f"group{i % 10}"
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
        rel = f"{sub}/client-{i:05d}.md"
        text = (f"---\nname: Client {i}\ntags: [kill-test]\n---\n# Client {i}\n\n## Log\n\n"
                f"- 2026-{8 + i % 3:02d}-{1 + i % 28:02d} call with client {i}\n")
        data = text.encode()
        with open(os.path.join(folder, rel), "wb") as f:
            f.write(data)
        notes[rel] = data
    return notes


def read_all(folder):
    """Every file under folder: {relative path: bytes}."""
    out = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, folder)] = f.read()
    return out


def run(touchbase, folder):
    return subprocess.Popen([touchbase, "run", folder, "--today", TODAY, "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def main():
    touchbase = os.path.abspath(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    kills = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    seed = int(os.environ.get("KILL_TEST_SEED", "20261124"))
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="touchbase-kill-")
    try:
        real = os.path.join(work, "notes")
        original = make_notes(real, count)
        reference = os.path.join(work, "reference")
        shutil.copytree(real, reference)

        started = time.monotonic()
        p = run(touchbase, reference)
        _, err = p.communicate()
        duration = time.monotonic() - started
        if p.returncode != 0:
            fail(f"the reference run exited {p.returncode}: {err.decode()}")
        expected = read_all(reference)
        agenda = expected.pop("agenda.md", None)
        if agenda is None:
            fail("the reference run wrote no agenda.md")
        for rel, data in original.items():
            if expected.get(rel) == data:
                fail(f"{rel} does not need an update; the test would prove nothing")
        if set(expected) != set(original):
            fail(f"the reference run left other files: {sorted(set(expected) - set(original))}")

        leftovers = set()  # temporaries seen after a kill: the final run must remove them
        killed_mid_write = 0
        resets = 0
        for k in range(kills):
            delay = rng.uniform(0, duration)
            p = run(touchbase, real)
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            p.communicate()
            files = read_all(real)
            updated = 0
            for rel, data in files.items():
                if rel in original:
                    if data == expected[rel]:
                        updated += 1
                    elif data != original[rel]:
                        fail(f"kill {k} after {delay:.3f}s: {rel} is neither the original nor the "
                             f"updated note ({len(data)} bytes)")
                elif rel == "agenda.md":
                    if data != agenda:
                        fail(f"kill {k}: agenda.md is incomplete or differs from the expected one")
                elif not TEMPORARY.match(os.path.basename(rel)):
                    fail(f"kill {k}: unexpected file {rel}")
            missing = set(original) - set(files)
            if missing:
                fail(f"kill {k}: notes lost: {sorted(missing)[:5]}")
            temporaries = {rel for rel in files if TEMPORARY.match(os.path.basename(rel))}
            if temporaries:
                killed_mid_write += 1
            leftovers |= temporaries
            if updated == count:
                # The run finished before the kill: start the next one from the
                # original notes again (temporaries stay, for the runs to clean).
                for rel, data in original.items():
                    with open(os.path.join(real, rel), "wb") as f:
                        f.write(data)
                if os.path.exists(os.path.join(real, "agenda.md")):  # killed before it, maybe
                    os.remove(os.path.join(real, "agenda.md"))
                resets += 1
            print(f"kill {k:2d} after {delay:.3f}s: {updated}/{count} notes updated, "
                  f"{len(temporaries)} temporaries", file=sys.stderr)

        p = run(touchbase, real)
        _, err = p.communicate()
        if p.returncode != 0:
            fail(f"the final run exited {p.returncode}: {err.decode()}")
        files = read_all(real)
        if files.pop("agenda.md", None) != agenda:
            fail("the final agenda.md differs from the reference run's")
        for rel in leftovers:
            if rel in files:
                fail(f"temporary {rel} left by a killed run is still there")
        extra = set(files) - set(expected)
        if extra:
            fail(f"files left after the final run: {sorted(extra)[:5]}")
        for rel, data in expected.items():
            if files.get(rel) != data:
                fail(f"{rel} differs from the reference run after the final run")
        print(f"ok: {kills} kills over a {duration:.2f}s run of {count} notes "
              f"({killed_mid_write} left temporaries, {resets} came too late), seed {seed}", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
