package db

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// benchUnits is the organisation of the benchmark databases: 20 units.
var benchUnits = func() []scoring.Node {
	nodes := []scoring.Node{{ID: RootUnitID}}
	for i := range 19 {
		nodes = append(nodes, scoring.Node{ID: fmt.Sprintf("u%02d", i), Parent: RootUnitID})
	}
	return nodes
}()

var (
	benchMu     sync.Mutex
	benchStores = map[int]*Store{}
	benchDir    string
)

// benchStore returns a database holding n random responses (80 % ASN),
// spread over the benchmark units. It is built once per process and size.
func benchStore(b *testing.B, n int) *Store {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if s, ok := benchStores[n]; ok {
		return s
	}
	if benchDir == "" {
		dir, err := os.MkdirTemp("", "berakhlak-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
	}
	s, err := Open(filepath.Join(benchDir, fmt.Sprintf("%d.db", n)), testNow)
	if err != nil {
		b.Fatal(err)
	}
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(uint64(n), 3))
	batch := make([]*questionnaire.Response, 0, 10000)
	for i := range n {
		aud := questionnaire.AudienceASN
		if i%5 == 4 {
			aud = questionnaire.AudiencePublic
		}
		unit := benchUnits[rng.IntN(len(benchUnits))].ID
		batch = append(batch, in.SampleResponse(rng, aud, "2026", unit, "2026-11-27", 0))
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := s.SaveResponses(batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	benchStores[n] = s
	return s
}

func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		crashChild(path) // never returns: it is killed
	}
	code := m.Run()
	for _, s := range benchStores {
		s.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// wholeSurveyFromAggregates is what `berakhlak scores` does.
func wholeSurveyFromAggregates(s *Store, in *questionnaire.Instrument) (scoring.GroupScores, error) {
	aggs, err := s.Released("2026")
	if err != nil {
		return scoring.GroupScores{}, err
	}
	g := scoring.NewGroups(benchUnits, aggs, nil)
	return g.Group("", scoring.Settings{Survey: "2026", K: 5}, in), nil
}

// wholeSurveyByScan reads and aggregates every stored response.
func wholeSurveyByScan(s *Store, in *questionnaire.Instrument) (scoring.GroupScores, error) {
	aggs, err := s.RecomputeAggregates("2026")
	if err != nil {
		return scoring.GroupScores{}, err
	}
	// A benchmark's baseline: live sums taken as figures on purpose.
	g := scoring.NewGroups(benchUnits, scoring.Released(aggs), nil)
	return g.Group("", scoring.Settings{Survey: "2026", K: 5}, in), nil
}

// benchSizes are the database sizes of BenchmarkScoresWholeSurvey; the
// 1,000,000 database takes minutes to build, so BERAKHLAK_BENCH_MAX can cap
// them for repeated runs.
var benchSizes = func() []int {
	sizes := []int{10_000, 100_000, 1_000_000}
	if limit, err := strconv.Atoi(os.Getenv("BERAKHLAK_BENCH_MAX")); err == nil {
		for len(sizes) > 0 && sizes[len(sizes)-1] > limit {
			sizes = sizes[:len(sizes)-1]
		}
	}
	return sizes
}()

// BenchmarkScoresWholeSurvey compares the aggregate path with a full scan at
// each size; the aggregate path should not grow with the number of responses.
func BenchmarkScoresWholeSurvey(b *testing.B) {
	in := questionnaire.Default()
	for _, n := range benchSizes {
		s := benchStore(b, n)
		b.Run(fmt.Sprintf("aggregates/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := wholeSurveyFromAggregates(s, in); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("scan/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := wholeSurveyByScan(s, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestAggregatePathEqualsScan: the two paths of the benchmark agree.
func TestAggregatePathEqualsScan(t *testing.T) {
	s := openTemp(t)
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(1, 1))
	var rs []*questionnaire.Response
	for i := range 200 {
		aud := []string{"asn", "public"}[i%2]
		rs = append(rs, in.SampleResponse(rng, aud, "2026", benchUnits[i%len(benchUnits)].ID, "2026-11-27", 0.02))
	}
	if _, err := s.SaveResponses(rs); err != nil {
		t.Fatal(err)
	}
	a, _ := wholeSurveyFromAggregates(s.Store, in)
	c, _ := wholeSurveyByScan(s.Store, in)
	if a.Scores == nil || a.Implementation.Index != c.Implementation.Index || a.EmployerBranding.Index != c.EmployerBranding.Index {
		t.Fatalf("aggregate path %+v differs from scan %+v", a.Scores, c.Scores)
	}
}
