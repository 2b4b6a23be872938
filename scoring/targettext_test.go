package scoring

import (
	"strings"
	"testing"
)

// TestParseTarget: a target is read as a person types it — a decimal point
// or an Indonesian comma, a minus only where the index goes below zero — and
// nothing Go's number syntax would also take (1_0, hex, Inf, NaN).
func TestParseTarget(t *testing.T) {
	for _, tc := range []struct {
		key, text string
		want      float64
		why       string
	}{
		{"implementation", "64.5", 64.5, ""},
		{"implementation", "64,5", 64.5, ""},
		{"implementation", " 70 ", 70, ""},
		{"implementation", "100", 100, ""},
		{"implementation", "0", 0, ""},
		{"workplace_recommendation", "-12,5", -12.5, ""},
		{"workplace_recommendation", "-100", -100, ""},
		{"implementation", "-1", 0, "-1 is outside 0..100"},
		{"implementation", "100.01", 0, "outside 0..100"},
		{"workplace_recommendation", "-100.5", 0, "outside -100..100"},
		{"implementation", "1_0", 0, "not a plain number"},
		{"implementation", "0x1p6", 0, "not a plain number"},
		{"implementation", "NaN", 0, "not a plain number"},
		{"implementation", "Inf", 0, "not a plain number"},
		{"implementation", "1e1", 0, "not a plain number"},
		{"implementation", "64.5.1", 0, "not a plain number"},
		{"implementation", "64,5,1", 0, "not a plain number"},
		{"implementation", ".5", 0, "not a plain number"},
		{"implementation", "+5", 0, "not a plain number"},
		{"implementation", "", 0, "not a plain number"},
	} {
		got, err := ParseTarget(tc.key, tc.text)
		if tc.why == "" {
			if err != nil || got != tc.want {
				t.Errorf("%s=%q: %v, %v; want %v", tc.key, tc.text, got, err, tc.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("%s=%q: %v, %v; want an error with %q", tc.key, tc.text, got, err, tc.why)
		}
	}
}
