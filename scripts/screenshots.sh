#!/usr/bin/env bash
# Renders the kiosk's real screens to docs/screens/*.svg: the binary runs in
# tmux, each screen is captured with its colours (capture-pane -e) and drawn
# by charmbracelet/freeze (go install github.com/charmbracelet/freeze@v0.2.2).
# At 80×24, the smallest window the kiosk supports, once in each language
# (English screens get the suffix -en).
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screens
bin=$(mktemp -d)/berakhlak
go build -o "$bin" .
db=$(mktemp -d)/shots.db
freeze=${FREEZE:-$(go env GOPATH)/bin/freeze}
session=berakhlak-shots
send() { tmux send-keys -t "$session" "$@"; sleep 0.15; }
shot() {
  sleep 0.4
  tmux capture-pane -e -p -t "$session" | "$freeze" --language ansi --window --padding 20 --font.size 13 -o "$out/$1$suffix.svg" >/dev/null
  echo "$out/$1$suffix.svg"
}
for lang in 1 2; do
suffix=""; if [ "$lang" = 2 ]; then suffix=-en; fi
tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 80 -y 24 "TERM=xterm-256color $bin --create --db $db ${KIOSK_ARGS:-}"
sleep 1
shot welcome
send "$lang"
shot intro
send 1
shot likert
for _ in $(seq 1 21); do send 4; done
send x; send Down; send Down; send x; send Down; send Down; send Down; send x; send Down
shot values
for _ in $(seq 1 7); do send Down; send x; done
send Enter
for _ in 1 2; do for _ in $(seq 1 10); do send x; send Down; done; send Enter; done
for _ in $(seq 1 10); do send 5; done
send 9; send Enter; send 2; send 3; send 1
shot review
send Enter
shot stored
send Enter
shot thanks
tmux kill-session -t "$session"
done

# The same page on the bare Linux console (TERM=linux): the plain marks its
# font (Lat15-Fixed16) has.
suffix=-console
tmux new-session -d -s "$session" -x 80 -y 24 "TERM=linux $bin --create --db $db ${KIOSK_ARGS:-}"
sleep 1
send 1
send 1
send 4
shot likert
tmux kill-session -t "$session"
