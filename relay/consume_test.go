package relay

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/nats-io/nats.go/jetstream"
)

// A forwarded response the agency cannot store (its unit is not in the
// agency's tree) is set aside whole in the rejected file, in the
// interchange form `berakhlak import` reads, and the next one is stored.
func TestUnstorableMessageIsSetAsideAndTheRestStored(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	agency := openStore(t, "agency.db")
	rejected := filepath.Join(t.TempDir(), "rejected.jsonl")
	consumer, err := NewConsumer(agency, instrument, connect(t, ns.ClientURL(), ns.Auth, RoleAgency, "bkn"), "bkn", rejected, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	runInBackground(t, consumer.Run)
	js, err := jetstream.New(connect(t, ns.ClientURL(), ns.Auth, RoleKiosk, "bkn"))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(6, 6))
	stranger, good := sample(rng, "biro-baru"), sample(rng, "root")
	for _, r := range []*questionnaire.Response{stranger, good} {
		data, _ := json.Marshal(r)
		eventually(t, 10*time.Second, "the stream takes the message", func() bool {
			_, err := js.Publish(t.Context(), ResponseSubject("bkn", "lobby"), data, jetstream.WithMsgID(r.ID))
			return err == nil
		})
	}
	eventually(t, 20*time.Second, "one stored and one set aside", func() bool {
		return count(t, agency) == 1 && consumer.Rejected.Load() == 1
	})
	data, err := os.ReadFile(rejected)
	if err != nil {
		t.Fatal(err)
	}
	back, err := questionnaire.DecodeResponse([]byte(strings.TrimSpace(string(data))))
	if err != nil || back.ID != stranger.ID {
		t.Fatalf("rejected file holds %q (%v); want the response of unit biro-baru", data, err)
	}
	if ok, _ := agency.HasResponse(good.ID); !ok {
		t.Fatal("the storable response was not stored")
	}
}

// Kiosk credentials used outside a kiosk: with the agency's survey requiring
// participation codes and 10 codes issued for unit root (2 used here), 50
// code-less responses published straight to the kiosk's subject store only
// 8, and the other 42 are set aside; the agency counts what each kiosk
// forwarded, by the subject its credentials alone may publish to. Also run
// on Debian's nats-server (TestRecipesOnASeparateNATSServer).
func TestForwardedResponsesAreBoundedByTheUnitsCodes(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	kioskBypassesCodes(t, ns.ClientURL(), ns.Auth, ClientOptions{})
}

func kioskBypassesCodes(t *testing.T, url string, auth *Auth, tls ClientOptions) {
	provisionAt(t, url, auth, tls, StreamConfig{}, "bkn")
	agency := openStore(t, "agency.db")
	sv, _, err := agency.Survey("2026")
	if err != nil {
		t.Fatal(err)
	}
	sv.RequireCode = true
	if err := agency.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	issued := []string{}
	for i := range 10 {
		issued = append(issued, fmt.Sprintf("code%02d", i))
	}
	if err := agency.AddCodes("2026", map[string][]string{"root": issued}); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for _, code := range issued[:2] {
		if err := agency.SaveResponseWithCode(instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", "root", "2026-11-27", 0), code); err != nil {
			t.Fatal(err)
		}
	}
	agencyNC, _ := dialWatched(t, url, auth, tls, identity(RoleAgency, "bkn"))
	rejected := filepath.Join(t.TempDir(), "rejected.jsonl")
	consumer, err := NewConsumer(agency, instrument, agencyNC, "bkn", rejected, func(string, ...any) {})
	if err != nil {
		t.Fatal(err)
	}
	runInBackground(t, consumer.Run)
	kioskNC, _ := dialWatched(t, url, auth, tls, identity(RoleKiosk, "bkn"))
	js, err := jetstream.New(kioskNC)
	if err != nil {
		t.Fatal(err)
	}
	for range 50 {
		r := instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", "root", "2026-11-27", 0)
		data, _ := json.Marshal(r)
		if _, err := js.Publish(t.Context(), ResponseSubject("bkn", "lobby"), data, jetstream.WithMsgID(r.ID)); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, 30*time.Second, "8 stored and 42 set aside", func() bool {
		return consumer.Stored.Load() == 8 && consumer.Rejected.Load() == 42
	})
	if n := count(t, agency); n != 10 {
		t.Errorf("the agency holds %d responses; want the 2 with codes and 8 forwarded", n)
	}
	kiosks, err := agency.KioskCounts()
	if err != nil || len(kiosks) != 1 || kiosks["lobby"] != 8 {
		t.Errorf("kiosk counts %v (%v); want lobby 8", kiosks, err)
	}
	counts, _ := agency.CodeCounts("2026")
	if c := counts["root"]; c.Issued != 10 || c.Used != 2 || c.Forwarded != 8 {
		t.Errorf("root's codes %+v; want 10 issued, 2 used, 8 forwarded", c)
	}
	// The set-aside responses keep no order of arrival (issue 29): sorted,
	// in a private file.
	data, err := os.ReadFile(rejected)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 42 || !slices.IsSorted(lines) {
		t.Errorf("the rejected file holds %d lines, sorted %v; want 42, sorted", len(lines), slices.IsSorted(lines))
	}
	if info, err := os.Stat(rejected); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the rejected file: %v %v", info.Mode(), err)
	}
}
