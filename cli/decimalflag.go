package cli

import (
	"fmt"
	"strconv"

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
