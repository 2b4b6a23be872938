#!/bin/bash
# Time from starting `admin --national` (in tmux, 100×30) to the national row's figures on screen, and
# the process's memory then. Usage: national-admin-first.sh BINARY SURVEY NATS-URL NATIONAL-CREDS
# (see BENCHMARKS.md "National view at scale").
set -euo pipefail
bin=$1 survey=$2 url=$3 creds=$4
tmux kill-session -t national-admin 2>/dev/null || true
start=$(date +%s.%N)
tmux new-session -d -s national-admin -x 100 -y 30 "$bin admin --db /nonexistent/x.db --national $url --nats-creds $creds --survey $survey"
until tmux capture-pane -p -t national-admin 2>/dev/null | grep -q "[Σ=]│.*[0-9]\.[0-9] [ABCD]"; do sleep 0.02; done
end=$(date +%s.%N)
pid=$(pgrep -f "^$bin admin" | head -1)
printf '%s %s: first figures %.2f s, RSS %s KB, peak %s KB\n' "$bin" "$survey" "$(echo "$end - $start" | bc)" \
  "$(awk '/VmRSS/ {print $2}' /proc/$pid/status)" "$(awk '/VmHWM/ {print $2}' /proc/$pid/status)"
[ -n "${KEEP:-}" ] || tmux kill-session -t national-admin
