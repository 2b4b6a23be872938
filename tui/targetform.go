package tui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/berakhlak/berakhlak/scoring"
)

// TargetRow is one index as the targets form (g) shows it.
type TargetRow struct {
	Key, Name string   // the index (scoring.TargetKeys) and its name in the admin's language
	Target    *float64 // what the unit is held to now, if anything
	Own       bool     // Target is the unit's own, not the survey's
	Baseline  *float64 // the figure of the survey before, only where it was shown
}

// TargetKeeper keeps the targets of the latest survey for the admin
// screen's form. A source that is one (the agency's store) lets its admins
// set targets; the national view is none.
type TargetKeeper interface {
	// Targets are the indices of unit ("" the whole survey) with what it is
	// held to, names in lang.
	Targets(unit, lang string) ([]TargetRow, error)
	// SaveTarget sets unit's own target for key (the survey's for ""), or
	// removes it when value is nil; it refuses one that asks for a decline.
	SaveTarget(unit, key string, value *float64) error
}

// targetUI holds the form's texts in both languages.
var targetUI = struct {
	Choose, Whole, Own, Surveys, None, Baseline, Title, Proposed, EmptyUnit, EmptyWhole, BadNumber, Decline, Saved, Removed, Closed text
}{
	Closed: text{Indonesian: "Survei %s sudah ditutup: targetnya adalah ukuran angka survei itu. Mulai survei berikutnya untuk menetapkan targetnya (p, admin seluruh instansi).",
		English: "Survey %s is closed: its targets are what its figures were measured against. Start the next survey to set its targets (p, an admin of the whole agency)."},
	Choose:     text{Indonesian: "Target %s: pilih indeks", English: "Targets of %s: choose an index"},
	Whole:      text{Indonesian: "seluruh survei", English: "the whole survey"},
	Own:        text{Indonesian: "milik unit", English: "its own"},
	Surveys:    text{Indonesian: "dari survei", English: "the survey's"},
	None:       text{Indonesian: "belum ada target", English: "no target"},
	Baseline:   text{Indonesian: "angka dasar %.1f", English: "baseline %.1f"},
	Title:      text{Indonesian: "Target %s · %s", English: "Target of %s · %s"},
	Proposed:   text{Indonesian: "usulan %.1f", English: "proposed %.1f"},
	EmptyUnit:  text{Indonesian: "kosongkan: ikut target survei", English: "leave empty: held to the survey's"},
	EmptyWhole: text{Indonesian: "kosongkan: tanpa target", English: "leave empty: no target"},
	BadNumber:  text{Indonesian: "tulis angka dari %g sampai %g, mis. 64,5", English: "write a number from %g to %g, e.g. 64.5"},
	Decline:    text{Indonesian: "di sisi yang lebih buruk dari angka dasar %.1f: target ini meminta penurunan", English: "on the worse side of the baseline %.1f: it asks for a decline"},
	Saved:      text{Indonesian: "Target %s disimpan: %s %s", English: "Target of %s saved: %s %s"},
	Removed:    text{Indonesian: "Target %s dihapus: %s", English: "Target of %s removed: %s"},
}

// targetForm is the two steps of setting a target: choose the index, then
// type its target (or nothing, to remove the unit's own).
type targetForm struct {
	keeper           TargetKeeper
	unit, name, lang string
	rows             []TargetRow
	huhForm
	width, height int

	choice    int    // the row chosen
	value     string // as typed
	typedIn   string // the value as the second step opened with it
	valueStep bool   // the second step is open
}

func newTargetForm(keeper TargetKeeper, unit, name, lang string, rows []TargetRow, width, height int) *targetForm {
	f := &targetForm{keeper: keeper, unit: unit, name: name, lang: lang, rows: rows, width: width, height: height}
	opts := make([]huh.Option[int], len(rows))
	for i, r := range rows {
		opts[i] = huh.NewOption(f.rowLabel(r), i)
	}
	f.form = styleAdminChooser(huh.NewForm(huh.NewGroup(
		huh.NewSelect[int]().Title(fmt.Sprintf(targetUI.Choose.In(lang), name)).Options(opts...).Value(&f.choice).Height(max(height-6, 5)),
	)), lang, width, height)
	return f
}

// rowLabel is an index with what the unit is held to and its baseline.
func (f *targetForm) rowLabel(r TargetRow) string {
	held := targetUI.None.In(f.lang)
	if r.Target != nil {
		held = fmt.Sprintf("%.1f", *r.Target)
		if f.unit != "" { // on the whole survey every target is the survey's
			whose := targetUI.Surveys
			if r.Own {
				whose = targetUI.Own
			}
			held += " (" + whose.In(f.lang) + ")"
		}
	}
	label := r.Name + " · " + held
	if r.Baseline != nil {
		label += " · " + fmt.Sprintf(targetUI.Baseline.In(f.lang), *r.Baseline)
	}
	return label
}

// update implements adminForm: once the value is given, cmd saves it.
func (f *targetForm) update(msg tea.Msg) (cmd tea.Cmd, done bool) {
	cmd, state := f.pass(msg)
	switch state {
	case huh.StateAborted:
		return nil, true
	case huh.StateCompleted:
		if f.valueStep {
			return f.save(), true
		}
		f.openValueStep()
		return f.form.Init(), false
	}
	return cmd, false
}

// openValueStep asks for the chosen index's target, the unit's own one
// typed in already.
func (f *targetForm) openValueStep() {
	f.valueStep = true
	r := f.rows[f.choice]
	if r.Target != nil && (r.Own || f.unit == "") {
		// As the screens show it, to two decimals (a proposal is exact):
		// given back unchanged it changes nothing.
		f.value = strconv.FormatFloat(math.Round(*r.Target*100)/100, 'f', -1, 64)
	}
	f.typedIn = f.value
	var about []string
	if r.Baseline != nil {
		about = append(about, fmt.Sprintf(targetUI.Baseline.In(f.lang), *r.Baseline),
			fmt.Sprintf(targetUI.Proposed.In(f.lang), scoring.ProposeTarget(r.Key, *r.Baseline)))
	}
	empty := targetUI.EmptyUnit
	if f.unit == "" {
		empty = targetUI.EmptyWhole
	}
	about = append(about, empty.In(f.lang))
	f.form = styleAdminForm(huh.NewForm(huh.NewGroup(
		huh.NewInput().Title(fmt.Sprintf(targetUI.Title.In(f.lang), f.name, r.Name)).Description(strings.Join(about, " · ")).
			CharLimit(12).Value(&f.value).Validate(func(s string) error { _, err := f.parse(r, s); return err }),
	)), f.lang, f.width, f.height)
}

// parse reads a typed target: nil for none, a number the index can take
// (a decimal comma as Indonesian writes it), on the better side of a
// baseline that was shown. The store checks again.
func (f *targetForm) parse(r TargetRow, s string) (*float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	v, err := scoring.ParseTarget(r.Key, s)
	if err != nil {
		lo, hi := scoring.TargetRange(r.Key)
		return nil, fmt.Errorf(targetUI.BadNumber.In(f.lang), lo, hi)
	}
	if b := r.Baseline; b != nil && scoring.AsksForDecline(r.Key, v, *b) {
		return nil, fmt.Errorf(targetUI.Decline.In(f.lang), *b)
	}
	return &v, nil
}

// save is the command that stores the typed target; the value the step
// opened with, given back, changes nothing.
func (f *targetForm) save() tea.Cmd {
	r := f.rows[f.choice]
	if strings.TrimSpace(f.value) == f.typedIn {
		return nil
	}
	value, _ := f.parse(r, f.value) // validated by the form
	keeper, unit, name := f.keeper, f.unit, f.name
	return func() tea.Msg {
		return targetSavedMsg{name: name, index: r.Name, value: value, err: keeper.SaveTarget(unit, r.Key, value)}
	}
}

type (
	targetsLoadedMsg struct {
		unit, name string
		rows       []TargetRow
		err        error
	}
	targetSavedMsg struct {
		name, index string
		value       *float64
		err         error
	}
)

// openTargets reads the targets of the unit in view ("" the whole survey),
// for the form (`g`).
func (a *Admin) openTargets() tea.Cmd {
	keeper, ok := a.src.(TargetKeeper)
	if !ok || !a.loaded {
		return nil
	}
	if a.data.Closed {
		a.message = fmt.Sprintf(targetUI.Closed.In(a.lang), a.data.Settings.Survey)
		return nil
	}
	unit, lang := a.focus, a.lang
	name := targetUI.Whole.In(lang)
	if unit != "" {
		node, _ := a.data.Groups.Node(unit)
		name = node.Name
	}
	if roots := a.data.Groups.Roots(); len(roots) == 1 && unit == roots[0] {
		unit = "" // the only root is the whole survey: its targets are the survey's
	}
	return func() tea.Msg {
		rows, err := keeper.Targets(unit, lang)
		return targetsLoadedMsg{unit, name, rows, err}
	}
}

// targetSaved says what the form stored, or why it could not.
func (a *Admin) targetSaved(msg targetSavedMsg) {
	switch {
	case msg.err != nil:
		a.message = adminUI.Error.In(a.lang) + msg.err.Error()
	case msg.value == nil:
		a.message = fmt.Sprintf(targetUI.Removed.In(a.lang), msg.name, msg.index)
	default:
		a.message = fmt.Sprintf(targetUI.Saved.In(a.lang), msg.name, msg.index, strconv.FormatFloat(*msg.value, 'f', -1, 64))
	}
}
