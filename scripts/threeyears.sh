#!/bin/bash
# A three-year agency (2024–2026) with action plans after 2025, and its
# 2026 report as HTML, PDF and page images (issue 34; docs/report-followup-*.png).
#   scripts/threeyears.sh DIR [BERAKHLAK]
set -euo pipefail
dir=${1:?give a directory}
bin=${2:-berakhlak}
go run ./scripts/threeyears -out "$dir"
db="$dir/agency.db"
rm -f "$db"
b() { "$bin" --db "$db" "$@"; }
b init >/dev/null
b org import "$dir/org.csv" >/dev/null
b survey create 2024 >/dev/null
b survey create 2025 >/dev/null
for y in 2024 2025 2026; do b import "$dir/responses-$y.jsonl" >/dev/null; done
b survey set 2024 --status closed >/dev/null
plan() { b plan add --survey 2025 "$@" >/dev/null; }
plan --unit biro-sdm --focus adaptif --actions "Pelatihan kerja hibrida dan mentoring digital" --owner "Kepala Biro SDM" --due 2026-06
plan --unit biro-keuangan --focus impl.kolaboratif.2 --actions "Forum lintas unit tiap bulan" --owner "Kepala Bagian Anggaran" --due 2026-03
plan --unit dit-layanan --focus pelayanan --actions "Standar layanan dan survei kepuasan pengguna" --owner "Direktur Layanan" --due 2026-09
plan --unit biro-kecil --focus loyal --actions "Orientasi nilai untuk pegawai baru" --owner "Kepala Biro" --due 2026-05
b plan set --survey 2025 --unit biro-sdm --focus adaptif --status done >/dev/null
b plan set --survey 2025 --unit biro-keuangan --focus impl.kolaboratif.2 --status in-progress >/dev/null
b plan set --survey 2025 --unit dit-layanan --focus pelayanan --status done >/dev/null
b survey set 2025 --status closed >/dev/null
b report --survey 2026 --out "$dir/report-2026.html" --pdf "$dir/report-2026.pdf"
b report --survey 2026 --lang en --out "$dir/report-2026-en.html" --pdf "$dir/report-2026-en.pdf"
