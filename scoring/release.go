package scoring

import "maps"

// Figures move in steps of at least k respondents (docs/METHODOLOGY.md,
// "Releases"). Each group (survey, unit, audience) keeps a snapshot of its
// aggregate as of its last release; once k or more responses have arrived
// since, the difference — a chunk of at least k respondents — is added to
// what the unit shows. Every figure any reader sees is then a union of whole
// chunks, so any two figures ever shown differ by whole chunks: by 0 or at
// least k respondents. When a survey closes, the groups' last residues (fewer
// than k each) are pooled up the tree and released at the lowest unit where
// the pool reaches k.

// ReleaseDue reports whether a group's respondents beyond its last released
// snapshot may be released: k or more of them, none of its figures moved by
// fewer than k of them (MovedByFewer: where some skipped a module or an
// item, an index family of theirs would move by those few alone), and no
// index family of fewer than 2k of them at a scale's end (StepAtScaleEnd),
// whose mean the step would give away.
func ReleaseDue(live, released *Aggregate, k int) bool {
	if live.N-releasedN(released) < int64(k) {
		return false
	}
	before, after := CountsOf(released), CountsOf(live)
	return !MovedByFewer(before, after, k) && !StepAtScaleEnd(before, after, k)
}

func releasedN(a *Aggregate) int64 {
	if a == nil {
		return 0
	}
	return a.N
}

// Residue is live minus the released snapshot, without the dates or the
// demographic counts: a chunk says nothing about when its respondents
// answered, nor who they are (DemoSince gives the release ledger its
// counts).
func Residue(live, released *Aggregate) *Aggregate {
	out := live.Clone()
	out.Subtract(released)
	clear(out.ByDay)
	return out.WithoutDemo()
}

// DemoSince is the demographic counts of the respondents a residue holds.
func DemoSince(live, released *Aggregate) map[string]int64 {
	out := maps.Clone(live.Demo)
	if out == nil {
		out = map[string]int64{}
	}
	if released != nil {
		for key, n := range released.Demo {
			if out[key] -= n; out[key] == 0 {
				delete(out, key)
			}
		}
	}
	return out
}

// Pools decides the final release of a closed survey for one audience.
// residue holds each unit's respondents not yet released (fewer than k each,
// or any number; unit "" what stands at the whole survey's own level).
// Walking up from the leaves, a unit's pool is its residue plus its
// sub-units' pools not yet released; where a pool is due (PoolDue for the
// figures, 2k for the shares) it is released at that unit; otherwise it
// goes on up. Pools still not due at the top are pooled across the roots
// and released at the whole survey (unit "") if due there. released lists
// the units whose residue went into some pool.
func Pools(nodes []Node, residue map[string]*Aggregate, due func(pool *Aggregate) bool) (pools map[string]*Aggregate, released []string) {
	known := map[string]bool{}
	for _, n := range nodes {
		known[n.ID] = true
	}
	children := map[string][]string{}
	var roots []string
	for _, n := range nodes {
		if n.Parent == "" || !known[n.Parent] {
			roots = append(roots, n.ID)
		} else {
			children[n.Parent] = append(children[n.Parent], n.ID)
		}
	}
	pools = map[string]*Aggregate{}
	type pending struct {
		agg   *Aggregate
		units []string
	}
	var walk func(u string) pending
	walk = func(u string) pending {
		p := pending{agg: NewAggregate()}
		if r := residue[u]; r != nil && r.N > 0 {
			p.agg.Merge(r)
			p.units = append(p.units, u)
		}
		for _, c := range children[u] {
			cp := walk(c)
			p.agg.Merge(cp.agg)
			p.units = append(p.units, cp.units...)
		}
		if due(p.agg) {
			pools[u] = p.agg
			released = append(released, p.units...)
			return pending{agg: NewAggregate()}
		}
		return p
	}
	top := pending{agg: NewAggregate()}
	if r := residue[""]; r != nil && r.N > 0 { // what stands at the whole survey's own level
		top.agg.Merge(r)
		top.units = append(top.units, "")
	}
	for _, r := range roots {
		rp := walk(r)
		top.agg.Merge(rp.agg)
		top.units = append(top.units, rp.units...)
	}
	if due(top.agg) {
		pools[""] = top.agg
		released = append(released, top.units...)
	}
	return pools, released
}

// PoolDue is when a pool of a closed survey's residues may be released
// where it stands (Pools): as a chunk may be (ReleaseDue).
func PoolDue(k int) func(pool *Aggregate) bool {
	return func(pool *Aggregate) bool { return ReleaseDue(pool, nil, k) }
}
