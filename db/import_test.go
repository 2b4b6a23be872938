package db

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// importSample is n random answers of the default instrument to survey 2026
// at the root unit.
func importSample(seed uint64, n int) []*questionnaire.Response {
	in, rng := questionnaire.Default(), rand.New(rand.NewPCG(seed, seed))
	out := make([]*questionnaire.Response, n)
	for i := range out {
		out[i] = in.SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0)
	}
	return out
}

// figuresN is how many respondents the survey's published figures and its
// live sums hold.
func figuresN(t *testing.T, s *testStore) (published, live int64) {
	t.Helper()
	pub, err := s.Released("2026")
	if err != nil {
		t.Fatal(err)
	}
	liveAggs, err := s.SurveyAggregates("2026")
	if err != nil {
		t.Fatal(err)
	}
	for _, byUnit := range pub {
		for _, a := range byUnit {
			published += a.N
		}
	}
	for _, byUnit := range liveAggs {
		for _, a := range byUnit {
			live += a.N
		}
	}
	return published, live
}

// TestImportIsSeenOnlyWhenItCommits: while an import has written batches of
// its own, no reader sees any of them — count, listing, lookup, figures —
// and a save of one of its ids is told to wait; the commit shows all at once,
// with aggregates equal to those recomputed from the stored responses.
func TestImportIsSeenOnlyWhenItCommits(t *testing.T) {
	s := openTemp(t)
	before := importSample(1, 7)
	if _, err := s.SaveResponses(before); err != nil {
		t.Fatal(err)
	}
	rs := importSample(2, 2*importBatch+3)
	im := importing(t, s, rs)
	seen := 0
	if err := s.EachResponse(nil, func(*questionnaire.Response) error { seen++; return nil }); err != nil {
		t.Fatal(err)
	}
	n, _ := s.CountResponses()
	found, _ := s.HasResponse(rs[0].ID)
	pub, live := figuresN(t, s)
	if n != 7 || seen != 7 || found || pub > 7 || live != 7 {
		t.Fatalf("during the import: count %d, listed %d, first found %v, figures %d/%d; want only the 7 saved before", n, seen, found, pub, live)
	}
	if err := s.SaveResponse(rs[0]); !errors.Is(err, ErrBeingImported) {
		t.Fatalf("saving a response being imported: %v", err)
	}
	if findings := strings.Join(s.OrderFindings(), "\n"); !strings.Contains(findings, "an import is under way") {
		t.Errorf("verify does not name the list of an import under way: %q", findings)
	}
	stored, err := im.Commit()
	if err != nil || stored != len(rs) {
		t.Fatalf("commit: %d, %v", stored, err)
	}
	n, _ = s.CountResponses()
	if _, live := figuresN(t, s); n != 7+len(rs) || live != int64(n) {
		t.Fatalf("after the commit: count %d, live %d; want %d", n, live, 7+len(rs))
	}
	sameAggregates(t, s.Store, "after the import's commit")
	if err := s.SaveResponse(rs[0]); err != nil {
		t.Errorf("saving an imported response again: %v", err)
	}
	if findings := s.OrderFindings(); len(findings) != 0 {
		t.Errorf("after the commit verify still finds %q", findings)
	}
}

// TestCrashedImportLeavesNothing: a process killed after an import wrote two
// batches leaves a file that opens with none of them, sound, and with its
// aggregates equal to the responses; so does an abort, and a conflict.
func TestCrashedImportLeavesNothing(t *testing.T) {
	s := openTemp(t)
	if _, err := s.SaveResponses(importSample(3, 5)); err != nil {
		t.Fatal(err)
	}
	im, err := s.BeginImport()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range importSample(4, 2*importBatch+1) {
		if err := im.Put(r, r.AppendJSON(nil), i+1); err != nil {
			t.Fatal(err)
		}
	}
	// Killed once its batches are written: the crash's consistency check
	// must not run beside the writer (bbolt's Tx.Check reads the freelist a
	// writer changes).
	if err := im.stopWriter(); err != nil {
		t.Fatal(err)
	}
	s.Crash()
	if n, _ := s.CountResponses(); n != 5 {
		t.Fatalf("after a crash mid-import: %d responses, want the 5 saved before", n)
	}
	var records int
	s.EachRecord(func(_, _ []byte) error { records++; return nil })
	if records != 5 {
		t.Fatalf("%d records after the rollback, want 5", records)
	}

	im, err = s.BeginImport() // the crashed one's lock went with its process
	if err != nil {
		t.Fatal(err)
	}
	rs := importSample(5, importBatch+2)
	for i, r := range rs {
		if err := im.Put(r, r.AppendJSON(nil), i+1); err != nil {
			t.Fatal(err)
		}
	}
	if err := im.Abort(); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountResponses(); n != 5 {
		t.Fatalf("after an abort: %d responses", n)
	}

	changed := *rs[3]
	changed.Answers.Scale = map[string]int{"impl.pelayanan.1": 1}
	if err := s.SaveResponse(&changed); err != nil {
		t.Fatal(err)
	}
	im, err = s.BeginImport()
	if err != nil {
		t.Fatal(err)
	}
	var conflict *ConflictError
	for i, r := range rs {
		if err := im.Put(r, r.AppendJSON(nil), i+1); err != nil {
			if !errors.As(err, &conflict) {
				t.Fatal(err)
			}
			break
		}
	}
	if conflict == nil {
		_, err = im.Commit()
		errors.As(err, &conflict)
	} else {
		im.Abort()
	}
	if conflict == nil || conflict.Tag != 4 || conflict.ID != rs[3].ID {
		t.Fatalf("conflict %+v; want line 4, id %s", conflict, rs[3].ID)
	}
	if n, _ := s.CountResponses(); n != 6 {
		t.Fatalf("after a conflicting import: %d responses, want 6", n)
	}
	_, live := figuresN(t, s)
	if live != 6 {
		t.Fatalf("live sums hold %d respondents, want 6", live)
	}
}

// importing begins an import and puts rs into it, tagged by their lines.
func importing(t *testing.T, s *testStore, rs []*questionnaire.Response) *Import {
	t.Helper()
	im, err := s.BeginImport()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		if err := im.Put(r, r.AppendJSON(nil), i+1); err != nil {
			t.Fatal(err)
		}
	}
	return im
}
