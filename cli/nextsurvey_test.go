package cli

import (
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// A new year reaches a running server without a restart: the year closes
// with one SSH respondent at the review and another at the welcome, and the
// next survey starts. The one at the review is told nothing was stored (the
// year closed under them); the one at the welcome, and a respondent who
// connects after, answer the new survey, and their responses are stored
// under it.
func TestANewYearReachesRunningSessions(t *testing.T) {
	f := startFixture(t)
	stopFollowing := f.resp.followSurveyState(f.store, f.srv.Broadcast)
	defer stopFollowing()
	in := questionnaire.Default()
	answering, waiting := f.respondent(t), f.respondent(t)
	answering.typeKeys(testkit.Bytes(append([]string{"1", "1"}, testkit.Survey(in, questionnaire.AudienceASN, nil)...))...)
	answering.waitFor("Periksa jawaban", 10*time.Second)

	year := testkit.ChangeSurvey(t, f.store, "2026", func(sv *db.Survey) { sv.Open = false })
	waiting.waitFor("Survei ini sudah ditutup", 5*time.Second)
	next := year.Carried("2027")
	next.Instrument = in.Version
	if err := f.store.SaveSurvey(next); err != nil {
		t.Fatal(err)
	}

	answering.typeKeys("\r", "\r")
	answering.waitFor("Survei ditutup ketika Anda mengisi", 5*time.Second)
	later := f.respondent(t)
	for _, s := range []*screen{waiting, later} {
		s.typeKeys(testkit.Bytes(testkit.ASN(in))...)
		s.waitFor("Jawaban Anda telah tersimpan", 10*time.Second) // not the closed welcome's "Terima kasih"
	}
	bySurvey := map[string]int{}
	f.store.EachResponse(nil, func(r *questionnaire.Response) error { bySurvey[r.Survey]++; return nil })
	if bySurvey["2027"] != 2 || len(bySurvey) != 1 {
		t.Fatalf("stored responses by survey %v, want the two of the new year under 2027 and none else", bySurvey)
	}
}

// Codes asked from now on reach a running server too: a respondent who
// connects after the survey began to require them is asked for one (the
// process had kept the requirement it started with).
func TestCodesAskedFromNowOnReachRunningSessions(t *testing.T) {
	f := startFixture(t)
	stopFollowing := f.resp.followSurveyState(f.store, f.srv.Broadcast)
	defer stopFollowing()
	testkit.ChangeSurvey(t, f.store, "2026", func(sv *db.Survey) { sv.RequireCode = true })
	later := f.respondent(t)
	later.typeKeys("1", "1") // Indonesian, ASN
	later.waitFor("Kode partisipasi", 5*time.Second)
}
