package scoring

import (
	"maps"
	"sync"
)

// mapSums are the sums of an agency's reading: the released aggregate of
// each unit's own respondents, and live counts per unit.
type mapSums struct {
	shape  *shape
	direct Released                    // audience → unit → aggregate
	live   map[string]map[string]int64 // audience → unit → n; nil: the released ones

	// subtrees remembers each unit's subtree sum per audience (audience →
	// unit → sum): a unit's is its own aggregate plus its children's, so on a
	// big tree the whole survey's row and the top units' rows merge each
	// unit's aggregate once, not once per level.
	mu       sync.Mutex
	subtrees map[string]map[string]*Aggregate

	// The last reading's sums, and which units' subtrees changed since
	// (Groups.Since): a changed unit's sum is the last one plus what changed
	// below it, not all its units merged again.
	before  *mapSumsBefore
	changed map[string]bool
}

// mapSumsBefore is what a reading keeps of the one before: its units' own
// aggregates and the subtree sums it had worked out.
type mapSumsBefore struct {
	direct   map[string]map[string]*Aggregate
	subtrees map[string]map[string]*Aggregate
}

func (s *mapSums) DirectN(audience, unit string) int64 {
	if a := s.direct[audience][unit]; a != nil {
		return a.N
	}
	return 0
}

func (s *mapSums) DirectCounts(audience, unit string) *MeasureCounts {
	if a := s.direct[audience][unit]; a != nil {
		counts := CountsOf(a)
		return &counts
	}
	return nil
}

func (s *mapSums) Count(audience, unit string) int64 {
	var n int64
	s.shape.each(unit, func(u string) {
		if s.live == nil {
			n += s.DirectN(audience, u)
		} else {
			n += s.live[audience][u]
		}
	})
	return n
}

func (s *mapSums) Subtree(audience, unit string) *Aggregate {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.subtree(audience, unit)
}

// subtree is Subtree's remembered sum; mu is held.
func (s *mapSums) subtree(audience, unit string) *Aggregate {
	if sum, ok := s.subtrees[audience][unit]; ok {
		return sum
	}
	below := s.shape.children[unit]
	if unit == "" {
		below = s.shape.roots
	}
	own := s.direct[audience][unit]
	var sum *Aggregate
	switch {
	case len(below) == 0 && own != nil:
		sum = own // a leaf's sum is its own aggregate, never changed: Sums are shared
	case s.canUpdate(audience, unit, below):
		sum = s.updated(audience, unit, below)
	default:
		sum = NewAggregate()
		sum.Merge(own)
		for _, c := range below {
			sum.Merge(s.subtree(audience, c))
		}
	}
	if s.subtrees == nil {
		s.subtrees = map[string]map[string]*Aggregate{}
	}
	if s.subtrees[audience] == nil {
		s.subtrees[audience] = map[string]*Aggregate{}
	}
	s.subtrees[audience][unit] = sum
	return sum
}

// canUpdate: the last reading had unit's sum and that of every changed
// unit below it.
func (s *mapSums) canUpdate(audience, unit string, below []string) bool {
	if s.before == nil || s.before.subtrees[audience][unit] == nil {
		return false
	}
	for _, c := range below {
		if s.changed[c] && s.before.subtrees[audience][c] == nil {
			return false
		}
	}
	return true
}

// updated is the last sum of unit with what changed taken out and put in
// again: its own aggregate and the sums of its changed sub-units. mu is
// held.
func (s *mapSums) updated(audience, unit string, below []string) *Aggregate {
	sum := s.before.subtrees[audience][unit].Clone()
	sum.Subtract(s.before.direct[audience][unit])
	sum.Merge(s.direct[audience][unit])
	for _, c := range below {
		if s.changed[c] {
			sum.Subtract(s.before.subtrees[audience][c])
			sum.Merge(s.subtree(audience, c))
		}
	}
	return sum
}

// remember takes the last reading's sums: kept as they are where nothing
// changed below a unit, the base of an update where something did.
func (s *mapSums) remember(prev *mapSums, changed map[string]bool) {
	prev.mu.Lock()
	defer prev.mu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.before = &mapSumsBefore{direct: prev.direct, subtrees: map[string]map[string]*Aggregate{}}
	s.changed = changed
	s.subtrees = map[string]map[string]*Aggregate{}
	for audience, sums := range prev.subtrees {
		s.before.subtrees[audience] = maps.Clone(sums)
		s.subtrees[audience] = map[string]*Aggregate{}
		for unit, sum := range sums {
			if !changed[unit] {
				s.subtrees[audience][unit] = sum
			}
		}
	}
}
