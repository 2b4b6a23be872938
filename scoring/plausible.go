package scoring

import (
	"fmt"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// Plausible reports the first way in which a of the given audience could not
// be the sum of real responses: a count below zero or above its respondents,
// an item sum outside what its scale allows, moments that no set of numbers
// has. The national view leaves such a record out rather than let a faulty
// or hostile agency server bend the figures.
func (a *Aggregate) Plausible(audience string) error {
	if a.N < 0 {
		return fmt.Errorf("%d respondents", a.N)
	}
	within := func(what string, n, max int64) error {
		if n < 0 || n > max {
			return fmt.Errorf("%s is %d of %d", what, n, max)
		}
		return nil
	}
	var days int64
	for d, n := range a.ByDay {
		if err := within("day "+d, n, a.N); err != nil {
			return err
		}
		days += n
	}
	if len(a.ByDay) > 0 && days != a.N {
		return fmt.Errorf("days add up to %d of %d respondents", days, a.N)
	}
	for _, def := range ScaleDefs[audience] {
		if err := a.Scales[def.Name].plausible(def, a.N); err != nil {
			return fmt.Errorf("scale %s: %w", def.Name, err)
		}
	}
	for name := range a.Scales {
		if !hasScale(audience, name) {
			return fmt.Errorf("scale %s is not one of the %s audience", name, audience)
		}
	}
	for q, voters := range a.Voters {
		if err := within("voters of "+q, voters, a.N); err != nil {
			return err
		}
		picks := int64(questionnaire.ValuesPick)
		if q == questionnaire.ItemBrandReasons {
			picks = questionnaire.MaxReasons
		}
		var votes int64
		for id, n := range a.Votes[q] {
			if err := within(q+" votes for "+id, n, voters); err != nil {
				return err
			}
			votes += n
		}
		if votes > picks*voters {
			return fmt.Errorf("%d votes from %d voters on %s", votes, voters, q)
		}
	}
	for _, m := range []struct {
		what   string
		m      Moments
		lo, hi int64
	}{
		{"overlap personal–current", a.OverlapPC, 0, questionnaire.ValuesPick},
		{"overlap current–desired", a.OverlapCD, 0, questionnaire.ValuesPick},
		{"employer branding", a.Branding, 12 + 4*3, 12*5 + 4*3*5},
	} {
		if err := m.m.plausible(m.lo, m.hi, a.N); err != nil {
			return fmt.Errorf("%s: %w", m.what, err)
		}
	}
	var engaged int64 // respondents with all nine engagement items
	if eng := a.Scales[ScaleEngagement]; eng != nil {
		engaged = eng.Total.N
	}
	if classes := a.Engaged + a.NotEngaged + a.Disengaged; a.Engaged < 0 || a.NotEngaged < 0 || a.Disengaged < 0 || classes != engaged {
		return fmt.Errorf("engagement classes hold %d of %d", classes, engaged)
	}
	for id, r := range a.Recommend {
		if err := within("answers to "+id, r.N, a.N); err != nil {
			return err
		}
		if r.Promoters < 0 || r.Detractors < 0 || r.Promoters+r.Detractors > r.N {
			return fmt.Errorf("%s: %d promoters and %d detractors of %d", id, r.Promoters, r.Detractors, r.N)
		}
	}
	for what, s := range map[string]Share{"retention": a.Stay, "high intention": a.HighIntention} {
		if err := within(what, s.N, a.N); err != nil {
			return err
		}
		if err := within(what+" yes", s.Yes, s.N); err != nil {
			return err
		}
	}
	return nil
}

func hasScale(audience, name string) bool {
	for _, def := range ScaleDefs[audience] {
		if def.Name == name {
			return true
		}
	}
	return false
}

// plausible checks a scale's sums against its answer range.
func (s *Scale) plausible(def ScaleDef, respondents int64) error {
	if s == nil {
		return nil
	}
	n := s.Total.N
	if n < 0 || n > respondents {
		return fmt.Errorf("%d complete of %d respondents", n, respondents)
	}
	if n > 0 && (len(s.ItemSum) != len(def.Items) || len(s.ItemSumSq) != len(def.Items)) {
		return fmt.Errorf("%d items, the scale has %d", len(s.ItemSum), len(def.Items))
	}
	lo, hi := int64(def.Min), int64(def.Max)
	for i := range s.ItemSum {
		if err := (Moments{N: n, Sum: s.ItemSum[i], SumSq: s.ItemSumSq[i]}).plausible(lo, hi, n); err != nil {
			return fmt.Errorf("item %d: %w", i+1, err)
		}
	}
	k := int64(len(def.Items))
	return s.Total.plausible(k*lo, k*hi, n)
}

// plausible checks moments of values in lo..hi: n within the respondents,
// the sum within n·lo..n·hi, the sum of squares between sum²/n (no spread)
// and what values at the ends would give.
func (m Moments) plausible(lo, hi, respondents int64) error {
	switch {
	case m.N < 0 || m.N > respondents:
		return fmt.Errorf("%d of %d respondents", m.N, respondents)
	case m.N == 0 && (m.Sum != 0 || m.SumSq != 0):
		return fmt.Errorf("sums without respondents")
	case m.N == 0:
		return nil
	case m.Sum < m.N*lo || m.Sum > m.N*hi:
		return fmt.Errorf("sum %d outside %d..%d", m.Sum, m.N*lo, m.N*hi)
	case m.SumSq*m.N < m.Sum*m.Sum:
		return fmt.Errorf("sum of squares %d below what sum %d allows", m.SumSq, m.Sum)
	case m.SumSq > m.N*max(lo*lo, hi*hi):
		return fmt.Errorf("sum of squares %d above what values up to %d allow", m.SumSq, hi)
	}
	return nil
}
