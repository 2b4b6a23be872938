package scoring

import (
	"slices"
)

// AddAggregate adds a's sums into d, numbering in the layout what it has not
// met, and returns d: all of a but its per-day and demographic counts,
// which a vector does not hold (Aggregate turns it back). An import keeps
// each group's running sums so, a vector with no pointers for the garbage
// collector to follow, where an Aggregate is a dozen maps (BENCHMARKS.md,
// issue 38). audience is a's, whose scales its scales must be.
func (l *Layout) AddAggregate(d Dense, a *Aggregate, audience string) (Dense, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	add := func(slot int, v int64) {
		if slot >= len(d) {
			d = append(d, make(Dense, slot+1-len(d))...)
		}
		d[slot] += v
	}
	addMoments := func(slot int, m Moments) {
		add(slot, m.N)
		add(slot+1, m.Sum)
		add(slot+2, m.SumSq)
	}
	add(slotN, a.N)
	for name, s := range a.Scales {
		slots, err := l.scaleOf([]byte(name), len(s.ItemSum), audience)
		if err != nil {
			return nil, err
		}
		for i := range s.ItemSum {
			add(slots.base+i, s.ItemSum[i])
			add(slots.base+slots.items+i, s.ItemSumSq[i])
		}
		addMoments(slots.base+2*slots.items, s.Total)
	}
	for q, n := range a.Voters {
		slot, err := l.slotOf(l.voters, &l.voterList, []byte(q), 1)
		if err != nil {
			return nil, err
		}
		add(slot, n)
	}
	for name, votes := range a.Votes {
		q, err := l.questionOf([]byte(name))
		if err != nil {
			return nil, err
		}
		ids := make([][]byte, 0, len(votes))
		for id := range votes {
			ids = append(ids, []byte(id))
		}
		slices.SortFunc(ids, func(x, y []byte) int { return slices.Compare(x, y) }) // as a record lists them
		slots, err := l.voteSlots(q, ids)
		if err != nil {
			return nil, err
		}
		for i, slot := range slots {
			add(slot, votes[string(ids[i])])
		}
	}
	addMoments(slotOverlapPC, a.OverlapPC)
	addMoments(slotOverlapCD, a.OverlapCD)
	add(slotEngaged, a.Engaged)
	add(slotNotEngaged, a.NotEngaged)
	add(slotDisengaged, a.Disengaged)
	for id, nps := range a.Recommend {
		base, err := l.slotOf(l.recommend, &l.recList, []byte(id), 3)
		if err != nil {
			return nil, err
		}
		add(base, nps.N)
		add(base+1, nps.Promoters)
		add(base+2, nps.Detractors)
	}
	add(slotStay, a.Stay.N)
	add(slotStay+1, a.Stay.Yes)
	addMoments(slotBranding, a.Branding)
	add(slotHighIntention, a.HighIntention.N)
	add(slotHighIntention+1, a.HighIntention.Yes)
	addMoments(slotLimiting, a.Limiting)
	for key, p := range a.Drivers {
		base, err := l.slotOf(l.drivers, &l.driverList, []byte(key), pairSlots)
		if err != nil {
			return nil, err
		}
		for i, v := range []int64{p.N, p.SumX, p.SumX2, p.SumY, p.SumY2, p.SumXY} {
			add(base+i, v)
		}
	}
	return d, nil
}
