package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Default idle behaviour: after IdleAfter without a key the kiosk shows a
// countdown of CountdownFor; any key cancels it, and at zero the unfinished
// answers are discarded and the screen (and scrollback) cleared.
const (
	DefaultIdleAfter    = 120 * time.Second
	DefaultCountdownFor = 15 * time.Second
)

type (
	idleCheckMsg struct{ seq int }
	countdownMsg struct{ seq int }
)

// idle is the kiosk's walk-away detector. One timer runs at a time: when it
// fires early (a key came since), it is set again for the time that is left.
type idle struct {
	lastInput time.Time
	seq       int // invalidates timers of an earlier round
	countdown int // seconds left on the visible countdown; 0 = none
}

func (k *Kiosk) armIdle(after time.Duration) tea.Cmd {
	seq := k.idle.seq
	return k.after(after, idleCheckMsg{seq})
}

// after delivers msg after d, or nothing once the session is over: a timer
// left running would keep an ended program (and its screen buffers) alive.
func (k *Kiosk) after(d time.Duration, msg tea.Msg) tea.Cmd {
	done := k.cfg.Done
	return func() tea.Msg {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			return msg
		case <-done:
			return nil
		}
	}
}

// touched records a key; it cancels a running countdown and sets the idle
// timer again.
func (k *Kiosk) touched() tea.Cmd {
	k.idle.lastInput = k.cfg.Now()
	if k.idle.countdown == 0 {
		return nil
	}
	k.idle.countdown = 0
	k.idle.seq++
	return k.armIdle(k.cfg.IdleAfter)
}

func (k *Kiosk) idleCheck(msg idleCheckMsg) tea.Cmd {
	if msg.seq != k.idle.seq {
		return nil
	}
	left := k.cfg.IdleAfter - k.cfg.Now().Sub(k.idle.lastInput)
	if left > 0 || k.pristine() {
		return k.armIdle(max(left, time.Second))
	}
	k.idle.countdown = int(k.cfg.CountdownFor / time.Second)
	return k.tickCountdown()
}

func (k *Kiosk) tickCountdown() tea.Cmd {
	return k.after(time.Second, countdownMsg{k.idle.seq})
}

func (k *Kiosk) countdownTick(msg countdownMsg) tea.Cmd {
	if msg.seq != k.idle.seq || k.idle.countdown == 0 {
		return nil
	}
	k.idle.countdown--
	if k.idle.countdown > 0 {
		return k.tickCountdown()
	}
	return k.reset()
}

// pristine is a welcome screen nobody has touched: nothing to discard.
func (k *Kiosk) pristine() bool {
	return k.screen == screenWelcome && k.lang == k.cfg.defaultLang()
}

// clearTerminal wipes the screen and the scrollback, so the next person
// cannot scroll back to the previous person's answers.
func clearTerminal() tea.Cmd {
	return tea.Sequence(tea.ClearScreen, tea.Raw(ansi.EraseEntireScreen+ansi.EraseEntireDisplay))
}
