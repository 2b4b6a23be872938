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
	if n, err := store.CountSealed(); err != nil || n > 0 {
		if err != nil {
			return 0, err
		}
		// A bundle opened at the agency would need the key to be ingested.
		return 0, fmt.Errorf("%d responses here are sealed to the agency key: bundles of sealed responses are not supported yet; carry a copy with `berakhlak backup`", n)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".part*")
	if err != nil {
		return 0, fmt.Errorf("create bundle %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after the rename, a no-op
	n, err := interchange.WriteBundle(tmp, store.EachResponse)
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
