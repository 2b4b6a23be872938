package testkit

import (
	"testing"

	"github.com/berakhlak/berakhlak/db"
)

// ChangeSurvey changes survey id's settings in store, as `survey set`
// does, and returns them.
func ChangeSurvey(t testing.TB, store *db.Store, id string, change func(*db.Survey)) db.Survey {
	t.Helper()
	sv, ok, err := store.Survey(id)
	if err != nil || !ok {
		t.Fatalf("survey %s: found %t, %v", id, ok, err)
	}
	change(&sv)
	if err := store.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	return sv
}
