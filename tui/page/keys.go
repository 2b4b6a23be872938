package page

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// KeyMap is the keys of a page, their help written in one language. The
// caller adds the keys it handles itself (the language switch, leaving), so
// the help line lists every key that does something.
type KeyMap struct {
	Lang                         string
	Up, Down, Home, End, PageUp  key.Binding
	PageDown, Next, Back, Number key.Binding
	Toggle, Search, ClearSearch  key.Binding
	EndSearch, Confirm, Cancel   key.Binding
	// Move, Ends and Pages are how the help line lists the movement keys
	// (Up and Down, Home and End, PageUp and PageDown), each pair as one
	// entry; TestHelpListsWhatEachFieldDoes holds them to what fields do.
	Move, Ends, Pages key.Binding
	Extra             []key.Binding // the caller's keys, shown last

	// numbers are the Number bindings made for ranges of numbers: the help
	// is asked for after every key, and a key map is one session's.
	numbers map[[2]int]key.Binding
}

// NewKeyMap returns the keys with help in lang.
func NewKeyMap(lang string, extra ...key.Binding) *KeyMap {
	in := func(t text) string { return t.In(lang) }
	if lang != questionnaire.LangEN {
		lang = questionnaire.LangID
	}
	return &KeyMap{
		Lang:        lang,
		Up:          key.NewBinding(key.WithKeys("up", "k")),
		Down:        key.NewBinding(key.WithKeys("down", "j")),
		Home:        key.NewBinding(key.WithKeys("home")),
		End:         key.NewBinding(key.WithKeys("end")),
		PageUp:      key.NewBinding(key.WithKeys("pgup")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown")),
		Next:        key.NewBinding(key.WithKeys("enter", "tab"), key.WithHelp("enter", in(Texts.Next))),
		Back:        key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", in(Texts.Back))),
		Number:      key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0–9", in(Texts.Answer))),
		Toggle:      key.NewBinding(key.WithKeys("space", "x"), key.WithHelp(in(Texts.SpaceKey)+"/x", in(Texts.Pick))),
		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", in(Texts.Search))),
		ClearSearch: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", in(Texts.ClearSearch))),
		EndSearch:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", in(Texts.EndSearch))),
		Confirm:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", in(Texts.Confirm))),
		Cancel:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", in(Texts.Cancel))),
		Move:        key.NewBinding(key.WithKeys("up", "k", "down", "j"), key.WithHelp("↑/↓", in(Texts.Move))),
		Ends:        key.NewBinding(key.WithKeys("home", "end"), key.WithHelp("home/end", in(Texts.Ends))),
		Pages:       key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup/pgdn", in(Texts.Pages))),
		Extra:       extra,
	}
}

// numberHelp is the Number binding for numbers first..last: its keys the
// digits that begin one of them, its help the range.
func (km *KeyMap) numberHelp(first, last int) key.Binding {
	if b, ok := km.numbers[[2]int{first, last}]; ok {
		return b
	}
	b := km.Number
	var leads [10]bool // the digits numbers first..last begin with
	for n := max(first, 0); n <= last; n++ {
		lead := n
		for lead >= 10 {
			lead /= 10
		}
		leads[lead] = true
	}
	var digits []string
	for d, begins := range leads {
		if begins {
			digits = append(digits, strconv.Itoa(d))
		}
	}
	b.SetKeys(digits...)
	keys := strconv.Itoa(first) + "–" + strconv.Itoa(last)
	if first == last {
		keys = strconv.Itoa(first)
	}
	b.SetHelp(keys, b.Help().Desc)
	if km.numbers == nil {
		km.numbers = map[[2]int]key.Binding{}
	}
	km.numbers[[2]int{first, last}] = b
	return b
}

// nextAs is the Next binding with its help saying what enter does here.
func (km *KeyMap) nextAs(what text) key.Binding {
	b := km.Next
	b.SetHelp(b.Help().Key, what.In(km.Lang))
	return b
}

// digit returns the digit a key press typed, or -1.
func digit(s string) int {
	if len(s) == 1 && s[0] >= '0' && s[0] <= '9' {
		return int(s[0] - '0')
	}
	return -1
}

// cursorTo is where a movement key puts a cursor on entry cursor of n
// (page: the entries a PageUp or PageDown passes; 0 where there is none);
// false for any other key. Moves past either end stop there.
func (km *KeyMap) cursorTo(msg tea.KeyPressMsg, cursor, n, page int) (int, bool) {
	to := cursor
	switch {
	case key.Matches(msg, km.Up):
		to = cursor - 1
	case key.Matches(msg, km.Down):
		to = cursor + 1
	case key.Matches(msg, km.Home):
		to = 0
	case key.Matches(msg, km.End):
		to = n - 1
	case page > 0 && key.Matches(msg, km.PageUp):
		to = cursor - page
	case page > 0 && key.Matches(msg, km.PageDown):
		to = cursor + page
	default:
		return cursor, false
	}
	return max(0, min(to, n-1)), true
}
