package questionnaire

import "fmt"

// Sane sizes of an instrument. The default one is about 30 KB with 66
// catalogue entries; an instrument far beyond these is a mistake or an
// attack (a 200,000-entry catalogue took 832 MB to check), and is refused
// before it can cost much.
const (
	MaxInstrumentBytes = 1 << 20
	maxScales          = 20
	maxSections        = 200
	maxItemsPerSection = 100
	maxOptions         = 100
	maxCatalogue       = 1000
	maxReasons         = 100
)

// sizeProblem refuses a file too large to be an instrument.
func sizeProblem(n int) *Problem {
	if n <= MaxInstrumentBytes {
		return nil
	}
	return &Problem{Line: 1, Msg: fmt.Sprintf("the file has %d bytes; an instrument has at most %d (the default is about 30 KB)", n, MaxInstrumentBytes)}
}

// counts checks every list against its bound.
func (v *validator) counts(in *Instrument) {
	over := func(line, n, max int, what string) {
		if n > max {
			v.add(line, "%d %s; an instrument has at most %d", n, what, max)
		}
	}
	over(1, len(in.Scales), maxScales, "scales")
	over(1, len(in.Sections), maxSections, "sections")
	over(1, len(in.Catalogue), maxCatalogue, "catalogue entries")
	over(1, len(in.Reasons), maxReasons, "reasons")
	for _, s := range in.Sections {
		over(s.Line, len(s.Items), maxItemsPerSection, fmt.Sprintf("items in section %q", s.ID))
		for _, it := range s.Items {
			over(it.Line, len(it.Options), maxOptions, fmt.Sprintf("options in item %q", it.ID))
		}
	}
}
