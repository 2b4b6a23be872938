package ingest

import (
	"errors"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestOneGateForSealedInput: a sealed response is opened by the keys of
// the way it came in, then checked like a plain one; one that cannot be
// opened says which recipient to seal to where the way in knows it; one
// whose survey stores responses in the clear here is refused alike for
// every way in, with a refusal a caller can tell apart (NATS waits, a file
// reports the line).
func TestOneGateForSealedInput(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	sealing, err := db.Open(filepath.Join(t.TempDir(), "sealing.db"), at)
	if err != nil {
		t.Fatal(err)
	}
	defer sealing.Close()
	key, _ := age.GenerateX25519Identity()
	sv := db.DefaultSurvey("2026")
	sv.Recipient = key.Recipient().String()
	if err := sealing.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	in := questionnaire.Default()
	want := in.SampleResponse(rand.New(rand.NewPCG(5, 5)), "asn", "2026", db.RootUnitID, "2026-11-27", 0)
	if err := sealing.SaveResponse(want); err != nil {
		t.Fatal(err)
	}
	var sealed []byte
	sealing.EachRecord(func(_, v []byte) error { sealed = append([]byte(nil), v...); return nil })
	if !db.IsSealed(sealed) {
		t.Fatalf("the stored record is not sealed: %.60s", sealed)
	}

	got, err := NewRules(in, sealing).WithKeys([]age.Identity{key}, "").Open(sealed)
	if err != nil || !reflect.DeepEqual(got.AppendJSON(nil), want.AppendJSON(nil)) {
		t.Fatalf("opened with its key: %v, %v", got, err)
	}
	plain, err := NewRules(in, sealing).Open(want.AppendJSON(nil))
	if err != nil || plain.ID != want.ID {
		t.Fatalf("a plain line: %v, %v", plain, err)
	}

	other, _ := age.GenerateX25519Identity()
	_, err = NewRules(in, sealing).WithKeys([]age.Identity{other}, "seal to the transit key").Open(sealed)
	if err == nil || !strings.Contains(err.Error(), "seal to the transit key") {
		t.Errorf("opened with another key: %v, want the hint", err)
	}

	clear, err := db.Open(filepath.Join(t.TempDir(), "clear.db"), at)
	if err != nil {
		t.Fatal(err)
	}
	defer clear.Close()
	snap, err := Snapshot(clear)
	if err != nil {
		t.Fatal(err)
	}
	for name, dir := range map[string]Directory{"store": clear, "snapshot": snap} {
		_, err := NewRules(in, dir).WithKeys([]age.Identity{key}, "").Open(sealed)
		var inClear SealedInClearError
		if !errors.As(err, &inClear) || inClear.Survey != "2026" || !strings.Contains(err.Error(), "berakhlak survey set 2026 --recipient") {
			t.Errorf("via %s, a sealed response for a survey in the clear: %v", name, err)
		}
	}
}
