package db

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// An audience's modules are fixed once it has responses: changing them is
// refused with the reason, whoever asks; the other audience, still without
// responses, may change.
func TestModulesAreFixedOnceAnsweredByTheirAudience(t *testing.T) {
	s := openTemp(t)
	sv, _, err := s.Survey("2026")
	if err != nil {
		t.Fatal(err)
	}
	sv.Modules["asn"] = []string{"implementation", "values"}
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatalf("changing modules before any response: %v", err)
	}
	rng := rand.New(rand.NewPCG(30, 5))
	if err := s.SaveResponse(questionnaire.Default().SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0)); err != nil {
		t.Fatal(err)
	}
	sv.Modules["asn"] = []string{"implementation", "values", "engagement"}
	if err := s.SaveSurvey(sv); !errors.Is(err, ErrModulesFixed) {
		t.Fatalf("adding engagement after an ASN response: %v", err)
	}
	sv.Modules["asn"] = []string{"values", "implementation"} // the same set
	sv.Modules["public"] = []string{"branding"}
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatalf("the same ASN modules in another order, the public's changed: %v", err)
	}
}
