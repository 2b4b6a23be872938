#!/bin/bash
# The floor of a C SSH server beside ours (BENCHMARKS.md, issue 35): OpenSSH's
# sshd on loopback, with a ForceCommand (frames.c) that answers every key with
# a 700-byte frame as scripts/sshfloor's bare server does, driven by
# sshfloor's load; its CPU read from sshd's own and its children's
# (/proc/PID/stat, in 10 ms ticks). Needs sshd (Debian: openssh-server) and
# root or a user sshd may run as. Nothing of it outlives the run.
# Usage: scripts/opensshfloor/run.sh [PAUSE] [RESPONDENTS]   (default 300ms 4)
set -euo pipefail
pause=${1:-300ms}
respondents=${2:-4}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill "${sshd:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
cc -O2 -o "$work/frames" "$here/frames.c"
(cd "$here/../.." && go build -o "$work/sshfloor" ./scripts/sshfloor)
ssh-keygen -q -t ed25519 -N '' -f "$work/host"
ssh-keygen -q -t ed25519 -N '' -f "$work/client"
cp "$work/client.pub" "$work/authorized_keys"
mkdir -p /run/sshd
for try in 1 2 3 4 5; do # a free port: sshd cannot be given port 0
  port=$((20000 + RANDOM % 20000))
  cat > "$work/sshd_config" <<CONF
ListenAddress 127.0.0.1:$port
HostKey $work/host
AuthorizedKeysFile $work/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
ForceCommand $work/frames
StrictModes no
PidFile $work/sshd.pid
LogLevel ERROR
CONF
  /usr/sbin/sshd -D -f "$work/sshd_config" & sshd=$!
  for _ in $(seq 50); do
    if ss -ltn | grep -q "127.0.0.1:$port "; then break 2; fi
    kill -0 "$sshd" 2>/dev/null || break
    sleep 0.1
  done
  kill "$sshd" 2>/dev/null || true
done
sleep 2
ticks() { awk '{print $14+$15+$16+$17}' "/proc/$sshd/stat"; }
before=$(ticks)
"$work/sshfloor" -client "127.0.0.1:$port" -identity "$work/client" -user "$(id -un)" \
  -respondents "$respondents" -sessions 1 -keys 102 -pause "$pause" -frame 700
sleep 1
after=$(ticks)
echo "OpenSSH CPU: $(( (after - before) * 10 / respondents )) ms per respondent ($((after - before)) ticks of 10 ms, $respondents respondents, $pause pauses)"
