package scoring

import "sync"

// mapSums are the sums of an agency's reading: the released aggregate of
// each unit's own respondents, and live counts per unit.
type mapSums struct {
	shape  *shape
	direct map[string]map[string]*Aggregate // audience → unit → aggregate
	live   map[string]map[string]int64      // audience → unit → n; nil: the released ones

	// subtrees remembers each unit's subtree sum per audience (audience →
	// unit → sum): a unit's is its own aggregate plus its children's, so on a
	// big tree the whole survey's row and the top units' rows merge each
	// unit's aggregate once, not once per level.
	mu       sync.Mutex
	subtrees map[string]map[string]*Aggregate
}

func (s *mapSums) DirectN(audience, unit string) int64 {
	if a := s.direct[audience][unit]; a != nil {
		return a.N
	}
	return 0
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
