package tui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// huh moves between fields and pages with messages that return to Update
// later. Keys typed meanwhile (or queued while a busy machine is slow) would
// land on the field being left. The kiosk therefore navigates synchronously,
// inside the Update of the key that asked for it: within a page through the
// form's own NextField/PrevField, between pages by building the next page's
// form (one form per page; see buildPageForm).

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

// forward moves past field: to the next field, the next page, or the end of
// the form (the forms of the one-question screens complete).
func (k *Kiosk) forward(field huh.Field) tea.Cmd {
	if !k.nav.last[field.GetKey()] {
		return k.form.NextField()
	}
	if k.screen == screenSurvey {
		return k.nextPage()
	}
	return k.form.NextGroup()
}

// nextPage leaves the current survey page: to the next page, or to the review
// after the last page or after the page being changed from the review.
func (k *Kiosk) nextPage() tea.Cmd {
	if k.editPage == k.page || k.page == len(k.pages)-1 {
		return k.openReview()
	}
	return k.openPage(k.page+1, false)
}

// back moves before field: to the previous field or the previous page.
func (k *Kiosk) back(field huh.Field) tea.Cmd {
	if !k.nav.first[field.GetKey()] {
		return k.form.PrevField()
	}
	if k.screen == screenSurvey && k.page > 0 {
		return k.openPage(k.page-1, true)
	}
	return nil
}

// filtering reports whether field is taking typed text for its filter.
func filtering(field huh.Field) bool {
	f, ok := field.(interface{ GetFiltering() bool })
	return ok && f.GetFiltering()
}
