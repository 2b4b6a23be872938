package cli

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/spf13/pflag"
)

// decimalInt is an int flag read as the decimal number people type. pflag's
// own reads Go's literals: "--k 010" was k = 8 (octal), a smaller minimum
// group than the 10 meant, and "0x10" was 16.
type decimalInt struct{ p *int }

func (d decimalInt) String() string {
	if d.p == nil {
		return "0"
	}
	return strconv.Itoa(*d.p)
}

func (d decimalInt) Set(s string) error {
	v, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("%q is not a whole number (write it in digits, e.g. 10)", s)
	}
	*d.p = v
	return nil
}

func (decimalInt) Type() string { return "int" }

// intFlag defines an int flag read as a decimal number (decimalInt).
func intFlag(fs *pflag.FlagSet, p *int, name string, value int, usage string) {
	*p = value
	fs.Var(decimalInt{p}, name, usage)
}

// byteSize is a size flag in bytes, read as people write sizes: digits,
// with or without a unit (B; KB, MB, GB, TB of 1000; KiB, MiB, GiB, TiB of
// 1024). pflag's int64 had read Go's literals ("010" as 8 bytes), taken "-1"
// as no limit without saying so, and refused "10GiB".
type byteSize struct{ p *int64 }

// byteUnits are the units a size may end in, compared without case.
var byteUnits = map[string]int64{
	"": 1, "b": 1,
	"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
}

func (b byteSize) String() string {
	if b.p == nil {
		return "0"
	}
	return strconv.FormatInt(*b.p, 10)
}

func (b byteSize) Set(s string) error {
	digits := strings.TrimRightFunc(s, unicode.IsLetter)
	unit, known := byteUnits[strings.ToLower(strings.TrimSpace(s[len(digits):]))]
	n, err := strconv.ParseInt(strings.TrimSpace(digits), 10, 64)
	switch {
	case !known:
		return fmt.Errorf("%q: unknown unit (write bytes, or a number with KB, MB, GB, TB or KiB, MiB, GiB, TiB, e.g. 10GiB)", s)
	case err != nil || strings.ContainsAny(digits, "+-"): // ParseInt takes a sign
		return fmt.Errorf("%q is not a size (write it in digits, with or without a unit, e.g. 10GiB)", s)
	case n > math.MaxInt64/unit:
		return fmt.Errorf("%q is larger than any stream could be", s)
	}
	*b.p = n * unit
	return nil
}

func (byteSize) Type() string { return "size" }

// byteSizeFlag defines a size flag (byteSize).
func byteSizeFlag(fs *pflag.FlagSet, p *int64, name string, usage string) {
	*p = 0
	fs.Var(byteSize{p}, name, usage)
}
