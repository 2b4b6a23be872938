package cli

import (
	"io"
	"os"

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
