#!/usr/bin/env python3
"""One run at a time per DIR (SPEC §9).

Usage: concurrency_test.py TOUCHBASE concurrent|lock

concurrent: two `touchbase run` started at once on a folder of 300 notes, a
  third of them due the off-boarding checklist (project_end in the past,
  engagement former), so a double append would show. Both must exit 0 (the
  second waits for the first's lock) and every note must equal what a single
  run gives on a copy.
lock: while `flock DIR sleep 12` (util-linux) holds the lock, `touchbase run
  DIR` must give up after about 10 seconds with exit status 4 and a message
  saying that another run holds DIR, and must not touch the notes.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

TODAY = "2026-11-24"


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def make_notes(folder, count):
    os.makedirs(folder)
    for i in range(count):
        if i % 3 == 0:
            front = f"name: Former {i}\nengagement: former\nproject_end: 2026-{9 + i % 2:02d}-{1 + i % 28:02d}\n"
        else:
            front = f"name: Client {i}\n"
        text = (f"---\n{front}---\n# Client {i}\n\n## Log\n\n"
                f"- 2026-10-{1 + i % 28:02d} call #news\n- [ ] Send the minutes\n")
        with open(os.path.join(folder, f"client-{i:04d}.md"), "w") as f:
            f.write(text)


def read_all(folder):
    out = {}
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            out[name] = f.read()
    return out


def command(touchbase, folder):
    return [touchbase, "run", folder, "--today", TODAY, "--quiet"]


def concurrent(touchbase, work):
    notes = os.path.join(work, "notes")
    make_notes(notes, 300)
    reference = os.path.join(work, "reference")
    shutil.copytree(notes, reference)
    p = subprocess.run(command(touchbase, reference), capture_output=True)
    if p.returncode != 0:
        fail(f"the single run exited {p.returncode}: {p.stderr.decode()}")
    expected = read_all(reference)
    before = read_all(notes)
    appended = sum(1 for name in before if b"## Coming off client work" in expected[name])
    if appended != 100:
        fail(f"{appended} notes got the off-boarding checklist in the single run, expected 100")

    runs = [subprocess.Popen(command(touchbase, notes), stderr=subprocess.PIPE) for _ in range(2)]
    results = [(r.wait(), r.stderr.read().decode()) for r in runs]
    for status, err in results:
        if status != 0:
            fail(f"a concurrent run exited {status}: {err}")
    after = read_all(notes)
    if after.keys() != expected.keys():
        fail(f"files differ: {sorted(set(after) ^ set(expected))[:5]}")
    for name, data in expected.items():
        if after[name] != data:
            twice = after[name].count(b"## Coming off client work")
            fail(f"{name} differs from the single run's result ({twice} checklists)")
    print("ok: two concurrent runs gave the single run's result", file=sys.stderr)


def lock(touchbase, work):
    notes = os.path.join(work, "notes")
    make_notes(notes, 3)
    before = read_all(notes)
    holder = subprocess.Popen(["flock", notes, "sleep", "12"])
    try:
        # Wait until flock holds the lock (a non-blocking try fails).
        deadline = time.monotonic() + 5
        while subprocess.run(["flock", "-n", notes, "true"]).returncode == 0:
            if time.monotonic() > deadline:
                fail("flock did not take the lock")
            time.sleep(0.05)
        started = time.monotonic()
        p = subprocess.run(command(touchbase, notes), capture_output=True)
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    err = p.stderr.decode()
    if p.returncode != 4:
        fail(f"exit status {p.returncode}, expected 4; stderr: {err}")
    if not 9.5 <= waited <= 11.9:
        fail(f"gave up after {waited:.1f}s, expected about 10s")
    if "another touchbase run holds" not in err or notes not in err:
        fail(f"the message does not say that another run holds {notes}: {err}")
    if read_all(notes) != before:
        fail("the notes changed although the run did not get the lock")
    print(f"ok: exit 4 after {waited:.1f}s: {err.strip()}", file=sys.stderr)


def main():
    touchbase = os.path.abspath(sys.argv[1])
    mode = sys.argv[2]
    work = tempfile.mkdtemp(prefix="touchbase-concurrency-")
    try:
        {"concurrent": concurrent, "lock": lock}[mode](touchbase, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
