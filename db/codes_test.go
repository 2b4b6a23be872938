package db

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/codes"
	"github.com/berakhlak/berakhlak/questionnaire"
	bolt "go.etcd.io/bbolt"
)

func TestCodeWorksOnce(t *testing.T) {
	s := openTemp(t)
	cs, _ := codes.Generate(nil, 3)
	if err := s.AddCodes("2026", map[string][]string{RootUnitID: cs}); err != nil {
		t.Fatal(err)
	}
	if unit, err := s.CodeUnit("2026", cs[0]); err != nil || unit != RootUnitID {
		t.Fatalf("CodeUnit = %q, %v", unit, err)
	}
	r := sampleResponse()
	if err := s.SaveResponseWithCode(r, cs[0]); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveResponseWithCode(r, cs[0]); err != nil {
		t.Fatalf("retrying the same save: %v", err)
	}
	if _, err := s.CodeUnit("2026", cs[0]); !errors.Is(err, ErrCodeUsed) {
		t.Fatalf("used code: %v, want ErrCodeUsed", err)
	}
	if err := s.SaveResponseWithCode(sampleResponse(), cs[0]); !errors.Is(err, ErrCodeUsed) {
		t.Fatalf("second response with a used code: %v", err)
	}
	if n, _ := s.CountResponses(); n != 1 {
		t.Fatalf("%d responses stored, want 1", n)
	}
	if _, err := s.CodeUnit("2026", "23456789"); !errors.Is(err, ErrCodeUnknown) {
		t.Fatalf("unknown code: %v", err)
	}
}

// TestStoredBytesHoldNoCodeAndNoLink reads the whole database file: neither
// the code (in any printed form) nor the response id appears in the codes
// bucket, and the code appears nowhere at all.
func TestStoredBytesHoldNoCodeAndNoLink(t *testing.T) {
	s := openTemp(t)
	cs, _ := codes.Generate(nil, 50)
	if err := s.AddCodes("2026", map[string][]string{RootUnitID: cs}); err != nil {
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
			// The survey is the one the batch was issued for, the same for
			// every code of it: it links a code to no response.
			if !bytes.Equal(v, []byte(`{"unit":"root","survey":"2026","used":true}`)) && !bytes.Equal(v, []byte(`{"unit":"root","survey":"2026","used":false}`)) {
				t.Errorf("a code record holds more than unit, survey and used: %s", v)
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
	if err := s.AddCodes("2026", map[string][]string{RootUnitID: first}); err != nil {
		t.Fatal(err)
	}
	fresh, _ := codes.Generate(nil, 3)
	for _, bad := range []map[string][]string{
		{RootUnitID: fresh, "zz-not-in-the-tree": {first[0]}},
		{RootUnitID: append(fresh[:2:2], first[1])},
	} {
		if err := s.AddCodes("2026", bad); err == nil {
			t.Fatalf("AddCodes(%v) stored", bad)
		}
		if _, err := s.CodeUnit("2026", fresh[0]); !errors.Is(err, ErrCodeUnknown) {
			t.Fatalf("after a refused AddCodes(%v), a code of it is known: %v", bad, err)
		}
	}
	counts, err := s.CodeCounts("2026")
	if err != nil || counts[RootUnitID].Issued != 2 {
		t.Fatalf("code counts %+v, %v; want the first 2 issued only", counts, err)
	}
}

// TestACodeIsForItsSurvey: a code issued for 2026 and left unused is
// refused in 2027, at the kiosk's lookup and at the save, and nothing is
// stored; it still works in 2026. Codes are issued only for a survey that
// exists.
func TestACodeIsForItsSurvey(t *testing.T) {
	s := openTemp(t)
	cs, _ := codes.Generate(nil, 2)
	if err := s.AddCodes("2026", map[string][]string{RootUnitID: cs}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSurvey(DefaultSurvey("2027")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CodeUnit("2027", cs[0]); !errors.Is(err, ErrCodeOtherSurvey) {
		t.Fatalf("last year's unused code in 2027: %v, want ErrCodeOtherSurvey", err)
	}
	r := sampleResponse()
	r.Survey = "2027"
	if err := s.SaveResponseWithCode(r, cs[0]); !errors.Is(err, ErrCodeOtherSurvey) {
		t.Fatalf("a 2027 response with a 2026 code: %v, want ErrCodeOtherSurvey", err)
	}
	if n, _ := s.CountResponses(); n != 0 {
		t.Fatalf("%d responses stored with last year's code", n)
	}
	if unit, err := s.CodeUnit("2026", cs[0]); err != nil || unit != RootUnitID {
		t.Fatalf("the code in its own survey: %q, %v", unit, err)
	}
	more, _ := codes.Generate(nil, 1)
	if err := s.AddCodes("1999", map[string][]string{RootUnitID: more}); err == nil || !strings.Contains(err.Error(), `survey "1999" does not exist`) {
		t.Fatalf("codes for a survey that does not exist: %v", err)
	}
}

// TestCodesOfAnOlderFileGetTheirSurvey: codes stored before schema 11 had
// no survey and were good in any; on upgrade they become the latest
// survey's (the year they were issued in), so a 2027 survey created after
// refuses them.
func TestCodesOfAnOlderFileGetTheirSurvey(t *testing.T) {
	s := openTemp(t)
	cs, _ := codes.Generate(nil, 2)
	if err := s.AddCodes("2026", map[string][]string{RootUnitID: cs}); err != nil {
		t.Fatal(err)
	}
	err := s.bolt.Update(func(tx *bolt.Tx) error { // as a schema-10 file holds them
		b := tx.Bucket(bucketCodes)
		var keys [][]byte
		b.ForEach(func(k, _ []byte) error { keys = append(keys, bytes.Clone(k)); return nil })
		for _, k := range keys {
			if err := b.Put(k, []byte(`{"unit":"`+RootUnitID+`","used":false}`)); err != nil {
				return err
			}
		}
		counts := tx.Bucket(bucketCodeCounts) // kept by unit in schema 7–10
		if err := counts.Delete(codeCountKey("2026", RootUnitID)); err != nil {
			return err
		}
		if err := counts.Put([]byte(RootUnitID), []byte(`{"issued":2,"used":0,"forwarded":0}`)); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("10"))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Reopen()
	if err := s.SaveSurvey(DefaultSurvey("2027")); err != nil {
		t.Fatal(err)
	}
	if counts, err := s.CodeCounts("2026"); err != nil || len(counts) != 1 || counts[RootUnitID].Issued != 2 {
		t.Fatalf("the upgraded counts of 2026: %+v, %v; want root's 2 issued", counts, err)
	}
	for _, c := range cs {
		if unit, err := s.CodeUnit("2026", c); err != nil || unit != RootUnitID {
			t.Fatalf("an upgraded code in 2026: %q, %v", unit, err)
		}
		if _, err := s.CodeUnit("2027", c); !errors.Is(err, ErrCodeOtherSurvey) {
			t.Fatalf("an upgraded code in 2027: %v, want ErrCodeOtherSurvey", err)
		}
	}
}

// TestForwardedResponsesTakeTheirSurveysCodes: where a survey requires
// codes, a forwarded response is taken from its unit's codes of that
// survey: last year's unused codes leave no room for this year's.
func TestForwardedResponsesTakeTheirSurveysCodes(t *testing.T) {
	s := openTemp(t)
	sv, _, err := s.Survey("2026")
	if err != nil {
		t.Fatal(err)
	}
	sv.RequireCode = true
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	cs, _ := codes.Generate(nil, 3)
	if err := s.AddCodes("2026", map[string][]string{RootUnitID: cs}); err != nil {
		t.Fatal(err)
	}
	next := sv.Carried("2027")
	if err := s.SaveSurvey(next); err != nil {
		t.Fatal(err)
	}
	thisYear := sampleResponse()
	thisYear.Survey = "2027"
	if _, err := s.SaveForwarded([]*questionnaire.Response{thisYear}, []string{"lobby"}); !errors.Is(err, ErrNoCodeLeft) {
		t.Fatalf("a 2027 response forwarded with only 2026's codes issued: %v, want ErrNoCodeLeft", err)
	}
	if _, err := s.SaveForwarded([]*questionnaire.Response{sampleResponse()}, []string{"lobby"}); err != nil {
		t.Fatalf("a 2026 response forwarded within its codes: %v", err)
	}
	if counts, _ := s.CodeCounts("2026"); counts[RootUnitID] != (CodeCount{Issued: 3, Forwarded: 1}) {
		t.Errorf("2026's counts %+v, want 3 issued, 1 forwarded", counts[RootUnitID])
	}
	if counts, _ := s.CodeCounts("2027"); len(counts) != 0 {
		t.Errorf("2027's counts %+v, want none", counts)
	}
}
