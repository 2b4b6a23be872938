package cli

import (
	"encoding/json"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/relay"
	"github.com/nats-io/nats.go/jetstream"
)

// Closed means closed, everywhere and at once: with an SSH respondent at
// the review, another at the welcome screen and the NATS consumer running,
// the survey closes. The one at the welcome reads that it is closed; the one
// at the review, saving, is told nothing was stored; a forwarded response
// and an import after the close are set aside or refused; nothing is stored
// after the close committed.
func TestClosedMeansClosed(t *testing.T) {
	f := startFixture(t)
	stopFollowing := f.resp.followSurveyState(f.store, f.srv.Broadcast)
	defer stopFollowing()
	addr := freeLoopbackAddr(t)
	stopNATS, _, err := startNATS(f.store, questionnaire.Default(), natsFlags{listen: addr, agency: "bkn"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer stopNATS()

	answering, waiting := f.respondent(t), f.respondent(t)
	in := questionnaire.Default()
	answering.typeKeys(testkit.Bytes(append([]string{"1", "1"}, testkit.Survey(in, questionnaire.AudienceASN, nil)...))...)
	answering.waitFor("Periksa jawaban", 10*time.Second)

	sv, _, err := f.store.Survey("2026")
	if err != nil {
		t.Fatal(err)
	}
	sv.Open = false
	if err := f.store.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	waiting.waitFor("Survei ini sudah ditutup", 2*time.Second)
	answering.typeKeys("\r", "\r")
	answering.waitFor("Survei ditutup ketika Anda mengisi", 5*time.Second)

	// The NATS consumer sets a forwarded response aside; an import is refused.
	auth, err := relay.LoadAuth(natsAuthDir(f.store.Path()))
	if err != nil {
		t.Fatal(err)
	}
	kiosk := relay.Identity{Role: relay.RoleKiosk, Agency: "bkn", Kiosk: "lobby"}
	creds, _ := auth.Creds(kiosk)
	nc, err := relay.Dial("nats://"+addr, "kiosk", relay.ClientOptions{CredsData: creds})
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	late := in.SampleResponse(rand.New(rand.NewPCG(1, 1)), questionnaire.AudienceASN, "2026", db.RootUnitID, "2026-11-27", 0)
	data, _ := json.Marshal(late)
	if _, err := js.Publish(t.Context(), relay.ResponseSubject("bkn", "lobby"), data, jetstream.WithMsgID(late.ID)); err != nil {
		t.Fatal(err)
	}
	rejected := f.store.Path() + ".rejected.jsonl"
	for deadline := time.Now().Add(15 * time.Second); !fileHas(rejected, late.ID); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the forwarded response of the closed survey was not set aside")
		}
	}
	if _, err := f.store.SaveResponses([]*questionnaire.Response{late}); !strings.Contains(errString(err), "the survey is closed") {
		t.Fatalf("an import into the closed survey: %v", err)
	}
	if n, err := f.store.CountResponses(); err != nil || n != 0 {
		t.Fatalf("%d responses stored after the close (%v)", n, err)
	}
}

func fileHas(path, text string) bool {
	data, err := os.ReadFile(path)
	return err == nil && strings.Contains(string(data), text)
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
