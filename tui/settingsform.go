package tui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// SurveySettings are what the settings form (p) changes of the latest
// survey: the switches staff turn during a period. The rest (modules,
// sealing, segments) is set up once, with `berakhlak survey set`.
type SurveySettings struct {
	Survey      string
	Open        bool // takes responses
	K           int  // the minimum group size
	RequireCode bool // ASN respondents need a participation code
	MinK        int  // the smallest K the methodology allows (read only)
	MaxK        int  // the largest K the store takes (read only)
	// Next is the survey the form may start, with these settings: the
	// year after a closed one ("" while this one is open).
	Next string
}

// SettingsKeeper keeps the latest survey's settings for the admin screen's
// form, which only an admin of the whole agency opens. A source that is
// one (the agency's store) shows the key; the national view is none.
type SettingsKeeper interface {
	SurveySettings() (SurveySettings, error)
	// SaveSurveySettings stores them as `survey set` would, with its checks.
	SaveSurveySettings(SurveySettings) error
	// CreateSurvey starts survey id, open, with the settings of the survey
	// before it, as `survey create` does; it names that survey.
	CreateSurvey(id string) (takenFrom string, err error)
}

// settingsUI holds the form's texts in both languages.
var settingsUI = struct {
	Title, Status, Open, OpenMeans, Closed, ClosedMeans, K, KAbout, BadK, Code, Yes, No, CloseTitle, CloseAbout,
	OpenTitle, OpenAbout, Saved, Unchanged, Scoped, NextTitle, NextAbout, Created text
}{
	NextTitle: text{Indonesian: "Mulai survei %s sekarang?", English: "Start survey %s now?"},
	NextAbout: text{Indonesian: "Survei %s dibuat terbuka, dengan pengaturan survei %s: k, modul, kode partisipasi, penyegelan, segmen. Kios dan sesi SSH mengisinya mulai sekarang; targetnya ditetapkan dengan g.",
		English: "Survey %s is created open, with the settings of survey %s: k, modules, participation codes, sealing, segments. Kiosks and SSH sessions take its responses from now on; set its targets with g."},
	Created:     text{Indonesian: "Survei %s dimulai: terbuka, dengan pengaturan survei %s", English: "Survey %s started: open, with the settings of survey %s"},
	Title:       text{Indonesian: "Pengaturan survei %s", English: "Settings of survey %s"},
	Status:      text{Indonesian: "Status", English: "Status"},
	Open:        text{Indonesian: "terbuka", English: "open"},
	OpenMeans:   text{Indonesian: "menerima respons", English: "takes responses"},
	Closed:      text{Indonesian: "ditutup", English: "closed"},
	ClosedMeans: text{Indonesian: "tidak menerima respons; angkanya final", English: "takes no responses; its figures are final"},
	K:           text{Indonesian: "Ukuran kelompok minimum (k)", English: "Minimum group size (k)"},
	KAbout:      text{Indonesian: "kelompok dengan kurang dari k responden tidak ditampilkan; paling kecil %d", English: "groups of fewer than k respondents are not shown; at least %d"},
	BadK:        text{Indonesian: "tulis bilangan bulat dari %d sampai %d", English: "write a whole number from %d to %d"},
	Code:        text{Indonesian: "Responden ASN memerlukan kode partisipasi?", English: "Do ASN respondents need a participation code?"},
	Yes:         text{Indonesian: "Ya", English: "Yes"},
	No:          text{Indonesian: "Tidak", English: "No"},
	CloseTitle:  text{Indonesian: "Tutup survei %s?", English: "Close survey %s?"},
	CloseAbout:  text{Indonesian: "Tidak ada kios atau sesi SSH yang menyimpan respons lagi; yang sedang mengisi diberi tahu. Biarkan kios mengirim antreannya dulu.", English: "No kiosk or SSH session stores a response after this; those answering are told. Let kiosks send their queues first."},
	OpenTitle:   text{Indonesian: "Buka kembali survei %s?", English: "Open survey %s again?"},
	OpenAbout:   text{Indonesian: "Kios dan sesi SSH menerima respons lagi.", English: "Kiosks and SSH sessions take responses again."},
	Saved:       text{Indonesian: "Pengaturan survei %s disimpan: %s, k = %d, kode: %s", English: "Settings of survey %s saved: %s, k = %d, code: %s"},
	Unchanged:   text{Indonesian: "Pengaturan survei %s tidak diubah", English: "Settings of survey %s unchanged"},
	Scoped:      text{Indonesian: "Pengaturan survei hanya untuk admin seluruh instansi", English: "Survey settings are for an admin of the whole agency"},
}

// settingsForm is the settings on one page, and a confirmation when the
// status changes.
type settingsForm struct {
	keeper SettingsKeeper
	was    SurveySettings // as the form opened on them
	open   bool           // the status chosen
	k      string         // k as typed
	code   bool           // codes required
	sure   bool           // the admin said yes to the change of status
	next   bool           // the admin said yes to starting the next survey
	huhForm
	lang string
}

func newSettingsForm(keeper SettingsKeeper, was SurveySettings, lang string, width, height int) *settingsForm {
	// sure starts at no: a survey is closed (or opened again) only when
	// the admin says yes to that.
	f := &settingsForm{keeper: keeper, was: was, open: was.Open, k: strconv.Itoa(was.K), code: was.RequireCode, lang: lang}
	in := func(t text) string { return t.In(lang) }
	statusChanged := func() bool { return f.open != f.was.Open }
	confirmTitle, confirmAbout := settingsUI.CloseTitle, settingsUI.CloseAbout
	if !was.Open {
		confirmTitle, confirmAbout = settingsUI.OpenTitle, settingsUI.OpenAbout
	}
	f.form = styleAdminForm(huh.NewForm(
		huh.NewGroup(
			huh.NewNote().Title(fmt.Sprintf(in(settingsUI.Title), was.Survey)),
			huh.NewSelect[bool]().Title(in(settingsUI.Status)).Value(&f.open).
				Options(huh.NewOption(in(settingsUI.Open)+": "+in(settingsUI.OpenMeans), true),
					huh.NewOption(in(settingsUI.Closed)+": "+in(settingsUI.ClosedMeans), false)),
			huh.NewInput().Title(in(settingsUI.K)).Description(fmt.Sprintf(in(settingsUI.KAbout), was.MinK)).
				CharLimit(len(strconv.Itoa(was.MaxK))).Value(&f.k).Validate(func(s string) error { _, err := f.parseK(s); return err }),
			huh.NewConfirm().Title(in(settingsUI.Code)).Affirmative(in(settingsUI.Yes)).Negative(in(settingsUI.No)).Value(&f.code),
		),
		huh.NewGroup(
			huh.NewConfirm().Title(fmt.Sprintf(in(confirmTitle), was.Survey)).Description(in(confirmAbout)).
				Affirmative(in(settingsUI.Yes)).Negative(in(settingsUI.No)).Value(&f.sure),
		).WithHideFunc(func() bool { return !statusChanged() }),
		huh.NewGroup(
			huh.NewConfirm().Title(fmt.Sprintf(in(settingsUI.NextTitle), was.Next)).Description(fmt.Sprintf(in(settingsUI.NextAbout), was.Next, was.Survey)).
				Affirmative(in(settingsUI.Yes)).Negative(in(settingsUI.No)).Value(&f.next),
		).WithHideFunc(func() bool { return was.Next == "" || f.open }), // offered while the year stays closed
	), lang, width, height)
	return f
}

// parseK reads the minimum group size: a whole number from the
// methodology's smallest to the store's largest. The store checks again.
func (f *settingsForm) parseK(s string) (int, error) {
	k, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || k < f.was.MinK || k > f.was.MaxK {
		return 0, fmt.Errorf(settingsUI.BadK.In(f.lang), f.was.MinK, f.was.MaxK)
	}
	return k, nil
}

// update implements adminForm: once completed, cmd saves what changed (a
// change of status only when confirmed).
func (f *settingsForm) update(msg tea.Msg) (cmd tea.Cmd, done bool) {
	cmd, state := f.pass(msg)
	switch state {
	case huh.StateAborted:
		return nil, true
	case huh.StateCompleted:
		return f.save(), true
	}
	return cmd, false
}

// save is the command that stores the settings as the form left them.
func (f *settingsForm) save() tea.Cmd {
	now := f.was
	now.K, _ = f.parseK(f.k) // validated by the form
	now.RequireCode = f.code
	if f.sure {
		now.Open = f.open
	}
	keeper, unchanged, next := f.keeper, now == f.was, ""
	if f.next && !now.Open {
		next = f.was.Next
	}
	if unchanged && next == "" {
		return func() tea.Msg { return settingsSavedMsg{settings: now, unchanged: true} }
	}
	return func() tea.Msg {
		msg := settingsSavedMsg{settings: now, unchanged: unchanged}
		if !unchanged {
			msg.err = keeper.SaveSurveySettings(now)
		}
		if next != "" && msg.err == nil { // the next survey takes the settings just saved
			msg.created = next
			msg.from, msg.err = keeper.CreateSurvey(next)
		}
		return msg
	}
}

type (
	settingsLoadedMsg struct {
		settings SurveySettings
		err      error
	}
	settingsSavedMsg struct {
		settings      SurveySettings
		unchanged     bool
		created, from string // the survey started after, and whose settings it took
		err           error
	}
)

// openSettings reads the latest survey's settings for the form (p); an
// admin limited to a unit is told they are the agency's.
func (a *Admin) openSettings() tea.Cmd {
	keeper, ok := a.src.(SettingsKeeper)
	if !ok || !a.loaded {
		return nil
	}
	if a.scope != "" {
		a.message = settingsUI.Scoped.In(a.lang)
		return nil
	}
	return func() tea.Msg {
		settings, err := keeper.SurveySettings()
		return settingsLoadedMsg{settings, err}
	}
}

// settingsSaved says what the form stored, or why it could not.
func (a *Admin) settingsSaved(msg settingsSavedMsg) {
	s := msg.settings
	switch {
	case msg.err != nil:
		a.message = adminUI.Error.In(a.lang) + msg.err.Error()
	case msg.created != "":
		a.message = fmt.Sprintf(settingsUI.Created.In(a.lang), msg.created, msg.from)
	case msg.unchanged:
		a.message = fmt.Sprintf(settingsUI.Unchanged.In(a.lang), s.Survey)
	default:
		status, code := settingsUI.Open, settingsUI.No
		if !s.Open {
			status = settingsUI.Closed
		}
		if s.RequireCode {
			code = settingsUI.Yes
		}
		a.message = fmt.Sprintf(settingsUI.Saved.In(a.lang), s.Survey, status.In(a.lang), s.K, strings.ToLower(code.In(a.lang)))
	}
}
