package cli

import (
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/tui"
)

// targets set --unit sets a unit's own target, checked against the unit's
// own baseline (never one that was hidden); show lists what a unit is held
// to; unset takes a unit back to the survey's. In 2025 unit A answered
// adaptif 5 on every item (index 100), C 1 (index 0), and S 5, but S's 3
// respondents are under k = 5 and are in no figure (figures move in steps
// of k, docs/METHODOLOGY.md "Releases"): the whole survey's adaptif is
// 3000 / 60 = 50.
func TestTargetsOfAUnitByHand(t *testing.T) {
	dbPath := unitsWithAdaptif(t)
	set := func(args ...string) (string, string, int) {
		return run(t, append(append([]string{"targets", "set", "--survey", "2026"}, args...), "--db", dbPath)...)
	}

	// 25 is above C's own baseline 0 but under the survey's 50 and A's 100.
	if out, stderr, code := set("--unit", "C", "implementation.adaptif=25"); code != 0 || !strings.Contains(out, "implementation.adaptif") || !strings.Contains(out, "its own") {
		t.Fatalf("C's own target above its own baseline: exit %d\n%s%s", code, out, stderr)
	}
	if _, stderr, code := set("implementation.adaptif=25"); code == 0 || !strings.Contains(stderr, "worse side of its baseline 50.0 (survey 2025)") {
		t.Fatalf("the survey's target under the survey's baseline: exit %d %s", code, stderr)
	}
	if _, stderr, code := set("--unit", "A", "implementation.adaptif=25"); code == 0 || !strings.Contains(stderr, "worse side of its baseline 100.0 (unit A in survey 2025)") {
		t.Fatalf("A's target under A's own baseline: exit %d %s", code, stderr)
	}
	// S's baseline was hidden: nothing is compared, so no answer tells it.
	if out, stderr, code := set("--unit", "S", "implementation.adaptif=25"); code != 0 || stderr != "" || strings.Contains(out, "100") {
		t.Fatalf("S's target: exit %d\n%s%s", code, out, stderr)
	}
	if _, stderr, code := set("--allow-decline", "implementation=40,0"); code != 0 { // a decimal comma, as Indonesian writes it
		t.Fatal(stderr)
	}
	// Go's number syntax is not a person's: 1_0 is not ten, NaN no target,
	// and a figure out of range is said to be so, not to ask for a decline.
	for arg, why := range map[string]string{"implementation=1_0": `"1_0" is not a plain number`, "implementation=NaN": `"NaN" is not a plain number`, "implementation=-1": "-1 is outside 0..100"} {
		if _, stderr, code := set(arg); code == 0 || !strings.Contains(stderr, why) {
			t.Errorf("targets set %s: exit %d %s", arg, code, stderr)
		}
	}
	// R, the only root, is the whole survey: its targets are the survey's.
	if out, stderr, code := set("--unit", "R", "--allow-decline", "engagement=61"); code != 0 || !strings.Contains(out, "targets of survey 2026") {
		t.Fatalf("R's target: exit %d\n%s%s", code, out, stderr)
	}
	if sv := surveyJSON(t, dbPath, "2026"); sv["targets"].(map[string]any)["engagement"] != 61.0 || sv["unit_targets"].(map[string]any)["R"] != nil {
		t.Fatalf("R's target is not the survey's: %v / %v", sv["targets"], sv["unit_targets"])
	}
	if _, stderr, code := set("--unit", "nowhere", "implementation=40"); code == 0 || !strings.Contains(stderr, `unit "nowhere" is not in the organisation tree`) {
		t.Fatalf("an unknown unit: exit %d %s", code, stderr)
	}

	// C is held to its own adaptif target and to the survey's implementation.
	var held targetsJSON
	out, _, _ := run(t, "targets", "show", "--survey", "2026", "--unit", "C", "--json", "--db", dbPath)
	if err := json.Unmarshal([]byte(out), &held); err != nil {
		t.Fatalf("targets show --json: %v\n%s", err, out)
	}
	if held.Targets["implementation.adaptif"] != 25 || held.Targets["implementation"] != 40 || held.Targets["engagement"] != 61 || len(held.Targets) != 3 ||
		len(held.Own) != 1 || held.Own[0] != "implementation.adaptif" {
		t.Fatalf("C is held to %+v", held)
	}
	out, _, _ = run(t, "targets", "show", "--survey", "2026", "--db", dbPath)
	if !strings.Contains(out, "implementation                  40.00") || !strings.Contains(out, "2 units have targets of their own") {
		t.Fatalf("targets show:\n%s", out)
	}

	// Unset: a unit's own goes (C is held to the survey's again); the
	// survey's target is not a unit's own to remove.
	if _, stderr, code := run(t, "targets", "unset", "--survey", "2026", "--unit", "C", "implementation", "--db", dbPath); code == 0 || !strings.Contains(stderr, "held to the survey's") {
		t.Fatalf("unset of the survey's target through a unit: exit %d %s", code, stderr)
	}
	if _, stderr, code := run(t, "targets", "unset", "--survey", "2026", "--unit", "C", "implementation.adaptif", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	if own := surveyJSON(t, dbPath, "2026")["unit_targets"].(map[string]any); own["C"] != nil || own["S"] == nil {
		t.Fatalf("unit targets after C's unset: %v", own)
	}
	if _, stderr, code := run(t, "targets", "unset", "--survey", "2026", "happiness", "--db", dbPath); code == 0 || !strings.Contains(stderr, `"happiness" is not an index`) {
		t.Fatalf("unset of an unknown index: exit %d %s", code, stderr)
	}
}

// unitsWithAdaptif is a database whose survey 2025 holds A (adaptif 100),
// C (adaptif 0) and S (3 respondents, in no figure), and 2026 none yet.
func unitsWithAdaptif(t *testing.T) string {
	t.Helper()
	dbPath := newDB(t, filepath.Join(t.TempDir(), "t.db"))
	org := writeFile(t, "org.csv", "id,parent,name,headcount\nR,,Kementerian R,200\nA,R,Biro A,60\nC,R,Biro C,60\nS,R,Biro S,5\n")
	for _, args := range [][]string{{"org", "import", org}, {"survey", "create", "2025"}} {
		if _, stderr, code := run(t, append(args, "--db", dbPath)...); code != 0 {
			t.Fatal(stderr)
		}
	}
	rng := rand.New(rand.NewPCG(7, 31))
	importResponses(t, dbPath, append(append(withAdaptif(rng, "2025", "A", 30, 5), withAdaptif(rng, "2025", "C", 30, 1)...), withAdaptif(rng, "2025", "S", 3, 5)...))
	return dbPath
}

// The admin screen's targets form reads and writes through the store as
// `targets show|set|unset` do: a unit's own baselines (none for S, whose
// figure was never shown), its own targets, declines refused.
func TestAdminScreenKeepsTargets(t *testing.T) {
	dbPath := unitsWithAdaptif(t)
	store, err := db.Open(dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	src := newStoreAdmin(store, questionnaire.Default())
	row := func(unit, key string) tui.TargetRow {
		rows, err := src.Targets(unit, "id")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.Key == key {
				return r
			}
		}
		t.Fatalf("no row %s of %s", key, unit)
		return tui.TargetRow{}
	}
	if r := row("C", "implementation.adaptif"); r.Name != "Adaptif" || r.Baseline == nil || *r.Baseline != 0 || r.Target != nil {
		t.Fatalf("C's adaptif row: %+v", r)
	}
	rows, _ := src.Targets("S", "en")
	for _, r := range rows {
		if r.Baseline != nil {
			t.Fatalf("S's %s shows a baseline %v its figures never showed", r.Key, *r.Baseline)
		}
	}
	twentyFive := 25.0
	if err := src.SaveTarget("A", "implementation.adaptif", &twentyFive); err == nil || !strings.Contains(err.Error(), "worse side of its baseline 100.0") {
		t.Fatalf("A's target under its baseline: %v", err)
	}
	if err := src.SaveTarget("C", "implementation.adaptif", &twentyFive); err != nil {
		t.Fatal(err)
	}
	if r := row("C", "implementation.adaptif"); r.Target == nil || *r.Target != 25 || !r.Own {
		t.Fatalf("C's adaptif after the save: %+v", r)
	}
	if err := src.SaveTarget("C", "implementation.adaptif", nil); err != nil {
		t.Fatal(err)
	}
	sv, _, _ := store.Survey("2026")
	if sv.UnitTargets["C"] != nil {
		t.Fatalf("C's own targets after the removal: %v", sv.UnitTargets)
	}
	// A closed survey's targets are what it was measured against.
	sv.Open = false
	if err := store.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	if err := src.SaveTarget("C", "implementation.adaptif", &twentyFive); err == nil || !strings.Contains(err.Error(), "survey 2026 is closed") {
		t.Fatalf("a target of a closed survey: %v", err)
	}
}
