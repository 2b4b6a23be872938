package ingest

import (
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestOneSetOfRules: every way in — the store asked directly (the NATS
// consumer) or a snapshot of it (import, bundles) — accepts a sound response
// and refuses each kind of bad one with the same words.
func TestOneSetOfRules(t *testing.T) {
	store, err := db.Open(filepath.Join(t.TempDir(), "i.db"), time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	in := questionnaire.Default()
	good := in.SampleResponse(rand.New(rand.NewPCG(1, 1)), "asn", "2026", db.RootUnitID, "2026-11-27", 0)
	line := func(change func(m map[string]any)) []byte {
		data, _ := json.Marshal(good)
		var m map[string]any
		json.Unmarshal(data, &m)
		change(m)
		out, _ := json.Marshal(m)
		return out
	}
	snap, err := Snapshot(store)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string // "" = accepted
	}{
		{"sound", line(func(map[string]any) {}), ""},
		{"not JSON", []byte("not json"), "not a response"},
		{"a field outside the schema", line(func(m map[string]any) { m["ssh_user"] = "budi" }), "ssh_user"},
		{"a time in the date", line(func(m map[string]any) { m["date"] = "2026-11-27T10:00:00Z" }), `must be a day`},
		{"unknown survey", line(func(m map[string]any) { m["survey"] = "2031" }), "survey \"2031\" does not exist: create it with `berakhlak survey create 2031`"},
		{"unknown unit", line(func(m map[string]any) { m["unit"] = "nowhere" }), "unit \"nowhere\" is not in the organisation tree: import it with `berakhlak org import`"},
		{"an answer out of range", line(func(m map[string]any) { m["answers"].(map[string]any)["impl.pelayanan.1"] = 9 }), "impl.pelayanan.1"},
	}
	for _, tc := range tests {
		for name, rules := range map[string]*Rules{"store": NewRules(in, store), "snapshot": NewRules(in, snap)} {
			_, err := rules.Decode(tc.data)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("%s via %s: refused: %v", tc.name, name, err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("%s via %s: %v, want %q", tc.name, name, err, tc.want)
			}
		}
	}
}

// TestModulesOfItsSurvey: a response is checked against the modules its own
// survey asks of its audience, as the kiosk asks them — a survey without
// engagement takes ASN responses without engagement items (and refuses
// them with), a public-only survey refuses ASN responses.
func TestModulesOfItsSurvey(t *testing.T) {
	store, err := db.Open(filepath.Join(t.TempDir(), "m.db"), time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	noEngagement := db.DefaultSurvey("2027")
	noEngagement.Modules["asn"] = []string{"implementation", "values", "demographics"}
	publicOnly := db.DefaultSurvey("2028")
	delete(publicOnly.Modules, "asn")
	for _, sv := range []db.Survey{noEngagement, publicOnly} {
		if err := store.SaveSurvey(sv); err != nil {
			t.Fatal(err)
		}
	}
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(3, 3))
	sample := func(audience, survey string, engagement bool) *questionnaire.Response {
		r := in.SampleResponse(rng, audience, survey, db.RootUnitID, "2026-11-27", 0)
		if !engagement {
			for k := range r.Answers.Scale {
				if strings.HasPrefix(k, "eng.") {
					delete(r.Answers.Scale, k)
				}
			}
		}
		return r
	}
	rules := NewRules(in, store)
	for _, tc := range []struct {
		name string
		r    *questionnaire.Response
		want string
	}{
		{"ASN without engagement, survey without it", sample("asn", "2027", false), ""},
		{"ASN with engagement, survey without it", sample("asn", "2027", true), "belongs to module engagement, which survey 2027 does not ask of asn"},
		{"ASN without engagement, survey with it", sample("asn", "2026", false), "eng."},
		{"ASN in a public-only survey", sample("asn", "2028", false), "survey 2028 does not ask audience asn"},
		{"public in a public-only survey", sample("public", "2028", true), ""},
	} {
		err := rules.Check(tc.r)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}
