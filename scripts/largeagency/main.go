// Command largeagency writes a very large made-up agency for benchmarks: an
// organisation tree of 34 provinces × 15 districts × 11 sub-districts (6,155
// units with the root, 250,000 staff) as an `org import` CSV, and generated
// responses as an `import` JSON-lines file. BENCHMARKS.md "The largest
// agencies" uses it:
//
//	go run ./scripts/largeagency -out /tmp/large -responses 111997
//	berakhlak --db /tmp/large/x.db init && berakhlak --db /tmp/large/x.db org import /tmp/large/org.csv
//	berakhlak --db /tmp/large/x.db import /tmp/large/responses.jsonl
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// The shape of the tree: provinces, districts per province, sub-districts per district.
const (
	provinces    = 34
	districts    = 15
	subDistricts = 11
	staff        = 250_000
)

func main() {
	out := flag.String("out", "", "directory to write org.csv and responses.jsonl into")
	responses := flag.Int("responses", 111_997, "responses to generate")
	survey := flag.String("survey", "2026", "survey id of the responses")
	date := flag.String("date", "2026-11-27", "date of the responses (YYYY-MM-DD)")
	seed := flag.Uint64("seed", 38, "random seed (the same seed writes the same files)")
	level := flag.Int("level", 3, "level of the units the responses go to: 1 provinces, 2 districts, 3 sub-districts")
	flag.Parse()
	if *out == "" || *responses < 0 || *level < 1 || *level > 3 {
		fmt.Fprintln(os.Stderr, "usage: largeagency -out DIR [-responses N] [-level 1|2|3] [-survey ID] [-date YYYY-MM-DD] [-seed S]")
		os.Exit(2)
	}
	if err := run(*out, *responses, *level, *survey, *date, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "largeagency:", err)
		os.Exit(1)
	}
}

func run(dir string, responses, level int, survey, date string, seed uint64) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	byLevel, err := writeOrg(filepath.Join(dir, "org.csv"))
	if err != nil {
		return err
	}
	return writeResponses(filepath.Join(dir, "responses.jsonl"), byLevel[level-1], responses, survey, date, seed)
}

// writeOrg writes the tree (its root first) and returns the units of each
// level below the root: provinces, districts, sub-districts, each in the
// order the next level's units are listed under them.
func writeOrg(path string) ([3][]string, error) {
	var byLevel [3][]string
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return byLevel, err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"id", "parent", "name", "headcount"})
	w.Write([]string{"root", "", "Kementerian Contoh", ""})
	perLeaf := staff / (provinces * districts * subDistricts)
	for p := range provinces {
		pid := fmt.Sprintf("p%d", p)
		byLevel[0] = append(byLevel[0], pid)
		w.Write([]string{pid, "root", fmt.Sprintf("Kanwil Provinsi %d", p), ""})
		for d := range districts {
			did := fmt.Sprintf("%s-d%d", pid, d)
			byLevel[1] = append(byLevel[1], did)
			w.Write([]string{did, pid, fmt.Sprintf("Kantor Kabupaten %d.%d", p, d), ""})
			for s := range subDistricts {
				sid := fmt.Sprintf("%s-s%d", did, s)
				w.Write([]string{sid, did, fmt.Sprintf("Kantor Kecamatan %d.%d.%d", p, d, s), strconv.Itoa(perLeaf)})
				byLevel[2] = append(byLevel[2], sid)
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return byLevel, err
	}
	return byLevel, f.Close()
}

// writeResponses spreads the responses over the units given (one level of
// the tree), one in five from the public audience. Answers are uniform at
// random, except in one province in seven (3, 10, 17, …), which lags: half
// its scale answers are one step lower, so a report has units that differ
// beyond noise to show.
func writeResponses(path string, units []string, n int, survey, date string, seed uint64) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	buf := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(buf)
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(seed, seed))
	for i := range n {
		audience := questionnaire.AudienceASN
		if i%5 == 4 {
			audience = questionnaire.AudiencePublic
		}
		unit := rng.IntN(len(units))
		r := in.SampleResponse(rng, audience, survey, units[unit], date, 0)
		if unit*provinces/len(units)%7 == 3 { // units are listed province by province
			lag(r, rng)
		}
		if err := enc.Encode(r); err != nil {
			f.Close()
			return err
		}
	}
	if err := buf.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// lag lowers half the scale answers by one step; above 1, so every scale
// (1–4, 1–6, 0–10) keeps a valid answer.
func lag(r *questionnaire.Response, rng *rand.Rand) {
	for _, id := range slices.Sorted(maps.Keys(r.Answers.Scale)) { // in a fixed order: the seed repeats the file
		if v := r.Answers.Scale[id]; v > 1 && rng.IntN(2) == 0 {
			r.Answers.Scale[id] = v - 1
		}
	}
}
