package relay

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/national"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// agencyTree is one agency's units and how many respondents each has.
type agencyTree struct {
	id    string
	units []db.Unit
	asn   map[string]int // ASN respondents per unit
	pub   map[string]int // public respondents per unit
}

// Three agencies publish their figures; once each agency's survey is closed
// (every residue then reaches k somewhere: kemenpan's root 3 + biro.sdm's
// last 2, bkn's kanreg-1's last 3 + kanreg-2's 2; and every share residue
// 2k: kemenpan's deputi-1 5 + root 5, bkn's kanreg-1 5 + root 5), the
// national view equals the figures of all raw responses pooled, shares
// too, and a unit of two is suppressed.
func TestNationalViewEqualsPooledRawResponses(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	agencies := []agencyTree{
		{id: "kemenpan", units: []db.Unit{{ID: "root", Name: "KemenPAN-RB"}, {ID: "biro.sdm", Parent: "root", Name: "Biro SDM"}, {ID: "deputi-1", Parent: "root", Name: "Deputi I"}},
			asn: map[string]int{"root": 3, "biro.sdm": 22, "deputi-1": 15}, pub: map[string]int{"deputi-1": 10}},
		{id: "bkn", units: []db.Unit{{ID: "root", Name: "BKN"}, {ID: "kanreg-1", Parent: "root", Name: "Kanreg I"}, {ID: "kanreg-2", Parent: "root", Name: "Kanreg II"}},
			asn: map[string]int{"kanreg-1": 38, "kanreg-2": 2}},
		{id: "lan", units: []db.Unit{{ID: "root", Name: "LAN"}}, asn: map[string]int{"root": 20}, pub: map[string]int{"root": 10}},
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
		for audience, sizes := range map[string]map[string]int{questionnaire.AudienceASN: ag.asn, questionnaire.AudiencePublic: ag.pub} {
			for unit, n := range sizes {
				for range n {
					r := instrument.SampleResponse(rng, audience, "2026", unit, "2026-11-27", 0)
					if err := store.SaveResponse(r); err != nil {
						t.Fatal(err)
					}
					pooled[r.Audience].Add(r)
					ids = append(ids, r.ID)
				}
			}
		}
		sv, _, err := store.Survey("2026")
		if err != nil {
			t.Fatal(err)
		}
		sv.Open = false
		if err := store.SaveSurvey(sv); err != nil {
			t.Fatal(err)
		}
		pub, err := NewPublisher(store, connect(t, ns.ClientURL(), ns.Auth, RoleAgency, ag.id), ag.id, t.Logf)
		if err != nil {
			t.Fatal(err)
		}
		runInBackground(t, pub.Run)
		last = store
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	view, err := WatchNational(ctx, connect(t, ns.ClientURL(), ns.Auth, RoleNational, ""), "2026", 5)
	if err != nil {
		t.Fatal(err)
	}
	var groups *scoring.Groups
	eventually(t, 30*time.Second, "the national view has all 120 respondents in its figures", func() bool {
		_, g := view.Groups()
		groups = g
		return g.ReleasedCount("", questionnaire.AudienceASN)+g.ReleasedCount("", questionnaire.AudiencePublic) == 120
	})
	if got := view.Agencies(); len(got) != 3 {
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
	if !groups.Group(national.NodeID("bkn", "kanreg-2"), set, in).Suppressed {
		t.Errorf("kanreg-2 (2 respondents) is shown nationally")
	}
	if groups.Group(national.NodeID("lan", "root"), set, in).Suppressed {
		t.Errorf("LAN (30 respondents) is suppressed")
	}

	// Raw answers never leave an agency: the bucket holds unit records of
	// sums, and no response id appears in any of them.
	kv := aggregateBucket(ctx, t, ns)
	keys, err := kv.Keys(ctx)
	if err != nil || len(keys) != 7 {
		t.Fatalf("bucket keys = %v, %v; want the 7 units", keys, err)
	}
	for _, key := range keys {
		e, err := kv.Get(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := national.DecodeRecord(e.Value()) // nothing but the record's fields: trailing bytes are refused
		if err != nil {
			t.Fatalf("%s is not a unit record: %v", key, err)
		}
		for _, id := range ids {
			if bytes.Contains(e.Value(), []byte(id)) {
				t.Fatalf("%s carries response id %s", key, id)
			}
		}
		// A unit of two has released nothing: the bucket holds its count,
		// never figures of fewer than k.
		if rec.Agency == "bkn" && rec.Unit == "kanreg-2" {
			if len(rec.Aggregates) != 0 || rec.Counts["asn"]["2026-11-27"] != 2 {
				t.Fatalf("kanreg-2's record: aggregates %v, counts %v; want none and 2", rec.Aggregates, rec.Counts)
			}
		}
		for audience, enc := range rec.Aggregates {
			if a, err := scoring.DecodeAggregate(enc); err != nil || a.N < 5 || len(a.ByDay) != 0 {
				t.Fatalf("%s %s: a published chunk of %d respondents (dates %v); want at least k and no dates", key, audience, a.N, a.ByDay)
			}
		}
	}

	// A commit at an agency reaches the open national view as an update
	// (the survey opened again: a closed one takes no response).
	sv, _, err := last.Survey("2026")
	if err != nil {
		t.Fatal(err)
	}
	sv.Open = true
	if err := last.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	if err := last.SaveResponse(sample(rng, "root")); err != nil {
		t.Fatal(err)
	}
	select {
	case <-view.Changed():
	case <-time.After(30 * time.Second):
		t.Fatal("no update reached the national view within 30s of a commit")
	}
	eventually(t, 10*time.Second, "the national view counts 121", func() bool {
		_, g := view.Groups()
		return g.Count("", questionnaire.AudienceASN)+g.Count("", questionnaire.AudiencePublic) == 121
	})

	// A record nobody can read is left out and named; the rest still shows.
	if _, err := kv.Put(ctx, "2026.broken.root", []byte("not a unit record")); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "the broken record is named", func() bool { return len(view.Problems()) == 1 })
	if _, g := view.Groups(); g.Count("", questionnaire.AudienceASN)+g.Count("", questionnaire.AudiencePublic) != 121 {
		t.Fatal("a broken record changed the national count")
	}
}

// TestNationalViewLeavesOutWhatCannotBeTrue: records under another agency's
// key, with sums no responses could give, or hanging from a unit the agency
// did not publish, are left out and named; the sound agency still shows.
func TestNationalViewLeavesOutWhatCannotBeTrue(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	kv := aggregateBucket(ctx, t, ns)
	rng := rand.New(rand.NewPCG(12, 12))
	chunk := func(n int) map[string][]byte {
		a := scoring.NewAggregate()
		for range n {
			a.Add(instrument.SampleResponse(rng, "asn", "2026", "root", "2026-11-27", 0))
		}
		return map[string][]byte{"asn": scoring.EncodeAggregate(scoring.Residue(a, nil))}
	}
	put := func(key string, rec national.UnitRecord) {
		data, _ := json.Marshal(rec)
		if _, err := kv.Put(ctx, key, data); err != nil {
			t.Fatal(err)
		}
	}
	put("2026.lan.root", national.UnitRecord{Agency: "lan", K: 5, Unit: "root", Name: "LAN", Aggregates: chunk(20)})
	put("2026.lan.other", national.UnitRecord{Agency: "bkn", K: 5, Unit: "other", Name: "Not LAN's", Aggregates: chunk(10)})
	inflated := scoring.NewAggregate()
	inflated.N = 1000 // a thousand respondents with no answers at all
	inflated.Engaged = 1000
	put("2026.big.root", national.UnitRecord{Agency: "big", K: 5, Unit: "root", Name: "Big", Aggregates: map[string][]byte{"asn": scoring.EncodeAggregate(inflated)}})
	put("2026.lan.root.x", national.UnitRecord{Agency: "lan", K: 5, Unit: "x", Parent: "ghost", Name: "X", Aggregates: chunk(5)})
	put("2026.lan.ghost.y", national.UnitRecord{Agency: "lan", K: 5, Unit: "y", Parent: "ghost", Name: "Y", Aggregates: chunk(6)})

	view, err := WatchNational(ctx, connect(t, ns.ClientURL(), ns.Auth, RoleNational, ""), "2026", 5)
	if err != nil {
		t.Fatal(err)
	}
	<-view.Ready()
	_, groups := view.Groups()
	if n := groups.ReleasedCount("", "asn"); n != 20 {
		t.Errorf("the national figures include %d respondents; want LAN's 20 only", n)
	}
	problems := strings.Join(view.Problems(), "\n")
	for _, want := range []string{
		"key 2026.lan.other of bucket berakhlak-aggregates left out: the record names agency \"bkn\", its key another",
		"key 2026.big.root of bucket berakhlak-aggregates left out: asn figures impossible",
		"key 2026.lan.root.x of bucket berakhlak-aggregates left out: the record places unit \"x\" under \"ghost\", its key elsewhere",
		"key 2026.lan.ghost.y of bucket berakhlak-aggregates left out: unit \"y\" of agency \"lan\" hangs from \"ghost\", which is not in the agency's published tree",
	} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems lack %q:\n%s", want, problems)
		}
	}
}
