package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
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
// retention of 100 %. Now shares move in steps of 2k: A's shares stand at
// A1's ten until A2's seven have grown to 2k, and no two shown shares differ
// by fewer than 2k. A2's
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
		if d := a.RetentionIntention.N - a1.RetentionIntention.N; d > 0 && d < 10 {
			t.Fatalf("A shows retention %.4f of %d and A1 %.4f of %d: the %d between are (%d·a − %d·a1)/%d = %.1f",
				a.RetentionIntention.Index, a.RetentionIntention.N, a1.RetentionIntention.Index, a1.RetentionIntention.N, d,
				a.RetentionIntention.N, a1.RetentionIntention.N, d,
				(float64(a.RetentionIntention.N)*a.RetentionIntention.Index-float64(a1.RetentionIntention.N)*a1.RetentionIntention.Index)/float64(d))
		}
	}
	if a.Engagement != nil && a1.Engagement != nil && a.Engagement.Engaged != nil && a1.Engagement.Engaged != nil {
		if d := a.Engagement.ClassesN - a1.Engagement.ClassesN; d > 0 && d < 10 {
			t.Fatalf("A's engagement classes count %d, A1's %d: the %d between can be worked out", a.Engagement.ClassesN, a1.Engagement.ClassesN, d)
		}
	}
	// A2's seven are in no share: its own are withheld, and its chunk of 7
	// has not moved A's shares, which stand at A1's 10.
	if a.SharesAsOfN == nil || *a.SharesAsOfN != 10 || a.AsOfN != 17 || a1.RetentionIntention == nil {
		t.Errorf("A: figures of %d, shares of %v; A1's retention %v; want 17, 10 and A1's shown", a.AsOfN, a.SharesAsOfN, a1.RetentionIntention)
	}
}

func TestAChunkAtItsScaleEndIsHeldBack(t *testing.T) {
	dbPath := oneUnitDB(t, "A,,Direktorat A,40")
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

// Issue 29's third attack over time, with the real commands: A1 showed
// retention 40 % of 10; five more, none meaning to stay, moved it to
// 26.7 % of 15, and (15 × 26.6667 − 10 × 40) / 5 gave those five's 0 %.
// Shares now move in steps of 2k: the figures move to 15, the shares stay at
// the ten's until ten have come since.
func TestSharesMoveInStepsOf2k(t *testing.T) {
	dbPath := oneUnitDB(t, "A1,,Subdit A1,40")
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(29, 6))
	staying := func(stay ...int) (rs []*questionnaire.Response) {
		for _, s := range stay {
			r := in.SampleResponse(rng, "asn", "2026", "A1", "2026-11-27", 0)
			r.Answers.Scale[questionnaire.ItemEngStay] = s
			rs = append(rs, r)
		}
		return rs
	}
	importResponses(t, dbPath, staying(5, 4, 4, 5, 1, 2, 3, 1, 2, 3))
	ten := scoresJSON(t, dbPath, "--unit", "A1")
	if ten.RetentionIntention == nil || ten.RetentionIntention.N != 10 || ten.RetentionIntention.Index != 40 {
		t.Fatalf("after 10: retention %+v, want 40 %% of 10", ten.RetentionIntention)
	}
	importResponses(t, dbPath, staying(1, 1, 1, 1, 1))
	fifteen := scoresJSON(t, dbPath, "--unit", "A1")
	if fifteen.AsOfN != 15 || fifteen.RetentionIntention == nil || fifteen.RetentionIntention.N != 10 ||
		fifteen.RetentionIntention.Index != 40 || fifteen.SharesAsOfN == nil || *fifteen.SharesAsOfN != 10 {
		t.Fatalf("after 15: figures of %d, retention %+v, shares of %v; want the figures at 15 and the shares still at the ten's 40 %%",
			fifteen.AsOfN, fifteen.RetentionIntention, fifteen.SharesAsOfN)
	}
	out, _, code := run(t, "scores", "--lang", "en", "--unit", "A1", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "shares as of 10") {
		t.Errorf("`scores` does not say the shares are as of 10:\n%s", out)
	}
	page := filepath.Join(t.TempDir(), "r.html")
	if _, stderr, code := run(t, "report", "--lang", "en", "--unit", "A1", "--out", page, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	if html, err := os.ReadFile(page); err != nil || !strings.Contains(string(html), "The shares include 10 respondents") {
		t.Errorf("the report does not say the shares include 10 respondents (%v)", err)
	}
	importResponses(t, dbPath, staying(5, 5, 5, 5, 5))
	if twenty := scoresJSON(t, dbPath, "--unit", "A1"); twenty.RetentionIntention == nil || twenty.RetentionIntention.N != 20 {
		t.Fatalf("after 20: retention %+v, want it of 20", twenty.RetentionIntention)
	}
}

// Segment shares are checked at 2k against the chunks, as segments are at k
// (issue 29). A unit released a chunk of 10 employed and 6 students, then
// one of 6 students. At k = 5 nothing smaller than 5 can be worked out, so
// both segments show their means; but the first chunk less "employed" is
// those 6 students, and "student" less the second chunk are they again:
// their shares — the share of the six who would apply — would follow from
// the segments' and the chunks' shares. Both segments' shares are held back.
func TestSegmentSharesAreCheckedAt2k(t *testing.T) {
	dbPath := oneUnitDB(t, "A,,Direktorat A,40")
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(29, 14))
	public := func(status string, n int) (rs []*questionnaire.Response) {
		for range n {
			r := in.SampleResponse(rng, questionnaire.AudiencePublic, "2026", "A", "2026-11-27", 0)
			r.Answers.Choice["demo.status"] = status
			rs = append(rs, r)
		}
		return rs
	}
	importResponses(t, dbPath, append(public("employed", 10), public("student", 6)...))
	importResponses(t, dbPath, public("student", 6))
	doc := closeAndRead(t, dbPath)
	checked := 0
	for _, set := range doc.Segments {
		if set.Audience != questionnaire.AudiencePublic {
			continue
		}
		for _, seg := range set.Segments {
			if seg.Answer != "employed" && seg.Answer != "student" {
				continue
			}
			b := seg.Scores.EmployerBranding
			if seg.Hidden != "" || b == nil || b.HighIntention != nil || b.Recommendation != nil ||
				!slices.Contains(seg.Scores.Protected, scoring.ShareHighIntention) {
				t.Errorf("segment %q: hidden %q, branding %+v, protected %v; want its index shown and its shares protected",
					seg.Answer, seg.Hidden, b, seg.Scores.Protected)
			}
			checked++
		}
	}
	if checked != 2 {
		t.Fatalf("%d of the employed and student segments found in %+v", checked, doc.Segments)
	}
}

// Issue 29's fourth door in the segments, with the real commands: after a
// close the segments showed "Student 6: branding 100.0 A, intention
// 100.0" — every one of the six had given every branding item its top
// answer. A segment under 2k leaves out a family near a scale's end, as a
// unit does. The employed (10, answers at random) lose theirs too: unit A
// shows all 16, and A's branding less the employed's is the students'
// 100.0 again. With the students answering at random, both keep theirs.
func TestASegmentAtItsScaleEndIsLeftOut(t *testing.T) {
	for _, atEnd := range []bool{true, false} {
		dbPath := oneUnitDB(t, "A,,Direktorat A,40")
		importResponses(t, dbPath, sampled(rand.New(rand.NewPCG(29, 15)), 16, questionnaire.AudiencePublic, "A", func(i int, r *questionnaire.Response) {
			r.Answers.Choice["demo.status"] = "employed"
			if i < 6 {
				r.Answers.Choice["demo.status"] = "student"
				if atEnd {
					brandingAtTop(r)
				}
			}
		}))
		doc := closeAndRead(t, dbPath)
		found := map[string]bool{}
		for _, set := range doc.Segments {
			for _, seg := range set.Segments {
				if set.Audience != questionnaire.AudiencePublic || seg.Scores == nil {
					continue
				}
				found[seg.Answer] = true
				if shown := seg.Scores.EmployerBranding != nil; shown == atEnd || slices.Contains(seg.Scores.AtScaleEnd, scoring.FamilyEmployerBranding) != atEnd {
					t.Errorf("students at the end %v: the %s segment's branding %+v, at scale end %v; want it shown %v",
						atEnd, seg.Answer, seg.Scores.EmployerBranding, seg.Scores.AtScaleEnd, !atEnd)
				}
			}
		}
		if !found["student"] || !found["employed"] {
			t.Fatalf("segments shown: %v; want students and employed", found)
		}
	}
}

// The door issue 29 left in the segments: a set worked out from a segment
// and a chunk. Unit B released 5 students (answers at random), unit A 7
// students who gave every branding item its top answer and 10 employed.
// The students' segment (12, branding about 80) is not at an end, but less
// B's figure it is the seven's 100.0; A's figure less the employed is the
// same seven. Both segments leave their branding out; B and A keep theirs.
func TestASetWorkedOutFromASegmentAndAChunkIsLeftOut(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "d.db"))
	org := writeFile(t, "org.csv", "id,parent,name,headcount\nA,,Direktorat A,40\nB,,Direktorat B,40\n")
	if _, stderr, code := run(t, "org", "import", org, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	rng := rand.New(rand.NewPCG(29, 16))
	as := func(status string, top bool) func(int, *questionnaire.Response) {
		return func(_ int, r *questionnaire.Response) {
			r.Answers.Choice["demo.status"] = status
			if top {
				brandingAtTop(r)
			}
		}
	}
	importResponses(t, dbPath, sampled(rng, 5, questionnaire.AudiencePublic, "B", as("student", false)))
	importResponses(t, dbPath, append(sampled(rng, 7, questionnaire.AudiencePublic, "A", as("student", true)),
		sampled(rng, 10, questionnaire.AudiencePublic, "A", as("employed", false))...))
	doc := closeAndRead(t, dbPath)
	checked := 0
	for _, set := range doc.Segments {
		for _, seg := range set.Segments {
			if set.Audience != questionnaire.AudiencePublic || seg.Scores == nil {
				continue
			}
			checked++
			if seg.Scores.EmployerBranding != nil || !slices.Contains(seg.Scores.AtScaleEnd, scoring.FamilyEmployerBranding) {
				t.Errorf("the %s segment: branding %+v, at scale end %v; want it left out (less a unit's figure it gives the seven's 100.0)",
					seg.Answer, seg.Scores.EmployerBranding, seg.Scores.AtScaleEnd)
			}
		}
	}
	if checked != 2 {
		t.Fatalf("%d segments shown; want students and employed: %+v", checked, doc.Segments)
	}
	for _, unit := range []string{"A", "B"} {
		if u := scoresDoc(t, dbPath, "--unit", unit); u.Scores == nil || u.Scores.EmployerBranding == nil {
			t.Errorf("unit %s's branding is not shown; the attack needs it", unit)
		}
	}
}

// Segments taken before the close checked the sets worked out from them at
// a scale's end cannot vouch for their means: a file whose table does not
// say it was checked shows the segments without their index families, as
// protecting smaller groups, and keeps their other figures.
func TestSegmentsTakenBeforeTheCheckShowNoMeans(t *testing.T) {
	dbPath := oneUnitDB(t, "A,,Direktorat A,40")
	importResponses(t, dbPath, sampled(rand.New(rand.NewPCG(29, 17)), 30, questionnaire.AudienceASN, "A", func(i int, r *questionnaire.Response) {
		r.Answers.Choice["demo.tenure"] = []string{"0-2", "3-10"}[i%2]
	}))
	if doc := closeAndRead(t, dbPath); len(doc.Segments) == 0 || doc.Segments[0].Segments[0].Scores.Implementation == nil {
		t.Fatalf("checked segments of 15 and 15 at random show no implementation: %+v", doc.Segments)
	}
	b, err := bolt.Open(dbPath, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error { // as an older build wrote the table
		key := []byte("2026\x00" + questionnaire.AudienceASN)
		table := tx.Bucket([]byte("segments")).Get(key)
		if !bytes.Contains(table, []byte(`"families_checked":true`)) {
			return fmt.Errorf("the table does not say its families were checked: %s", table)
		}
		return tx.Bucket([]byte("segments")).Put(key, bytes.Replace(table, []byte(`"families_checked":true`), []byte(`"families_checked":false`), 1))
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	doc := scoresDoc(t, dbPath)
	for _, seg := range doc.Segments[0].Segments {
		s := seg.Scores
		if s == nil || s.Implementation != nil || s.Engagement != nil || !slices.Contains(s.Protected, scoring.FamilyImplementation) || s.Top10 == nil {
			t.Errorf("the %s segment of a table taken before the check: %+v; want implementation and engagement protected, the values kept", seg.Answer, s)
		}
	}
}

// sampled draws n responses of an audience in unit of survey 2026 from
// rng, each given to edit with its place among the n.
func sampled(rng *rand.Rand, n int, audience, unit string, edit func(i int, r *questionnaire.Response)) []*questionnaire.Response {
	in := questionnaire.Default()
	rs := make([]*questionnaire.Response, n)
	for i := range rs {
		rs[i] = in.SampleResponse(rng, audience, "2026", unit, "2026-11-27", 0)
		edit(i, rs[i])
	}
	return rs
}

// brandingAtTop gives every item of the employer branding index its top
// answer: an index of 100.0, which says each such respondent's answers.
func brandingAtTop(r *questionnaire.Response) {
	for id := range r.Answers.Scale {
		if strings.HasPrefix(id, "brand.attr.") || strings.HasPrefix(id, "brand.intent.") {
			r.Answers.Scale[id] = 5
		}
	}
}

// oneUnitDB is a new database whose organisation is the one unit of an org
// CSV row.
func oneUnitDB(t *testing.T, row string) string {
	t.Helper()
	dbPath := newDB(t, filepath.Join(t.TempDir(), "d.db"))
	if _, stderr, code := run(t, "org", "import", writeFile(t, "org.csv", "id,parent,name,headcount\n"+row+"\n"), "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	return dbPath
}

// closeAndRead closes survey 2026 and reads the whole survey's scores --json.
func closeAndRead(t *testing.T, dbPath string) scoresOut {
	t.Helper()
	if _, stderr, code := run(t, "survey", "set", "2026", "--status", "closed", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	return scoresDoc(t, dbPath)
}

// scoresDoc reads scores --json, with its segments and heatmap.
func scoresDoc(t *testing.T, dbPath string, args ...string) scoresOut {
	t.Helper()
	out, stderr, code := run(t, append([]string{"scores", "--json", "--db", dbPath}, args...)...)
	if code != 0 {
		t.Fatal(stderr)
	}
	var doc scoresOut
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}
