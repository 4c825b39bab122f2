#!/usr/bin/env python3
"""End-to-end check of `touchbase agenda --format ics` (SPEC §7.2, RFC 5545).

Usage: check_ics.py TOUCHBASE_BINARY NOTES_FOLDER TODAY

Works on a copy of NOTES_FOLDER: brings the notes up to date with `run`, then
reads the calendar back with an independent parser (Python's `icalendar`,
Debian package python3-icalendar) and compares it with `agenda --format json`
and with what the notes and the config say:

- the bytes: CRLF everywhere, no line over 75 octets, no UTF-8 character
  split by a fold;
- every event's DTSTART is a date: the client's next_contact for a contact
  event (clients with one, not paused), the item's due for an action event
  (exactly the items with a date of their own), the card's date for a card
  event (exactly the cards of the JSON); what is overdue, and a new client's
  first contact, is on TODAY instead, with the days late (or "new client")
  in the summary and no alarm;
- each other contact event has one alarm at its reminder day (SPEC §6),
  computed here from the config and the note's remind_before; action and
  card events have none;
- UIDs are unique, follow the documented recipe (with the calendar's id:
  calendar_id, else the folder's name), and stay the same across a second
  run, across an edit of the notes' body text that moves lines, and from one
  day to the next (an overdue contact's event moves, it is not duplicated).
"""
import calendar as cal
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import icalendar
import yaml

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(binary, folder, *args):
    result = subprocess.run([binary, *args, folder], capture_output=True)
    if result.returncode != 0:
        sys.exit(f"FAIL: touchbase {' '.join(args)} exited {result.returncode}:\n"
                 f"{result.stderr.decode(errors='replace')}")
    return result.stdout


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    parts = re.split(r"^(?:---|\.\.\.)[ \t]*\r?$", text, maxsplit=2, flags=re.M)
    return (yaml.safe_load(parts[1]) or {}) if len(parts) >= 3 else {}


# --- SPEC §1 and §6, written again here, independently of the C++ code ---

def parse_duration(text):
    m = re.fullmatch(r"(\d+)([dwmy])", str(text))
    assert m, f"bad duration {text!r}"
    return int(m.group(1)), m.group(2)


def subtract(date, duration):
    n, unit = duration
    if unit in "dw":
        return date - dt.timedelta(days=n * (7 if unit == "w" else 1))
    months = n * (12 if unit == "y" else 1)
    index = date.year * 12 + date.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(date.day, cal.monthrange(year, month)[1]))


class Workdays:
    NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    def __init__(self, config):
        self.weekdays = {self.NAMES.index(d) for d in config.get("workdays") or self.NAMES[:5]}
        self.dates, self.yearly = set(), set()
        for h in config.get("holidays") or []:
            if isinstance(h, dt.date):
                self.dates.add(h)
            else:
                month, day = str(h).split("-")
                self.yearly.add((int(month), int(day)))

    def is_workday(self, d):
        return (d.weekday() in self.weekdays and d not in self.dates
                and (d.month, d.day) not in self.yearly)

    def previous(self, d):
        while not self.is_workday(d):
            d -= dt.timedelta(days=1)
        return d

    def reminder(self, n, d):
        # SPEC §6: a reminder day d that is not a workday moves forward to the
        # next workday when that is before the call n, else back.
        if self.is_workday(d):
            return d
        forward = d + dt.timedelta(days=1)
        while forward < n and not self.is_workday(forward):
            forward += dt.timedelta(days=1)
        return forward if forward < n else self.previous(d)


# --- the documented UID recipe (docs/calendar.md) ---

def uid_of(calendar_id, path, kind, text, occurrence):
    mask = (1 << 64) - 1
    h = 14695981039346656037
    for byte in b"\0".join([calendar_id.encode(), path.encode(), kind.encode(), text.encode(),
                            str(occurrence).encode()]):
        h ^= byte
        h = (h * 1099511628211) & mask
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & mask
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & mask
    h ^= h >> 33
    return f"{h:016x}@touchbase"


OWN_DATE = re.compile(r"📅\ufe0f?\s*\d{4}-\d{2}-\d{2}|due::?\s*\d{4}-\d{2}-\d{2}")


def has_own_date(notes, action):
    """Whether an action item carries its own date, read from the note."""
    path = os.path.join(notes, action["file"])
    if action["origin"] == "front_matter":
        for item in front_matter(path).get("next_actions") or []:
            if isinstance(item, dict) and item.get("do") == action["text"]:
                return item.get("due") is not None
        return False
    line = open(path, encoding="utf-8").read().split("\n")[action["line"] - 1]
    return bool(OWN_DATE.search(line))


def check_bytes(ics):
    check(ics.endswith(b"\r\n"), "the calendar does not end with CRLF")
    lines = ics.split(b"\r\n")[:-1]
    for number, line in enumerate(lines, 1):
        check(b"\n" not in line and b"\r" not in line, f"line {number}: a bare LF or CR")
        check(len(line) <= 75, f"line {number}: {len(line)} octets: {line!r}")
        body = line[1:] if line.startswith(b" ") else line
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            failures.append(f"line {number}: a UTF-8 character split by a fold: {line!r}")


def description_field(event, field):
    for line in str(event.get("DESCRIPTION")).split("\n"):
        if line.startswith(field + ": "):
            return line[len(field) + 2:]
    return None


LATE = re.compile(r" \((?:\d+ days? late|new client)\)$")


def events_by_identity(parsed, clients):
    """{(file, kind, text, date): uid}; the file is read from DESCRIPTION."""
    out = {}
    for event in parsed.walk("VEVENT"):
        summary = LATE.sub("", str(event.get("SUMMARY")))
        file = description_field(event, "File")
        start = event.decoded("DTSTART")
        if summary.startswith("Get in touch: "):
            key = (file, "contact", "", start)
        elif summary.startswith("Send a card to "):
            key = (file, "card", summary.split(": ", 1)[1], start)
        else:
            name = clients[file]["name"]
            check(summary.startswith(name + ": "), f"summary {summary!r} lacks {name!r}")
            key = (file, "action", summary[len(name) + 2:], start)
        check(key not in out, f"two events for {key}")
        out[key] = str(event.get("UID"))
    return out


def main():
    binary, source, today_text = sys.argv[1], sys.argv[2], sys.argv[3]
    today = dt.date.fromisoformat(today_text)
    work = tempfile.mkdtemp(prefix="touchbase-ics-")
    try:
        notes = os.path.join(work, "notes")
        shutil.copytree(source, notes, symlinks=True)
        opts = ["--today", today_text, "--quiet"]
        run(binary, notes, "run", *opts)  # so that the notes on disk match the agenda's lines

        ics = run(binary, notes, "agenda", "--format", "ics", *opts)
        report = json.loads(run(binary, notes, "agenda", "--format", "json", *opts))
        check_bytes(ics)
        parsed = icalendar.Calendar.from_ical(ics)
        check(str(parsed.get("VERSION")) == "2.0", "VERSION is not 2.0")
        check(str(parsed.get("PRODID")).startswith("-//touchbase//touchbase "), "PRODID")
        check(str(parsed.get("CALSCALE")) == "GREGORIAN", "CALSCALE")
        check(parsed.get("X-WR-CALNAME") is not None, "no X-WR-CALNAME")

        config_path = os.path.join(notes, ".touchbase.yaml")
        config = (yaml.safe_load(open(config_path, encoding="utf-8")) or {}) \
            if os.path.exists(config_path) else {}
        workdays = Workdays(config)
        default_remind = parse_duration(config.get("remind_before", "2d"))
        clients = {c["file"]: c for c in report["clients"]}
        calendar_id = str(config.get("calendar_id") or os.path.basename(notes))

        events = list(parsed.walk("VEVENT"))
        check(len(events) > 0, "no events at all")
        uids = [str(e.get("UID")) for e in events]
        check(len(set(uids)) == len(uids), f"UIDs not unique: {uids}")

        expected_contacts = {c["file"]: c for c in report["clients"]
                             if (c["next_contact"] or c["status"] == "new")
                             and c["engagement"] != "paused"}
        # Dated items of one note with the same text are told apart by their
        # occurrence among them, in line order.
        dated = sorted((a for a in report["actions"]
                        if clients[a["file"]]["engagement"] != "paused" and has_own_date(notes, a)),
                       key=lambda a: (a["file"], a["text"], a["line"]))
        expected_actions, occurrence = [], {}
        for a in dated:
            n = occurrence[(a["file"], a["text"])] = occurrence.get((a["file"], a["text"]), -1) + 1
            due = dt.date.fromisoformat(a["due"])
            late = (today - due).days
            text = a["text"] + (f" ({late} day{'s' if late > 1 else ''} late)" if late > 0 else "")
            expected_actions.append((a["file"], text, max(due, today).isoformat(),
                                     uid_of(calendar_id, a["file"], "action", a["text"], n)))
        expected_actions.sort()
        check(any(not has_own_date(notes, a) for a in report["actions"]),
              "the notes have no undated action item: the exclusion is not tested")

        expected_cards, occurrence = [], {}
        for c in sorted(report["cards"], key=lambda c: c["file"]):
            text = c["occasion"] + (" " + c["label"] if c["label"] else "")
            n = occurrence[(c["file"], text)] = occurrence.get((c["file"], text), -1) + 1
            expected_cards.append((c["file"], f"Send a card to {clients[c['file']]['name']}: {text}",
                                   c["date"], uid_of(calendar_id, c["file"], "card", text, n)))
        expected_cards.sort()

        seen_contacts, seen_actions, seen_cards = {}, [], []
        for event in sorted(events, key=lambda e: (e.decoded("DTSTART"), str(e.get("UID")))):
            summary = str(event.get("SUMMARY"))
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            check(type(start) is dt.date, f"{summary}: DTSTART is not a date: {start!r}")
            check(end == start + dt.timedelta(days=1), f"{summary}: DTEND is not the next day")
            check(event.decoded("DTSTAMP") == dt.datetime(today.year, today.month, today.day,
                                                          tzinfo=dt.timezone.utc),
                  f"{summary}: DTSTAMP is not today at 00:00:00Z")
            file = description_field(event, "File")
            check(file in clients, f"{summary}: no File in DESCRIPTION, or an unknown one")
            if file not in clients:
                continue
            client = clients[file]
            alarms = list(event.walk("VALARM"))
            if summary.startswith("Send a card to "):
                seen_cards.append((file, summary, start.isoformat(), str(event.get("UID"))))
                check(not alarms, f"{summary}: a card event with an alarm")
            elif summary.startswith("Get in touch: "):
                check(file not in seen_contacts, f"{file}: two contact events")
                seen_contacts[file] = start
                check(str(event.get("UID")) == uid_of(calendar_id, file, "contact", "", 0),
                      f"{summary}: UID does not follow the recipe")
                if client["status"] == "new":
                    check(summary == f"Get in touch: {client['name']} (new client)", f"{summary}: not new")
                    check(start == today, f"{summary}: a new client's event is not on today")
                    check(not alarms, f"{summary}: a new client's event has an alarm")
                    continue
                due = dt.date.fromisoformat(client["next_contact"])
                if due < today:
                    late = (today - due).days
                    check(summary == f"Get in touch: {client['name']} ({late} day{'s' if late > 1 else ''} late)",
                          f"{summary}: expected {late} days late")
                    check(start == today, f"{summary}: an overdue contact is not on today")
                    check(not alarms, f"{summary}: an overdue contact has an alarm")
                    continue
                check(summary == "Get in touch: " + client["name"], f"{summary}: wrong name")
                check(start.isoformat() == client["next_contact"],
                      f"{summary}: {start} != next_contact {client['next_contact']}")
                remind = front_matter(os.path.join(notes, file)).get("remind_before")
                remind = parse_duration(remind) if remind is not None else default_remind
                reminder = workdays.reminder(start, subtract(start, remind))
                check(len(alarms) == 1, f"{summary}: {len(alarms)} alarms")
                for alarm in alarms:
                    check(str(alarm.get("ACTION")) == "DISPLAY", f"{summary}: alarm ACTION")
                    check(alarm.get("DESCRIPTION") is not None, f"{summary}: alarm DESCRIPTION")
                    trigger = alarm.decoded("TRIGGER")
                    check(trigger == -(start - reminder),
                          f"{summary}: trigger {trigger}, expected {-(start - reminder)} "
                          f"(reminder day {reminder})")
            else:
                text = summary[len(client["name"]) + 2:]
                seen_actions.append((file, text, start.isoformat(), str(event.get("UID"))))
                check(not alarms, f"{summary}: an action event with an alarm")

        check(sorted(seen_cards) == expected_cards,
              f"card events {sorted(seen_cards)}\n != the JSON's cards {expected_cards}")
        check(seen_contacts.keys() == expected_contacts.keys(),
              f"contact events {sorted(seen_contacts)} != clients {sorted(expected_contacts)}")
        check(sorted(seen_actions) == expected_actions,
              f"action events (file, text, date, UID) {sorted(seen_actions)}\n"
              f" != dated actions with the recipe's UIDs {expected_actions}")

        # The same notes and today: the same bytes.
        check(run(binary, notes, "agenda", "--format", "ics", *opts) == ics,
              "a second run gave other bytes")

        # Edit every note's body elsewhere (a paragraph at its top: lines move,
        # text changes); every event keeps its UID.
        before = events_by_identity(parsed, clients)
        for root, _, files in os.walk(notes):
            for name in files:
                path = os.path.join(root, name)
                if not name.endswith(".md") or name == "agenda.md":
                    continue
                text = open(path, encoding="utf-8", newline="").read()
                m = re.match(r"(\ufeff?---[ \t]*\r?\n.*?\n(?:---|\.\.\.)[ \t]*(\r?\n))", text,
                             flags=re.S)
                if not m:
                    continue
                eol = m.group(2)
                edited = m.group(1) + f"An edit elsewhere in the note.{eol}Two lines.{eol}{eol}" \
                    + text[m.end():]
                open(path, "w", encoding="utf-8", newline="").write(edited)
        report_after = json.loads(
            run(binary, notes, "agenda", "--format", "json", *opts))
        lines = lambda r: sorted((a["file"], a["text"], a["line"]) for a in r["actions"])
        check(lines(report_after) != lines(report),
              "the edit did not move any action item's line: the test proves nothing")
        after = events_by_identity(
            icalendar.Calendar.from_ical(run(binary, notes, "agenda", "--format", "ics", *opts)),
            clients)
        check(after == before, f"UIDs changed with an edit elsewhere:\n{before}\n{after}")

        # The next day: the same events keep their UIDs (an overdue one moves
        # to the new today; nothing is duplicated). Only the notes' state of
        # TODAY is used (no run), as a subscriber would see it.
        tomorrow = (today + dt.timedelta(days=1)).isoformat()
        next_day = icalendar.Calendar.from_ical(run(binary, notes, "agenda", "--format", "ics",
                                                    "--today", tomorrow, "--quiet"))
        not_cards = lambda cal: {str(e.get("UID")) for e in cal.walk("VEVENT")
                                 if not str(e.get("SUMMARY")).startswith("Send a card to ")}
        day_one, day_two = not_cards(parsed), not_cards(next_day)
        check(day_one == day_two,
              f"contact and action UIDs changed from one day to the next: "
              f"{sorted(day_one ^ day_two)}")
        check(len(list(next_day.walk("VEVENT"))) == len(set(str(e.get("UID")) for e in next_day.walk("VEVENT"))),
              "the next day's calendar has two events with one UID")
    finally:
        shutil.rmtree(work)

    if failures:
        print(f"FAIL ({source}):", file=sys.stderr)
        for f in failures:
            print("  " + f, file=sys.stderr)
        sys.exit(1)
    print(f"ok: {source}")


if __name__ == "__main__":
    main()
