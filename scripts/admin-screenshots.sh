#!/usr/bin/env bash
# Renders the admin screen to docs/screens/{admin,admin-keys,heatmap,drivers,
# segments,targets,settings}.svg at 80×24: the three-year agency of
# scripts/threeyears.sh, its 2026 survey closed (segments show once a survey
# closes; the targets and settings forms before, as a closed survey's targets
# stand), the real binary in tmux, each
# screen captured with its colours and drawn by freeze.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screens
dir=$(mktemp -d)
bin=$dir/berakhlak
go build -o "$bin" .
bash scripts/threeyears.sh "$dir" "$bin" >/dev/null
freeze=${FREEZE:-$(go env GOPATH)/bin/freeze}
session=berakhlak-admin-shots
send() { tmux send-keys -t "$session" "$@"; sleep 0.3; }
shot() {
  sleep 0.5
  tmux capture-pane -e -p -t "$session" | "$freeze" --language ansi --window --padding 20 --font.size 13 -o "$out/$1.svg" >/dev/null
  echo "$out/$1.svg"
}
admin() {
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux new-session -d -s "$session" -x 80 -y 24 "TERM=xterm-256color $bin --db $dir/agency.db admin"
  sleep 1.5
}
admin # the targets and settings forms, while 2026 is open (a closed survey's targets stand)
send g; shot targets; send Escape
send p; shot settings; send Escape
tmux kill-session -t "$session"; sleep 1 # the admin screen holds the database
"$bin" --db "$dir/agency.db" survey set 2026 --status closed >/dev/null
admin
shot admin
send "?"; shot admin-keys; send "?"
send h; shot heatmap; send h
send d; shot drivers; send d
send s; shot segments; send s
tmux kill-session -t "$session"
rm -rf "$dir"
