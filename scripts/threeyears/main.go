// Command threeyears writes a made-up agency surveyed in 2024, 2025 and
// 2026 for the follow-up of action plans and the trends (issue 34) and the
// report's first page (issue 32): an `org import` CSV and one `import`
// JSON-lines file per year. Units that work on a value after 2025
// (scripts/threeyears.sh sets their plans) see it rise in 2026; the rest
// drift. Direktorat Kebijakan lags in 2026. Inside every unit, staff who
// live adaptif more are more engaged (a robust driver); no other value goes
// with engagement. Biro Kecil has too few respondents in 2026 to show
// figures.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// unit is one biro: its id, name, respondents a year, and the value it
// works on after 2025 ("" none), which rises in 2026.
type unit struct {
	id, name string
	n        [3]int
	improves string
	lags     bool // its values fall in 2026
}

var units = []unit{
	{"biro-sdm", "Biro SDM", [3]int{45, 48, 50}, "adaptif", false},
	{"biro-keuangan", "Biro Keuangan", [3]int{40, 42, 44}, "kolaboratif", false},
	{"biro-umum", "Biro Umum", [3]int{50, 50, 52}, "", false},
	{"dit-layanan", "Direktorat Layanan", [3]int{60, 62, 65}, "pelayanan", false},
	{"dit-kebijakan", "Direktorat Kebijakan", [3]int{38, 40, 41}, "", true},
	{"biro-kecil", "Biro Kecil", [3]int{12, 11, 3}, "loyal", false},
}

var years = []string{"2024", "2025", "2026"}

func main() {
	out := flag.String("out", "", "directory to write org.csv and responses-YEAR.jsonl into")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "threeyears: give -out DIR")
		os.Exit(2)
	}
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "threeyears:", err)
		os.Exit(1)
	}
}

func write(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	org := "id,parent,name,headcount\nroot,,Kementerian Contoh,600\n"
	for _, u := range units {
		org += fmt.Sprintf("%s,root,%s,%d\n", u.id, u.name, 2*u.n[0]+10)
	}
	if err := os.WriteFile(filepath.Join(dir, "org.csv"), []byte(org), 0o600); err != nil {
		return err
	}
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(2024, 34))
	for y, year := range years {
		f, err := os.OpenFile(filepath.Join(dir, "responses-"+year+".jsonl"), os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		for _, u := range units {
			for range u.n[y] {
				r := in.SampleResponse(rng, questionnaire.AudienceASN, year, u.id, year+"-10-15", 0)
				lives := rng.NormFloat64() * 0.8 // how much more than the unit this person lives adaptif
				for _, c := range questionnaire.EngagementConstructs {
					for i := 1; i <= 3; i++ {
						r.Answers.Scale[questionnaire.EngItem(c, i)] = int(math.Max(1, math.Min(5, math.Round(3.2+0.6*lives+rng.NormFloat64()*0.8))))
					}
				}
				for _, v := range questionnaire.CoreValues {
					mean := 3.0 + 0.15*float64(y) // the agency drifts up a little each year
					if y == 2 && v == u.improves {
						mean += 0.8 // what the unit worked on rose
					}
					if y == 2 && u.lags {
						mean -= 0.9
					}
					if v == "adaptif" {
						mean += lives
					}
					for i := 1; i <= 3; i++ {
						r.Answers.Scale[questionnaire.ImplItem(v, i)] = int(math.Max(1, math.Min(5, math.Round(mean+rng.NormFloat64()*0.9))))
					}
				}
				line, err := json.Marshal(r)
				if err != nil {
					return err
				}
				w.Write(append(line, '\n'))
			}
		}
		if err := w.Flush(); err != nil {
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}
