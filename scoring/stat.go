package scoring

import "math"

// Stat is one index with the statistics shown beside it.
type Stat struct {
	Index float64  `json:"index"`
	Band  string   `json:"band,omitempty"`
	N     int64    `json:"n"`
	SD    *float64 `json:"sd,omitempty"`
	// CI95 is mean ± 1.96·SD/√n, given only when n ≥ 30.
	CI95  *[2]float64 `json:"ci95,omitempty"`
	Alpha *float64    `json:"alpha,omitempty"`
}

// MinNForCI is the smallest n for which a confidence interval is shown.
const MinNForCI = 30

// SE is the standard error SD/√n (0 without an SD).
func (s Stat) SE() float64 {
	if s.SD == nil || s.N == 0 {
		return 0
	}
	return *s.SD / math.Sqrt(float64(s.N))
}

// meanStat builds a banded Stat from a mean and SD on the 0..100 scale.
func meanStat(mean, sd float64, n int64) Stat {
	s := Stat{Index: mean, Band: Band(mean), N: n}
	if n >= 2 {
		s.SD = &sd
	}
	if n >= MinNForCI {
		h := 1.96 * sd / math.Sqrt(float64(n))
		s.CI95 = &[2]float64{mean - h, mean + h}
	}
	return s
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
		st.Alpha = &a
	}
	return st, true
}

// shareStat is the percentage yes/n, unbanded.
func shareStat(s Share) (Stat, bool) {
	if s.N == 0 {
		return Stat{}, false
	}
	return Stat{Index: 100 * float64(s.Yes) / float64(s.N), N: s.N}, true
}

// Change is the difference between two periods' figures of one index.
type Change struct {
	Delta       float64 `json:"delta"`
	Significant bool    `json:"significant"`
}

// Compare returns now − before, significant when |Δ| > 1.96·√(SE₁² + SE₂²).
// Without standard errors (no SD) nothing is marked significant.
func Compare(before, now Stat) Change {
	d := now.Index - before.Index
	se := math.Sqrt(before.SE()*before.SE() + now.SE()*now.SE())
	return Change{Delta: d, Significant: se > 0 && math.Abs(d) > 1.96*se}
}

// ProposeTarget is the default target for the next period: the baseline plus
// a tenth of its gap to 100.
func ProposeTarget(baseline float64) float64 { return baseline + (100-baseline)/10 }
