package relay

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/national"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestFreshNationalReaderTakesNoSmallerSteps is issue 29's second attack: an
// agency releasing with k = 3 published chunks of 3, and a national view of
// k = 5 opened at n = 24 and again at n = 27 told the three newcomers' mean.
// A running view holds such steps back, a fresh one cannot; so the national
// view takes no agency whose steps may be below its own k — one that says
// k = 3, and one that raised k to 5 after releasing in threes — and names
// each. An agency of k = 5 beside them is read as before.
func TestFreshNationalReaderTakesNoSmallerSteps(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	rng := rand.New(rand.NewPCG(29, 2))
	agency := func(id string, k, respondents int, thenK int) {
		store := openStore(t, id+".db")
		if err := store.ReplaceUnits([]db.Unit{{ID: "root", Name: id}}); err != nil {
			t.Fatal(err)
		}
		setK := func(k int) {
			sv, _, err := store.Survey("2026")
			if err != nil {
				t.Fatal(err)
			}
			sv.K = k
			if err := store.SaveSurvey(sv); err != nil {
				t.Fatal(err)
			}
		}
		setK(k)
		for range respondents {
			if err := store.SaveResponse(instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", "root", "2026-11-27", 0)); err != nil {
				t.Fatal(err)
			}
		}
		if thenK != k {
			setK(thenK)
		}
		pub, err := NewPublisher(store, connect(t, ns.ClientURL(), ns.Auth, RoleAgency, id), id, t.Logf)
		if err != nil {
			t.Fatal(err)
		}
		runInBackground(t, pub.Run)
	}
	agency("threes", 3, 27, 3)
	agency("raised", 3, 24, 5)
	agency("fives", 5, 20, 5)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	view, err := WatchNational(ctx, connect(t, ns.ClientURL(), ns.Auth, RoleNational, ""), "2026", 5)
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, 30*time.Second, "both agencies of smaller steps are named", func() bool {
		problems := strings.Join(view.Problems(), "\n")
		return strings.Contains(problems, "agency threes releases figures in steps of k = 3, below the national k = 5") &&
			strings.Contains(problems, "agency raised releases figures in steps of k = 3, below the national k = 5")
	})
	eventually(t, 30*time.Second, "the agency of k = 5 is in the figures", func() bool {
		_, g := view.Groups()
		return g.ReleasedCount("", questionnaire.AudienceASN) == 20
	})
	_, g := view.Groups()
	if n := g.ReleasedCount(national.NodeID("threes", "root"), questionnaire.AudienceASN) + g.ReleasedCount(national.NodeID("raised", "root"), questionnaire.AudienceASN); n != 0 {
		t.Errorf("%d respondents of the agencies with smaller steps are in the national figures", n)
	}
	if got := view.Agencies(); len(got) != 1 || got[0] != "fives" {
		t.Errorf("agencies in the view = %v, want fives only", got)
	}
}
