package scoring

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/berakhlak/berakhlak/internal/varint"
)

// Aggregates are stored in a compact binary form: JSON (6.4 KB, two pages,
// ~120 µs to encode with its sorted map keys) cost more than the response's
// own write. Layout: a version byte, then varints and length-prefixed strings
// in a fixed order, map entries sorted by key: equal aggregates encode to
// equal bytes.
// Version 2 adds the drivers' pairs at the end; version 1 records (stored
// or put on NATS before) read as having none. Version 3 (read only) is
// version 2 with demographic counts after the pairs. Version 4 adds the
// per-respondent limiting sums after the pairs; version 5, written only for
// an aggregate with demographic counts (a group's live sums, never a
// released chunk), is version 4 with them after the limiting sums.
const (
	aggCodecVersion     = 4
	aggCodecVersionDemo = 5
	aggCodecOldDemo     = 3
)

// knownAggVersion: a record this build reads.
func knownAggVersion(data []byte) bool {
	return len(data) > 0 && data[0] >= 1 && data[0] <= aggCodecVersionDemo
}

// carriesDemo: a record of this version has demographic counts.
func carriesDemo(version byte) bool {
	return version == aggCodecOldDemo || version == aggCodecVersionDemo
}

var errAggCodec = errors.New("malformed aggregate record")

type aggWriter struct{ b []byte }

func (w *aggWriter) int(v int64)  { w.b = varint.AppendInt(w.b, v) }
func (w *aggWriter) str(s string) { w.b = varint.AppendStr(w.b, s) }
func (w *aggWriter) moments(m Moments) {
	w.int(m.N)
	w.int(m.Sum)
	w.int(m.SumSq)
}

// EncodeAggregate writes a in the compact binary form (stored by db,
// published to the national key-value bucket).
func EncodeAggregate(a *Aggregate) []byte {
	w := &aggWriter{b: make([]byte, 0, 2048)}
	version := byte(aggCodecVersion)
	if len(a.Demo) > 0 {
		version = aggCodecVersionDemo
	}
	w.b = append(w.b, version)
	w.int(a.N)
	w.int(int64(len(a.ByDay)))
	for _, d := range slices.Sorted(maps.Keys(a.ByDay)) {
		w.str(d)
		w.int(a.ByDay[d])
	}
	w.int(int64(len(a.Scales)))
	for _, name := range slices.Sorted(maps.Keys(a.Scales)) {
		s := a.Scales[name]
		w.str(name)
		w.int(int64(len(s.ItemSum)))
		for i := range s.ItemSum {
			w.int(s.ItemSum[i])
			w.int(s.ItemSumSq[i])
		}
		w.moments(s.Total)
	}
	w.int(int64(len(a.Voters)))
	for _, q := range slices.Sorted(maps.Keys(a.Voters)) {
		w.str(q)
		w.int(a.Voters[q])
	}
	w.int(int64(len(a.Votes)))
	for _, q := range slices.Sorted(maps.Keys(a.Votes)) {
		w.str(q)
		w.int(int64(len(a.Votes[q])))
		for _, id := range slices.Sorted(maps.Keys(a.Votes[q])) {
			w.str(id)
			w.int(a.Votes[q][id])
		}
	}
	w.moments(a.OverlapPC)
	w.moments(a.OverlapCD)
	w.int(a.Engaged)
	w.int(a.NotEngaged)
	w.int(a.Disengaged)
	w.int(int64(len(a.Recommend)))
	for _, id := range slices.Sorted(maps.Keys(a.Recommend)) {
		n := a.Recommend[id]
		w.str(id)
		w.int(n.N)
		w.int(n.Promoters)
		w.int(n.Detractors)
	}
	w.int(a.Stay.N)
	w.int(a.Stay.Yes)
	w.moments(a.Branding)
	w.int(a.HighIntention.N)
	w.int(a.HighIntention.Yes)
	w.int(int64(len(a.Drivers)))
	for _, key := range slices.Sorted(maps.Keys(a.Drivers)) {
		p := a.Drivers[key]
		w.str(key)
		for _, v := range []int64{p.N, p.SumX, p.SumX2, p.SumY, p.SumY2, p.SumXY} {
			w.int(v)
		}
	}
	w.moments(a.Limiting)
	if version == aggCodecVersionDemo {
		w.int(int64(len(a.Demo)))
		for _, key := range slices.Sorted(maps.Keys(a.Demo)) {
			w.str(key)
			w.int(a.Demo[key])
		}
	}
	return w.b
}

// aggReader reads the binary form, with the aggregates' own pieces.
type aggReader struct{ varint.Reader }

func newAggReader(data []byte) *aggReader {
	return &aggReader{varint.Reader{B: data, Malformed: errAggCodec}}
}

func (r *aggReader) skipStr() { r.Bytes() }

func (r *aggReader) moments() Moments {
	return Moments{N: r.Int(), Sum: r.Int(), SumSq: r.Int()}
}

// DecodeHead reads only the respondents and their count per day, the first
// fields of the binary form: what counts need, without the rest.
func DecodeHead(data []byte) (n int64, byDay map[string]int64, err error) {
	if !knownAggVersion(data) {
		return 0, nil, fmt.Errorf("%w: unknown version", errAggCodec)
	}
	r := newAggReader(data[1:])
	n = r.Int()
	days := r.Count()
	byDay = make(map[string]int64, days)
	for range days {
		d := r.Str()
		byDay[d] = r.Int()
	}
	return n, byDay, r.Err
}

// DecodeAggregate reads the binary form; malformed input is an error, never a panic.
func DecodeAggregate(data []byte) (*Aggregate, error) {
	if !knownAggVersion(data) {
		return nil, fmt.Errorf("%w: unknown version", errAggCodec)
	}
	r := newAggReader(data[1:])
	a := NewAggregate()
	a.N = r.Int()
	for range r.Count() {
		d := r.Str()
		a.ByDay[d] = r.Int()
	}
	for range r.Count() {
		name := r.Str()
		k := r.Count()
		s := &Scale{ItemSum: make([]int64, k), ItemSumSq: make([]int64, k)}
		for i := range k {
			s.ItemSum[i], s.ItemSumSq[i] = r.Int(), r.Int()
		}
		s.Total = r.moments()
		a.Scales[name] = s
	}
	for range r.Count() {
		q := r.Str()
		a.Voters[q] = r.Int()
	}
	for range r.Count() {
		q := r.Str()
		votes := map[string]int64{}
		for range r.Count() {
			id := r.Str()
			votes[id] = r.Int()
		}
		a.Votes[q] = votes
	}
	a.OverlapPC, a.OverlapCD = r.moments(), r.moments()
	a.Engaged, a.NotEngaged, a.Disengaged = r.Int(), r.Int(), r.Int()
	for range r.Count() {
		id := r.Str()
		a.Recommend[id] = &NPS{N: r.Int(), Promoters: r.Int(), Detractors: r.Int()}
	}
	a.Stay = Share{N: r.Int(), Yes: r.Int()}
	a.Branding = r.moments()
	a.HighIntention = Share{N: r.Int(), Yes: r.Int()}
	if data[0] >= 2 {
		for range r.Count() {
			key := r.Str()
			a.Drivers[key] = &Pair{N: r.Int(), SumX: r.Int(), SumX2: r.Int(), SumY: r.Int(), SumY2: r.Int(), SumXY: r.Int()}
		}
	}
	if data[0] >= aggCodecVersion {
		a.Limiting = r.moments()
	}
	if carriesDemo(data[0]) {
		for range r.Count() {
			key := r.Str()
			a.Demo[key] = r.Int()
		}
	}
	if err := r.Done(); err != nil {
		return nil, err
	}
	return a, nil
}
