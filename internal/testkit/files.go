package testkit

import (
	"os"
	"testing"
)

// ReadText is a file's text, or the test fails.
func ReadText(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
