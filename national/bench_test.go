package national

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/berakhlak/berakhlak/scoring"
)

// nationalSizes are the trees the national view is sized for: 60 agencies
// of 50 units, and every agency of the civil service (632) of 50 units.
var nationalSizes = []struct{ agencies, units int }{{60, 50}, {632, 50}}

// syntheticRecords are the bucket's keys and values of a made-up nation.
func syntheticRecords(b *testing.B, agencies, units int) (*Synthetic, []string, [][]byte) {
	s := NewSynthetic(instrument, "2026", agencies, units, 1)
	keys, values := make([]string, 0, agencies*units), make([][]byte, 0, agencies*units)
	for a := range agencies {
		for u := range units {
			key, value := s.Record(a, u)
			keys, values = append(keys, key), append(values, value)
		}
	}
	return s, keys, values
}

// shownFigures are the figures the national screen opens on: the nation's
// and one row per agency.
func shownFigures(g *scoring.Groups, set scoring.Settings) {
	g.Group("", set, instrument)
	for _, root := range g.Roots() {
		g.Group(root, set, instrument)
	}
}

// BenchmarkNationalFirstFigures: every record of the bucket read, the tree
// merged and the national screen's first figures computed; the live heap it
// keeps beside the records' bytes is reported as MB.
func BenchmarkNationalFirstFigures(b *testing.B) {
	set := scoring.Settings{Survey: "2026", K: 5}
	for _, size := range nationalSizes {
		b.Run(fmt.Sprintf("%dx%d", size.agencies, size.units), func(b *testing.B) {
			s, keys, values := syntheticRecords(b, size.agencies, size.units)
			before := liveHeapMB()
			var kept *View
			for b.Loop() {
				n := New(5)
				feed := n.Feed()
				for i, key := range keys {
					feed.Add(Entry{Key: key, Value: values[i]})
				}
				feed.Stop()
				_, g := n.Groups()
				shownFigures(g, set)
				kept = n
			}
			b.ReportMetric(liveHeapMB()-before, "MB")
			runtime.KeepAlive(kept)
			runtime.KeepAlive(s)
			runtime.KeepAlive(values)
		})
	}
}

// BenchmarkNationalUpdate: one unit's record changes (a respondent more,
// every fifth a new released chunk) and the national screen's figures are
// taken again.
func BenchmarkNationalUpdate(b *testing.B) {
	set := scoring.Settings{Survey: "2026", K: 5}
	for _, size := range nationalSizes {
		b.Run(fmt.Sprintf("%dx%d", size.agencies, size.units), func(b *testing.B) {
			s, keys, values := syntheticRecords(b, size.agencies, size.units)
			n := New(5)
			for i, key := range keys {
				n.Put(key, values[i])
			}
			_, g := n.Groups()
			shownFigures(g, set)
			i := 0
			for b.Loop() {
				b.StopTimer() // what the agency's server does is not the national view's cost
				a, u := (i*7919)%size.agencies, (i*104729)%size.units
				key, value := s.Respond(a, u)
				b.StartTimer()
				n.Put(key, value)
				_, g := n.Groups()
				shownFigures(g, set)
				i++
			}
		})
	}
}

// BenchmarkNationalReadRecord: one unit record read, checked and packed, as
// the national view takes in each of the bucket's records at its start.
func BenchmarkNationalReadRecord(b *testing.B) {
	_, _, values := syntheticRecords(b, 4, 50)
	n := New(5)
	i := 0
	for b.Loop() {
		if _, err := n.decodeUnit(values[i%len(values)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// liveHeapMB is Go's live heap after a collection (simulate.LiveHeapMB,
// which this package's tests cannot import).
func liveHeapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / 1e6
}
