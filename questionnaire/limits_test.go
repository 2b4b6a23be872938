package questionnaire

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOversizedInstrumentsAreRefused: a file over the byte limit is refused
// before it is decoded (also by Load, without reading it whole), and a
// catalogue of 2,000 entries — small enough in bytes — is refused by count,
// naming the limit.
func TestOversizedInstrumentsAreRefused(t *testing.T) {
	huge := append(DefaultYAML(), bytes.Repeat([]byte("# padding\n"), MaxInstrumentBytes/10+1)...)
	if _, err := Parse("huge.yaml", huge); err == nil || !strings.Contains(err.Error(), "huge.yaml:1: the file has") {
		t.Fatalf("a %d-byte file: %v", len(huge), err)
	}
	path := filepath.Join(t.TempDir(), "huge.yaml")
	os.WriteFile(path, huge, 0o600)
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("has %d bytes", MaxInstrumentBytes+1)) {
		t.Fatalf("Load of a huge file: %v", err)
	}

	var extra strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&extra, "  - {id: extra-%d, area: 4, label: {id: Tambahan %d, en: Extra %d}}\n", i, i, i)
	}
	data := bytes.Replace(DefaultYAML(), []byte("catalogue:\n"), []byte("catalogue:\n"+extra.String()), 1)
	_, err := Parse("many.yaml", data)
	if err == nil || !strings.Contains(err.Error(), "catalogue entries; an instrument has at most 1000") {
		t.Fatalf("a 2,066-entry catalogue: %v", err)
	}
}
