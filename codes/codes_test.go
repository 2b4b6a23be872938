package codes

import (
	"errors"
	"strings"
	"testing"
)

func TestGenerateHasNoDuplicatesIn100000(t *testing.T) {
	all, err := Generate(nil, 100_000)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range all {
		if seen[c] {
			t.Fatalf("duplicate %s", c)
		}
		seen[c] = true
		if _, err := Normalise(c); err != nil {
			t.Fatalf("generated %s does not check: %v", c, err)
		}
	}
	if len(seen) != 100_000 {
		t.Fatalf("%d codes", len(seen))
	}
}

// TestCheckCatchesEverySingleTypoAndAdjacentSwap tries, on 2,000 codes, every
// other character at every position and every swap of two different
// neighbours.
func TestCheckCatchesEverySingleTypoAndAdjacentSwap(t *testing.T) {
	all, _ := Generate(nil, 2000)
	for _, c := range all {
		for i := range Length {
			for j := range len(Alphabet) {
				if Alphabet[j] == c[i] {
					continue
				}
				typo := c[:i] + string(Alphabet[j]) + c[i+1:]
				if _, err := Normalise(typo); !errors.Is(err, ErrTypo) {
					t.Fatalf("%s → %s not caught: %v", c, typo, err)
				}
			}
			if i+1 < Length && c[i] != c[i+1] {
				swap := c[:i] + string(c[i+1]) + string(c[i]) + c[i+2:]
				if _, err := Normalise(swap); !errors.Is(err, ErrTypo) {
					t.Fatalf("%s → %s (swap) not caught: %v", c, swap, err)
				}
			}
		}
	}
}

func TestNormaliseIgnoresCaseAndDashes(t *testing.T) {
	all, _ := Generate(nil, 1)
	c := all[0]
	for _, typed := range []string{c, Format(c), " " + Format(c) + " ", strings.ToLower(Format(c))} {
		if got, err := Normalise(typed); err != nil || got != c {
			t.Errorf("Normalise(%q) = %q, %v; want %s", typed, got, err, c)
		}
	}
	if _, err := Normalise("ABC"); !errors.Is(err, ErrLength) {
		t.Errorf("short code: %v", err)
	}
	if _, err := Normalise("ABCD-EFG0"); !errors.Is(err, ErrAlphabet) {
		t.Errorf("0 is not in the alphabet: %v", err)
	}
}
