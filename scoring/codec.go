package scoring

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Aggregates are stored in a compact binary form: JSON (6.4 KB, two pages,
// ~120 µs to encode with its sorted map keys) cost more than the response's
// own write. Layout: a version byte, then varints and length-prefixed strings
// in a fixed order, map entries sorted by key: equal aggregates encode to
// equal bytes.
// Version 2 adds the drivers' pairs at the end; version 1 records (stored
// or published before) read as having none. Version 3, written only for an
// aggregate with demographic counts (a group's live sums, never a published
// chunk), adds them after the pairs.
const (
	aggCodecVersion     = 2
	aggCodecVersionDemo = 3
)

// knownAggVersion: a record this build reads.
func knownAggVersion(data []byte) bool {
	return len(data) > 0 && data[0] >= 1 && data[0] <= aggCodecVersionDemo
}

var errAggCodec = errors.New("malformed aggregate record")

type aggWriter struct{ b []byte }

func (w *aggWriter) int(v int64)  { w.b = appendVarint(w.b, v) }
func (w *aggWriter) str(s string) { w.int(int64(len(s))); w.b = append(w.b, s...) }
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
	if version == aggCodecVersionDemo {
		w.int(int64(len(a.Demo)))
		for _, key := range slices.Sorted(maps.Keys(a.Demo)) {
			w.str(key)
			w.int(a.Demo[key])
		}
	}
	return w.b
}

type aggReader struct {
	b   []byte
	err error
}

func (r *aggReader) int() int64 {
	if r.err != nil {
		return 0
	}
	if len(r.b) > 0 && r.b[0] < 0x80 { // one byte: most counts and sums of a chunk
		v := unzigzag(r.b[0])
		r.b = r.b[1:]
		return v
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errAggCodec
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *aggReader) count() int {
	n := r.int()
	if n < 0 || n > int64(len(r.b)) { // every entry takes at least a byte
		r.err = errAggCodec
		return 0
	}
	return int(n)
}

func (r *aggReader) str() string { return string(r.bytes()) }

// unzigzag is the value of a one-byte varint (binary.Varint's zig-zag form).
func unzigzag(b byte) int64 { return int64(b>>1) ^ -int64(b&1) }

// appendVarint is binary.AppendVarint, with the one-byte case inline.
func appendVarint(buf []byte, v int64) []byte {
	if v >= -64 && v < 64 {
		return append(buf, byte(uint64(v<<1)^uint64(v>>63)))
	}
	return binary.AppendVarint(buf, v)
}

// bytes is a length-prefixed string as it lies in the input.
func (r *aggReader) bytes() []byte {
	n := r.count()
	if r.err != nil {
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *aggReader) skipStr() { r.bytes() }

func (r *aggReader) moments() Moments {
	return Moments{N: r.int(), Sum: r.int(), SumSq: r.int()}
}

// DecodeHead reads only the respondents and their count per day, the first
// fields of the binary form: what counts need, without the rest.
func DecodeHead(data []byte) (n int64, byDay map[string]int64, err error) {
	if !knownAggVersion(data) {
		return 0, nil, fmt.Errorf("%w: unknown version", errAggCodec)
	}
	r := &aggReader{b: data[1:]}
	n = r.int()
	days := r.count()
	byDay = make(map[string]int64, days)
	for range days {
		d := r.str()
		byDay[d] = r.int()
	}
	return n, byDay, r.err
}

// DecodeAggregate reads the binary form; malformed input is an error, never a panic.
func DecodeAggregate(data []byte) (*Aggregate, error) {
	if !knownAggVersion(data) {
		return nil, fmt.Errorf("%w: unknown version", errAggCodec)
	}
	r := &aggReader{b: data[1:]}
	a := NewAggregate()
	a.N = r.int()
	for range r.count() {
		d := r.str()
		a.ByDay[d] = r.int()
	}
	for range r.count() {
		name := r.str()
		k := r.count()
		s := &Scale{ItemSum: make([]int64, k), ItemSumSq: make([]int64, k)}
		for i := range k {
			s.ItemSum[i], s.ItemSumSq[i] = r.int(), r.int()
		}
		s.Total = r.moments()
		a.Scales[name] = s
	}
	for range r.count() {
		q := r.str()
		a.Voters[q] = r.int()
	}
	for range r.count() {
		q := r.str()
		votes := map[string]int64{}
		for range r.count() {
			id := r.str()
			votes[id] = r.int()
		}
		a.Votes[q] = votes
	}
	a.OverlapPC, a.OverlapCD = r.moments(), r.moments()
	a.Engaged, a.NotEngaged, a.Disengaged = r.int(), r.int(), r.int()
	for range r.count() {
		id := r.str()
		a.Recommend[id] = &NPS{N: r.int(), Promoters: r.int(), Detractors: r.int()}
	}
	a.Stay = Share{N: r.int(), Yes: r.int()}
	a.Branding = r.moments()
	a.HighIntention = Share{N: r.int(), Yes: r.int()}
	if data[0] >= 2 {
		for range r.count() {
			key := r.str()
			a.Drivers[key] = &Pair{N: r.int(), SumX: r.int(), SumX2: r.int(), SumY: r.int(), SumY2: r.int(), SumXY: r.int()}
		}
	}
	if data[0] >= aggCodecVersionDemo {
		for range r.count() {
			key := r.str()
			a.Demo[key] = r.int()
		}
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errAggCodec
	}
	if r.err != nil {
		return nil, r.err
	}
	return a, nil
}
