// Package scoring turns answers into the indices of docs/METHODOLOGY.md. It does no
// I/O: its inputs are running aggregates (integer counts and sums) that merge
// exactly across units and periods, in any order.
package scoring

import (
	"math"
	"math/big"
)

// Moments are the running count, sum and sum of squares of an integer
// quantity, one per respondent.
type Moments struct {
	N     int64 `json:"n"`
	Sum   int64 `json:"sum"`
	SumSq int64 `json:"sumsq"`
}

// Add counts one respondent's value.
func (m *Moments) Add(x int64) {
	m.N++
	m.Sum += x
	m.SumSq += x * x
}

// Merge adds another group's moments.
func (m *Moments) Merge(o Moments) { m.combine(o, 1) }

func (m *Moments) combine(o Moments, sign int64) {
	m.N += sign * o.N
	m.Sum += sign * o.Sum
	m.SumSq += sign * o.SumSq
}

// Mean is Sum/N (0 when N is 0).
func (m Moments) Mean() float64 {
	if m.N == 0 {
		return 0
	}
	return float64(m.Sum) / float64(m.N)
}

// Variance is the sample variance, computed exactly as
// (N·SumSq − Sum²) / (N·(N−1)); 0 when N < 2.
func (m Moments) Variance() float64 {
	if m.N < 2 {
		return 0
	}
	n, s, q := big.NewInt(m.N), big.NewInt(m.Sum), big.NewInt(m.SumSq)
	num := new(big.Int).Sub(new(big.Int).Mul(n, q), new(big.Int).Mul(s, s))
	den := new(big.Int).Mul(n, big.NewInt(m.N-1))
	v, _ := new(big.Rat).SetFrac(num, den).Float64()
	return math.Max(v, 0)
}

// SD is the sample standard deviation.
func (m Moments) SD() float64 { return math.Sqrt(m.Variance()) }
