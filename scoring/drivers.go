package scoring

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// Pair holds the running sums of two integer quantities over the
// respondents who gave both: enough, merged across groups, for their
// correlation (docs/METHODOLOGY.md "Drivers of engagement").
type Pair struct {
	N     int64 `json:"n"`
	SumX  int64 `json:"sum_x"`
	SumX2 int64 `json:"sum_x2"`
	SumY  int64 `json:"sum_y"`
	SumY2 int64 `json:"sum_y2"`
	SumXY int64 `json:"sum_xy"`
}

func (p *Pair) add(x, y int64) {
	p.N++
	p.SumX += x
	p.SumX2 += x * x
	p.SumY += y
	p.SumY2 += y * y
	p.SumXY += x * y
}

func (p *Pair) combine(o *Pair, sign int64) {
	p.N += sign * o.N
	p.SumX += sign * o.SumX
	p.SumX2 += sign * o.SumX2
	p.SumY += sign * o.SumY
	p.SumY2 += sign * o.SumY2
	p.SumXY += sign * o.SumXY
}

// What a value's implementation may drive: engagement (the nine items'
// total) and the intention to stay (eng.stay, 1..5).
const (
	TargetEngagement = "engagement"
	TargetStay       = "stay"
)

// DriverTargets in the order they are shown.
var DriverTargets = []string{TargetEngagement, TargetStay}

// DriverKey names the pair of a value and a target in Aggregate.Drivers.
func DriverKey(target, value string) string { return target + "/" + value }

// splitDriverKey is DriverKey's inverse.
func splitDriverKey(key string) (target, value string, ok bool) {
	target, value, ok = strings.Cut(key, "/")
	return target, value, ok && slices.Contains(DriverTargets, target) && slices.Contains(questionnaire.CoreValues, value)
}

// addDrivers pairs each value's implementation total (3..15) with the
// respondent's engagement total (9..45) and intention to stay (1..5), for
// a respondent who answered both.
func (a *Aggregate) addDrivers(scale map[string]int, totals map[string]int64) {
	engagement, engaged := totals[ScaleEngagement]
	stay, stays := scale[questionnaire.ItemEngStay]
	for i := range questionnaire.CoreValues {
		x, ok := totals[valueScales[i]]
		if !ok {
			continue
		}
		if engaged {
			a.pair(driverKeys[TargetEngagement][i]).add(x, engagement)
		}
		if stays {
			a.pair(driverKeys[TargetStay][i]).add(x, int64(stay))
		}
	}
}

// valueScales and driverKeys name each core value's scale and pairs, made
// once: a save adds fourteen pairs.
var (
	valueScales = func() []string {
		out := make([]string, len(questionnaire.CoreValues))
		for i, v := range questionnaire.CoreValues {
			out[i] = ValueScale(v)
		}
		return out
	}()
	driverKeys = func() map[string][]string {
		out := map[string][]string{}
		for _, target := range DriverTargets {
			for _, v := range questionnaire.CoreValues {
				out[target] = append(out[target], DriverKey(target, v))
			}
		}
		return out
	}()
)

func (a *Aggregate) pair(key string) *Pair {
	p := a.Drivers[key]
	if p == nil {
		p = &Pair{}
		a.Drivers[key] = p
	}
	return p
}

// MinDriverN is the fewest respondents a correlation is shown for: below
// it the confidence interval is too wide to rank values by.
const MinDriverN = 30

// Driver is how strongly a value's implementation goes with a target.
type Driver struct {
	Value string `json:"value"`
	// Index is the value's implementation index (0..100) in the same group.
	Index float64 `json:"index"`
	// R is Pearson's correlation over the N respondents who answered both;
	// Low and High its 95 % confidence interval (Fisher's z).
	R    float64 `json:"r"`
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	N    int64   `json:"n"`
	// Quadrant places the value against the group's others (placeQuadrants):
	// important when its r's interval lies above 0 and above the median r
	// of the others, minor when it lies below that median; strong when its
	// index is at least the others' median index. A value whose interval
	// overlaps one placed otherwise cannot be told apart: QuadrantAlike.
	Quadrant string `json:"quadrant"`
	// RWhole is r over the whole group; R is pooled within its parts
	// (within.go), Parts of them, when the group has units under it.
	RWhole float64 `json:"r_whole"`
	Parts  int     `json:"within_parts,omitempty"`
}

// Quadrants of the driver plot.
const (
	QuadrantStrongImportant = "strong-important" // keep it up
	QuadrantWeakImportant   = "weak-important"   // improve first
	QuadrantStrongMinor     = "strong-minor"
	QuadrantWeakMinor       = "weak-minor"
	// QuadrantAlike: its interval overlaps a value placed otherwise; no
	// claim of importance is made for it.
	QuadrantAlike = "alike"
)

// Correlation is Pearson's r of a pair and its 95 % confidence interval;
// ok is false below four respondents or when either quantity never varies.
func (p Pair) Correlation() (r, low, high float64, ok bool) {
	n := float64(p.N)
	sxx := n*float64(p.SumX2) - float64(p.SumX)*float64(p.SumX)
	syy := n*float64(p.SumY2) - float64(p.SumY)*float64(p.SumY)
	sxy := n*float64(p.SumXY) - float64(p.SumX)*float64(p.SumY)
	if p.N < 4 || sxx <= 0 || syy <= 0 {
		return 0, 0, 0, false
	}
	r = max(-1, min(1, sxy/math.Sqrt(sxx*syy)))
	if math.Abs(r) == 1 { // a perfect line: no interval around it
		return r, r, r, true
	}
	z, half := math.Atanh(r), 1.959964/math.Sqrt(n-3)
	return r, math.Tanh(z - half), math.Tanh(z + half), true
}

// drivers ranks the values by their correlation with each target, where at
// least MinDriverN respondents answered both; nil when none qualifies.
func drivers(a *Aggregate, im *Implementation) map[string][]Driver {
	if im == nil {
		return nil
	}
	out := map[string][]Driver{}
	for _, target := range DriverTargets {
		var ds []Driver
		for _, v := range questionnaire.CoreValues {
			p := a.Drivers[DriverKey(target, v)]
			if p == nil || p.N < MinDriverN {
				continue
			}
			if r, low, high, ok := p.Correlation(); ok {
				ds = append(ds, Driver{Value: v, Index: im.Values[v].Index, R: r, Low: low, High: high, N: p.N})
			}
		}
		if len(ds) == 0 {
			continue
		}
		slices.SortStableFunc(ds, func(x, y Driver) int { return cmp.Compare(y.R, x.R) })
		placeQuadrants(ds)
		out[target] = ds
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// placeQuadrants places each value against the median of the *other*
// values (the methodology's rule: its own r had counted in its median, and
// moved 9 of 56 placements): important only when its r's interval lies
// above both 0 and the others' median r, minor when it lies below that
// median; then, until nothing changes, two values whose intervals overlap
// but whose importance differs are both called alike — values that cannot
// be told apart are never split into different quadrants (issue 31 saw r =
// −0.012 called "strong & important" from noise).
func placeQuadrants(ds []Driver) {
	const important, minor, alike = 1, -1, 0
	level := make([]int, len(ds))
	for i, d := range ds {
		medR := medianOfOthers(ds, i, func(d Driver) float64 { return d.R })
		switch {
		case d.Low > 0 && d.Low > medR:
			level[i] = important
		case d.High < medR:
			level[i] = minor
		default:
			level[i] = alike
		}
	}
	for changed := true; changed; {
		changed = false
		for i := range ds {
			for j := range ds {
				overlap := ds[i].Low <= ds[j].High && ds[j].Low <= ds[i].High
				if i != j && overlap && level[i] != level[j] && level[i] != alike {
					level[i], changed = alike, true
				}
			}
		}
	}
	for i := range ds {
		strong := ds[i].Index >= medianOfOthers(ds, i, func(d Driver) float64 { return d.Index })
		switch {
		case level[i] == alike:
			ds[i].Quadrant = QuadrantAlike
		case strong && level[i] == important:
			ds[i].Quadrant = QuadrantStrongImportant
		case level[i] == important:
			ds[i].Quadrant = QuadrantWeakImportant
		case strong:
			ds[i].Quadrant = QuadrantStrongMinor
		default:
			ds[i].Quadrant = QuadrantWeakMinor
		}
	}
}

// medianOfOthers is the median of f over every driver but ds[i]; with no
// other, f of ds[i] itself.
func medianOfOthers(ds []Driver, i int, f func(Driver) float64) float64 {
	var xs []float64
	for j, d := range ds {
		if j != i {
			xs = append(xs, f(d))
		}
	}
	if len(xs) == 0 {
		return f(ds[i])
	}
	return Median(xs)
}

// Median is the middle of xs (the mean of the two middle ones for an even
// count).
func Median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
