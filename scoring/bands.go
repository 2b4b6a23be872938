package scoring

// Band letters for every 0..100 index (docs/METHODOLOGY.md "Bands").
const (
	BandA = "A" // Sehat, ≥ 75
	BandB = "B" // Cukup Sehat, 50 ≤ x < 75
	BandC = "C" // Tidak Sehat, 25 ≤ x < 50
	BandD = "D" // Sangat Tidak Sehat, < 25
)

// bandTolerance absorbs floating-point error at a band's boundary: an index
// whose exact value is 50 can be computed as 49.99999999999999 and had been
// banded C. Indices come from integer sums; the smallest true step between
// two of them (100 ÷ (respondents × items × scale span), with at most 10
// million respondents) is above 1e-7, so no index truly below a boundary is
// lifted over it.
const bandTolerance = 1e-9

// Band returns the band letter of a 0..100 index.
func Band(x float64) string {
	x += bandTolerance
	switch {
	case x >= 75:
		return BandA
	case x >= 50:
		return BandB
	case x >= 25:
		return BandC
	default:
		return BandD
	}
}

// BandLabel is the official Indonesian name of a band.
func BandLabel(band string) string {
	return map[string]string{BandA: "Sehat", BandB: "Cukup Sehat", BandC: "Tidak Sehat", BandD: "Sangat Tidak Sehat"}[band]
}

// Entropy bands: lower entropy is healthier.
const (
	EntropyHealthy     = "healthy"     // ≤ 10
	EntropyMinor       = "minor"       // ≤ 20
	EntropySignificant = "significant" // ≤ 30
	EntropySerious     = "serious"     // ≤ 40
	EntropyCritical    = "critical"    // > 40
)

// EntropyBand returns the band of a cultural entropy figure.
func EntropyBand(e float64) string {
	e -= bandTolerance // lower is better: a boundary belongs to the better band
	switch {
	case e <= 10:
		return EntropyHealthy
	case e <= 20:
		return EntropyMinor
	case e <= 30:
		return EntropySignificant
	case e <= 40:
		return EntropySerious
	default:
		return EntropyCritical
	}
}
