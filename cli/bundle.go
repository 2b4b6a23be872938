package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/interchange"
)

// writeBundle writes every stored response to path atomically: a file of
// that name is either the whole bundle or absent.
func writeBundle(store *db.Store, path string) (int, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".part*")
	if err != nil {
		return 0, fmt.Errorf("create bundle %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after the rename, a no-op
	// Records go as stored: a sealed one stays sealed on the stick.
	n, err := interchange.WriteBundle(tmp, func(fn func([]byte) error) error {
		return store.EachRecord(func(_, value []byte) error { return fn(value) })
	})
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return 0, fmt.Errorf("write bundle %s: %w", path, err)
	}
	return n, nil
}
