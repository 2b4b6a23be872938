package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/berakhlak/berakhlak/db"
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
			if !db.ValidUnitID(u.ID) || !utf8.ValidString(u.Name) || strings.ContainsAny(u.Name, "\x1b\r\n\a\u202e") {
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

// TestOrgImportAcceptsExcelsBOM: Excel saves CSV with a byte order mark
// before the header; it is not part of the header.
func TestOrgImportAcceptsExcelsBOM(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "bom.db"))
	org := writeFile(t, "excel.csv", "\ufeffid,parent,name,headcount\nkem,,Kementerian,100\nsetjen,kem,Setjen,40\n")
	out, stderr, code := run(t, "org", "import", org, "--db", dbPath)
	if code != 0 || !strings.Contains(out, "2 units imported") {
		t.Fatalf("a CSV with a BOM: %d %s %s", code, out, stderr)
	}
}

// TestDeepChainCycleIsFound: at the bottom of a 10,000-deep chain, two
// units that are each other's parent are both named, with their chain.
func TestDeepChainCycleIsFound(t *testing.T) {
	data := chainCSV(10_000) + "x,y,X,1\ny,x,Y,1\n"
	_, err := parseOrgCSV("deep.csv", strings.NewReader(data))
	if err == nil || !strings.Contains(err.Error(), `deep.csv:10002: unit "x" is its own ancestor: x → y → x`) ||
		!strings.Contains(err.Error(), `deep.csv:10003: unit "y" is its own ancestor: y → x → y`) {
		t.Fatalf("cycle under a deep chain: %v", err)
	}
}

// TestUnitsListInNaturalOrderOrTheirOwn: siblings numbered by id list "2"
// before "10" in `scores`, and an order column in the organisation file puts
// its units first, in its order.
func TestUnitsListInNaturalOrderOrTheirOwn(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "order.db"))
	org := writeFile(t, "org.csv", "id,parent,name,headcount,order\nkem,,Kementerian,,\n"+
		"p10,kem,Kanwil 10,,\np2,kem,Kanwil 2,,\np1,kem,Kanwil 1,,\nsetjen,kem,Sekretariat Jenderal,,1\nitjen,kem,Inspektorat Jenderal,,2\n")
	if out, stderr, code := run(t, "org", "import", org, "--db", dbPath); code != 0 {
		t.Fatalf("org import: %d %s %s", code, out, stderr)
	}
	out, stderr, code := run(t, "scores", "--json", "--unit", "kem", "--db", dbPath)
	if code != 0 {
		t.Fatalf("scores: %d %s", code, stderr)
	}
	var got struct {
		Heatmap []struct{ Unit string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var units []string
	for _, r := range got.Heatmap {
		units = append(units, r.Unit)
	}
	if want := []string{"kem", "setjen", "itjen", "p1", "p2", "p10"}; !slices.Equal(units, want) {
		t.Errorf("heatmap rows %q, want %q", units, want)
	}
	bad := writeFile(t, "bad.csv", "id,parent,name,headcount,order\nkem,,Kementerian,,0\n")
	if _, stderr, code := run(t, "org", "import", bad, "--db", dbPath); code == 0 || !strings.Contains(stderr, `bad.csv:2: order "0" is not a whole number from 1`) {
		t.Errorf("order 0: %d %s", code, stderr)
	}
}

// org export writes the tree as org import reads it: each unit after its
// parent, siblings in their listed order, formula-like cells led by an
// apostrophe (ids begin with a letter or digit, so only names need it);
// importing the file into another database gives the same tree.
func TestOrgExportIsWhatImportReads(t *testing.T) {
	dir := t.TempDir()
	first := newDB(t, filepath.Join(dir, "first.db"))
	org := writeFile(t, "org.csv", "id,parent,name,headcount,order\n"+
		"p10,kem,Kanwil 10,30,\nkem,,Kementerian,200,\np2,kem,\"Kanwil 2, Timur\",25,\n"+
		"setjen,kem,=Sekretariat+1,40,1\nx,p2,-Seksi X,,\n")
	if _, stderr, code := run(t, "org", "import", org, "--db", first); code != 0 {
		t.Fatal(stderr)
	}
	out, stderr, code := run(t, "org", "export", "--db", first)
	want := "id,parent,name,headcount,order\n" +
		"kem,,Kementerian,200,\n" +
		"setjen,kem,'=Sekretariat+1,40,1\n" +
		"p2,kem,\"Kanwil 2, Timur\",25,\n" +
		"x,p2,'-Seksi X,,\n" +
		"p10,kem,Kanwil 10,30,\n"
	if code != 0 || out != want {
		t.Fatalf("org export: %d %s\n%s\nwant\n%s", code, stderr, out, want)
	}
	file := filepath.Join(dir, "exported.csv")
	if _, stderr, code := run(t, "org", "export", "--out", file, "--db", first); code != 0 {
		t.Fatal(stderr)
	}
	second := newDB(t, filepath.Join(dir, "second.db"))
	if _, stderr, code := run(t, "org", "import", file, "--db", second); code != 0 {
		t.Fatal(stderr)
	}
	var units [2][]db.Unit
	for i, path := range []string{first, second} {
		js, stderr, code := run(t, "org", "export", "--json", "--db", path)
		if code != 0 || json.Unmarshal([]byte(js), &units[i]) != nil {
			t.Fatalf("org export --json: %d %s %s", code, js, stderr)
		}
	}
	if len(units[0]) != 5 || !slices.Equal(units[0], units[1]) {
		t.Errorf("imported again: %v, want %v", units[1], units[0])
	}
	if u := units[1][1]; u.ID != "setjen" || u.Name != "=Sekretariat+1" || u.Headcount != 40 || u.Order != 1 {
		t.Errorf("setjen read back as %+v", u)
	}
	if u := units[1][3]; u.ID != "x" || u.Parent != "p2" || u.Name != "-Seksi X" || u.Headcount != 0 {
		t.Errorf("x read back as %+v", u)
	}
}
