package cli

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestOrgNamesAreCleaned(t *testing.T) {
	units, err := parseOrgCSV("org.csv", strings.NewReader("id,parent,name\nroot,,\"Biro\x1b[2J Umum\u202e\x07\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if units[0].Name != "Biro Umum" {
		t.Fatalf("name %q, want the text without sequences", units[0].Name)
	}
	if _, err := parseOrgCSV("org.csv", strings.NewReader("id,parent,name\n\"ro\x1bot\",,R\n")); err == nil || !strings.Contains(err.Error(), "org.csv:2: id") {
		t.Fatalf("an id with ESC: %v", err)
	}
}

// FuzzOrgCSV: any file is read or refused without a panic; what is read has
// safe ids and names, and every parent is in the file.
func FuzzOrgCSV(f *testing.F) {
	f.Add("id,parent,name,headcount\nkem,,Kementerian,100\nsetjen,kem,Sekretariat,40\n")
	f.Add("id,parent,name\na,b,A\nb,a,B\n")
	f.Add("id,parent,name,headcount\nx,,\"\x1b]0;t\x07\",-1\n")
	f.Add("\"unterminated")
	f.Fuzz(func(t *testing.T, data string) {
		units, err := parseOrgCSV("fuzz.csv", strings.NewReader(data))
		if err != nil {
			return
		}
		ids := map[string]bool{}
		for _, u := range units {
			ids[u.ID] = true
			if !unitID.MatchString(u.ID) || !utf8.ValidString(u.Name) || strings.ContainsAny(u.Name, "\x1b\r\n\a\u202e") {
				t.Fatalf("unsafe unit %+v", u)
			}
		}
		for _, u := range units {
			if u.Parent != "" && !ids[u.Parent] {
				t.Fatalf("unit %s has parent %s outside the file", u.ID, u.Parent)
			}
		}
	})
}
