package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// writeFile writes content into the test's temp dir and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// sampleJSONL writes n random valid responses per unit and audience.
func sampleJSONL(t *testing.T, seed uint64, perUnit map[string]int, audience string) (string, []*questionnaire.Response) {
	t.Helper()
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(seed, 7))
	var b bytes.Buffer
	var rs []*questionnaire.Response
	for unit, n := range perUnit {
		for range n {
			r := in.SampleResponse(rng, audience, "2026", unit, "2026-11-27", 0)
			rs = append(rs, r)
			line, _ := json.Marshal(r)
			b.Write(append(line, '\n'))
		}
	}
	return writeFile(t, "responses.jsonl", b.String()), rs
}

const orgCSV = "id,parent,name,headcount\nkem,,Kementerian,100\nsetjen,kem,Sekretariat Jenderal,40\nitjen,kem,Inspektorat Jenderal,4\n"

func TestOrgImportReportsEachBadLine(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "o.db"))
	bad := writeFile(t, "org.csv", "id,parent,name,headcount\na,,A,10\nb,zz,B,5\na,,A again,3\nc,d,C,x\nd,c,D,2\n")
	_, stderr, code := run(t, "org", "import", bad, "--db", dbPath)
	if code == 0 {
		t.Fatal("bad org file accepted")
	}
	for _, want := range []string{
		`org.csv:3: parent "zz" of unit "b" is not in the tree`,
		`org.csv:4: duplicate id "a" (first on line 2)`,
		`org.csv:5: headcount "x" is not a whole number`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	cyc := writeFile(t, "cycle.csv", "id,parent,name\nroot,,R\nc,d,C\nd,c,D\n")
	_, stderr, _ = run(t, "org", "import", cyc, "--db", dbPath)
	if !strings.Contains(stderr, `cycle.csv:3: unit "c" is its own ancestor: c → d → c`) {
		t.Errorf("cycle not reported by line:\n%s", stderr)
	}
	// Nothing was replaced: the fresh database still has its root unit.
	out, _, _ := run(t, "scores", "--lang", "en", "--unit", "root", "--db", dbPath)
	if !strings.Contains(out, "Instansi (root)") {
		t.Errorf("the tree changed after a failed import:\n%s", out)
	}
}

func TestImportScoresExportAndVerify(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "s.db"))
	org := writeFile(t, "org.csv", orgCSV)
	out, stderr, code := run(t, "org", "import", org, "--db", dbPath)
	if code != 0 || !strings.Contains(out, "itjen (Inspektorat Jenderal) has 4 staff, below the minimum group size 5") {
		t.Fatalf("org import: %d %s %s", code, out, stderr)
	}
	file, rs := sampleJSONL(t, 1, map[string]int{"setjen": 30, "itjen": 3}, "asn")
	out, stderr, code = run(t, "import", file, "--db", dbPath)
	if code != 0 || !strings.Contains(out, "33 responses read, 33 stored") {
		t.Fatalf("import: %d %s %s", code, out, stderr)
	}
	out, _, _ = run(t, "import", file, "--db", dbPath)
	if !strings.Contains(out, "33 responses read, 0 stored, 33 already stored") {
		t.Fatalf("second import: %s", out)
	}

	// The whole survey's figures are released in chunks of at least k:
	// setjen's 30 (imported in one commit) are in, itjen's 3 wait for k. They equal the scores
	// computed directly from setjen's responses; the count says 33.
	out, stderr, code = run(t, "scores", "--json", "--db", dbPath)
	if code != 0 {
		t.Fatalf("scores: %s", stderr)
	}
	var whole scoring.GroupScores
	if err := json.Unmarshal([]byte(out), &whole); err != nil {
		t.Fatal(err)
	}
	direct := scoring.NewAggregate()
	for _, r := range rs {
		if r.Unit == "setjen" {
			direct.Add(r)
		}
	}
	want := scoring.Compute(direct, nil, questionnaire.Default())
	if whole.Scores == nil || whole.Implementation.Index != want.Implementation.Index || whole.NASN != 30 ||
		whole.AsOfN != 30 || whole.Respondents != 33 {
		t.Fatalf("whole survey n %d as of %d of %d, implementation %v; want %v as of 30 of 33",
			whole.NASN, whole.AsOfN, whole.Respondents, whole.Implementation, want.Implementation.Index)
	}
	// itjen (3 < k) is suppressed as small. setjen stays shown: none of
	// itjen's answers is in any figure yet, so kem − setjen reveals nothing.
	out, _, _ = run(t, "scores", "--json", "--unit", "itjen", "--db", dbPath)
	if !strings.Contains(out, `"suppressed": true`) || !strings.Contains(out, `"asn": "small"`) || strings.Contains(out, `"implementation"`) {
		t.Errorf("unit itjen should be suppressed as small with no figures:\n%s", out)
	}
	out, _, _ = run(t, "scores", "--json", "--unit", "setjen", "--db", dbPath)
	if strings.Contains(out, `"suppressed": true`) || !strings.Contains(out, `"as_of_n": 30`) {
		t.Errorf("unit setjen should show its 30:\n%s", out)
	}
	out, _, _ = run(t, "scores", "--lang", "en", "--db", dbPath)
	if !strings.Contains(out, "BerAKHLAK index") || !strings.Contains(out, "response rate 33.0% of 100") {
		t.Errorf("scores table:\n%s", out)
	}

	csvPath := filepath.Join(t.TempDir(), "out.csv")
	if _, stderr, code := run(t, "export", "--format", "csv", "--out", csvPath, "--db", dbPath); code != 0 {
		t.Fatalf("export csv: %s", stderr)
	}
	checkCSV(t, csvPath, 33)

	out, stderr, code = run(t, "verify", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "OK") {
		t.Fatalf("verify: %d %s %s", code, out, stderr)
	}
	// The same file and two new responses: each count its own number.
	two, _ := sampleJSONL(t, 3, map[string]int{"setjen": 2}, "asn")
	first, _ := os.ReadFile(file)
	added, _ := os.ReadFile(two)
	both := writeFile(t, "both.jsonl", string(first)+string(added))
	out, _, _ = run(t, "import", both, "--json", "--db", dbPath)
	var counts importCounts
	if err := json.Unmarshal([]byte(out), &counts); err != nil || counts != (importCounts{File: both, Read: 35, Stored: 2, AlreadyStored: 33}) {
		t.Fatalf("third import --json: %v %+v\n%s", err, counts, out)
	}
}

func checkCSV(t *testing.T, path string, rows int) {
	t.Helper()
	f, _ := os.Open(path)
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != rows+1 {
		t.Fatalf("csv has %d rows, want %d and a header", len(records)-1, rows)
	}
	header := strings.Join(records[0], ",")
	for _, col := range []string{"id,survey,unit,audience,date,instrument", "impl.pelayanan.1", "values.current.1", "values.current.10", "eng.recommend", "brand.reasons.3"} {
		if !strings.Contains(header, col) {
			t.Errorf("csv header lacks %s", col)
		}
	}
	cb, err := os.ReadFile(strings.TrimSuffix(path, ".csv") + ".codebook.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(cb, []byte("impl.pelayanan.1,impl.pelayanan.1,likert,1=Never; 2=Rarely")) ||
		!bytes.Contains(cb, []byte("catalogue,gosip,value,area=2; limiting=true")) {
		t.Errorf("codebook lacks item or catalogue rows")
	}
}

func TestImportRejectsBadLinesAndStoresNothing(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "i.db"))
	file, rs := sampleJSONL(t, 2, map[string]int{"root": 3}, "asn")
	data, _ := os.ReadFile(file)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	r := *rs[1]
	r.Unit = "nowhere"
	bad1, _ := json.Marshal(r)
	lines = append(lines, string(bad1), `{"id":"x"}`, "not json", strings.Replace(lines[0], `"date":"2026-11-27"`, `"date":"2026-11-27T10:00:00Z"`, 1))
	file = writeFile(t, "bad.jsonl", strings.Join(lines, "\n")+"\n")
	_, stderr, code := run(t, "import", file, "--db", dbPath)
	if code == 0 {
		t.Fatal("bad file imported")
	}
	for _, want := range []string{`bad.jsonl:4: unit "nowhere" is not in the organisation tree`, `bad.jsonl:5: id "x" must be 32`, "bad.jsonl:6: not a response", `bad.jsonl:7: date "2026-11-27T10:00:00Z" must be a day`, "nothing was stored"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	out, _, _ := run(t, "export", "--db", dbPath)
	if strings.TrimSpace(out) != "" {
		t.Fatalf("something was stored:\n%s", out)
	}
}

// A line repeating an earlier one of the file is stored once; repeating its
// id with other answers names the line, says where the id was used, and
// stores nothing.
func TestImportNamesARepeatedIdWithOtherAnswers(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "r.db"))
	file, _ := sampleJSONL(t, 4, map[string]int{"root": 3}, "asn")
	data, _ := os.ReadFile(file)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	same := writeFile(t, "same.jsonl", strings.Join(append(lines, lines[0]), "\n")+"\n")
	if out, stderr, code := run(t, "import", same, "--db", dbPath); code != 0 || !strings.Contains(out, "4 responses read, 3 stored") {
		t.Fatalf("a file repeating a line: exit %d\n%s%s", code, out, stderr)
	}
	fresh := newDB(t, filepath.Join(t.TempDir(), "f.db"))
	other := strings.Replace(lines[1], `"date":"2026-11-27"`, `"date":"2026-11-28"`, 1)
	clash := writeFile(t, "clash.jsonl", strings.Join(append(lines, other), "\n")+"\n")
	_, stderr, code := run(t, "import", clash, "--db", fresh)
	if code == 0 || !strings.Contains(stderr, "clash.jsonl:4: id ") || !strings.Contains(stderr, "used on an earlier line of this file for different answers") {
		t.Fatalf("a repeated id with other answers (exit %d):\n%s", code, stderr)
	}
	if out, _, _ := run(t, "export", "--db", fresh); strings.TrimSpace(out) != "" {
		t.Fatalf("something was stored:\n%s", out)
	}
}

func TestTargetsProposeAndSet(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "t.db"))
	file, _ := sampleJSONL(t, 3, map[string]int{"root": 12}, "asn")
	run(t, "import", file, "--db", dbPath)
	if _, stderr, code := run(t, "survey", "create", "2027", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	out, stderr, code := run(t, "targets", "propose", "--from", "2026", "--to", "2027", "--db", dbPath)
	if code != 0 {
		t.Fatal(stderr)
	}
	var base scoring.GroupScores
	scoresOut, _, _ := run(t, "scores", "--survey", "2026", "--json", "--db", dbPath)
	json.Unmarshal([]byte(scoresOut), &base)
	b := base.Implementation.Index
	sv := surveyJSON(t, dbPath, "2027")
	if got, want := sv["targets"].(map[string]any)["implementation"].(float64), b+(100-b)/10; got != want {
		t.Fatalf("proposed %v, want %v:\n%s", got, want, out)
	}
	run(t, "targets", "set", "--survey", "2027", "implementation=99.5", "--db", dbPath)
	if got := surveyJSON(t, dbPath, "2027")["targets"].(map[string]any)["implementation"]; got != 99.5 {
		t.Fatalf("target after set %v, want 99.5", got)
	}
	// A target under its baseline asks for a decline: refused unless said.
	lower := fmt.Sprintf("implementation=%.1f", b-5)
	if _, stderr, code := run(t, "targets", "set", "--survey", "2027", lower, "--db", dbPath); code == 0 || !strings.Contains(stderr, "asks for a decline") {
		t.Fatalf("a target under its baseline was set: %s", stderr)
	}
	if _, stderr, code := run(t, "targets", "set", "--survey", "2027", lower, "--allow-decline", "--db", dbPath); code != 0 {
		t.Fatalf("--allow-decline: %s", stderr)
	}
	if _, stderr, code := run(t, "targets", "set", "--survey", "2027", "happiness=90", "--db", dbPath); code == 0 || !strings.Contains(stderr, `"happiness" is not an index`) {
		t.Fatalf("unknown target key accepted: %s", stderr)
	}
	if got := surveyJSON(t, dbPath, "2027")["targets"].(map[string]any)["entropy"].(float64); got >= base.Entropy.Index {
		t.Fatalf("entropy target %v proposed above its baseline %v: lower is better", got, base.Entropy.Index)
	}
	// The 2026 survey has no targets; 2026 scores with a 2026 target say
	// whether it was reached (no earlier survey: no baseline, no progress).
	run(t, "targets", "set", "--survey", "2026", "implementation=50", "--db", dbPath)
	scoresOut, _, _ = run(t, "scores", "--survey", "2026", "--json", "--db", dbPath)
	json.Unmarshal([]byte(scoresOut), &base)
	if tf := base.Targets["implementation"]; tf.Reached == nil || *tf.Reached != (b >= 50) || tf.Progress != nil {
		t.Fatalf("target figure %+v for actual %v against 50", tf, b)
	}
}

func surveyJSON(t *testing.T, dbPath, id string) map[string]any {
	t.Helper()
	out, _, _ := run(t, "survey", "list", "--json", "--db", dbPath)
	var all []map[string]any
	json.Unmarshal([]byte(out), &all)
	for _, sv := range all {
		if sv["id"] == id {
			return sv
		}
	}
	t.Fatalf("survey %s not listed", id)
	return nil
}

func TestSurveySettings(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "v.db"))
	if _, stderr, code := run(t, "survey", "set", "2026", "--k", "2", "--db", dbPath); code == 0 || !strings.Contains(stderr, "below 3") {
		t.Fatalf("k = 2 accepted: %s", stderr)
	}
	if _, stderr, code := run(t, "survey", "set", "2026", "--status", "closed", "--min", "engagement=140", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	sv := surveyJSON(t, dbPath, "2026")
	if sv["open"] != false || sv["publication_minimums"].(map[string]any)["engagement"] != float64(140) {
		t.Fatalf("settings %v", sv)
	}
	// A survey may ask the public nothing, not everyone nothing.
	if _, stderr, code := run(t, "survey", "set", "2026", "--public-modules", "", "--db", dbPath); code != 0 {
		t.Fatalf("an ASN-only survey refused: %s", stderr)
	}
	if _, stderr, code := run(t, "survey", "set", "2026", "--asn-modules", "", "--db", dbPath); code == 0 || !strings.Contains(stderr, "would ask no one anything") {
		t.Fatalf("a survey that asks no one anything: exit %d, %s", code, stderr)
	}
}

// TestChangeAgainstPreviousSurvey: scores of 2027 carry the change of each
// index against 2026, computed from both surveys' figures.
func TestChangeAgainstPreviousSurvey(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "c.db"))
	f26, _ := sampleJSONL(t, 4, map[string]int{"root": 40}, "asn")
	run(t, "import", f26, "--db", dbPath)
	run(t, "survey", "create", "2027", "--db", dbPath)
	f27, _ := sampleJSONL(t, 5, map[string]int{"root": 40}, "asn")
	data, _ := os.ReadFile(f27)
	f27 = writeFile(t, "2027.jsonl", strings.ReplaceAll(string(data), `"survey":"2026"`, `"survey":"2027"`))
	if _, stderr, code := run(t, "import", f27, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	var s26, s27 scoring.GroupScores
	out, _, _ := run(t, "scores", "--survey", "2026", "--json", "--db", dbPath)
	json.Unmarshal([]byte(out), &s26)
	out, _, _ = run(t, "scores", "--survey", "2027", "--json", "--db", dbPath)
	json.Unmarshal([]byte(out), &s27)
	c, ok := s27.Change["engagement"]
	if s27.PreviousSurvey != "2026" || !ok {
		t.Fatalf("no change against 2026: %+v", s27.Change)
	}
	if want := s27.Engagement.Index - s26.Engagement.Index; c.Delta != want {
		t.Fatalf("engagement change %v, want %v", c.Delta, want)
	}
	// Both samples are uniform random answers: no real difference.
	se := func(st scoring.Stat) float64 { return *st.SD / math.Sqrt(float64(st.N)) }
	threshold := 1.96 * math.Sqrt(se(s26.Engagement.Stat)*se(s26.Engagement.Stat)+se(s27.Engagement.Stat)*se(s27.Engagement.Stat))
	if !c.Tested || *c.Significant != (math.Abs(c.Delta) > threshold) {
		t.Fatalf("significance %v for Δ %v against threshold %v", c.Significant, c.Delta, threshold)
	}
	// Entropy is the mean of respondents' own entropies: tested by Welch's t
	// on their SDs. Balance has no standard error: its change is not
	// tested, and says so.
	if e, ok := s27.Change["entropy"]; !ok || !e.Tested || e.Test != scoring.TestWelch || s27.Entropy.SD == nil || s26.Entropy.SD == nil {
		t.Fatalf("entropy change %+v (SDs %v, %v); want Welch's t on the respondents' entropies", e, s26.Entropy.SD, s27.Entropy.SD)
	}
	if b, ok := s27.Change["balance"]; !ok || b.Tested || b.Significant != nil {
		t.Fatalf("balance change %+v; want tested false and no verdict", b)
	}
	out, _, _ = run(t, "scores", "--lang", "en", "--survey", "2027", "--db", dbPath)
	if !strings.Contains(out, "not tested") || strings.Contains(out, "not significant") {
		t.Fatalf("the scores table does not say 'not tested':\n%s", out)
	}
}
