package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// adminForm is a huh form the admin screen opens over its view: a unit's
// plan (a), its targets (g) or the survey's settings (p). While one is open
// it gets the keys; the readings go on beneath it.
type adminForm interface {
	Init() tea.Cmd
	// update passes a message on; done says the admin finished, saved or
	// cancelled, and cmd then saves what there is to save.
	update(msg tea.Msg) (cmd tea.Cmd, done bool)
	view() string
}

// huhForm is the huh form an adminForm shows: it starts it, draws it and
// passes it the admin's messages.
type huhForm struct{ form *huh.Form }

// Init starts the form.
func (h *huhForm) Init() tea.Cmd { return h.form.Init() }

// view draws the form.
func (h *huhForm) view() string { return h.form.View() }

// pass gives the form a message and returns its command and its state: the
// admin completed it, left it (aborted), or is still filling it.
func (h *huhForm) pass(msg tea.Msg) (tea.Cmd, huh.FormState) {
	m, cmd := h.form.Update(msg)
	h.form = m.(*huh.Form)
	return cmd, h.form.State
}

// openLoaded shows the form made from a reading that came back, or says
// why the reading failed.
func (a *Admin) openLoaded(err error, form func() adminForm) tea.Cmd {
	if err != nil {
		a.message = adminUI.Error.In(a.lang) + err.Error()
		return nil
	}
	a.form = form()
	return a.form.Init()
}

// formHeight is the rows a form has: the screen's, less the title and the
// line on how to leave it.
func (a *Admin) formHeight() int { return max(a.height-3, 8) }

// updateForm passes a message to the open form; once it is done the view
// is back, and the form's save runs.
func (a *Admin) updateForm(msg tea.Msg) tea.Cmd {
	cmd, done := a.form.update(msg)
	if done {
		a.form = nil
		a.refresh()
	}
	return cmd
}

// formView is the screen while a form is open: the title, the form, and
// how to leave it.
func (a *Admin) formView() tea.View {
	v := tea.NewView(lipgloss.NewStyle().Bold(true).Render("BerAKHLAK · Admin") + "\n" + a.form.view() + "\n" + formCancel.In(a.lang))
	v.AltScreen = true
	return v
}

// styleAdminForm gives a form the admin's key map, size and help.
func styleAdminForm(f *huh.Form, lang string, width, height int) *huh.Form {
	return f.WithKeyMap(adminFormKeyMap(lang)).WithWidth(width).WithHeight(height).WithShowHelp(true)
}

// styleAdminChooser is styleAdminForm for a first step that only chooses
// what the next step edits (an index to target, an area to plan): its
// enter opens that step and saves nothing, so its help says "select", not
// huh's "submit".
func styleAdminChooser(f *huh.Form, lang string, width, height int) *huh.Form {
	km := adminFormKeyMap(lang)
	km.Select.Submit.SetHelp(km.Select.Submit.Help().Key, adminFormHelp["select"].In(lang))
	return f.WithKeyMap(km).WithWidth(width).WithHeight(height).WithShowHelp(true)
}

// formCancel is how to leave a form without saving.
var formCancel = text{Indonesian: "esc batal", English: "esc cancel"}

// adminFormHelp is huh's key help, word by word, so that no English shows
// on an Indonesian screen.
var adminFormHelp = map[string]text{
	"next": {Indonesian: "lanjut", English: "next"}, "back": {Indonesian: "kembali", English: "back"},
	"submit": {Indonesian: "simpan", English: "save"}, "select": {Indonesian: "pilih", English: "select"},
	"up": {Indonesian: "naik", English: "up"}, "down": {Indonesian: "turun", English: "down"},
	"new line": {Indonesian: "baris baru", English: "new line"}, "½ page up": {Indonesian: "½ hlm naik", English: "½ page up"},
	"½ page down": {Indonesian: "½ hlm turun", English: "½ page down"}, "go to start": {Indonesian: "ke awal", English: "to start"},
	"go to end": {Indonesian: "ke akhir", English: "to end"}, "complete": {Indonesian: "lengkapi", English: "complete"},
	"toggle": {Indonesian: "ganti", English: "toggle"},
}

// adminFormKeyMap is huh's key map in the admin's language. esc cancels the
// form; the external editor (ctrl+e) and the filter, whose esc would
// compete with it, are off: a server must never start an editor for a
// remote admin.
func adminFormKeyMap(lang string) *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("esc", "ctrl+c"))
	km.Text.Editor = key.NewBinding(key.WithDisabled())
	km.Select.Filter = key.NewBinding(key.WithDisabled())
	km.Select.SetFilter = key.NewBinding(key.WithDisabled())
	km.Select.ClearFilter = key.NewBinding(key.WithDisabled())
	for _, b := range []*key.Binding{
		&km.Input.AcceptSuggestion, &km.Input.Next, &km.Input.Prev, &km.Input.Submit,
		&km.Text.Next, &km.Text.Prev, &km.Text.NewLine, &km.Text.Submit,
		&km.Select.Next, &km.Select.Prev, &km.Select.Up, &km.Select.Down, &km.Select.HalfPageUp, &km.Select.HalfPageDown,
		&km.Select.GotoTop, &km.Select.GotoBottom, &km.Select.Submit,
		&km.Confirm.Next, &km.Confirm.Prev, &km.Confirm.Toggle, &km.Confirm.Submit,
		&km.Note.Next, &km.Note.Prev, &km.Note.Submit,
	} {
		h := b.Help()
		if words, ok := adminFormHelp[h.Desc]; ok {
			b.SetHelp(h.Key, words.In(lang))
		}
	}
	return km
}
