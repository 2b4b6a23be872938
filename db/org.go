package db

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// RootUnitID is the id of the unit a fresh database starts with.
const RootUnitID = "root"

// Unit is one organisational unit; Parent is empty for the root.
type Unit struct {
	ID        string `json:"id"`
	Parent    string `json:"parent"`
	Name      string `json:"name"`
	Headcount int    `json:"headcount,omitempty"`
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

// RootUnit returns the unit without a parent (the first, in id order, if an
// imported tree has several roots).
func (s *Store) RootUnit() (Unit, error) {
	var root Unit
	err := s.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUnits).ForEach(func(k, v []byte) error {
			var u Unit
			if _, err := getJSON(tx.Bucket(bucketUnits), k, &u); err != nil {
				return err
			}
			if u.Parent == "" && root.ID == "" {
				root = u
			}
			return nil
		})
	})
	if err != nil {
		return Unit{}, fmt.Errorf("read units: %w", err)
	}
	if root.ID == "" {
		return Unit{}, fmt.Errorf("the database has no root unit: import the organisation with `berakhlak org import`")
	}
	return root, nil
}
