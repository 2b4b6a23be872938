package scoring

import "fmt"

// MeanSums are the counts and sums behind a group's means, each as
// [respondents, sum] under its scale's name (BrandingMeans for the employer
// branding index). The release ledger keeps them for every chunk, so that a
// set worked out from the chunks and the segments can be checked at a
// scale's end (segmentends.go). Names, not places, so that a ledger written
// by one build reads the same in the next.
type MeanSums map[string][2]int64

// BrandingMeans names the employer branding index's mean in MeanSums.
const BrandingMeans = "branding"

// MeansOf takes the means' counts and sums out of a group's counts.
func MeansOf(c MeasureCounts) MeanSums {
	out := MeanSums{}
	for i, comp := range components {
		if comp.sum != nil && c.N[i] > 0 {
			out[comp.name] = [2]int64{int64(c.N[i]), int64(c.Sum[i])}
		}
	}
	return out
}

// wideCounts are MeasureCounts in 64 bits, for summing many groups' counts.
type wideCounts struct{ N, Sum [maxComponents]int64 }

// addMeans adds a ledger chunk's means; a name no component has (a
// ledger of another build's scales) is an error.
func (w *wideCounts) addMeans(m MeanSums) error {
	for name, ns := range m {
		i, ok := meanComponents[name]
		if !ok {
			return fmt.Errorf("a chunk keeps the mean of %q, which no scale has", name)
		}
		w.N[i] += ns[0]
		w.Sum[i] += ns[1]
	}
	return nil
}

// meanComponents places each mean's name in MeasureCounts.
var meanComponents = func() map[string]int {
	out := map[string]int{}
	for i, c := range components {
		if c.sum != nil {
			out[c.name] = i
		}
	}
	return out
}()
