package tui

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/safetext"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/berakhlak/berakhlak/tui/page"
	"github.com/charmbracelet/x/ansi"
)

// AdminData is one consistent reading of what the admin screen shows.
type AdminData struct {
	Instrument *questionnaire.Instrument
	Settings   scoring.Settings
	Nodes      []scoring.Node
	Groups     *scoring.Groups
	Counts     Counts
	// Closed: the survey takes no more responses; its figures stand.
	Closed bool
	// Segments of the whole survey, once it closed (none nationally).
	Segments []scoring.SegmentSet
	// Problems: the national view's records left out or held back.
	Problems []string
	// Earlier are the surveys a trend joins with this one, oldest first
	// (scoring.JoinTrend); TrendBrokenBy the latest one left out.
	Earlier       []EarlierSurvey
	TrendBrokenBy *scoring.TrendSurvey
	// FollowUps read the previous survey's focus areas again, for every
	// unit; the screen settles those of the subtree in view as one family.
	FollowUps []scoring.FocusFollowUp
	// FocusCounts: the national view's units working on each value, by
	// status (value → status → units).
	FocusCounts map[string]map[string]int64
	// Kiosks: how many responses each kiosk forwarded to this agency.
	Kiosks map[string]int64
}

// Counts are response counts; they are shown as soon as they change.
type Counts struct {
	All, Today, ASN, Public int64
}

// AdminSource reads the store for the admin screen and tells it when new
// responses were committed (an event per commit: no polling, no rescans).
type AdminSource interface {
	Load() (AdminData, error)
	Subscribe() (<-chan struct{}, func())
	WriteReport(unit string) (path string, err error)
}

type (
	adminLoadedMsg struct {
		data AdminData
		err  error
	}
	adminChangedMsg  struct{}
	reportWrittenMsg struct {
		path, unit string // unit "" is the whole survey
		err        error
	}
)

// Admin is the administrator's live view of the survey.
type Admin struct {
	src         AdminSource
	events      <-chan struct{}
	unsubscribe func()
	data        AdminData
	err         error
	loaded      bool

	// The figures of each group as the store releases them: they move only
	// in steps of at least k respondents (scoring/release.go), for this
	// screen and every other reader alike. Kept across readings while the
	// group's version stands (the national view moves one path per update).
	shown map[string]shownFigures

	scope string // the unit this admin is limited to ("" = the whole agency)
	// scopeMissing: the scope is not in the tree of the last reading.
	scopeMissing bool
	focus        string   // unit whose subtree is in view ("" = whole survey)
	trail        []string // units drilled through, to go back up
	cursor       int
	first        int // the first row in view (window)
	view         viewport.Model
	width        int
	height       int
	message      string // the outcome of "write report"
	lang         string
	heat         bool // the heatmap instead of the table
	drivers      bool // the drivers view instead of the table
	segments     bool // the segments view instead of the table
	driverTarget string
	form         adminForm // a plan (a), targets (g) or settings (p) form, while it is open
	trend        bool      // the trend view instead of the table
	allKeys      bool      // ? shows every key, wrapped; otherwise one line
	keyHelp      help.Model
}

// NewAdmin returns the admin screen over a source, limited to scope's
// subtree (the unit="…" option of an SSH admin's key; "" = the whole
// agency): a scoped admin starts at that unit, cannot go above it, and sees
// no other unit's name, figure or count. Suppression is the agency's own,
// whatever the scope.
func NewAdmin(src AdminSource, scope string) *Admin {
	events, unsubscribe := src.Subscribe()
	return &Admin{src: src, events: events, unsubscribe: unsubscribe, shown: map[string]shownFigures{},
		view: viewport.New(), width: 100, height: 30, lang: questionnaire.LangID, scope: scope, focus: scope,
		driverTarget: scoring.TargetEngagement, keyHelp: page.NewStyles(false).Help}
}

// Init implements tea.Model.
func (a *Admin) Init() tea.Cmd { return tea.Batch(a.load(), a.waitForChange()) }

func (a *Admin) load() tea.Cmd {
	src := a.src
	return func() tea.Msg {
		data, err := src.Load()
		return adminLoadedMsg{data, err}
	}
}

func (a *Admin) waitForChange() tea.Cmd {
	events := a.events
	return func() tea.Msg {
		if _, ok := <-events; !ok {
			return nil
		}
		return adminChangedMsg{}
	}
}

// Update implements tea.Model.
func (a *Admin) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case planLoadedMsg:
		return a, a.openLoaded(msg.err, func() adminForm {
			return newPlanForm(a.src.(Planner), msg.unit, msg.name, a.lang, msg.areas, msg.suggestions, a.width, a.formHeight())
		})
	case targetsLoadedMsg:
		return a, a.openLoaded(msg.err, func() adminForm {
			return newTargetForm(a.src.(TargetKeeper), msg.unit, msg.name, a.lang, msg.rows, a.width, a.formHeight())
		})
	case targetSavedMsg:
		a.targetSaved(msg)
		return a, nil
	case settingsLoadedMsg:
		return a, a.openLoaded(msg.err, func() adminForm {
			return newSettingsForm(a.src.(SettingsKeeper), msg.settings, a.lang, a.width, a.formHeight())
		})
	case settingsSavedMsg:
		a.settingsSaved(msg)
		return a, nil
	case planSavedMsg:
		a.message = fmt.Sprintf(planUI.Saved.In(a.lang), msg.name, focusName(msg.focus, a.lang))
		if msg.err != nil {
			a.message = adminUI.Error.In(a.lang) + msg.err.Error()
		}
		return a, nil
	}
	if a.form != nil {
		switch msg := msg.(type) {
		case adminChangedMsg, adminLoadedMsg: // readings go on under the form
		case tea.WindowSizeMsg:
			a.width, a.height = msg.Width, msg.Height
			a.view.SetWidth(a.width)
			return a, a.updateForm(msg)
		default:
			return a, a.updateForm(msg)
		}
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.view.SetWidth(msg.Width)
		a.refresh()
	case adminChangedMsg:
		return a, tea.Batch(a.load(), a.waitForChange())
	case adminLoadedMsg:
		a.err = msg.err
		if msg.err == nil {
			a.takeReading(msg.data)
		}
		a.refresh()
	case reportWrittenMsg:
		fetch := "report"
		if msg.unit != "" {
			fetch += " --unit " + msg.unit
		}
		a.message = adminUI.Report.In(a.lang) + msg.path + " · " + fmt.Sprintf(adminUI.ReportRemote.In(a.lang), fetch)
		if msg.err != nil {
			a.message = adminUI.ReportFailed.In(a.lang) + msg.err.Error()
		}
	case tea.KeyPressMsg:
		return a, a.key(msg)
	case tea.MouseClickMsg:
		return a, a.tap(msg.Mouse())
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		a.view, cmd = a.view.Update(msg)
		return a, cmd
	}
	return a, nil
}

// The lines of the unit table and of the heatmap that hold their first unit
// below the focus: the table's top border, head, rule and the focus's own
// row; the heatmap's head and the focus's row.
const (
	tableFirstRow = 4
	heatFirstRow  = 2
)

// tap does what a tap (a touch screen's, or a mouse click) lands on: an
// entry of the help line presses its key — on a touch screen that line is
// the tab bar (heatmap, drivers, segments, and back to the table by tapping
// the open one again) and the way back — and a unit's row in the table or
// the heatmap opens it, as moving to it and enter do.
func (a *Admin) tap(at tea.Mouse) tea.Cmd {
	if !a.loaded || at.Button != tea.MouseLeft {
		return nil
	}
	if k, ok := a.helpKeyAt(at); ok {
		return a.key(k)
	}
	if a.drivers || a.segments {
		return nil
	}
	top := tableFirstRow
	if a.heat {
		top = heatFirstRow
	}
	line := at.Y - lipgloss.Height(a.headerView()) + a.view.YOffset() // the view starts under the header
	first, end := a.window(len(a.rows()))
	if i := first + line - top; line >= top && i < end {
		a.cursor = i
		return a.key(tea.KeyPressMsg{Code: tea.KeyEnter})
	}
	return nil
}

// helpTaps are the help line's entries a tap presses, by the key each entry
// begins with. Quitting is left to the keyboard: a stray tap must not end
// the screen.
var helpTaps = map[string]tea.KeyPressMsg{
	"enter": {Code: tea.KeyEnter}, "←": {Code: tea.KeyLeft}, "r": {Code: 'r', Text: "r"},
	"a": {Code: 'a', Text: "a"}, "g": {Code: 'g', Text: "g"}, "p": {Code: 'p', Text: "p"}, "?": {Code: '?', Text: "?"}, "t": {Code: 't', Text: "t"}, "h": {Code: 'h', Text: "h"}, "d": {Code: 'd', Text: "d"}, "s": {Code: 's', Text: "s"}, "F2": {Code: tea.KeyF2},
}

// helpKeyAt is the key of the help entry under a tap, in the help lines as
// drawn.
func (a *Admin) helpKeyAt(at tea.Mouse) (tea.KeyPressMsg, bool) {
	lines := strings.Split(a.helpView(), "\n")
	row := at.Y - lipgloss.Height(a.headerView()) - a.view.Height()
	if row < 0 || row >= len(lines) {
		return tea.KeyPressMsg{}, false
	}
	return keyTappedIn(lines[row], at.X, helpTaps)
}

// takeReading takes a new reading. Figures are computed for the groups the
// screen shows, when it shows them (group): on a national tree of thousands
// of units, computing every group on every change took seconds.
func (a *Admin) takeReading(data AdminData) {
	if !reflect.DeepEqual(a.data.Settings, data.Settings) || a.data.Instrument != data.Instrument {
		clear(a.shown)
	}
	first := !a.loaded
	a.data, a.loaded = data, true
	a.scopeMissing = a.scope != "" && !slices.ContainsFunc(data.Nodes, func(n scoring.Node) bool { return n.ID == a.scope })
	if roots := data.Groups.Roots(); first && a.focus == "" && len(roots) == 1 && len(data.Groups.Children(roots[0])) > 0 {
		// One agency: its units are what its admin came to see, so the
		// first view lists them; ← goes up to the whole survey.
		a.trail, a.focus = []string{""}, roots[0]
	}
}

// shownFigures are a group's figures and the version of the group they
// were computed at.
type shownFigures struct {
	gs      scoring.GroupScores
	version uint64
}

// group is the released figures of unit, computed again only when the unit's
// version moved or its suppression changed. Only the focus and the units
// under it are ever asked for, all inside the scope.
func (a *Admin) group(unit string) scoring.GroupScores {
	groups := a.data.Groups
	if f, ok := a.shown[unit]; ok && f.version == groups.Version(unit) && a.sameHiding(f.gs, unit) {
		return f.gs
	}
	gs := groups.Group(unit, a.data.Settings, a.data.Instrument)
	a.shown[unit] = shownFigures{gs, groups.Version(unit)}
	return gs
}

// sameHiding: the reading hides unit's audiences as gs did. A count that
// moved elsewhere can hide or show a group whose own figures stood still.
func (a *Admin) sameHiding(gs scoring.GroupScores, unit string) bool {
	for _, audience := range scoring.Audiences {
		if a.data.Groups.Suppressed(audience, a.data.Settings.K)[unit] != gs.SuppressedWhy[audience] {
			return false
		}
	}
	return true
}

func (a *Admin) key(msg tea.KeyPressMsg) tea.Cmd {
	rows := a.rows()
	switch msg.String() {
	case "q", "ctrl+c":
		a.unsubscribe()
		return tea.Quit
	case "r": // write the report of the unit in view, beside the database
		src, unit := a.src, a.focus
		a.message = adminUI.Writing.In(a.lang)
		return func() tea.Msg {
			path, err := src.WriteReport(unit)
			return reportWrittenMsg{path, unit, err}
		}
	case "a": // the plan of the unit in view
		return a.openPlan()
	case "g": // the targets of the unit in view
		return a.openTargets()
	case "p": // the latest survey's settings (pengaturan)
		return a.openSettings()
	case "?":
		a.allKeys = !a.allKeys
	case "h":
		a.heat, a.drivers, a.segments, a.trend = !a.heat, false, false, false
		a.view.GotoTop()
	case "d":
		a.drivers, a.heat, a.segments, a.trend = !a.drivers, false, false, false
		a.view.GotoTop()
	case "s":
		a.segments, a.heat, a.drivers, a.trend = !a.segments, false, false, false
		a.view.GotoTop()
	case "t":
		if a.drivers {
			a.driverTarget = map[string]string{scoring.TargetEngagement: scoring.TargetStay, scoring.TargetStay: scoring.TargetEngagement}[a.driverTarget]
		} else {
			a.trend, a.heat, a.segments = !a.trend, false, false
		}
		a.view.GotoTop()
	case switchLanguageKey:
		a.lang = map[string]string{questionnaire.LangID: questionnaire.LangEN, questionnaire.LangEN: questionnaire.LangID}[a.lang]
		a.message = ""
	case "up", "k":
		a.cursor = max(a.cursor-1, 0)
	case "down", "j":
		a.cursor = min(a.cursor+1, max(len(rows)-1, 0))
	case "enter", "right":
		if a.cursor < len(rows) && len(a.data.Groups.Children(rows[a.cursor])) > 0 {
			a.trail = append(a.trail, a.focus)
			a.focus, a.cursor = rows[a.cursor], 0
		}
	case "backspace", "left", "esc":
		if len(a.trail) > 0 { // the trail starts at the scope: never above it
			a.focus, a.trail, a.cursor = a.trail[len(a.trail)-1], a.trail[:len(a.trail)-1], 0
		}
	default:
		var cmd tea.Cmd
		a.view, cmd = a.view.Update(msg)
		return cmd
	}
	a.refresh()
	return nil
}

// rows are the units listed under the focus: the focus's children, or the
// roots for the whole survey.
func (a *Admin) rows() []string {
	if !a.loaded {
		return nil
	}
	if a.scopeMissing {
		return nil
	}
	if a.focus == "" {
		return a.data.Groups.Roots()
	}
	return a.data.Groups.Children(a.focus)
}

// refresh draws the body again; the viewport would cut its wide lines
// silently, so they are marked first.
func (a *Admin) refresh() { a.view.SetContent(markCutLines(a.body(), a.width)) }

// View implements tea.View.
func (a *Admin) View() tea.View {
	if a.form != nil {
		return a.formView()
	}
	header, help := a.headerView(), a.helpView()
	a.view.SetHeight(max(a.height-lipgloss.Height(header)-lipgloss.Height(help), 3))
	body := a.view.View()
	if !a.view.AtBottom() {
		// What lies below the edge is said, not left to be guessed: the
		// last line of the view says how to reach it.
		lines := strings.Split(body, "\n")
		lines[len(lines)-1] = markCutLines(lipgloss.NewStyle().Faint(true).Render(adminUI.MoreBelow.In(a.lang)), a.width)
		body = strings.Join(lines, "\n")
	}
	// The body was marked when drawn (refresh), its last line just above;
	// the header and help here.
	v := tea.NewView(markCutLines(header, a.width) + "\n" + body + "\n" + markCutLines(help, a.width))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion // taps open units, the wheel scrolls
	return v
}

// markCutLines ends each line wider than the screen with "…" at its edge.
// The terminal would cut it silently, and a figure cut there reads as
// another one: "ASN 255" as "ASN 2", "2026 55.5" as "2026 55".
func markCutLines(text string, width int) string {
	if width <= 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	cut := false
	for i, line := range lines {
		if ansi.StringWidth(line) > width {
			lines[i], cut = ansi.Truncate(line, width, "…"), true
		}
	}
	if !cut {
		return text
	}
	return strings.Join(lines, "\n")
}

func (a *Admin) headerView() string {
	title := lipgloss.NewStyle().Bold(true).Render("BerAKHLAK · Admin")
	if !a.loaded {
		return title
	}
	survey := a.data.Settings.Survey
	if a.data.Closed {
		survey += " (" + adminUI.Closed.In(a.lang) + ")"
	}
	line := fmt.Sprintf("%s · %s %s · %s", title, adminUI.Survey.In(a.lang), survey, a.unitName(a.focus))
	if a.scope != "" { // the agency's counts are not this admin's: the unit's own, live
		asn, public := a.data.Groups.Count(a.scope, questionnaire.AudienceASN), a.data.Groups.Count(a.scope, questionnaire.AudiencePublic)
		return line + "\n" + fmt.Sprintf(adminUI.ScopedResponses.In(a.lang), asn+public, asn, public)
	}
	c := a.data.Counts
	line += "\n" + fmt.Sprintf(adminUI.Responses.In(a.lang), c.All, c.Today, c.ASN, c.Public)
	if len(a.data.Kiosks) > 0 {
		var parts []string
		for _, name := range slices.Sorted(maps.Keys(a.data.Kiosks)) {
			parts = append(parts, fmt.Sprintf("%s %d", safetext.Clean(name, 64, false), a.data.Kiosks[name]))
		}
		line += "\n" + lipgloss.NewStyle().MaxWidth(max(a.width, 20)).Render(adminUI.Kiosks.In(a.lang)+strings.Join(parts, " · "))
	}
	if focus := FocusCountsText(a.data.FocusCounts, a.lang); focus != "" {
		line += "\n" + lipgloss.NewStyle().Width(max(a.width, 20)).Render(focus)
	}
	if p := a.data.Problems; len(p) > 0 {
		warn := fmt.Sprintf(adminUI.Problems.In(a.lang), len(p), safetext.Clean(p[0], 400, false))
		line += "\n" + lipgloss.NewStyle().MaxWidth(max(a.width, 20)).Render(warn)
	}
	return line
}

func (a *Admin) helpView() string {
	help := strings.Join(a.adminHelpLines(max(a.width, 20)), "\n")
	if a.message != "" {
		return a.paragraph(a.message) + "\n" + help
	}
	return help
}

func (a *Admin) unitName(unit string) string {
	if unit == "" {
		return adminUI.WholeSurvey.In(a.lang)
	}
	if n, ok := a.data.Groups.Node(unit); ok {
		return safetext.Clean(n.Name, 80, false) + " (" + unit + ")"
	}
	return unit
}

// unitLabel is a unit's name and id within width cells. The name is cut
// (with "…") before the id is, and an id too long for the cells keeps its
// end: ids are unique, so two units never read the same.
func (a *Admin) unitLabel(unit string, width int) string {
	full := a.unitName(unit)
	if lipgloss.Width(full) <= width {
		return full
	}
	n, ok := a.data.Groups.Node(unit)
	suffix := " (" + unit + ")"
	if room := width - lipgloss.Width(suffix); ok && room >= 4 {
		return ansi.Truncate(safetext.Clean(n.Name, 80, false), room, "…") + suffix
	}
	if unit == "" || width < 2 {
		return ansi.Truncate(full, width, "…")
	}
	runes := []rune(unit)
	return "…" + string(runes[max(len(runes)-(width-1), 0):])
}

func (a *Admin) body() string {
	if a.err != nil {
		return adminUI.Error.In(a.lang) + a.err.Error()
	}
	if !a.loaded {
		return adminUI.Loading.In(a.lang)
	}
	if a.scopeMissing {
		return fmt.Sprintf(adminUI.NoSuchUnit.In(a.lang), a.scope)
	}
	if a.heat {
		return a.heatmap()
	}
	if a.drivers {
		return a.driversView()
	}
	if a.segments {
		return a.segmentsView()
	}
	if a.trend {
		return a.trendView()
	}
	gs := a.group(a.focus)
	parts := []string{a.unitTable()}
	switch {
	case gs.Suppressed:
		parts = append(parts, a.howFiguresMove(), SuppressedIn(gs, a.data.Settings.K, a.lang))
	case gs.Scores != nil:
		asOf := lipgloss.NewStyle().Width(max(a.width, 20)).Render(AsOfIn(gs, a.lang) + " · " + a.howFiguresMove())
		parts = append(parts, asOf, a.valueBars(gs), a.valuesView(gs))
	default:
		parts = append(parts, a.howFiguresMove())
	}
	if follow := a.followUpView(); follow != "" {
		parts = append(parts, follow)
	}
	return strings.Join(parts, "\n\n")
}

// howFiguresMove says when the figures in view change: after k new
// responses of a group while the survey is open, never once it closed.
func (a *Admin) howFiguresMove() string {
	if a.data.Closed {
		return adminUI.FiguresStand.In(a.lang)
	}
	return fmt.Sprintf(adminUI.FiguresMove.In(a.lang), a.data.Settings.K)
}
