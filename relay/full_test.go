package relay

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// A full stream is reported in words, the kiosk keeps saving, and the queued
// responses go through once the agency drains the stream.
func TestFullStreamIsReportedAndDrains(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	const limit = 16 << 10 // a dozen responses
	provision(t, ns.ClientURL(), ns.Auth, StreamConfig{MaxBytes: limit}, "bkn")

	kiosk := openStore(t, "kiosk.db")
	fwd, err := NewForwarder(kiosk, connect(t, ns.ClientURL(), ns.Auth, RoleKiosk, "bkn"), identity(RoleKiosk, "bkn"))
	if err != nil {
		t.Fatal(err)
	}
	runInBackground(t, fwd.Run)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 60 {
		if err := kiosk.SaveResponse(sample(rng, db.RootUnitID)); err != nil {
			t.Fatalf("a respondent's save failed while the stream was full: %v", err)
		}
	}
	eventually(t, 30*time.Second, "the kiosk reports the full stream", func() bool {
		return strings.Contains(fwd.Status().Problem, "is full")
	})
	if st := fwd.Status(); st.Pending == 0 || st.Forwarded == 0 {
		t.Fatalf("status %+v: want some forwarded and the rest queued", st)
	}

	agency := openStore(t, "agency.db")
	consumer, err := NewConsumer(agency, questionnaire.Default(), connect(t, ns.ClientURL(), ns.Auth, RoleAgency, "bkn"),
		"bkn", filepath.Join(t.TempDir(), "rejected.jsonl"), t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	runInBackground(t, consumer.Run)
	eventually(t, 60*time.Second, "all 60 reach the agency once the stream drains", func() bool {
		return count(t, agency) == 60 && fwd.Status().Pending == 0
	})
	if p := fwd.Status().Problem; p != "" {
		t.Errorf("problem still shown after draining: %q", p)
	}
}
