package cli

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/oplog"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/tui"
)

// The admin screen's settings form saves through `survey set`'s edits and
// the store's checks: a k below the methodology's smallest is refused and
// nothing changes; a close is stored and reaches open admin screens.
func TestAdminScreenKeepsSurveySettings(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "s.db"))
	store, err := db.Open(dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	src := newStoreAdmin(store, questionnaire.Default())
	was, err := src.SurveySettings()
	if err != nil {
		t.Fatal(err)
	}
	if want := (tui.SurveySettings{Survey: was.Survey, Open: true, K: 5, MinK: db.MinK, MaxK: db.MaxK}); was != want || was.Survey == "" {
		t.Fatalf("settings of a fresh database: %+v, want %+v", was, want)
	}
	tooSmall := was
	tooSmall.K = 2
	if err := src.SaveSurveySettings(tooSmall); err == nil || !strings.Contains(err.Error(), "below 3") {
		t.Fatalf("k = 2: %v", err)
	}
	if now, _ := src.SurveySettings(); now != was {
		t.Fatalf("a refused k changed the settings: %+v", now)
	}
	events, unsubscribe := store.Subscribe()
	defer unsubscribe()
	closed := tui.SurveySettings{Survey: was.Survey, Open: false, K: 7, RequireCode: true, MinK: db.MinK, MaxK: db.MaxK}
	if err := src.SaveSurveySettings(closed); err != nil {
		t.Fatal(err)
	}
	sv, _, _ := store.Survey(was.Survey)
	if sv.Open || sv.K != 7 || !sv.RequireCode {
		t.Fatalf("stored survey: open %t, k %d, codes %t", sv.Open, sv.K, sv.RequireCode)
	}
	select {
	case <-events:
	case <-time.After(5 * time.Second):
		t.Fatal("the close reached no admin screen")
	}
}

// What an admin's form saves is logged with who saved it (here an SSH key's
// fingerprint): the plan's focus and status, never its words; a target; the
// settings. A refused change is not logged.
func TestAdminChangesAreLoggedByWho(t *testing.T) {
	src, store, logged := auditedOnFreshDB(t)
	root, err := store.RootUnit()
	if err != nil {
		t.Fatal(err)
	}
	area := tui.PlanArea{Focus: "akuntabel", Reason: db.ReasonOther, Actions: "rapat rahasia tiap Senin", Owner: "Kepala Biro", Due: "2027-03", Status: db.StatusPlanned}
	if err := src.SavePlan(root.ID, area, true); err != nil {
		t.Fatal(err)
	}
	sixty := 60.0
	if err := src.SaveTarget("", "engagement", &sixty); err != nil {
		t.Fatal(err)
	}
	set, _ := src.SurveySettings()
	set.K = 2
	if err := src.SaveSurveySettings(set); err == nil {
		t.Fatal("k = 2 was saved")
	}
	set.K, set.Open = 6, false
	if err := src.SaveSurveySettings(set); err != nil {
		t.Fatal(err)
	}
	text := logged.String()
	for _, want := range []string{
		"admin saved a plan by=SHA256:abc unit=" + root.ID + " focus=akuntabel status=planned",
		`admin saved a target by=SHA256:abc unit="(the survey)" index=engagement target=60`,
		"admin saved survey settings by=SHA256:abc survey=" + set.Survey + " open=false k=6 require_code=false",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the log lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "rahasia") || strings.Contains(text, "Kepala") || strings.Contains(text, "k=2") {
		t.Errorf("the log holds a plan's words or a refused change:\n%s", text)
	}
}

// A closed year's settings offer the next survey, and starting it from the
// admin screen is `survey create`: open, with the closed year's settings
// (k, codes), logged with who started it; a survey already there is not
// started again, and an open year offers none.
func TestAdminStartsTheNextSurvey(t *testing.T) {
	src, _, logged := auditedOnFreshDB(t)
	set, err := src.SurveySettings()
	if err != nil {
		t.Fatal(err)
	}
	if set.Next != "" {
		t.Fatalf("an open survey offers %q to start", set.Next)
	}
	year, _ := strconv.Atoi(set.Survey)
	set.Open, set.K, set.RequireCode = false, 9, true
	if err := src.SaveSurveySettings(set); err != nil {
		t.Fatal(err)
	}
	closed, _ := src.SurveySettings()
	if want := strconv.Itoa(year + 1); closed.Next != want {
		t.Fatalf("a closed %s offers %q, want %s", set.Survey, closed.Next, want)
	}
	from, err := src.CreateSurvey(closed.Next)
	if err != nil || from != set.Survey {
		t.Fatalf("CreateSurvey(%s) = %q, %v", closed.Next, from, err)
	}
	next, _ := src.SurveySettings()
	if next.Survey != closed.Next || !next.Open || next.K != 9 || !next.RequireCode || next.Next != "" {
		t.Fatalf("the started survey: %+v, want %s open with k 9 and codes", next, closed.Next)
	}
	if _, err := src.CreateSurvey(closed.Next); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Fatalf("started twice: %v", err)
	}
	if want := "admin created a survey by=SHA256:abc survey=" + closed.Next + " settings_from=" + set.Survey; !strings.Contains(logged.String(), want) {
		t.Errorf("the log lacks %q:\n%s", want, logged.String())
	}
}

// auditedOnFreshDB is an admin screen's source on a fresh database, as the
// admin of key SHA256:abc, with what it logs.
func auditedOnFreshDB(t *testing.T) (auditedAdmin, *db.Store, *strings.Builder) {
	t.Helper()
	store, err := db.Open(newDB(t, filepath.Join(t.TempDir(), "s.db")), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	logged := &strings.Builder{}
	return auditedAdmin{storeAdmin: newStoreAdmin(store, questionnaire.Default()), log: oplog.New(logged, "ssh"), by: "SHA256:abc"}, store, logged
}
