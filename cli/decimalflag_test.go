package cli

import (
	"strings"
	"testing"
)

// Sizes are read as people write them: digits, with or without a unit, in
// decimal; what is not a size is refused with what to write instead.
func TestSizeFlagsAreReadAsPeopleWriteThem(t *testing.T) {
	for typed, want := range map[string]int64{
		"0": 0, "010": 10, "1048576": 1048576, "512B": 512,
		"10GiB": 10 << 30, "10gib": 10 << 30, "5 MiB": 5 << 20, "2TiB": 2 << 40, "3KiB": 3072,
		"10GB": 10_000_000_000, "1kb": 1000, "7MB": 7_000_000, "1TB": 1_000_000_000_000,
	} {
		var got int64 = -7
		if err := (byteSize{&got}).Set(typed); err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", typed, got, err, want)
		}
	}
	for typed, says := range map[string]string{
		"10G":                  "unknown unit",
		"3 furlongs":           "unknown unit",
		"-1":                   "is not a size",
		"+5":                   "is not a size",
		"0x10":                 "is not a size",
		"1_000":                "is not a size",
		"1.5GiB":               "is not a size",
		"GiB":                  "is not a size",
		"":                     "is not a size",
		"8388608TiB":           "larger than any stream",
		"99999999999999999999": "is not a size",
	} {
		got := int64(42)
		err := (byteSize{&got}).Set(typed)
		if err == nil || !strings.Contains(err.Error(), says) || got != 42 {
			t.Errorf("%q: %d, %v; want it refused (%s) and the value kept", typed, got, err, says)
		}
	}
}
