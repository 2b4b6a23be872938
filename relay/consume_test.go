package relay

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
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
			_, err := js.Publish(t.Context(), ResponseSubject("bkn"), data, jetstream.WithMsgID(r.ID))
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
