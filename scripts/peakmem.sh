#!/bin/bash
# Runs a command and prints its wall time and peak memory, split into what the
# process owns (anonymous: heap, stacks) and the pages of files it maps (bbolt
# maps the database; those pages are the kernel's page cache, dropped under
# pressure), sampled every 0.1 s; VmHWM is the kernel's peak of both together.
# Usage: peakmem.sh COMMAND [ARGS...] (see BENCHMARKS.md "The largest agencies").
set -uo pipefail
start=$(date +%s.%N)
"$@" &
pid=$!
anon=0 file=0 hwm=0
while kill -0 $pid 2>/dev/null; do
  if read -r a f h < <(awk '/^RssAnon/ {a=$2} /^RssFile/ {f=$2} /^VmHWM/ {h=$2} END {print a+0, f+0, h+0}' /proc/$pid/status 2>/dev/null); then
    (( a > anon )) && anon=$a
    (( f > file )) && file=$f
    (( h > hwm )) && hwm=$h
  fi
  sleep 0.1
done
wait $pid
rc=$?
end=$(date +%s.%N)
printf 'wall %.1f s · peak anonymous %d MB · peak mapped file %d MB · VmHWM %d MB · exit %d\n' \
  "$(echo "$end - $start" | bc)" $((anon / 1024)) $((file / 1024)) $((hwm / 1024)) $rc
exit $rc
