// Package varint reads and writes the compact binary forms of the project's
// records (aggregates, unit records): zig-zag varints and strings prefixed
// by their length as a varint, so that both forms share one reader.
package varint

import "encoding/binary"

// Reader reads a record from B. The first malformed read sets Err to the
// reader's Malformed error; reads after that return zero values, so a
// decoder checks Err once at its end and never panics.
type Reader struct {
	B         []byte
	Err       error
	Malformed error
}

// Int reads a varint. The one-byte case (most counts and sums) is small
// enough to be inlined where records are read.
func (r *Reader) Int() int64 {
	if b := r.B; len(b) > 0 && b[0] < 0x80 { // a failed reader has no bytes left
		r.B = b[1:]
		return Unzigzag(b[0])
	}
	return r.longInt()
}

func (r *Reader) longInt() int64 {
	if r.Err != nil {
		return 0
	}
	v, n := binary.Varint(r.B)
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.B = r.B[n:]
	return v
}

// Count reads a number of entries to come; each takes at least a byte.
func (r *Reader) Count() int {
	n := r.Int()
	if n < 0 || n > int64(len(r.B)) {
		r.Fail()
		return 0
	}
	return int(n)
}

// Bytes reads a length-prefixed string as it lies in the input.
func (r *Reader) Bytes() []byte {
	n := r.Count()
	if r.Err != nil {
		return nil
	}
	b := r.B[:n:n]
	r.B = r.B[n:]
	return b
}

// Str reads a length-prefixed string.
func (r *Reader) Str() string { return string(r.Bytes()) }

// Fail marks the record malformed and drops what is left of it.
func (r *Reader) Fail() {
	if r.Err == nil {
		r.Err = r.Malformed
	}
	r.B = nil
}

// Done checks that the whole record was read, and returns the error.
func (r *Reader) Done() error {
	if r.Err == nil && len(r.B) != 0 {
		r.Fail()
	}
	return r.Err
}

// Unzigzag is the value of a one-byte varint (binary.Varint's zig-zag form).
func Unzigzag(b byte) int64 { return int64(b>>1) ^ -int64(b&1) }

// AppendInt is binary.AppendVarint, with the one-byte case inline.
func AppendInt(buf []byte, v int64) []byte {
	if v >= -64 && v < 64 {
		return append(buf, byte(uint64(v<<1)^uint64(v>>63)))
	}
	return binary.AppendVarint(buf, v)
}

// AppendStr appends s prefixed by its length.
func AppendStr(buf []byte, s string) []byte { return append(AppendInt(buf, int64(len(s))), s...) }
