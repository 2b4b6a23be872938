package relay

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// setRecipient seals survey 2026 of s to id.
func setRecipient(t *testing.T, s *db.Store, id *age.X25519Identity) {
	t.Helper()
	sv, _, err := s.Survey("2026")
	if err != nil {
		t.Fatal(err)
	}
	sv.Recipient = id.Recipient().String()
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
}

// TestForwardSealedResponses: a kiosk of a sealed survey forwards each
// response sealed to the agency server's transit key; while the agency's
// survey has no recipient they wait in the stream (never stored in the
// clear); once it has, each is stored once, sealed, and the agency's figures
// count them. Neither file nor stream holds an answer in the clear.
func TestForwardSealedResponses(t *testing.T) {
	dir := t.TempDir()
	ns := startServer(t, dir, 0)
	defer ns.Stop()
	offline, _ := age.GenerateX25519Identity() // the agency key, kept offline
	transit, _ := age.GenerateX25519Identity() // the agency server's key
	agency, kiosk := openStore(t, "agency.db"), openStore(t, "kiosk.db")
	setRecipient(t, kiosk, offline)
	kiosk.ForwardSealedTo(transit.Recipient())

	consumer, err := NewConsumer(agency, questionnaire.Default(), connect(t, ns.ClientURL(), ns.Auth, RoleAgency, "bkn"), "bkn",
		filepath.Join(t.TempDir(), "rejected.jsonl"), t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	consumer.Transit = []age.Identity{transit}
	consumer.sealedRetry = 100 * time.Millisecond
	runInBackground(t, consumer.Run)
	fwd, err := NewForwarder(kiosk, connect(t, ns.ClientURL(), ns.Auth, RoleKiosk, "bkn"), identity(RoleKiosk, "bkn"))
	if err != nil {
		t.Fatal(err)
	}
	runInBackground(t, fwd.Run)

	rng := rand.New(rand.NewPCG(21, 21))
	sent := map[string]*questionnaire.Response{}
	for range 30 {
		r := sample(rng, db.RootUnitID)
		sent[r.ID] = r
		if err := kiosk.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, 30*time.Second, "the kiosk's outbox is sent", func() bool { return fwd.Status().Forwarded == 30 })
	time.Sleep(500 * time.Millisecond) // several offers while the agency cannot seal
	if n := count(t, agency); n != 0 {
		t.Fatalf("the agency stored %d sealed arrivals with no recipient of its own", n)
	}

	setRecipient(t, agency, offline)
	eventually(t, 30*time.Second, "the agency holds all 30", func() bool { return count(t, agency) == 30 })
	if n, _ := agency.CountSealed(); n != 30 {
		t.Fatalf("%d of 30 stored sealed at the agency", n)
	}
	got := map[string]*questionnaire.Response{}
	if err := agency.EachResponse([]age.Identity{offline}, func(r *questionnaire.Response) error { got[r.ID] = r; return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, sent) {
		t.Fatal("the responses opened at the agency differ from those the kiosk saved")
	}
	aggs, _ := agency.SurveyAggregates("2026")
	if n := aggs["asn"][db.RootUnitID].N + aggs["public"][db.RootUnitID].N; n != 30 {
		t.Errorf("agency figures count %d, want 30", n)
	}
	if consumer.Rejected.Load() != 0 {
		t.Errorf("%d rejected", consumer.Rejected.Load())
	}
	for _, root := range []string{dir, filepath.Dir(agency.Path()), filepath.Dir(kiosk.Path())} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, _ := os.ReadFile(path)
			if bytes.Contains(data, []byte(`"answers":`)) {
				t.Errorf("%s holds an answer in the clear", path)
			}
			return nil
		})
	}
}
