package relay

import (
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/nats-io/nats.go/jetstream"
)

// A kiosk stores 1,000 responses while the NATS server is up, then down, then
// restarted; the agency ends with each exactly once and the kiosk's outbox
// empty. Publishing them all again stores nothing twice.
func TestForwardThroughServerRestartStoresEachOnce(t *testing.T) {
	dir := t.TempDir()
	ns := startServer(t, dir, 0)
	port := portOf(ns)
	url := ns.ClientURL()

	agency, kiosk := openStore(t, "agency.db"), openStore(t, "kiosk.db")
	consumer, err := NewConsumer(agency, questionnaire.Default(), connect(t, url, ns.Auth, RoleAgency, "bkn"), "bkn",
		filepath.Join(t.TempDir(), "rejected.jsonl"), t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	runInBackground(t, consumer.Run)
	fwd, err := NewForwarder(kiosk, connect(t, url, ns.Auth, RoleKiosk, "bkn"), identity(RoleKiosk, "bkn"))
	if err != nil {
		t.Fatal(err)
	}
	runInBackground(t, fwd.Run)

	rng := rand.New(rand.NewPCG(8, 8))
	var sent []*questionnaire.Response
	save := func(n int) {
		for range n {
			r := sample(rng, db.RootUnitID)
			if err := kiosk.SaveResponse(r); err != nil {
				t.Fatal(err)
			}
			sent = append(sent, r)
		}
	}
	save(400)
	ns.Stop()
	save(300) // stored on the kiosk while the server is down
	if st := fwd.Status(); st.Pending == 0 {
		t.Errorf("with the server down, nothing is pending: %+v", st)
	}
	ns = startServer(t, dir, port)
	defer ns.Stop()
	save(300)

	eventually(t, 90*time.Second, "the agency holds all 1,000 and the kiosk has none pending", func() bool {
		st := fwd.Status()
		return count(t, agency) == 1000 && st.Pending == 0 && st.Forwarded == 1000
	})
	for _, r := range sent {
		if ok, err := agency.HasResponse(r.ID); err != nil || !ok {
			t.Fatalf("response %s is not at the agency (%v)", r.ID, err)
		}
	}

	// The same responses again: with their ids (the stream drops them within
	// its window) and without (the agency's save skips them).
	js, err := jetstream.New(connectAll(t, ns.ClientURL(), ns.Auth))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	duplicates := 0
	skippedBefore := consumer.Skipped.Load()
	for i, r := range sent {
		data, _ := json.Marshal(r)
		if i%2 == 0 {
			ack, err := js.Publish(ctx, ResponseSubject("bkn", "lobby"), data, jetstream.WithMsgID(r.ID))
			if err != nil {
				t.Fatal(err)
			}
			if ack.Duplicate {
				duplicates++
			}
		} else if _, err := js.Publish(ctx, ResponseSubject("bkn", "lobby"), data); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, 30*time.Second, "the agency has seen every re-sent response the stream did not drop", func() bool {
		return consumer.Skipped.Load()-skippedBefore >= int64(len(sent)-duplicates)
	})
	if n := count(t, agency); n != 1000 {
		t.Fatalf("after publishing again the agency holds %d; want 1000", n)
	}
	if duplicates == 0 {
		t.Errorf("the stream de-duplicated none of the 500 re-sent with their ids")
	}
	if r := consumer.Rejected.Load(); r != 0 {
		t.Errorf("%d responses rejected", r)
	}
}

// A kiosk that starts while its server is down forwards once the server
// comes up for the first time.
func TestKioskStartedBeforeItsServer(t *testing.T) {
	dir := t.TempDir()
	probe := startServer(t, dir, 0) // to learn a free port and make the identities
	port := portOf(probe)
	url := probe.ClientURL()
	probe.Stop()

	kiosk := openStore(t, "kiosk.db")
	fwd, err := NewForwarder(kiosk, connect(t, url, probe.Auth, RoleKiosk, "bkn"), identity(RoleKiosk, "bkn"))
	if err != nil {
		t.Fatal(err)
	}
	runInBackground(t, fwd.Run)
	rng := rand.New(rand.NewPCG(9, 9))
	for range 5 {
		if err := kiosk.SaveResponse(sample(rng, db.RootUnitID)); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, 10*time.Second, "the kiosk says the server is unreachable", func() bool {
		return strings.Contains(fwd.Status().Problem, "unreachable")
	})

	ns := startServer(t, dir, port)
	defer ns.Stop()
	agency := openStore(t, "agency.db")
	consumer, err := NewConsumer(agency, instrument, connect(t, url, ns.Auth, RoleAgency, "bkn"), "bkn",
		filepath.Join(t.TempDir(), "rejected.jsonl"), t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	runInBackground(t, consumer.Run)
	eventually(t, 30*time.Second, "the 5 reach the agency after the server's first start", func() bool {
		return count(t, agency) == 5 && fwd.Status().Pending == 0 && fwd.Status().Problem == ""
	})
}
