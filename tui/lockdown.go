package tui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/tui/page"
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
	// MaxPINLength is the most the PIN prompt takes; `kiosk pin` refuses a
	// longer PIN, which could never be typed here.
	MaxPINLength = 32
	// typedGap is the least time between a key and the one before it for the
	// key to count as typed: a paste that is not bracketed arrives as keys
	// microseconds apart, a person types tens of milliseconds apart. Staff
	// keys (the chord, the PIN) count only when typed, so a pasted ctrl+x
	// ctrl+a never opens the PIN prompt, and a paste never spends PIN tries.
	typedGap = 10 * time.Millisecond
)

// PINChecker verifies the kiosk PIN (a slow hash: it runs in a command).
// A nil PINChecker means no PIN is set, and the chord alone ends the kiosk.
type PINChecker func(pin string) bool

// lockdown is the state of the administrator's way out.
type lockdown struct {
	chordAt     time.Time  // when chordFirst was pressed
	pg          *page.Page // the PIN prompt, when open
	pin         string
	fails       int
	lockedUntil time.Time
	checking    bool
	message     string
}

type pinResultMsg struct{ ok bool }

// swallowed are keys that end ordinary terminal programs; the kiosk ignores
// them (esc still reaches pages, where it only clears a search or cancels a
// final choice).
var swallowed = map[string]bool{"ctrl+c": true, "ctrl+z": true, "ctrl+\\": true, "ctrl+d": true}

// lockdownKey handles the keys that concern leaving the kiosk; it reports
// whether the key was consumed. typed says the key came on its own, not in
// a burst of input.
func (k *Kiosk) lockdownKey(key tea.KeyPressMsg, typed bool) (bool, tea.Cmd) {
	now := k.cfg.Now()
	s := key.String()
	if now.Before(k.lock.lockedUntil) {
		// Three wrong PINs: every key is swallowed while the lock lasts, so
		// a PIN typed again goes nowhere (it had gone into the survey).
		return true, nil
	}
	if k.lock.message == "locked" {
		k.lock.message = ""
	}
	if k.lock.pg != nil {
		if !typed { // a paste: nothing of it reaches the PIN, and what was typed goes
			k.clearPIN()
			return true, nil
		}
		return true, k.updatePIN(key)
	}
	switch {
	case s == "ctrl+c" && k.cfg.AllowQuit:
		return true, k.leave()
	case s == chordFirst:
		k.lock.chordAt = now
		return true, nil
	case s == chordSecond && !typed:
		k.lock.chordAt = time.Time{}
		return true, nil
	case s == chordSecond && !k.lock.chordAt.IsZero() && now.Sub(k.lock.chordAt) <= chordWindow:
		k.lock.chordAt = time.Time{}
		if k.cfg.CheckPIN == nil {
			return true, tea.Quit
		}
		k.lock.pin, k.lock.message = "", ""
		k.openPIN()
		return true, nil
	case swallowed[s]:
		if k.pg != nil { // said, as for any key that does nothing here
			k.pg.Say(fmt.Sprintf(page.Texts.WrongKey.In(k.lang), s, page.Texts.WrongKeyTyping.In(k.lang)))
		}
		return true, nil
	}
	return false, nil
}

// stopKey leaves the survey: asked once, then the answers are discarded.
const stopKey = "f10"

// canStop reports whether the screen holds answers to stop giving.
func (k *Kiosk) canStop() bool {
	switch k.screen {
	case screenWelcome, screenThanks, screenMinor, screenClosed:
		return false
	}
	return true
}

// stop is F10: the first press asks, the second discards the answers and
// clears the screen and its scrollback for the next person (the kiosk), or
// ends the session (SSH, where the terminal is the respondent's own).
func (k *Kiosk) stop() tea.Cmd {
	if !k.stopping {
		k.stopping = true
		return nil
	}
	k.stopping = false
	clean := k.reset()
	if k.cfg.AllowQuit { // the terminal is the respondent's own: its last frame a clean welcome
		return tea.Sequence(clearTerminal(), tea.Quit)
	}
	return clean
}

// openPIN shows the PIN prompt (in the current language; what was typed
// stays), saying how many tries are left after a wrong one. Its key help is
// its own: enter checks, esc cancels.
func (k *Kiosk) openPIN() {
	note := ""
	if k.lock.fails > 0 {
		note = fmt.Sprintf(ui.PINTriesLeft.In(k.lang), maxPINFails-k.lock.fails)
	}
	km := *k.keyMap()
	km.Next = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", ui.PINCheck.In(k.lang)))
	km.Extra = []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", ui.PINCancel.In(k.lang)))}
	k.lock.pg = page.New("", &km, k.pst, page.NewEntry(pinKey, ui.PINTitle.In(k.lang), note,
		MaxPINLength, true, &k.lock.pin, func(string) string { return "" }))
	k.lock.pg.SetSize(k.width, k.pageHeight())
}

// clearPIN empties the PIN prompt.
func (k *Kiosk) clearPIN() {
	k.lock.pin = ""
	k.openPIN()
}

// updatePIN feeds the PIN prompt; esc closes it, enter checks the PIN.
func (k *Kiosk) updatePIN(key tea.KeyPressMsg) tea.Cmd {
	switch key.String() {
	case "esc":
		k.lock.pg = nil
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
	k.lock.pg.Update(key)
	return nil
}

func (k *Kiosk) pinResult(ok bool) tea.Cmd {
	k.lock.checking = false
	if ok {
		return tea.Quit
	}
	k.lock.fails++
	k.lock.pin = ""
	if k.lock.fails >= maxPINFails {
		k.lock.fails = 0
		k.lock.pg = nil
		k.lock.lockedUntil = k.cfg.Now().Add(pinLockout)
		k.lock.message = "locked"
		return nil
	}
	k.openPIN() // the prompt stays, with the tries left
	return nil
}

func (k *Kiosk) pinView() string { return k.lock.pg.View() }

// leave ends an SSH session on ctrl+c; with answers to lose, it asks once
// more (a second ctrl+c leaves, any other key stays).
func (k *Kiosk) leave() tea.Cmd {
	if k.leaving || k.nothingToLose() {
		return tea.Quit
	}
	k.leaving = true
	return nil
}

// nothingToLose is a screen where leaving discards no answer.
func (k *Kiosk) nothingToLose() bool {
	switch k.screen {
	case screenWelcome, screenThanks, screenMinor:
		return true
	}
	return false
}
