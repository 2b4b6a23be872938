package db

import (
	"os"
	"strings"
	"testing"
)

// TestPINHashIsPHCWithBoundedParameters: the hash is the PHC string form
// ($argon2id$v=19$m=…,t=…,p=…$salt$hash); the form earlier builds wrote
// still verifies; a hash whose parameters would cost a gigabyte or more
// passes than sensible is refused, not computed.
func TestPINHashIsPHCWithBoundedParameters(t *testing.T) {
	h, err := hashPIN("2468")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Count(h, "$") != 5 {
		t.Fatalf("hash %q is not in the PHC string form", h)
	}
	legacy := strings.Replace(strings.TrimPrefix(h, "$"), "v=19$", "", 1)
	if !verifyPIN(legacy, "2468") || verifyPIN(legacy, "1357") {
		t.Fatalf("the earlier form %q does not verify", legacy)
	}
	for _, params := range []string{"m=1048576,t=2,p=1", "m=19456,t=1000,p=1", "m=19456,t=2,p=255", "m=0,t=2,p=1"} {
		bad := strings.Replace(h, "m=19456,t=2,p=1", params, 1)
		if _, err := parsePINHash(bad); err == nil {
			t.Errorf("parameters %s accepted", params)
		}
		if verifyPIN(bad, "2468") {
			t.Errorf("a hash with %s verified", params)
		}
	}
}

// The database holds a hash of the kiosk PIN, never the PIN.
func TestKioskPINIsStoredAsAHash(t *testing.T) {
	s := openTemp(t)
	if err := s.SetKioskPIN("8642"); err != nil {
		t.Fatal(err)
	}
	s.close(true)
	file, err := os.ReadFile(s.path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(file), "8642") || !strings.Contains(string(file), "$argon2id$") {
		t.Fatal("the file holds the PIN, or no argon2id hash")
	}
}
