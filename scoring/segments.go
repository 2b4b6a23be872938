package scoring

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
)

// Segments (docs/METHODOLOGY.md, "Segments") split an audience's
// respondents by their answer to one demographic question. The respondents
// are also in the chunks the releases published, which anyone who watched
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

// MaxSegmentAnswers bounds a segment question's answers: the check visits
// every subset of the shown segments.
const MaxSegmentAnswers = 12

// NotStated names the segment of respondents who left the question out.
const NotStated = ""

// SegmentStep is one chunk of the release ledger seen through one
// question: its respondents per answer (NotStated included).
type SegmentStep struct {
	ByAnswer map[string]int64
	// Published: the chunk is in the figures; otherwise it is a residue a
	// close left out, which no figure holds.
	Published bool
}

// SegmentStepOf reads a ledger chunk's demographic counts for one question.
func SegmentStepOf(n int64, demo map[string]int64, item string, published bool) (SegmentStep, error) {
	st := SegmentStep{ByAnswer: map[string]int64{}, Published: published}
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
// Segments below k are hidden, then, while some
// set of shown segments lets a group of 1..k−1 people be worked out, the
// smallest segment of that set is hidden too.
func SuppressSegments(counts map[string]int64, steps []SegmentStep, k int) (map[string]Hidden, error) {
	answers := slices.SortedFunc(func(yield func(string) bool) {
		for a, n := range counts {
			if n > 0 && !yield(a) {
				return
			}
		}
	}, cmp.Compare[string])
	if len(answers) > MaxSegmentAnswers+1 {
		return nil, fmt.Errorf("%d answers: a segment question may have at most %d", len(answers)-1, MaxSegmentAnswers)
	}
	bit := map[string]uint{}
	for i, a := range answers {
		bit[a] = uint(i)
	}
	// Chunks matter only by which answers they hold: sum those alike.
	known := map[uint32]int64{}   // answers a published chunk holds → its respondents
	leftOut := map[uint32]int64{} // the same for residues left out
	for _, st := range steps {
		var mask uint32
		var n int64
		for a, c := range st.ByAnswer {
			if c == 0 {
				continue
			}
			b, ok := bit[a]
			if !ok {
				return nil, fmt.Errorf("a chunk holds answer %q, which no respondent gave", a)
			}
			mask |= 1 << b
			n += c
		}
		if st.Published {
			known[mask] += n
		} else {
			leftOut[mask] += n
		}
	}
	var leftOutMask uint32
	for mask := range leftOut {
		leftOutMask |= mask
	}
	hidden := map[string]Hidden{}
	var shown uint32
	for i, a := range answers {
		if counts[a] < int64(k) {
			hidden[a] = HiddenSmall
		} else {
			shown |= 1 << uint(i)
		}
	}
	sizeOf := func(y uint32) int64 {
		var n int64
		for rest := y; rest != 0; rest &= rest - 1 {
			n += counts[answers[bits.TrailingZeros32(rest)]]
		}
		return n
	}
	small := func(n int64) bool { return n >= 1 && n < int64(k) }
	for {
		leak := uint32(0)
		// Every nonempty subset y of the shown segments, smallest first, so
		// that a leak is laid to the fewest segments that make it.
		for _, y := range subsetsBySize(shown) {
			if leak != 0 {
				break
			}
			var touching, inside int64
			for mask, n := range known {
				if mask&y != 0 {
					touching += n
				}
				if mask&^y == 0 {
					inside += n
				}
			}
			size := sizeOf(y)
			if (leftOutMask&y == 0 && small(touching-size)) || small(size-inside) {
				leak = y
			}
		}
		if leak == 0 {
			return hidden, nil
		}
		smallest := -1
		for rest := leak; rest != 0; rest &= rest - 1 {
			i := bits.TrailingZeros32(rest)
			if smallest < 0 || counts[answers[i]] < counts[answers[smallest]] {
				smallest = i
			}
		}
		hidden[answers[smallest]] = HiddenComplementary
		shown &^= 1 << uint(smallest)
	}
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
