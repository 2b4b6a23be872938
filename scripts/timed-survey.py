#!/usr/bin/env python3
"""Answers the ASN survey in a real terminal (tmux), paced as a person would
be, and reports the keystrokes, the whole time from the first key to "thank
you", and the time the screen took to answer each key.

    go build -o /tmp/berakhlak . && scripts/timed-survey.py /tmp/berakhlak [runs] [pause_s]

Each run starts the kiosk on a fresh database in an 80×24 tmux window. After
each key the script waits until the screen changes (polled every 2 ms), then
pauses before the next key; the pause is the person's reading and thinking.
"""
import os, statistics, subprocess, sys, tempfile, time

SESSION = "berakhlak-timed"


def asn_keys():
    keys = ["1", "1"]  # Indonesian, ASN
    keys += ["4"] * 21  # the 21 behaviours
    for _ in range(3):  # three values pages: tick the first ten
        keys += ["x", "Down"] * 10 + ["Enter"]
    keys += ["4"] * 9  # engagement
    keys += ["4", "9", "Enter"]  # stay; recommend (0-10 confirms with enter)
    keys += ["0"] * 3  # about you: prefer not to say
    keys += ["Enter", "Enter"]  # review, save
    return keys


def tmux(*args):
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def screen():
    return tmux("capture-pane", "-p", "-t", SESSION)


def run(binary, pause):
    db = os.path.join(tempfile.mkdtemp(), "timed.db")
    subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    tmux("new-session", "-d", "-s", SESSION, "-x", "80", "-y", "24", f"{binary} --db {db}")
    deadline = time.time() + 10
    while "Selamat datang" not in screen():
        if time.time() > deadline:
            sys.exit("the kiosk did not start")
        time.sleep(0.05)
    waits = []
    start = time.monotonic()
    for key in asn_keys():
        before = screen()
        sent = time.monotonic()
        tmux("send-keys", "-t", SESSION, key)
        while screen() == before:
            if time.monotonic() - sent > 5:
                sys.exit(f"no screen change after {key!r}:\n{before}")
            time.sleep(0.002)
        waits.append(time.monotonic() - sent)
        time.sleep(pause)
    while "Terima kasih" not in screen():
        time.sleep(0.002)
    total = time.monotonic() - start
    tmux("kill-session", "-t", SESSION)
    return total, waits


def main():
    binary = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    pause = float(sys.argv[3]) if len(sys.argv) > 3 else 0.3
    totals, waits = [], []
    for _ in range(runs):
        total, w = run(binary, pause)
        totals.append(total)
        waits += w
    waits.sort()
    print(f"keystrokes: {len(asn_keys())}, pause {pause:.2f} s between keys, {runs} runs")
    print(f"whole survey: median {statistics.median(totals):.2f} s (runs: {', '.join(f'{t:.2f}' for t in totals)})")
    print(f"key → screen (tmux, polled every 2 ms): median {1000 * statistics.median(waits):.1f} ms, "
          f"p99 {1000 * waits[int(0.99 * len(waits))]:.1f} ms")
    print(f"time spent waiting for screens: median {statistics.median(totals) - len(asn_keys()) * pause:.2f} s per survey")


if __name__ == "__main__":
    main()
