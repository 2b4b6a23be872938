package db

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// TestSegmentsTakenAtFirstClose: nothing before the survey closes; at the
// close each audience's segments appear, each shown one with exactly the
// figures of the respondents who gave that answer (computed here from the
// responses saved, not by the store); the ledger accounts for everyone;
// reopening and closing again changes nothing; and no shown chunk
// carries demographic counts.
func TestSegmentsTakenAtFirstClose(t *testing.T) {
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(21, 21))
	s := openTemp(t)
	units := []Unit{{ID: "a", Name: "A"}, {ID: "b", Name: "B", Parent: "a"}, {ID: "c", Name: "C", Parent: "a"}}
	if err := s.ReplaceUnits(units); err != nil {
		t.Fatal(err)
	}
	byAnswer := map[string]map[string]*scoring.Aggregate{} // audience → answer → expected
	save := func(audience string, count int) {
		for range count {
			r := in.SampleResponse(rng, audience, "2026", units[rng.IntN(len(units))].ID, "2026-11-27", 0.1)
			if err := s.SaveResponse(r); err != nil {
				t.Fatal(err)
			}
			sv, _, _ := s.Survey("2026")
			answer := r.Answers.Choice[sv.SegmentItem(audience)]
			if byAnswer[audience] == nil {
				byAnswer[audience] = map[string]*scoring.Aggregate{}
			}
			if byAnswer[audience][answer] == nil {
				byAnswer[audience][answer] = scoring.NewAggregate()
			}
			byAnswer[audience][answer].Add(r)
		}
	}
	save(questionnaire.AudienceASN, 83)
	save(questionnaire.AudiencePublic, 41)
	if got, _ := s.Segments("2026"); len(got) != 0 {
		t.Fatalf("segments before the close: %v", got)
	}
	sv, _, _ := s.Survey("2026")
	sv.Open = false
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	first, err := s.Segments("2026")
	if err != nil {
		t.Fatal(err)
	}
	for _, audience := range scoring.Audiences {
		table := first[audience]
		if table.Unavailable != "" || table.Item != sv.SegmentItem(audience) || len(table.Cells) == 0 {
			t.Fatalf("%s: %+v", audience, table)
		}
		shown := 0
		for _, cell := range table.Cells {
			want := byAnswer[audience][cell.Answer]
			if cell.Hidden != "" {
				if cell.Figures != nil {
					t.Fatalf("%s %q: a hidden cell keeps figures", audience, cell.Answer)
				}
				continue
			}
			shown++
			got, err := scoring.DecodeAggregate(cell.Figures)
			if err != nil {
				t.Fatal(err)
			}
			want = want.Clone().WithoutDemo()
			clear(want.ByDay)
			if !bytes.Equal(scoring.EncodeAggregate(got), scoring.EncodeAggregate(want)) || got.N < int64(sv.K) {
				t.Fatalf("%s %q: figures of %d respondents, want those of the %d who gave the answer", audience, cell.Answer, got.N, want.N)
			}
		}
		if shown == 0 {
			t.Fatalf("%s: every cell hidden: %+v", audience, table.Cells)
		}
		ledgerCoversEveryone(t, s, audience, sv.K)
	}

	sv.Open = true
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	save(questionnaire.AudienceASN, 12)
	sv.Open = false
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	again, _ := s.Segments("2026")
	a, _ := json.Marshal(first)
	b, _ := json.Marshal(again)
	if !bytes.Equal(a, b) {
		t.Fatal("a second close changed the segments: the two could be subtracted")
	}
	noDemoPublished(t, s)
}

// ledgerCoversEveryone: the ledger's chunks and left-out residues add up to
// the audience's respondents; shown chunks hold k or more, left-out
// residues fewer than k.
func ledgerCoversEveryone(t *testing.T, s *testStore, audience string, k int) {
	t.Helper()
	live, err := s.SurveyAggregates("2026")
	if err != nil {
		t.Fatal(err)
	}
	var respondents, covered int64
	for _, a := range live[audience] {
		respondents += a.N
	}
	err = s.bolt.View(func(tx *bolt.Tx) error {
		ledger, err := steps(tx, "2026", audience)
		for _, st := range ledger {
			covered += st.N
			if st.Shown == (st.N < int64(k)) {
				t.Errorf("%s: a ledger record of %d respondents, published=%t (k = %d)", audience, st.N, st.Shown, k)
			}
		}
		return err
	})
	if err != nil || covered != respondents {
		t.Fatalf("%s: the ledger covers %d of %d respondents (%v)", audience, covered, respondents, err)
	}
}

// noDemoPublished: no shown chunk says who its respondents are.
func noDemoPublished(t *testing.T, s *testStore) {
	t.Helper()
	err := s.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketShown).ForEach(func(k, v []byte) error {
			a, err := scoring.DecodeAggregate(v)
			if err != nil {
				return err
			}
			if len(a.Demo) > 0 || v[0] != 4 { // version 4: the form without demographic counts
				t.Errorf("shown chunk %q carries demographic counts", k)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSealedSurveyHasNoSegments: the cells need the raw answers, which a
// sealed survey does not keep readable; it says so rather than guess.
func TestSealedSurveyHasNoSegments(t *testing.T) {
	s := openTemp(t)
	id, _ := age.GenerateX25519Identity()
	sv, _, _ := s.Survey("2026")
	sv.Recipient = id.Recipient().String()
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 3))
	for range 12 {
		if err := s.SaveResponse(questionnaire.Default().SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0)); err != nil {
			t.Fatal(err)
		}
	}
	sv.Open = false
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Segments("2026")
	if got["asn"].Unavailable != SegmentsSealed || len(got["asn"].Cells) != 0 {
		t.Fatalf("segments of a sealed survey: %+v", got["asn"])
	}
}

// TestSchema5FileHasNoSegments: a file written before the ledger (no
// demographic counts, no ledger) marks its surveys with responses: their
// segments say why they are missing rather than split chunks the ledger
// never saw; a survey begun after the upgrade gets its segments.
func TestSchema5FileHasNoSegments(t *testing.T) {
	s := openTemp(t)
	in, rng := questionnaire.Default(), rand.New(rand.NewPCG(8, 8))
	save := func(survey string, n int) {
		for range n {
			if err := s.SaveResponse(in.SampleResponse(rng, "asn", survey, RootUnitID, "2026-11-27", 0)); err != nil {
				t.Fatal(err)
			}
		}
	}
	save("2026", 2*checkpointEvery+6) // 70: all released before the upgrade, the close adds no chunk
	s.Edit(func(tx *bolt.Tx) error {
		for _, bucket := range [][]byte{bucketAggs, bucketJournal, bucketReleased} {
			b := tx.Bucket(bucket)
			err := b.ForEach(func(k, v []byte) error {
				a, err := scoring.DecodeAggregate(v)
				if err != nil {
					return err
				}
				return b.Put(k, scoring.EncodeAggregate(a.WithoutDemo()))
			})
			if err != nil {
				return err
			}
		}
		if err := tx.DeleteBucket(bucketSteps); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("5"))
	})
	if !s.DemoPartial("2026") {
		t.Fatal("the upgrade did not mark the survey begun before the ledger")
	}
	sv, _, _ := s.Survey("2026")
	sv.Open = false
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Segments("2026"); got["asn"].Unavailable != SegmentsBeforeLedger || len(got["asn"].Cells) != 0 {
		t.Fatalf("segments of a survey begun before the ledger: %+v", got["asn"])
	}
	next := DefaultSurvey("2027")
	if err := s.SaveSurvey(next); err != nil {
		t.Fatal(err)
	}
	save("2027", 30)
	next.Open = false
	if err := s.SaveSurvey(next); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Segments("2027"); got["asn"].Unavailable != "" || len(got["asn"].Cells) == 0 || s.DemoPartial("2027") {
		t.Fatalf("segments of a survey begun after the upgrade: %+v", got["asn"])
	}
}

// TestLedgerKeepsNoOrder: the ledger's keys are random, so they do not tell
// which release came first (a sequence would, and with each release's
// demographic counts the file would say whose answers came early).
func TestLedgerKeepsNoOrder(t *testing.T) {
	s := openTemp(t)
	rng := rand.New(rand.NewPCG(6, 6))
	var order [][]byte // each new ledger key, as releases happen
	seen := map[string]bool{}
	for range 60 {
		if err := s.SaveResponse(questionnaire.Default().SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0)); err != nil {
			t.Fatal(err)
		}
		s.bolt.View(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSteps).ForEach(func(k, _ []byte) error {
				if !seen[string(k)] {
					seen[string(k)] = true
					order = append(order, bytes.Clone(k))
				}
				return nil
			})
		})
	}
	if len(order) != 12 {
		t.Fatalf("%d ledger records for 60 respondents at k = 5; want 12", len(order))
	}
	if slices.IsSortedFunc(order, bytes.Compare) {
		t.Fatal("the ledger's keys sort in the order of the releases")
	}
}

// TestCloseNeverFailsForSegments: a segment question with more answers than
// the check takes (an instrument changed after it was chosen) leaves the
// segments unavailable, and the survey closes.
func TestCloseNeverFailsForSegments(t *testing.T) {
	s := openTemp(t)
	sv, _, _ := s.Survey("2026")
	sv.Segments = map[string]string{"asn": "demo.many"}
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(2, 2))
	for i := range 60 {
		r := questionnaire.Default().SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0)
		r.Answers.Choice["demo.many"] = fmt.Sprint(i % (questionnaire.MaxSegmentAnswers + 2))
		if err := s.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
	}
	sv.Open = false
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatalf("closing failed for its segments: %v", err)
	}
	if got, _ := s.Segments("2026"); got["asn"].Unavailable != SegmentsTooManyAnswers {
		t.Fatalf("segments by a question of 14 answers: %+v", got["asn"])
	}
}

// TestCloseWithAnUnreadableResponse: a broken response record leaves the
// segments unavailable and the close goes through.
func TestCloseWithAnUnreadableResponse(t *testing.T) {
	s := openTemp(t)
	rng := rand.New(rand.NewPCG(5, 5))
	for range 12 {
		if err := s.SaveResponse(questionnaire.Default().SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0)); err != nil {
			t.Fatal(err)
		}
	}
	s.Edit(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketResponses).Put(bytes.Repeat([]byte{7}, 16), []byte("{not json"))
	})
	sv, _, _ := s.Survey("2026")
	sv.Open = false
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatalf("closing failed for an unreadable response: %v", err)
	}
	if got, _ := s.Segments("2026"); got["asn"].Unavailable != SegmentsUnreadable {
		t.Fatalf("segments with an unreadable response: %+v", got["asn"])
	}
}

// TestTheLedgerKeepsEachChunksMeans: every record of the release ledger —
// chunks shown and the residue a close left out — carries its means, and
// together they are the means of every response saved (summed here from
// the responses, not by the store); the segments taken at the close say
// they were checked with them.
func TestTheLedgerKeepsEachChunksMeans(t *testing.T) {
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(29, 62))
	s := openTemp(t)
	if err := s.ReplaceUnits([]Unit{{ID: "a", Name: "A"}, {ID: "b", Name: "B"}}); err != nil {
		t.Fatal(err)
	}
	want := scoring.NewAggregate()
	for i := range 23 { // a's 15 come out in chunks; b's 8 wait, and 3 of them are left out
		unit := "a"
		if i >= 15 {
			unit = "b"
		}
		r := in.SampleResponse(rng, questionnaire.AudienceASN, "2026", unit, "2026-11-27", 0)
		if err := s.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
		want.Add(r)
	}
	sv, _, _ := s.Survey("2026")
	sv.Open = false
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	got := map[string][2]int64{}
	records := 0
	err := s.bolt.View(func(tx *bolt.Tx) error {
		ledger, err := steps(tx, "2026", questionnaire.AudienceASN)
		for _, st := range ledger {
			records++
			if st.Means == nil {
				t.Errorf("a ledger record of %d (shown %v) keeps no means", st.N, st.Shown)
			}
			for name, ns := range st.Means {
				got[name] = [2]int64{got[name][0] + ns[0], got[name][1] + ns[1]}
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if records < 2 {
		t.Fatalf("%d ledger records; want the chunks and a residue", records)
	}
	for _, name := range []string{scoring.ScaleImplementation, scoring.ScaleEngagement} {
		if total := want.Scales[name].Total; got[name] != [2]int64{total.N, total.Sum} {
			t.Errorf("the ledger's %s: %v; the responses' [%d %d]", name, got[name], total.N, total.Sum)
		}
	}
	if tables, _ := s.Segments("2026"); !tables[questionnaire.AudienceASN].FamiliesChecked {
		t.Errorf("segments taken at the close do not say their families were checked: %+v", tables[questionnaire.AudienceASN])
	}
}
