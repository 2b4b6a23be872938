package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/progress"
	"golang.org/x/term"
)

// progressBar shows how far a long operation has come — on a terminal only,
// and only once it has taken a second — redrawn on one line.
type progressBar struct {
	w     io.Writer
	label string
	total int64
	done  atomic.Int64
	stop  chan struct{}
	wg    sync.WaitGroup
}

// startProgress starts a bar to w for total units of work; on anything but
// a terminal it draws nothing.
func startProgress(w io.Writer, label string, total int64) *progressBar {
	p := &progressBar{w: w, label: label, total: max(total, 1), stop: make(chan struct{})}
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return p
	}
	bar := progress.New(progress.WithWidth(40), progress.WithoutPercentage(), progress.WithFillCharacters('█', '░'))
	p.wg.Go(func() {
		select {
		case <-p.stop:
			return
		case <-time.After(time.Second):
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			share := min(float64(p.done.Load())/float64(p.total), 1)
			fmt.Fprintf(p.w, "\r%s %s %3.0f%%", p.label, bar.ViewAs(share), 100*share)
			select {
			case <-p.stop:
				fmt.Fprint(p.w, "\r\x1b[2K") // leave the line clean for what follows
				return
			case <-tick.C:
			}
		}
	})
	return p
}

// Add counts n more units done.
func (p *progressBar) Add(n int64) { p.done.Add(n) }

// Stop ends the bar and clears its line.
func (p *progressBar) Stop() {
	close(p.stop)
	p.wg.Wait()
}
