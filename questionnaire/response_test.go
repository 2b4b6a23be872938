package questionnaire

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestAnswersJSONRoundTrip: the hand-written encoder gives what a generic
// encoder of the same flat object gives, and decodes back to the answers.
func TestAnswersJSONRoundTrip(t *testing.T) {
	in := Default()
	rng := rand.New(rand.NewPCG(2, 3))
	for _, aud := range []string{AudienceASN, AudiencePublic} {
		a := in.SampleResponse(rng, aud, "2026", "u", "2026-11-27", 0.1).Answers
		a.Choice["demo.x"] = "quote \" and \\ and \u2028"
		got, err := a.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		flat := map[string]any{}
		for k, v := range a.Scale {
			flat[k] = v
		}
		for k, v := range a.Picks {
			flat[k] = v
		}
		for k, v := range a.Choice {
			flat[k] = v
		}
		want, _ := json.Marshal(flat)
		if string(got) != string(want) {
			t.Fatalf("encoded\n%s\nwant\n%s", got, want)
		}
		var back Answers
		if err := json.Unmarshal(got, &back); err != nil || !reflect.DeepEqual(back, a) {
			t.Fatalf("round trip: %v", err)
		}
	}
}

// TestAppendJSONIsJSONMarshal: the store's direct encoder writes exactly the
// bytes json.Marshal writes, escapes included, so stored bytes compare equal
// whichever wrote them.
func TestAppendJSONIsJSONMarshal(t *testing.T) {
	in := Default()
	rng := rand.New(rand.NewPCG(4, 5))
	for i := range 20 {
		r := in.SampleResponse(rng, []string{AudienceASN, AudiencePublic}[i%2], "2026", "u", "2026-11-27", 0.1)
		if i == 0 {
			r.Unit, r.Instrument = "a<b>&\"c\\", "v\u2028\x01é"
		}
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.AppendJSON(nil); string(got) != string(want) {
			t.Fatalf("AppendJSON\n%s\njson.Marshal\n%s", got, want)
		}
	}
}
