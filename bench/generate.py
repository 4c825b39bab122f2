#!/usr/bin/env python3
"""Deterministic corpus generator for the touchbase benchmark.

    python3 bench/generate.py OUT_DIR COUNT [--seed N] [--today DATE]
    python3 bench/generate.py --make-stale OUT_DIR [--seed N] [--today DATE]
                              [--stale-fraction F]

The first form writes COUNT client notes (markdown with YAML front matter,
about 2-3 KB each, 100 notes per folder) plus a `.touchbase.yaml`, a README.md
that is not a note and an excluded template. Note i depends only on (seed, i),
so a folder of 1,000 notes is the first tenth of the folder of 10,000.

The generator does not compute the fields touchbase owns (last_contact,
counter, next_contact): some notes leave them out, some leave them empty with a
comment, some carry an old hand-edited value. `bench/prepare-folder` runs the
real binary once to bring the folder up to date; re-implementing SPEC §5 here
would only add a second place for bugs.

The second form (`--make-stale`) runs on a folder that is up to date and
appends one contact entry dated --today to exactly round(F * notes) notes
(at least one), chosen with random.Random(seed) over the sorted note paths, in
the note's own log style and line ending. It prints the chosen paths, one a
line, relative to OUT_DIR. Every generated entry is dated before --today, so
each chosen note really does need an update afterwards.

Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys

NOTES_PER_FOLDER = 100

# ---------------------------------------------------------------------------
# Vocabulary

FIRST = ["Anna", "Ben", "Carla", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas",
         "Kira", "Luis", "Mara", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tara",
         "Uwe", "Vera", "Wim", "Xenia", "Yusuf", "Zoe", "Chloé", "Jürgen", "Søren", "Ana-María"]
LAST = ["Adler", "Berger", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hansen",
        "Ivanova", "Jensen", "Kowalski", "Lopez", "Meyer", "Novak", "O'Brien", "Petrov",
        "Quist", "Rossi", "Schmidt", "Tanaka", "Ueda", "Vogel", "Weber", "Yilmaz", "Zimmer"]
COMPANY_A = ["Acme", "Blue Harbor", "Cedar", "Delta", "Evergreen", "Foxglove", "Granite",
             "Helix", "Ironwood", "Juniper", "Kestrel", "Lumen", "Meridian", "Northwind",
             "Orchard", "Pinecrest", "Quarry", "Riverbend", "Summit", "Tidewater", "Umbra",
             "Vantage", "Willow", "Yardley", "Zephyr", "Müller & Söhne", "Café Olé"]
COMPANY_B = ["Corp", "GmbH", "Ltd", "Studio", "Labs", "Partners", "& Co", "Consulting",
             "Foods", "Logistics", "Analytics", "Design", "Health", "Bakery", "Architects"]
OWNERS = ["Dana", "Eli", "Fatima", "Gus", "Hana"]
TAGS = ["retainer", "web", "seo", "branding", "print", "workshop", "audit", "mobile",
        "newsletter", "ecommerce", "data", "training", "referral", "nonprofit", "eu", "us"]
OCCASIONS = ["new-year", "valentines-day", "st-patricks-day", "independence-day",
             "halloween", "thanksgiving", "christmas"]
LABELS = ["birthday", "founding day", "anniversary", "launch day"]
TIMEZONES = ["Europe/Berlin", "Europe/London", "America/New_York", "Asia/Tokyo",
             "America/Los_Angeles", "Europe/Lisbon"]

CONTACT_KINDS = ["Call", "Video call", "Email", "Lunch", "Meeting at their office",
                 "Workshop", "Coffee", "Phone call", "Site visit", "Quarterly review",
                 "Check-in", "Demo"]
LOG_PHRASES = ["call about the invoice", "email with the draft", "lunch with the team",
               "quick check-in", "sent the report", "reviewed the roadmap",
               "talked about next quarter", "demo of the new pages", "phone call, all good",
               "meeting about the budget", "coffee downtown", "sent the summary"]
TASKS = ["Send the quarterly summary", "Draft a proposal for the redesign",
         "Ask about the budget for next year", "Share the analytics report",
         "Book the follow-up workshop", "Send the invoice for October",
         "Review their style guide", "Prepare the migration plan",
         "Introduce them to the print shop", "Update the contact list",
         "Check the SSL certificate renewal", "Collect feedback from the pilot users",
         "Write the onboarding checklist", "Schedule a call with their CTO"]
SUBJECTS = ["The team", "Their marketing lead", "The new CTO", "Our contact", "The founder",
            "Their accountant", "The project manager", "Everyone on the call"]
VERBS = ["wants to", "asked us to", "is planning to", "would like to", "agreed to",
         "hopes to", "decided to", "needs to"]
OBJECTS = ["move the launch to the spring", "revisit the pricing page",
           "hire a second developer", "cut the print budget",
           "expand into two new markets", "rebuild the booking flow",
           "run a customer survey", "open a second location",
           "switch payment providers", "translate the site into Spanish",
           "try a monthly newsletter", "hand over maintenance to their staff"]
TAILS = ["before the end of the year.", "once the funding round closes.",
         "after the trade fair.", "if the pilot goes well.", "next quarter.",
         "as soon as legal signs off.", "without changing the brand.",
         "and asked for a rough estimate.", "but the timeline is open.",
         "and mentioned a referral."]
ASIDES = ["Mentioned that the office is moving in January.",
          "Prefers email over phone before noon.",
          "Their fiscal year ends in March, so budgets are tight in Q1.",
          "Was happy with the last delivery.",
          "Asked whether we do accessibility audits.",
          "Has two kids and coaches the local football team.",
          "Still waiting on the signed contract.",
          "Liked the moodboard, wants more colour.",
          "Invoices go to accounts@ with the PO number.",
          "Not a fan of long meetings; keep it to 30 minutes."]
CODE_BLOCKS = [
    ("bash", ["ssh deploy@staging.example.com", "cd /srv/site && git pull", "systemctl restart site"]),
    ("yaml", ["## 2025-01-01 not an entry: this is code", "timeout: 30", "retries: 3"]),
    ("", ["Wi-Fi: Guest-5G", "password: ask at reception", "- 2025-02-03: not a log entry"]),
    ("json", ['{"plan": "pro", "seats": 12,', ' "renewal": "2027-03-01"}']),
    ("sql", ["SELECT count(*) FROM orders", "WHERE created_at >= '2026-01-01';"]),
]


# ---------------------------------------------------------------------------
# Small helpers

def yaml_scalar(rng: random.Random, text: str, plain_ok: bool = True) -> str:
    """`text` as a plain, single- or double-quoted YAML scalar (varied)."""
    safe = (plain_ok and text[:1].isalpha() and ": " not in text and " #" not in text
            and not text.endswith(":") and "'" not in text and '"' not in text
            and not any(c in text for c in "[]{},`|>*!%@"))
    style = rng.random()
    if safe and style < 0.6:
        return text
    if style < 0.8 and "'" not in text:
        return "'" + text + "'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slugify(text: str) -> str:
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-") or "client"


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"


def paragraph(rng: random.Random, lo: int = 2, hi: int = 4) -> str:
    parts = [sentence(rng) for _ in range(rng.randint(lo, hi))]
    if rng.random() < 0.4:
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(ASIDES))
    return " ".join(parts)


def iso(d: dt.date) -> str:
    return d.isoformat()


# ---------------------------------------------------------------------------
# One note

# (engagement, weight, days since the newest contact: lo, hi)
ENGAGEMENTS = [("ongoing", 45, 1, 45), ("active", 20, 1, 10), ("casual", 14, 5, 200),
               ("former", 15, 20, 250), ("paused", 6, 10, 300)]
ENGAGEMENT_WEIGHTS = [e[1] for e in ENGAGEMENTS]


def make_note(seed: int, index: int, today: dt.date) -> tuple[str, str]:
    """Returns (relative path, text) of note `index`."""
    rng = random.Random(seed * 1_000_003 + index)
    engagement, _, recent_lo, recent_hi = rng.choices(ENGAGEMENTS, ENGAGEMENT_WEIGHTS)[0]

    # --- who
    if rng.random() < 0.7:
        name = f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}"
        contact = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    else:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        contact = name
    company = name
    name = f"{name} {index}"  # unique names keep the agenda's ties rare and paths unique

    # --- the contact log (dates only; texts later)
    n_entries = rng.randint(5, 15)
    newest = today - dt.timedelta(days=rng.randint(recent_lo, recent_hi))
    dates = [newest]
    for _ in range(n_entries - 1):
        dates.append(dates[-1] - dt.timedelta(days=rng.randint(3, 60)))
    dates.reverse()  # oldest first
    # Some entries are a second note on the same day.
    if rng.random() < 0.15 and n_entries > 3:
        k = rng.randrange(1, n_entries)
        dates[k] = dates[k - 1]
    entries = []  # (date, text) in date order
    for i, d in enumerate(dates):
        kind = rng.choice(CONTACT_KINDS)
        tags = []
        r = rng.random()
        if r < 0.08:
            tags.append("#needs")
        elif r < 0.14:
            tags.append("#news")
        elif r < 0.17 and d.month == 12:
            tags.append("#card")
        entries.append([d, kind, tags, None])
    # A pin on the newest contact now and then (always after its own date).
    if rng.random() < 0.1:
        entries[-1][3] = iso(entries[-1][0] + dt.timedelta(days=rng.randint(5, 40)))
    # A missed attempt after the newest contact (still before today).
    if rng.random() < 0.08 and (today - newest).days > 2:
        missed = newest + dt.timedelta(days=rng.randint(1, (today - newest).days - 1))
        entries.append([missed, rng.choice(["Call", "Phone call"]), ["#missed"], None])
    # A planned contact after today: a plan, ignored until its day.
    if rng.random() < 0.1:
        entries.append([today + dt.timedelta(days=rng.randint(1, 30)), "Workshop (planned)", [], None])

    # --- front matter
    eol_crlf = rng.random() < 0.02
    fm: list[str] = []
    if rng.random() < 0.3:
        fm.append("# Client note: touchbase keeps last_contact, counter and next_contact up to date")
    fm.append(f"name: {yaml_scalar(rng, name)}")
    fm.append(f"engagement: {engagement}" + ("   # since the spring" if rng.random() < 0.1 else ""))
    if rng.random() < 0.7:
        fm.append(f"owner: {rng.choice(OWNERS)}")
    fm.append(f"company: {yaml_scalar(rng, company)}")
    if rng.random() < 0.8:
        fm.append(f"contact: {yaml_scalar(rng, contact)}")
    fm.append(f"email: {slugify(contact).split('-')[0]}@{slugify(company)}.example")
    if rng.random() < 0.8:
        fm.append(f"phone: \"+{rng.randint(1, 49)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}\"")
    tags = rng.sample(TAGS, rng.randint(1, 4))
    if rng.random() < 0.5:
        fm.append("tags: [" + ", ".join(tags) + "]")
    else:
        fm.append("tags:")
        fm.extend(f"  - {t}" for t in tags)
    if rng.random() < 0.3:
        fm.append(f"timezone: {rng.choice(TIMEZONES)}")
    if rng.random() < 0.3:
        fm.append(f"rate: {rng.choice([80, 95, 110, 120, 150])}  # EUR per hour")
    # A few clients have nothing left to do (the agenda's "No next action").
    all_done = rng.random() < 0.05
    n_actions = 0 if all_done else rng.choices([0, 1, 2, 3], [35, 35, 20, 10])[0]
    if n_actions:
        fm.append("next_actions:")
        for task in rng.sample(TASKS, n_actions):
            r = rng.random()
            due = iso(today + dt.timedelta(days=rng.randint(-20, 40)))
            if r < 0.4:
                fm.append(f"  - {task}")
            elif r < 0.7:
                fm.append(f"  - {{do: {task}, due: {due}}}")
            else:
                fm.append(f"  - do: {yaml_scalar(rng, task)}")
                fm.append(f"    due: {due}")
    if rng.random() < 0.35:
        cards = rng.sample(OCCASIONS, rng.randint(1, 2))
        if rng.random() < 0.4:
            cards.append(f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.choice(LABELS)}")
        fm.append("cards: [" + ", ".join(f'"{c}"' if " " in c else c for c in cards) + "]")
    if engagement == "former" and rng.random() < 0.5:
        # Ended recently: the first run appends the off-boarding checklist once.
        fm.append(f"project_end: {iso(today - dt.timedelta(days=rng.randint(3, 60)))}")
    elif engagement in ("active", "ongoing") and rng.random() < 0.2:
        fm.append(f"project_end: {iso(today + dt.timedelta(days=rng.randint(10, 300)))}")
    if rng.random() < 0.2:
        fm.append(f"remind_before: {rng.choice(['1d', '3d', '1w', '2d'])}")
    # Owned keys: absent, empty with a comment, or an old hand-edited state
    # (older than every entry, so the whole log is applied on the first run).
    r = rng.random()
    if r < 0.3:
        fm.append("last_contact:   # kept by touchbase")
        fm.append("counter:")
        fm.append("next_contact:")
    elif r < 0.5:
        old = dates[0] - dt.timedelta(days=rng.randint(1, 90))
        q = rng.choice(["", "'", '"'])
        fm.append(f"last_contact: {q}{iso(old)}{q}")
        fm.append(f"counter: {rng.choice(['1w', '2w', '14d', '1m'])}")
        fm.append(f"next_contact: {iso(old + dt.timedelta(days=14))}  # recomputed every run")

    # --- body
    style_list = rng.random() < 0.5
    body: list[str] = [f"# {name}", ""]
    body.append(paragraph(rng, 2, 4))
    body.append("")
    if rng.random() < 0.5:
        body.append(f"Main contact: **{contact}**, see [the shared folder](https://files.example/{slugify(company)}).")
        body.append("")

    # tasks
    body.append(rng.choice(["## Open items", "## Tasks", "## To do"]))
    body.append("")
    for k in range(rng.randint(3, 8)):
        task = rng.choice(TASKS)
        days = rng.randint(-30, 45)
        due = iso(today + dt.timedelta(days=days))
        done = all_done or rng.random() < (0.75 if days < 0 else 0.1)
        r = rng.random()
        if r < 0.35:
            task = f"{task} 📅 {due}"
        elif r < 0.45:
            task = f"{task} 📅\ufe0f {due}"
        elif r < 0.7:
            task = f"{task} due:{due}"
        elif r < 0.78:
            task = f"{task} [due:: {due}]"
        indent = "  " if k > 0 and rng.random() < 0.15 else ""
        body.append(f"{indent}- [{'x' if done else ' '}] {task}")
    body.append("")

    # notes: prose, a fenced block, a quote
    body.append("## Notes")
    body.append("")
    for _ in range(rng.randint(2, 3) if style_list else 1):
        body.append(paragraph(rng))
        body.append("")
    if rng.random() < 0.4:
        lang, lines = rng.choice(CODE_BLOCKS)
        body.append(f"```{lang}")
        body.extend(lines)
        body.append("```")
        body.append("")
    if rng.random() < 0.2:
        body.append(f"> {iso(dates[0])} they wrote: \"{sentence(rng)}\"")
        body.append("")

    if style_list:
        # `## Log` list, last section of the note (the stale step appends to it).
        newest_first = rng.random() < 0.5
        ordered = sorted(entries, key=lambda e: e[0], reverse=newest_first)
        body.append("## Log")
        body.append("")
        for d, kind, etags, pin in ordered:
            r = rng.random()
            if r < 0.6:
                head = f"{iso(d)}:"
            elif r < 0.75:
                head = f"**{iso(d)}**"
            elif r < 0.85:
                head = f"[[{iso(d)}]]"
            else:
                head = f"{iso(d)} —"
            phrase = rng.choice(LOG_PHRASES) if rng.random() < 0.7 else kind.lower()
            text = " ".join([head, phrase] + etags + ([f"next:{pin}"] if pin else []))
            body.append(f"- {text}")
            if rng.random() < 0.4:
                body.append(f"  {rng.choice(ASIDES)}")
    else:
        # Dated headings, one section per contact, at the end of the note.
        newest_first = rng.random() < 0.3
        ordered = sorted(entries, key=lambda e: e[0], reverse=newest_first)
        level = "##" if rng.random() < 0.8 else "###"
        if level == "###":
            body.append("## Contacts")
            body.append("")
        for d, kind, etags, pin in ordered:
            sep = rng.choice([" ", " — ", ": "])
            words = etags + ([f"next:{pin}"] if pin else [])
            body.append(f"{level} {iso(d)}{sep}{kind}" + "".join(" " + w for w in words))
            body.append("")
            if rng.random() < 0.7:
                body.append(paragraph(rng, 1, 2))
                body.append("")
            if rng.random() < 0.15:
                body.append(f"- [{'x' if all_done or d < newest else ' '}] {rng.choice(TASKS)}")
                body.append("")
        while body and body[-1] == "":
            body.pop()

    # --- assemble
    eol = "\r\n" if eol_crlf else "\n"
    text = eol.join(["---", *fm, "---", *body]) + eol
    if rng.random() < 0.005:
        text = "\ufeff" + text
    folder = f"clients/g{index // NOTES_PER_FOLDER:04d}"
    stem = f"{slugify(name)}"
    if rng.random() < 0.02:
        stem = name  # a file name with spaces and accents: the agenda percent-encodes it
    return f"{folder}/{stem}.md", text


CONFIG = """\
# touchbase configuration for the benchmark corpus (bench/generate.py)
exclude: [templates/**]
holidays: [2026-12-25, 2027-01-01, 12-24]
remind_before: 2d
"""

README = """\
# Client notes

One note per client under `clients/`. This file has no front matter, so
touchbase skips it.
"""

TEMPLATE = """\
---
name: New client
engagement: ongoing
owner:
---
# New client

## Log

"""


def generate(out_dir: str, count: int, seed: int, today: dt.date) -> None:
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, ".touchbase.yaml"), "w", encoding="utf-8") as f:
        f.write(CONFIG)
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8") as f:
        f.write(README)
    os.makedirs(os.path.join(out_dir, "templates"), exist_ok=True)
    with open(os.path.join(out_dir, "templates", "client.md"), "w", encoding="utf-8") as f:
        f.write(TEMPLATE)
    made = set()
    for i in range(count):
        rel, text = make_note(seed, i, today)
        folder = os.path.join(out_dir, os.path.dirname(rel))
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(os.path.join(out_dir, rel), "w", encoding="utf-8", newline="") as f:
            f.write(text)


# ---------------------------------------------------------------------------
# Making 1% of an up-to-date folder stale

def note_paths(out_dir: str) -> list[str]:
    """Relative paths of the generated notes (under clients/), sorted."""
    found = []
    root_len = len(out_dir.rstrip("/")) + 1
    for root, dirs, files in os.walk(os.path.join(out_dir, "clients")):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.endswith(".md") and not name.startswith("."):
                found.append(os.path.join(root, name)[root_len:])
    found.sort(key=lambda p: p.encode("utf-8"))
    return found


def append_contact(path: str, today: dt.date, rng: random.Random) -> None:
    with open(path, "rb") as f:
        data = f.read()
    eol = b"\r\n" if data.split(b"\n", 1)[0].endswith(b"\r") else b"\n"
    if not data.endswith(b"\n"):
        data += eol
    # The note's log style: a `## Log` list that is the last section takes a
    # new item; anything else (dated headings, or a Log section followed by
    # the off-boarding checklist) takes a dated heading.
    last_heading = b""
    for line in data.split(b"\n"):
        if line.startswith(b"#"):
            last_heading = line.rstrip(b"\r")
    stamp = today.isoformat().encode()
    phrase = rng.choice(LOG_PHRASES).encode()
    if last_heading.strip().lower() == b"## log":
        data += b"- " + stamp + b": " + phrase + eol
    else:
        data += eol + b"## " + stamp + b" " + rng.choice(CONTACT_KINDS).encode() + eol + eol
        data += paragraph(rng, 1, 2).encode() + eol
    with open(path, "wb") as f:
        f.write(data)


def make_stale(out_dir: str, seed: int, today: dt.date, fraction: float) -> list[str]:
    paths = note_paths(out_dir)
    if not paths:
        raise SystemExit(f"generate.py: no notes under {out_dir}/clients")
    k = max(1, round(len(paths) * fraction))
    rng = random.Random(f"stale:{seed}")
    chosen = sorted(rng.sample(paths, k), key=lambda p: p.encode("utf-8"))
    for rel in chosen:
        append_contact(os.path.join(out_dir, rel), today, rng)
    return chosen


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("count", type=int, nargs="?")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--today", default="2026-11-24", type=dt.date.fromisoformat)
    ap.add_argument("--stale-fraction", type=float, default=0.01,
                    help="with --make-stale: the share of notes to make stale (default 0.01)")
    ap.add_argument("--make-stale", action="store_true",
                    help="append a contact dated --today to a share of the notes of OUT_DIR")
    args = ap.parse_args(argv)
    if args.make_stale:
        for rel in make_stale(args.out_dir, args.seed, args.today, args.stale_fraction):
            print(rel)
        return 0
    if args.count is None or args.count < 0:
        ap.error("COUNT is required (a number of notes)")
    generate(args.out_dir, args.count, args.seed, args.today)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
