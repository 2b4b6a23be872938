package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
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
	if want := (tui.SurveySettings{Survey: was.Survey, Open: true, K: 5, MinK: db.MinK}); was != want || was.Survey == "" {
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
	closed := tui.SurveySettings{Survey: was.Survey, Open: false, K: 7, RequireCode: true, MinK: db.MinK}
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
