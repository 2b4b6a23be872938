package db

import (
	"math"
	"strings"
	"testing"
)

// The survey's rules hold whoever saves it, not only the survey command:
// modules an audience cannot be asked, a survey that asks no one, segments
// of an unknown audience, and a segment question other than the one an
// audience's segments were taken by are refused by the store.
func TestStoreRefusesSurveysOutsideTheRules(t *testing.T) {
	s := openTemp(t)
	for range 6 {
		if err := s.SaveResponse(sampleResponse()); err != nil {
			t.Fatal(err)
		}
	}
	sv, _, err := s.Survey("2026")
	if err != nil {
		t.Fatal(err)
	}
	sv.Open = false
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	if taken, err := s.Segments("2026"); err != nil || taken["asn"].Item != "demo.tenure" {
		t.Fatalf("segments taken at the close: %+v, %v", taken, err)
	}
	for _, tc := range []struct {
		name   string
		change func(sv *Survey)
		want   string
	}{
		{"a module of the other audience", func(sv *Survey) { sv.Modules["public"] = []string{"branding", "engagement"} }, `module "engagement" cannot be asked of public`},
		{"an unknown audience", func(sv *Survey) { sv.Modules["staff"] = []string{"values"} }, `audience "staff"`},
		{"no one asked", func(sv *Survey) { sv.Modules = map[string][]string{"asn": {}, "public": nil} }, "would ask no one anything"},
		{"segments of an unknown audience", func(sv *Survey) { sv.Segments = map[string]string{"staff": "demo.age"} }, `audience "staff"`},
		{"another segment question once taken", func(sv *Survey) { sv.Segments = map[string]string{"asn": "demo.age"} }, "segments were taken by demo.tenure"},
	} {
		changed, _, _ := s.Survey("2026")
		tc.change(&changed)
		if err := s.SaveSurvey(changed); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	same, _, _ := s.Survey("2026")
	same.Segments = map[string]string{"asn": "demo.tenure"}
	if err := s.SaveSurvey(same); err != nil {
		t.Errorf("the segment question it was taken by, named: %v", err)
	}
}

// Targets are checked by the store: only index keys, only numbers the
// index can take: 0..100, −100..100 for the workplace recommendation (NaN
// is not one).
func TestStoreRefusesTargetsOutsideTheIndices(t *testing.T) {
	s := openTemp(t)
	for _, tc := range []struct {
		targets map[string]float64
		want    string
	}{
		{map[string]float64{"implementation": 64.5}, ""},
		{map[string]float64{"happiness": 70}, `"happiness" is not an index`},
		{map[string]float64{"engagement": 101}, "outside 0..100"},
		{map[string]float64{"engagement": math.NaN()}, "outside 0..100"},
		{map[string]float64{"implementation.adaptif": -3}, "target implementation.adaptif = -3 is outside 0..100"},
		{map[string]float64{"workplace_recommendation": -20}, ""},
		{map[string]float64{"workplace_recommendation": -100.5}, "outside -100..100"},
	} {
		sv, _, _ := s.Survey("2026")
		sv.Targets = tc.targets
		err := s.SaveSurvey(sv)
		if (tc.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%v: %v, want %q", tc.targets, err, tc.want)
		}
	}
}

// The previous survey is the one before by id (periods sort by year), not
// the one saved before.
func TestPreviousSurveyIsTheYearBefore(t *testing.T) {
	s := openTemp(t)
	for _, id := range []string{"2024", "2022", "2025"} {
		if err := s.SaveSurvey(DefaultSurvey(id)); err != nil {
			t.Fatal(err)
		}
	}
	for id, want := range map[string]string{"2026": "2025", "2025": "2024", "2024": "2022", "2023": "2022", "2022": ""} {
		prev, ok, err := s.PreviousSurvey(id)
		if err != nil || ok != (want != "") || prev.ID != want {
			t.Errorf("before %s: %q %t %v, want %q", id, prev.ID, ok, err, want)
		}
	}
}

// k is kept within MinK..MaxK: a larger k hid every figure, and the admin's
// settings form, which takes three digits, cut it (100000 became 100) and
// saved the cut value with any other change.
func TestStoreKeepsKWithinItsRange(t *testing.T) {
	s := openTemp(t)
	for k, want := range map[int]string{MinK: "", MaxK: "", MinK - 1: "below 3", MaxK + 1: "minimum group size 1000 is above 999", 100000: "above 999"} {
		sv, _, _ := s.Survey("2026")
		sv.K = k
		err := s.SaveSurvey(sv)
		if (want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), want)) {
			t.Errorf("k = %d: %v, want %q", k, err, want)
		}
	}
}

// TestACarriedSurveySharesNothing: the next period's survey takes the
// settings of the one before as copies — changing its modules, minimums or
// segments leaves the earlier survey's as they were — and none of its own
// period: targets, smallest k, instrument.
func TestACarriedSurveySharesNothing(t *testing.T) {
	before := DefaultSurvey("2026")
	before.K, before.SmallestK, before.RequireCode, before.Recipient, before.Instrument = 9, 7, true, "age1x", "v1"
	before.PublicationMinimums = map[string]int{"engagement": 140}
	before.Segments = map[string]string{"public": "demo.field"}
	before.Targets = map[string]float64{"implementation": 60}
	next := before.Carried("2027")
	if next.ID != "2027" || !next.Open || next.K != 9 || !next.RequireCode || next.Recipient != "age1x" {
		t.Fatalf("carried %+v", next)
	}
	if next.Targets != nil || next.SmallestK != 0 || next.Instrument != "" {
		t.Errorf("carried the earlier period's own: targets %v, smallest k %d, instrument %q", next.Targets, next.SmallestK, next.Instrument)
	}
	next.Modules["asn"][0] = "changed"
	next.PublicationMinimums["engagement"] = 1
	next.Segments["public"] = "demo.status"
	if before.Modules["asn"][0] == "changed" || before.PublicationMinimums["engagement"] != 140 || before.Segments["public"] != "demo.field" {
		t.Errorf("changing the new survey changed the one before: %+v", before)
	}
}
