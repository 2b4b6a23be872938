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
// it. It returns the first breach found, or nil. The tests of an agency's
// readings and of the national view run it; it reads every group once.
func AuditSubtraction(g *Groups, set Settings, in *questionnaire.Instrument) error {
	t := g.shape.index()
	shown := make([]GroupScores, len(t.ids))
	counts := make([][2]MeasureCounts, len(t.ids))
	for i, u := range t.ids {
		shown[i] = g.Group(u, set, in)
		for a, audience := range Audiences {
			counts[i][a] = CountsOf(g.shared(u, audience))
		}
	}
	for m := range numMeasures {
		a := audienceOf(m)
		threshold := int64(m.threshold(set.K))
		for _, c := range componentsOf(m) {
			var below func(i int32) int64
			below = func(i int32) int64 {
				var sum int64
				for _, child := range t.kids[i] {
					if shown[child].shows(m) {
						sum += int64(counts[child][a][c])
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
				n := int64(counts[i][a][c])
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
