package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/scoring"
)

// reportFixture is a survey of 240 ASN and 40 public responses over a small
// tree in which biro-hukum (3 respondents) is below k.
func reportFixture(t *testing.T) string {
	t.Helper()
	dbPath := newDB(t, filepath.Join(t.TempDir(), "r.db"))
	org := writeFile(t, "org.csv", "id,parent,name,headcount\nkem,,Kementerian,600\nsetjen,kem,Sekretariat Jenderal,300\nbiro-umum,setjen,Biro Umum,100\nbiro-hukum,setjen,Biro Hukum,10\nitjen,kem,Inspektorat Jenderal,150\n")
	if _, stderr, code := run(t, "org", "import", org, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	asnFile, _ := sampleJSONL(t, 21, map[string]int{"setjen": 90, "biro-umum": 60, "biro-hukum": 3, "itjen": 87}, "asn")
	pubFile, _ := sampleJSONL(t, 22, map[string]int{"kem": 40}, "public")
	for _, f := range []string{asnFile, pubFile} {
		if _, stderr, code := run(t, "import", f, "--db", dbPath); code != 0 {
			t.Fatal(stderr)
		}
	}
	return dbPath
}

func scoresJSON(t *testing.T, dbPath string, args ...string) scoring.GroupScores {
	t.Helper()
	out, stderr, code := run(t, append([]string{"scores", "--json", "--db", dbPath}, args...)...)
	if code != 0 {
		t.Fatal(stderr)
	}
	var gs scoring.GroupScores
	if err := json.Unmarshal([]byte(out), &gs); err != nil {
		t.Fatal(err)
	}
	return gs
}

func TestReportFiguresMatchScores(t *testing.T) {
	dbPath := reportFixture(t)
	out := filepath.Join(t.TempDir(), "r.html")
	if _, stderr, code := run(t, "report", "--out", out, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	html, _ := os.ReadFile(out)
	page := string(html)
	gs := scoresJSON(t, dbPath)
	row := func(label string, x float64) {
		t.Helper()
		want := regexp.MustCompile(regexp.QuoteMeta(label) + `[^<]*</td><td class="num">` + regexp.QuoteMeta(fmt.Sprintf("%.1f", x)) + `</td>`)
		if !want.MatchString(page) {
			t.Errorf("report lacks %s = %.1f", label, x)
		}
	}
	row("Indeks BerAKHLAK (implementasi)", gs.Implementation.Index)
	row("Indeks kesehatan budaya", gs.CultureHealth.Index)
	row("Indeks keterikatan pegawai (engagement)", gs.Engagement.Index)
	row("Indeks citra pemberi kerja (employer branding)", gs.EmployerBranding.Index)
	row("Berorientasi Pelayanan", gs.Implementation.Values["pelayanan"].Index)
	row("Kolaboratif", gs.Implementation.Values["kolaboratif"].Index)
	for _, want := range []string{"<svg", "Biro Hukum (biro-hukum)</td><td class=\"num\">3</td><td colspan=\"12\" class=\"suppressed\">", "Catatan metode", "Entropi budaya: " + fmt.Sprintf("%.1f", gs.Entropy.Index)} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(page, "http://") && !strings.Contains(page, "http://www.w3.org/") {
		t.Error("the report refers to a network address")
	}

	en := filepath.Join(t.TempDir(), "en.html")
	run(t, "report", "--lang", "en", "--out", en, "--db", dbPath)
	if data, _ := os.ReadFile(en); !strings.Contains(string(data), "BerAKHLAK Survey Report") || !strings.Contains(string(data), "Methods note") {
		t.Error("the English report is not in English")
	}
}

// figure matches a number with a decimal point, as every index is printed.
var figure = regexp.MustCompile(`\d+\.\d`)

func TestSuppressedGroupShowsNoFigureInReport(t *testing.T) {
	dbPath := reportFixture(t)
	for _, unit := range []string{"biro-hukum"} { // below k
		if gs := scoresJSON(t, dbPath, "--unit", unit); !gs.Suppressed {
			t.Fatalf("%s is not suppressed in scores; the fixture is wrong", unit)
		}
		out := filepath.Join(t.TempDir(), unit+".html")
		if _, stderr, code := run(t, "report", "--unit", unit, "--out", out, "--db", dbPath); code != 0 {
			t.Fatal(stderr)
		}
		html, _ := os.ReadFile(out)
		body := string(html)
		body = body[strings.Index(body, "</style>"):] // the style sheet has lengths like 1.2mm
		if m := figure.FindString(body); m != "" {
			t.Errorf("the report of suppressed %s shows a figure %q", unit, m)
		}
		if !strings.Contains(body, "Tidak ada angka yang ditampilkan") {
			t.Errorf("the report of suppressed %s does not say why it is empty", unit)
		}
	}
}

// requireChromium skips a test that prints without a Chromium here; CI
// installs it and sets BERAKHLAK_REQUIRE_CHROMIUM, so there the test fails
// instead of passing by skipping.
func requireChromium(t *testing.T) {
	t.Helper()
	if _, err := chromium(); err != nil {
		if os.Getenv("BERAKHLAK_REQUIRE_CHROMIUM") != "" {
			t.Fatal(err)
		}
		t.Skip("no Chromium here (CI installs it): " + err.Error())
	}
}

// TestReportPrintsToPDF opens the HTML from disk in headless Chromium and
// prints it to PDF. CI installs Chromium and sets BERAKHLAK_REQUIRE_CHROMIUM
// so the test cannot pass by skipping there.
func TestReportPrintsToPDF(t *testing.T) {
	requireChromium(t)
	dbPath := reportFixture(t)
	dir := t.TempDir()
	html, pdf := filepath.Join(dir, "r.html"), filepath.Join(dir, "r.pdf")
	if _, stderr, code := run(t, "report", "--out", html, "--pdf", pdf, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	data, err := os.ReadFile(pdf)
	if err != nil || !strings.HasPrefix(string(data), "%PDF-") || len(data) < 10_000 {
		t.Fatalf("no PDF printed (%d bytes, %v)", len(data), err)
	}
}

// TestScoresJSONCarriesTheHeatmap: scores --json has a heatmap row for the
// unit and each unit under it; a shown unit's cells are its own figures, a
// unit below k says so and shows none.
func TestScoresJSONCarriesTheHeatmap(t *testing.T) {
	dbPath := reportFixture(t)
	out, stderr, code := run(t, "scores", "--json", "--db", dbPath, "--unit", "setjen")
	if code != 0 {
		t.Fatal(stderr)
	}
	var got struct {
		Heatmap []scoring.HeatRow `json:"heatmap"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	rows := map[string]scoring.HeatRow{}
	for _, r := range got.Heatmap {
		rows[r.Unit] = r
	}
	if len(got.Heatmap) != 3 || rows["setjen"].Unit == "" || rows["biro-umum"].Unit == "" {
		t.Fatalf("heatmap rows %+v; want setjen, biro-umum, biro-hukum", got.Heatmap)
	}
	umum := scoresJSON(t, dbPath, "--unit", "biro-umum")
	cell := rows["biro-umum"].Cells["implementation.pelayanan"]
	if want := umum.Implementation.Values["pelayanan"]; cell.Index != want.Index || cell.Band != want.Band {
		t.Errorf("biro-umum pelayanan cell %+v, want %.4f %s", cell, want.Index, want.Band)
	}
	if c := rows["biro-umum"].Cells["engagement"]; c.Index != umum.Engagement.Index {
		t.Errorf("biro-umum engagement cell %+v, want %.4f", c, umum.Engagement.Index)
	}
	if h := rows["biro-hukum"]; h.Hidden != scoring.HiddenSmall || len(h.Cells) != 0 {
		t.Errorf("biro-hukum (3 respondents) row %+v; want hidden, no cells", h)
	}
}

// TestUnitReportListsTheUnitItself: a unit's report has the unit's own row
// in its table of units, before the units under it.
func TestUnitReportListsTheUnitItself(t *testing.T) {
	dbPath := reportFixture(t)
	out := filepath.Join(t.TempDir(), "setjen.html")
	if _, stderr, code := run(t, "report", "--unit", "setjen", "--out", out, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	html, _ := os.ReadFile(out)
	own, under := strings.Index(string(html), "Sekretariat Jenderal (setjen)</td>"), strings.Index(string(html), "Biro Umum (biro-umum)</td>")
	if own < 0 || under < 0 || own > under {
		t.Fatalf("setjen's own row missing or after its units (at %d, biro-umum at %d)", own, under)
	}
}
