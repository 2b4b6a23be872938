package scoring

import (
	"fmt"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// AuditSubtraction plays the subtracting attacker against what Group shows,
// independently of how the hiding was decided. For every measure, every
// count it rests on (each scale, pick question or share) and every group
// that shows the measure, it subtracts the highest groups below that show
// it too: what is left must hold 0 or at least the measure's threshold (k
// for an index family, 2k for a share), and no shown count may be under
// it. Neither a group nor such a remainder under 2k may show a mean near
// its scale's end. It returns the first breach found, or nil. The tests of an agency's
// readings and of the national view run it; it reads every group once.
func AuditSubtraction(g *Groups, set Settings, in *questionnaire.Instrument) error {
	t := g.shape.index()
	shown := make([]GroupScores, len(t.ids))
	// Each group's counts per audience; shares rest on the share chunks'
	// where the groups have them (sharesteps.go).
	counts, shareCounts := make([][2]MeasureCounts, len(t.ids)), make([][2]MeasureCounts, len(t.ids))
	for i, u := range t.ids {
		shown[i] = g.Group(u, set, in)
		for a, audience := range Audiences {
			counts[i][a] = CountsOf(g.shared(u, audience))
			shareCounts[i][a] = counts[i][a]
			if g.shares != nil {
				shareCounts[i][a] = CountsOf(g.shares.shared(u, audience))
			}
		}
	}
	for m := range numMeasures {
		if err := auditScaleEnds(t, shown, counts, m, set.K); err != nil {
			return err
		}
		a := audienceOf(m)
		threshold := int64(m.threshold(set.K))
		counts := counts
		if measureInfos[m].share {
			counts = shareCounts
		}
		for _, c := range componentsOf(m) {
			var below func(i int32) int64
			below = func(i int32) int64 {
				var sum int64
				for _, child := range t.kids[i] {
					if shown[child].shows(m) {
						sum += int64(counts[child][a].N[c])
					} else {
						sum += below(child)
					}
				}
				return sum
			}
			for i, u := range t.ids {
				if !shown[i].shows(m) {
					continue
				}
				n := int64(counts[i][a].N[c])
				if n > 0 && n < threshold {
					return fmt.Errorf("%s of group %q rests on %d, under %d", measureInfos[m].key, u, n, threshold)
				}
				if rest := n - below(int32(i)); rest > 0 && rest < threshold {
					return fmt.Errorf("%s of group %q minus its sub-groups' leaves %d respondents, under %d", measureInfos[m].key, u, rest, threshold)
				}
			}
		}
	}
	return nil
}

// auditScaleEnds checks that no group showing family m, nor what
// subtracting the highest groups below it that show it leaves, rests on
// fewer than 2k respondents with a mean near its scale's end.
func auditScaleEnds(t *treeIndex, shown []GroupScores, counts [][2]MeasureCounts, m Measure, k int) error {
	parts := meanParts(m)
	if len(parts) == 0 {
		return nil
	}
	a := audienceOf(m)
	of := func(i int32) (n, sum []int64) {
		n, sum = make([]int64, len(parts)), make([]int64, len(parts))
		for j, c := range parts {
			n[j], sum[j] = int64(counts[i][a].N[c]), int64(counts[i][a].Sum[c])
		}
		return n, sum
	}
	var below func(i int32, n, sum []int64)
	below = func(i int32, n, sum []int64) { // subtracts the highest showing groups under i
		for _, child := range t.kids[i] {
			if !shown[child].shows(m) {
				below(child, n, sum)
				continue
			}
			cn, csum := of(child)
			for j := range n {
				n[j], sum[j] = n[j]-cn[j], sum[j]-csum[j]
			}
		}
	}
	for i, u := range t.ids {
		if !shown[i].shows(m) {
			continue
		}
		n, sum := of(int32(i))
		if family(n) < int64(2*k) && nearScaleEnd(parts, n, sum) {
			return fmt.Errorf("%s of group %q rests on %d with a mean near its scale's end", measureInfos[m].key, u, family(n))
		}
		below(int32(i), n, sum)
		if rest := family(n); rest > 0 && rest < int64(2*k) && nearScaleEnd(parts, n, sum) {
			return fmt.Errorf("%s of group %q minus its sub-groups' leaves %d respondents with a mean near its scale's end", measureInfos[m].key, u, rest)
		}
	}
	return nil
}

// shows reports whether a group's figures include a measure's.
func (gs GroupScores) shows(m Measure) bool {
	return gs.Scores != nil && gs.Scores.measureN(m) > 0
}

// audienceOf is the place of a measure's audience in Audiences.
func audienceOf(m Measure) int {
	for a, audience := range Audiences {
		if audience == measureInfos[m].audience {
			return a
		}
	}
	panic("scoring: a measure of no audience")
}
