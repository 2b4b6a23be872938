// Package scoring turns answers into the indices of docs/METHODOLOGY.md. It does no
// I/O: its inputs are running aggregates (integer counts and sums) that merge
// exactly across units and periods, in any order.
package scoring

import (
	"math"
	"math/big"
	"math/bits"
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
	if v, ok := m.smallVariance(); ok {
		return v
	}
	n, s, q := big.NewInt(m.N), big.NewInt(m.Sum), big.NewInt(m.SumSq)
	num := new(big.Int).Sub(new(big.Int).Mul(n, q), new(big.Int).Mul(s, s))
	den := new(big.Int).Mul(n, big.NewInt(m.N-1))
	v, _ := new(big.Rat).SetFrac(num, den).Float64()
	return math.Max(v, 0)
}

// exact53 is below 2⁵³: every integer up to it is a float64 exactly.
const exact53 = 1 << 53

// smallVariance is Variance without big numbers when the numerator and the
// denominator both fit float64's 53 bits exactly: one IEEE division of two
// exact operands is correctly rounded, as big.Rat's Float64 is, so the
// result is the same to the last bit (a test holds them equal). The national
// view computes thousands of variances per update; big.Rat was 14 % of it.
func (m Moments) smallVariance() (float64, bool) {
	if m.N <= 0 || m.Sum < 0 || m.SumSq < 0 {
		return 0, false
	}
	hiNQ, nq := bits.Mul64(uint64(m.N), uint64(m.SumSq))
	hiSS, ss := bits.Mul64(uint64(m.Sum), uint64(m.Sum))
	hiDen, den := bits.Mul64(uint64(m.N), uint64(m.N-1))
	if hiNQ != 0 || hiSS != 0 || hiDen != 0 || nq < ss || nq-ss >= exact53 || den >= exact53 {
		return 0, false
	}
	return float64(nq-ss) / float64(den), true
}

// SD is the sample standard deviation.
func (m Moments) SD() float64 { return math.Sqrt(m.Variance()) }
