package page

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Pick is a question answered by ticking several entries of a long list (the
// values catalogue, the reasons), between a minimum and a limit. Typing a
// number or "/" searches the list; only the lines in view are drawn.
type Pick struct {
	id, title      string
	lang           string   // of the count line
	ids, labels    []string // in list order; labels carry their number
	value          *[]string
	ticked         map[string]bool
	minimum, limit int

	cursor    int   // index into shown
	shown     []int // indices of ids that pass the search
	offset    int   // first shown line in view
	rows      int   // list lines in the last drawing
	search    string
	searching bool
	// firstEntryLine is the line of the last drawing that shows entry
	// p.offset, for taps.
	firstEntryLine int
	version        int
	// rowsDrawn are the list's lines of the last drawing, by row, with what
	// each shows: a key moves the cursor over a row or two or ticks one, and
	// the other rows keep their line instead of being put together again.
	rowsDrawn []entryRow
	drawing   []string // View's lines, drawn into again on every key
}

// entryRow is a list row as drawn.
type entryRow struct {
	shown entryShown
	line  string
}

// entryShown is all a list row's line depends on.
type entryShown struct {
	entry, width   int
	ticked, cursor bool
	st             *Styles
}

// NewPick returns a pick question in lang; value holds the ticked ids in
// list order.
func NewPick(id, title, lang string, ids, labels []string, minimum, limit int, value *[]string) *Pick {
	p := &Pick{id: id, title: title, lang: lang, ids: ids, labels: labels, value: value, ticked: map[string]bool{},
		minimum: minimum, limit: limit, rows: 10}
	for _, v := range *value {
		p.ticked[v] = true
	}
	p.filter()
	return p
}

// ID implements Field.
func (p *Pick) ID() string { return p.id }

// Version implements Field.
func (p *Pick) Version() int { return p.version }

// Typing implements Field.
func (p *Pick) Typing() bool { return p.searching }

// Paste implements Field: pasted text goes to a search being typed.
func (p *Pick) Paste(text string) bool {
	if !p.searching {
		return false
	}
	p.search += text
	p.filter()
	return true
}

// filter lists the entries whose label holds the search text — or, for a
// search of digits, whose number begins with them, the cursor on the one
// with exactly that number.
func (p *Pick) filter() {
	p.shown = p.shown[:0]
	p.cursor, p.offset = 0, 0
	needle := strings.ToLower(p.search)
	number, byNumber := p.searchNumber()
	for i, l := range p.labels {
		switch {
		case byNumber && strings.HasPrefix(strconv.Itoa(i+1), p.search):
			if i+1 == number {
				p.cursor = len(p.shown)
			}
			p.shown = append(p.shown, i)
		case !byNumber && (needle == "" || strings.Contains(strings.ToLower(l), needle)):
			p.shown = append(p.shown, i)
		}
	}
	p.version++
}

// searchNumber is the entry number a search of digits names, and whether
// the search is one.
func (p *Pick) searchNumber() (int, bool) {
	if p.search == "" || strings.Trim(p.search, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(p.search)
	return n, err == nil
}

// tickNumbered ticks (or unticks) the entry the digits typed name, and
// ends the search: at once when no longer number begins with them, or on
// enter. ok is false when no entry has that number.
func (p *Pick) tickNumbered(lang string) (res Result, msg string, ok bool) {
	n, byNumber := p.searchNumber()
	if !byNumber || n < 1 || n > len(p.labels) {
		return Ignored, "", false
	}
	p.searching, p.search = false, ""
	p.filter()
	p.moveCursor(n - 1)
	res, msg = p.toggle(lang)
	return res, msg, true
}

func (p *Pick) moveCursor(to int) {
	p.cursor = max(0, min(to, len(p.shown)-1))
	p.version++
}

// toggle ticks or unticks the entry under the cursor, within the limit.
func (p *Pick) toggle(lang string) (Result, string) {
	if len(p.shown) == 0 {
		return Ignored, ""
	}
	id := p.ids[p.shown[p.cursor]]
	if !p.ticked[id] && len(*p.value) >= p.limit {
		return Refused, fmt.Sprintf(Texts.TooMany.In(lang), p.limit)
	}
	p.ticked[id] = !p.ticked[id]
	picks := make([]string, 0, p.limit)
	for _, i := range p.ids { // keep list order
		if p.ticked[i] {
			picks = append(picks, i)
		}
	}
	*p.value = picks
	p.version++
	return Handled, ""
}

// problem is why the number of ticks cannot be left as it is, or "".
func (p *Pick) problem(lang string) string {
	n := len(*p.value)
	switch {
	case n >= p.minimum && n <= p.limit:
		return ""
	case p.minimum == p.limit:
		return fmt.Sprintf(Texts.PickExactly.In(lang), p.limit, n)
	}
	return fmt.Sprintf(Texts.PickBetween.In(lang), p.minimum, p.limit, n)
}

// Update implements Field.
func (p *Pick) Update(msg tea.KeyPressMsg, keys *KeyMap) (Result, string) {
	if p.searching {
		return p.searchKey(msg, keys)
	}
	if to, ok := keys.cursorTo(msg, p.cursor, len(p.shown), p.rows); ok {
		p.moveCursor(to)
		return Handled, ""
	}
	switch {
	case digit(msg.Text) >= 0 || key.Matches(msg, keys.Search):
		p.searching, p.search = true, ""
		if key.Matches(msg, keys.Search) {
			p.filter()
			return Handled, ""
		}
		return p.searchKey(msg, keys)
	case key.Matches(msg, keys.ClearSearch):
		if p.search == "" {
			return Ignored, ""
		}
		p.search = ""
		p.filter()
	case key.Matches(msg, keys.Toggle):
		return p.toggle(keys.Lang)
	case key.Matches(msg, keys.Next):
		if problem := p.problem(keys.Lang); problem != "" {
			return Refused, problem
		}
		return Done, ""
	default:
		return Ignored, ""
	}
	return Handled, ""
}

// searchKey edits the search; enter keeps it (or drops one that matches
// nothing), esc drops it, arrows still move.
func (p *Pick) searchKey(msg tea.KeyPressMsg, keys *KeyMap) (Result, string) {
	switch {
	case msg.String() == "space": // never typed into the search: it ticks, as the page says
		p.searching = false
		return p.toggle(keys.Lang)
	case key.Matches(msg, keys.EndSearch):
		if res, why, ok := p.tickNumbered(keys.Lang); ok {
			return res, why
		}
		p.searching = false
		if len(p.shown) == 0 {
			p.search = ""
		}
		p.filter()
	case key.Matches(msg, keys.ClearSearch):
		p.searching, p.search = false, ""
		p.filter()
	case msg.String() == "backspace":
		if r := []rune(p.search); len(r) > 0 {
			p.search = string(r[:len(r)-1])
			p.filter()
		}
	case msg.String() == "up":
		p.moveCursor(p.cursor - 1)
	case msg.String() == "down":
		p.moveCursor(p.cursor + 1)
	case msg.Text != "" && len([]rune(p.search)) < 32:
		p.search += msg.Text
		p.filter()
		if n, ok := p.searchNumber(); ok && n*10 > len(p.labels) { // no longer number begins so: tick it now
			if res, why, ok := p.tickNumbered(keys.Lang); ok {
				return res, why
			}
		}
	default:
		return Ignored, ""
	}
	if len(p.shown) == 0 {
		return Refused, fmt.Sprintf(Texts.NoMatch.In(keys.Lang), p.search)
	}
	return Handled, ""
}

// View implements Field: the title (with the search), the count ticked, the
// lines in view of the list.
func (p *Pick) View(width, height int, focused bool, st *Styles) []string {
	title := st.title(p.title, width)
	lines := append(p.drawing[:0], title...)
	p.rows = max(height-len(lines)-1, 3)
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+p.rows {
		p.offset = p.cursor - p.rows + 1
	}
	p.offset = max(0, min(p.offset, len(p.shown)-p.rows))
	status := p.count()
	if p.searching || p.search != "" {
		status += " · /" + p.search
		if p.searching {
			status += st.Caret
		}
	}
	if end := min(p.offset+p.rows, len(p.shown)); len(p.shown) > 0 { // where the list is: always said
		status += " · " + fmt.Sprintf(Texts.Showing.In(p.lang), p.offset+1, end, len(p.shown))
		if end < len(p.shown) {
			status += " · " + Texts.More.In(p.lang)
		}
	}
	if p.searching || p.search != "" {
		lines = append(lines, st.Muted.Render(status)) // what a respondent typed is never kept
	} else {
		lines = append(lines, st.muted(status))
	}
	p.firstEntryLine = len(lines)
	for row, line := 0, p.offset; line < min(p.offset+p.rows, len(p.shown)); row, line = row+1, line+1 {
		lines = append(lines, p.row(row, p.shown[line], line == p.cursor && focused, width, st))
	}
	p.drawing = lines
	return lines
}

// row is the line of entry i on row r of the list: behind the cursor mark or
// not, then the entry. It is put together again only when what the row
// shows changed.
func (p *Pick) row(r, i int, cursor bool, width int, st *Styles) string {
	shown := entryShown{entry: i, width: width, ticked: p.ticked[p.ids[i]], cursor: cursor, st: st}
	if r < len(p.rowsDrawn) && p.rowsDrawn[r].shown == shown {
		return p.rowsDrawn[r].line
	}
	mark := st.Blank
	if cursor {
		mark = st.Cursor
	}
	drawn := entryRow{shown, mark + p.entry(i, width, st)}
	if r < len(p.rowsDrawn) {
		p.rowsDrawn[r] = drawn
	} else {
		p.rowsDrawn = append(p.rowsDrawn, drawn)
	}
	return drawn.line
}

// entry is entry i's line after the cursor mark, ticked or not, cut to one
// line of width; kept, as options are.
func (p *Pick) entry(i, width int, st *Styles) string {
	ticked := p.ticked[p.ids[i]]
	return st.drawn.entries.Get(entryKey{p.labels[i], ticked, width}, func() string {
		label := ansi.Truncate(p.labels[i], width-lipgloss.Width(st.Cursor+st.Ticked), "…") // one line per entry
		if ticked {
			return st.Ticked + st.Chosen.Render(label)
		}
		return st.Unticked + st.Option.Render(label)
	})
}

// Tap implements Tappable: a tap on an entry ticks or unticks it, as space
// on it does (a search being typed ends, its list kept).
func (p *Pick) Tap(line int, keys *KeyMap) (Result, string) {
	at := p.offset + line - p.firstEntryLine
	if line < p.firstEntryLine || at >= min(p.offset+p.rows, len(p.shown)) {
		return Handled, ""
	}
	p.searching = false
	p.moveCursor(at)
	return p.toggle(keys.Lang)
}

// count says how many are ticked, against what is asked.
func (p *Pick) count() string {
	n := len(*p.value)
	if p.minimum == p.limit {
		return fmt.Sprintf(Texts.Picked.In(p.lang), n, p.limit)
	}
	return fmt.Sprintf(Texts.PickedRange.In(p.lang), n, p.minimum, p.limit)
}

// Help implements Field.
func (p *Pick) Help(keys *KeyMap, help []key.Binding) []key.Binding {
	if p.searching {
		end := keys.EndSearch
		if _, byNumber := p.searchNumber(); byNumber { // enter ticks the numbered one
			end.SetHelp(end.Help().Key, Texts.Pick.In(keys.Lang))
		}
		return append(help, end, keys.ClearSearch, keys.Move)
	}
	number := keys.numberHelp(1, len(p.labels))
	number.SetHelp(number.Help().Key, Texts.Pick.In(keys.Lang))
	help = append(help, number, keys.Toggle, keys.Move, keys.Ends, keys.Pages, keys.Search)
	if p.search != "" {
		help = append(help, keys.ClearSearch)
	}
	return append(help, keys.Next)
}
