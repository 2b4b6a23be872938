package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// madeOn is the day a report was made, which two runs may not share.
var madeOn = regexp.MustCompile(`Dibuat \d{1,2} \pL+ \d{4}`)

// TestEachUnitReportIsTheUnitsReport: every report `--each-unit` writes is
// the report `report --unit U` writes, byte for byte (but the day), the
// index links them all, and hidden biro-hukum shows no figure in its own
// report nor in its parent's.
func TestEachUnitReportIsTheUnitsReport(t *testing.T) {
	dbPath := reportFixture(t)
	dir := filepath.Join(t.TempDir(), "each")
	out, stderr, code := run(t, "report", "--each-unit", "--out", dir, "--db", dbPath)
	if code != 0 || !strings.Contains(out, "wrote 5 reports") {
		t.Fatalf("report --each-unit: %d %s %s", code, out, stderr)
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, unit := range []string{"kem", "setjen", "biro-umum", "biro-hukum", "itjen"} {
		if !strings.Contains(string(index), `href="`+unit+`.html"`) {
			t.Errorf("index.html does not link %s", unit)
		}
		each, err := os.ReadFile(filepath.Join(dir, unit+".html"))
		if err != nil {
			t.Fatal(err)
		}
		alone := filepath.Join(t.TempDir(), unit+".html")
		if _, stderr, code := run(t, "report", "--unit", unit, "--out", alone, "--db", dbPath); code != 0 {
			t.Fatal(stderr)
		}
		want, _ := os.ReadFile(alone)
		if madeOn.ReplaceAllString(string(each), "") != madeOn.ReplaceAllString(string(want), "") {
			t.Errorf("%s: the report --each-unit wrote differs from report --unit %s", unit, unit)
		}
	}
	own, _ := os.ReadFile(filepath.Join(dir, "biro-hukum.html"))
	body := string(own)[strings.Index(string(own), "</style>"):]
	if m := figure.FindString(body); m != "" || !strings.Contains(body, "Tidak ada angka yang ditampilkan") {
		t.Errorf("hidden biro-hukum's own report shows %q or does not say why it is empty", m)
	}
	parent, _ := os.ReadFile(filepath.Join(dir, "setjen.html"))
	if !regexp.MustCompile(`Biro Hukum \(biro-hukum\)</td><td class="num">3</td><td colspan="12" class="suppressed">`).Match(parent) {
		t.Error("setjen's report does not hide biro-hukum's row")
	}
}

// TestEachUnitReportsPrintInOneChromium: --pdf DIR prints every unit's
// report into DIR through one Chromium kept open. CI installs Chromium and
// sets BERAKHLAK_REQUIRE_CHROMIUM so the test cannot pass by skipping there.
func TestEachUnitReportsPrintInOneChromium(t *testing.T) {
	requireChromium(t)
	dbPath := reportFixture(t)
	dir, pdfs := filepath.Join(t.TempDir(), "each"), filepath.Join(t.TempDir(), "pdf")
	out, stderr, code := run(t, "report", "--each-unit", "--out", dir, "--pdf", pdfs, "--db", dbPath)
	if code != 0 || !strings.Contains(out, "printed 5 reports to PDF") {
		t.Fatalf("report --each-unit --pdf: %d %s %s", code, out, stderr)
	}
	for _, unit := range []string{"kem", "setjen", "biro-umum", "biro-hukum", "itjen"} {
		data, err := os.ReadFile(filepath.Join(pdfs, unit+".pdf"))
		if err != nil || !strings.HasPrefix(string(data), "%PDF-") {
			t.Errorf("%s.pdf: %d bytes, %v", unit, len(data), err)
		}
	}
}
