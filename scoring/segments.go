package scoring

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// Segments (docs/METHODOLOGY.md, "Segments") split an audience's
// respondents by their answer to one demographic question. The respondents
// are also in the chunks the releases showed, which anyone who watched
// the figures knows one by one. A segment figure minus the chunks that lie
// wholly inside it, or the chunks that touch it minus the segment, can then
// leave a handful of people: that is the leak this file prevents.
//
// The arithmetic: every figure known is a chunk (steps) or a shown segment.
// A set of people an attacker can isolate is a difference of the two kinds
// with every person counted once. Such a set is, for some set Y of shown
// segments, either
//   - the people of the chunks touching Y who are not in Y (only when no
//     respondent of Y is in a residue left out of the figures), or
//   - the people of Y who are not in a chunk lying wholly inside Y,
//
// or a disjoint union of such sets. So it is enough that, for every Y, both
// counts are 0 or at least k (TestNoSmallGroupFromSegments checks this
// claim by brute force on small cases).

// NotStated names the segment of respondents who left the question out.
const NotStated = ""

// SegmentStep is one chunk of the release ledger seen through one
// question: its respondents per answer (NotStated included).
type SegmentStep struct {
	ByAnswer map[string]int64
	// Shown: the chunk is in the figures; otherwise it is a residue a
	// close left out, which no figure holds.
	Shown bool
	// Means are the chunk's means' counts and sums (nil: the ledger did
	// not keep them, for a chunk released before it did).
	Means MeanSums
}

// SegmentStepOf reads a ledger chunk's demographic counts for one question,
// with its means (nil where the ledger kept none).
func SegmentStepOf(n int64, demo map[string]int64, means MeanSums, item string, shown bool) (SegmentStep, error) {
	st := SegmentStep{ByAnswer: map[string]int64{}, Shown: shown, Means: means}
	stated := int64(0)
	prefix := item + "="
	for key, c := range demo {
		if len(key) > len(prefix) && key[:len(prefix)] == prefix {
			st.ByAnswer[key[len(prefix):]] += c
			stated += c
		}
	}
	if stated > n || stated < 0 {
		return st, fmt.Errorf("a chunk of %d respondents counts %d answers to %s", n, stated, item)
	}
	if n > stated {
		st.ByAnswer[NotStated] = n - stated
	}
	return st, nil
}

// SuppressSegments decides which segments show: counts holds each answer's
// respondents (NotStated included), steps the ledger. It returns the hidden
// answers with their reason (as for units: HiddenSmall, HiddenComplementary).
// Segments below k are hidden; then, while some set of shown segments lets
// a group of 1..k−1 people be worked out, the smallest segment of the
// smallest such set is hidden too.
func SuppressSegments(counts map[string]int64, steps []SegmentStep, k int) (map[string]Hidden, error) {
	c, err := newSegmentCheck(counts, steps, k)
	if err != nil {
		return nil, err
	}
	hidden := map[string]Hidden{}
	var shown uint32
	for i, a := range c.answers {
		if counts[a] < int64(k) {
			hidden[a] = HiddenSmall
		} else {
			shown |= 1 << uint(i)
		}
	}
	for {
		subsets := subsetsBySize(shown)
		i := slices.IndexFunc(subsets, c.leaks)
		if i < 0 {
			return hidden, nil
		}
		smallest := c.smallest(subsets[i])
		hidden[c.answers[smallest]] = HiddenComplementary
		shown &^= 1 << uint(smallest)
	}
}

// segmentCheck holds one question's segments as bits (answer i is bit i)
// and the ledger's chunks folded by the answers they hold.
type segmentCheck struct {
	answers     []string
	bit         map[string]uint // answer → its bit
	counts      map[string]int64
	known       map[uint32]int64 // answers a released chunk holds → its respondents
	leftOutMask uint32           // answers held by residues a close left out
	k           int64
}

func newSegmentCheck(counts map[string]int64, steps []SegmentStep, k int) (*segmentCheck, error) {
	c := &segmentCheck{counts: counts, known: map[uint32]int64{}, k: int64(k)}
	for a, n := range counts {
		if n > 0 {
			c.answers = append(c.answers, a)
		}
	}
	slices.Sort(c.answers)
	if len(c.answers) > questionnaire.MaxSegmentAnswers+1 {
		return nil, fmt.Errorf("%d answers: a segment question may have at most %d", len(c.answers)-1, questionnaire.MaxSegmentAnswers)
	}
	c.bit = make(map[string]uint, len(c.answers))
	for i, a := range c.answers {
		c.bit[a] = uint(i)
	}
	for _, st := range steps {
		mask, n, err := c.maskOf(st)
		if err != nil {
			return nil, err
		}
		if st.Shown {
			c.known[mask] += n
		} else {
			c.leftOutMask |= mask
		}
	}
	return c, nil
}

// maskOf folds a chunk's answers into bits, with its respondents.
func (c *segmentCheck) maskOf(st SegmentStep) (uint32, int64, error) {
	var mask uint32
	var n int64
	for a, count := range st.ByAnswer {
		if count == 0 {
			continue
		}
		b, ok := c.bit[a]
		if !ok {
			return 0, 0, fmt.Errorf("a chunk holds answer %q, which no respondent gave", a)
		}
		mask |= 1 << b
		n += count
	}
	return mask, n, nil
}

// leaks reports whether the segments of y, set against the chunks, give
// away a group of 1..k−1 people: the chunks touching y minus y (when no
// left-out residue holds anyone of y), or y minus the chunks inside it.
func (c *segmentCheck) leaks(y uint32) bool {
	var touching, inside int64
	for mask, n := range c.known {
		if mask&y != 0 {
			touching += n
		}
		if mask&^y == 0 {
			inside += n
		}
	}
	size := c.size(y)
	small := func(n int64) bool { return n >= 1 && n < c.k }
	return (c.leftOutMask&y == 0 && small(touching-size)) || small(size-inside)
}

func (c *segmentCheck) size(y uint32) int64 {
	var n int64
	for rest := y; rest != 0; rest &= rest - 1 {
		n += c.counts[c.answers[bits.TrailingZeros32(rest)]]
	}
	return n
}

// smallest is the answer of y with the fewest respondents (the first such).
func (c *segmentCheck) smallest(y uint32) int {
	best := -1
	for rest := y; rest != 0; rest &= rest - 1 {
		i := bits.TrailingZeros32(rest)
		if best < 0 || c.counts[c.answers[i]] < c.counts[c.answers[best]] {
			best = i
		}
	}
	return best
}

// subsetsBySize lists the nonempty subsets of set, those of fewer members
// first.
func subsetsBySize(set uint32) []uint32 {
	var out []uint32
	for y := set; y != 0; y = (y - 1) & set {
		out = append(out, y)
	}
	slices.SortStableFunc(out, func(a, b uint32) int { return cmp.Compare(bits.OnesCount32(a), bits.OnesCount32(b)) })
	return out
}
