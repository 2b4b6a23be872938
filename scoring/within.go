package scoring

import (
	"cmp"
	"math"
	"slices"
)

// Drivers within units (docs/METHODOLOGY.md "Drivers of engagement"): a
// correlation over a whole group also grows from differences *between* its
// units — a unit where both figures are high beside one where both are low
// — which no unit shows inside. So a group's r is pooled within its parts:
// the subtree of each unit directly under it, and its own respondents;
// each part's sums are centred on its own means,
//
//	r_within = Σ_p S_xy,p / √(Σ_p S_xx,p · Σ_p S_yy,p),   S_xy,p = Σxy − Σx·Σy / n_p,
//
// with the 95 % interval of Fisher's z at n − parts − 2 degrees of freedom
// (n − 3 for one part). The whole group's r stays in RWhole.

// centred are one part's centred sums of a pair.
type centred struct{ sxx, syy, sxy float64 }

func centredOf(p Pair) centred {
	if p.N < 2 {
		return centred{}
	}
	n := float64(p.N)
	return centred{
		sxx: float64(p.SumX2) - float64(p.SumX)*float64(p.SumX)/n,
		syy: float64(p.SumY2) - float64(p.SumY)*float64(p.SumY)/n,
		sxy: float64(p.SumXY) - float64(p.SumX)*float64(p.SumY)/n,
	}
}

// minus is p − q, sum by sum: a group's own respondents are its total less
// its parts'.
func (p Pair) minus(q Pair) Pair {
	return Pair{N: p.N - q.N, SumX: p.SumX - q.SumX, SumX2: p.SumX2 - q.SumX2, SumY: p.SumY - q.SumY, SumY2: p.SumY2 - q.SumY2, SumXY: p.SumXY - q.SumXY}
}

// withinParts pools each driver's correlation within parts (the subtrees
// of the units directly under the group), whole being the group's sums;
// the group's own respondents are the remainder. Drivers are ranked and
// placed again on the pooled r. With fewer than two parts holding
// respondents the whole-group r stands.
func withinParts(ds map[string][]Driver, whole *Aggregate, parts []map[string]*Pair) {
	for target, list := range ds {
		for i := range list {
			d := &list[i]
			d.RWhole = d.R
			key := DriverKey(target, d.Value)
			total := pairOf(whole.Drivers, key)
			rest, groups := total, 0
			var sum centred
			for _, part := range parts {
				p := pairOf(part, key)
				rest = rest.minus(p)
				if p.N > 0 {
					c := centredOf(p)
					sum.sxx, sum.syy, sum.sxy = sum.sxx+c.sxx, sum.syy+c.syy, sum.sxy+c.sxy
					groups++
				}
			}
			if rest.N > 0 {
				c := centredOf(rest)
				sum.sxx, sum.syy, sum.sxy = sum.sxx+c.sxx, sum.syy+c.syy, sum.sxy+c.sxy
				groups++
			}
			df := float64(total.N) - float64(groups) - 2
			if groups < 2 || sum.sxx <= 0 || sum.syy <= 0 || df < 1 {
				continue
			}
			r := max(-1, min(1, sum.sxy/math.Sqrt(sum.sxx*sum.syy)))
			d.R, d.Low, d.High, d.Parts = r, r, r, groups
			if math.Abs(r) < 1 {
				z, half := math.Atanh(r), 1.959964/math.Sqrt(df)
				d.Low, d.High = math.Tanh(z-half), math.Tanh(z+half)
			}
		}
		slices.SortStableFunc(list, func(x, y Driver) int { return cmp.Compare(y.R, x.R) })
		placeQuadrants(list)
	}
}

func pairOf(pairs map[string]*Pair, key string) Pair {
	if pairs[key] == nil {
		return Pair{}
	}
	return *pairs[key]
}
