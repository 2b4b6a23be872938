package questionnaire

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// safe reports whether s could be drawn on a terminal without acting on it.
func safe(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r == 0x1b || (r < 0x20 && r != '\t' && !(multiline && r == '\n')) || (r >= 0x7f && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return false
		}
	}
	return true
}

// allTextsSafe checks every text of an instrument.
func allTextsSafe(in *Instrument) bool {
	ok := safe(in.Name.Indonesian, false) && safe(in.Name.English, false) && safe(in.Privacy.Indonesian, true) && safe(in.Privacy.English, true) && safe(in.Version, false)
	for _, s := range in.Sections {
		ok = ok && safe(s.Title.Indonesian, false) && safe(s.Title.English, false)
		for _, it := range s.Items {
			ok = ok && safe(it.Text.Indonesian, false) && safe(it.Text.English, false)
		}
	}
	for _, v := range in.Catalogue {
		ok = ok && safe(v.Label.Indonesian, false) && safe(v.Label.English, false)
	}
	return ok
}

func TestHostileInstrumentTextsAreCleaned(t *testing.T) {
	src := bytes.Replace(DefaultYAML(), []byte(`"Berorientasi Pelayanan"`), []byte(`"Berorientasi\x1b[2J\x1b[3J Pelayanan\u202e"`), 1)
	src = bytes.Replace(src, []byte(`{id: "Gosip", en: "Gossip"}`), []byte(`{id: "Gosip\x07\x1b]0;owned\x07", en: "Gossip\u009b31m"}`), 1)
	in, err := Parse("hostile.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	if !allTextsSafe(in) {
		t.Fatal("a hostile text survived parsing")
	}
	sec := in.SectionsFor(AudienceASN)[0]
	if sec.Title.Indonesian != "Berorientasi Pelayanan" {
		t.Errorf("title %q, want the text without the sequences", sec.Title.Indonesian)
	}
	bad := bytes.Replace(DefaultYAML(), []byte("- id: impl-pelayanan"), []byte("- id: \"impl\\e[31m\""), 1)
	if _, err := Parse("badid.yaml", bad); err == nil || !strings.Contains(err.Error(), "may use only a-z") {
		t.Fatalf("an id with an escape sequence: %v", err)
	}
}

// FuzzParseInstrument: any file parses or fails without a panic; what parses
// has only safe texts.
func FuzzParseInstrument(f *testing.F) {
	f.Add(DefaultYAML())
	f.Add([]byte("version: 1\nname: {id: \"\x1b[2J\", en: x}\n"))
	f.Add([]byte("sections:\n  - id: a\n    items: [{id: b, type: likert, scale: nope}]\n"))
	f.Add([]byte("\t\x00:"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Parse("fuzz.yaml", data)
		if err == nil && !allTextsSafe(in) {
			t.Fatal("parsed instrument holds an unsafe text")
		}
	})
}
