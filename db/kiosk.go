package db

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

var keyKioskPIN = []byte("kiosk_pin")

// SetKioskPIN stores the encoded slow hash of the kiosk PIN (never the PIN).
func (s *Store) SetKioskPIN(encodedHash string) error {
	return s.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyKioskPIN, []byte(encodedHash))
	})
}

// KioskPIN returns the stored hash of the kiosk PIN, if one is set.
func (s *Store) KioskPIN() (string, bool, error) {
	var h string
	err := s.bolt.View(func(tx *bolt.Tx) error {
		h = string(tx.Bucket(bucketMeta).Get(keyKioskPIN))
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("read kiosk PIN: %w", err)
	}
	return h, h != "", nil
}
