package cli

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/internal/testkit"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// withAdaptif is n sampled ASN responses of a unit whose three adaptif
// items are all answered `answer`.
func withAdaptif(rng *rand.Rand, survey, unit string, n, answer int) []*questionnaire.Response {
	in := questionnaire.Default()
	var out []*questionnaire.Response
	for range n {
		r := in.SampleResponse(rng, questionnaire.AudienceASN, survey, unit, survey+"-11-27", 0)
		for i := 1; i <= 3; i++ {
			r.Answers.Scale[questionnaire.ImplItem("adaptif", i)] = answer
		}
		out = append(out, r)
	}
	return out
}

// From figures to action and back: plans chosen after 2025 are read again
// in 2026 by scores --json and the report, with hand-computed figures.
// Unit A's adaptif items went from 15 × 2 and 15 × 3 (index 37.5) to 15 × 4
// and 15 × 5 (87.5): rose beyond noise. C's stayed at 37.5: did not move.
// B answered in 2025 and not in 2026: its follow-up shows no figure.
func TestPlansAreFollowedUpByTheNextSurvey(t *testing.T) {
	dir := t.TempDir()
	dbPath := newDB(t, filepath.Join(dir, "p.db"))
	org := writeFile(t, "org.csv", "id,parent,name,headcount\nR,,Kementerian R,200\nA,R,Biro A,60\nB,R,Biro B,10\nC,R,Biro C,60\n")
	for _, args := range [][]string{{"org", "import", org}, {"survey", "create", "2025"}} {
		if _, stderr, code := run(t, append(args, "--db", dbPath)...); code != 0 {
			t.Fatal(stderr)
		}
	}
	rng := rand.New(rand.NewPCG(34, 1))
	var y2025 []*questionnaire.Response
	for _, unit := range []string{"A", "C"} {
		y2025 = append(append(y2025, withAdaptif(rng, "2025", unit, 15, 2)...), withAdaptif(rng, "2025", unit, 15, 3)...)
	}
	importResponses(t, dbPath, append(y2025, withAdaptif(rng, "2025", "B", 5, 3)...))
	for _, plan := range [][]string{
		{"--unit", "A", "--focus", "adaptif", "--actions", "Pelatihan kerja hibrida\nuntuk semua staf", "--owner", "Kepala Biro A", "--due", "2026-06"},
		{"--unit", "B", "--focus", "impl.adaptif.2", "--actions", "Forum ide bulanan", "--owner", "Kepala Biro B", "--due", "2026-03"},
		{"--unit", "C", "--focus", "adaptif", "--actions", "Rotasi tugas", "--owner", "Kepala Biro C", "--due", "2026-09"},
	} {
		if _, stderr, code := run(t, append([]string{"plan", "add", "--survey", "2025", "--db", dbPath}, plan...)...); code != 0 {
			t.Fatal(stderr)
		}
	}
	if _, stderr, code := run(t, "plan", "set", "--survey", "2025", "--unit", "A", "--focus", "adaptif", "--status", "done", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	var y2026 []*questionnaire.Response
	y2026 = append(append(y2026, withAdaptif(rng, "2026", "A", 15, 4)...), withAdaptif(rng, "2026", "A", 15, 5)...)
	y2026 = append(append(y2026, withAdaptif(rng, "2026", "C", 15, 2)...), withAdaptif(rng, "2026", "C", 15, 3)...)
	importResponses(t, dbPath, y2026)

	out, stderr, code := run(t, "scores", "--json", "--survey", "2026", "--db", dbPath)
	if code != 0 {
		t.Fatal(stderr)
	}
	var doc struct {
		FocusFollowUp []map[string]json.RawMessage `json:"focus_followup"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	byUnit := map[string]map[string]json.RawMessage{}
	for _, f := range doc.FocusFollowUp {
		var unit string
		json.Unmarshal(f["unit"], &unit)
		byUnit[unit] = f
	}
	index := func(raw json.RawMessage) float64 {
		var st struct{ Index float64 }
		json.Unmarshal(raw, &st)
		return st.Index
	}
	call := func(unit string) string {
		var c string
		json.Unmarshal(byUnit[unit]["call"], &c)
		return c
	}
	if a := byUnit["A"]; a == nil || index(a["then"]) != 37.5 || index(a["now"]) != 87.5 || call("A") != "rose" || !strings.Contains(string(a["status"]), "done") {
		t.Errorf("A's follow-up: %s", asJSONText(a))
	}
	if c := byUnit["C"]; c == nil || index(c["then"]) != 37.5 || index(c["now"]) != 37.5 || call("C") != "no-change" {
		t.Errorf("C's follow-up: %s", asJSONText(c))
	}
	if b := byUnit["B"]; b == nil || call("B") != "hidden" || b["now"] != nil || b["change"] != nil {
		t.Errorf("B's follow-up, hidden in 2026: %s", asJSONText(b))
	}

	html := filepath.Join(dir, "laporan.html")
	if _, stderr, code := run(t, "report", "--survey", "2026", "--out", html, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	page := testkit.ReadText(t, html)
	for _, want := range []string{"Rencana aksi dan tindak lanjut", "Biro A", "37.5", "87.5", "&#43;50.0", "naik melampaui ketidakpastian",
		"Adaptif · perilaku 2", "tidak ditampilkan (kelompok terlalu kecil)",
		"Dari 3 area fokus yang dipilih setelah survei sebelumnya, unit yang area fokusnya naik melampaui ketidakpastian: 1; tidak bergerak: 1; turun: 0; tidak dapat dibaca: 1."} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	y2025html := filepath.Join(dir, "laporan-2025.html")
	if _, stderr, code := run(t, "report", "--survey", "2025", "--unit", "B", "--out", y2025html, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	if page := testkit.ReadText(t, y2025html); !strings.Contains(page, "Area fokus yang dipilih setelah survei ini") || !strings.Contains(page, "Forum ide bulanan") || strings.Contains(page, "Rotasi tugas") {
		t.Errorf("B's 2025 report shows its own plan, and no other unit's: %v %v", strings.Contains(page, "Forum ide bulanan"), strings.Contains(page, "Rotasi tugas"))
	}
	list, _, _ := run(t, "plan", "list", "--survey", "2025", "--json", "--db", dbPath)
	if !strings.Contains(list, "Pelatihan kerja hibrida\\nuntuk semua staf") || strings.Count(list, `"focus": "`) != 3 {
		t.Errorf("plan list --json: %s", list)
	}
	csvOut, stderr, code := run(t, "export", "--format", "plans-csv", "--db", dbPath)
	if code != 0 || !strings.HasPrefix(csvOut, "survey,unit,focus,reason,actions,owner,due,status,history\n") ||
		!strings.Contains(csvOut, "2025,A,adaptif,other,\"Pelatihan kerja hibrida\nuntuk semua staf\",Kepala Biro A,2026-06,done,") ||
		strings.Count(csvOut, "\n2025,") != 3 {
		t.Errorf("export --format plans-csv: %s %s", csvOut, stderr)
	}
	if out, stderr, code := run(t, "verify", "--db", dbPath); code != 0 {
		t.Errorf("verify with plans: %s %s", out, stderr)
	}
}

// A plan's bounds hold through the command: a reason the figures do not
// show, a fourth focus area, a month that is none, a status that is none.
func TestPlanCommandRefusesWhatIsNotAPlan(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "q.db"))
	base := []string{"plan", "add", "--unit", "root", "--actions", "x", "--owner", "Kepala", "--due", "2027-01", "--db", dbPath}
	for _, focus := range []string{"pelayanan", "akuntabel", "kompeten"} {
		if _, stderr, code := run(t, append(base, "--focus", focus)...); code != 0 {
			t.Fatal(stderr)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{append(base, "--focus", "loyal"), "already has 3 focus areas"},
		{append(base, "--focus", "pelayanan"), "already works on pelayanan"},
		{[]string{"plan", "add", "--unit", "root", "--focus", "loyal", "--reason", "weakest", "--actions", "x", "--owner", "K", "--due", "2027-01", "--db", dbPath}, "do not show loyal as weakest"},
		{[]string{"plan", "set", "--unit", "root", "--focus", "pelayanan", "--due", "2027-13", "--db", dbPath}, "must be a month"},
		{[]string{"plan", "set", "--unit", "root", "--focus", "pelayanan", "--status", "finished", "--db", dbPath}, `status "finished"`},
		{[]string{"plan", "set", "--unit", "root", "--focus", "pelayanan", "--actions", "\x1b[2Jx", "--db", dbPath}, "characters a terminal could act on"},
		{[]string{"plan", "add", "--focus", "loyal", "--db", dbPath}, "--unit is required"},
	} {
		if _, stderr, code := run(t, tc.args...); code == 0 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want %q", tc.args, code, stderr, tc.want)
		}
	}
}

func asJSONText(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}

// targets propose gives each unit that shows figures targets from its own
// baseline, beside the survey-wide ones (issue 31).
func TestTargetsProposedPerUnit(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "t.db"))
	org := writeFile(t, "org.csv", "id,parent,name,headcount\nR,,Kementerian R,200\nA,R,Biro A,60\nC,R,Biro C,60\n")
	for _, args := range [][]string{{"org", "import", org}, {"survey", "create", "2025"}} {
		if _, stderr, code := run(t, append(args, "--db", dbPath)...); code != 0 {
			t.Fatal(stderr)
		}
	}
	rng := rand.New(rand.NewPCG(31, 5))
	importResponses(t, dbPath, append(withAdaptif(rng, "2025", "A", 30, 5), withAdaptif(rng, "2025", "C", 30, 1)...))
	out, stderr, code := run(t, "targets", "propose", "--from", "2025", "--to", "2026", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "2 units got targets of their own") { // A and C; R, the only root, is the whole survey
		t.Fatalf("targets propose: %s %s", out, stderr)
	}
	var surveys []struct {
		ID          string
		UnitTargets map[string]map[string]float64 `json:"unit_targets"`
	}
	list, _, _ := run(t, "survey", "list", "--json", "--db", dbPath)
	if err := json.Unmarshal([]byte(list), &surveys); err != nil {
		t.Fatalf("survey list --json: %v\n%s", err, list)
	}
	checked := 0
	for _, unit := range []string{"A", "C"} {
		scores, _, _ := run(t, "scores", "--json", "--survey", "2025", "--unit", unit, "--db", dbPath)
		var gs struct {
			Implementation struct {
				Values map[string]struct{ Index float64 }
			}
		}
		json.Unmarshal([]byte(scores), &gs)
		baseline := gs.Implementation.Values["adaptif"].Index
		for _, sv := range surveys {
			if sv.ID != "2026" {
				continue
			}
			checked++
			if got := sv.UnitTargets[unit]["implementation.adaptif"]; math.Abs(got-(baseline+(100-baseline)/10)) > 1e-9 {
				t.Errorf("unit %s: adaptif target %v from its own baseline %v", unit, got, baseline)
			}
		}
	}
	if checked != 2 {
		t.Fatalf("checked %d units' targets in survey list --json: %s", checked, list)
	}
}
