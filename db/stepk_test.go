package db

import (
	"math/rand/v2"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestStepKIsTheSmallestKSinceTheFirstResponse: a survey's figures move in
// steps of the smallest k it has had since its first response. Changes of k
// before any response do not count; raising k afterwards does not undo a
// lower k already released under; lowering it does count.
func TestStepKIsTheSmallestKSinceTheFirstResponse(t *testing.T) {
	s := openTemp(t)
	setK := func(k, wantStep int) {
		t.Helper()
		sv, _, err := s.Survey("2026")
		if err != nil {
			t.Fatal(err)
		}
		sv.K, sv.SmallestK = k, 99 // what a caller passes is not taken
		if err := s.SaveSurvey(sv); err != nil {
			t.Fatal(err)
		}
		if sv, _, _ = s.Survey("2026"); sv.StepK() != wantStep {
			t.Fatalf("after k = %d: step k = %d, want %d", k, sv.StepK(), wantStep)
		}
	}
	setK(3, 3)
	setK(6, 6) // no response yet: 3 was never released under
	rng := rand.New(rand.NewPCG(29, 6))
	if err := s.SaveResponse(questionnaire.Default().SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0)); err != nil {
		t.Fatal(err)
	}
	setK(4, 4)
	setK(7, 4)
	setK(3, 3)
}
