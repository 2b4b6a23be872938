package cli

import (
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// One language at a time: `scores` in Indonesian (the default) holds no
// English word of its own, and in English no Indonesian one — with a change
// column, targets, a hidden audience and withheld shares on the page
// (issue 32). Codes of the instrument (BerAKHLAK, ASN) are the same in both.
func TestScoresSpeaksOneLanguage(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "l.db"))
	org := writeFile(t, "org.csv", "id,parent,name,headcount\nR,,Kementerian R,200\nA,R,Biro A,60\nB,R,Biro B,10\n")
	for _, args := range [][]string{{"org", "import", org}, {"survey", "create", "2025"}} {
		if _, stderr, code := run(t, append(args, "--db", dbPath)...); code != 0 {
			t.Fatal(stderr)
		}
	}
	rng := rand.New(rand.NewPCG(32, 32))
	in := questionnaire.Default()
	var rs []*questionnaire.Response
	for _, survey := range []string{"2025", "2026"} {
		rs = append(rs, withAdaptif(rng, survey, "A", 30, 3)...)
		rs = append(rs, withAdaptif(rng, survey, "B", 6, 4)...)
		for range 3 {
			rs = append(rs, in.SampleResponse(rng, questionnaire.AudiencePublic, survey, "A", survey+"-11-27", 0))
		}
	}
	importResponses(t, dbPath, rs)
	if _, stderr, code := run(t, "targets", "propose", "--from", "2025", "--to", "2026", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	english := regexp.MustCompile(`\b(respondents|response rate|index|value|band|attainment|change|Healthy|healthy|left out|withheld|hidden|significant|warning|whole survey|public|reached|of the way|comparisons)\b`)
	indonesian := regexp.MustCompile(`\b(responden|tingkat respons|indeks|nilai|kategori|capaian|perubahan|Sehat|ditahan|disembunyikan|signifikan|peringatan|seluruh survei|umum|tercapai|perbandingan)\b`)
	for _, unit := range []string{"", "B"} {
		args := []string{"scores", "--db", dbPath}
		if unit != "" {
			args = append(args, "--unit", unit)
		}
		id, stderr, code := run(t, args...)
		if code != 0 {
			t.Fatal(stderr)
		}
		en, _, _ := run(t, append(args, "--lang", "en")...)
		if w := english.FindAllString(id, -1); len(w) > 0 || !indonesian.MatchString(id) {
			t.Errorf("scores %v in Indonesian has English %q:\n%s", args, w, id)
		}
		if w := indonesian.FindAllString(en, -1); len(w) > 0 || !english.MatchString(en) {
			t.Errorf("scores %v --lang en has Indonesian %q:\n%s", args, w, en)
		}
		// Under 150 respondents an alignment has no band, and says why.
		if !strings.Contains(id, "terlalu sedikit untuk dinilai (n < 150)") || !strings.Contains(en, "too few to judge (n < 150)") {
			t.Errorf("scores %v: an alignment of fewer than 150 respondents does not say it is too few to judge:\n%s\n%s", args, id, en)
		}
	}
	out, _, _ := run(t, "scores", "--json", "--db", dbPath)
	var got struct {
		Alignment scoring.Stat `json:"alignment_personal_current"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if a := got.Alignment; a.N == 0 || a.Band != "" || a.BandNote != scoring.BandTooFew {
		t.Errorf("scores --json: an alignment of %d respondents has band %q, note %q", a.N, a.Band, a.BandNote)
	}
}
