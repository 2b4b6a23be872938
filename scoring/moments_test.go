package scoring

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestSmallVarianceIsBigRatsToTheBit: where the integer path applies, it
// gives exactly big.Rat's correctly rounded result; near and past 2⁵³ it
// steps aside.
func TestSmallVarianceIsBigRatsToTheBit(t *testing.T) {
	exact := func(m Moments) float64 {
		n, s, q := big.NewInt(m.N), big.NewInt(m.Sum), big.NewInt(m.SumSq)
		num := new(big.Int).Sub(new(big.Int).Mul(n, q), new(big.Int).Mul(s, s))
		v, _ := new(big.Rat).SetFrac(num, new(big.Int).Mul(n, big.NewInt(m.N-1))).Float64()
		return math.Max(v, 0)
	}
	rng := rand.New(rand.NewPCG(13, 13))
	used := 0
	for i := range 200000 {
		var m Moments
		switch i % 3 {
		case 0: // answers on a small scale, few respondents
			for range 2 + rng.IntN(50) {
				m.Add(int64(rng.IntN(16)))
			}
		default: // large sums, up to and past the 53-bit edge
			n := int64(2 + rng.IntN(5_000_000))
			x := int64(rng.IntN(1 << uint(1+rng.IntN(20))))
			m = Moments{N: n, Sum: n * x / 2, SumSq: n * x * x / 3}
			if m.N*m.SumSq < m.Sum*m.Sum || m.SumSq < 0 {
				continue
			}
		}
		v, ok := m.smallVariance()
		if !ok {
			continue
		}
		used++
		if want := exact(m); v != want {
			t.Fatalf("%+v: %v by integers, %v by big.Rat", m, v, want)
		}
	}
	if used < 100000 {
		t.Fatalf("the integer path served only %d of the cases", used)
	}
	huge := Moments{N: 1 << 40, Sum: 1 << 40, SumSq: 1 << 41}
	if _, ok := huge.smallVariance(); ok {
		t.Fatal("the integer path took a case past 2⁵³")
	}
}

// BenchmarkGroupFigures computes one group's figures from its sums, as
// every row of a national view does.
func BenchmarkGroupFigures(b *testing.B) {
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(17, 17))
	asn, public := NewAggregate(), NewAggregate()
	for range 200 {
		asn.Add(in.SampleResponse(rng, "asn", "2026", "u", "2026-11-27", 0))
		public.Add(in.SampleResponse(rng, "public", "2026", "u", "2026-11-27", 0))
	}
	g := NewGroups([]Node{{ID: "u"}}, map[string]map[string]*Aggregate{"asn": {"u": asn}, "public": {"u": public}}, nil)
	set := Settings{Survey: "2026", K: 5}
	for b.Loop() {
		_ = g.Group("u", set, in)
	}
}
