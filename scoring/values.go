package scoring

import (
	"math"
	"sort"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// values computes entropy, positive energy, balance, both alignments, the
// top-10 lists and the value jumps from the vote counts.
func values(s *Scores, a *Aggregate, in *questionnaire.Instrument) {
	current := a.Votes[questionnaire.ItemValuesCurrent]
	var all, limiting int64
	areas := make([]int64, questionnaire.MaxArea+1)
	for _, v := range in.Catalogue {
		n := current[v.ID]
		all += n
		if v.Limiting {
			limiting += n
		}
		areas[v.Area] += n
	}
	n := a.Voters[questionnaire.ItemValuesCurrent]
	if all > 0 {
		e := 100 * float64(limiting) / float64(all)
		s.Entropy = &Stat{Index: e, Band: EntropyBand(e), N: n}
		pe := 100 - e
		s.PositiveEnergy = &Stat{Index: pe, Band: Band(pe), N: n}
		if l := a.Limiting; l.N == n && all == int64(questionnaire.ValuesPick)*n {
			// Every respondent picked ten and is counted: entropy is the
			// mean of their own entropies (10 × limiting picks), so it has
			// their SD, interval and mean tests, as positive energy has.
			entropy, positive := meanStat(e, 10*l.SD(), n), meanStat(pe, 10*l.SD(), n)
			entropy.Band = EntropyBand(e)
			s.Entropy, s.PositiveEnergy = &entropy, &positive
		}
		b := 100 * areaEntropy(areas[1:], all) / math.Log(questionnaire.MaxArea)
		s.Balance = &Stat{Index: b, Band: Band(b), N: n}
	}
	if a.Voters[questionnaire.ItemValuesPersonal] == 0 || a.Voters[questionnaire.ItemValuesDesired] == 0 || n == 0 {
		return
	}
	top := &Top10{
		Personal: TopTen(a.Votes[questionnaire.ItemValuesPersonal], in.Catalogue),
		Current:  TopTen(current, in.Catalogue),
		Desired:  TopTen(a.Votes[questionnaire.ItemValuesDesired], in.Catalogue),
	}
	s.Top10 = top
	s.AlignmentPersonalCurrent = alignment(top.Personal, top.Current, a.OverlapPC, n)
	s.AlignmentCurrentDesired = alignment(top.Current, top.Desired, a.OverlapCD, n)
	s.ValueJumps, s.ValueJumpsN = jumps(a, in), a.Voters[questionnaire.ItemValuesCurrent]
}

// areaEntropy is H = −Σ p ln p over the areas (0 ln 0 = 0).
func areaEntropy(counts []int64, total int64) float64 {
	var h float64
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / float64(total)
			h -= p * math.Log(p)
		}
	}
	return h
}

// TopTen returns the ten entries with most votes; ties go to the entry that
// stands earlier in the catalogue.
func TopTen(votes map[string]int64, catalogue []questionnaire.Value) []string {
	order := make([]int, len(catalogue))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		return votes[catalogue[order[i]].ID] > votes[catalogue[order[j]].ID]
	})
	top := make([]string, 0, questionnaire.ValuesPick)
	for _, i := range order[:min(questionnaire.ValuesPick, len(order))] {
		top = append(top, catalogue[i].ID)
	}
	return top
}

// alignment is 10 × |x ∩ y| of two top-10 lists, with the mean
// per-respondent overlap × 10 beside it.
func alignment(x, y []string, perRespondent Moments, n int64) *Alignment {
	idx := float64(10 * overlap(x, y))
	al := &Alignment{Stat: Stat{Index: idx, Band: Band(idx), N: n}}
	if n < MinNForAlignmentBand {
		withholdBand(&al.Stat)
	}
	if perRespondent.N > 0 {
		st := meanStat(10*perRespondent.Mean(), 10*perRespondent.SD(), perRespondent.N)
		al.Respondent = &st
	}
	return al
}

// WantedMore is the head of jumps (largest first, as GroupScores holds
// them) that more respondents want than see now by at least half a
// percentage point, at most n of them: what may be called the largest value
// jumps. A gap that rounds to nothing, or a fall, is not one.
func WantedMore(jumps []Jump, n int) []Jump {
	end := 0
	for end < min(n, len(jumps)) && jumps[end].Jump >= 0.5 {
		end++
	}
	return jumps[:end]
}

// jumps lists desired share − current share per catalogue entry, largest
// first (catalogue order breaks ties).
func jumps(a *Aggregate, in *questionnaire.Instrument) []Jump {
	cur, des := a.Votes[questionnaire.ItemValuesCurrent], a.Votes[questionnaire.ItemValuesDesired]
	nc, nd := float64(a.Voters[questionnaire.ItemValuesCurrent]), float64(a.Voters[questionnaire.ItemValuesDesired])
	out := make([]Jump, 0, len(in.Catalogue))
	for _, v := range in.Catalogue {
		c, d := 100*float64(cur[v.ID])/nc, 100*float64(des[v.ID])/nd
		out = append(out, Jump{ID: v.ID, Current: c, Desired: d, Jump: d - c})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Jump > out[j].Jump })
	return out
}
