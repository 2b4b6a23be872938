#!/bin/bash
# With `admin --national` open (national-admin-first.sh with KEEP=1), publish updates with
# `simulate national` and report the admin's CPU per update.
# Usage: national-admin-update.sh BINARY DB NATS-URL SURVEY AGENCIES UNITS RATE DURATION
set -euo pipefail
bin=$1 db=$2 url=$3 survey=$4 agencies=$5 units=$6 rate=$7 duration=$8
pid=$(pgrep -f "^$bin admin" | head -1)
cpu() { awk '{print $14 + $15}' /proc/$pid/stat; }   # clock ticks (1/100 s)
err=$(mktemp) out=$(mktemp)
"$bin" simulate national --db "$db" --nats "$url" --survey "$survey" --agencies "$agencies" --units "$units" --rate "$rate" \
  --duration "$duration" --keep --json >"$out" 2>"$err" &
sim=$!
until grep -q publishing "$err"; do sleep 0.05; done
sleep 1 # the fill's last records settle on the screen
before=$(cpu)
wait $sim
after=$(cpu)
python3 - "$out" "$before" "$after" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ticks = float(sys.argv[3]) - float(sys.argv[2])
print("admin CPU per update %.2f ms over %d updates; view put→shown p50 %.1f ms, p99 %.1f ms; not shown %d"
      % (ticks * 10 / r["updates"], r["updates"], r["visible_p50_ms"], r["visible_p99_ms"], r["behind"]))
PY
rm -f "$err" "$out"
