// Package privatefile writes files only their owner may read, whole or not
// at all: a crash leaves the old file or the new one, never half of either.
package privatefile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Write replaces path with data (0600, the mode os.CreateTemp gives) through
// a synced temporary file beside it and a rename.
func Write(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	_, werr := tmp.Write(data)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
