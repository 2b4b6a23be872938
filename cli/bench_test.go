package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

const benchResponses = 10_000

// benchFile writes benchResponses random responses as JSON lines.
func benchFile(b *testing.B) string {
	b.Helper()
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(8, 8))
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
		if _, _, err := importFile(file, lineErrors{file: file}, in, store); err != nil {
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
	if _, _, err := importFile(file, lineErrors{file: file}, in, store); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if err := exportCSV(store, in, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchResponses*b.N)/time.Since(start).Seconds(), "responses/s")
}
