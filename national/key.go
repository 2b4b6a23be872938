package national

import (
	"fmt"
	"strconv"
	"strings"
)

// Bucket is the key-value bucket of per-unit records that agency servers
// publish and the national view reads.
const Bucket = "berakhlak-aggregates"

// MaxRecordBytes bounds one unit record: a few KB (with at most the
// catalogue's values in it); anything far larger is an attack on the
// readers, refused by the NATS server before anyone reads it and by the
// view before any work that grows with it.
const MaxRecordBytes = 256 << 10

// Key is survey.agency.unit-path, e.g. 2026.kemenpan.root.biro=2esdm.
func Key(survey, agency string, path []string) string {
	tokens := []string{KeyToken(survey), KeyToken(agency)}
	for _, u := range path {
		tokens = append(tokens, KeyToken(u))
	}
	return strings.Join(tokens, ".")
}

// KeyToken escapes an id into one key-value token: letters, digits, '-' and
// '_' stay, anything else becomes '=' and two hex digits, so ids with dots
// (allowed in unit ids) do not split the key.
func KeyToken(id string) string {
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "=%02x", c)
		}
	}
	return b.String()
}

// KeyUntoken reverses KeyToken.
func KeyUntoken(token string) string {
	var b strings.Builder
	for i := 0; i < len(token); i++ {
		if token[i] == '=' && i+2 < len(token) {
			if v, err := strconv.ParseUint(token[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(token[i])
	}
	return b.String()
}
