package scoring

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// plainDecimal is a number as a person types a target: digits, perhaps a
// minus (the recommendation's −100..100) and one decimal point or comma.
// strconv alone would also take "1_0" as 10, "0x1p6" as 64, "Inf" and "NaN".
var plainDecimal = regexp.MustCompile(`^-?[0-9]+([.,][0-9]+)?$`)

// ParseTarget reads a typed target for the index key: a plain decimal, a
// decimal comma as Indonesian writes it (64,5), within TargetRange.
func ParseTarget(key, text string) (float64, error) {
	lo, hi := TargetRange(key)
	text = strings.TrimSpace(text)
	if !plainDecimal.MatchString(text) {
		return 0, fmt.Errorf("%q is not a plain number: write one from %g to %g, e.g. 64.5 or 64,5", text, lo, hi)
	}
	v, err := strconv.ParseFloat(strings.Replace(text, ",", ".", 1), 64)
	if err != nil || v < lo || v > hi {
		return 0, fmt.Errorf("%s is outside %g..%g, the range of the index", text, lo, hi)
	}
	return v, nil
}
