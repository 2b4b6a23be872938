package scoring

import (
	"fmt"
	"maps"
	"math"
	"sort"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// Settings are what a survey decides about showing its figures.
type Settings struct {
	Survey              string
	K                   int                // minimum group size
	PublicationMinimums map[string]int     // module → respondents
	Targets             map[string]float64 // index key → target
	// UnitTargets are targets of a unit's own, from its own baseline (unit →
	// index key → target); for an index without one of its own a unit is
	// held to Targets.
	UnitTargets map[string]map[string]float64
}

// heldUnit is whose targets a group is held to: an agency's only root is
// its whole survey (the same respondents), held to the survey's targets, so
// that `scores` of the survey and of its root never disagree.
func (g *Groups) heldUnit(unit string) string {
	if len(g.roots) == 1 && unit == g.roots[0] {
		return ""
	}
	return unit
}

// TargetsOf is what unit is held to: its own target for each index it has
// one for, the survey's for the others ("" is the whole survey). A unit
// given one target by hand is not freed from the survey's other ones.
func (set Settings) TargetsOf(unit string) map[string]float64 {
	own := set.UnitTargets[unit]
	if unit == "" || len(own) == 0 {
		return set.Targets
	}
	out := make(map[string]float64, len(set.Targets)+len(own))
	maps.Copy(out, set.Targets)
	maps.Copy(out, own)
	return out
}

// GroupScores are the shown figures of one group (a unit with its
// subtree, or the whole survey when Unit is empty).
type GroupScores struct {
	Survey    string `json:"survey"`
	Unit      string `json:"unit,omitempty"`
	Name      string `json:"name,omitempty"`
	Headcount int    `json:"headcount,omitempty"`
	// Suppressed: fewer than k respondents (or hidden by the complementary
	// rule) in every audience; no figure is given. SuppressedWhy says, per
	// hidden audience, which of the two.
	Suppressed          bool              `json:"suppressed,omitempty"`
	SuppressedAudiences []string          `json:"suppressed_audiences,omitempty"`
	SuppressedWhy       map[string]Hidden `json:"suppressed_why,omitempty"`
	// The three counts every reader shows, defined here once:
	//   respondents — stored so far, every audience (moves at once), with
	//     RespondentsASN and RespondentsPublic its parts;
	//   in the figures (AsOfN) — how many of them the figures include
	//     (moves in steps of at least k);
	//   response rate — ASN respondents ÷ headcount, in %.
	Respondents       int64 `json:"respondents,omitempty"`
	RespondentsASN    int64 `json:"respondents_asn,omitempty"`
	RespondentsPublic int64 `json:"respondents_public,omitempty"`
	AsOfN             int64 `json:"as_of_n,omitempty"`
	// SharesAsOfN is how many of them the shares include: they move in
	// steps of at least 2k (sharesteps.go). Absent where the shares come
	// from the figures' own sums (a Groups built without share chunks).
	SharesAsOfN  *int64   `json:"shares_as_of_n,omitempty"`
	ResponseRate *float64 `json:"response_rate,omitempty"`
	*Scores
	Targets map[string]TargetFigure `json:"targets,omitempty"`
	// Change against the previous survey (PreviousSurvey), when both show
	// the group.
	PreviousSurvey string            `json:"previous_survey,omitempty"`
	Change         map[string]Change `json:"change,omitempty"`
	Warnings       []string          `json:"warnings,omitempty"`
}

// TargetFigure sets an index's actual value beside its target
// (docs/METHODOLOGY.md "Targets").
type TargetFigure struct {
	Target float64  `json:"target"`
	Actual *float64 `json:"actual,omitempty"`
	// Reached: the actual is at or beyond the target in the index's better
	// direction (at or below it for entropy, LowerIsBetter). Verdict says
	// it with the interval: "reached" when the interval clears the target,
	// "within noise" when it holds it, "not reached" when it falls short
	// (by the figure alone where it has no interval).
	Reached       *bool  `json:"reached,omitempty"`
	Verdict       string `json:"verdict,omitempty"`
	LowerIsBetter bool   `json:"lower_is_better,omitempty"`
	// AsksForDecline: the target is on the worse side of its baseline; no
	// progress is given for it.
	AsksForDecline bool `json:"asks_for_decline,omitempty"`
	// Baseline is the previous survey's figure; Progress the share of the
	// way from it to the target that was made, in % (100 = reached; below 0
	// = moved away), when both are known and the target differs from it.
	Baseline *float64 `json:"baseline,omitempty"`
	Progress *float64 `json:"progress,omitempty"`
}

// Group computes the shown figures of a unit ("" for the whole survey).
func (g *Groups) Group(unit string, set Settings, in *questionnaire.Instrument) GroupScores {
	gs := GroupScores{Survey: set.Survey, Unit: unit}
	if n, ok := g.nodes[unit]; ok {
		gs.Name, gs.Headcount = n.Name, n.Headcount
	} else if unit == "" {
		for _, r := range g.roots {
			gs.Headcount += g.nodes[r].Headcount
		}
	}
	// Counts are the same whichever audience is hidden: they move at once
	// and are shown for every group.
	gs.RespondentsASN, gs.RespondentsPublic = g.Count(unit, questionnaire.AudienceASN), g.Count(unit, questionnaire.AudiencePublic)
	gs.Respondents = gs.RespondentsASN + gs.RespondentsPublic
	parts := map[string]*Aggregate{}
	why := map[string]Hidden{}
	for _, aud := range Audiences {
		if reason := g.Suppressed(aud, set.K)[unit]; reason != "" {
			gs.SuppressedAudiences = append(gs.SuppressedAudiences, aud)
			why[aud] = reason
			continue
		}
		parts[aud] = g.shared(unit, aud) // Compute only reads
	}
	if len(parts) == 0 {
		return GroupScores{Survey: set.Survey, Unit: unit, Name: gs.Name, Suppressed: true, SuppressedWhy: why,
			Respondents: gs.Respondents, RespondentsASN: gs.RespondentsASN, RespondentsPublic: gs.RespondentsPublic}
	}
	if len(why) > 0 {
		gs.SuppressedWhy = why
	}
	gs.Scores = Compute(parts[questionnaire.AudienceASN], parts[questionnaire.AudiencePublic], in)
	if asn := parts[questionnaire.AudienceASN]; asn != nil && gs.Scores.Drivers != nil {
		withinParts(gs.Scores.Drivers, asn, g.childPairs(unit, questionnaire.AudienceASN))
	}
	if n, ok := g.sharesAsOfN(unit, parts); ok {
		gs.Scores.takeSharesOf(g.shares, unit, parts, in)
		gs.SharesAsOfN = &n
	}
	gs.Scores.Withhold(set.K)
	gs.Scores.Protect(func(m Measure) Hidden {
		if parts[measureInfos[m].audience] == nil {
			return ""
		}
		if measureInfos[m].share {
			return g.shareHidden(m, set.K)[unit]
		}
		if why := g.SuppressedFor(m, set.K)[unit]; why != "" {
			return why
		}
		return g.AtScaleEnd(m, set.K)[unit]
	})
	gs.AsOfN = gs.N
	if gs.Headcount > 0 && parts[questionnaire.AudienceASN] != nil {
		rate := 100 * float64(gs.RespondentsASN) / float64(gs.Headcount)
		gs.ResponseRate = &rate
	}
	gs.Targets = targets(gs.Scores, set.TargetsOf(g.heldUnit(unit)))
	gs.Warnings = publicationWarnings(gs.Scores, set.PublicationMinimums)
	return gs
}

// childPairs are the drivers' pairs of the subtrees of the units directly
// under unit: for the whole survey, the roots, or the units under the root
// when there is one (an agency's whole survey is its root's).
func (g *Groups) childPairs(unit, audience string) []map[string]*Pair {
	children := g.Children(unit)
	if unit == "" {
		children = g.Roots()
		if len(children) == 1 {
			children = g.Children(children[0])
		}
	}
	ps, direct := g.sums.(PairSums)
	out := make([]map[string]*Pair, 0, len(children))
	for _, c := range children {
		if direct {
			out = append(out, ps.SubtreePairs(audience, c))
		} else {
			out = append(out, g.shared(c, audience).Drivers)
		}
	}
	return out
}

func targets(s *Scores, want map[string]float64) map[string]TargetFigure {
	if len(want) == 0 {
		return nil
	}
	stats := IndexStats(s)
	out := map[string]TargetFigure{}
	for key, t := range want {
		tf := TargetFigure{Target: t, LowerIsBetter: LowerIsBetter(key)}
		if st, ok := stats[key]; ok {
			a := st.Index
			tf.Actual = &a
			reached := tf.better(a, t)
			tf.Reached = &reached
			tf.Verdict = TargetNotReached
			switch {
			case st.CI95 != nil && tf.better(st.CI95[0], t) && tf.better(st.CI95[1], t):
				tf.Verdict = TargetReached
			case st.CI95 != nil && st.CI95[0] <= t && t <= st.CI95[1]:
				tf.Verdict = TargetWithinNoise
			case st.CI95 == nil && reached:
				tf.Verdict = TargetReached
			}
		}
		out[key] = tf
	}
	return out
}

// Verdicts of a target.
const (
	TargetReached     = "reached"
	TargetWithinNoise = "within noise"
	TargetNotReached  = "not reached"
)

// better reports whether a is at or beyond b in the index's better direction.
func (tf TargetFigure) better(a, b float64) bool {
	if tf.LowerIsBetter {
		return a <= b
	}
	return a >= b
}

// SetBaseline gives each target of gs its baseline, the figure of the
// previous survey, and the progress made from it: (actual − baseline) ÷
// (target − baseline) × 100, held within 0–100, for a target on the better
// side of its baseline only (one on the worse side asks for a decline, and
// is marked so).
func (gs *GroupScores) SetBaseline(before *Scores) {
	if before == nil {
		return
	}
	baselines := IndexValues(before)
	for key, tf := range gs.Targets {
		b, ok := baselines[key]
		if !ok {
			continue
		}
		tf.Baseline = &b
		tf.AsksForDecline = AsksForDecline(key, tf.Target, b)
		if tf.Actual != nil && tf.Target != b && !tf.AsksForDecline {
			// The share of the way made, from 0 (no nearer than the
			// baseline, or further) to 100 (there or beyond).
			p := math.Max(0, math.Min(100, (*tf.Actual-b)/(tf.Target-b)*100))
			tf.Progress = &p
		}
		gs.Targets[key] = tf
	}
}

// LowerIsBetter reports the indices whose target is a decrease (entropy:
// the share of limiting values).
func LowerIsBetter(key string) bool { return key == "entropy" }

// AsksForDecline reports whether a target is on the worse side of its
// baseline (above it for entropy, where lower is better): such a target
// asks for a decline, and no progress towards it can be told.
func AsksForDecline(key string, target, baseline float64) bool {
	return !(TargetFigure{LowerIsBetter: LowerIsBetter(key)}).better(target, baseline)
}

// TargetRange is the range an index's figure, and so its target, can take:
// the workplace recommendation is % promoters − % detractors (−100..100),
// every other index 0..100 (docs/METHODOLOGY.md).
func TargetRange(key string) (lo, hi float64) {
	if key == "workplace_recommendation" {
		return -100, 100
	}
	return 0, 100
}

// IndexStats lists every index of a group by its target key, for targets,
// period comparisons and tables. The recommendation (−100..100) carries no SD.
func IndexStats(s *Scores) map[string]Stat {
	out := map[string]Stat{}
	if s == nil {
		return out
	}
	put := func(key string, st *Stat) {
		if st != nil {
			out[key] = *st
		}
	}
	if s.Implementation != nil {
		put("implementation", &s.Implementation.Stat)
		for v, st := range s.Implementation.Values {
			put("implementation."+v, &st)
		}
	}
	put("entropy", s.Entropy)
	put("positive_energy", s.PositiveEnergy)
	put("balance", s.Balance)
	put("culture_health", s.CultureHealth)
	put("retention_intention", s.RetentionIntention)
	if s.AlignmentPersonalCurrent != nil {
		put("alignment_personal_current", &s.AlignmentPersonalCurrent.Stat)
	}
	if s.AlignmentCurrentDesired != nil {
		put("alignment_current_desired", &s.AlignmentCurrentDesired.Stat)
	}
	if s.Engagement != nil {
		put("engagement", &s.Engagement.Stat)
	}
	if r := s.WorkplaceRecommendation; r != nil {
		put("workplace_recommendation", recommendationStat(r))
	}
	if e := s.Engagement; e != nil && e.Engaged != nil {
		for key, share := range map[string]*float64{"engagement.engaged": e.Engaged, "engagement.not_engaged": e.NotEngaged, "engagement.disengaged": e.Disengaged} {
			st := sharePercent(*share/100*float64(e.ClassesN), e.ClassesN)
			put(key, &st)
		}
	}
	if b := s.EmployerBranding; b != nil {
		put("employer_branding", &b.Stat)
		// Its parts are tested too, as the methodology promises.
		put("employer_branding.attractiveness", &b.Attractiveness)
		put("employer_branding.intention", &b.Intention)
		for d, st := range b.Dimensions {
			put("employer_branding.attractiveness."+d, &st)
		}
		if b.HighIntention != nil {
			st := sharePercent(*b.HighIntention/100*float64(b.HighIntentionN), b.HighIntentionN)
			put("employer_branding.high_intention", &st)
		}
		if r := b.Recommendation; r != nil {
			put("employer_branding.recommendation", recommendationStat(r))
		}
	}
	return out
}

// IndexValues is IndexStats reduced to the index figures.
func IndexValues(s *Scores) map[string]float64 {
	out := map[string]float64{}
	for k, st := range IndexStats(s) {
		out[k] = st.Index
	}
	return out
}

// Changes compares every index both periods show: now − before, each by
// its test, and the set shown together adjusted for its size by
// Benjamini–Hochberg (false discovery rate at Alpha): a change is called
// significant only if it holds after allowing for every comparison made
// beside it (docs/METHODOLOGY.md "Many comparisons").
func Changes(before, now *Scores) map[string]Change {
	if before == nil || now == nil {
		return nil
	}
	b := IndexStats(before)
	out := map[string]Change{}
	var tested []string
	for k, st := range IndexStats(now) {
		if old, ok := b[k]; ok {
			c := Compare(old, st)
			out[k] = c
			if c.Tested {
				tested = append(tested, k)
			}
		}
	}
	sort.Strings(tested)
	ps := make([]float64, len(tested))
	for i, k := range tested {
		ps[i] = *out[k].P
	}
	for i, adj := range benjaminiHochberg(ps) {
		c := out[tested[i]]
		sig := adj < Alpha
		c.PAdjusted, c.Significant, c.Comparisons = &adj, &sig, len(tested)
		out[tested[i]] = c
	}
	return out
}

// Adjust applies the Benjamini–Hochberg adjustment of Changes to any family
// of changes said together (units against their group, segments against
// each other), in place; untested ones are left as they are.
func Adjust(cs []Change) {
	var idx []int
	var ps []float64
	for i, c := range cs {
		if c.Tested {
			idx, ps = append(idx, i), append(ps, *c.P)
		}
	}
	for j, adj := range benjaminiHochberg(ps) {
		sig := adj < Alpha
		c := &cs[idx[j]]
		c.PAdjusted, c.Significant, c.Comparisons = &adj, &sig, len(idx)
	}
}

// TargetKeys are the index keys a target can be set for, in the order
// `scores` lists the indices: the BerAKHLAK index and its seven values,
// then culture, engagement and branding.
func TargetKeys() []string {
	keys := []string{"implementation"}
	for _, v := range questionnaire.CoreValues {
		keys = append(keys, "implementation."+v)
	}
	return append(keys, "entropy", "positive_energy", "balance", "alignment_personal_current",
		"alignment_current_desired", "culture_health", "engagement", "workplace_recommendation",
		"retention_intention", "employer_branding")
}

// moduleN is how many respondents a module's figures rest on.
func moduleN(s *Scores, module string) (int64, bool) {
	switch {
	case module == questionnaire.ModuleImplementation && s.Implementation != nil:
		return s.Implementation.N, true
	case module == questionnaire.ModuleValues && s.Entropy != nil:
		return s.Entropy.N, true
	case module == questionnaire.ModuleEngagement && s.Engagement != nil:
		return s.Engagement.N, true
	case module == questionnaire.ModuleBranding && s.EmployerBranding != nil:
		return s.EmployerBranding.N, true
	}
	return 0, false
}

func publicationWarnings(s *Scores, minimums map[string]int) []string {
	var out []string
	for _, module := range sortedKeys(minimums) {
		if n, ok := moduleN(s, module); ok && n < int64(minimums[module]) {
			out = append(out, fmt.Sprintf("%s rests on %d respondents, below the publication minimum of %d: read it with care", module, n, minimums[module]))
		}
	}
	return out
}
