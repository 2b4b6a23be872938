package scoring

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mathext"
)

// Which test, when (docs/METHODOLOGY.md "Which test, when"): a change of a
// mean is tested by Welch's t with Welch–Satterthwaite degrees of freedom,
// or, when both periods have no spread, by its exact permutation p; a share
// by Fisher's exact test for groups under 200 together or when an expected
// count is under 5, else the pooled two-proportion z; a recommendation index (each respondent +100, 0 or
// −100) by the exact conditional test on its 2×3 table; any other index
// with a standard error in both periods by z. The changes shown together are
// adjusted by Benjamini–Hochberg (Changes).

// Names of the tests, as `--json` gives them.
const (
	TestWelch       = "welch-t"
	TestPermutation = "exact-permutation"
	TestFisher      = "fisher-exact"
	TestPooledZ     = "pooled-z"
	TestExact2x3    = "exact-2x3"
	TestZ           = "z"
)

// Alpha is the level every change is tested at.
const Alpha = 0.05

// statKind says which test a Stat's change takes, with the counts it needs.
type statKind int

const (
	kindOther statKind = iota
	kindMean
	kindShare
	kindRecommendation
)

// welch is the two-sided p of Welch's t for two means with sample SDs.
func welch(m1, s1 float64, n1 int64, m2, s2 float64, n2 int64) float64 {
	v1, v2 := s1*s1/float64(n1), s2*s2/float64(n2)
	se := math.Sqrt(v1 + v2)
	t := (m2 - m1) / se
	df := (v1 + v2) * (v1 + v2) / (v1*v1/float64(n1-1) + v2*v2/float64(n2-1))
	return studentTwoSided(t, df)
}

// permutationDegenerate is the exact permutation p of two groups with no
// spread: if their values differ, the observed split is the most extreme of
// C(n₁+n₂, n₁) equally likely ones, at either end.
func permutationDegenerate(m1 float64, n1 int64, m2 float64, n2 int64) float64 {
	if math.Abs(m1-m2) < 1e-9 {
		return 1
	}
	return math.Min(1, 2*math.Exp(-logChoose(n1+n2, n1)))
}

// studentTwoSided is P(|T| ≥ |t|) for Student's t with df degrees of freedom.
func studentTwoSided(t, df float64) float64 {
	if math.IsInf(t, 0) {
		return 0
	}
	return mathext.RegIncBeta(df/2, 0.5, df/(df+t*t))
}

// normalTwoSided is P(|Z| ≥ |z|).
func normalTwoSided(z float64) float64 { return math.Erfc(math.Abs(z) / math.Sqrt2) }

// exactShareBelow is the combined size below which shares are always
// tested exactly: the pooled z's level drifts above 5 % on the discrete
// shares of small groups (6.75 % for retention at 60 a period, by the
// simulation of TestNoSignificanceFromNoise), and Fisher's test is cheap.
const exactShareBelow = 200

// shareTest compares yes₁/n₁ with yes₂/n₂: Fisher's exact test for groups
// under exactShareBelow together or with an expected count under 5, else the
// pooled two-proportion z.
func shareTest(y1, n1, y2, n2 int64) (p float64, test string) {
	yes, no, n := y1+y2, (n1-y1)+(n2-y2), n1+n2
	small := n < exactShareBelow
	for _, row := range []int64{n1, n2} {
		for _, col := range []int64{yes, no} {
			small = small || float64(row)*float64(col)/float64(n) < 5
		}
	}
	if small {
		return fisher(y1, n1, y2, n2), TestFisher
	}
	pool := float64(yes) / float64(n)
	se := math.Sqrt(pool * (1 - pool) * (1/float64(n1) + 1/float64(n2)))
	if se == 0 {
		return 1, TestPooledZ
	}
	return normalTwoSided((float64(y2)/float64(n2) - float64(y1)/float64(n1)) / se), TestPooledZ
}

// fisher is the two-sided p of Fisher's exact test: the probability, with
// the margins fixed, of every table no more likely than the one seen.
func fisher(y1, n1, y2, n2 int64) float64 {
	yes, n := y1+y2, n1+n2
	logP := func(x int64) float64 {
		return logChoose(n1, x) + logChoose(n2, yes-x) - logChoose(n, yes)
	}
	seen := logP(y1)
	var p float64
	for x := max(0, yes-n2); x <= min(yes, n1); x++ {
		if lp := logP(x); lp <= seen+1e-7 {
			p += math.Exp(lp)
		}
	}
	return math.Min(p, 1)
}

// maxExactTables bounds the tables the exact recommendation test adds up;
// past it the ±100/0 scores are compared by Welch's t, which is sound there.
const maxExactTables = 2_000_000

// recommendationTest compares two recommendation indices from their
// promoters, detractors and respondents.
func recommendationTest(p1, d1, n1, p2, d2, n2 int64) (p float64, test string) {
	P, D, N := p1+p2, d1+d2, n1+n2
	Q := N - P - D
	if (min(P, n1)+1)*(min(D, n1)+1) > maxExactTables {
		m1, s1 := npsMoments(p1, d1, n1)
		m2, s2 := npsMoments(p2, d2, n2)
		if s1 == 0 && s2 == 0 {
			return permutationDegenerate(m1, n1, m2, n2), TestPermutation
		}
		return welch(m1, s1, n1, m2, s2, n2), TestWelch
	}
	score := func(pp, dd, nn int64) float64 { return 100 * float64(pp-dd) / float64(nn) }
	seen := math.Abs(score(p1, d1, n1) - score(p2, d2, n2))
	logTotal := logChoose(N, n1)
	for a := max(0, P-n2); a <= min(P, n1); a++ {
		for c := max(0, D-n2); c <= min(D, n1-a); c++ {
			b := n1 - a - c // passives in the first group
			if b < 0 || b > Q || Q-b > n2 {
				continue
			}
			if math.Abs(score(a, c, n1)-score(P-a, D-c, n2)) >= seen-1e-9 {
				p += math.Exp(logChoose(P, a) + logChoose(Q, b) + logChoose(D, c) - logTotal)
			}
		}
	}
	return math.Min(p, 1), TestExact2x3
}

// npsMoments are the mean and sample SD of the ±100/0 scores.
func npsMoments(p, d, n int64) (mean, sd float64) {
	mean = 100 * float64(p-d) / float64(n)
	if n < 2 {
		return mean, 0
	}
	ss := float64(p)*(100-mean)*(100-mean) + float64(d)*(-100-mean)*(-100-mean) + float64(n-p-d)*mean*mean
	return mean, math.Sqrt(ss / float64(n-1))
}

// benjaminiHochberg returns the adjusted p-values of a family of tests:
// p₍ᵢ₎·m/i, made monotone from the largest down, at most 1.
func benjaminiHochberg(ps []float64) []float64 {
	m := len(ps)
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case ps[a] < ps[b]:
			return -1
		case ps[a] > ps[b]:
			return 1
		}
		return 0
	})
	adj := make([]float64, m)
	running := 1.0
	for r := m - 1; r >= 0; r-- {
		i := order[r]
		running = math.Min(running, ps[i]*float64(m)/float64(r+1))
		adj[i] = math.Min(running, 1)
	}
	return adj
}

// logChoose is log C(n, k).
func logChoose(n, k int64) float64 {
	if k < 0 || k > n {
		return math.Inf(-1)
	}
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}
