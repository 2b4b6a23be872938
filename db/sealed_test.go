package db

import (
	"bytes"
	"errors"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// sealSurvey gives survey 2026 of s a fresh agency key and returns its identity.
func sealSurvey(t testing.TB, s *Store) *age.X25519Identity {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	sv, _, err := s.Survey("2026")
	if err != nil {
		t.Fatal(err)
	}
	sv.Recipient = id.Recipient().String()
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	return id
}

// rawAnswerForms are how sampleResponse's answers look in a plain record:
// the item next to its value, which no aggregate writes that way.
var rawAnswerForms = []string{`"demo.age":"25-34"`, `"impl.pelayanan.1":4`, `"eng.recommend":9`, `"gosip","birokratis"`, `"answers":`}

// TestSealedFileHoldsNoAnswers scans the database file's bytes: a plain
// store shows each raw answer (the scan works), a sealed one shows none.
func TestSealedFileHoldsNoAnswers(t *testing.T) {
	for _, sealed := range []bool{false, true} {
		s := openTemp(t)
		if sealed {
			sealSurvey(t, s.Store)
		}
		var saved []*questionnaire.Response
		for range 20 {
			r := sampleResponse()
			saved = append(saved, r)
			if err := s.SaveResponse(r); err != nil {
				t.Fatal(err)
			}
		}
		// every commit is synced: the file holds what a thief would copy
		file, err := os.ReadFile(s.Path())
		if err != nil {
			t.Fatal(err)
		}
		for _, form := range rawAnswerForms {
			if found := bytes.Contains(file, []byte(form)); found == sealed {
				t.Errorf("sealed=%t: file holds %s: %t", sealed, form, found)
			}
		}
		if !bytes.Contains(file, []byte(saved[0].ID)) {
			t.Errorf("sealed=%t: the id stays outside the seal for de-duplication", sealed)
		}
	}
}

// TestSealedResponsesOpenWithTheIdentityOnly: without the identity the raw
// responses cannot be read (figures can); with it they equal what was saved,
// and saving one again stores it once.
func TestSealedResponsesOpenWithTheIdentityOnly(t *testing.T) {
	s := openTemp(t)
	id := sealSurvey(t, s.Store)
	want := map[string]*questionnaire.Response{}
	for range 12 {
		r := sampleResponse()
		want[r.ID] = r
		if err := s.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range want { // the kiosk retrying a save
		if err := s.SaveResponse(r); err != nil {
			t.Fatalf("saving a sealed response again: %v", err)
		}
		break
	}
	if n, _ := s.CountResponses(); n != 12 {
		t.Fatalf("%d stored, want 12", n)
	}
	if n, _ := s.CountSealed(); n != 12 {
		t.Fatalf("%d sealed, want 12", n)
	}
	if err := s.EachResponse(nil, func(*questionnaire.Response) error { return nil }); !errors.Is(err, ErrSealed) {
		t.Fatalf("reading without the identity: %v, want ErrSealed", err)
	}
	other, _ := age.GenerateX25519Identity()
	if err := s.EachResponse([]age.Identity{other}, func(*questionnaire.Response) error { return nil }); err == nil {
		t.Fatal("another key opened the sealed responses")
	}
	got := map[string]*questionnaire.Response{}
	err := s.EachResponse([]age.Identity{id}, func(r *questionnaire.Response) error { got[r.ID] = r; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(jsonOf(got), jsonOf(want)) {
		t.Fatal("opened responses differ from those saved")
	}
	stored, err := s.SurveyAggregates("2026")
	if err != nil {
		t.Fatal(err)
	}
	if stored["asn"][RootUnitID].N != 12 {
		t.Errorf("figures without the key: n = %d, want 12", stored["asn"][RootUnitID].N)
	}
	fresh, err := s.RecomputeAggregates("2026", id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(jsonOf(stored), jsonOf(fresh)) {
		t.Fatal("stored figures differ from the opened raw responses")
	}
}

// TestPlainSurveyIsCheckedBesideASealedOne: recomputing a survey in the
// clear needs no key even when another survey's responses are sealed; the
// sealed survey's needs it.
func TestPlainSurveyIsCheckedBesideASealedOne(t *testing.T) {
	s := openTemp(t)
	sealSurvey(t, s.Store)
	if err := s.SaveSurvey(DefaultSurvey("2025")); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		r := sampleResponse()
		if i%2 == 0 {
			r.Survey = "2025"
		}
		if err := s.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
	}
	fresh, err := s.RecomputeAggregates("2025")
	if err != nil {
		t.Fatalf("recomputing the plain survey: %v", err)
	}
	stored, _ := s.SurveyAggregates("2025")
	if fresh["asn"][RootUnitID].N != 5 || !reflect.DeepEqual(jsonOf(stored), jsonOf(fresh)) {
		t.Fatalf("plain survey recomputed n = %d, equal to stored: %t", fresh["asn"][RootUnitID].N, reflect.DeepEqual(jsonOf(stored), jsonOf(fresh)))
	}
	if _, err := s.RecomputeAggregates("2026"); !errors.Is(err, ErrSealed) {
		t.Fatalf("recomputing the sealed survey without a key: %v, want ErrSealed", err)
	}
}

// TestSealedRecordIsNotForwarded: the outbox keeps a sealed response, with
// a message, rather than send what the agency cannot yet fold in.
func TestSealedRecordIsNotForwarded(t *testing.T) {
	s := openTemp(t)
	sealSurvey(t, s.Store)
	if _, err := s.EnableForwarding(); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveResponse(sampleResponse()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pending(10); err == nil || !bytes.Contains([]byte(err.Error()), []byte("sealed")) {
		t.Fatalf("pending of a sealed response: %v", err)
	}
	if st, _ := s.Forwarding(); st.Pending != 1 {
		t.Fatalf("pending %d, want 1 kept", st.Pending)
	}
}

// BenchmarkSubmitSealedPaired alternates a submit to a sealed survey and one
// to an unsealed survey (two files, the same responses), each timed alone,
// and reports the medians and their ratio: what sealing costs a respondent.
func BenchmarkSubmitSealedPaired(b *testing.B) {
	open := func(name string) *Store {
		s, err := Open(filepath.Join(b.TempDir(), name), testNow)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	}
	plain, sealed := open("plain.db"), open("sealed.db")
	sealSurvey(b, sealed)
	in := questionnaire.Default()
	rng := mrand.New(mrand.NewPCG(1, 2))
	rs := make([]*questionnaire.Response, 1000)
	for i := range rs {
		rs[i] = in.SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0)
	}
	var plains, sealeds []time.Duration
	for i := 0; b.Loop(); i++ {
		for _, side := range []struct {
			s   *Store
			out *[]time.Duration
		}{{plain, &plains}, {sealed, &sealeds}} {
			r := *rs[i%len(rs)]
			r.ID = questionnaire.NewResponseID()
			start := time.Now()
			if err := side.s.SaveResponse(&r); err != nil {
				b.Fatal(err)
			}
			*side.out = append(*side.out, time.Since(start))
		}
	}
	p, s := median(plains), median(sealeds)
	b.ReportMetric(float64(p.Microseconds()), "plain-µs")
	b.ReportMetric(float64(s.Microseconds()), "sealed-µs")
	b.ReportMetric(float64(s)/float64(p), "ratio")
}
