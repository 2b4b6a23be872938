package relay

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/berakhlak/berakhlak/db"
)

// A unit dropped from an agency's tree while its server was stopped loses
// its key at the next start, so nobody counts twice nationally.
func TestPublisherDeletesKeysOfUnitsNoLongerInTheTree(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	ctx := context.Background()
	store := openStore(t, "agency.db")
	if err := store.ReplaceUnits([]db.Unit{{ID: "root", Name: "BKN"}, {ID: "old", Parent: "root", Name: "Old"}}); err != nil {
		t.Fatal(err)
	}
	first, err := NewPublisher(store, connect(t, ns.ClientURL(), ns.Auth, RoleAgency, "bkn"), "bkn", t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.PublishChanged(ctx); err != nil {
		t.Fatal(err)
	}
	// The unit, with no responses, leaves the tree; a new server process starts.
	if err := store.ReplaceUnits([]db.Unit{{ID: "root", Name: "BKN"}, {ID: "new", Parent: "root", Name: "New"}}); err != nil {
		t.Fatal(err)
	}
	if err := store.SaveResponse(sample(rand.New(rand.NewPCG(1, 1)), "new")); err != nil {
		t.Fatal(err)
	}
	second, err := NewPublisher(store, connect(t, ns.ClientURL(), ns.Auth, RoleAgency, "bkn"), "bkn", t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	if err := second.PublishChanged(ctx); err != nil {
		t.Fatal(err)
	}
	kv := aggregateBucket(ctx, t, ns)
	keys, err := kv.Keys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(keys)
	if want := []string{"2026.bkn.root", "2026.bkn.root.new"}; !slices.Equal(keys, want) {
		t.Fatalf("keys = %v; want %v", keys, want)
	}
}

// A survey removed as a mistake leaves the national bucket: at once on a
// running server, and at the next start of one that was stopped meanwhile.
func TestPublisherDeletesKeysOfSurveysNoLongerHeld(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	ctx := context.Background()
	store := openStore(t, "agency.db")
	publisher := func() *Publisher {
		p, err := NewPublisher(store, connect(t, ns.ClientURL(), ns.Auth, RoleAgency, "bkn"), "bkn", t.Logf)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	keys := func() []string {
		t.Helper()
		ks, err := aggregateBucket(ctx, t, ns).Keys(ctx)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(ks)
		return ks
	}
	running := publisher()
	for _, id := range []string{"2072", "2082"} {
		if err := store.SaveSurvey(db.DefaultSurvey(id)); err != nil {
			t.Fatal(err)
		}
	}
	if err := running.PublishChanged(ctx); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2026.bkn.root", "2072.bkn.root", "2082.bkn.root"}; !slices.Equal(keys(), want) {
		t.Fatalf("keys = %v; want %v", keys(), want)
	}
	if err := store.RemoveSurvey("2072"); err != nil {
		t.Fatal(err)
	}
	if err := running.PublishChanged(ctx); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2026.bkn.root", "2082.bkn.root"}; !slices.Equal(keys(), want) {
		t.Fatalf("on the running server, keys = %v; want %v", keys(), want)
	}
	// Stopped, 2082 removed meanwhile, started again.
	if err := store.RemoveSurvey("2082"); err != nil {
		t.Fatal(err)
	}
	if err := publisher().PublishChanged(ctx); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2026.bkn.root"}; !slices.Equal(keys(), want) {
		t.Fatalf("after a restart, keys = %v; want %v", keys(), want)
	}
}
