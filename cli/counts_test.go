package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/tui"
	"github.com/charmbracelet/x/ansi"
)

// One count, one meaning: a directorate with respondents of its own
// beside its two sub-directorates, a third sub-directorate too small to show,
// and respondents not yet released, read through scores, --json, the report
// and the admin screen, gives the same numbers everywhere — respondents
// (stored), in the figures (released), the response rate (respondents ÷
// headcount) — and the directorate's own respondents have a row, so the rows
// under it add up to it.
func TestEveryReaderCountsTheSame(t *testing.T) {
	dir := t.TempDir()
	dbPath := newDB(t, filepath.Join(dir, "c.db"))
	org := writeFile(t, "org.csv", "id,parent,name,headcount\nkem,,Kementerian,200\ndit-a,kem,Direktorat A,60\nsub-1,dit-a,Subdit Satu,20\nsub-2,dit-a,Subdit Dua,20\nsub-3,dit-a,Subdit Tiga,5\n")
	if _, stderr, code := run(t, "org", "import", org, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	first, _ := sampleJSONL(t, 61, map[string]int{"sub-1": 12, "sub-2": 10, "dit-a": 6, "sub-3": 3}, "asn")
	later, _ := sampleJSONL(t, 62, map[string]int{"dit-a": 2}, "asn") // fewer than k: not released yet
	for _, f := range []string{first, later} {
		if _, stderr, code := run(t, "import", f, "--db", dbPath); code != 0 {
			t.Fatal(stderr)
		}
	}
	const respondents, rate = 33, "55.0" // 12+10+6+3+2; 33/60

	text, stderr, code := run(t, "scores", "--lang", "en", "--unit", "dit-a", "--db", dbPath)
	if code != 0 {
		t.Fatal(stderr)
	}
	var doc struct {
		Respondents  int64    `json:"respondents"`
		AsOfN        int64    `json:"as_of_n"`
		ResponseRate *float64 `json:"response_rate"`
	}
	out, _, _ := run(t, "scores", "--unit", "dit-a", "--json", "--db", dbPath)
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	inFigures := doc.AsOfN
	if doc.Respondents != respondents || doc.ResponseRate == nil || fmt.Sprintf("%.1f", *doc.ResponseRate) != rate || inFigures >= respondents {
		t.Fatalf("--json: %+v; want %d respondents, rate %s, fewer in the figures", doc, respondents, rate)
	}
	for _, want := range []string{
		fmt.Sprintf("respondents: %d (ASN %d, public 0) · response rate %s%% of 60", respondents, respondents, rate),
		fmt.Sprintf("figures as of %d of %d respondents", inFigures, respondents),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("scores lacks %q:\n%s", want, text)
		}
	}

	html := filepath.Join(dir, "r.html")
	if _, stderr, code := run(t, "report", "--unit", "dit-a", "--out", html, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	page, _ := os.ReadFile(html)
	for _, want := range []string{
		fmt.Sprintf("Responden: %d (ASN %d", respondents, respondents),
		fmt.Sprintf("Direktorat A (dit-a)</td><td class=\"num\">%d</td>", respondents),
		"Subdit Satu (sub-1)</td><td class=\"num\">12</td>",
		"Subdit Dua (sub-2)</td><td class=\"num\">10</td>",
		"Subdit Tiga (sub-3)</td><td class=\"num\">3</td>",
		"langsung di Direktorat A</td><td class=\"num\">8</td>",
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the report lacks %q", want)
		}
	}

	screen := adminScreen(t, dbPath, "dit-a")
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(fmt.Sprintf(`Direktorat A \(dit-a\)\s*│%d\s*│60\s*│55%%`, respondents)),
		regexp.MustCompile(`Subdit Satu \(sub-1\)\s*│12\s*│`),
		regexp.MustCompile(`Subdit Tiga \(sub-3\)\s*│3\s*│`),
		regexp.MustCompile(`langsung di Direktorat A \(dit-a\)\s*│8\s*│`),
		regexp.MustCompile(fmt.Sprintf(`Angka per %d dari %d responden`, inFigures, respondents)),
	} {
		if !want.MatchString(screen) {
			t.Errorf("the admin screen lacks %s:\n%s", want, screen)
		}
	}
}

// adminScreen is the admin screen of a unit as it first shows.
func adminScreen(t *testing.T, dbPath, unit string) string {
	t.Helper()
	store, err := db.Open(dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var m tea.Model = tui.NewAdmin(newStoreAdmin(store, questionnaire.Default()), unit)
	m, _ = m.Update(tea.WindowSizeMsg{Width: 160, Height: 50})
	// Init loads and then waits for commits: only the load is run here.
	batch, ok := m.Init()().(tea.BatchMsg)
	if !ok || len(batch) == 0 {
		t.Fatal("the admin screen's start is not a load")
	}
	m, _ = m.Update(batch[0]())
	return ansi.Strip(m.View().Content)
}
