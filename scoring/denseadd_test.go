package scoring

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestAddAggregateKeepsEverySum: responses added one by one into a vector
// (an aggregate of each, AddAggregate) and turned back are the aggregate of
// all of them, less per-day and demographic counts; for both audiences
// sharing one layout, with items skipped, and from a layout that grows as
// it goes.
func TestAddAggregateKeepsEverySum(t *testing.T) {
	rng := rand.New(rand.NewPCG(38, 1))
	l := NewLayout()
	for _, audience := range Audiences {
		var d Dense
		all := NewAggregate()
		for range 40 {
			r := questionnaire.Default().SampleResponse(rng, audience, "2026", "u", "2026-11-27", 0.2)
			one := NewAggregate()
			one.Add(r)
			all.Add(r)
			var err error
			if d, err = l.AddAggregate(d, one, audience); err != nil {
				t.Fatal(err)
			}
		}
		want := withoutDays(all).WithoutDemo()
		if !reflect.DeepEqual(jsonOf(want), jsonOf(l.Aggregate(d))) {
			t.Fatalf("%s: the vector of 40 responses added one by one differs from their aggregate:\n got %s\nwant %s", audience, jsonOf(l.Aggregate(d)), jsonOf(want))
		}
	}
}

// TestAddAggregateRefusesAnotherAudiencesScale: a scale that is not one of
// the audience's is an error, not a slot.
func TestAddAggregateRefusesAnotherAudiencesScale(t *testing.T) {
	a := NewAggregate()
	a.Add(questionnaire.Default().SampleResponse(rand.New(rand.NewPCG(38, 2)), questionnaire.AudiencePublic, "2026", "u", "2026-11-27", 0))
	if _, err := NewLayout().AddAggregate(nil, a, questionnaire.AudienceASN); err == nil {
		t.Fatal("a public respondent's scales were added as an ASN group's")
	}
}
