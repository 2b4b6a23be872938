package cli

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	gossh "golang.org/x/crypto/ssh"
)

// figuresOf is everything a reader could difference: every index, value
// index, share and vote-based figure of a group, without the counts (which
// may move at once).
func figuresOf(gs scoring.GroupScores) string {
	if gs.Scores == nil {
		return "none"
	}
	s := *gs.Scores
	s.N, s.NASN, s.NPublic = 0, 0, 0
	data, _ := json.Marshal(s)
	return string(data)
}

// The differencing attack of the privacy issue, against fresh readers: after
// each of 2k single responses, `scores --json` (a new process's reading) for
// the whole survey and for the unit; no figure — headline, any value, any
// engagement class — may change until k new responses are in the group.
func TestFreshScoresMoveOnlyAfterKNewResponses(t *testing.T) {
	const k = 5
	dir := t.TempDir()
	dbPath := newDB(t, filepath.Join(dir, "d.db"))
	org := writeFile(t, "org.csv", "id,parent,name,headcount\nkem,,Kementerian,100\nbiro,kem,Biro,40\n")
	if _, stderr, code := run(t, "org", "import", org, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(21, 21))
	store := func(n int) {
		t.Helper()
		var rs []*questionnaire.Response
		for range n {
			rs = append(rs, in.SampleResponse(rng, "asn", "2026", "biro", "2026-11-27", 0))
		}
		importResponses(t, dbPath, rs)
	}
	read := func(unit string) scoring.GroupScores {
		t.Helper()
		if unit == "" {
			return scoresJSON(t, dbPath)
		}
		return scoresJSON(t, dbPath, "--unit", unit)
	}
	store(k) // the first chunk is out
	before := map[string]string{"": figuresOf(read("")), "biro": figuresOf(read("biro"))}
	if before["biro"] == "none" {
		t.Fatal("a unit of k respondents shows no figures")
	}
	for i := 1; i <= 2*k; i++ {
		store(1)
		for unit, was := range before {
			gs := read(unit)
			now := figuresOf(gs)
			if gs.Respondents != int64(k+i) {
				t.Fatalf("unit %q counts %d after %d more, want %d at once", unit, gs.Respondents, i, k+i)
			}
			switch moved := now != was; {
			case moved && i%k != 0:
				t.Fatalf("after %d single responses (k = %d) unit %q's figures changed: a fresh reader isolates them", i, k, unit)
			case !moved && i%k == 0:
				t.Fatalf("after %d new responses unit %q's figures did not move", i, unit)
			}
			if want := int64(k + i/k*k); gs.AsOfN != want {
				t.Fatalf("unit %q: figures as of %d after %d more, want %d", unit, gs.AsOfN, i, want)
			}
			before[unit] = now
		}
	}
}

// sigmaRow finds the figures of the whole-survey row and the value bars on
// an admin screen, without the counts.
var (
	sigmaRow  = regexp.MustCompile(`│=│[^│]*│[^│]*│[^│]*│[^│]*│([^\n]*)`)
	valueBars = regexp.MustCompile(`(?m)^(pelayanan|akuntabel|kompeten|harmonis|loyal|adaptif|kolaboratif) .*$`)
)

// The same attack against newly opened admin sessions over SSH: each fresh
// session after each single response shows the same headline cells and
// value bars until k new responses are in.
func TestFreshAdminSessionsMoveOnlyAfterKNewResponses(t *testing.T) {
	const k = 5
	f := startFixture(t)
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(22, 22))
	save := func(n int) {
		for range n {
			if err := f.store.SaveResponse(in.SampleResponse(rng, "asn", "2026", "root", "2026-11-27", 0)); err != nil {
				t.Fatal(err)
			}
		}
	}
	figures := func(total int) []string {
		t.Helper()
		c, _, err := f.dial("admin", gossh.PublicKeys(f.adminKey))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		s := openScreen(t, c)
		s.waitFor(fmt.Sprintf("respons: %d", total), 5*time.Second)
		s.waitFor("kolaboratif", 5*time.Second)
		text := s.text()
		row := sigmaRow.FindStringSubmatch(text)
		if row == nil {
			t.Fatalf("no whole-survey row on the admin screen:\n%s", text)
		}
		s.sess.Close()
		return append([]string{row[1]}, valueBars.FindAllString(text, -1)...)
	}
	save(k)
	was := figures(k)
	if len(was) != 8 {
		t.Fatalf("admin screen shows %d figure lines, want the row and 7 bars: %q", len(was), was)
	}
	for i := 1; i <= 2*k; i++ {
		save(1)
		now := figures(k + i)
		switch moved := !reflect.DeepEqual(now, was); {
		case moved && i%k != 0:
			t.Fatalf("after %d single responses a fresh admin session shows other figures:\nwas %q\nnow %q", i, was, now)
		case !moved && i%k == 0:
			t.Fatalf("after %d new responses a fresh admin session shows the same figures", i)
		}
		was = now
	}
}
