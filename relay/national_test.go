package relay

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/nats-io/nats.go/jetstream"
)

// agencyTree is one agency's units and how many respondents each has.
type agencyTree struct {
	id    string
	units []db.Unit
	sizes map[string]int
}

// Three agencies publish their aggregates; the national view equals the
// figures of all raw responses pooled, and a unit of two is suppressed.
func TestNationalViewEqualsPooledRawResponses(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	agencies := []agencyTree{
		{id: "kemenpan", units: []db.Unit{{ID: "root", Name: "KemenPAN-RB"}, {ID: "biro.sdm", Parent: "root", Name: "Biro SDM"}, {ID: "deputi-1", Parent: "root", Name: "Deputi I"}},
			sizes: map[string]int{"root": 3, "biro.sdm": 20, "deputi-1": 15}},
		{id: "bkn", units: []db.Unit{{ID: "root", Name: "BKN"}, {ID: "kanreg-1", Parent: "root", Name: "Kanreg I"}, {ID: "kanreg-2", Parent: "root", Name: "Kanreg II"}},
			sizes: map[string]int{"kanreg-1": 30, "kanreg-2": 2}},
		{id: "lan", units: []db.Unit{{ID: "root", Name: "LAN"}}, sizes: map[string]int{"root": 25}},
	}
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(3, 3))
	var last *db.Store
	var ids []string
	pooled := map[string]*scoring.Aggregate{questionnaire.AudienceASN: scoring.NewAggregate(), questionnaire.AudiencePublic: scoring.NewAggregate()}
	for _, ag := range agencies {
		store := openStore(t, ag.id+".db")
		if err := store.ReplaceUnits(ag.units); err != nil {
			t.Fatal(err)
		}
		for unit, n := range ag.sizes {
			for range n {
				r := sample(rng, unit)
				if err := store.SaveResponse(r); err != nil {
					t.Fatal(err)
				}
				pooled[r.Audience].Add(r)
				ids = append(ids, r.ID)
			}
		}
		pub, err := NewPublisher(store, connect(t, ns.ClientURL(), ag.id), ag.id, 1, t.Logf)
		if err != nil {
			t.Fatal(err)
		}
		runInBackground(t, pub.Run)
		last = store
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	national, err := WatchNational(ctx, connect(t, ns.ClientURL(), "national"), "2026")
	if err != nil {
		t.Fatal(err)
	}
	var groups *scoring.Groups
	eventually(t, 30*time.Second, "the national view has all 95 respondents", func() bool {
		_, g := national.Groups()
		groups = g
		return g.Count("", questionnaire.AudienceASN)+g.Count("", questionnaire.AudiencePublic) == 95
	})
	if got := national.Agencies(); len(got) != 3 {
		t.Fatalf("agencies = %v", got)
	}

	set := scoring.Settings{Survey: "2026", K: 5}
	got := scoring.IndexValues(groups.Group("", set, in).Scores)
	want := scoring.IndexValues(scoring.Compute(pooled[questionnaire.AudienceASN], pooled[questionnaire.AudiencePublic], in))
	if len(want) < 10 {
		t.Fatalf("only %d indices computed from the pooled responses", len(want))
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || math.Abs(g-w) > 0.01 {
			t.Errorf("national %s = %.4f (present %v); pooled raw responses give %.4f", name, g, ok, w)
		}
	}
	if !groups.Group(NodeID("bkn", "kanreg-2"), set, in).Suppressed {
		t.Errorf("kanreg-2 (2 respondents) is shown nationally")
	}
	if groups.Group(NodeID("lan", "root"), set, in).Suppressed {
		t.Errorf("LAN (25 respondents) is suppressed")
	}

	// Raw answers never leave an agency: the bucket holds unit records of
	// sums, and no response id appears in any of them.
	js, err := jetstream.New(connect(t, ns.ClientURL(), "inspect"))
	if err != nil {
		t.Fatal(err)
	}
	kv, err := js.KeyValue(ctx, AggregateBucket)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := kv.Keys(ctx)
	if err != nil || len(keys) != 7 {
		t.Fatalf("bucket keys = %v, %v; want the 7 units", keys, err)
	}
	for _, key := range keys {
		e, err := kv.Get(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(e.Value()))
		dec.DisallowUnknownFields()
		var rec UnitRecord
		if err := dec.Decode(&rec); err != nil {
			t.Fatalf("%s is not a unit record: %v", key, err)
		}
		for _, id := range ids {
			if bytes.Contains(e.Value(), []byte(id)) {
				t.Fatalf("%s carries response id %s", key, id)
			}
		}
	}

	// A commit at an agency reaches the open national view as an update.
	if err := last.SaveResponse(sample(rng, "root")); err != nil {
		t.Fatal(err)
	}
	select {
	case <-national.Changed():
	case <-time.After(30 * time.Second):
		t.Fatal("no update reached the national view within 30s of a commit")
	}
	eventually(t, 10*time.Second, "the national view counts 96", func() bool {
		_, g := national.Groups()
		return g.Count("", questionnaire.AudienceASN)+g.Count("", questionnaire.AudiencePublic) == 96
	})

	// A record nobody can read is left out and named; the rest still shows.
	if _, err := kv.Put(ctx, "2026.broken.root", []byte("not a unit record")); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "the broken record is named", func() bool { return len(national.Problems()) == 1 })
	if _, g := national.Groups(); g.Count("", questionnaire.AudienceASN)+g.Count("", questionnaire.AudiencePublic) != 96 {
		t.Fatal("a broken record changed the national count")
	}
}
