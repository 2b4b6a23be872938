package national

import (
	"fmt"
	"math/rand/v2"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// Synthetic makes the unit records of a made-up nation — agencies × units,
// each agency a root unit with the others under it — to size a national
// server before a survey year (`simulate national`) and to benchmark the
// national view. Every figure is a sum of generated sample responses, so
// every record passes the national view's checks.
type Synthetic struct {
	survey          string
	agencies, units int
	pool            map[string][]*scoring.Aggregate // audience → chunks of at least k respondents
	chunks          [][]int                         // [agency][unit] → chunks released so far
	pending         [][]int                         // [agency][unit] → respondents not yet in a chunk
}

// syntheticPool is how many distinct chunks records are made of.
const syntheticPool = 48

// syntheticK is the minimum group size the made-up agencies release by:
// every chunk has 5 to 12 respondents.
const syntheticK = 5

// NewSynthetic prepares agencies × units records of a survey; each unit
// starts with one released chunk of ASN respondents, every fifth with one of
// the public too.
func NewSynthetic(in *questionnaire.Instrument, survey string, agencies, units int, seed uint64) *Synthetic {
	rng := rand.New(rand.NewPCG(seed, seed))
	s := &Synthetic{survey: survey, agencies: agencies, units: units, pool: map[string][]*scoring.Aggregate{}}
	for _, audience := range scoring.Audiences {
		for range syntheticPool {
			a := scoring.NewAggregate()
			for range syntheticK + rng.IntN(8) {
				// Every item answered, as the default instrument requires:
				// agencies store only valid responses, whose scales of one
				// module all count the same respondents.
				a.Add(in.SampleResponse(rng, audience, survey, "u", "2026-11-27", 0))
			}
			s.pool[audience] = append(s.pool[audience], a.WithoutDemo()) // as released

		}
	}
	s.chunks, s.pending = make([][]int, agencies), make([][]int, agencies)
	for a := range agencies {
		s.chunks[a], s.pending[a] = make([]int, units), make([]int, units)
		for u := range units {
			s.chunks[a][u] = 1
		}
	}
	return s
}

// Agency is the id of agency a (0-based).
func (s *Synthetic) Agency(a int) string { return fmt.Sprintf("ag%04d", a) }

// Unit is the id of unit u of an agency: unit 0 is the root.
func (s *Synthetic) Unit(u int) string {
	if u == 0 {
		return "root"
	}
	return fmt.Sprintf("u%03d", u)
}

// Size is the number of agencies and of units per agency.
func (s *Synthetic) Size() (agencies, units int) { return s.agencies, s.units }

// Key is the bucket key of unit u of agency a.
func (s *Synthetic) Key(a, u int) string {
	path := []string{"root"}
	if u > 0 {
		path = append(path, s.Unit(u))
	}
	return Key(s.survey, s.Agency(a), path)
}

// Record is the bucket key and value of unit u of agency a as it stands.
func (s *Synthetic) Record(a, u int) (key string, value []byte) {
	agency, unit := s.Agency(a), s.Unit(u)
	rec := UnitRecord{Agency: agency, Unit: unit, Name: fmt.Sprintf("Unit %d", u), Headcount: s.headcount(a, u),
		K: syntheticK, Aggregates: map[string][]byte{}, Counts: map[string]map[string]int64{}}
	if u == 0 {
		rec.Name = fmt.Sprintf("Instansi %d", a)
	} else {
		rec.Parent = "root"
	}
	for i, audience := range scoring.Audiences {
		if audience == questionnaire.AudiencePublic && (a+u)%5 != 0 {
			continue
		}
		chunk := scoring.NewAggregate()
		for c := range s.chunks[a][u] {
			chunk.Merge(s.pool[audience][(a*31+u*17+c+i)%syntheticPool])
		}
		rec.Aggregates[audience] = scoring.EncodeAggregate(chunk)
		// The share chunks: an agency's stand within 2k of its chunks, so
		// the made-up nation carries the whole chunk again.
		if rec.Shares == nil {
			rec.Shares = map[string][]byte{}
		}
		rec.Shares[audience] = scoring.EncodeAggregate(scoring.ShareSums(chunk))
		counts := map[string]int64{}
		for day, n := range chunk.ByDay {
			counts[day] = n
		}
		if audience == questionnaire.AudienceASN {
			counts["2026-11-27"] += int64(s.pending[a][u])
		}
		rec.Counts[audience] = counts
	}
	return s.Key(a, u), EncodeRecord(rec)
}

// headcount is a unit's staff with its sub-units': a root counts its
// agency's.
func (s *Synthetic) headcount(a, u int) int {
	own := func(u int) int { return 40 + (a*7+u*13)%60 }
	if u > 0 {
		return own(u)
	}
	total := 0
	for v := range s.units {
		total += own(v)
	}
	return total
}

// Respond counts one more ASN respondent at unit u of agency a; every fifth
// makes a new chunk released, as an agency server releases figures in steps
// of k. It returns the unit's record as it now stands.
func (s *Synthetic) Respond(a, u int) (key string, value []byte) {
	s.pending[a][u]++
	if s.pending[a][u] == 5 {
		s.pending[a][u] = 0
		s.chunks[a][u]++
	}
	return s.Record(a, u)
}
