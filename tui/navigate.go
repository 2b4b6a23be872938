package tui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// huh moves between fields and pages with messages that return to Update
// later. Keys typed meanwhile (or queued while a busy machine is slow) would
// land on the field being left. The kiosk therefore navigates synchronously,
// through the form's own NextField/NextGroup/PrevField/PrevGroup, inside the
// Update of the key that asked for it.

// formNav knows where each field stands in its page.
type formNav struct {
	first, last map[string]bool // field key → first / last field of its page
	valid       func(key string) bool
}

func newFormNav() *formNav {
	return &formNav{first: map[string]bool{}, last: map[string]bool{}, valid: func(string) bool { return true }}
}

// addPage records the field keys of one page, in order.
func (n *formNav) addPage(keys ...string) {
	if len(keys) == 0 {
		return
	}
	n.first[keys[0]] = true
	n.last[keys[len(keys)-1]] = true
}

// forward moves past field: to the next field, the next page, or completion.
// Leaving the page being changed from the review goes back to the review.
func (k *Kiosk) forward(field huh.Field) tea.Cmd {
	key := field.GetKey()
	if !k.nav.last[key] {
		return k.form.NextField()
	}
	if k.screen == screenSurvey && k.editPage >= 0 && k.pageOf[key] == k.editPage {
		return k.openReview()
	}
	return k.form.NextGroup()
}

// back moves before field: to the previous field or the previous page.
func (k *Kiosk) back(field huh.Field) tea.Cmd {
	if k.nav.first[field.GetKey()] {
		return k.form.PrevGroup()
	}
	return k.form.PrevField()
}

// filtering reports whether field is taking typed text for its filter.
func filtering(field huh.Field) bool {
	f, ok := field.(interface{ GetFiltering() bool })
	return ok && f.GetFiltering()
}
