package db

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// Segments (docs/METHODOLOGY.md, "Segments") are taken once, when a survey
// first closes: each audience's respondents split by their answer to the
// survey's segment question, with scoring.SuppressSegments deciding what
// shows. They never change afterwards (a later close would let the two be
// subtracted) and are never published to the national bucket.
var (
	bucketSegments = []byte("segments")
	// keyNoSegments marks (meta key + survey id) a survey that had
	// responses before this build kept the release ledger.
	keyNoSegments = []byte("no-segments\x00")
)

// SegmentTable is one audience's segments of a survey.
type SegmentTable struct {
	Item string `json:"item"` // the demographic question, e.g. demo.status
	K    int    `json:"k"`
	// Unavailable says why there are no segments (empty: there are).
	Unavailable string        `json:"unavailable,omitempty"`
	Cells       []SegmentCell `json:"cells,omitempty"`
	// SharesChecked: the close also checked the segments' shares at 2k
	// (SegmentCell.SharesHidden). Tables taken before it show no shares.
	SharesChecked bool `json:"shares_checked,omitempty"`
	// FamiliesChecked: the close also checked each index family on its own
	// counts and at a scale's end (SegmentCell.FamiliesOut). Tables taken
	// before it show no means.
	FamiliesChecked bool `json:"families_checked,omitempty"`
}

// SegmentCell is the respondents who gave one answer (scoring.NotStated:
// none).
type SegmentCell struct {
	Answer string `json:"answer"`
	// Hidden is scoring.HiddenSmall or HiddenComplementary; a hidden cell
	// keeps neither its count nor its figures.
	Hidden scoring.Hidden `json:"hidden,omitempty"`
	// Figures is the cell's aggregate (scoring.EncodeAggregate, without
	// days or demographic counts).
	Figures []byte `json:"figures,omitempty"`
	// SharesHidden is why a shown cell shows no shares: the same check run
	// at 2k, the shares' threshold (HiddenSmall, HiddenComplementary).
	SharesHidden scoring.Hidden `json:"shares_hidden,omitempty"`
	// FamiliesOut are the index families a shown cell leaves out, with why
	// (scoring.SegmentFamiliesOut).
	FamiliesOut map[string]scoring.Hidden `json:"families_out,omitempty"`
}

// Why segments may be missing (codes, as scores --json gives them).
const (
	// SegmentsBeforeLedger: responses were stored before segments were kept.
	SegmentsBeforeLedger = "before-ledger"
	// SegmentsSealed: the survey's responses are sealed, the cells need them.
	SegmentsSealed = "sealed"
	// SegmentsNotAsked: no respondent answered the question.
	SegmentsNotAsked = "not-asked"
	// SegmentsIncomplete: the release ledger does not cover every respondent.
	SegmentsIncomplete = "incomplete"
	// SegmentsUnreadable: a stored response could not be read (verify names it).
	SegmentsUnreadable = "unreadable"
	// SegmentsTooManyAnswers: the question has more answers than can be
	// checked (questionnaire.MaxSegmentAnswers).
	SegmentsTooManyAnswers = "too-many-answers"
)

func segmentKey(survey, audience string) []byte { return []byte(survey + "\x00" + audience) }

// takeSegments stores the segments of a survey closing for the first time
// (audiences that already have theirs keep them, and cost nothing).
func (c *aggCache) takeSegments(sv Survey) error {
	respondents, err := c.respondents(sv.ID)
	if err != nil {
		return err
	}
	var due []string
	for _, audience := range scoring.Audiences {
		if respondents[audience] > 0 && c.tx.Bucket(bucketSegments).Get(segmentKey(sv.ID, audience)) == nil {
			due = append(due, audience)
		}
	}
	if len(due) == 0 {
		return nil
	}
	byAudience, sealed, unreadable := segmentResponses(c.tx, sv) // a broken record must not stop the close
	before := markedIn(c.tx, keyNoSegments, sv.ID)
	for _, audience := range due {
		table := SegmentTable{Item: sv.SegmentItem(audience), K: sv.K}
		switch {
		case before:
			table.Unavailable = SegmentsBeforeLedger
		case unreadable != nil:
			table.Unavailable = SegmentsUnreadable
		case sealed:
			table.Unavailable = SegmentsSealed
		default:
			if err := c.fillSegments(&table, sv.ID, audience, byAudience[audience]); err != nil {
				return err
			}
		}
		if err := putJSON(c.tx.Bucket(bucketSegments), segmentKey(sv.ID, audience), table); err != nil {
			return err
		}
	}
	return nil
}

// respondents counts a survey's respondents per audience from its live
// aggregates (all in the aggregates bucket once checkpointed).
func (c *aggCache) respondents(survey string) (map[string]int64, error) {
	out := map[string]int64{}
	err := eachGroupKey(c.tx, bucketAggs, survey, func(key, _ []byte, _, audience string) error {
		live, err := c.get(string(key))
		out[audience] += live.N
		return err
	})
	return out, err
}

// segmentResponses splits a survey's respondents by audience and answer to
// the audience's segment question; sealed reports a sealed response.
func segmentResponses(tx *bolt.Tx, sv Survey) (map[string]map[string]*scoring.Aggregate, bool, error) {
	out := map[string]map[string]*scoring.Aggregate{}
	sealed := false
	err := eachCommitted(tx, func(k, v []byte) error {
		if IsSealed(v) {
			rec, err := parseSealed(v)
			sealed = sealed || rec.Survey == sv.ID
			return err
		}
		r, err := decodeRecord(v, nil)
		if err != nil {
			return fmt.Errorf("response %x: %w", k, err)
		}
		if r.Survey != sv.ID {
			return nil
		}
		answer := r.Answers.Choice[sv.SegmentItem(r.Audience)] // NotStated when absent
		if out[r.Audience] == nil {
			out[r.Audience] = map[string]*scoring.Aggregate{}
		}
		cell := out[r.Audience][answer]
		if cell == nil {
			cell = scoring.NewAggregate()
			out[r.Audience][answer] = cell
		}
		cell.Add(r)
		return nil
	})
	return out, sealed, err
}

// fillSegments decides what shows of one audience's cells.
func (c *aggCache) fillSegments(table *SegmentTable, survey, audience string, cells map[string]*scoring.Aggregate) error {
	counts := map[string]int64{}
	var total int64
	for answer, a := range cells {
		counts[answer] = a.N
		total += a.N
	}
	if counts[scoring.NotStated] == total {
		table.Unavailable = SegmentsNotAsked
		return nil
	}
	ledger, err := steps(c.tx, survey, audience)
	if err != nil {
		return err
	}
	var segSteps []scoring.SegmentStep
	var covered int64
	for _, st := range ledger {
		s, err := scoring.SegmentStepOf(st.N, st.Demo, st.Means, table.Item, st.Shown)
		if err != nil {
			table.Unavailable = SegmentsIncomplete
			return nil
		}
		segSteps = append(segSteps, s)
		covered += st.N
	}
	if covered != total {
		table.Unavailable = SegmentsIncomplete
		return nil
	}
	if len(counts) > questionnaire.MaxSegmentAnswers+1 { // an instrument changed after --segment was checked
		table.Unavailable = SegmentsTooManyAnswers
		return nil
	}
	hidden, err := scoring.SuppressSegments(counts, segSteps, table.K)
	if err != nil { // a ledger at odds with the responses: say so, never stop the close
		table.Unavailable = SegmentsIncomplete
		return nil
	}
	// Shares by the same check at 2k: every share chunk is a union of the
	// ledger's chunks, so no set the share chunks and the segments' shares
	// give is finer than what the ledger's chunks give.
	sharesHidden, err := scoring.SuppressSegments(counts, segSteps, 2*table.K)
	if err != nil {
		table.Unavailable = SegmentsIncomplete
		return nil
	}
	familiesOut, err := scoring.SegmentFamiliesOut(cells, hidden, segSteps, table.K)
	if err != nil {
		table.Unavailable = SegmentsIncomplete
		return nil
	}
	table.SharesChecked, table.FamiliesChecked = true, true
	for _, answer := range slices.Sorted(maps.Keys(cells)) {
		cell := SegmentCell{Answer: answer, Hidden: hidden[answer]}
		if cell.Hidden == "" {
			cell.SharesHidden = sharesHidden[answer]
			cell.FamiliesOut = familiesOut[answer]
			a := cells[answer].WithoutDemo()
			clear(a.ByDay)
			cell.Figures = scoring.EncodeAggregate(a)
		}
		table.Cells = append(table.Cells, cell)
	}
	return nil
}

// Segments reads a survey's segments by audience (none before it closed).
func (s *Store) Segments(survey string) (map[string]SegmentTable, error) {
	var out map[string]SegmentTable
	err := s.bolt.View(func(tx *bolt.Tx) (err error) {
		out, err = segmentsIn(tx, survey)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read segments of survey %s: %w", survey, err)
	}
	return out, nil
}

// segmentsIn is Segments inside a transaction.
func segmentsIn(tx *bolt.Tx, survey string) (map[string]SegmentTable, error) {
	out := map[string]SegmentTable{}
	prefix := []byte(survey + "\x00")
	b := tx.Bucket(bucketSegments)
	cur := b.Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		var t SegmentTable
		if _, err := getJSON(b, k, &t); err != nil {
			return nil, err
		}
		out[strings.TrimPrefix(string(k), string(prefix))] = t
	}
	return out, nil
}

// segmentsFixed refuses a segment question other than the one an
// audience's segments were taken by: a second split of the same
// respondents could be set against the first.
func segmentsFixed(tx *bolt.Tx, sv Survey) error {
	taken, err := segmentsIn(tx, sv.ID)
	if err != nil {
		return err
	}
	for _, audience := range scoring.Audiences {
		if t, ok := taken[audience]; ok && t.Item != sv.SegmentItem(audience) {
			return fmt.Errorf("segments of %s: survey %s's %s segments were taken by %s when it closed; they cannot change to %s (a second split of the same respondents could be set against the first)",
				audience, sv.ID, audience, t.Item, sv.SegmentItem(audience))
		}
	}
	return nil
}

// markSurveysBeforeSegments marks every survey with responses when a file
// is upgraded to the ledger: their earlier releases were not noted.
func markSurveysBeforeSegments(tx *bolt.Tx) error {
	marked := map[string]bool{}
	for _, bucket := range [][]byte{bucketAggs, bucketJournal} {
		err := tx.Bucket(bucket).ForEach(func(k, _ []byte) error {
			survey, _, _, ok := splitAggKey(k)
			if !ok || marked[survey] {
				return nil
			}
			marked[survey] = true
			return markSurvey(tx, keyNoSegments, survey)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// DemoPartial says whether a survey's live sums count demographic answers
// only for respondents after the upgrade that added them.
func (s *Store) DemoPartial(survey string) bool { return s.surveyMarked(keyNoSegments, survey) }

// SegmentItem is the demographic question an audience's segments split by.
func (sv Survey) SegmentItem(audience string) string {
	if item := sv.Segments[audience]; item != "" {
		return item
	}
	return defaultSegmentItems[audience]
}

var defaultSegmentItems = map[string]string{
	questionnaire.AudienceASN:    "demo.tenure",
	questionnaire.AudiencePublic: "demo.status",
}
