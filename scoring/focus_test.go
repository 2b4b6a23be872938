package scoring

import (
	"testing"
)

// Only claims that hold: a weak-important driver first, then values whose
// interval ends below the group's index, lowest first; a value below the
// index but within noise, and a strong-important or alike driver, are not
// suggested.
func TestSuggestFocusNamesOnlyWhatHolds(t *testing.T) {
	ci := func(lo, hi float64) *[2]float64 { return &[2]float64{lo, hi} }
	s := &Scores{
		Implementation: &Implementation{Stat: Stat{Index: 60}, Values: map[string]Stat{
			"pelayanan":   {Index: 70, CI95: ci(68, 72)},
			"akuntabel":   {Index: 55, CI95: ci(53, 57)}, // below beyond noise
			"kompeten":    {Index: 58, CI95: ci(55, 61)}, // below, within noise
			"harmonis":    {Index: 50, CI95: ci(48, 52)}, // lowest, below beyond noise
			"loyal":       {Index: 65, CI95: ci(63, 67)},
			"adaptif":     {Index: 52, CI95: ci(50, 54)}, // also a weak-important driver
			"kolaboratif": {Index: 62, CI95: ci(60, 64)},
		}},
		Drivers: map[string][]Driver{TargetEngagement: {
			{Value: "adaptif", Index: 52, Quadrant: QuadrantWeakImportant},
			{Value: "pelayanan", Index: 70, Quadrant: QuadrantStrongImportant},
			{Value: "akuntabel", Index: 55, Quadrant: QuadrantAlike},
		}},
	}
	got := SuggestFocus(s)
	want := []Suggestion{{"adaptif", ReasonFixFirst, 52}, {"harmonis", ReasonWeakest, 50}, {"akuntabel", ReasonWeakest, 55}}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("suggestion %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if SuggestFocus(&Scores{}) != nil || SuggestFocus(nil) != nil {
		t.Error("a group without implementation figures got suggestions")
	}
}

// Follow-ups shown together are one family: each change's p is adjusted by
// Benjamini–Hochberg over the family before it is called. Hand-worked:
// 30 respondents each way, SD 12.714 (15 at 25 and 15 at 50 on the index):
// a rise of 50 has t = 15.2 (p far below 0.001) and is called a rise at any
// family size; 37.5 → 37.5 has p = 1, no change; a hidden unit has no call
// but "hidden" and is not counted in the family.
func TestFollowUpsAreCalledAsOneFamily(t *testing.T) {
	sd := 12.714
	mean := func(index float64) *Scores {
		return &Scores{Implementation: &Implementation{Values: map[string]Stat{"adaptif": meanStat(index, sd, 30)}}}
	}
	fs := []FocusFollowUp{
		FollowUp("A", "Biro A", "adaptif", "done", mean(37.5), mean(87.5)),
		FollowUp("B", "Biro B", "impl.adaptif.2", "planned", mean(37.5), nil),
		FollowUp("C", "Biro C", "adaptif", "planned", mean(37.5), mean(37.5)),
	}
	SettleFollowUps(fs)
	if fs[0].Call != CallRose || fs[0].Change.Delta != 50 || fs[0].Change.Comparisons != 2 || *fs[0].Change.PAdjusted > 1e-6 {
		t.Errorf("A: %+v %+v", fs[0], fs[0].Change)
	}
	if fs[1].Call != CallHidden || fs[1].Value != "adaptif" || fs[1].Change != nil || fs[1].Now != nil {
		t.Errorf("B: %+v", fs[1])
	}
	if fs[2].Call != CallSame || *fs[2].Change.P != 1 {
		t.Errorf("C: %+v %+v", fs[2], fs[2].Change)
	}
}
