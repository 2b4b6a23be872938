package questionnaire

import "testing"

// BenchmarkParseDefault parses and validates the embedded instrument.
func BenchmarkParseDefault(b *testing.B) {
	data := DefaultYAML()
	for b.Loop() {
		if _, err := Parse("default.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
