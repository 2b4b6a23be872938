package scoring

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestSegmentsAgainstAChunkByHand: a unit released 5 employed people and one
// student in one chunk, and 5 students in another. "Employed" (5) minus
// nothing looks safe, but that chunk minus "employed" is the one student;
// "student" (6) minus the all-student chunk is the same person. Both hide.
func TestSegmentsAgainstAChunkByHand(t *testing.T) {
	counts := map[string]int64{"employed": 5, "student": 6}
	steps := []SegmentStep{
		{ByAnswer: map[string]int64{"employed": 5, "student": 1}, Shown: true},
		{ByAnswer: map[string]int64{"student": 5}, Shown: true},
	}
	hidden, err := SuppressSegments(counts, steps, 5)
	if err != nil {
		t.Fatal(err)
	}
	if hidden["employed"] != HiddenComplementary || hidden["student"] != HiddenComplementary {
		t.Fatalf("hidden = %v; want both hidden so that the one student cannot be worked out", hidden)
	}
	// The smallest segment of the fewest that leak hides: here "b" (b minus
	// its all-b chunk is one person), not "a", which is a chunk already and
	// hidden would hide nothing.
	hidden, err = SuppressSegments(map[string]int64{"a": 5, "b": 6, "d": 4}, []SegmentStep{
		{ByAnswer: map[string]int64{"a": 5}, Shown: true},
		{ByAnswer: map[string]int64{"b": 5}, Shown: true},
		{ByAnswer: map[string]int64{"b": 1, "d": 4}, Shown: true},
	}, 5)
	if err != nil || len(hidden) != 2 || hidden["b"] != HiddenComplementary || hidden["d"] != HiddenSmall {
		t.Fatalf("hidden = %v (%v); want b and d", hidden, err)
	}
	// Split the other way the chunks say nothing of one person: all show.
	steps[0].ByAnswer = map[string]int64{"employed": 3, "student": 3}
	steps[1].ByAnswer = map[string]int64{"employed": 2, "student": 3}
	if hidden, _ := SuppressSegments(counts, steps, 5); len(hidden) != 0 {
		t.Fatalf("hidden = %v; want none", hidden)
	}
}

// TestSegmentsLeftOutResidue: 3 respondents a close left out are all
// students. Showing every segment would give them away (all segments minus
// all chunks = those 3); hiding the smallest segment ("not stated", 7)
// leaves only sums that mix people in and out.
func TestSegmentsLeftOutResidue(t *testing.T) {
	counts := map[string]int64{"student": 8, "graduate": 10, NotStated: 7}
	steps := []SegmentStep{
		{ByAnswer: map[string]int64{"student": 2, "graduate": 5, NotStated: 3}, Shown: true},
		{ByAnswer: map[string]int64{"student": 3, "graduate": 5, NotStated: 4}, Shown: true},
		{ByAnswer: map[string]int64{"student": 3}, Shown: false},
	}
	hidden, err := SuppressSegments(counts, steps, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hidden) != 1 || hidden[NotStated] != HiddenComplementary {
		t.Fatalf("hidden = %v; want only \"not stated\" hidden", hidden)
	}
}

// TestNoSmallGroupFromSegments plays small random surveys: people with an
// answer each, released in chunks of k or more, a last residue left out.
// After suppression, no set of 1..k−1 people and no hidden segment is a
// rational combination of the chunks and the shown segments — checked by
// exact linear algebra over every such set, not by the rule's own
// arithmetic.
func TestNoSmallGroupFromSegments(t *testing.T) {
	answers := []string{"a", "b", "c", NotStated}
	showing := 0
	const cases = 2000
	for seed := range uint64(cases) {
		rng := rand.New(rand.NewPCG(seed, 77))
		k := 3 + rng.IntN(2)
		people := 6 + rng.IntN(9)
		answerOf := make([]string, people)
		counts := map[string]int64{}
		for p := range answerOf {
			answerOf[p] = answers[min(rng.IntN(len(answers)+2), len(answers)-1)] // skewed
			counts[answerOf[p]]++
		}
		var chunks [][]int // people per published chunk
		var steps []SegmentStep
		addStep := func(members []int, published bool) {
			st := SegmentStep{ByAnswer: map[string]int64{}, Shown: published}
			for _, p := range members {
				st.ByAnswer[answerOf[p]]++
			}
			steps = append(steps, st)
			if published {
				chunks = append(chunks, members)
			}
		}
		order := rng.Perm(people)
		for len(order) >= k {
			size := min(len(order), k+rng.IntN(3))
			addStep(order[:size], true)
			order = order[size:]
		}
		if len(order) > 0 {
			addStep(order, false)
		}
		hidden, err := SuppressSegments(counts, steps, k)
		if err != nil {
			t.Fatal(err)
		}
		var known [][]*big.Rat
		vector := func(in func(p int) bool) []*big.Rat {
			v := make([]*big.Rat, people)
			for p := range v {
				v[p] = new(big.Rat)
				if in(p) {
					v[p].SetInt64(1)
				}
			}
			return v
		}
		for _, members := range chunks {
			set := map[int]bool{}
			for _, p := range members {
				set[p] = true
			}
			known = append(known, vector(func(p int) bool { return set[p] }))
		}
		shownAny := false
		for _, a := range answers {
			if counts[a] > 0 && hidden[a] == "" {
				shownAny = true
				known = append(known, vector(func(p int) bool { return answerOf[p] == a }))
			}
		}
		if shownAny {
			showing++
		}
		basis := echelon(known)
		for _, a := range answers {
			if hidden[a] != "" && inSpan(basis, vector(func(p int) bool { return answerOf[p] == a })) {
				t.Errorf("seed %d (k=%d): hidden segment %q (%s, %d people) can be worked out", seed, k, a, hidden[a], counts[a])
			}
		}
		for set := uint32(1); set < 1<<people; set++ {
			size := bitsIn(set)
			if size >= k {
				continue
			}
			if inSpan(basis, vector(func(p int) bool { return set&(1<<p) != 0 })) {
				t.Fatalf("seed %d (k=%d): people %b can be worked out; answers %v, chunks %v, hidden %v",
					seed, k, set, answerOf, chunks, hidden)
			}
		}
	}
	if showing < cases/3 {
		t.Fatalf("only %d of %d cases show any segment: the rule hides too much to be of use", showing, cases)
	}
}

func bitsIn(x uint32) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// echelon reduces vectors to a basis in row echelon form (exact).
func echelon(rows [][]*big.Rat) [][]*big.Rat {
	var basis [][]*big.Rat
	for _, r := range rows {
		if v := reduce(basis, r); v != nil {
			basis = append(basis, v)
		}
	}
	return basis
}

// reduce takes the basis out of v, pivot by pivot in the order the basis
// was built (each vector is zero at the pivots before its own); nil when
// nothing is left.
func reduce(basis [][]*big.Rat, v []*big.Rat) []*big.Rat {
	out := make([]*big.Rat, len(v))
	for i := range v {
		out[i] = new(big.Rat).Set(v[i])
	}
	for _, b := range basis {
		pivot := leading(b)
		if out[pivot].Sign() == 0 {
			continue
		}
		f := new(big.Rat).Quo(out[pivot], b[pivot])
		for i := range out {
			out[i].Sub(out[i], new(big.Rat).Mul(f, b[i]))
		}
	}
	if leading(out) < 0 {
		return nil
	}
	return out // zero at every earlier pivot: its leading entry is a new one
}

func leading(v []*big.Rat) int {
	for i, x := range v {
		if x.Sign() != 0 {
			return i
		}
	}
	return -1
}

func inSpan(basis [][]*big.Rat, v []*big.Rat) bool { return reduce(basis, v) == nil }
