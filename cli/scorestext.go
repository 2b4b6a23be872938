package cli

import (
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

type text = questionnaire.Text

// scoresUI are the words of `scores` in each language (--lang): one
// language at a time, as on the screens.
var scoresUI = struct {
	Survey, Whole, Respondents, Public, Rate, TooFew, Withheld, ScaleEnd, Protected, Changes, Warning text
	OfTheWay, AsksDecline, NotTested, Significant, ChangeVs, Change, NegativeAlpha, TooFewToJudge     text
	Heads                                                                                             [8]text
	Verdicts                                                                                          map[string]text
	Rows                                                                                              map[string]text
}{
	Survey:      text{Indonesian: "Survei %s · %s", English: "Survey %s · %s"},
	Whole:       text{Indonesian: "seluruh survei", English: "whole survey"},
	Respondents: text{Indonesian: "responden: %d (ASN %d, umum %d)", English: "respondents: %d (ASN %d, public %d)"},
	Rate:        text{Indonesian: " · tingkat respons %.1f%% dari %d", English: " · response rate %.1f%% of %d"},
	TooFew:      text{Indonesian: "tidak ditampilkan (kurang dari %d responden menjawabnya): %s", English: "left out (fewer than %d respondents gave them): %s"},
	Withheld:    text{Indonesian: "ditahan (kurang dari %d responden menjawabnya): %s", English: "withheld (fewer than %d respondents gave them): %s"},
	ScaleEnd: text{Indonesian: "ditahan karena mendekati ujung skala dalam kelompok di bawah %d, yang akan memberi tahu hampir setiap jawaban: %s",
		English: "left out: an index near its scale's end in a group under %d, which would tell nearly every answer: %s"},
	Protected: text{Indonesian: "disembunyikan agar kelompok yang lebih kecil tidak dapat dihitung: %s", English: "hidden so that a smaller group cannot be worked out: %s"},
	Changes: text{Indonesian: "perubahan: masing-masing dengan uji yang sesuai jenis angkanya; signifikan = tetap berlaku setelah memperhitungkan %d perbandingan yang ditampilkan (Benjamini–Hochberg, 5%%; p dan p_adjusted di --json)",
		English: "changes: each by the test its kind of figure takes; significant = holds after allowing for the %d comparisons shown (Benjamini–Hochberg, 5%%; p and p_adjusted in --json)"},
	Warning:       text{Indonesian: "peringatan: ", English: "warning: "},
	OfTheWay:      text{Indonesian: ", %.0f%% dari jalannya", English: ", %.0f%% of the way"},
	AsksDecline:   text{Indonesian: " (target ini meminta penurunan dari angka dasarnya)", English: " (the target asks for a decline from its baseline)"},
	TooFewToJudge: text{Indonesian: "terlalu sedikit untuk dinilai (n < %d)", English: "too few to judge (n < %d)"},
	NotTested:     text{Indonesian: " (— tidak diuji)", English: " (— not tested)"},
	Significant:   text{Indonesian: " (signifikan)", English: " (significant)"},
	ChangeVs:      text{Indonesian: "perubahan dari %s", English: "change vs %s"},
	Change:        text{Indonesian: "perubahan", English: "change"},
	NegativeAlpha: text{Indonesian: "alfa negatif: butir-butirnya tidak mengukur hal yang sama di sini", English: "negative alpha: the items do not hang together here"},
	Heads: [8]text{{Indonesian: "indeks", English: "index"}, {Indonesian: "nilai", English: "value"}, {Indonesian: "kategori", English: "band"},
		{Indonesian: "n", English: "n"}, {Indonesian: "95% rentang", English: "95% CI"}, {Indonesian: "alfa", English: "alpha"},
		{Indonesian: "target", English: "target"}, {Indonesian: "capaian", English: "attainment"}},
	Verdicts: map[string]text{
		scoring.TargetReached:     {Indonesian: "tercapai", English: "reached"},
		scoring.TargetWithinNoise: {Indonesian: "dalam batas ketidakpastian", English: "within noise"},
		scoring.TargetNotReached:  {Indonesian: "belum tercapai", English: "not reached"},
	},
	Rows: map[string]text{
		"implementation":             {Indonesian: "Indeks BerAKHLAK (implementasi)", English: "BerAKHLAK index (implementation)"},
		"entropy":                    {Indonesian: "entropi budaya", English: "cultural entropy"},
		"positive_energy":            {Indonesian: "energi positif", English: "positive energy"},
		"balance":                    {Indonesian: "keseimbangan", English: "balance"},
		"alignment_personal_current": {Indonesian: "keselarasan pribadi–saat ini", English: "alignment personal–current"},
		"alignment_current_desired":  {Indonesian: "keselarasan saat ini–harapan", English: "alignment current–desired"},
		"culture_health":             {Indonesian: "kesehatan budaya", English: "culture health"},
		"engagement":                 {Indonesian: "keterikatan pegawai", English: "engagement"},
		"workplace_recommendation":   {Indonesian: "rekomendasi tempat kerja", English: "workplace recommendation"},
		"retention_intention":        {Indonesian: "niat bertahan (%)", English: "retention intention (%)"},
		"employer_branding":          {Indonesian: "citra pemberi kerja", English: "employer branding"},
		"attractiveness":             {Indonesian: "  daya tarik", English: "  attractiveness"},
		"intention":                  {Indonesian: "  niat melamar", English: "  intention"},
		// families and shares a group may leave out (--json's codes)
		scoring.FamilyValues:                {Indonesian: "keselarasan nilai", English: "values alignment"},
		scoring.ShareEngagementClasses:      {Indonesian: "kelas keterikatan", English: "engagement classes"},
		scoring.ShareHighIntention:          {Indonesian: "niat tinggi melamar", English: "high intention"},
		scoring.ShareReasons:                {Indonesian: "alasan", English: "reasons"},
		scoring.ShareBrandingRecommendation: {Indonesian: "rekomendasi citra", English: "branding recommendation"},
		scoring.ShareValueJumps:             {Indonesian: "lompatan nilai", English: "value jumps"},
	},
}

// audienceWords name the audiences.
var audienceWords = map[string]text{
	questionnaire.AudienceASN:    {Indonesian: "ASN", English: "ASN"},
	questionnaire.AudiencePublic: {Indonesian: "umum", English: "public"},
}

// bandLabels are the bands' names in each language.
var bandLabels = map[string]text{
	scoring.BandA: {Indonesian: "Sehat", English: "Healthy"}, scoring.BandB: {Indonesian: "Cukup Sehat", English: "Fairly healthy"},
	scoring.BandC: {Indonesian: "Tidak Sehat", English: "Unhealthy"}, scoring.BandD: {Indonesian: "Sangat Tidak Sehat", English: "Very unhealthy"},
}

// entropyBands name cultural entropy's bands, where lower is healthier.
var entropyBands = map[string]text{
	scoring.EntropyHealthy: {Indonesian: "sehat", English: "healthy"}, scoring.EntropyMinor: {Indonesian: "ringan", English: "minor"},
	scoring.EntropySignificant: {Indonesian: "cukup berarti", English: "significant"}, scoring.EntropySerious: {Indonesian: "serius", English: "serious"},
	scoring.EntropyCritical: {Indonesian: "kritis", English: "critical"},
}

// measureWords names the measures a group leaves out, in the language
// (their --json codes where no word is kept).
func measureWords(codes []string, lang string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = c
		if w, ok := scoresUI.Rows[c]; ok {
			out[i] = w.In(lang)
		}
	}
	return out
}
