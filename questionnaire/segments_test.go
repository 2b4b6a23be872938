package questionnaire

import (
	"strings"
	"testing"
)

func TestCheckSegmentQuestion(t *testing.T) {
	in := Default()
	for _, tc := range []struct{ audience, item, want string }{
		{"asn", "demo.tenure", ""},
		{"public", "demo.status", ""},
		{"staff", "demo.tenure", "the audience must be asn or public"},
		{"asn", "impl.pelayanan.1", `no choice question "impl.pelayanan.1"; use a demographic question such as demo.`},
		{"public", "demo.tenure", `the instrument asks public no choice question "demo.tenure"`},
	} {
		err := in.CheckSegmentQuestion(tc.audience, tc.item)
		if (tc.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s=%s: %v, want %q", tc.audience, tc.item, err, tc.want)
		}
	}
	many := Default()
	for i := range many.Sections {
		for j := range many.Sections[i].Items {
			if it := &many.Sections[i].Items[j]; it.ID == "demo.tenure" {
				for len(it.Options) <= MaxSegmentAnswers {
					it.Options = append(it.Options, it.Options[0])
				}
			}
		}
	}
	if err := many.CheckSegmentQuestion("asn", "demo.tenure"); err == nil || !strings.Contains(err.Error(), "at most 12 can be segments") {
		t.Errorf("a question of %d answers: %v", MaxSegmentAnswers+1, err)
	}
}
