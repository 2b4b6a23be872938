package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/internal/testkit"
)

// A head of unit plans on the real admin screen at 80×24, in Indonesian and
// then in English, with the huh form; the plans are in `plan list --json`,
// in the report and in a backup (issue 34).
func TestAdminPlansOnTheRealScreen(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "plans.db")
	if out, err := exec.Command(bin, "init", "--db", dbPath).CombinedOutput(); err != nil {
		t.Fatalf("init: %v %s", err, out)
	}
	term := startTerminalSized(t, 24, 80, bin, "admin", "--db", dbPath)
	at := term.waitFor("semua tombol", 0, 10*time.Second)
	term.typeKeys("?") // every key, the plan's among them
	at = term.waitFor("rencana aksi", at, 5*time.Second)
	term.typeKeys("a")
	at = term.waitFor("pilih area fokus", at, 5*time.Second)
	term.typeKeys(keyEnter) // the first: Pelayanan
	at = term.waitFor("Tindakan", at, 5*time.Second)
	fillPlan(term, planFieldsID, "Pelatihan layanan", "Kepala Bagian Umum", "2027-03")
	at = term.waitFor("disimpan: Berorientasi Pelayanan", at, 5*time.Second)

	term.typeKeys("\x1bOQ") // F2: English
	at = term.waitFor("action plan", at, 5*time.Second)
	term.typeKeys("a")
	at = term.waitFor("choose a focus area", at, 5*time.Second)
	term.typeKeys(keyDown, keyEnter) // past the one to edit: Pelayanan · behaviour 1
	at = term.waitFor("Actions (what will be done)", at, 5*time.Second)
	fillPlan(term, planFieldsEN, "Service forum", "Head of Unit", "2027-06")
	term.waitFor("saved: Service orientation · behaviour 1", at, 5*time.Second)
	term.typeKeys("q")
	for deadline := time.Now().Add(5 * time.Second); term.running() && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
	}

	list, err := exec.Command(bin, "plan", "list", "--json", "--db", dbPath).CombinedOutput()
	if err != nil || !strings.Contains(string(list), `"actions": "Pelatihan layanan"`) || !strings.Contains(string(list), `"focus": "impl.pelayanan.1"`) ||
		!strings.Contains(string(list), `"owner": "Head of Unit"`) {
		t.Fatalf("plan list --json: %v\n%s", err, list)
	}
	html := filepath.Join(dir, "laporan.html")
	if out, err := exec.Command(bin, "report", "--out", html, "--db", dbPath).CombinedOutput(); err != nil {
		t.Fatalf("report: %v %s", err, out)
	}
	page := testkit.ReadText(t, html)
	for _, want := range []string{"Area fokus yang dipilih setelah survei ini", "Pelatihan layanan", "Service forum", "Pelayanan · perilaku 1", "Kepala Bagian Umum"} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	backup := filepath.Join(dir, "backup.db")
	if out, err := exec.Command(bin, "backup", backup, "--db", dbPath).CombinedOutput(); err != nil {
		t.Fatalf("backup: %v %s", err, out)
	}
	if list, err := exec.Command(bin, "plan", "list", "--json", "--db", backup).CombinedOutput(); err != nil || !strings.Contains(string(list), "Service forum") {
		t.Fatalf("plan list of the backup: %v\n%s", err, list)
	}
}

// planFields are the titles of the plan form's fields after its first, in
// the screen's language: what shows which field has the focus.
type planFields struct{ owner, due, status string }

var (
	planFieldsID = planFields{owner: "Penanggung jawab", due: "Tenggat (TTTT-BB)", status: "Status"}
	planFieldsEN = planFields{owner: "Owner", due: "Due (YYYY-MM)", status: "Status"}
)

// fillPlan types a plan into the form's second step: actions, owner, due
// month, and the status as it stands. huh moves to the next field by a
// command of its own, so after each move it waits until the screen marks
// the next field (┃) before typing on, as a person would; a pause was not
// enough on a loaded machine (an owner's first letter landed in the actions).
func fillPlan(term *terminal, fields planFields, actions, owner, due string) {
	term.typeKeys(strings.Split(actions, "")...)
	term.typeKeys("\t")
	term.screen.WaitFor(term.t, "┃ "+fields.owner, 5*time.Second)
	term.typeKeys(strings.Split(owner, "")...)
	term.typeKeys(keyEnter)
	term.screen.WaitFor(term.t, "┃ "+fields.due, 5*time.Second)
	term.typeKeys(strings.Split(due, "")...)
	term.typeKeys(keyEnter)
	term.screen.WaitFor(term.t, "┃ "+fields.status, 5*time.Second)
	term.typeKeys(keyEnter)
}
