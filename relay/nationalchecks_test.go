package relay

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/national"
	"github.com/berakhlak/berakhlak/scoring"
)

// TestNationalReaderTrustsNoRecord is issue 28's hostile agency against a
// long-running national view: a chunk doubled 48 times (int64 overflow), 600,000
// respondents in a unit of 50 staff, a unit republished with one respondent
// more, and records of made-up value ids (one of 20,000 ids, one over the size
// bound). Each is named and left out or held back; the honest agency still
// shows, and a unit's figures move only in steps of at least k.
func TestNationalReaderTrustsNoRecord(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	kv := aggregateBucket(ctx, t, ns)
	rng := rand.New(rand.NewPCG(28, 28))
	sums := func(n int) *scoring.Aggregate {
		a := scoring.NewAggregate()
		for range n {
			a.Add(instrument.SampleResponse(rng, "asn", "2026", "root", "2026-11-27", 0))
		}
		return scoring.Residue(a, nil)
	}
	put := func(key string, rec national.UnitRecord) {
		t.Helper()
		if _, err := kv.Put(ctx, key, national.EncodeRecord(rec)); err != nil {
			t.Fatal(err)
		}
	}
	record := func(agency string, headcount int, a *scoring.Aggregate) national.UnitRecord {
		return national.UnitRecord{Agency: agency, Unit: "root", Name: agency, Headcount: headcount, K: 5,
			Aggregates: map[string][]byte{"asn": scoring.EncodeAggregate(a)}}
	}
	put("2026.lan.root", record("lan", 40, sums(20)))
	view, err := WatchNational(ctx, connect(t, ns.ClientURL(), ns.Auth, RoleNational, ""), "2026", 5)
	if err != nil {
		t.Fatal(err)
	}
	<-view.Ready()
	problem := func(key string) string {
		for _, p := range view.Problems() {
			if strings.HasPrefix(p, "key "+key+" ") {
				return p
			}
		}
		return ""
	}
	waitForProblem := func(key, want string) {
		t.Helper()
		eventually(t, 10*time.Second, fmt.Sprintf("key %s named with %q (named: %q)", key, want, problem(key)), func() bool {
			return strings.Contains(problem(key), want)
		})
	}

	doubled := sums(5)
	for range 48 {
		doubled.Merge(doubled)
	}
	put("2026.overflow.root", record("overflow", 0, doubled))
	waitForProblem("2026.overflow.root", "left out")

	many := sums(5)
	for range 17 { // 5 · 2^17 = 655,360 respondents
		many.Merge(many)
	}
	put("2026.inflated.root", record("inflated", 50, many))
	waitForProblem("2026.inflated.root", "more than twice its staff")

	votes := sums(5)
	made := map[string]int64{}
	for i := range 20_000 {
		made[fmt.Sprintf("v%05d", i)] = 1
	}
	votes.Votes["values.personal"] = made
	put("2026.ids.root", record("ids", 0, votes))
	waitForProblem("2026.ids.root", "more than any catalogue")
	huge := make([]byte, national.MaxRecordBytes+1)
	if _, err := kv.Put(ctx, "2026.huge.root", huge); err == nil {
		t.Error("the bucket took a record over its size bound")
	}
	view.Put("2026.huge.root", huge) // as if from a bucket without the bound
	if !strings.Contains(problem("2026.huge.root"), "bytes, more than") {
		t.Errorf("an oversized record is not named: %q", problem("2026.huge.root"))
	}

	// Steps: 5 in, then republished with 6 (held), then 10 (taken).
	released := func() int64 {
		_, g := view.Groups()
		return g.ReleasedCount("step/root", "asn")
	}
	put("2026.step.root", record("step", 0, sums(5)))
	eventually(t, 10*time.Second, "the unit's first 5", func() bool { return released() == 5 })
	_, g := view.Groups()
	before := g.Group("", scoring.Settings{Survey: "2026", K: 5}, instrument).Scores.Implementation.Index
	put("2026.step.root", record("step", 0, sums(6)))
	waitForProblem("2026.step.root", "moved by 1 respondents, fewer than 5 (the national k = 5)")
	_, g = view.Groups()
	if n, after := released(), g.Group("", scoring.Settings{Survey: "2026", K: 5}, instrument).Scores.Implementation.Index; n != 5 || after != before {
		t.Errorf("after a republish of 6: the unit shows %d and the nation's implementation moved %v → %v; want 5 and no move", n, before, after)
	}
	put("2026.step.root", record("step", 0, sums(10)))
	eventually(t, 10*time.Second, "the unit's 10, a step of k", func() bool { return released() == 10 && problem("2026.step.root") == "" })

	_, g = view.Groups()
	if n := g.ReleasedCount("", "asn"); n != 30 {
		t.Errorf("the nation holds %d released respondents; want LAN's 20 and the stepped unit's 10", n)
	}
}
