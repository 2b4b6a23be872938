package scoring

import (
	"slices"
	"strings"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// AddResponse adds one response into d, numbering in the layout what it has
// not met, and returns d: what Aggregate.Add counts but the per-day and
// demographic counts, which a vector does not hold (Aggregate turns it
// back). An import keeps each group's running sums so: a vector has no
// pointers for the garbage collector to follow, where an Aggregate is a
// dozen maps, and a response goes straight into it, with no aggregate of its
// own to build and walk (BENCHMARKS.md, issue 38). The response must be
// valid for its instrument, as for Add.
func (l *Layout) AddResponse(d Dense, r *questionnaire.Response) (Dense, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	add := func(slot int, v int64) {
		if slot >= len(d) {
			d = append(d, make(Dense, slot+1-len(d))...)
		}
		d[slot] += v
	}
	addMoment := func(slot int, x int64) {
		add(slot, 1)
		add(slot+1, x)
		add(slot+2, x*x)
	}
	add(slotN, 1)
	scale := r.Answers.Scale
	defs := ScaleDefs[r.Audience]
	totals := make([]int64, len(defs))
	answered := make([]bool, len(defs))
	for i, def := range defs {
		if !allAnswered(def, scale) {
			continue
		}
		slots, err := l.scaleOf([]byte(def.Name), len(def.Items), r.Audience)
		if err != nil {
			return nil, err
		}
		for j, id := range def.Items {
			x := int64(scale[id])
			add(slots.base+j, x)
			add(slots.base+slots.items+j, x*x)
			totals[i] += x
		}
		answered[i] = true
		addMoment(slots.base+2*slots.items, totals[i])
	}
	total := func(name string) (int64, bool) {
		i, ok := scaleIndex[r.Audience][name]
		if !ok || !answered[i] {
			return 0, false
		}
		return totals[i], true
	}
	for q, picks := range r.Answers.Picks {
		slot, err := l.slotOf(l.voters, &l.voterList, []byte(q), 1)
		if err != nil {
			return nil, err
		}
		add(slot, 1)
		question, err := l.questionOf([]byte(q))
		if err != nil {
			return nil, err
		}
		for _, id := range picks {
			slot, err := l.voteSlot(question, id)
			if err != nil {
				return nil, err
			}
			add(slot, 1)
		}
	}
	if n, ok := overlapPC(r.Answers.Picks); ok {
		addMoment(slotOverlapPC, n)
	}
	if n, ok := overlapCD(r.Answers.Picks); ok {
		addMoment(slotOverlapCD, n)
	}
	if n, ok := questionnaire.LimitingPicked(r); ok {
		addMoment(slotLimiting, int64(n))
	}
	engagement, hasEngagement := total(ScaleEngagement)
	if hasEngagement {
		add(slotEngaged+engagementClass(engagement), 1) // the three classes' slots follow one another
	}
	for _, id := range recommendations {
		v, ok := scale[id]
		if !ok {
			continue
		}
		base, err := l.slotOf(l.recommend, &l.recList, []byte(id), 3)
		if err != nil {
			return nil, err
		}
		add(base, 1)
		switch {
		case promoter(v):
			add(base+1, 1)
		case detractor(v):
			add(base+2, 1)
		}
	}
	stay, hasStay := scale[questionnaire.ItemEngStay]
	if hasStay {
		add(slotStay, 1)
		if stays(stay) {
			add(slotStay+1, 1)
		}
	}
	intent, hasIntent := total(ScaleIntention)
	if hasIntent {
		add(slotHighIntention, 1)
		if highIntent(intent) {
			add(slotHighIntention+1, 1)
		}
	}
	if attr, ok := total(ScaleAttractiveness); ok && hasIntent {
		addMoment(slotBranding, brandingComposite(attr, intent))
	}
	addPair := func(key string, x, y int64) error { // a Pair's sums: N, ΣX, ΣX², ΣY, ΣY², ΣXY
		base, err := l.slotOf(l.drivers, &l.driverList, []byte(key), pairSlots)
		if err != nil {
			return err
		}
		for j, v := range [pairSlots]int64{1, x, x * x, y, y * y, x * y} {
			add(base+j, v)
		}
		return nil
	}
	for i := range questionnaire.CoreValues {
		x, ok := total(valueScales[i])
		if !ok {
			continue
		}
		if hasEngagement {
			if err := addPair(driverKeys[TargetEngagement][i], x, engagement); err != nil {
				return nil, err
			}
		}
		if hasStay {
			if err := addPair(driverKeys[TargetStay][i], x, int64(stay)); err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

// allAnswered reports whether a response answered every item of a scale:
// only then does the scale count it.
func allAnswered(def ScaleDef, answers map[string]int) bool {
	for _, id := range def.Items {
		if _, ok := answers[id]; !ok {
			return false
		}
	}
	return true
}

// scaleIndex numbers each audience's scales by name, as ScaleDefs lists
// them.
var scaleIndex = func() map[string]map[string]int {
	out := map[string]map[string]int{}
	for audience, defs := range ScaleDefs {
		out[audience] = map[string]int{}
		for i, def := range defs {
			out[audience][def.Name] = i
		}
	}
	return out
}()

// voteSlot is the slot of one entry of a question, numbered if new; l.mu is
// held for reading.
func (l *Layout) voteSlot(q *voteQuestion, id string) (int, error) {
	if at, found := slices.BinarySearchFunc(q.ids, id, func(e namedSlot, t string) int { return strings.Compare(e.name, t) }); found {
		return q.ids[at].slot, nil
	}
	slots, err := l.voteSlots(q, [][]byte{[]byte(id)})
	if err != nil {
		return 0, err
	}
	return slots[0], nil
}
