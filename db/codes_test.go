package db

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/berakhlak/berakhlak/codes"
	bolt "go.etcd.io/bbolt"
)

func TestCodeWorksOnce(t *testing.T) {
	s := openTemp(t)
	cs, _ := codes.Generate(nil, 3)
	if err := s.AddCodes(map[string][]string{RootUnitID: cs}); err != nil {
		t.Fatal(err)
	}
	if unit, err := s.CodeUnit(cs[0]); err != nil || unit != RootUnitID {
		t.Fatalf("CodeUnit = %q, %v", unit, err)
	}
	r := sampleResponse()
	if err := s.SaveResponseWithCode(r, cs[0]); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveResponseWithCode(r, cs[0]); err != nil {
		t.Fatalf("retrying the same save: %v", err)
	}
	if _, err := s.CodeUnit(cs[0]); !errors.Is(err, ErrCodeUsed) {
		t.Fatalf("used code: %v, want ErrCodeUsed", err)
	}
	if err := s.SaveResponseWithCode(sampleResponse(), cs[0]); !errors.Is(err, ErrCodeUsed) {
		t.Fatalf("second response with a used code: %v", err)
	}
	if n, _ := s.CountResponses(); n != 1 {
		t.Fatalf("%d responses stored, want 1", n)
	}
	if _, err := s.CodeUnit("23456789"); !errors.Is(err, ErrCodeUnknown) {
		t.Fatalf("unknown code: %v", err)
	}
}

// TestStoredBytesHoldNoCodeAndNoLink reads the whole database file: neither
// the code (in any printed form) nor the response id appears in the codes
// bucket, and the code appears nowhere at all.
func TestStoredBytesHoldNoCodeAndNoLink(t *testing.T) {
	s := openTemp(t)
	cs, _ := codes.Generate(nil, 50)
	if err := s.AddCodes(map[string][]string{RootUnitID: cs}); err != nil {
		t.Fatal(err)
	}
	r := sampleResponse()
	if err := s.SaveResponseWithCode(r, cs[7]); err != nil {
		t.Fatal(err)
	}
	s.bolt.Sync()
	file, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		for _, form := range []string{c, codes.Format(c)} {
			if bytes.Contains(file, []byte(form)) {
				t.Fatalf("code %s is stored in the file", form)
			}
		}
	}
	idBytes, _ := responseKey(r.ID)
	s.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCodes).ForEach(func(k, v []byte) error {
			if bytes.Contains(v, []byte(r.ID)) || bytes.Contains(k, idBytes) || bytes.Contains(v, idBytes) {
				t.Errorf("the codes bucket refers to the response")
			}
			if !bytes.Equal(v, []byte(`{"unit":"root","used":true}`)) && !bytes.Equal(v, []byte(`{"unit":"root","used":false}`)) {
				t.Errorf("a code record holds more than unit and used: %s", v)
			}
			return nil
		})
	})
}

// TestAddCodesIsAllOrNothing: codes of several units go in one transaction;
// a unit not in the tree, or a code issued before, stores none of them.
func TestAddCodesIsAllOrNothing(t *testing.T) {
	s := openTemp(t)
	first, _ := codes.Generate(nil, 2)
	if err := s.AddCodes(map[string][]string{RootUnitID: first}); err != nil {
		t.Fatal(err)
	}
	fresh, _ := codes.Generate(nil, 3)
	for _, bad := range []map[string][]string{
		{RootUnitID: fresh, "zz-not-in-the-tree": {first[0]}},
		{RootUnitID: append(fresh[:2:2], first[1])},
	} {
		if err := s.AddCodes(bad); err == nil {
			t.Fatalf("AddCodes(%v) stored", bad)
		}
		if _, err := s.CodeUnit(fresh[0]); !errors.Is(err, ErrCodeUnknown) {
			t.Fatalf("after a refused AddCodes(%v), a code of it is known: %v", bad, err)
		}
	}
	counts, err := s.CodeCounts()
	if err != nil || counts[RootUnitID].Issued != 2 {
		t.Fatalf("code counts %+v, %v; want the first 2 issued only", counts, err)
	}
}
