package national

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// The national view trusts no record: beyond what each chunk's sums allow
// (scoring's plausibility checks, with every count bounded so no product
// overflows), a unit's respondents must fit its staff, and a unit's figures
// move only in steps of at least the national k, whatever its agency
// republishes.

// maxASNRespondents is the most ASN respondents a unit of this headcount
// (its subtree's staff) can plausibly have: twice the headcount, and a
// minimum group's worth besides. A headcount is as of the organisation's
// import, staff come and go over a survey month, and a unit's respondents
// may be counted before a reorganisation reaches the tree; but a unit with
// more than twice its staff answering is a faulty or forged record (issue
// 28 saw 600,000 respondents in a unit of 50 shown as a response rate of
// 1,200,042 %).
func maxASNRespondents(headcount int) int64 { return 2*int64(headcount) + 10 }

// withinHeadcount refuses a record whose ASN respondents, counted or
// released, its staff could not give.
func (u *nationalUnit) withinHeadcount() error {
	if u.Headcount < 0 || u.Headcount > scoring.MaxRespondents {
		return fmt.Errorf("headcount %d", u.Headcount)
	}
	if u.Headcount == 0 {
		return nil // unknown: only the bounds of every record apply
	}
	asn := audienceIndex(questionnaire.AudienceASN)
	if most := max(u.live[asn], u.released[asn]); most > maxASNRespondents(u.Headcount) {
		return fmt.Errorf("%d ASN respondents in a unit of headcount %d, more than twice its staff", most, u.Headcount)
	}
	return nil
}

// stepsOfK refuses a record whose agency releases its figures in steps
// smaller than the national k. A running view holds such steps back
// (holdSmallSteps), but a fresh reader has nothing to hold them against:
// one that opened at n = 24 and one that opened at n = 27 differ by the
// three newcomers, whose mean the difference gives (issue 29). Only an
// agency whose every chunk has at least the national k keeps every pair of
// national readings k apart, whoever reads them and when.
func (n *View) stepsOfK(u *nationalUnit) error {
	switch {
	case u.K == 0:
		return fmt.Errorf("agency %s does not say its minimum group size (a server older than this one published it): its steps may be smaller than the national k = %d; upgrade its server", u.Agency, n.k)
	case u.K < n.k:
		return fmt.Errorf("agency %s releases figures in steps of k = %d, below the national k = %d: left out until its survey's k is at least %d for a new survey", u.Agency, u.K, n.k, n.k)
	}
	return nil
}

// holdSmallSteps keeps a unit's previous figures, slot by slot, where its
// agency republished them moved by fewer than k respondents (2k for the
// share chunks), in all or behind any index family or share (or by none,
// with other sums), or by fewer than 2k behind an index whose step lies
// near a scale's end: set against the previous figures, such a step would
// tell what those few answered (issue 28: a unit republished with n 5 → 6
// gave away the sixth person's index). The held figures stay until
// the record moves by at least k from what this view shows. The initial
// values are taken as they are: a fresh view has nothing to subtract them
// from. Called with n.mu held.
func (n *View) holdSmallSteps(key string, old, u *nationalUnit) {
	select {
	case <-n.ready:
	default:
		return
	}
	var held []string
	for a := range u.packed {
		var shownN int64
		var shown []byte
		var shownCounts scoring.MeasureCounts
		if old != nil {
			shownN, shown, shownCounts = old.released[a], old.packed[a], old.counts[a]
		}
		step := u.released[a] - shownN
		least := n.k // the share chunks move in steps of 2k
		if a >= audiences {
			least = 2 * n.k
		}
		var why string
		switch {
		case step != 0 && max(step, -step) < int64(least):
			why = fmt.Sprintf("moved by %d respondents, fewer than %d (the national k = %d)", step, least, n.k)
		case scoring.MovedByFewer(shownCounts, u.counts[a], least):
			why = fmt.Sprintf("moved by fewer than %d respondents (the national k = %d) behind one of its indices or shares", least, n.k)
		case a < audiences && scoring.StepAtScaleEnd(shownCounts, u.counts[a], n.k):
			why = fmt.Sprintf("moved by fewer than 2k = %d respondents behind an index near its scale's end", 2*n.k)
		case step == 0 && !bytes.Equal(u.packed[a], shown):
			why = "changed with no new respondent"
		}
		if why != "" {
			held = append(held, fmt.Sprintf("%s figures %s: the previous figures (n = %d) stay until they move by at least %d",
				slotName(a), why, shownN, least))
			u.packed[a], u.released[a], u.counts[a] = shown, shownN, shownCounts
		}
	}
	if len(held) == 0 {
		delete(n.held, key)
		return
	}
	n.held[key] = strings.Join(held, "; ")
}
