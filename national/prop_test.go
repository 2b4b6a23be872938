package national

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/berakhlak/berakhlak/scoring"
)

// randomNation is a bucket of a few agencies whose unit trees are random
// (any depth), each unit with some released chunks and live counts.
type randomNation struct {
	rng     *rand.Rand
	pool    map[string][]*scoring.Aggregate
	parents map[string]map[string]string // agency → unit → parent ("" for the root)
	values  map[string][]byte            // key → value as last put, readable or not
}

func newRandomNation(seed uint64) *randomNation {
	rng := rand.New(rand.NewPCG(seed, seed))
	r := &randomNation{rng: rng, pool: map[string][]*scoring.Aggregate{}, parents: map[string]map[string]string{},
		values: map[string][]byte{}}
	for _, audience := range scoring.Audiences {
		for range 6 {
			a := scoring.NewAggregate()
			for range 1 + rng.IntN(9) { // chunks below k too: suppression must move
				a.Add(instrument.SampleResponse(rng, audience, "2026", "u", "2026-11-27", 0.1))
			}
			r.pool[audience] = append(r.pool[audience], scoring.Residue(a, nil))
		}
	}
	for a := range 2 + rng.IntN(3) {
		agency := fmt.Sprintf("ag%d", a)
		r.parents[agency] = map[string]string{"root": ""}
		for u := range 1 + rng.IntN(6) {
			units := slices.Sorted(maps.Keys(r.parents[agency]))
			r.parents[agency][fmt.Sprintf("u%d", u)] = units[rng.IntN(len(units))]
		}
	}
	return r
}

// path is a unit's ids from its agency's root down to it.
func (r *randomNation) path(agency, unit string) []string {
	var path []string
	for u := unit; u != ""; u = r.parents[agency][u] {
		path = append([]string{u}, path...)
	}
	return path
}

// record makes a new record of a unit: random chunks and counts.
func (r *randomNation) record(agency, unit string) (string, UnitRecord) {
	rec := UnitRecord{Agency: agency, Unit: unit, Parent: r.parents[agency][unit], Name: "Unit " + unit, K: 5,
		Headcount: r.rng.IntN(3) * 20, Aggregates: map[string][]byte{}, Counts: map[string]map[string]int64{}}
	for _, audience := range scoring.Audiences {
		if r.rng.IntN(3) == 0 {
			continue
		}
		chunk := scoring.NewAggregate()
		for range r.rng.IntN(3) {
			chunk.Merge(r.pool[audience][r.rng.IntN(len(r.pool[audience]))])
		}
		if chunk.N > 0 {
			rec.Aggregates[audience] = scoring.EncodeAggregate(chunk)
			// The share chunks: some of the chunks, as an agency's trail
			// its figures.
			shares := scoring.NewAggregate()
			for range r.rng.IntN(3) {
				shares.Merge(r.pool[audience][r.rng.IntN(len(r.pool[audience]))])
			}
			if shares.N > 0 {
				if rec.Shares == nil {
					rec.Shares = map[string][]byte{}
				}
				rec.Shares[audience] = scoring.EncodeAggregate(scoring.ShareSums(shares))
			}
		}
		rec.Counts[audience] = map[string]int64{"2026-11-27": chunk.N + int64(r.rng.IntN(4)), "2026-11-28": int64(r.rng.IntN(3))}
	}
	return Key("2026", agency, r.path(agency, unit)), rec
}

// step changes the bucket at random: mostly a unit's figures, sometimes a
// unit renamed, deleted (its units then hang from nothing) or put back, or a
// record no one can read. It returns the key and value put ("" value: the
// key deleted).
func (r *randomNation) step() (key string, value []byte) {
	agencies := slices.Sorted(maps.Keys(r.parents))
	agency := agencies[r.rng.IntN(len(agencies))]
	units := slices.Sorted(maps.Keys(r.parents[agency]))
	unit := units[r.rng.IntN(len(units))]
	key, rec := r.record(agency, unit)
	switch roll := r.rng.IntN(20); {
	case roll == 0:
		rec.Name = "Renamed " + unit
	case roll == 1:
		delete(r.values, key)
		return key, nil
	case roll == 2:
		r.values[key] = []byte("{not a record")
		return key, r.values[key]
	}
	r.values[key] = EncodeRecord(rec)
	return key, r.values[key]
}

// TestNationalIncrementalEqualsRebuild: after any sequence of updates, the
// national view kept path by path gives every unit the same counts, sums,
// suppression and figures as a view built afresh from the bucket's records,
// and the subtracting attacker finds no small group in them.
func TestNationalIncrementalEqualsRebuild(t *testing.T) {
	set := scoring.Settings{Survey: "2026", K: 5}
	for seed := range uint64(12) {
		nation := newRandomNation(seed)
		live := New(5)
		for _, agency := range slices.Sorted(maps.Keys(nation.parents)) { // in order: the same records every run
			for _, unit := range slices.Sorted(maps.Keys(nation.parents[agency])) {
				key, rec := nation.record(agency, unit)
				nation.values[key] = EncodeRecord(rec)
				live.Put(key, nation.values[key])
			}
		}
		live.Groups()
		for step := range 60 {
			key, value := nation.step()
			if value == nil {
				live.remove(key)
			} else {
				live.Put(key, value)
			}
			fresh := New(5)
			for k, v := range nation.values {
				fresh.Put(k, v)
			}
			if err := sameNational(live, fresh, set); err != nil {
				t.Fatalf("seed %d, step %d (key %s): %v", seed, step, key, err)
			}
			if err := sumsOfRecords(live, nation.values); err != nil {
				t.Fatalf("seed %d, step %d (key %s): %v", seed, step, key, err)
			}
		}
	}
}

// sameNational compares two views unit by unit.
func sameNational(live, fresh *View, set scoring.Settings) error {
	liveNodes, lg := live.Groups()
	freshNodes, fg := fresh.Groups()
	if !reflect.DeepEqual(liveNodes, freshNodes) {
		return fmt.Errorf("trees differ: %v, afresh %v", liveNodes, freshNodes)
	}
	if d := "2026-11-27"; live.Today(d) != fresh.Today(d) {
		return fmt.Errorf("today %d, afresh %d", live.Today(d), fresh.Today(d))
	}
	units := []string{""}
	for _, n := range freshNodes {
		units = append(units, n.ID)
	}
	for _, audience := range scoring.Audiences {
		if h, fh := lg.Suppressed(audience, set.K), fg.Suppressed(audience, set.K); !reflect.DeepEqual(h, fh) {
			return fmt.Errorf("%s hidden %v, afresh %v", audience, h, fh)
		}
		for _, u := range units {
			if c, fc := lg.Count(u, audience), fg.Count(u, audience); c != fc {
				return fmt.Errorf("unit %q %s count %d, afresh %d", u, audience, c, fc)
			}
			if s, fs := asJSON(lg.Subtree(u, audience)), asJSON(fg.Subtree(u, audience)); s != fs {
				return fmt.Errorf("unit %q %s sums differ:\n%s\nafresh\n%s", u, audience, s, fs)
			}
		}
	}
	for _, u := range units {
		if g, fg := asJSON(lg.Group(u, set, instrument)), asJSON(fg.Group(u, set, instrument)); g != fg {
			return fmt.Errorf("unit %q figures differ:\n%s\nafresh\n%s", u, g, fg)
		}
	}
	// No difference of what the view shows describes a small group, by
	// any count any figure rests on (the chunks skip single items).
	return scoring.AuditSubtraction(lg, set, instrument)
}

// sumsOfRecords checks every unit's sums against its subtree's chunks
// merged one by one, straight from the bucket's values.
func sumsOfRecords(n *View, values map[string][]byte) error {
	nodes, g := n.Groups()
	parent := map[string]string{}
	for _, node := range nodes {
		parent[node.ID] = node.Parent
	}
	want := map[string]map[string]*scoring.Aggregate{} // unit → audience → sum
	add := func(unit, audience string, chunk *scoring.Aggregate) {
		if want[unit] == nil {
			want[unit] = map[string]*scoring.Aggregate{}
		}
		if want[unit][audience] == nil {
			want[unit][audience] = scoring.NewAggregate()
		}
		want[unit][audience].Merge(chunk)
	}
	for key, value := range values {
		rec, err := DecodeRecord(value)
		if err != nil {
			continue // a record no one can read is left out
		}
		id := NodeID(rec.Agency, rec.Unit)
		if _, in := parent[id]; !in {
			continue // outside any agency's tree
		}
		for audience, enc := range rec.Aggregates {
			chunk, err := scoring.DecodeAggregate(enc)
			if err != nil {
				return err
			}
			n.mu.Lock()
			kept := n.records[key]
			n.mu.Unlock()
			if a := audienceIndex(audience); kept != nil && kept.counts[a] != scoring.CountsOf(chunk) {
				return fmt.Errorf("%s %s: respondents per measure %v, the chunk gives %v", key, audience, kept.counts[a], scoring.CountsOf(chunk))
			}
			for u := id; ; u = parent[u] {
				add(u, audience, chunk)
				if u == "" {
					break
				}
			}
		}
	}
	for _, u := range append([]string{""}, slices.Collect(maps.Keys(parent))...) {
		for _, audience := range scoring.Audiences {
			sum := scoring.NewAggregate()
			sum.Merge(want[u][audience])
			if got, w := asJSON(g.Subtree(u, audience)), asJSON(sum); got != w {
				return fmt.Errorf("unit %q %s: sums %s, the chunks merged give %s", u, audience, got, w)
			}
		}
	}
	return nil
}

func asJSON(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}
