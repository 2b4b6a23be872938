package oplog

import (
	"fmt"
	"os"
	"sync"
)

// CappedFile is a log file (0600) that never grows much past its cap: a
// write that would take it past max first moves it to PATH.1 (replacing the
// one before) and starts it afresh. A kiosk runs for years and nothing
// rotates its log, so a link that goes up and down all day, say, must not
// fill its disk: it keeps at most about twice max.
type CappedFile struct {
	mu   sync.Mutex
	path string
	max  int64
	f    *os.File
	size int64
}

// OpenCapped opens path to append to, moving it aside first if it is at
// its cap already.
func OpenCapped(path string, max int64) (*CappedFile, error) {
	c := &CappedFile{path: path, max: max}
	if err := c.open(); err != nil {
		return nil, err
	}
	if c.size >= max {
		if err := c.rotate(); err != nil {
			return nil, err // rotate closed the file before it failed to open the new one
		}
	}
	return c, nil
}

func (c *CappedFile) open() error {
	f, err := os.OpenFile(c.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("open log: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("open log: %w", err)
	}
	c.f, c.size = f, info.Size()
	return nil
}

// rotate moves the file to PATH.1 and opens a new one; if the move fails,
// the file is kept and written on (a log line is never worth losing the
// log for).
func (c *CappedFile) rotate() error {
	if err := os.Rename(c.path, c.path+".1"); err != nil {
		return nil
	}
	c.f.Close()
	return c.open()
}

// Write appends p, moving the file aside first when p would take it past
// its cap (a write is a line or a few, so lines stay whole).
func (c *CappedFile) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.size > 0 && c.size+int64(len(p)) > c.max {
		if err := c.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := c.f.Write(p)
	c.size += int64(n)
	return n, err
}

// Close closes the file.
func (c *CappedFile) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.f.Close()
}
