package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/berakhlak/berakhlak/scoring"
)

// apartBy is how many points a unit's Indeks BerAKHLAK must differ from the
// group's to be named as lagging or leading.
const apartBy = 5.0

// apart is a unit whose Indeks BerAKHLAK differs by apartBy points or more,
// beyond noise, from the group's — or, for a unit below the shown depth,
// from that of the unit above it at the shown depth, whose figure explains
// most of it (every sub-district of a lagging province lags the agency).
type apart struct {
	row    int // index into Input.Units
	deep   bool
	change scoring.Change
}

// unitsApart are the units apart, in tree order. Each question asked — which
// shown units differ from the group, which deeper units differ from the unit
// above them — is one family adjusted by Benjamini–Hochberg, so a unit is
// named only if its gap holds after allowing for every unit compared with it
// (docs/METHODOLOGY.md "Many comparisons"); a family does not borrow the
// other's discoveries to loosen its threshold. A unit whose unit at the shown depth
// shows no figure is compared with the group instead, so no hidden figure
// can be read back from a gap.
func unitsApart(in Input) []apart {
	if in.Group.Suppressed || in.Group.Scores == nil || in.Group.Implementation == nil {
		return nil
	}
	top := 0
	if len(in.Units) > 0 {
		top = in.Units[0].Depth
	}
	var rows []int
	var deep []bool
	var gaps []scoring.Change
	var shownAbove *scoring.Stat // the implementation of the current unit at the shown depth, when it shows one
	for i, u := range in.Units {
		s := u.Scores
		level := u.Depth - top
		if !u.Direct && in.Depth > 0 && level == in.Depth {
			shownAbove = nil
			if !s.Suppressed && s.Scores != nil && s.Implementation != nil {
				shownAbove = &s.Implementation.Stat
			}
		}
		if u.Direct || s.Unit == in.Group.Unit || s.Suppressed || s.Scores == nil || s.Implementation == nil {
			continue
		}
		below := in.Depth > 0 && level > in.Depth
		ref := &in.Group.Implementation.Stat
		if below && shownAbove != nil {
			ref = shownAbove
		}
		rows, deep, gaps = append(rows, i), append(deep, below), append(gaps, scoring.Compare(*ref, s.Implementation.Stat))
	}
	var shown, deeper []scoring.Change
	for i, c := range gaps {
		if deep[i] {
			deeper = append(deeper, c)
		} else {
			shown = append(shown, c)
		}
	}
	scoring.Adjust(shown)
	scoring.Adjust(deeper)
	for i := range gaps {
		if deep[i] {
			gaps[i], deeper = deeper[0], deeper[1:]
		} else {
			gaps[i], shown = shown[0], shown[1:]
		}
	}
	var out []apart
	for i, c := range gaps {
		if math.Abs(c.Delta) >= apartBy && c.Significant != nil && *c.Significant {
			out = append(out, apart{row: rows[i], deep: deep[i], change: c})
		}
	}
	return out
}

// shownRow is a row of the units table and the heatmap, with the path from
// the reported group to it when it lies below the shown depth.
type shownRow struct {
	UnitRow
	Path string // "Kanwil 3 › Kabupaten 3.2 › " for a unit below the shown depth
}

// shownUnits are the rows a reader of the whole group reads: every unit up
// to Input.Depth levels below the first row (all of them when Depth is 0),
// and below that only the units apart, each with its path. below counts the
// units left out.
func shownUnits(in Input, apartRows []apart) (rows []shownRow, below int) {
	isApart := map[int]bool{}
	for _, a := range apartRows {
		isApart[a.row] = true
	}
	top := 0
	if len(in.Units) > 0 {
		top = in.Units[0].Depth
	}
	var names []string // the names of the current row's ancestors, by depth below top
	for i, u := range in.Units {
		level := u.Depth - top
		if !u.Direct {
			names = append(names[:min(level, len(names))], u.Scores.Name)
		}
		if in.Depth == 0 || level <= in.Depth {
			rows = append(rows, shownRow{UnitRow: u})
			continue
		}
		if u.Direct {
			continue // a parent's own respondents belong with its children, which are not shown
		}
		if !isApart[i] {
			below++
			continue
		}
		// Between the deepest shown ancestor and the unit itself.
		var path strings.Builder
		for _, n := range names[min(in.Depth+1, len(names)-1) : len(names)-1] {
			path.WriteString(n + " › ")
		}
		row := u
		row.Depth = top + in.Depth + 1
		rows = append(rows, shownRow{UnitRow: row, Path: path.String()})
	}
	return rows, below
}

// maxNamed is how many lagging or leading units the summary names; the
// units table shows them all.
const maxNamed = 10

// speakApart names the units that lag, and those that lead, beyond noise
// (the largest gaps first, at most maxNamed of each).
func speakApart(in Input, t map[string]string) []string {
	var lag, lead []apart
	deep := 0
	for _, a := range unitsApart(in) {
		switch {
		case a.deep:
			deep++
		case a.change.Delta < 0:
			lag = append(lag, a)
		default:
			lead = append(lead, a)
		}
	}
	out := nameApart(in, lag, "sayLag", t)
	if len(lag) == 0 {
		out = []string{fmt.Sprintf(t["sayNoLag"], f1(apartBy))}
	}
	out = append(out, nameApart(in, lead, "sayLead", t)...)
	if deep > 0 {
		out = append(out, fmt.Sprintf(t["sayDeepApart"], deep, in.Depth, f1(apartBy)))
	}
	return out
}

// nameApart is one sentence naming units apart: the highest levels first
// (a lagging province before its lagging districts), then the largest gaps.
func nameApart(in Input, units []apart, text string, t map[string]string) []string {
	if len(units) == 0 {
		return nil
	}
	slices.SortStableFunc(units, func(a, b apart) int {
		return cmp.Or(cmp.Compare(in.Units[a.row].Depth, in.Units[b.row].Depth), cmp.Compare(math.Abs(b.change.Delta), math.Abs(a.change.Delta)))
	})
	var names []string
	for _, a := range units[:min(maxNamed, len(units))] {
		s := in.Units[a.row].Scores
		names = append(names, fmt.Sprintf("%s %s (%+.1f)", s.Name, f1(s.Implementation.Index), a.change.Delta))
	}
	list := strings.Join(names, "; ")
	if len(units) > maxNamed {
		list += fmt.Sprintf(t["andMore"], len(units)-maxNamed)
	}
	return []string{fmt.Sprintf(t[text], f1(apartBy), list)}
}
