#!/usr/bin/env python3
"""SPEC §7.1: `touchbase agenda examples --format json --today 2026-11-24`
checked field for field: key order, types (null where absent), status values,
and the sort orders the spec states.

Usage: json_schema_test.py path/to/touchbase path/to/examples
"""
import json
import re
import subprocess
import sys

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DURATION = re.compile(r"^\d{1,4}[dwmy]$")
TODAY = "2026-11-24"

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def is_date(v):
    return isinstance(v, str) and DATE.match(v) is not None


def date_or_null(v):
    return v is None or is_date(v)


def str_or_null(v):
    return v is None or isinstance(v, str)


def keys_in_order(obj, keys, where):
    check(list(obj.keys()) == keys, f"{where}: keys {list(obj.keys())}, expected {keys}")


def main():
    binary, examples = sys.argv[1], sys.argv[2]
    run = subprocess.run([binary, "agenda", examples, "--format", "json", "--today", TODAY],
                         capture_output=True, text=True)
    check(run.returncode == 0, f"exit status {run.returncode}: {run.stderr}")
    doc = json.loads(run.stdout, object_pairs_hook=lambda pairs: dict(pairs))
    check(run.stdout.endswith("}\n"), "output does not end with one newline after the object")

    keys_in_order(doc, ["today", "clients", "actions", "cards", "problems"], "top level")
    check(doc["today"] == TODAY, f"today is {doc['today']}")

    statuses = {"overdue", "due", "new", "upcoming", "later", "paused"}
    engagements = {"active", "casual", "ongoing", "former", "paused"}
    clients = doc["clients"]
    check(len(clients) > 0, "no clients")
    seen_status = set()
    for i, c in enumerate(clients):
        w = f"clients[{i}]"
        keys_in_order(c, ["file", "name", "owner", "engagement", "last_contact", "counter",
                          "next_contact", "status"], w)
        check(isinstance(c["file"], str) and c["file"].endswith(".md") and "\\" not in c["file"],
              f"{w}.file {c['file']!r}")
        check(isinstance(c["name"], str) and c["name"], f"{w}.name {c['name']!r}")
        check(str_or_null(c["owner"]), f"{w}.owner {c['owner']!r}")
        check(c["engagement"] in engagements, f"{w}.engagement {c['engagement']!r}")
        check(date_or_null(c["last_contact"]), f"{w}.last_contact {c['last_contact']!r}")
        check(c["counter"] is None or DURATION.match(c["counter"]), f"{w}.counter {c['counter']!r}")
        check(date_or_null(c["next_contact"]), f"{w}.next_contact {c['next_contact']!r}")
        check(c["status"] in statuses, f"{w}.status {c['status']!r}")
        seen_status.add(c["status"])
        # The status follows from N and today (horizon 7d in the examples).
        n, s = c["next_contact"], c["status"]
        if c["engagement"] == "paused":
            check(s == "paused" and n is None, f"{w}: paused client with {s}, {n}")
        elif n is None:
            check(s == "new" and c["last_contact"] is None, f"{w}: no N but status {s}")
        elif n < TODAY:
            check(s == "overdue", f"{w}: N {n} but status {s}")
        elif n == TODAY:
            check(s == "due", f"{w}: N {n} but status {s}")
        else:
            check(s in ("upcoming", "later"), f"{w}: N {n} but status {s}")
            check((s == "upcoming") == (n <= "2026-12-01"), f"{w}: N {n} but status {s}")
        if c["last_contact"] is not None:
            check(c["counter"] is not None, f"{w}: last_contact without counter")
    # Sorted by N (null last), then file.
    key = [(c["next_contact"] is None, c["next_contact"] or "", c["file"]) for c in clients]
    check(key == sorted(key), "clients are not sorted by next_contact (null last), then file")
    check(len({c["file"] for c in clients}) == len(clients), "a client is listed twice")
    # The examples are meant to show every status.
    check(seen_status == statuses, f"the examples show statuses {sorted(seen_status)} only")

    files = {c["file"]: c for c in clients}
    actions = doc["actions"]
    check(len(actions) > 0, "no actions")
    for i, a in enumerate(actions):
        w = f"actions[{i}]"
        keys_in_order(a, ["file", "client", "text", "due", "origin", "line"], w)
        check(a["file"] in files, f"{w}.file {a['file']!r} is not a client")
        if a["file"] in files:
            check(a["client"] == files[a["file"]]["name"], f"{w}.client {a['client']!r}")
            check(files[a["file"]]["engagement"] != "paused", f"{w}: action of a paused client")
        check(isinstance(a["text"], str) and a["text"] == " ".join(a["text"].split()) and a["text"],
              f"{w}.text {a['text']!r}")
        check(is_date(a["due"]), f"{w}.due {a['due']!r}")
        check(a["origin"] in ("task", "front_matter"), f"{w}.origin {a['origin']!r}")
        check(isinstance(a["line"], int) and not isinstance(a["line"], bool) and a["line"] >= 1,
              f"{w}.line {a['line']!r}")
    key = [(a["due"], a["file"], a["line"]) for a in actions]
    check(key == sorted(key), "actions are not sorted by due, file, line")

    cards = doc["cards"]
    for i, c in enumerate(cards):
        w = f"cards[{i}]"
        keys_in_order(c, ["file", "client", "occasion", "label", "date"], w)
        check(c["file"] in files, f"{w}.file {c['file']!r} is not a client")
        check(isinstance(c["occasion"], str) and " " not in c["occasion"], f"{w}.occasion {c['occasion']!r}")
        check(str_or_null(c["label"]), f"{w}.label {c['label']!r}")
        check(is_date(c["date"]) and TODAY <= c["date"] <= "2026-12-08", f"{w}.date {c['date']!r}")
    key = [(c["date"], c["file"]) for c in cards]
    check(key == sorted(key), "cards are not sorted by date, file")

    for i, p in enumerate(doc["problems"]):
        w = f"problems[{i}]"
        keys_in_order(p, ["file", "line", "column", "severity", "message"], w)
        check(isinstance(p["line"], int) and isinstance(p["column"], int), f"{w} position")
        check(p["severity"] in ("error", "warning"), f"{w}.severity {p['severity']!r}")
        check(isinstance(p["message"], str) and p["message"], f"{w}.message")
    key = [(p["file"], p["line"], p["column"]) for p in doc["problems"]]
    check(key == sorted(key), "problems are not sorted by file, line, column")

    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
