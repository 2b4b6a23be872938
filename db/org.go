package db

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// RootUnitID is the id of the unit a fresh database starts with.
const RootUnitID = "root"

// Unit is one organisational unit; Parent is empty for a root.
type Unit struct {
	ID        string `json:"id"`
	Parent    string `json:"parent"`
	Name      string `json:"name"`
	Headcount int    `json:"headcount,omitempty"`
	Order     int    `json:"order,omitempty"` // place among its siblings; 0: after those with one, by id (scoring.CompareNodes)
}

// Node is the unit as scoring builds groups from it.
func (u Unit) Node() scoring.Node {
	return scoring.Node{ID: u.ID, Parent: u.Parent, Name: u.Name, Headcount: u.Headcount, Order: u.Order}
}

// nodesOf is the tree as scoring sees it, in the units' order.
func nodesOf(units []Unit) []scoring.Node {
	nodes := make([]scoring.Node, len(units))
	for i, u := range units {
		nodes[i] = u.Node()
	}
	return nodes
}

// DefaultRootUnit is the single unit of a fresh database.
func DefaultRootUnit() Unit { return Unit{ID: RootUnitID, Name: "Instansi"} }

// Unit returns the unit with the given id.
func (s *Store) Unit(id string) (Unit, bool, error) {
	var u Unit
	var found bool
	err := s.bolt.View(func(tx *bolt.Tx) error {
		var err error
		found, err = getJSON(tx.Bucket(bucketUnits), []byte(id), &u)
		return err
	})
	if err != nil {
		return Unit{}, false, fmt.Errorf("read unit %s: %w", id, err)
	}
	return u, found, nil
}

// Units returns the whole organisation tree, sorted by id.
func (s *Store) Units() ([]Unit, error) {
	var out []Unit
	err := s.bolt.View(func(tx *bolt.Tx) (err error) {
		out, err = unitsIn(tx)
		return err
	})
	return out, err
}

// unitsIn is Units inside a transaction.
func unitsIn(tx *bolt.Tx) ([]Unit, error) {
	var out []Unit
	b := tx.Bucket(bucketUnits)
	err := b.ForEach(func(k, _ []byte) error {
		var u Unit
		if _, err := getJSON(b, k, &u); err != nil {
			return err
		}
		out = append(out, u)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read units: %w", err)
	}
	return out, nil
}

// RootUnit returns the first unit without a parent, in id order.
func (s *Store) RootUnit() (Unit, error) {
	units, err := s.Units()
	if err != nil {
		return Unit{}, err
	}
	for _, u := range units {
		if u.Parent == "" {
			return u, nil
		}
	}
	return Unit{}, fmt.Errorf("the database has no root unit: import the organisation with `berakhlak org import`")
}

// ReplaceUnits swaps in a new organisation tree. It refuses, changing
// nothing, a tree CheckTree finds wrong, or one without a unit that holds
// responses.
func (s *Store) ReplaceUnits(units []Unit) error {
	if problems := CheckTree(units, nil); len(problems) > 0 {
		var msgs []string
		for _, p := range problems[:min(len(problems), 10)] {
			msgs = append(msgs, fmt.Sprintf("unit %d: %s", p.Index+1, p.Msg))
		}
		return fmt.Errorf("the tree has %d problems, nothing was changed: %s", len(problems), strings.Join(msgs, "; "))
	}
	keep := map[string]bool{}
	for _, u := range units {
		keep[u.ID] = true
	}
	err := s.bolt.Update(func(tx *bolt.Tx) error {
		var lost []string
		seen := map[string]bool{}
		holds := func(k []byte) error {
			if _, unit, _, ok := splitAggKey(k); ok && !keep[unit] && !seen[unit] {
				lost = append(lost, unit)
				seen[unit] = true
			}
			return nil
		}
		tx.Bucket(bucketAggs).ForEach(func(k, _ []byte) error { return holds(k) })
		tx.Bucket(bucketJournal).ForEach(func(group, _ []byte) error { return holds(group) })
		if len(lost) > 0 {
			sort.Strings(lost)
			return fmt.Errorf("units %s hold responses but are not in the new tree: keep them in the file (nothing was changed)", strings.Join(lost, ", "))
		}
		if err := tx.DeleteBucket(bucketUnits); err != nil {
			return fmt.Errorf("replace units: %w", err)
		}
		b, err := tx.CreateBucket(bucketUnits)
		if err != nil {
			return fmt.Errorf("replace units: %w", err)
		}
		// In key order: bbolt inserts into a page's sorted list, and keys in
		// file order made 200,000 units cost 22 s of copying.
		sorted := slices.Clone(units)
		slices.SortFunc(sorted, func(a, b Unit) int { return strings.Compare(a.ID, b.ID) })
		b.FillPercent = 0.9 // appended in order, pages can be fuller
		for _, u := range sorted {
			if err := putJSON(b, []byte(u.ID), u); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		s.announce(0) // open admin screens show the new tree
	}
	return err
}
