package relay

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/nats-io/nats.go/jetstream"
)

// The national bucket carries only how many units of an agency work on each
// value, by status: a scan of every record finds no plan's actions, owner
// or date, and the national view sums the counts over agencies (issue 34).
func TestNationalBucketCarriesOnlyFocusCounts(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	secrets := []string{"Rahasia pelatihan", "Ibu Sari", "2027-04"}
	plans := map[string][]db.FocusArea{
		"kemenpan": {
			{Focus: "adaptif", Reason: db.ReasonOther, Actions: secrets[0], Owner: "Kepala Biro", Due: "2027-03"},
			{Focus: "impl.adaptif.2", Reason: db.ReasonOther, Actions: "Forum", Owner: secrets[1], Due: secrets[2]},
		},
		"bkn": {{Focus: "adaptif", Reason: db.ReasonOther, Actions: "Mentor", Owner: "Kepala Kanreg", Due: "2027-01"}},
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for agency, areas := range plans {
		store := openStore(t, agency+".db")
		if err := store.ReplaceUnits([]db.Unit{{ID: "root", Name: agency}, {ID: "a", Parent: "root", Name: "A"}}); err != nil {
			t.Fatal(err)
		}
		for i, f := range areas {
			if err := store.AddFocus("2026", []string{"root", "a"}[i], f, "2026-12-01"); err != nil {
				t.Fatal(err)
			}
		}
		if agency == "kemenpan" {
			if err := store.EditFocus("2026", "root", "adaptif", "2027-02-01", func(f *db.FocusArea) { f.Status = db.StatusDone }); err != nil {
				t.Fatal(err)
			}
		}
		pub, err := NewPublisher(store, connect(t, ns.ClientURL(), ns.Auth, RoleAgency, agency), agency, t.Logf)
		if err != nil {
			t.Fatal(err)
		}
		if err := pub.PublishChanged(ctx); err != nil {
			t.Fatal(err)
		}
	}
	js, _ := jetstream.New(connectAll(t, ns.ClientURL(), ns.Auth)) // the scan reads every record whole
	kv, err := js.KeyValue(ctx, AggregateBucket)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := kv.ListKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	focusKeys := 0
	for key := range keys.Keys() {
		e, err := kv.Get(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range secrets {
			if strings.Contains(string(e.Value()), secret) {
				t.Errorf("key %s carries %q: %s", key, secret, e.Value())
			}
		}
		if strings.HasSuffix(key, "._focus") {
			focusKeys++
		}
	}
	if focusKeys != 2 {
		t.Fatalf("%d focus records, want one per agency", focusKeys)
	}
	view, err := WatchNational(ctx, connect(t, ns.ClientURL(), ns.Auth, RoleNational, ""), "2026", 5)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-view.Ready():
	case <-time.After(10 * time.Second):
		t.Fatal("the national view did not read the bucket")
	}
	counts := view.FocusCounts()
	if got := counts["adaptif"]; len(counts) != 1 || got["done"] != 1 || got["planned"] != 2 {
		t.Fatalf("focus counts %v: want adaptif done 1 (kemenpan's root), planned 2 (kemenpan's behaviour, bkn's value)", counts)
	}
	if p := view.Problems(); len(p) != 0 {
		t.Fatalf("problems: %v", p)
	}
}
