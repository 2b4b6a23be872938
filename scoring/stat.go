package scoring

import "math"

// Stat is one index with the statistics shown beside it.
type Stat struct {
	Index float64 `json:"index"`
	Band  string  `json:"band,omitempty"`
	// BandNote says why Band is absent (BandTooFew).
	BandNote string   `json:"band_note,omitempty"`
	N        int64    `json:"n"`
	SD       *float64 `json:"sd,omitempty"`
	// CI95 is mean ± 1.96·SD/√n, given only when n ≥ 30 and cut at the
	// scale's ends; a share's is Wilson's, at every n.
	CI95  *[2]float64 `json:"ci95,omitempty"`
	Alpha *float64    `json:"alpha,omitempty"`
	// AlphaNote says why α is absent (AlphaTooFew) or to be read with care
	// (AlphaNegative).
	AlphaNote string `json:"alpha_note,omitempty"`
	// StdErr is the standard error of an index that is not a mean of
	// respondent scores (a share, a recommendation index); a mean's comes
	// from its SD. Neither: the index's change cannot be tested.
	StdErr *float64 `json:"se,omitempty"`

	// What Compare tests a change of this figure by (inference.go): a
	// mean (by its SD), a share (yes of N), a recommendation index (its
	// promoters and detractors of N), or another index (by StdErr).
	kind                       statKind
	yes, promoters, detractors int64
}

// MinNForAlpha is the smallest n Cronbach's α is shown for: below it the
// estimate swings too far to judge a scale by (TestAlphaNeedsThirty).
const MinNForAlpha = 30

// Why α is not shown, or shown with a warning.
const (
	AlphaTooFew   = "too-few"  // fewer than MinNForAlpha respondents: not shown
	AlphaNegative = "negative" // shown, but the items do not hang together here
)

// MinNForCI is the smallest n for which a confidence interval is shown.
const MinNForCI = 30

// SE is the index's standard error: StdErr where given, else SD/√n; ok is
// false when it has none (its change cannot be tested).
func (s Stat) SE() (se float64, ok bool) {
	switch {
	case s.StdErr != nil:
		return *s.StdErr, true
	case s.SD != nil && s.N > 0:
		return *s.SD / math.Sqrt(float64(s.N)), true
	}
	return 0, false
}

// meanStat builds a banded Stat from a mean and SD on the 0..100 scale.
func meanStat(mean, sd float64, n int64) Stat {
	s := Stat{Index: mean, Band: Band(mean), N: n, kind: kindMean}
	if n >= 2 {
		s.SD = &sd
	}
	if n >= MinNForCI {
		h := 1.96 * sd / math.Sqrt(float64(n))
		s.CI95 = clipped(mean-h, mean+h, 0, 100)
	}
	return s
}

// clipped is an interval cut at its scale's ends: the true figure lies
// inside them, so the cut interval covers it at least as often as the whole
// one did (a group of 29 fives and one 1 had shown 90.1–103.2).
func clipped(lo, hi, min, max float64) *[2]float64 {
	return &[2]float64{math.Max(lo, min), math.Min(hi, max)}
}

// wilson is the Wilson score interval of a share yes/n in %, which stays
// inside 0–100 and is sound at every n (retention 29 of 30: 83.3–99.4).
func wilson(yes float64, n int64) *[2]float64 {
	const z = 1.96
	nn := float64(n)
	p := yes / nn
	centre := (p + z*z/(2*nn)) / (1 + z*z/nn)
	half := z * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn)) / (1 + z*z/nn)
	return &[2]float64{100 * math.Max(centre-half, 0), 100 * math.Min(centre+half, 1)}
}

// scaleStat turns a scale aggregate into its index: the mean respondent
// score in POMP, ((total/k) − min)/(max − min)·100, with SD, CI and alpha.
func scaleStat(sc *Scale, def ScaleDef) (Stat, bool) {
	if sc == nil || sc.Total.N == 0 {
		return Stat{}, false
	}
	k := float64(len(def.Items))
	span := float64(def.Max - def.Min)
	mean := (sc.Total.Mean()/k - float64(def.Min)) / span * 100
	sd := sc.Total.SD() / k / span * 100
	st := meanStat(mean, sd, sc.Total.N)
	if a, ok := sc.alpha(); ok {
		switch {
		case sc.Total.N < MinNForAlpha:
			st.AlphaNote = AlphaTooFew
		case a < 0:
			st.Alpha, st.AlphaNote = &a, AlphaNegative
		default:
			st.Alpha = &a
		}
	}
	return st, true
}

// shareStat is the percentage yes/n, unbanded, with the standard error of a
// proportion, 100·√(p(1−p)/n).
func shareStat(s Share) (Stat, bool) {
	if s.N == 0 {
		return Stat{}, false
	}
	return sharePercent(float64(s.Yes), s.N), true
}

func sharePercent(yes float64, n int64) Stat {
	p := yes / float64(n)
	se := 100 * math.Sqrt(p*(1-p)/float64(n))
	return Stat{Index: 100 * p, N: n, StdErr: &se, CI95: wilson(yes, n), kind: kindShare, yes: int64(math.Round(yes))}
}

// recommendationStat is a recommendation index as a Stat, with the counts
// its change test needs.
func recommendationStat(r *Recommendation) *Stat {
	n := float64(r.N)
	return &Stat{Index: r.Index, N: r.N, StdErr: &r.StdErr, CI95: r.CI95, kind: kindRecommendation,
		promoters: int64(math.Round(r.Promoters / 100 * n)), detractors: int64(math.Round(r.Detractors / 100 * n))}
}

// Change is the difference between two periods' figures of one index.
// Tested is false where the index has no test (entropy, balance, the
// alignments, culture health): then Significant is absent, never "false".
// P is the test's two-sided p; PAdjusted the Benjamini–Hochberg p over the
// Comparisons changes shown together (Changes), which Significant follows.
type Change struct {
	Delta       float64  `json:"delta"`
	Tested      bool     `json:"tested"`
	Significant *bool    `json:"significant,omitempty"`
	Test        string   `json:"test,omitempty"`
	P           *float64 `json:"p,omitempty"`
	PAdjusted   *float64 `json:"p_adjusted,omitempty"`
	Comparisons int      `json:"comparisons,omitempty"`
}

// Compare returns now − before with the test its kind of figure takes
// (inference.go), significant at Alpha on its own; Changes adjusts a set.
func Compare(before, now Stat) Change {
	c := Change{Delta: now.Index - before.Index}
	var p float64
	switch {
	case before.kind == kindShare && now.kind == kindShare && before.N > 0 && now.N > 0:
		p, c.Test = shareTest(before.yes, before.N, now.yes, now.N)
	case before.kind == kindRecommendation && now.kind == kindRecommendation && before.N > 0 && now.N > 0:
		p, c.Test = recommendationTest(before.promoters, before.detractors, before.N, now.promoters, now.detractors, now.N)
	case before.kind == kindMean && now.kind == kindMean && before.SD != nil && now.SD != nil:
		if *before.SD == 0 && *now.SD == 0 {
			p, c.Test = permutationDegenerate(before.Index, before.N, now.Index, now.N), TestPermutation
		} else {
			p, c.Test = welch(before.Index, *before.SD, before.N, now.Index, *now.SD, now.N), TestWelch
		}
	default:
		se1, ok1 := before.SE()
		se2, ok2 := now.SE()
		se := math.Sqrt(se1*se1 + se2*se2)
		if !ok1 || !ok2 || se == 0 {
			return c
		}
		p, c.Test = normalTwoSided(c.Delta/se), TestZ
	}
	sig := p < Alpha
	c.Tested, c.P, c.Significant = true, &p, &sig
	return c
}

// ProposeTarget is the default target of an index for the next period: the
// baseline plus a tenth of its gap to 100, or, for an index where lower is
// better (entropy), minus a tenth of its distance to 0.
func ProposeTarget(key string, baseline float64) float64 {
	if LowerIsBetter(key) {
		return baseline - baseline/10
	}
	return baseline + (100-baseline)/10
}
