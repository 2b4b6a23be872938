package scoring

import (
	"math/bits"
	"slices"
)

// SuppressSegments keeps every set of people worked out from the chunks
// and the segments to 0 or at least k. Such a set of k … 2k − 1 can still
// pin every member's answer when its mean lies at a scale's end: segment
// a's engagement of 12 less a chunk of 5 inside it is the other 7's, 100.0
// if each of them answered every item with 5. SegmentFamiliesOut runs the
// same arithmetic (segments.go) per index family with a mean, on the
// family's own counts and sums: the chunks' from the release ledger
// (SegmentStep.Means), the segments' from their aggregates.
//
// The arithmetic over people holds for a family's respondents when each
// chunk's family rests on all its people or none — as it does, since an
// audience's modules are fixed once it has responses and a module's items
// are all required. A chunk of a survey stored before that, resting on
// some of its people, would let its family's people fall inside a segment
// its people do not: the family then shows in no segment.

// SegmentFamiliesOut decides which index families of the segments shown
// (those not in hidden) are left out, answer → family → why: for each
// family with a mean, while some set Y of segments showing it gives a set
// of people whose family rests on 1 … k − 1 (HiddenComplementary), or on
// fewer than 2k with a mean near a scale's end (HiddenAtScaleEnd), the
// family is left out of Y's smallest segment. Where a chunk's means were
// not kept (released before the ledger kept them), a set of fewer than 2k
// people it enters is taken to be at an end.
func SegmentFamiliesOut(cells map[string]*Aggregate, hidden map[string]Hidden, steps []SegmentStep, k int) (map[string]map[string]Hidden, error) {
	counts := make(map[string]int64, len(cells))
	for answer, a := range cells {
		counts[answer] = a.N
	}
	c, err := newSegmentCheck(counts, steps, k)
	if err != nil {
		return nil, err
	}
	own := make([]MeasureCounts, len(c.answers))
	for i, answer := range c.answers {
		own[i] = CountsOf(cells[answer])
	}
	ledger := foldLedger(c, steps)
	out := map[string]map[string]Hidden{}
	leaveOut := func(answer string, m Measure, why Hidden) {
		if out[answer] == nil {
			out[answer] = map[string]Hidden{}
		}
		out[answer][measureInfos[m].key] = why
	}
	for m := range numMeasures {
		parts := meanParts(m) // none for a share
		if len(parts) == 0 {
			continue
		}
		f := newFamilyCheck(c, ledger, own, parts)
		var shown uint32
		for i, answer := range c.answers {
			if hidden[answer] == "" && !ownFigureOut(m, own[i], k) {
				shown |= 1 << uint(i)
			}
		}
		if f.partial {
			for rest := shown; rest != 0; rest &= rest - 1 {
				leaveOut(c.answers[bits.TrailingZeros32(rest)], m, HiddenComplementary)
			}
			continue
		}
		for {
			var why Hidden
			subsets := subsetsBySize(shown)
			at := slices.IndexFunc(subsets, func(y uint32) bool { why = f.leaks(y); return why != "" })
			if at < 0 {
				break
			}
			smallest := c.smallest(subsets[at])
			leaveOut(c.answers[smallest], m, why)
			shown &^= 1 << uint(smallest)
		}
	}
	return out, nil
}

// ownFigureOut reports whether a segment leaves family m out by its own
// counts (SegmentFigures): fewer than k behind it, or fewer than 2k at a
// scale's end.
func ownFigureOut(m Measure, counts MeasureCounts, k int) bool {
	var n int64
	for _, c := range componentsOf(m) {
		n = max(n, int64(counts.N[c]))
	}
	return n > 0 && n < int64(k) || familyNearEnd(m, MeasureCounts{}, counts, k)
}

// ledgerFold is the release ledger as the families' check reads it, each
// record's means decoded once for every family: per set of answers (bit i:
// answer i), the chunks shown that hold exactly those answers.
type ledgerFold struct {
	kept   map[uint32]*keptChunks
	unkept map[uint32]int64 // chunks shown whose means were not kept: their respondents
	// leftOut has, per component, the answers held by residues a close left
	// out whose component rests on their people (or whose means were not
	// kept); leftPerAnswer their respondents per answer.
	leftOut       [maxComponents]uint32
	leftPerAnswer []int64
	// partial has the components of which some record rests on some of its
	// people but not all.
	partial [maxComponents]bool
}

// keptChunks are the chunks shown holding one set of answers whose means
// the ledger kept: their respondents, and their counts and sums together.
type keptChunks struct {
	n     int64
	means wideCounts
}

func foldLedger(c *segmentCheck, steps []SegmentStep) *ledgerFold {
	l := &ledgerFold{kept: map[uint32]*keptChunks{}, unkept: map[uint32]int64{}, leftPerAnswer: make([]int64, len(c.answers))}
	for _, st := range steps {
		mask, n, _ := c.maskOf(st) // newSegmentCheck read every chunk
		var means wideCounts
		kept := st.Means != nil && means.addMeans(st.Means) == nil
		for p := range components {
			l.partial[p] = l.partial[p] || kept && means.N[p] != 0 && means.N[p] != n
			if !st.Shown && (!kept || means.N[p] != 0) {
				l.leftOut[p] |= mask
			}
		}
		switch {
		case !st.Shown:
			for a, count := range st.ByAnswer {
				if count > 0 {
					l.leftPerAnswer[c.bit[a]] += count
				}
			}
		case !kept:
			l.unkept[mask] += n
		default:
			k := l.kept[mask]
			if k == nil {
				k = &keptChunks{}
				l.kept[mask] = k
			}
			k.n += n
			for p := range components {
				k.means.N[p] += means.N[p]
				k.means.Sum[p] += means.Sum[p]
			}
		}
	}
	return l
}

// familyCheck holds, for one family, the sums of every subset of answers
// (bit i: answer i): of the chunks lying wholly inside it, per mean of the
// family, and of its segments.
type familyCheck struct {
	parts []int
	width int
	k     int64
	full  uint32
	// partial: some chunk's or residue's family rests on some of its
	// people but not all.
	partial bool
	// For each subset y, the chunks whose answers all lie in y: their
	// respondents, their counts and sums per part, and whether the ledger
	// kept no means for some of them (above 0).
	headInside     []int64
	nInside, sumIn []int64
	unkeptInside   []int64
	// The segments of y: their respondents, counts and sums per part, and
	// how many of their respondents a close left out.
	headSeg, nSeg, sumSeg, headLeft []int64
	// leftOut has, per part, the answers held by residues a close left out
	// whose part rests on their people (or whose means were not kept).
	leftOut []uint32
}

func newFamilyCheck(c *segmentCheck, ledger *ledgerFold, own []MeasureCounts, parts []int) *familyCheck {
	answers := len(c.answers)
	size := 1 << uint(answers)
	w := len(parts)
	f := &familyCheck{parts: parts, width: w, k: c.k, full: uint32(size - 1),
		headInside: make([]int64, size), nInside: make([]int64, size*w), sumIn: make([]int64, size*w),
		unkeptInside: make([]int64, size), headLeft: make([]int64, size), leftOut: make([]uint32, w),
		headSeg: make([]int64, size), nSeg: make([]int64, size*w), sumSeg: make([]int64, size*w)}
	for j, p := range parts {
		f.partial = f.partial || ledger.partial[p]
		f.leftOut[j] = ledger.leftOut[p]
	}
	for mask, chunks := range ledger.kept {
		f.headInside[mask] += chunks.n
		for j, p := range parts {
			f.nInside[int(mask)*w+j] += chunks.means.N[p]
			f.sumIn[int(mask)*w+j] += chunks.means.Sum[p]
		}
	}
	for mask, n := range ledger.unkept {
		f.headInside[mask] += n
		f.unkeptInside[mask] = 1 // only whether any is inside matters
	}
	for i := range answers {
		bit := 1 << uint(i)
		f.headLeft[bit] = ledger.leftPerAnswer[i]
		f.headSeg[bit] = c.counts[c.answers[i]]
		for j, p := range parts {
			f.nSeg[bit*w+j] = int64(own[i].N[p])
			f.sumSeg[bit*w+j] = int64(own[i].Sum[p])
		}
	}
	// Sum over subsets: afterwards entry y holds the sum of the entries of
	// every subset of y (the chunks inside y; the segments of y).
	for b := range answers {
		for y := range size {
			if y&(1<<uint(b)) == 0 {
				continue
			}
			from := y &^ (1 << uint(b))
			f.headInside[y] += f.headInside[from]
			f.unkeptInside[y] += f.unkeptInside[from]
			f.headSeg[y] += f.headSeg[from]
			f.headLeft[y] += f.headLeft[from]
			for j := range w {
				f.nInside[y*w+j] += f.nInside[from*w+j]
				f.sumIn[y*w+j] += f.sumIn[from*w+j]
				f.nSeg[y*w+j] += f.nSeg[from*w+j]
				f.sumSeg[y*w+j] += f.sumSeg[from*w+j]
			}
		}
	}
	return f
}

// leaks says why the segments of y, set against the chunks, give away the
// family of a set of people ("" when they do not): the chunks touching y
// (all chunks less those inside the other answers) less y, for each part
// no left-out residue holds anyone of y in, or y less the chunks inside
// it.
func (f *familyCheck) leaks(y uint32) Hidden {
	w, rest := f.width, f.full&^y
	n, sum := make([]int64, w), make([]int64, w)
	for j := range w {
		if f.leftOut[j]&y == 0 {
			n[j] = f.nInside[int(f.full)*w+j] - f.nInside[int(rest)*w+j] - f.nSeg[int(y)*w+j]
			sum[j] = f.sumIn[int(f.full)*w+j] - f.sumIn[int(rest)*w+j] - f.sumSeg[int(y)*w+j]
		}
	}
	// Its people, for chunks whose means were not kept: those of the
	// chunks touching y less those of y who are in them.
	head := f.headInside[f.full] - f.headInside[rest] - (f.headSeg[y] - f.headLeft[y])
	if why := f.judge(n, sum, head, f.unkeptInside[f.full]-f.unkeptInside[rest] > 0); why != "" {
		return why
	}
	for j := range w {
		n[j] = f.nSeg[int(y)*w+j] - f.nInside[int(y)*w+j]
		sum[j] = f.sumSeg[int(y)*w+j] - f.sumIn[int(y)*w+j]
	}
	return f.judge(n, sum, f.headSeg[y]-f.headInside[y], f.unkeptInside[y] > 0)
}

// judge decides on a set of head people whose family counts and sums are
// n and sum — unknown when a chunk in it had no means kept.
func (f *familyCheck) judge(n, sum []int64, head int64, unkept bool) Hidden {
	if unkept {
		if head >= 1 && head < 2*f.k {
			return HiddenAtScaleEnd
		}
		return ""
	}
	switch most := family(n); {
	case most <= 0:
		return ""
	case most < f.k:
		return HiddenComplementary
	case most < 2*f.k && nearScaleEnd(f.parts, n, sum):
		return HiddenAtScaleEnd
	}
	return ""
}
