package cli

import (
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// importResponses stores responses through `import`.
func importResponses(t *testing.T, dbPath string, rs []*questionnaire.Response) {
	t.Helper()
	var lines []string
	for _, r := range rs {
		data, _ := json.Marshal(r)
		lines = append(lines, string(data))
	}
	file := writeFile(t, "responses.jsonl", strings.Join(lines, "\n")+"\n")
	if _, stderr, code := run(t, "import", file, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
}

// Issue 29's third attack, with the real commands: A has sub-units A1 (10
// ASN) and A2 (7 ASN, every one engaged, staying and recommending). A2's
// shares were withheld, but (17 × A's retention − 10 × A1's) / 7 gave A2's
// retention of 100 %. Now no reader shows both A's and A1's shares: one of
// them says it is hidden so that a smaller group cannot be worked out. A2's
// engagement items are all 4 — engaged, an index of 75 — not 5: seven at
// the scale's end would not be released at all (TestAChunkAtItsScaleEndIsHeldBack).
func TestSharesOfASubUnitCannotBeSubtracted(t *testing.T) {
	dir := t.TempDir()
	dbPath := newDB(t, filepath.Join(dir, "d.db"))
	org := writeFile(t, "org.csv", "id,parent,name,headcount\nA,,Direktorat A,40\nA1,A,Subdit A1,20\nA2,A,Subdit A2,10\n")
	if _, stderr, code := run(t, "org", "import", org, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(29, 3))
	var rs []*questionnaire.Response
	for range 10 {
		rs = append(rs, in.SampleResponse(rng, "asn", "2026", "A1", "2026-11-27", 0))
	}
	for range 7 {
		r := in.SampleResponse(rng, "asn", "2026", "A2", "2026-11-27", 0)
		for id := range r.Answers.Scale {
			if strings.HasPrefix(id, "eng.") {
				r.Answers.Scale[id] = 4
			}
		}
		r.Answers.Scale[questionnaire.ItemEngStay] = 5
		r.Answers.Scale[questionnaire.ItemEngRecommend] = 10
		rs = append(rs, r)
	}
	importResponses(t, dbPath, rs)

	a, a1, a2 := scoresJSON(t, dbPath, "--unit", "A"), scoresJSON(t, dbPath, "--unit", "A1"), scoresJSON(t, dbPath, "--unit", "A2")
	if a2.Scores == nil || a2.RetentionIntention != nil || a2.Engagement == nil || a2.Engagement.Engaged != nil {
		t.Fatalf("A2 (7): %+v; want its engagement of 75 shown and its shares withheld", a2.Scores)
	}
	if a.RetentionIntention != nil && a1.RetentionIntention != nil {
		t.Fatalf("A shows retention %.4f of 17 and A1 %.4f of 10: A2's is (17·a − 10·a1)/7 = %.1f",
			a.RetentionIntention.Index, a1.RetentionIntention.Index, (17*a.RetentionIntention.Index-10*a1.RetentionIntention.Index)/7)
	}
	classes := func(gs scoring.GroupScores) bool { return gs.Engagement != nil && gs.Engagement.Engaged != nil }
	if classes(a) && classes(a1) {
		t.Fatal("A and A1 both show engagement classes")
	}
	if !slices.Contains(a1.Protected, scoring.ShareRetentionIntention) || a1.Implementation == nil || a1.Engagement == nil {
		t.Errorf("A1: protected %v; want its shares named as protected and its indices kept", a1.Protected)
	}
	out, _, code := run(t, "scores", "--lang", "en", "--unit", "A1", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "hidden so that a smaller group cannot be worked out") {
		t.Errorf("`scores --unit A1` does not say why its shares are hidden:\n%s", out)
	}
}

func TestAChunkAtItsScaleEndIsHeldBack(t *testing.T) {
	dir := t.TempDir()
	dbPath := newDB(t, filepath.Join(dir, "d.db"))
	org := writeFile(t, "org.csv", "id,parent,name,headcount\nA,,Direktorat A,40\n")
	if _, stderr, code := run(t, "org", "import", org, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(29, 5))
	sample := func(n int, fives bool) (rs []*questionnaire.Response) {
		for range n {
			r := in.SampleResponse(rng, "asn", "2026", "A", "2026-11-27", 0)
			for id := range r.Answers.Scale {
				if fives && strings.HasPrefix(id, "eng.") && id != questionnaire.ItemEngRecommend {
					r.Answers.Scale[id] = 5
				}
			}
			rs = append(rs, r)
		}
		return rs
	}
	importResponses(t, dbPath, sample(10, false))
	before := scoresJSON(t, dbPath, "--unit", "A")
	if before.AsOfN != 10 || before.Engagement == nil {
		t.Fatalf("after 10: figures of %d, engagement %v; want the 10 shown", before.AsOfN, before.Engagement)
	}
	importResponses(t, dbPath, sample(5, true))
	held := scoresJSON(t, dbPath, "--unit", "A")
	if held.Respondents != 15 || held.AsOfN != 10 || held.Engagement == nil || held.Engagement.Index != before.Engagement.Index {
		t.Fatalf("after 5 at the scale's end: %d respondents, figures of %d, engagement %v (was %.4f); want the figures of 10 kept",
			held.Respondents, held.AsOfN, held.Engagement, before.Engagement.Index)
	}
	importResponses(t, dbPath, sample(5, false))
	if after := scoresJSON(t, dbPath, "--unit", "A"); after.AsOfN != 20 {
		t.Fatalf("after 10 more, 5 of them at random: figures of %d, want 20", after.AsOfN)
	}
}
