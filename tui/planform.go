package tui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// PlanArea is one focus area as the admin screen edits it (db.FocusArea
// without its history; cli maps one to the other).
type PlanArea struct {
	Focus, Reason, Actions, Owner, Due, Status string
}

// Planner keeps units' plans for the admin screen's form (`a`). A source
// that is one (the agency's store) lets its admins plan; the national view
// is none.
type Planner interface {
	Plan(unit string) (areas []PlanArea, suggestions []scoring.Suggestion, err error)
	SavePlan(unit string, area PlanArea, isNew bool) error
}

// planUI holds the form's texts in both languages.
var planUI = struct {
	Choose, Actions, Owner, OwnerHint, Due, Status, Saved, NoUnit, Empty, BadMonth, Edit, New, Full, FocusCounts text
	FollowUpTitle                                                                                                text
	Reasons, Statuses, Calls                                                                                     map[string]text
}{
	Choose:      text{Indonesian: "Rencana aksi %s: pilih area fokus", English: "Action plan of %s: choose a focus area"},
	Actions:     text{Indonesian: "Tindakan (apa yang akan dilakukan)", English: "Actions (what will be done)"},
	Owner:       text{Indonesian: "Penanggung jawab", English: "Owner"},
	OwnerHint:   text{Indonesian: "jabatan, bukan nama orang", English: "a role, not a person's name"},
	Due:         text{Indonesian: "Tenggat (TTTT-BB)", English: "Due (YYYY-MM)"},
	Status:      text{Indonesian: "Status", English: "Status"},
	Saved:       text{Indonesian: "Rencana aksi %s disimpan: %s", English: "Action plan of %s saved: %s"},
	NoUnit:      text{Indonesian: "Pilih satu unit dulu (enter), lalu tekan a", English: "Open a unit first (enter), then press a"},
	Empty:       text{Indonesian: "wajib diisi", English: "required"},
	BadMonth:    text{Indonesian: "tulis bulan sebagai TTTT-BB dari 2000-01 sampai 2099-12, mis. 2027-03", English: "write the month as YYYY-MM from 2000-01 to 2099-12, e.g. 2027-03"},
	Edit:        text{Indonesian: "ubah", English: "edit"},
	New:         text{Indonesian: "baru", English: "new"},
	FocusCounts: text{Indonesian: "Unit yang menggarap tiap nilai: ", English: "Units working on each value: "},
	Full:        text{Indonesian: "sudah 3 area fokus: hanya dapat diubah", English: "3 focus areas already: they can only be edited"},
	Reasons: map[string]text{
		scoring.ReasonFixFirst: {Indonesian: "perbaiki dulu: pendorong keterikatan yang kuat", English: "fix first: a robust driver of engagement"},
		scoring.ReasonWeakest:  {Indonesian: "di bawah indeks unit, melampaui ketidakpastian", English: "below the unit's index, beyond noise"},
	},
	FollowUpTitle: text{Indonesian: "Tindak lanjut area fokus survei sebelumnya (naik/turun hanya bila melampaui ketidakpastian):", English: "Follow-up of the previous survey's focus areas (rose/fell only beyond noise):"},
	Calls: map[string]text{
		scoring.CallRose: {Indonesian: "naik", English: "rose"}, scoring.CallSame: {Indonesian: "tidak bergerak", English: "did not move"},
		scoring.CallFell: {Indonesian: "turun", English: "fell"}, scoring.CallHidden: {Indonesian: "tidak ditampilkan (kelompok terlalu kecil)", English: "not shown (group too small)"},
		scoring.CallNoTest: {Indonesian: "perubahan tidak dapat diuji", English: "change cannot be tested"},
	},
	Statuses: map[string]text{
		"planned": {Indonesian: "direncanakan", English: "planned"}, "in-progress": {Indonesian: "berjalan", English: "in progress"},
		"done": {Indonesian: "selesai", English: "done"}, "dropped": {Indonesian: "dibatalkan", English: "dropped"},
	},
}

// planStatuses are the statuses in the order the form offers them.
var planStatuses = []string{"planned", "in-progress", "done", "dropped"}

// planForm is the two steps of planning a unit: choose a focus area (one
// of the unit's, or a new one, suggestions first), then its plan.
type planForm struct {
	planner          Planner
	unit, name, lang string
	huhForm
	width, height int

	areas    []PlanArea
	choice   string // "edit:FOCUS" or "new:FOCUS:REASON"
	area     PlanArea
	isNew    bool
	planStep bool // the second step is open
}

func newPlanForm(planner Planner, unit, name, lang string, areas []PlanArea, suggestions []scoring.Suggestion, width, height int) *planForm {
	p := &planForm{planner: planner, unit: unit, name: name, lang: lang, areas: areas, width: width, height: height}
	var opts []huh.Option[string]
	chosen := map[string]bool{}
	for _, a := range areas {
		chosen[a.Focus] = true
		opts = append(opts, huh.NewOption(fmt.Sprintf("%s %s · %s", planUI.Edit.In(lang), focusName(a.Focus, lang), planUI.Statuses[a.Status].In(lang)), "edit:"+a.Focus))
	}
	if len(areas) < 3 {
		for _, s := range suggestions {
			if !chosen[s.Focus] {
				chosen[s.Focus] = true
				opts = append(opts, huh.NewOption(fmt.Sprintf("%s %s — %s (%.1f)", planUI.New.In(lang), focusName(s.Focus, lang), planUI.Reasons[s.Reason].In(lang), s.Index), "new:"+s.Focus+":"+s.Reason))
			}
		}
		for _, f := range questionnaire.FocusKeys() {
			if !chosen[f] {
				opts = append(opts, huh.NewOption(planUI.New.In(lang)+" "+focusName(f, lang), "new:"+f+":other"))
			}
		}
	}
	title := fmt.Sprintf(planUI.Choose.In(lang), name)
	if len(areas) >= 3 {
		title += " · " + planUI.Full.In(lang)
	}
	p.form = styleAdminChooser(huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Title(title).Options(opts...).Value(&p.choice).Height(max(height-6, 5)),
	)), lang, width, height)
	return p
}

// focusName names a value, or a behaviour by its value and number.
func focusName(focus, lang string) string {
	value := questionnaire.FocusValue(focus)
	name := questionnaire.ValueNames[value].In(lang)
	if focus == value {
		return name
	}
	word := map[string]string{questionnaire.LangID: "perilaku", questionnaire.LangEN: "behaviour"}[lang]
	return fmt.Sprintf("%s · %s %s", name, word, strings.TrimPrefix(focus, "impl."+value+"."))
}

func (p *planForm) style(f *huh.Form) *huh.Form {
	return styleAdminForm(f, p.lang, p.width, p.height)
}

// update implements adminForm: once the plan step is completed, cmd saves
// the area.
func (p *planForm) update(msg tea.Msg) (cmd tea.Cmd, done bool) {
	cmd, state := p.pass(msg)
	switch state {
	case huh.StateAborted:
		return nil, true
	case huh.StateCompleted:
		if p.planStep {
			planner, unit, name, area, isNew := p.planner, p.unit, p.name, p.area, p.isNew
			return func() tea.Msg { return planSavedMsg{name, area.Focus, planner.SavePlan(unit, area, isNew)} }, true
		}
		p.openPlanStep()
		return p.form.Init(), false
	}
	return cmd, false
}

// openPlanStep builds the second step for the chosen area.
func (p *planForm) openPlanStep() {
	p.planStep = true
	if focus, ok := strings.CutPrefix(p.choice, "edit:"); ok {
		for _, a := range p.areas {
			if a.Focus == focus {
				p.area = a
			}
		}
	} else {
		parts := strings.SplitN(strings.TrimPrefix(p.choice, "new:"), ":", 2)
		p.area, p.isNew = PlanArea{Focus: parts[0], Reason: parts[1], Status: "planned"}, true
	}
	required := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("%s", planUI.Empty.In(p.lang))
		}
		return nil
	}
	month := func(s string) error { // as the store checks it: 2000-01 to 2099-12
		if t, err := time.Parse("2006-01", s); err != nil || t.Year() < 2000 || t.Year() > 2099 {
			return fmt.Errorf("%s", planUI.BadMonth.In(p.lang))
		}
		return nil
	}
	var statuses []huh.Option[string]
	for _, s := range planStatuses {
		statuses = append(statuses, huh.NewOption(planUI.Statuses[s].In(p.lang), s))
	}
	p.form = p.style(huh.NewForm(huh.NewGroup(
		huh.NewText().Title(planUI.Actions.In(p.lang)+" · "+focusName(p.area.Focus, p.lang)).CharLimit(500).Lines(4).Value(&p.area.Actions).Validate(required),
		huh.NewInput().Title(planUI.Owner.In(p.lang)).Placeholder(planUI.OwnerHint.In(p.lang)).CharLimit(80).Value(&p.area.Owner).Validate(required),
		huh.NewInput().Title(planUI.Due.In(p.lang)).Placeholder("2027-03").CharLimit(7).Value(&p.area.Due).Validate(month),
		huh.NewSelect[string]().Title(planUI.Status.In(p.lang)).Options(statuses...).Value(&p.area.Status).Inline(true),
	)))
}

type (
	planLoadedMsg struct {
		unit, name  string
		areas       []PlanArea
		suggestions []scoring.Suggestion
		err         error
	}
	planSavedMsg struct {
		name, focus string
		err         error
	}
)

// openPlan reads the plan of the unit in view, for the form (`a`).
func (a *Admin) openPlan() tea.Cmd {
	planner, ok := a.src.(Planner)
	if !ok || !a.loaded {
		return nil
	}
	unit := a.focus
	if unit == "" {
		if roots := a.data.Groups.Roots(); len(roots) == 1 {
			unit = roots[0]
		}
	}
	if unit == "" {
		a.message = planUI.NoUnit.In(a.lang)
		return nil
	}
	node, _ := a.data.Groups.Node(unit)
	return func() tea.Msg {
		areas, suggestions, err := planner.Plan(unit)
		return planLoadedMsg{unit, node.Name, areas, suggestions, err}
	}
}

// FocusCountsText says how many units work on each value and how many of
// those plans are done ("" when no unit has a plan): the national view's
// focus counts (value → status → units).
func FocusCountsText(counts map[string]map[string]int64, lang string) string {
	var parts []string
	for _, v := range questionnaire.CoreValues {
		var all int64
		for _, n := range counts[v] {
			all += n
		}
		if all > 0 {
			parts = append(parts, fmt.Sprintf("%s %d (%s %d)", focusName(v, lang), all, planUI.Statuses["done"].In(lang), counts[v]["done"]))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return planUI.FocusCounts.In(lang) + strings.Join(parts, " · ")
}

// followUpView reads the previous survey's focus areas of the unit in view
// and the units under it again, their changes adjusted as one family (as
// scores --json --unit and the report do); a hidden unit shows no figure.
func (a *Admin) followUpView() string {
	var shown []scoring.FocusFollowUp
	for _, f := range a.data.FollowUps {
		for u := f.Unit; ; {
			if u == a.focus || a.focus == "" {
				shown = append(shown, f)
				break
			}
			node, ok := a.data.Groups.Node(u)
			if !ok || node.Parent == "" {
				break
			}
			u = node.Parent
		}
	}
	if len(shown) == 0 {
		return ""
	}
	scoring.SettleFollowUps(shown)
	lines := []string{planUI.FollowUpTitle.In(a.lang)}
	for _, f := range shown {
		figures := planUI.Calls[f.Call].In(a.lang)
		if f.Then != nil && f.Now != nil {
			figures = fmt.Sprintf("%.1f → %.1f, %s", f.Then.Index, f.Now.Index, figures)
		}
		lines = append(lines, fmt.Sprintf("%s · %s: %s · %s", a.unitName(f.Unit), focusName(f.Focus, a.lang), figures, planUI.Statuses[f.Status].In(a.lang)))
	}
	return lipgloss.NewStyle().Width(max(a.width, 20)).Render(strings.Join(lines, "\n"))
}
