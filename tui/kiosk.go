// Package tui draws the kiosk's screens. It never touches the database: saving
// goes through the Saver it is given, inside a tea.Cmd.
package tui

import (
	"time"

	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// Saver stores a finished response durably; nil means the commit returned.
type Saver interface {
	SaveResponse(*questionnaire.Response) error
}

// Config is what a kiosk session needs to run.
type Config struct {
	Instrument *questionnaire.Instrument
	Survey     string              // survey (period) id the responses belong to
	Unit       string              // unit the responses belong to
	Modules    map[string][]string // modules asked, per audience
	Store      Saver
	Now        func() time.Time // the clock; only its day is stored
	ThanksFor  time.Duration    // how long the thank-you screen stays up
}

type screen int

const (
	screenWelcome screen = iota // language choice
	screenIntro                 // privacy notice and audience
	screenSurvey                // the survey pages
	screenReview                // review, then save
	screenThanks                // shown only after the commit returned
)

// Messages of the kiosk's own commands.
type (
	savedMsg      struct{}
	saveFailedMsg struct{ err error }
	thanksDoneMsg struct{ seq int }
)

// headerHeight is the lines the header takes above every screen's body.
const headerHeight = 3

// Kiosk is the root model of one respondent terminal: it owns the screen
// state and returns the whole view.
type Kiosk struct {
	cfg    Config
	st     styles
	width  int
	height int

	screen   screen
	form     *huh.Form // the form of the welcome, intro or survey screen
	nav      *formNav  // where the form's fields stand in their pages
	lang     string
	audience string

	pages      []page
	pageOf     map[string]int // item id → page index, for the header
	sheet      *sheet
	digits     *digitKeys
	responseID string // kept across retries so a retry never stores twice

	review   viewport.Model
	progress progress.Model
	saving   bool
	saveErr  error
	thanks   int // sequence number of the current thank-you screen
}

// New returns a kiosk at its welcome screen.
func New(cfg Config) *Kiosk {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ThanksFor == 0 {
		cfg.ThanksFor = 10 * time.Second
	}
	k := &Kiosk{
		cfg:      cfg,
		st:       newStyles(),
		width:    80,
		height:   24,
		review:   viewport.New(),
		progress: progress.New(progress.WithoutPercentage(), progress.WithWidth(40), progress.WithFillCharacters('█', '░')),
	}
	k.reset()
	return k
}

// reset discards everything of the previous respondent and shows the welcome.
func (k *Kiosk) reset() tea.Cmd {
	k.lang = questionnaire.LangID
	k.audience = ""
	k.pages, k.pageOf, k.sheet, k.digits = nil, nil, nil, nil
	k.responseID = ""
	k.saving, k.saveErr = false, nil
	k.screen = screenWelcome
	return k.setForm(welcomeForm(&k.lang), singleFieldNav(welcomeLangKey))
}

// setForm makes f the current form and sizes it to the window.
func (k *Kiosk) setForm(f *huh.Form, nav *formNav) tea.Cmd {
	k.form, k.nav = f, nav
	init := f.Init()
	f.Update(k.formSize())
	return init
}

func (k *Kiosk) formSize() tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: k.width, Height: max(k.height-headerHeight, 1)}
}

// Init implements tea.Model.
func (k *Kiosk) Init() tea.Cmd {
	return tea.Batch(k.form.Init(), tea.RequestBackgroundColor)
}

// Update implements tea.Model.
func (k *Kiosk) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		k.width, k.height = msg.Width, msg.Height
		k.progress.SetWidth(max(msg.Width-20, 10))
		k.review.SetWidth(msg.Width)
		k.review.SetHeight(max(msg.Height-headerHeight-3, 3))
		if k.screen == screenReview {
			k.review.SetContent(k.reviewContent())
		}
		if k.form != nil {
			k.form.Update(k.formSize())
		}
		return k, nil
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" {
			return k, tea.Quit
		}
	case savedMsg:
		k.saving = false
		k.screen = screenThanks
		k.thanks++
		seq := k.thanks
		return k, tea.Tick(k.cfg.ThanksFor, func(time.Time) tea.Msg { return thanksDoneMsg{seq} })
	case saveFailedMsg:
		k.saving, k.saveErr = false, msg.err
		return k, nil
	case thanksDoneMsg:
		if k.screen == screenThanks && msg.seq == k.thanks {
			return k, k.reset()
		}
		return k, nil
	}
	switch k.screen {
	case screenReview:
		return k, k.updateReview(msg)
	case screenThanks:
		if _, ok := msg.(tea.KeyPressMsg); ok {
			return k, k.reset()
		}
		return k, nil
	default:
		return k, k.updateForm(msg)
	}
}

// updateForm feeds msg to the current form and moves on when it completes.
// Navigation keys are handled here, synchronously (see navigate.go).
func (k *Kiosk) updateForm(msg tea.Msg) tea.Cmd {
	key, isKey := msg.(tea.KeyPressMsg)
	field := k.form.GetFocusedField()
	if !isKey || field == nil {
		_, cmd := k.form.Update(msg)
		return k.afterForm(cmd)
	}
	if keys, confirm := k.numberKeys(field, key); keys != nil {
		for _, kk := range keys {
			k.form.Update(kk) // moves the cursor; huh sets the bound value
		}
		if !confirm {
			return nil
		}
		return k.afterForm(k.forward(field))
	}
	switch key.String() {
	case "enter", "tab":
		if !filtering(field) && k.nav.valid(field.GetKey()) {
			return k.afterForm(k.forward(field))
		}
	case "shift+tab":
		if !filtering(field) {
			return k.afterForm(k.back(field))
		}
	}
	_, cmd := k.form.Update(msg)
	return k.afterForm(cmd)
}

// afterForm moves to the next screen once the current form has completed.
func (k *Kiosk) afterForm(cmd tea.Cmd) tea.Cmd {
	if k.form.State != huh.StateCompleted {
		return cmd
	}
	switch k.screen {
	case screenWelcome:
		k.screen = screenIntro
		return k.setForm(introForm(k.cfg.Instrument, k.lang, &k.audience), singleFieldNav(introAudienceKey))
	case screenIntro:
		return k.startSurvey()
	default:
		return k.openReview()
	}
}

// numberKeys maps a number key to form keys and whether it also answers: on
// the survey by the question's scale, on the welcome and intro screens to
// their two numbered choices.
func (k *Kiosk) numberKeys(field huh.Field, key tea.KeyPressMsg) ([]tea.KeyPressMsg, bool) {
	if k.screen == screenSurvey {
		return k.digits.translate(field, key)
	}
	if key.Text == "1" || key.Text == "2" {
		return moveTo(int(key.Text[0]-'1'), keyDown), true
	}
	return nil, false
}

// startSurvey builds the pages and a fresh answer sheet for the audience.
func (k *Kiosk) startSurvey() tea.Cmd {
	k.pages = surveyPages(k.cfg.Instrument, k.audience, k.cfg.Modules[k.audience])
	k.pageOf = map[string]int{}
	for i, p := range k.pages {
		for _, it := range p.Section.Items {
			k.pageOf[it.ID] = i
		}
	}
	k.sheet = newSheet(k.cfg.Instrument, sectionsOf(k.pages))
	k.digits = newDigitKeys(k.cfg.Instrument, k.pages)
	k.screen = screenSurvey
	return k.editSurvey()
}

// editSurvey opens a new survey form on the current answers (a completed huh
// form ignores input, so going back means building it again).
func (k *Kiosk) editSurvey() tea.Cmd {
	nav := newFormNav()
	for _, p := range k.pages {
		var keys []string
		for _, it := range p.Section.Items {
			keys = append(keys, it.ID)
		}
		nav.addPage(keys...)
	}
	nav.valid = k.sheet.complete
	return k.setForm(buildSurveyForm(k.cfg.Instrument, k.pages, k.lang, k.sheet), nav)
}

func sectionsOf(pages []page) []questionnaire.Section {
	out := make([]questionnaire.Section, len(pages))
	for i, p := range pages {
		out[i] = p.Section
	}
	return out
}

// View implements tea.Model.
func (k *Kiosk) View() tea.View {
	var body string
	switch k.screen {
	case screenReview:
		body = k.reviewView()
	case screenThanks:
		body = k.thanksView()
	default:
		body = k.form.View()
	}
	v := tea.NewView(k.header() + "\n" + body)
	v.AltScreen = true
	return v
}
