package scoring

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// segmentPeople builds one ASN respondent per pattern: true answers every
// engagement item with 5, false at random.
func segmentPeople(rng *rand.Rand, atEnd ...bool) []*Aggregate {
	out := make([]*Aggregate, len(atEnd))
	for i, end := range atEnd {
		r := instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", "u", "2026-11-27", 0)
		if end {
			allFives(r)
		}
		out[i] = NewAggregate()
		out[i].Add(r)
	}
	return out
}

func sumOf(people []*Aggregate) *Aggregate {
	out := NewAggregate()
	for _, p := range people {
		out.Merge(p)
	}
	return out
}

// TestASetWorkedOutFromSegmentsAtAScaleEnd is the door issue 29 left: a
// set worked out from the segments and the chunks was kept to k people, but
// its mean was not seen. Segment a is 12 people: 5 released alone in one
// chunk, 7 — every engagement item 5 — in a chunk with b's 10. a less its
// chunk of 5 is the 7's engagement 100.0, and that chunk less b is the same
// 7: engagement goes from both segments, their implementation (at random)
// stays. With the 7 at random nothing goes; with a ledger that kept no
// means (chunks released before it did) the 7 are taken to be at an end.
func TestASetWorkedOutFromSegmentsAtAScaleEnd(t *testing.T) {
	for _, tc := range []struct {
		name       string
		sevenAtEnd bool
		keptMeans  bool
		want       Hidden
	}{
		{"seven at the end", true, true, HiddenAtScaleEnd},
		{"seven at random", false, true, ""},
		{"means not kept", false, false, HiddenAtScaleEnd},
	} {
		rng := rand.New(rand.NewPCG(29, 61))
		ends := make([]bool, 22)
		for i := 5; i < 12; i++ {
			ends[i] = tc.sevenAtEnd
		}
		people := segmentPeople(rng, ends...)
		cells := map[string]*Aggregate{"a": sumOf(people[:12]), "b": sumOf(people[12:])}
		means := func(chunk []*Aggregate) MeanSums {
			if !tc.keptMeans {
				return nil
			}
			return MeansOf(CountsOf(sumOf(chunk)))
		}
		steps := []SegmentStep{
			{ByAnswer: map[string]int64{"a": 5}, Shown: true, Means: means(people[:5])},
			{ByAnswer: map[string]int64{"a": 7, "b": 10}, Shown: true, Means: means(people[5:])},
		}
		hidden, err := SuppressSegments(map[string]int64{"a": 12, "b": 10}, steps, 5)
		if err != nil || len(hidden) != 0 {
			t.Fatalf("%s: hidden %v (%v); want every segment shown by its counts", tc.name, hidden, err)
		}
		out, err := SegmentFamiliesOut(cells, hidden, steps, 5)
		if err != nil {
			t.Fatal(err)
		}
		for _, answer := range []string{"a", "b"} {
			if got := out[answer][FamilyEngagement]; got != tc.want {
				t.Errorf("%s: segment %s's engagement out %q; want %q", tc.name, answer, got, tc.want)
			}
			if got := out[answer][FamilyImplementation]; got != "" && tc.keptMeans {
				t.Errorf("%s: segment %s's implementation (at random) out %q", tc.name, answer, got)
			}
		}
	}
}

// TestNoSetFromSegmentsPinsAFamily plays small random surveys of ASN
// respondents: most of those answering a, and a sixth of the others, answer
// every engagement item 5, the rest at random, and in a third of the
// surveys — stored before modules were fixed — a sixth skip the engagement
// module; they come in chunks of k or
// more, released where the store would release them (ReleaseDue) and left
// out otherwise, and are split into segments. After SuppressSegments and SegmentFamiliesOut, an attacker
// holding every chunk's engagement and every segment's shown engagement
// solves, by exact linear algebra over the people who answered, for every
// set of them: none of 1 … k − 1 may be worked out, and none of k … 2k − 1
// whose engagement (or a construct's) is exactly 0 or 100.
func TestNoSetFromSegmentsPinsAFamily(t *testing.T) {
	const cases = 300
	answers := []string{"a", "b", "c", NotStated}
	engaged := componentsOf(MeasureEngagement)
	showing := 0
	for seed := range uint64(cases) {
		rng := rand.New(rand.NewPCG(seed, 29))
		k := 3 + rng.IntN(2)
		n := 6 + rng.IntN(8)
		legacy := seed%3 == 0 // stored before modules were fixed: anyone may have skipped
		answerOf := make([]string, n)
		person := make([]*Aggregate, n)
		counts := make([]MeasureCounts, n)
		cells := map[string]*Aggregate{}
		for p := range n {
			r := instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", "u", "2026-11-27", 0)
			answerOf[p] = answers[min(rng.IntN(len(answers)+2), len(answers)-1)]
			atEnd := 1 // in six; those who answered a are mostly at the end
			if answerOf[p] == "a" {
				atEnd = 5
			}
			switch roll := rng.IntN(6); {
			case roll < atEnd:
				allFives(r)
			case roll == 5 && legacy:
				for id := range r.Answers.Scale {
					if strings.HasPrefix(id, ScaleEngagement+".") {
						delete(r.Answers.Scale, id)
					}
				}
			}
			person[p] = NewAggregate()
			person[p].Add(r)
			counts[p] = CountsOf(person[p])
			if cells[answerOf[p]] == nil {
				cells[answerOf[p]] = NewAggregate()
			}
			cells[answerOf[p]].Merge(person[p])
		}
		var chunks [][]int
		var steps []SegmentStep
		order := rng.Perm(n)
		for len(order) > 0 {
			size := min(len(order), k+rng.IntN(3))
			st := SegmentStep{ByAnswer: map[string]int64{}}
			var members []*Aggregate
			for _, p := range order[:size] {
				st.ByAnswer[answerOf[p]]++
				members = append(members, person[p])
			}
			// Released as the store would release it; a chunk it would hold
			// back is left out here, as a close leaves out what no pool takes.
			st.Means = MeansOf(CountsOf(sumOf(members)))
			if st.Shown = ReleaseDue(sumOf(members), nil, k); st.Shown {
				chunks = append(chunks, order[:size])
			}
			steps = append(steps, st)
			order = order[size:]
		}
		headCounts := map[string]int64{}
		for a, cell := range cells {
			headCounts[a] = cell.N
		}
		hidden, err := SuppressSegments(headCounts, steps, k)
		if err != nil {
			t.Fatal(err)
		}
		out, err := SegmentFamiliesOut(cells, hidden, steps, k)
		if err != nil {
			t.Fatal(err)
		}
		// The people behind engagement, and the sets the attacker knows.
		var answered []int
		for p := range n {
			if counts[p].N[engaged[len(engaged)-1]] > 0 {
				answered = append(answered, p)
			}
		}
		vector := func(in func(i, p int) bool) []*big.Rat {
			v := make([]*big.Rat, len(answered))
			for i, p := range answered {
				v[i] = new(big.Rat)
				if in(i, p) {
					v[i].SetInt64(1)
				}
			}
			return v
		}
		var known [][]*big.Rat
		for _, members := range chunks {
			in := map[int]bool{}
			for _, p := range members {
				in[p] = true
			}
			known = append(known, vector(func(_, p int) bool { return in[p] }))
		}
		shownAny := false
		for a, cell := range cells {
			if hidden[a] != "" {
				continue
			}
			s := SegmentFigures(questionnaire.AudienceASN, cell, k, instrument)
			s.LeaveOutFamilies(out[a])
			if s.Engagement != nil {
				shownAny = true
				known = append(known, vector(func(_, p int) bool { return answerOf[p] == a }))
			}
		}
		if shownAny {
			showing++
		}
		basis := echelon(known)
		for set := uint32(1); set < 1<<len(answered); set++ {
			size := bitsIn(set)
			if size >= 2*k || !inSpan(basis, vector(func(i, _ int) bool { return set&(1<<i) != 0 })) {
				continue
			}
			var sum wideCounts
			for i, p := range answered {
				if set&(1<<i) != 0 {
					sum.add(counts[p])
				}
			}
			if size < k {
				t.Fatalf("seed %d (k=%d): %d people's engagement can be worked out; answers %v, chunks %v, hidden %v, out %v",
					seed, k, size, answerOf, chunks, hidden, out)
			}
			for _, c := range engaged {
				if v := components[c].index(sum.N[c], sum.Sum[c]); sum.N[c] > 0 && (v == 0 || v == 100) {
					t.Fatalf("seed %d (k=%d): %d people's engagement part %d = %.1f can be worked out; answers %v, chunks %v, hidden %v, out %v",
						seed, k, size, c, v, answerOf, chunks, hidden, out)
				}
			}
		}
	}
	if showing < cases/3 {
		t.Fatalf("only %d of %d cases show any segment's engagement: the rule hides too much to be of use", showing, cases)
	}
}

func (w *wideCounts) add(c MeasureCounts) {
	for i := range c.N {
		w.N[i] += int64(c.N[i])
		w.Sum[i] += int64(c.Sum[i])
	}
}

// TestUnkeptChunksCountOnlyThePeopleInThem: where the ledger kept no means,
// a set is judged by its people. b has 22: 10 in a chunk with 11 of a, 10
// in a chunk alone, 2 in a residue left out. The chunks touching b less b's
// people in them are a's 11 — at least 2k, not at an end — though less all
// of b they would count 9.
func TestUnkeptChunksCountOnlyThePeopleInThem(t *testing.T) {
	steps := []SegmentStep{
		{ByAnswer: map[string]int64{"a": 5}, Shown: true},
		{ByAnswer: map[string]int64{"a": 11, "b": 10}, Shown: true},
		{ByAnswer: map[string]int64{"b": 10}, Shown: true},
		{ByAnswer: map[string]int64{"b": 2}},
	}
	c, err := newSegmentCheck(map[string]int64{"a": 16, "b": 22}, steps, 5)
	if err != nil {
		t.Fatal(err)
	}
	f := newFamilyCheck(c, foldLedger(c, steps), make([]MeasureCounts, 2), meanParts(MeasureEngagement))
	if why := f.leaks(1 << c.bit["b"]); why != "" {
		t.Fatalf("segment b against chunks whose means were not kept: %q; want nothing worked out under 2k", why)
	}
}
