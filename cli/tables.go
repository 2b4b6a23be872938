package cli

// Tables in a terminal: fitted to its width, without the columns no row fills.

import (
	"io"
	"os"
	"slices"

	"golang.org/x/term"
)

// outputWidth is the columns of the terminal a command's output w is read
// on, 0 when it goes to a file or a pipe: tables are fitted to it, so that
// an 80-column console does not wrap their rows into one another. A command
// run for another process takes that process's terminal.
func (g *globals) outputWidth(w io.Writer) int {
	if g.held != nil {
		return g.callerWidth
	}
	return terminalWidth(w)
}

// terminalWidth is the columns of w when it is a terminal, else 0.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok {
		return 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return width
}

// withoutEmptyColumns leaves out the columns no row fills (targets, when
// none is set; the change, without a survey before): on an 80-column
// console every column that says nothing takes room from those that do.
func withoutEmptyColumns(heads []string, rows [][]string) ([]string, [][]string) {
	if len(rows) == 0 {
		return heads, rows
	}
	var keep []int
	for c := range heads {
		if slices.ContainsFunc(rows, func(r []string) bool { return r[c] != "" }) {
			keep = append(keep, c)
		}
	}
	pick := func(cells []string) []string {
		out := make([]string, len(keep))
		for i, c := range keep {
			out[i] = cells[c]
		}
		return out
	}
	kept := make([][]string, len(rows))
	for i, r := range rows {
		kept[i] = pick(r)
	}
	return pick(heads), kept
}
