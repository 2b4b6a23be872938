// Package codes makes and checks participation codes: eight characters from
// an alphabet without look-alikes, the last one a check character, read
// without regard to case or dashes.
package codes

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
)

// Alphabet has 29 characters (a prime): no 0/O, 1/I/L, S or U.
const Alphabet = "23456789ABCDEFGHJKMNPQRTVWXYZ"

// Length is the characters of a code, the check character included.
const Length = 8

var p = len(Alphabet) // 29, prime

// Errors of a code lookup, shared by the store that keeps codes and the
// screens that ask for them.
var (
	ErrUnknown = errors.New("this code is not known")
	ErrUsed    = errors.New("this code has already been used")
	// ErrOtherSurvey: the code was issued for another survey (an unused
	// slip of an earlier year): one code, one response, in its own year.
	ErrOtherSurvey = errors.New("this code was issued for another survey")
)

// Errors of Normalise.
var (
	ErrLength   = errors.New("a code has 8 characters")
	ErrAlphabet = errors.New("a code uses only the letters and digits printed on the slip")
	ErrTypo     = errors.New("the code has a typing error: check each character")
)

func valueOf(c byte) int { return strings.IndexByte(Alphabet, c) }

// check returns the character that makes Σ (i+1)·v(i) ≡ 0 (mod 29) over all
// eight positions. With distinct non-zero weights and a prime modulus every
// single substitution changes the sum, and so does every swap of two
// different neighbours (by ±(a − b)).
func check(data string) byte {
	sum := 0
	for i := range len(data) {
		sum += (i + 1) * valueOf(data[i])
	}
	// Find c with sum + Length·c ≡ 0 (mod p).
	for c := range p {
		if (sum+Length*c)%p == 0 {
			return Alphabet[c]
		}
	}
	panic("codes: no check character") // unreachable: Length is invertible mod p
}

// Generate returns n distinct codes drawn from rnd (crypto/rand when nil).
func Generate(rnd io.Reader, n int) ([]string, error) {
	if rnd == nil {
		rnd = rand.Reader
	}
	seen := make(map[string]bool, n)
	out := make([]string, 0, n)
	max := big.NewInt(int64(p))
	for len(out) < n {
		var b strings.Builder
		for range Length - 1 {
			v, err := rand.Int(rnd, max)
			if err != nil {
				return nil, fmt.Errorf("draw a code: %w", err)
			}
			b.WriteByte(Alphabet[v.Int64()])
		}
		code := b.String() + string(check(b.String()))
		if !seen[code] {
			seen[code] = true
			out = append(out, code)
		}
	}
	return out, nil
}

// Format prints a code as two groups of four: ABCD-EFGH.
func Format(code string) string { return code[:4] + "-" + code[4:] }

// Normalise reads what a person typed: case and dashes or spaces do not
// matter. It returns the code, or an error saying what is wrong.
func Normalise(typed string) (string, error) {
	var b strings.Builder
	for _, r := range strings.ToUpper(typed) {
		switch {
		case r == '-' || r == ' ':
		case r < 128 && valueOf(byte(r)) >= 0:
			b.WriteRune(r)
		default:
			return "", ErrAlphabet
		}
	}
	code := b.String()
	if len(code) != Length {
		return "", ErrLength
	}
	if check(code[:Length-1]) != code[Length-1] {
		return "", ErrTypo
	}
	return code, nil
}
