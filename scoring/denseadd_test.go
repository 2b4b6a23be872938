package scoring

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestAddResponseIsAggregateAdd: responses added one by one into a vector
// and turned back are their Aggregate, less per-day and demographic counts;
// for both audiences sharing one layout that grows as it goes, with items
// skipped (so some scales, modules and derived counts are left out).
func TestAddResponseIsAggregateAdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(38, 1))
	l := NewLayout()
	for _, skip := range []float64{0, 0.05, 0.3} {
		for _, audience := range Audiences {
			var d Dense
			all := NewAggregate()
			for range 60 {
				r := questionnaire.Default().SampleResponse(rng, audience, "2026", "u", "2026-11-27", skip)
				all.Add(r)
				var err error
				if d, err = l.AddResponse(d, r); err != nil {
					t.Fatal(err)
				}
			}
			want := withoutDays(all).WithoutDemo()
			if got := l.Aggregate(d); !reflect.DeepEqual(jsonOf(want), jsonOf(got)) {
				t.Fatalf("%s, skip %v: 60 responses added to a vector differ from their aggregate:\n got %s\nwant %s", audience, skip, jsonOf(got), jsonOf(want))
			}
		}
	}
}
