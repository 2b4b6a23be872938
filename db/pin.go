package db

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters for the kiosk PIN (OWASP's minimum: 19 MiB, 2 passes).
const (
	pinMemoryKiB = 19 * 1024
	pinPasses    = 2
	pinThreads   = 1
	pinKeyLen    = 32
)

// Bounds on the parameters of a stored hash: a hash edited into the
// database must not make the kiosk spend a gigabyte or a minute on a PIN.
const (
	maxPINMemoryKiB = 256 * 1024
	maxPINPasses    = 10
	maxPINThreads   = 16
)

// hashPIN returns an argon2id hash with a random salt, in the PHC string
// form other tools read: $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH.
func hashPIN(pin string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	key := argon2.IDKey([]byte(pin), salt, pinPasses, pinMemoryKiB, pinThreads, pinKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, pinMemoryKiB, pinPasses, pinThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// pinHash is a parsed argon2id hash.
type pinHash struct {
	memory, passes uint32
	threads        uint8
	salt, key      []byte
}

// parsePINHash reads the PHC string form, and the form without the leading
// "$" and version that earlier builds wrote; parameters out of bounds are
// refused.
func parsePINHash(encoded string) (pinHash, error) {
	var h pinHash
	parts := strings.Split(strings.TrimPrefix(encoded, "$"), "$")
	if len(parts) == 5 && parts[1] == fmt.Sprintf("v=%d", argon2.Version) {
		parts = append(parts[:1], parts[2:]...)
	}
	if len(parts) != 4 || parts[0] != "argon2id" {
		return h, fmt.Errorf("not an argon2id hash")
	}
	var m, t, p uint64
	if _, err := fmt.Sscanf(parts[1], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return h, fmt.Errorf("parameters %q: %w", parts[1], err)
	}
	if m < 8 || m > maxPINMemoryKiB || t < 1 || t > maxPINPasses || p < 1 || p > maxPINThreads {
		return h, fmt.Errorf("parameters %q out of bounds", parts[1])
	}
	var err1, err2 error
	h.salt, err1 = base64.RawStdEncoding.DecodeString(parts[2])
	h.key, err2 = base64.RawStdEncoding.DecodeString(parts[3])
	if err1 != nil || err2 != nil || len(h.salt) < 8 || len(h.salt) > 64 || len(h.key) < 16 || len(h.key) > 64 {
		return h, fmt.Errorf("salt or hash malformed")
	}
	h.memory, h.passes, h.threads = uint32(m), uint32(t), uint8(p)
	return h, nil
}

// verifyPIN checks a PIN against an encoded hash, in constant time.
func verifyPIN(encoded, pin string) bool {
	h, err := parsePINHash(encoded)
	if err != nil {
		return false
	}
	got := argon2.IDKey([]byte(pin), h.salt, h.passes, h.memory, h.threads, uint32(len(h.key)))
	return subtle.ConstantTimeCompare(got, h.key) == 1
}
