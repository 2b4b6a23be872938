package db

import (
	"errors"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/codes"
)

// A survey made by mistake, unused, is removed, and its id can be made
// again and used; a survey holding a response, a code or a plan, or the
// database's only one, is refused and kept as it was.
func TestOnlyAnUnusedSurveyIsRemoved(t *testing.T) {
	s := openTemp(t)
	make := func(id string) {
		t.Helper()
		if err := s.SaveSurvey(DefaultSurvey(id)); err != nil {
			t.Fatal(err)
		}
	}
	refused := func(id, want string) {
		t.Helper()
		err := s.RemoveSurvey(id)
		if !errors.Is(err, ErrSurveyInUse) || !strings.Contains(err.Error(), want) {
			t.Errorf("removing survey %s: %v; want it refused for its %s", id, err, want)
		}
		if _, found, _ := s.Survey(id); !found {
			t.Errorf("a refused removal took survey %s", id)
		}
	}

	if err := s.RemoveSurvey("1999"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("removing a survey that does not exist: %v", err)
	}
	refused("2026", "only survey")

	make("2072") // 2027 mistyped, even closed before anyone noticed
	closed, _, _ := s.Survey("2072")
	closed.Open = false
	if err := s.SaveSurvey(closed); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveSurvey("2072"); err != nil {
		t.Fatalf("removing an unused survey: %v", err)
	}
	if latest, err := s.LatestSurvey(); err != nil || latest.ID != "2026" {
		t.Errorf("after removing 2072 the latest survey is %+v (%v)", latest, err)
	}
	make("2072") // made again, it starts empty and takes a response
	r := sampleResponse()
	r.Survey = "2072"
	if err := s.SaveResponse(r); err != nil {
		t.Fatal(err)
	}
	refused("2072", "responses")

	make("2027")
	cs, _ := codes.Generate(nil, 2)
	if err := s.AddCodes("2027", map[string][]string{RootUnitID: cs}); err != nil {
		t.Fatal(err)
	}
	refused("2027", "participation codes")

	make("2028")
	area := FocusArea{Focus: "adaptif", Reason: ReasonOther, Actions: "Pelatihan", Owner: "Kepala Bagian Umum", Due: "2029-03"}
	if err := s.AddFocus("2028", RootUnitID, area, "2028-12-01"); err != nil {
		t.Fatal(err)
	}
	refused("2028", "plans")

	if n, err := s.CountResponses(); err != nil || n != 1 {
		t.Errorf("the database holds %d responses (%v); want the one", n, err)
	}
}
