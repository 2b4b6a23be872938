package db

import (
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
	bolt "go.etcd.io/bbolt"
)

// A plan keeps each status with the day it was set; its bounds hold in the
// store whoever calls it, and a failed change leaves the plan as it was.
func TestPlansKeepTheirHistoryAndBounds(t *testing.T) {
	s := openTemp(t)
	area := FocusArea{Focus: "adaptif", Reason: ReasonOther, Actions: "Pelatihan", Owner: "Kepala Bagian Umum", Due: "2027-03"}
	if err := s.AddFocus("2026", RootUnitID, area, "2026-12-01"); err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2027-01-05", "2027-03-20"} {
		status := map[string]string{"2027-01-05": StatusInProgress, "2027-03-20": StatusDone}[day]
		if err := s.EditFocus("2026", RootUnitID, "adaptif", day, func(f *FocusArea) { f.Status = status }); err != nil {
			t.Fatal(err)
		}
	}
	s.EditFocus("2026", RootUnitID, "adaptif", "2027-04-01", func(f *FocusArea) { f.Actions = "Pelatihan lanjutan" }) // no new status
	for _, bad := range []struct {
		edit func(f *FocusArea)
		want string
	}{
		{func(f *FocusArea) { f.Owner = strings.Repeat("x", MaxPlanOwner+1) }, "owner must be a role"},
		{func(f *FocusArea) { f.Actions = strings.Repeat("y", MaxPlanActions+1) }, "at most 500 characters"},
		{func(f *FocusArea) { f.Owner = "Kepala\nBagian" }, "owner must be a role"},
		{func(f *FocusArea) { f.Due = "March" }, "must be a month"},
		{func(f *FocusArea) { f.Status = "finished" }, `status "finished"`},
	} {
		if err := s.EditFocus("2026", RootUnitID, "adaptif", "2027-05-01", bad.edit); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%v, want %q", err, bad.want)
		}
	}
	if err := s.AddFocus("2026", "nowhere", area, "2026-12-01"); err == nil || !strings.Contains(err.Error(), `unit "nowhere"`) {
		t.Errorf("a unit outside the tree: %v", err)
	}
	if err := s.AddFocus("2026", RootUnitID, FocusArea{Focus: "happiness", Reason: ReasonOther, Actions: "a", Owner: "b", Due: "2027-01"}, "2026-12-01"); err == nil || !strings.Contains(err.Error(), "neither a BerAKHLAK value") {
		t.Errorf("a focus that is no value: %v", err)
	}
	plans, err := s.Plans("2026")
	if err != nil || len(plans) != 1 || len(plans[0].Focus) != 1 {
		t.Fatalf("plans %+v, %v", plans, err)
	}
	f := plans[0].Focus[0]
	want := []StatusChange{{"2026-12-01", StatusPlanned}, {"2027-01-05", StatusInProgress}, {"2027-03-20", StatusDone}}
	if f.Status != StatusDone || f.Actions != "Pelatihan lanjutan" || len(f.History) != 3 || f.History[0] != want[0] || f.History[1] != want[1] || f.History[2] != want[2] {
		t.Fatalf("plan after its changes: %+v", f)
	}
}

// verify names a stored plan that breaks the rules (a file edited by hand).
func TestVerifyNamesABrokenPlan(t *testing.T) {
	s := openTemp(t)
	err := s.bolt.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketPlans)
		if err != nil {
			return err
		}
		return putJSON(b, planKey("2026", RootUnitID), Plan{Survey: "2026", Unit: RootUnitID, Focus: []FocusArea{{Focus: "adaptif", Reason: ReasonOther, Actions: "x", Owner: "y", Due: "2027-01", Status: "finished"}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	problems, _ := s.Verify(questionnaire.Default(), nil)
	if !strings.Contains(strings.Join(problems, "\n"), `plan of unit root, survey 2026: focus area adaptif: status "finished"`) {
		t.Fatalf("verify: %q", problems)
	}
}
