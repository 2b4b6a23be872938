package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/interchange"
	"github.com/berakhlak/berakhlak/internal/barelimit"
	"github.com/berakhlak/berakhlak/questionnaire"
	bolt "go.etcd.io/bbolt"
)

const benchResponses = 10_000

// benchFile writes benchResponses random responses as JSON lines.
func benchFile(b *testing.B) string {
	b.Helper()
	in := questionnaire.Default()
	rng := mrand.New(mrand.NewPCG(8, 8))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i := range benchResponses {
		enc.Encode(in.SampleResponse(rng, []string{"asn", "asn", "asn", "asn", "public"}[i%5], "2026", db.RootUnitID, "2026-11-27", 0))
	}
	path := filepath.Join(b.TempDir(), "bench.jsonl")
	os.WriteFile(path, buf.Bytes(), 0o600)
	return path
}

// BenchmarkImport imports 10,000 responses into a fresh database per op
// (checked, then stored in batched transactions); the metric is responses/s.
func BenchmarkImport(b *testing.B) {
	file := benchFile(b)
	in := questionnaire.Default()
	var elapsed time.Duration
	for b.Loop() {
		store, err := db.Open(filepath.Join(b.TempDir(), "import.db"), time.Now())
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, _, err := importFile(context.Background(), file, lineErrors{file: file}, in, store, nil, io.Discard); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		store.Close()
	}
	b.ReportMetric(float64(benchResponses*b.N)/elapsed.Seconds(), "responses/s")
}

// BenchmarkExportCSV writes 10,000 stored responses as CSV per op.
func BenchmarkExportCSV(b *testing.B) {
	file := benchFile(b)
	in := questionnaire.Default()
	store, err := db.Open(filepath.Join(b.TempDir(), "export.db"), time.Now())
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	if _, _, err := importFile(context.Background(), file, lineErrors{file: file}, in, store, nil, io.Discard); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if err := interchange.WriteCSV(io.Discard, in, openedLines(store, nil, startProgress(io.Discard, "", 0))); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchResponses*b.N)/time.Since(start).Seconds(), "responses/s")
}

// BenchmarkExportJSONL writes every stored response as its interchange line.
func BenchmarkExportJSONL(b *testing.B) {
	file := benchFile(b)
	store, err := db.Open(filepath.Join(b.TempDir(), "export.db"), time.Now())
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	if _, _, err := importFile(context.Background(), file, lineErrors{file: file}, questionnaire.Default(), store, nil, io.Discard); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if err := exportJSONL(store, nil, startProgress(io.Discard, "", 0), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchResponses*b.N)/time.Since(start).Seconds(), "responses/s")
}

// BenchmarkImportLimit is the physical limit of BenchmarkImport: the same
// file's lines put as they are under random keys into a bare bbolt file
// (internal/barelimit); no checks, decoding or aggregates.
func BenchmarkImportLimit(b *testing.B) {
	file := benchFile(b)
	var elapsed time.Duration
	for b.Loop() {
		bare, err := bolt.Open(filepath.Join(b.TempDir(), "bare.db"), 0o600, db.Options())
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := barelimit.Put(bare, file); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		bare.Close()
	}
	b.ReportMetric(float64(benchResponses*b.N)/elapsed.Seconds(), "responses/s")
}

// BenchmarkExportLimit is the physical limit of BenchmarkExportCSV: every
// stored record read in one transaction and written out as it is.
func BenchmarkExportLimit(b *testing.B) {
	file := benchFile(b)
	in := questionnaire.Default()
	store, err := db.Open(filepath.Join(b.TempDir(), "export.db"), time.Now())
	if err != nil {
		b.Fatal(err)
	}
	if _, _, err := importFile(context.Background(), file, lineErrors{file: file}, in, store, nil, io.Discard); err != nil {
		b.Fatal(err)
	}
	path := store.Path()
	store.Close()
	bare, err := bolt.Open(path, 0o600, db.Options())
	if err != nil {
		b.Fatal(err)
	}
	defer bare.Close()
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		err := bare.View(func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("responses")).ForEach(func(_, v []byte) error {
				_, err := io.Discard.Write(v)
				return err
			})
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchResponses*b.N)/time.Since(start).Seconds(), "responses/s")
}

// chainCSV is an organisation file of n units, each the parent of the next:
// the deepest tree there can be.
func chainCSV(n int) string {
	var b strings.Builder
	b.WriteString("id,parent,name,headcount\nu0,,Root,10\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "u%d,u%d,Unit %d,10\n", i, i-1, i)
	}
	return b.String()
}

// BenchmarkOrgImportChain checks and stores a chain of 50,000 and of
// 200,000 units: time per unit stays flat when the work is linear (the
// cycle check walked every chain from every unit, and bbolt copied keys
// inserted out of order: 200,000 took 22 s).
func BenchmarkOrgImportChain(b *testing.B) {
	for _, n := range []int{50_000, 200_000} {
		data := chainCSV(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				units, err := parseOrgCSV("chain.csv", strings.NewReader(data))
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				s, err := db.Open(filepath.Join(b.TempDir(), "chain.db"), time.Now())
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := s.ReplaceUnits(units); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/unit")
		})
	}
}

// BenchmarkAgencyAdminReading: what an agency's admin screen does on each
// commit — a respondent more somewhere; read the survey's published
// aggregates and live counts into a new reading and compute the whole
// agency's figures — for an agency of 600 units with 12 respondents each.
func BenchmarkAgencyAdminReading(b *testing.B) {
	store, err := db.Open(filepath.Join(b.TempDir(), "agency.db"), time.Now())
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	units := []db.Unit{{ID: db.RootUnitID, Name: "Kementerian"}}
	for i := range 599 {
		units = append(units, db.Unit{ID: fmt.Sprintf("u%03d", i), Parent: db.RootUnitID, Name: fmt.Sprintf("Unit %d", i)})
	}
	if err := store.ReplaceUnits(units); err != nil {
		b.Fatal(err)
	}
	in := questionnaire.Default()
	rng := mrand.New(mrand.NewPCG(4, 4))
	var rs []*questionnaire.Response
	for _, u := range units {
		for range 12 {
			rs = append(rs, in.SampleResponse(rng, "asn", "2026", u.ID, "2026-11-27", 0))
		}
	}
	if _, err := store.SaveResponses(rs); err != nil {
		b.Fatal(err)
	}
	src := newStoreAdmin(store, in)
	src.Load()
	i := 0
	for b.Loop() {
		b.StopTimer() // a respondent's save is not the screen's cost
		if err := store.SaveResponse(in.SampleResponse(rng, "asn", "2026", units[i%len(units)].ID, "2026-11-27", 0)); err != nil {
			b.Fatal(err)
		}
		i++
		b.StartTimer()
		data, err := src.Load()
		if err != nil {
			b.Fatal(err)
		}
		data.Groups.Group("", data.Settings, data.Instrument)
	}
}
