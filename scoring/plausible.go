package scoring

import (
	"fmt"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// MaxRespondents is the most respondents any one set of sums may hold: more
// than the whole civil service (4.3 million ASN) and any unit's public. It
// also keeps every product the checks below form (counts times squares of
// answers of at most 120) well inside int64, so a hostile record cannot
// overflow its way past them.
const MaxRespondents = 10_000_000

// Plausible reports the first way in which a of the given audience could not
// be the sum of real responses (Layout.Read checks the same on the records
// the national view reads).
func (a *Aggregate) Plausible(audience string) error {
	_, err := NewLayout().Read(EncodeAggregate(a), audience, nil)
	return err
}

// plausible reports the first way in which d of the given audience could not
// be the sum of real responses: a count below zero or above its respondents,
// an item sum outside what its scale allows, moments that no set of numbers
// has. The national view leaves such a record out rather than let a faulty
// or hostile agency server bend the figures. Called with l.mu held.
func (l *Layout) plausible(d Dense, audience string) error {
	n := d.N()
	if n < 0 || n > MaxRespondents {
		return fmt.Errorf("%d respondents", n)
	}
	// Checked first, worded only on failure: a national tree reads tens of
	// thousands of records.
	outside := func(v, max int64) bool { return v < 0 || v > max }
	for _, def := range ScaleDefs[audience] {
		if s, ok := l.scales[def.Name]; ok {
			view := &Scale{ItemSum: d.span(s.base, s.items), ItemSumSq: d.span(s.base+s.items, s.items),
				Total: d.moments(s.base + 2*s.items)}
			if err := view.plausible(def, n); err != nil {
				return fmt.Errorf("scale %s: %w", def.Name, err)
			}
		}
	}
	for _, v := range l.voterList {
		if voters := d.at(v.slot); outside(voters, n) {
			return fmt.Errorf("voters of %s are %d of %d", v.name, voters, n)
		}
	}
	for _, q := range l.qList {
		var voters, votes int64
		if slot, ok := l.voters[q.name]; ok {
			voters = d.at(slot)
		}
		for _, v := range q.ids {
			if outside(d.at(v.slot), voters) {
				return fmt.Errorf("%s votes for %s are %d of %d", q.name, v.name, d.at(v.slot), voters)
			}
			votes += d.at(v.slot)
		}
		picks := int64(questionnaire.ValuesPick)
		if q.name == questionnaire.ItemBrandReasons {
			picks = questionnaire.MaxReasons
		}
		if votes > picks*voters {
			return fmt.Errorf("%d votes from %d voters on %s", votes, voters, q.name)
		}
	}
	for _, m := range []struct {
		what   string
		m      Moments
		lo, hi int64
	}{
		{"overlap personal–current", d.moments(slotOverlapPC), 0, questionnaire.ValuesPick},
		{"overlap current–desired", d.moments(slotOverlapCD), 0, questionnaire.ValuesPick},
		{"employer branding", d.moments(slotBranding), 12 + 4*3, 12*5 + 4*3*5},
		{"limiting values picked", d.moments(slotLimiting), 0, questionnaire.ValuesPick},
	} {
		if err := m.m.plausible(m.lo, m.hi, n); err != nil {
			return fmt.Errorf("%s: %w", m.what, err)
		}
	}
	var current int64 // only respondents who picked today's values count their limiting ones
	if slot, ok := l.voters[questionnaire.ItemValuesCurrent]; ok {
		current = d.at(slot)
	}
	if limiting := d.at(slotLimiting); limiting > current {
		return fmt.Errorf("limiting values counted for %d respondents, of %d who picked today's values", limiting, current)
	}
	var engaged int64 // respondents with all nine engagement items
	if s, ok := l.scales[ScaleEngagement]; ok {
		engaged = d.at(s.base + 2*s.items)
	}
	e, ne, de := d.at(slotEngaged), d.at(slotNotEngaged), d.at(slotDisengaged)
	if outside(e, n) || outside(ne, n) || outside(de, n) || e+ne+de != engaged {
		return fmt.Errorf("engagement classes hold %d of %d", e+ne+de, engaged)
	}
	for _, r := range l.recList {
		answered, promoters, detractors := d.at(r.slot), d.at(r.slot+1), d.at(r.slot+2)
		if outside(answered, n) || outside(promoters, answered) || outside(detractors, answered) || promoters+detractors > answered {
			return fmt.Errorf("%s: %d promoters and %d detractors of %d answers from %d respondents", r.name, promoters, detractors, answered, n)
		}
	}
	for _, p := range l.driverList {
		if err := d.pair(p.slot).plausible(p.name, audience, n); err != nil {
			return fmt.Errorf("driver %s: %w", p.name, err)
		}
	}
	for _, share := range []struct {
		what string
		slot int
	}{{"retention", slotStay}, {"high intention", slotHighIntention}} {
		asked, yes := d.at(share.slot), d.at(share.slot+1)
		if outside(asked, n) || outside(yes, asked) {
			return fmt.Errorf("%s: %d yes of %d asked of %d respondents", share.what, yes, asked, n)
		}
	}
	return nil
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
	// The upper bound first: with N, Sum and SumSq bounded, the products
	// of the lower one cannot overflow.
	case m.SumSq < 0 || m.SumSq > m.N*max(lo*lo, hi*hi):
		return fmt.Errorf("sum of squares %d above what values up to %d allow", m.SumSq, hi)
	case m.SumSq*m.N < m.Sum*m.Sum:
		return fmt.Errorf("sum of squares %d below what sum %d allows", m.SumSq, m.Sum)
	}
	return nil
}

// plausible checks a driver's pair: only ASN respondents have one, each
// quantity's moments within its range, the cross sum between what values at
// the ends allow and within what the two spreads allow (Cauchy–Schwarz).
func (p Pair) plausible(key, audience string, respondents int64) error {
	if p == (Pair{}) {
		return nil
	}
	target, _, _ := splitDriverKey(key)
	if audience != questionnaire.AudienceASN {
		return fmt.Errorf("the %s audience answers no implementation items", audience)
	}
	yLo, yHi := int64(9), int64(45) // the nine engagement items' total
	if target == TargetStay {
		yLo, yHi = 1, 5
	}
	if err := (Moments{N: p.N, Sum: p.SumX, SumSq: p.SumX2}).plausible(3, 15, respondents); err != nil {
		return fmt.Errorf("value total: %w", err)
	}
	if err := (Moments{N: p.N, Sum: p.SumY, SumSq: p.SumY2}).plausible(yLo, yHi, respondents); err != nil {
		return fmt.Errorf("%s: %w", target, err)
	}
	if p.SumXY < p.N*3*yLo || p.SumXY > p.N*15*yHi {
		return fmt.Errorf("cross sum %d outside %d..%d", p.SumXY, p.N*3*yLo, p.N*15*yHi)
	}
	n := float64(p.N)
	sxy := n*float64(p.SumXY) - float64(p.SumX)*float64(p.SumY)
	sxx := n*float64(p.SumX2) - float64(p.SumX)*float64(p.SumX)
	syy := n*float64(p.SumY2) - float64(p.SumY)*float64(p.SumY)
	if sxy*sxy > sxx*syy*(1+1e-9)+1e-6 {
		return fmt.Errorf("cross sum %d beyond what the spreads allow", p.SumXY)
	}
	return nil
}
