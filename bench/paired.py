#!/usr/bin/env python3
"""Paired timing: commands run in turn, round after round, so that a slow spell
of the machine falls on all of them alike (hyperfine times one command's runs
together, and on a shared virtual machine a slow spell then lands on one row).

    paired.py --runs N LABEL=COMMAND LABEL=COMMAND ...

Each command runs once to warm up, then N rounds of every command in order.
Prints one line per command after the first: its label, its median seconds,
and the median, lowest and highest of its per-round ratio to the first
command. Commands are split like a shell line (shlex) and run without a shell,
output discarded; a non-zero exit stops everything.
"""
import argparse
import shlex
import statistics
import subprocess
import sys
import time


def timed(argv):
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"paired.py: {shlex.join(argv)} exited {done.returncode}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("commands", nargs="+", metavar="LABEL=COMMAND")
    args = parser.parse_args()
    commands = []
    for item in args.commands:
        label, sep, line = item.partition("=")
        if not sep or not line:
            parser.error(f"expected LABEL=COMMAND, got {item!r}")
        commands.append((label, shlex.split(line)))
    for _, argv in commands:
        timed(argv)
    times = {label: [] for label, _ in commands}
    for _ in range(args.runs):
        for label, argv in commands:
            times[label].append(timed(argv))
    base = commands[0][0]
    print(f"{base}\t{statistics.median(times[base]):.3f}\t1.00\t1.00\t1.00")
    for label, _ in commands[1:]:
        ratios = [t / b for t, b in zip(times[label], times[base])]
        print(f"{label}\t{statistics.median(times[label]):.3f}\t{statistics.median(ratios):.2f}"
              f"\t{min(ratios):.2f}\t{max(ratios):.2f}")


if __name__ == "__main__":
    main()
