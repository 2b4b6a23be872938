package cli

import (
	"cmp"
	"sync"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/report"
	"github.com/berakhlak/berakhlak/scoring"
)

// reportReading is one reading of a survey's figures from which the report
// of any unit is made — the whole survey's, one unit's, or every unit's
// (`report --each-unit`) — so that all of them show the same figures.
type reportReading struct {
	in       *questionnaire.Instrument
	sv       db.Survey
	groups   *scoring.Groups
	set      scoring.Settings
	prev     previous
	segments []scoring.SegmentSet // of the whole survey
	date     string
	agency   string // the title of the whole survey's report: the root unit's name, or --title

	followUps []scoring.FocusFollowUp // every unit's, of the previous survey's plans, not yet settled
	plans     []db.Plan               // chosen after this survey
	// earlier are the surveys joined with this one in its trend, oldest
	// first (their figures read once); brokenBy the latest not joined.
	earlier  []earlierReading
	brokenBy *scoring.TrendSurvey

	mu     sync.Mutex
	scores map[string]scoring.GroupScores // each group's figures, worked out once
}

// readForReport reads a survey's figures, the previous survey's and the
// segments once.
func readForReport(store *db.Store, in *questionnaire.Instrument, sv db.Survey) (*reportReading, error) {
	groups, err := loadGroups(store, sv.ID)
	if err != nil {
		return nil, err
	}
	prev, err := readPrevious(store, sv.ID)
	if err != nil {
		return nil, err
	}
	segments, err := segmentSets(store, sv, in)
	if err != nil {
		return nil, err
	}
	r := &reportReading{in: in, sv: sv, groups: groups, set: settingsOf(sv), prev: prev, segments: segments,
		date: questionnaire.Day(time.Now()), scores: map[string]scoring.GroupScores{}}
	if r.followUps, err = prev.followUps(store, in, groups, r.set, ""); err != nil {
		return nil, err
	}
	if r.plans, err = store.Plans(sv.ID); err != nil {
		return nil, err
	}
	if err := r.readEarlier(store); err != nil {
		return nil, err
	}
	if roots := groups.Roots(); len(roots) == 1 {
		root, _ := groups.Node(roots[0])
		r.agency = root.Name
	}
	return r, nil
}

// group is a unit's figures ("" the whole survey); safe for concurrent use.
func (r *reportReading) group(unit string) scoring.GroupScores {
	r.mu.Lock()
	gs, ok := r.scores[unit]
	r.mu.Unlock()
	if ok {
		return gs
	}
	gs = r.groups.Group(unit, r.set, r.in)
	r.mu.Lock()
	r.scores[unit] = gs
	r.mu.Unlock()
	return gs
}

// input is the report of unit ("" the whole survey) and its subtree.
func (r *reportReading) input(unit string, opts reportOptions) report.Input {
	gs := r.group(unit)
	r.prev.addChange(&gs, unit, r.in)
	var rows []report.UnitRow
	var walk func(u string, depth int)
	walk = func(u string, depth int) {
		gs := r.group(u)
		rows = append(rows, report.UnitRow{Depth: depth, Scores: gs})
		children := r.groups.Children(u)
		for _, c := range children {
			walk(c, depth+1)
		}
		direct := r.groups.Direct(u, questionnaire.AudienceASN) + r.groups.Direct(u, questionnaire.AudiencePublic)
		if len(children) > 0 && direct > 0 {
			rows = append(rows, report.UnitRow{Depth: depth + 1, Direct: true, Scores: scoring.GroupScores{Unit: u, Name: gs.Name, Respondents: direct}})
		}
	}
	if unit == "" {
		for _, root := range r.groups.Roots() {
			walk(root, 0)
		}
	} else {
		walk(unit, 0) // the unit's own row first, then its subtree
	}
	input := report.Input{Lang: opts.lang, Instrument: r.in, Group: gs, Units: rows, Depth: opts.depth, Agency: cmp.Or(opts.title, r.agency),
		K: r.sv.K, Date: r.date}
	if unit == "" { // segments describe the whole survey
		input.Segments = r.segments
	}
	input.FollowUps = r.followUpsUnder(unit)
	input.Trend, input.TrendBrokenBy = r.trend(unit, gs.Scores), r.brokenBy
	input.Plans = r.plansUnder(unit)
	return input
}

// plansUnder are the focus areas chosen after this survey by unit and the
// units under it ("": all), in tree order.
func (r *reportReading) plansUnder(unit string) []report.PlanRow {
	byUnit := map[string]db.Plan{}
	for _, p := range r.plans {
		byUnit[p.Unit] = p
	}
	var out []report.PlanRow
	var walk func(u string)
	walk = func(u string) {
		if p, ok := byUnit[u]; ok {
			node, _ := r.groups.Node(u)
			for _, f := range p.Focus {
				out = append(out, report.PlanRow{Unit: node.Name, Focus: f.Focus, Reason: f.Reason, Actions: f.Actions, Owner: f.Owner, Due: f.Due, Status: f.Status})
			}
		}
		for _, c := range r.groups.Children(u) {
			walk(c)
		}
	}
	if unit != "" {
		walk(unit)
		return out
	}
	for _, root := range r.groups.Roots() {
		walk(root)
	}
	return out
}

// followUpsUnder are the follow-ups of unit and the units under it ("":
// all), settled as one family, as scores --json --unit settles them.
func (r *reportReading) followUpsUnder(unit string) []scoring.FocusFollowUp {
	var out []scoring.FocusFollowUp
	for _, f := range r.followUps {
		for u := f.Unit; ; {
			if u == unit || unit == "" {
				out = append(out, f)
				break
			}
			node, ok := r.groups.Node(u)
			if !ok || node.Parent == "" {
				break
			}
			u = node.Parent
		}
	}
	scoring.SettleFollowUps(out)
	return out
}

// earlierReading is an earlier survey's figures, for a trend.
type earlierReading struct {
	sv     db.Survey
	groups *scoring.Groups
}

// readEarlier reads the figures of the earlier surveys a trend joins with
// this one.
func (r *reportReading) readEarlier(store *db.Store) (err error) {
	r.earlier, r.brokenBy, err = readEarlier(store, r.sv)
	return err
}

// readEarlier reads the figures of the surveys before sv that a trend joins
// with it — the run that asked its instrument version — and names the
// latest one left out.
func readEarlier(store *db.Store, sv db.Survey) ([]earlierReading, *scoring.TrendSurvey, error) {
	all, err := store.Surveys()
	if err != nil {
		return nil, nil, err
	}
	var run []scoring.TrendSurvey
	bySurvey := map[string]db.Survey{}
	for _, s := range all {
		if s.ID <= sv.ID {
			run = append(run, scoring.TrendSurvey{Survey: s.ID, Instrument: s.Instrument})
			bySurvey[s.ID] = s
		}
	}
	joined, brokenBy := scoring.JoinTrend(run)
	var out []earlierReading
	for _, s := range joined[:max(len(joined)-1, 0)] {
		groups, err := loadGroups(store, s.Survey)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, earlierReading{sv: bySurvey[s.Survey], groups: groups})
	}
	return out, brokenBy, nil
}

// trend is a unit's figures over the joined surveys, this one last.
func (r *reportReading) trend(unit string, now *scoring.Scores) []scoring.TrendSurvey {
	var out []scoring.TrendSurvey
	for _, e := range r.earlier {
		out = append(out, scoring.TrendSurvey{Survey: e.sv.ID, Instrument: e.sv.Instrument, Scores: e.groups.Group(unit, settingsOf(e.sv), r.in).Scores})
	}
	return append(out, scoring.TrendSurvey{Survey: r.sv.ID, Instrument: r.sv.Instrument, Scores: now})
}
