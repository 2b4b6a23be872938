package scoring

import "fmt"

// A mean at the end of its scale pins every answer behind it: an
// engagement index of 100 says each respondent answered every engagement
// item with 5. Where a group — or what subtracting the shown groups below
// it leaves — rests on fewer than 2k respondents, an index family with an
// index within scaleEndBand of either end is left out, with the reason
// (docs/METHODOLOGY.md "Means at a scale's end"). Leaving it out only says
// that some index lies in the band, no more than "≥ 95" would.

// scaleEndBand is how near an end of 0–100 an index may come, in a small
// group, before its family is left out.
const scaleEndBand = 5

// nearScaleEnd reports whether any mean of a family's counts comes within
// the band of 0 or 100.
func nearScaleEnd(parts []int, n, sum []int64) bool {
	for j, c := range parts {
		if n[j] == 0 {
			continue
		}
		if v := components[c].index(n[j], sum[j]); v <= scaleEndBand || v >= 100-scaleEndBand {
			return true
		}
	}
	return false
}

// meanParts are the components of a family that are means.
func meanParts(m Measure) []int {
	var out []int
	for _, c := range componentsOf(m) {
		if components[c].index != nil {
			out = append(out, c)
		}
	}
	return out
}

// AtScaleEnd returns the units whose figures of family m are left out for
// an index near a scale's end (HiddenAtScaleEnd). Walking up from the leaves: a unit the
// complementary rule shows, whose subtree — or whose subtree less the units
// below it that show the family — rests on fewer than 2k respondents with
// a mean in the band, is left out, and then counts as not shown for the
// units above it. Hiding more keeps the complementary rule safe (see
// suppressTogether). Worked out once per reading, from the units' counts and
// sums.
func (g *Groups) AtScaleEnd(m Measure, k int) map[string]Hidden {
	parts := meanParts(m)
	if len(parts) == 0 {
		return nil
	}
	return g.remember(fmt.Sprintf("end %d/%d", m, k), func() map[string]Hidden { return g.atScaleEnd(m, k, parts) })
}

func (g *Groups) atScaleEnd(m Measure, k int, parts []int) map[string]Hidden {
	t := g.shape.index()
	hidden := g.SuppressedFor(m, k)
	audience := measureInfos[m].audience
	size, width := len(t.ids), len(parts)
	// Per unit and part: the subtree's n and sum, and what the unit leaves
	// to its parent's remainder (its own plus what its units below leave,
	// or nothing once it shows the family).
	subN, subSum := make([]int64, size*width), make([]int64, size*width)
	upN, upSum := make([]int64, size*width), make([]int64, size*width)
	for i, own := range g.unitCounts(audience) {
		for j, c := range parts {
			subN[i*width+j], subSum[i*width+j] = int64(own.N[c]), int64(own.Sum[c])
		}
	}
	copy(upN, subN)
	copy(upSum, subSum)
	small := int64(2 * k)
	atEnd := map[string]Hidden{}
	for i := size - 1; i >= 0; i-- { // children come after their parent
		for _, c := range t.kids[i] {
			for j := range width {
				subN[i*width+j] += subN[int(c)*width+j]
				subSum[i*width+j] += subSum[int(c)*width+j]
				upN[i*width+j] += upN[int(c)*width+j]
				upSum[i*width+j] += upSum[int(c)*width+j]
			}
		}
		if hidden[t.ids[i]] != "" {
			continue // not shown: leaves its remainder to its parent
		}
		whole, rest := i*width, i*width
		if family(subN[whole:whole+width]) < small && nearScaleEnd(parts, subN[whole:whole+width], subSum[whole:whole+width]) ||
			family(upN[rest:rest+width]) > 0 && family(upN[rest:rest+width]) < small && nearScaleEnd(parts, upN[rest:rest+width], upSum[rest:rest+width]) {
			atEnd[t.ids[i]] = HiddenAtScaleEnd
			continue
		}
		clear(upN[i*width : (i+1)*width]) // shown: subtracted whole by an attacker above
		clear(upSum[i*width : (i+1)*width])
	}
	return atEnd
}

// family is a family's respondents: the most behind any of its counts.
func family(n []int64) int64 {
	var most int64
	for _, v := range n {
		most = max(most, v)
	}
	return most
}

// StepAtScaleEnd reports whether the respondents a step adds — after less
// before, a chunk about to be released or a record republished — include an
// index family resting on fewer than 2k of them whose mean lies near a
// scale's end. Set against the figures before it, such a step would say what
// every one of those few answered, as a small group at the end would
// (docs/METHODOLOGY.md "Means at a scale's end"): it is held back until it
// grows to 2k or its mean moves off the end.
func StepAtScaleEnd(before, after MeasureCounts, k int) bool {
	for m := range numMeasures {
		if familyNearEnd(m, before, after, k) {
			return true
		}
	}
	return false
}

// LeaveOutAtScaleEnd takes out each index family of a group that rests on
// fewer than 2k respondents with an index near a scale's end, listing it in
// s.AtScaleEnd: for a group whose figures are not part of the unit tree —
// a segment — where Groups.AtScaleEnd cannot see it.
func (s *Scores) LeaveOutAtScaleEnd(counts MeasureCounts, k int) {
	for m := range numMeasures {
		if familyNearEnd(m, MeasureCounts{}, counts, k) && s.takeOut(m) {
			s.listOut(m, HiddenAtScaleEnd)
		}
	}
}

// familyNearEnd reports whether family m's respondents in after less before
// number fewer than 2k and have a mean near a scale's end.
func familyNearEnd(m Measure, before, after MeasureCounts, k int) bool {
	parts := meanParts(m)
	if len(parts) == 0 {
		return false
	}
	n, sum := make([]int64, len(parts)), make([]int64, len(parts))
	for j, c := range parts {
		n[j] = int64(after.N[c]) - int64(before.N[c])
		sum[j] = int64(after.Sum[c]) - int64(before.Sum[c])
	}
	f := family(n)
	return f > 0 && f < int64(2*k) && nearScaleEnd(parts, n, sum)
}
