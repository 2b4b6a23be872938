package db

import (
	"fmt"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

var keyKioskPIN = []byte("kiosk_pin")

// MinPINLength is the shortest kiosk PIN.
const MinPINLength = 4

// SetKioskPIN stores a slow hash of the kiosk PIN (never the PIN).
func (s *Store) SetKioskPIN(pin string) error {
	if utf8.RuneCountInString(pin) < MinPINLength {
		return fmt.Errorf("a PIN needs at least %d characters", MinPINLength)
	}
	h, err := hashPIN(pin)
	if err != nil {
		return err
	}
	return s.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyKioskPIN, []byte(h))
	})
}

// KioskPINChecker returns whether a kiosk PIN is set and a check of a PIN
// against it (in constant time), read once.
func (s *Store) KioskPINChecker() (check func(pin string) bool, ok bool, err error) {
	h, ok, err := s.kioskPINHash()
	return func(pin string) bool { return verifyPIN(h, pin) }, ok, err
}

// kioskPINHash returns the stored hash of the kiosk PIN, if one is set.
func (s *Store) kioskPINHash() (string, bool, error) {
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
