package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// answerASN answers the whole ASN survey from the first survey page: every
// implementation item 4, values by ticking the first ten, engagement 5,
// stay 4, recommend 9, and the demographics skipped.
// answerASN answers every page of the ASN survey (testkit's script, from
// the instrument): 4 to every behaviour, 5 to every engagement item, 4 to
// staying, 9 to recommending.
func answerASN(d *driver) {
	d.t.Helper()
	d.keys(testkit.Survey(questionnaire.Default(), questionnaire.AudienceASN, func(it questionnaire.Item, _ int) int {
		switch {
		case it.ID == questionnaire.ItemEngRecommend:
			return 9
		case strings.HasPrefix(it.ID, "eng.") && it.ID != questionnaire.ItemEngStay:
			return 5
		}
		return 4
	})...)
}

func TestKioskFlowWelcomeToThanksAndBack(t *testing.T) {
	saver := &memSaver{}
	d := newDriver(t, New(testConfig(saver)), 100, 30)
	d.expect("Survei BerAKHLAK", "Selamat datang · Welcome", "Bahasa Indonesia", "English")

	d.key("1") // Indonesian
	d.expect("Survei ini anonim", "ASN (PNS atau PPPK)")
	d.key("1") // ASN
	d.expect("Berorientasi Pelayanan", "Langkah 1 dari 15", "Seberapa sering rekan di unit Anda")

	answerASN(d)
	d.expect("Periksa jawaban Anda", "enter lanjut")
	d.key("enter")
	d.expect("Yang akan disimpan", "dalam kata-kata", "responden ASN · tanggal 2026-11-27 (tanpa jam)", "Berorientasi Pelayanan")
	if s := d.screen(); strings.Contains(s, d.m.(*Kiosk).responseID) || strings.Contains(s, "14:03") {
		t.Fatalf("the stored record in words shows the id or a time:\n%s", s)
	}
	d.key("r") // exactly as written
	d.expect("Yang akan disimpan", `"audience": "asn"`, `"date": "2026-11-27"`, `"eng.absorption.1": 5`)
	if s := d.screen(); strings.Contains(s, d.m.(*Kiosk).responseID) || strings.Contains(s, "14:03") {
		t.Fatalf("the stored-record screen shows the id or a time:\n%s", s)
	}
	if len(saver.responses()) != 0 {
		t.Fatal("a response was stored before the respondent confirmed it")
	}
	d.key("enter")
	d.expect("Terima kasih")

	got := saver.responses()
	if len(got) != 1 {
		t.Fatalf("stored %d responses, want 1", len(got))
	}
	r := got[0]
	if r.Audience != "asn" || r.Date != "2026-11-27" || r.Unit != "root" || r.Survey != "2026" || len(r.ID) != 32 {
		t.Errorf("stored header %+v", r)
	}
	in := questionnaire.Default()
	if err := in.CheckResponse(r); err != nil {
		t.Errorf("stored response does not satisfy the instrument: %v", err)
	}
	if r.Answers.Scale["impl.kolaboratif.3"] != 4 || r.Answers.Scale["eng.absorption.3"] != 5 ||
		r.Answers.Scale["eng.stay"] != 4 || r.Answers.Scale["eng.recommend"] != 9 {
		t.Errorf("answers %v", r.Answers.Scale)
	}
	if len(r.Answers.Choice) != 0 {
		t.Errorf("skipped demographics were stored: %v", r.Answers.Choice)
	}

	d.key("space") // any key: the next person
	d.expect("Selamat datang · Welcome")
	if s := d.screen(); strings.Contains(s, "Terima kasih") || strings.Contains(s, "Sering") {
		t.Fatalf("the next person sees the previous screen:\n%s", s)
	}
}

func TestThanksScreenReturnsToWelcomeByItself(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.keys("1", "1")
	answerASN(d)
	d.keys("enter", "enter")
	d.expect("Terima kasih")
	d.send(thanksDoneMsg{seq: 0}) // a timer of an earlier screen: ignored
	d.expect("Terima kasih")
	d.send(thanksDoneMsg{seq: d.m.(*Kiosk).thanks})
	d.expect("Selamat datang · Welcome")
}

func TestSaveFailureKeepsAnswersForRetry(t *testing.T) {
	saver := &memSaver{err: errors.New("no space left on device")}
	d := newDriver(t, New(testConfig(saver)), 100, 30)
	d.keys("2", "1") // English, ASN
	d.expect("Service orientation", "Step 1 of 15")
	answerASN(d)
	d.keys("enter", "enter")
	d.expect("NOT saved", "press enter to try again", "What will be stored")
	if strings.Contains(d.screen(), "Thank you") {
		t.Fatal("thanked although nothing was saved")
	}
	if strings.Contains(d.screen(), "no space") {
		t.Fatal("the respondent is shown the cause meant for the operator")
	}
	id := d.m.(*Kiosk).responseID

	saver.mu.Lock()
	saver.err = nil
	saver.mu.Unlock()
	d.key("enter") // try again
	d.expect("Thank you")
	got := saver.responses()
	if len(got) != 1 || got[0].ID != id || got[0].Answers.Scale["impl.pelayanan.1"] != 4 {
		t.Fatalf("retry stored %+v, want the kept answers under id %s", got, id)
	}
}

func TestReviewCanChangeAnAnswer(t *testing.T) {
	saver := &memSaver{}
	d := newDriver(t, New(testConfig(saver)), 100, 30)
	d.keys("1", "1")
	answerASN(d)
	d.expect("Periksa jawaban Anda", "4 · Sering")
	d.key("e") // which page?
	d.expect("Bagian mana yang ingin Anda ubah?", "1 · Berorientasi Pelayanan")
	d.key("1") // 15 pages: a 1 waits for a second digit, or enter
	d.expect("Bagian mana")
	d.key("enter")
	d.expect("Langkah 1 dari 15")
	d.key("2")               // impl.pelayanan.1 from 4 to 2, on to the next question
	d.keys("enter", "enter") // keep the other two; leaving the page returns to the review
	d.expect("Periksa jawaban Anda", "2 · Jarang")
	d.keys("e", "1", "5") // two digits reach page 15
	d.expect("Langkah 15 dari 15")
	d.keys("shift+tab", "shift+tab", "shift+tab") // back past the first question: the review
	d.expect("Periksa jawaban Anda")
	d.keys("e", "8") // page 8: personal values
	d.expect("Nilai pribadi", "Langkah 8 dari 15")
	d.keys("x", "enter") // untick the first value: 9 left, the page refuses
	d.expect("Pilih tepat 10; sekarang 9 dipilih.")
	d.keys("down", "down", "down", "down", "down", "down", "down", "down", "down", "down", "x", "enter")
	d.expect("Periksa jawaban Anda")
	d.keys("enter", "enter")
	got := saver.responses()
	if len(got) != 1 || got[0].Answers.Scale["impl.pelayanan.1"] != 2 || got[0].Answers.Scale["impl.pelayanan.2"] != 4 {
		t.Fatalf("stored %+v", got)
	}
	personal := got[0].Answers.Picks["values.personal"]
	if len(personal) != 10 || slices.Contains(personal, "memahami-kebutuhan") || !slices.Contains(personal, "menghargai-keberagaman") {
		t.Fatalf("values.personal after the change: %v", personal)
	}
}

func TestValuesPageNeedsExactlyTen(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.keys("1", "1")
	for range 21 {
		d.key("3")
	}
	d.expect("Nilai pribadi")
	for range 9 {
		d.keys("x", "down")
	}
	d.key("enter")
	d.expect("Nilai pribadi", "Pilih tepat 10; sekarang 9 dipilih.", "9 dari 10 dipilih")
	d.keys("x", "enter")
	d.expect("Budaya organisasi saat ini")
}

func TestValuesFilterByTyping(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.keys("1", "1")
	for range 21 {
		d.key("3")
	}
	d.keys("/", "g", "o", "s", "i", "p", "enter", "x")
	k := d.m.(*Kiosk)
	if picks := *k.sheet.picks["values.personal"]; len(picks) != 1 || picks[0] != "gosip" {
		t.Fatalf("after filtering for gosip and ticking: %v", picks)
	}
}

// The forwarding state is a line for staff under the welcome screen only;
// a StaffLineMsg redraws an idle welcome screen with the new state.
func TestStaffLineOnTheWelcomeScreenOnly(t *testing.T) {
	line := "sync: 3 queued · 40 sent"
	cfg := testConfig(&memSaver{})
	cfg.StaffLine = func() string { return line }
	d := newDriver(t, New(cfg), 100, 30)
	d.expect("Selamat datang · Welcome", "sync: 3 queued · 40 sent")
	line = "sync: 0 queued · 43 sent · NATS server unreachable; responses stay queued here"
	d.send(StaffLineMsg{})
	d.expect("NATS server unreachable")
	d.key("1")
	d.expect("Survei ini anonim")
	if strings.Contains(d.screen(), "sync:") {
		t.Fatal("the staff line is shown to a respondent past the welcome screen")
	}
}

// TestAudienceAskedNothingIsNotOffered: a survey that asks the public
// nothing offers only ASN (choosing the public crashed the kiosk); one that
// asks no one anything says so and offers nobody.
func TestAudienceAskedNothingIsNotOffered(t *testing.T) {
	cfg := testConfig(&memSaver{})
	cfg.Modules = map[string][]string{"asn": {"implementation"}, "public": {}}
	d := newDriver(t, New(cfg), 80, 24)
	d.keys("1", "enter") // Bahasa Indonesia
	d.expect("Anda mengisi sebagai", ui.AudienceASN.Indonesian)
	if strings.Contains(d.screen(), "Bukan ASN") {
		t.Fatalf("the public is offered a survey that asks it nothing:\n%s", d.screen())
	}
	d.keys("2", "enter") // not an option: nothing happens
	d.expect("Anda mengisi sebagai")
	d.keys("1", "enter")
	d.expect("Langkah 1 dari")

	cfg.Modules = map[string][]string{"asn": {}, "public": {}}
	d = newDriver(t, New(cfg), 80, 24)
	d.keys("1", "enter")
	d.expect(ui.NothingAsked.Indonesian[:40])
	d.keys("1", "enter")
	d.expect("Anda mengisi sebagai")
}

// TestEveryModuleSubsetRunsToThanks: whatever modules a survey asks of each
// audience, a respondent gets from the start to "thank you" with one
// response stored, holding answers to the modules asked and no others.
func TestEveryModuleSubsetRunsToThanks(t *testing.T) {
	in := questionnaire.Default()
	all := map[string][]string{"asn": {"implementation", "values", "engagement", "demographics"}, "public": {"branding", "demographics"}}
	for audience, modules := range all {
		for mask := 1; mask < 1<<len(modules); mask++ {
			var asked []string
			for i, m := range modules {
				if mask&(1<<i) != 0 {
					asked = append(asked, m)
				}
			}
			saver := &memSaver{}
			cfg := testConfig(saver)
			cfg.Modules = map[string][]string{audience: asked}
			d := newDriver(t, New(cfg), 80, 24)
			d.keys("1", "enter") // Bahasa Indonesia
			d.expect("Anda mengisi sebagai")
			d.keys("1") // the one audience offered
			if audience == questionnaire.AudiencePublic {
				d.keys("1") // 18 or over
			}
			d.keys(testkit.SurveyOf(in, audience, asked, nil)...)
			d.keys("enter", "enter") // the review, what will be stored
			d.expect("Terima kasih")
			rs := saver.responses()
			if len(rs) != 1 {
				t.Fatalf("%s asked %v: %d responses stored", audience, asked, len(rs))
			}
			moduleOf := map[string]string{}
			for _, sec := range in.SectionsFor(audience) {
				for _, it := range sec.Items {
					moduleOf[it.ID] = sec.Module
				}
			}
			var answered []string
			for id := range rs[0].Answers.Scale {
				answered = append(answered, id)
			}
			for id := range rs[0].Answers.Picks {
				answered = append(answered, id)
			}
			for id := range rs[0].Answers.Choice {
				answered = append(answered, id)
			}
			for _, id := range answered {
				if !slices.Contains(asked, moduleOf[id]) {
					t.Fatalf("%s asked %v: the response answers %s (module %q)", audience, asked, id, moduleOf[id])
				}
			}
		}
	}
}

// A survey closed while the kiosk runs: the welcome screen says so at once
// and goes no further; a respondent who was answering is told on saving that
// nothing was stored, the answers are gone, and the kiosk is back at the
// closed welcome.
func TestSurveyClosedWhileRunning(t *testing.T) {
	saver := &memSaver{}
	d := newDriver(t, New(testConfig(saver)), 100, 30)
	d.keys("1", "1") // Indonesian, ASN: mid-survey
	answerASN(d)
	saver.mu.Lock()
	saver.err = fmt.Errorf("save response: survey 2026: %w", questionnaire.ErrSurveyClosed) // as the store says once closed
	saver.mu.Unlock()
	d.send(SurveyStateMsg{Survey: "2026", Modules: testConfig(saver).Modules, Closed: true})
	d.keys("enter", "enter")
	d.expect("Survei ditutup ketika Anda mengisi", "TIDAK disimpan")
	k := d.m.(*Kiosk)
	if k.sheet != nil || len(saver.responses()) != 0 {
		t.Fatal("the answers of a closed survey were kept or stored")
	}
	d.send(thanksDoneMsg{seq: k.thanks})
	d.expect("Survei ini sudah ditutup", "This survey is closed")
	d.key("1")
	d.expect("tidak ada jawaban baru yang diterima")
	if k.screen != screenWelcome {
		t.Fatalf("a closed survey let the respondent past the welcome (screen %v)", k.screen)
	}
	d.send(SurveyStateMsg{Survey: "2026", Modules: testConfig(saver).Modules, Closed: false})
	if strings.Contains(d.screen(), "sudah ditutup") {
		t.Fatal("the welcome still says closed after the survey opened again")
	}
}

// The record in words repeats the review's text as it was drawn: after a
// change made from the review, it shows the new answer, never the text of
// an earlier review.
func TestTheRecordInWordsShowsAChangedAnswer(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.keys("1", "1")
	answerASN(d)
	d.key("enter")
	d.expect("Yang akan disimpan", "4 · Sering")
	if strings.Contains(d.screen(), "2 · Jarang") {
		t.Fatal("the record shows an answer not given")
	}
	d.keys("b", "e", "1", "enter") // back to the review, then page 1
	d.expect("Langkah 1 dari 15")
	d.keys("2", "enter", "enter") // impl.pelayanan.1 from 4 to 2; back to the review
	d.expect("Periksa jawaban Anda", "2 · Jarang")
	d.key("enter")
	d.expect("Yang akan disimpan", "2 · Jarang")
}

// A new survey reaches a running kiosk at the welcome, never under a
// respondent who has begun: one answering when the next year's survey
// starts is stored under the survey they began, the next person's under the
// new one.
func TestANewSurveyWaitsForTheNextRespondent(t *testing.T) {
	saver := &memSaver{}
	d := newDriver(t, New(testConfig(saver)), 100, 30)
	d.keys("1", "1")
	answerASN(d)
	d.send(SurveyStateMsg{Survey: "2027", Modules: testConfig(saver).Modules})
	d.keys("enter", "enter")
	d.expect("Jawaban Anda telah tersimpan")
	d.send(thanksDoneMsg{seq: d.m.(*Kiosk).thanks})
	d.expect("Selamat datang")
	d.keys("1", "1")
	answerASN(d)
	d.keys("enter", "enter")
	d.expect("Jawaban Anda telah tersimpan")
	var surveys []string
	for _, r := range saver.responses() {
		surveys = append(surveys, r.Survey)
	}
	if len(surveys) != 2 || surveys[0] != "2026" || surveys[1] != "2027" {
		t.Fatalf("stored under %v, want [2026 2027]: the one answering keeps the survey begun", surveys)
	}
}
