package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// On an 80-column console `scores` is drawn within 80 columns, whether it
// runs itself or a process holding the database runs it (the caller's
// width travels with the command line); to a file or a pipe it is as wide
// as it is. Columns no row fills are left out, and a negative alpha is
// marked, its meaning said once under the table: the sentence in its cell
// had made the table 171 columns wide.
func TestScoresFitTheTerminal(t *testing.T) {
	dir := t.TempDir()
	dbPath := newDB(t, filepath.Join(dir, "w.db"))
	responses, _ := sampleJSONL(t, 40, map[string]int{"setjen": 60}, "asn")
	os.WriteFile(filepath.Join(dir, "org.csv"), []byte(orgCSV), 0o600)
	for _, args := range [][]string{{"org", "import", filepath.Join(dir, "org.csv")}, {"import", responses}} {
		if _, stderr, code := run(t, append(args, "--db", dbPath)...); code != 0 {
			t.Fatal(stderr)
		}
	}
	store, err := db.Open(dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var own bytes.Buffer
	if err := writeScores(&own, store, questionnaire.Default(), "", "", scoresView{lang: questionnaire.LangID, width: 80}); err != nil {
		t.Fatal(err)
	}
	stop, err := serveControl(store, "a kiosk", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	held := func(width int) string {
		var out, errs bytes.Buffer
		if code := runByHolder(heldError{dbPath: dbPath}, []string{"scores", "--db", dbPath}, width, &out, &errs); code != 0 {
			t.Fatalf("scores by the holder: exit %d %s", code, errs.String())
		}
		return out.String()
	}
	widest := func(out string) int {
		w := 0
		for _, line := range strings.Split(out, "\n") {
			w = max(w, lipgloss.Width(line))
		}
		return w
	}
	if natural := held(0); widest(natural) <= 80 {
		t.Fatalf("the table is %d columns without a terminal: the test wants one wider than 80\n%s", widest(natural), natural)
	}
	for name, out := range map[string]string{"by itself": own.String(), "by the holder": held(80)} {
		if w := widest(out); w > 80 {
			t.Errorf("%s at 80 columns: %d wide\n%s", name, w, out)
		}
		if strings.Contains(out, "target") || strings.Contains(out, "capaian") || strings.Contains(out, "perubahan") {
			t.Errorf("%s: columns without a figure are drawn\n%s", name, out)
		}
		if !strings.Contains(out, "*│") || !strings.Contains(out, "\n* alfa negatif: butir-butirnya tidak mengukur hal yang sama di sini\n") {
			t.Errorf("%s: a negative alpha is not marked and said under the table\n%s", name, out)
		}
	}
}
