package tui

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/charmbracelet/x/ansi"
)

// fakeAdminSource serves figures released, as the store does, from the
// responses the test adds.
type fakeAdminSource struct {
	rs       []*questionnaire.Response
	events   chan struct{}
	released *scoring.Aggregate
	chunk    *scoring.Aggregate
	segments []scoring.SegmentSet
}

func (f *fakeAdminSource) Load() (AdminData, error) {
	live := scoring.NewAggregate()
	for _, r := range f.rs {
		live.Add(r)
	}
	if f.chunk == nil {
		f.released, f.chunk = scoring.NewAggregate(), scoring.NewAggregate()
	}
	if scoring.ReleaseDue(live, f.released, 5) {
		f.chunk.Merge(scoring.Residue(live, f.released))
		f.released = live.Clone()
	}
	nodes := []scoring.Node{{ID: "root", Name: "Instansi"}}
	groups := scoring.NewGroups(nodes, map[string]map[string]*scoring.Aggregate{"asn": {"root": f.chunk}},
		map[string]map[string]int64{"asn": {"root": live.N}})
	return AdminData{Instrument: questionnaire.Default(), Settings: scoring.Settings{Survey: "2026", K: 5}, Nodes: nodes,
		Groups: groups, Counts: Counts{All: int64(len(f.rs)), ASN: int64(len(f.rs))}, Segments: f.segments}, nil
}

func (f *fakeAdminSource) Subscribe() (<-chan struct{}, func()) { return f.events, func() {} }

func (f *fakeAdminSource) WriteReport(unit string) (string, error) {
	return "/tmp/report-" + unit + ".html", nil
}

var berakhlakCell = regexp.MustCompile(`Instansi \(root\)│\d+ *│ *│ *│([^│]*)│`)

// TestAdminFiguresMoveOnlyAfterK: the count moves with every response; the
// index figures stay until k new responses arrived, then move.
func TestAdminFiguresMoveOnlyAfterK(t *testing.T) {
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(3, 3))
	src := &fakeAdminSource{events: make(chan struct{})}
	add := func(n int) {
		for range n {
			src.rs = append(src.rs, in.SampleResponse(rng, "asn", "2026", "root", "2026-11-27", 0))
		}
	}
	add(10)
	d := newDriver(t, NewAdmin(src, ""), 160, 50)
	figure := func() string {
		m := berakhlakCell.FindStringSubmatch(d.screen())
		if m == nil {
			t.Fatalf("no unit row on the admin screen:\n%s", d.screen())
		}
		return strings.TrimSpace(m[1])
	}
	d.expect("respons: 10")
	d.expect("Angka per 10 dari 10 responden")
	first := figure()
	if !strings.Contains(first, ".") {
		t.Fatalf("no index figure for a group of 10: %q", first)
	}
	for i := 1; i <= 4; i++ { // k − 1 new responses, one at a time
		add(1)
		data, _ := src.Load()
		d.send(adminLoadedMsg{data: data})
		d.expect(fmt.Sprintf("respons: %d", 10+i))
		d.expect(fmt.Sprintf("Angka per 10 dari %d responden", 10+i))
		if got := figure(); got != first {
			t.Fatalf("after %d new responses the figure moved from %s to %s", i, first, got)
		}
	}
	add(1) // the k-th
	data, _ := src.Load()
	d.send(adminLoadedMsg{data: data})
	d.expect("respons: 15")
	d.expect("Angka per 15 dari 15 responden")
	want := data.Groups.Group("root", data.Settings, in).Implementation
	if got := figure(); got == first || !strings.HasPrefix(got, fmt.Sprintf("%.1f", want.Index)) {
		t.Fatalf("after k new responses the figure is %s (was %s), want %.1f", got, first, want.Index)
	}
}

// treeSource serves a fixed tree of released figures.
type treeSource struct{ data AdminData }

func (s treeSource) Load() (AdminData, error)             { return s.data, nil }
func (s treeSource) Subscribe() (<-chan struct{}, func()) { return make(chan struct{}), func() {} }
func (s treeSource) WriteReport(string) (string, error)   { return "", nil }

// privacyTree is the tree of the privacy issue — p (4 of its own) → A 110,
// B (B1 55, B2 3), C 83 — with the names given (an id names itself
// otherwise), its released figures and k = 5.
func privacyTree(names map[string]string) AdminData {
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(5, 5))
	name := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id
	}
	nodes := []scoring.Node{{ID: "p", Name: name("p")}, {ID: "A", Parent: "p", Name: name("A")}, {ID: "B", Parent: "p", Name: name("B")},
		{ID: "B1", Parent: "B", Name: name("B1")}, {ID: "B2", Parent: "B", Name: name("B2")}, {ID: "C", Parent: "p", Name: name("C")}}
	aggs := map[string]*scoring.Aggregate{}
	sizes := map[string]int{"p": 4, "A": 110, "B1": 55, "B2": 3, "C": 83}
	for _, unit := range []string{"p", "A", "B1", "B2", "C"} { // in order: the same answers every run
		aggs[unit] = scoring.NewAggregate()
		for range sizes[unit] {
			aggs[unit].Add(in.SampleResponse(rng, "asn", "2026", unit, "2026-11-27", 0))
		}
	}
	groups := scoring.NewGroups(nodes, map[string]map[string]*scoring.Aggregate{"asn": aggs}, nil)
	return AdminData{Instrument: in, Settings: scoring.Settings{Survey: "2026", K: 5}, Nodes: nodes, Groups: groups}
}

// TestAdminSaysWhyAGroupIsHidden: on the tree of the privacy issue — p (4 of
// its own) → A 110, B (B1 55, B2 3), C 83 — B2 reads "fewer than k", B is
// marked as hidden to protect a smaller group, with the legend in both
// languages; B1 stays shown.
func TestAdminSaysWhyAGroupIsHidden(t *testing.T) {
	src := treeSource{privacyTree(map[string]string{"p": "P"})}
	d := newDriver(t, NewAdmin(src, ""), 160, 50)
	d.expect("P (p)")
	d.key("enter") // into p
	d.expect("B (B)")
	screen := d.screen()
	rowOf := func(name string) string {
		for _, line := range strings.Split(screen, "\n") {
			if strings.Contains(line, name) {
				return line
			}
		}
		return ""
	}
	if !strings.Contains(rowOf("B (B)"), "— †") || !strings.Contains(screen, hiddenWords.Legend.Indonesian) {
		t.Errorf("B is not marked as hidden to protect a smaller group:\n%s", screen)
	}
	if strings.Contains(rowOf("A (A)"), "—") || strings.Contains(rowOf("C (C)"), "—") {
		t.Errorf("A or C hidden:\n%s", screen)
	}
	d.key("down")
	d.key("enter") // into B
	d.expect("B1 (B1)")
	screen = d.screen()
	if !strings.Contains(rowOf("B2 (B2)"), "— (<5)") || strings.Contains(rowOf("B1 (B1)"), "—") {
		t.Errorf("inside B: B2 should read <5 and B1 be shown:\n%s", screen)
	}
	if !strings.Contains(screen, "disembunyikan agar kelompok yang lebih kecil tidak dapat dihitung.") {
		t.Errorf("the focus B does not say why it is hidden:\n%s", screen)
	}
}

// sampledSource is an admin source of n random ASN respondents at the root.
func sampledSource(rng *rand.Rand, n int) *fakeAdminSource {
	src := &fakeAdminSource{events: make(chan struct{})}
	for range n {
		src.rs = append(src.rs, questionnaire.Default().SampleResponse(rng, "asn", "2026", "root", "2026-11-27", 0))
	}
	return src
}

// TestAdminFitsAndSwitchesLanguage: at 80×24 the admin screen fits, keeps
// its help in view, and F2 turns every text of its own into English.
func TestAdminFitsAndSwitchesLanguage(t *testing.T) {
	d := newDriver(t, NewAdmin(sampledSource(rand.New(rand.NewPCG(7, 7)), 12), ""), 80, 24)
	d.expect("respons: 12", "? semua tombol")
	d.key("f2")
	d.expect("responses: 12", "? all keys")
	for _, check := range []func(){func() {}, func() { d.key("pgdown") }, func() { d.key("pgdown") }} {
		check()
		englishScreenFits(t, d)
	}
}

// englishScreenFits: the admin screen in English fits 80×24, keeps its help
// in view, and shows no word found only in the Indonesian of its own texts.
func englishScreenFits(t *testing.T, d *driver) {
	t.Helper()
	var own []questionnaire.Text
	texts(reflect.ValueOf(adminUI), &own)
	texts(reflect.ValueOf(hiddenWords), &own)
	for _, q := range quadrantWords {
		own = append(own, q)
	}
	lines := strings.Split(d.m.View().Content, "\n")
	if len(lines) > 24 {
		t.Fatalf("the admin screen is %d lines at 80×24:\n%s", len(lines), d.screen())
	}
	for _, l := range lines {
		if lipgloss.Width(l) > 80 {
			t.Fatalf("a line of %d cells at 80×24:\n%s", lipgloss.Width(l), d.screen())
		}
	}
	if !strings.Contains(d.screen(), "q quit") {
		t.Fatalf("the help is out of view:\n%s", d.screen())
	}
	english := map[string]bool{}
	for _, v := range questionnaire.CoreValues { // the values' codes (Pel…Kol) are the same in both
		english[strings.ToLower(heatHead("implementation."+v))] = true
	}
	for _, txt := range own {
		for _, w := range wordRE.FindAllString(strings.ToLower(txt.English), -1) {
			english[w] = true
		}
	}
	shown := wordRE.FindAllString(strings.ToLower(d.screen()), -1)
	for _, txt := range own {
		for _, w := range wordRE.FindAllString(strings.ToLower(txt.Indonesian), -1) {
			if !english[w] && slices.Contains(shown, w) {
				t.Fatalf("the English admin screen shows %q:\n%s", w, d.screen())
			}
		}
	}
}

// TestScopedAdminSeesOnlyItsSubtree: on the tree of the privacy issue, an
// admin limited to B sees B, B1 and B2 — with the very cells the whole
// agency's admin sees for them (suppression unchanged) — and never the
// name, figure or count of p, A or C; going back at B goes nowhere.
func TestScopedAdminSeesOnlyItsSubtree(t *testing.T) {
	data := privacyTree(map[string]string{"p": "Pusat", "A": "Alpha", "B": "Beta", "B1": "Beta Satu", "B2": "Beta Dua", "C": "Gamma"})
	data.Counts = Counts{All: 255, Today: 255, ASN: 255}
	src := treeSource{data}

	whole := newDriver(t, NewAdmin(src, ""), 160, 50)
	whole.expect("Pusat (p)")
	whole.keys("enter", "down", "enter") // into p, then into B
	whole.expect("Beta Satu (B1)")
	rows := func(screen string) map[string]string {
		out := map[string]string{}
		for _, line := range strings.Split(screen, "\n") {
			for _, name := range []string{"Beta (B)", "Beta Satu (B1)", "Beta Dua (B2)"} {
				if strings.Contains(line, name) {
					out[name] = line[strings.Index(line, name):]
				}
			}
		}
		return out
	}
	want := rows(whole.screen())

	scoped := newDriver(t, NewAdmin(src, "B"), 160, 50)
	scoped.expect("Beta Satu (B1)", "respons unit ini: 58")
	for _, keys := range [][]string{nil, {"esc"}, {"left", "backspace"}, {"down", "enter"}} {
		scoped.keys(keys...)
		screen := scoped.screen()
		for _, other := range []string{"Pusat", "Alpha", "Gamma", "255", "(p)", "(A)", "(C)"} {
			if strings.Contains(screen, other) {
				t.Fatalf("after %v the admin of B sees %q:\n%s", keys, other, screen)
			}
		}
	}
	scoped = newDriver(t, NewAdmin(src, "B"), 160, 50)
	scoped.expect("Beta Satu (B1)")
	if got := rows(scoped.screen()); len(got) != 3 || got["Beta Dua (B2)"] != want["Beta Dua (B2)"] || got["Beta Satu (B1)"] != want["Beta Satu (B1)"] {
		t.Fatalf("B's rows differ by scope:\nscoped %q\nwhole  %q", got, want)
	}
	if !strings.Contains(scoped.screen(), "— (<5)") {
		t.Fatalf("B2 is not suppressed for the admin of B:\n%s", scoped.screen())
	}

	unknown := newDriver(t, NewAdmin(src, "Z"), 160, 50)
	unknown.expect(`Unit "Z"`)
	if s := unknown.screen(); strings.Contains(s, "Pusat") || strings.Contains(s, "Beta") {
		t.Fatalf("an admin of an unknown unit sees the tree:\n%s", s)
	}
}

// TestHeatmap: h shows units × values and headline indices at 80×24, each
// cell its figure and band, hidden groups saying why, in the language shown.
func TestHeatmap(t *testing.T) {
	data := privacyTree(map[string]string{"p": "P"})
	in, groups, settings := data.Instrument, data.Groups, data.Settings
	src := treeSource{data}
	d := newDriver(t, NewAdmin(src, ""), 80, 24)
	d.expect("P (p)")
	d.keys("enter", "h")
	d.expect("Pel", "Kol", "IB", "Ket", "Cit")
	line := func(name string) string {
		for _, l := range strings.Split(d.screen(), "\n") {
			if strings.Contains(l, name) {
				return l
			}
		}
		t.Fatalf("no row %s:\n%s", name, d.screen())
		return ""
	}
	a := groups.Group("A", settings, in)
	want := []string{fmt.Sprintf(" %.1f%s", a.Implementation.Values["pelayanan"].Index, a.Implementation.Values["pelayanan"].Band),
		fmt.Sprintf(" %.1f%s", a.Implementation.Index, a.Implementation.Band), fmt.Sprintf(" %.1f%s", a.Engagement.Index, a.Engagement.Band)}
	for _, w := range want {
		if !strings.Contains(line("A (A)"), w) {
			t.Errorf("A's row lacks %q: %s", w, line("A (A)"))
		}
	}
	if !strings.Contains(line("B (B)"), "—†") || strings.Contains(line("B (B)"), ".") {
		t.Errorf("B's row does not say it is hidden to protect a smaller group: %s", line("B (B)"))
	}
	for _, l := range strings.Split(d.m.View().Content, "\n") {
		if lipgloss.Width(l) > 80 {
			t.Fatalf("a line of %d cells at 80×24:\n%s", lipgloss.Width(l), d.screen())
		}
	}
	// On a window too narrow for every column, the columns that fit are
	// drawn whole and the rest named: the edge had cut a figure to its
	// first digit.
	d.send(tea.WindowSizeMsg{Width: 60, Height: 24})
	d.expect("kolom Bud Ket Cit tidak muat: perlebar jendela")
	if l := line("A (A)"); lipgloss.Width(l) > 60 || !strings.HasSuffix(strings.TrimRight(ansi.Strip(l), " "), want[1]) {
		t.Errorf("A's row at 60 columns does not end with its whole BerAKHLAK index %q: %q", want[1], l)
	}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.keys("down", "enter") // into B: B2 has fewer than k
	d.expect("B2 (B2)")
	if !strings.Contains(line("B2 (B2)"), "—<5") {
		t.Errorf("B2's row does not say it has fewer than k: %s", line("B2 (B2)"))
	}
	d.key("f2")
	d.expect("engagement", "fewer than k respondents")
	d.key("h")
	d.expect("staff", "culture") // back to the table
}

// TestAdminPagesManyRows: 40 agencies under the nation fill no more than the
// screen; the rows in view follow the cursor and say which they are.
func TestAdminPagesManyRows(t *testing.T) {
	data, _ := nationalTree(40, 1)
	d := newDriver(t, NewAdmin(treeSource{data}, ""), 80, 24)
	d.expect("baris 1–", "dari 40", "(a000)") // the nation's agencies, at once

	for range 30 {
		d.key("down")
	}
	screen := d.screen()
	if lines := strings.Split(d.m.View().Content, "\n"); len(lines) > 24 {
		t.Fatalf("the admin screen is %d lines at 80×24:\n%s", len(lines), screen)
	}
	if !regexp.MustCompile(`>│ ?Instansi .*\(a030\)`).MatchString(screen) || strings.Contains(screen, "(a000)") {
		t.Fatalf("after 30 rows down, the row under the cursor is not a030 or a000 is still in view:\n%s", screen)
	}
	if !strings.Contains(screen, "dari 40") {
		t.Fatalf("the screen does not say which rows are in view:\n%s", screen)
	}
}

// TestAdminDriversView: key d ranks the seven values by r for the group in
// focus, with interval, n, quadrant and a plot, inside 80×24; t turns to
// the intention to stay; F2 speaks English; below 30 respondents it says
// why there is nothing yet.
func TestAdminDriversView(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	d := newDriver(t, NewAdmin(sampledSource(rng, 12), ""), 80, 24)
	d.key("d")
	d.expect("Pendorong keterikatan", "sedikitnya 30 responden")

	d = newDriver(t, NewAdmin(sampledSource(rng, 40), ""), 80, 24)
	d.key("d")
	d.expect("Pendorong keterikatan", "kuadran", "KI 95%")
	screen := d.screen()
	// Rows "rank value index band r …": ranks 1 to 7 in order, each value
	// once, r never rising.
	rows := regexp.MustCompile(`(?m)^([1-7]) (\w+)\s+[\d.]+ [ABCD]\s+(-?\d\.\d\d) `).FindAllStringSubmatch(screen, -1)
	if len(rows) != len(questionnaire.CoreValues) {
		t.Fatalf("%d ranked rows; want the seven values:\n%s", len(rows), screen)
	}
	seen, lastR := map[string]bool{}, 2.0
	for i, row := range rows {
		r, _ := strconv.ParseFloat(row[3], 64)
		if row[1] != strconv.Itoa(i+1) || !slices.Contains(questionnaire.CoreValues, row[2]) || seen[row[2]] || r > lastR {
			t.Fatalf("row %d (%q) out of rank, unknown, repeated or above the row before:\n%s", i+1, row[0], screen)
		}
		seen[row[2]], lastR = true, r
	}
	lines := strings.Split(d.m.View().Content, "\n")
	if len(lines) > 24 {
		t.Fatalf("the drivers view is %d lines at 80×24:\n%s", len(lines), screen)
	}
	for _, l := range lines {
		if lipgloss.Width(l) > 80 {
			t.Fatalf("a line of %d cells at 80×24:\n%s", lipgloss.Width(l), screen)
		}
	}
	d.key("pgdown")
	d.expect("┆", "└─") // the plot, with its median line
	d.key("t")
	d.expect("Pendorong niat bertahan")
	d.key("f2")
	d.expect("Drivers of staying")
	englishScreenFits(t, d)
	d.key("pgdown")
	englishScreenFits(t, d)
	d.key("d")
	d.expect("BerAKHLAK values")
}

// TestAdminSegmentsView: s shows the closed survey's segments, audience by
// audience, hidden ones marked as units are, in both languages and within
// 80×24; an open survey says when they come; an admin of one unit gets
// none of them.
func TestAdminSegmentsView(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	in := questionnaire.Default()
	figures := func(n int) *scoring.Scores {
		a := scoring.NewAggregate()
		for range n {
			a.Add(in.SampleResponse(rng, "public", "2026", "root", "2026-11-27", 0))
		}
		return scoring.SegmentFigures("public", a, 5, in)
	}
	src := sampledSource(rng, 12)
	d := newDriver(t, NewAdmin(src, ""), 80, 24)
	d.key("s")
	d.expect("Segmen tampil setelah survei ditutup")

	student, employed := figures(12), figures(11)
	employed.LeaveOutFamilies(map[string]scoring.Hidden{scoring.FamilyEmployerBranding: scoring.HiddenAtScaleEnd})
	src.segments = []scoring.SegmentSet{
		{Audience: "asn", Item: "demo.tenure", Unavailable: "sealed"},
		{Audience: "public", Item: "demo.status", Segments: []scoring.SegmentScore{
			{Answer: "student", Scores: student}, {Answer: "graduate", Hidden: scoring.HiddenComplementary},
			{Answer: "jobseeker", Hidden: scoring.HiddenSmall}, {Answer: "employed", Scores: employed},
			{Answer: scoring.NotStated, Scores: figures(6)}}},
	}
	d = newDriver(t, NewAdmin(src, ""), 80, 24)
	d.key("s")
	b := student.EmployerBranding
	d.expect("Segmen non-ASN menurut status saat ini", "jawaban survei ini disegel",
		fmt.Sprintf("Pelajar/mahasiswa           12  %.1f %s", b.Index, b.Band), "Baru lulus                  —†",
		"Pencari kerja              —<k", "Bekerja                     11  —ujung", "tidak menjawab")
	d.key("f2")
	d.expect("non-ASN segments by current status", "this survey's answers are sealed",
		fmt.Sprintf("Student                     12  %.1f %s", b.Index, b.Band), "Employed                    11  —end", "did not say")
	englishScreenFits(t, d)

	scoped := newDriver(t, NewAdmin(src, "root"), 80, 24)
	scoped.key("s")
	scoped.expect("Segmen menggambarkan seluruh survei")
	if strings.Contains(scoped.screen(), "Pelajar") {
		t.Fatalf("an admin of one unit sees the whole survey's segments:\n%s", scoped.screen())
	}
}

// The header says what each kiosk forwarded (to an admin of the whole
// agency, not to one scoped to a unit), and, nationally, how many records
// were left out or held back, naming the first; at 80 columns in both
// languages nothing runs past the edge.
func TestAdminHeaderNamesKiosksAndProblems(t *testing.T) {
	data := privacyTree(nil)
	data.Kiosks = map[string]int64{"lobby": 7, "hall": 12}
	data.Problems = []string{"key 2026.step.root of bucket berakhlak-aggregates held back: asn figures moved by 1 respondents, fewer than the national k = 5", "another"}
	d := newDriver(t, NewAdmin(treeSource{data}, ""), 80, 24)
	d.expect("diteruskan kios: hall 12 · lobby 7", "! 2 catatan dikesampingkan atau ditahan")
	d.key("f2")
	d.expect("forwarded by kiosk: hall 12 · lobby 7", "! 2 records left out or held back")
	for _, line := range strings.Split(d.screen(), "\n") {
		if w := lipgloss.Width(line); w > 80 {
			t.Errorf("a line %d wide: %q", w, line)
		}
	}
	scoped := newDriver(t, NewAdmin(treeSource{data}, "B"), 80, 24)
	scoped.expect("respons unit ini")
	if strings.Contains(scoped.screen(), "lobby") {
		t.Error("an admin scoped to a unit sees the agency's kiosks")
	}
}

// TestReportKeySaysHowToFetchIt: `r` writes the report beside the database
// and says the command that streams it to an admin's own computer.
func TestReportKeySaysHowToFetchIt(t *testing.T) {
	d := newDriver(t, NewAdmin(sampledSource(rand.New(rand.NewPCG(7, 8)), 12), ""), 100, 30)
	d.expect("respons: 12")
	d.key("r")
	d.expect("/tmp/report-.html", "ssh admin@SERVER report > laporan.html")
}

// TestAdminOpensOnTheAgencysUnits: with one root, the first view lists its
// units at once (← goes up to the whole survey); a closed survey says so in
// the header and drops the note on how figures move.
func TestAdminOpensOnTheAgencysUnits(t *testing.T) {
	d := newDriver(t, NewAdmin(treeSource{privacyTree(map[string]string{"p": "Pusat"})}, ""), 100, 30)
	d.expect("survei 2026 · Pusat (p)", "A (A)", "B (B)")
	d.key("left")
	d.expect("survei 2026 · seluruh survei", "Pusat (p)")
	if strings.Contains(d.screen(), "ditutup") || !strings.Contains(d.screen(), "indeks berubah setelah ≥5") {
		t.Errorf("an open survey's screen says it is closed, or not how figures move:\n%s", d.screen())
	}
	closed := privacyTree(map[string]string{"p": "Pusat"})
	closed.Closed = true
	d = newDriver(t, NewAdmin(treeSource{closed}, ""), 100, 30)
	d.expect("survei 2026 (ditutup)", "survei ditutup: angka tidak berubah lagi")
	if strings.Contains(d.screen(), "indeks berubah setelah") {
		t.Errorf("a closed survey's screen still says figures move after new responses:\n%s", d.screen())
	}
}

// TestAdminSentencesWrapNotCut: at 80×24 the segments view of an open
// survey says its whole sentence, wrapped, with no word cut at the edge.
func TestAdminSentencesWrapNotCut(t *testing.T) {
	d := newDriver(t, NewAdmin(treeSource{privacyTree(map[string]string{"p": "Pusat"})}, ""), 80, 24)
	d.expect("A (A)")
	d.key("s")
	d.expect("Segmen tampil setelah survei ditutup", "demi satu orang.")
}

// TestAdminSaysWhatIsBelowTheEdge: at 80×24 a unit's view runs past the
// screen and its last line says so; at the bottom it does not.
func TestAdminSaysWhatIsBelowTheEdge(t *testing.T) {
	d := newDriver(t, NewAdmin(treeSource{privacyTree(map[string]string{"p": "Pusat"})}, ""), 80, 24)
	d.expect("A (A)", "↓ masih ada di bawah · pgdn")
	for range 20 {
		d.key("pgdown")
	}
	if strings.Contains(d.screen(), "↓ masih ada di bawah") {
		t.Errorf("at the bottom the screen still says there is more below:\n%s", d.screen())
	}
}

// bandEnd is a line ending in a whole figure and its band.
var bandEnd = regexp.MustCompile(`\d\.\d [ABCD] *$`)

// On a narrow screen (a phone's SSH client) the unit table cuts its headers
// before any figure, and where even the figures do not fit it cuts a cell
// with "…" instead of wrapping it: the 2 of p's 255 on a line of its own
// had read as a count of 2. Any other line the edge cuts ends in "…".
func TestAdminUnitTableOnANarrowScreen(t *testing.T) {
	src := treeSource{privacyTree(map[string]string{"p": "Kementerian Contoh", "A": "Biro Umum dan Keuangan"})}
	for _, width := range []int{60, 50, 40} {
		d := newDriver(t, NewAdmin(src, ""), width, 40)
		d.expect("┌", "┘", "pelayanan ") // the table and the bars are drawn
		screen := d.screen()
		table := screen[strings.Index(screen, "┌"):strings.Index(screen, "┘")]
		for _, line := range strings.Split(table, "\n") {
			if ansi.StringWidth(line) > width {
				t.Errorf("%d columns: a line of the table %d wide: %q", width, ansi.StringWidth(line), line)
			}
		}
		for _, line := range strings.Split(screen, "\n") { // the edge cuts nothing unmarked
			if ansi.StringWidth(line) > width {
				t.Errorf("%d columns: a line %d wide, which the terminal would cut unmarked: %q", width, ansi.StringWidth(line), line)
			}
		}
		if width == 40 && !strings.Contains(screen, "respons: 0 (hari ini 0) · ASN 0 · publi…\n") {
			t.Errorf("40 columns: the counts' line is not marked where the edge cuts it:\n%s", screen)
		}
		bars := 0
		for _, line := range strings.Split(screen, "\n") { // the value bars give way to their figures
			if strings.HasPrefix(line, "pelayanan ") {
				bars++
				if !bandEnd.MatchString(line) {
					t.Errorf("%d columns: the value bar's figure is not whole: %q", width, line)
				}
			}
		}
		if bars != 1 {
			t.Errorf("%d columns: %d bars of pelayanan on the screen", width, bars)
		}
		_, body, _ := strings.Cut(table, "┤\n")
		rows := strings.Split(strings.TrimSuffix(body[:strings.LastIndex(body, "\n")], "\n"), "\n")
		// p, A, B, C and p's own four: a line each, none wrapped.
		if len(rows) != 5 {
			t.Errorf("%d columns: %d table lines for 5 rows:\n%s", width, len(rows), table)
			continue
		}
		if width >= 50 && (!strings.Contains(rows[0], "│255│") || !strings.Contains(rows[1], "│110│")) {
			t.Errorf("%d columns: the counts are not whole:\n%s", width, strings.Join(rows, "\n"))
		}
	}
}

// TestAdminListsOnlyValuesWantedMore: the values line under the top-10
// lists names a value as a jump only where more respondents want it than
// see it now (whole points, largest first), and says there is none when
// the desired culture is the current one — never a "+0" or a fall.
func TestAdminListsOnlyValuesWantedMore(t *testing.T) {
	in := questionnaire.Default()
	withDesired := func(desired func(current []string) []string) *fakeAdminSource {
		rng := rand.New(rand.NewPCG(3, 3))
		src := &fakeAdminSource{events: make(chan struct{})}
		for range 10 {
			r := in.SampleResponse(rng, "asn", "2026", "root", "2026-11-27", 0)
			r.Answers.Picks[questionnaire.ItemValuesDesired] = desired(r.Answers.Picks[questionnaire.ItemValuesCurrent])
			src.rs = append(src.rs, r)
		}
		return src
	}
	label := func(id string) string {
		for _, v := range in.Catalogue {
			if v.ID == id {
				return v.Label.In(questionnaire.LangID)
			}
		}
		t.Fatalf("no catalogue entry %q", id)
		return ""
	}
	jumpsLine := regexp.MustCompile(`terbesar \(poin persen, diharapkan − saat ini\):\s+([^\n]*)`)
	shown := func(src *fakeAdminSource) string {
		d := newDriver(t, NewAdmin(src, ""), 200, 80)
		d.expect("entropi")
		m := jumpsLine.FindStringSubmatch(d.screen())
		if m == nil {
			t.Fatalf("no jumps line:\n%s", d.screen())
		}
		return strings.Join(strings.Fields(m[1]), " ")
	}

	if got := shown(withDesired(slices.Clone)); !strings.HasPrefix(got, "tidak ada") {
		t.Errorf("desired = current for everyone, the jumps say %q, want \"tidak ada\"", got)
	}

	// Everyone wants the first current value of theirs swapped for one
	// no one has now: that value is wanted by all ten (+100 points); the
	// values given up fall, and must not be listed.
	var unseen string
	seen := map[string]bool{}
	for _, r := range withDesired(slices.Clone).rs {
		for _, id := range r.Answers.Picks[questionnaire.ItemValuesCurrent] {
			seen[id] = true
		}
	}
	for _, v := range in.Catalogue {
		if !seen[v.ID] {
			unseen = v.ID
			break
		}
	}
	if unseen == "" {
		t.Fatal("ten sample respondents picked every value: choose another seed")
	}
	got := shown(withDesired(func(current []string) []string {
		return append([]string{unseen}, current[1:]...)
	}))
	if want := label(unseen) + " +100"; !strings.HasPrefix(got, want) || strings.Contains(got, ",") {
		t.Errorf("one value wanted by all, the jumps say %q, want only %q", got, want)
	}
}
