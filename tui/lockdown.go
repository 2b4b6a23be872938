package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// The kiosk never ends on ctrl+c, ctrl+z, ctrl+\, ctrl+d or esc. An
// administrator leaves it with the chord ctrl+x then ctrl+a (within
// chordWindow), followed by the kiosk PIN; three wrong PINs lock the chord
// for pinLockout.
const (
	chordFirst  = "ctrl+x"
	chordSecond = "ctrl+a"
	chordWindow = 2 * time.Second
	pinLockout  = time.Minute
	maxPINFails = 3
)

// PINChecker verifies the kiosk PIN (a slow hash: it runs in a command).
// A nil PINChecker means no PIN is set, and the chord alone ends the kiosk.
type PINChecker func(pin string) bool

// lockdown is the state of the administrator's way out.
type lockdown struct {
	chordAt     time.Time // when chordFirst was pressed
	form        *huh.Form // the PIN prompt, when open
	pin         string
	fails       int
	lockedUntil time.Time
	checking    bool
	message     string
}

type pinResultMsg struct{ ok bool }

// swallowed are keys that end ordinary terminal programs; the kiosk ignores
// them (esc still reaches forms, where it only clears a filter).
var swallowed = map[string]bool{"ctrl+c": true, "ctrl+z": true, "ctrl+\\": true, "ctrl+d": true}

// lockdownKey handles the keys that concern leaving the kiosk; it reports
// whether the key was consumed.
func (k *Kiosk) lockdownKey(key tea.KeyPressMsg) (bool, tea.Cmd) {
	now := k.cfg.Now()
	s := key.String()
	if k.lock.form != nil {
		return true, k.updatePIN(key)
	}
	switch {
	case s == "ctrl+c" && k.cfg.AllowQuit:
		return true, tea.Quit
	case s == chordFirst:
		k.lock.chordAt = now
		return true, nil
	case s == chordSecond && !k.lock.chordAt.IsZero() && now.Sub(k.lock.chordAt) <= chordWindow:
		k.lock.chordAt = time.Time{}
		if now.Before(k.lock.lockedUntil) {
			k.lock.message = "locked"
			return true, nil
		}
		if k.cfg.CheckPIN == nil {
			return true, tea.Quit
		}
		k.lock.pin, k.lock.message = "", ""
		k.lock.form = huh.NewForm(huh.NewGroup(
			huh.NewInput().Title("PIN").EchoMode(huh.EchoModePassword).CharLimit(32).Value(&k.lock.pin),
		)).WithTheme(k.theme).WithKeyMap(formKeyMap()).WithShowHelp(false)
		return true, k.lock.form.Init()
	case swallowed[s]:
		return true, nil
	}
	return false, nil
}

// updatePIN feeds the PIN prompt; esc closes it, enter checks the PIN.
func (k *Kiosk) updatePIN(key tea.KeyPressMsg) tea.Cmd {
	switch key.String() {
	case "esc":
		k.lock.form = nil
		return nil
	case "enter":
		if k.lock.checking {
			return nil
		}
		k.lock.checking = true
		pin, check := k.lock.pin, k.cfg.CheckPIN
		return func() tea.Msg { return pinResultMsg{ok: check(pin)} }
	}
	if swallowed[key.String()] {
		return nil
	}
	_, cmd := k.lock.form.Update(key)
	return cmd
}

func (k *Kiosk) pinResult(ok bool) tea.Cmd {
	k.lock.checking = false
	if ok {
		return tea.Quit
	}
	k.lock.fails++
	k.lock.pin = ""
	k.lock.form = nil
	k.lock.message = "wrong"
	if k.lock.fails >= maxPINFails {
		k.lock.fails = 0
		k.lock.lockedUntil = k.cfg.Now().Add(pinLockout)
		k.lock.message = "locked"
	}
	return nil
}

func (k *Kiosk) pinView() string {
	return k.st.Title.Render("Administrator") + "\n" + k.lock.form.View() + "\n" + k.st.Muted.Render("enter: OK · esc: cancel")
}
