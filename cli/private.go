package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// createPrivate creates (or truncates) a file that holds responses, codes
// or keys, readable by its owner only: 0600 from the start, and narrowed to
// 0600 when it existed with a wider mode.
func createPrivate(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, fmt.Errorf("make %s private: %w", path, err)
	}
	return f, nil
}

// openOutput is where a command with --out writes: the file at path, made
// as createPrivate makes it, or standard output when path is "". done
// closes the file (nothing for standard output).
func openOutput(cmd *cobra.Command, path string) (w io.Writer, done func(), err error) {
	if path == "" {
		return cmd.OutOrStdout(), func() {}, nil
	}
	f, err := createPrivate(path)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}
