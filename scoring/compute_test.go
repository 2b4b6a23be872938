package scoring

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestImplementationByHand: two respondents.
// R1: pelayanan 1,2,3 (POMP 0, 25, 50 → 25), every other value 5 (→ 100).
// R2: pelayanan 5,5,5 (→ 100), every other value 3 (→ 50).
// pelayanan index = (25 + 100)/2 = 62.5; the six others (100 + 50)/2 = 75.
// Indeks BerAKHLAK = (62.5 + 6·75)/7 = 512.5/7.
func TestImplementationByHand(t *testing.T) {
	a := aggregateOf(
		asn(implAnswers(5, map[string][3]int{"pelayanan": {1, 2, 3}}), nil),
		asn(implAnswers(3, map[string][3]int{"pelayanan": {5, 5, 5}}), nil),
	)
	s := Compute(a, nil, instrument)
	im := s.Implementation
	near(t, "pelayanan", im.Values["pelayanan"].Index, 62.5)
	near(t, "akuntabel", im.Values["akuntabel"].Index, 75)
	near(t, "implementation", im.Index, 512.5/7)
	if im.Band != "B" || im.Values["pelayanan"].Band != "B" {
		t.Errorf("bands %s, %s; want B", im.Band, im.Values["pelayanan"].Band)
	}
	// SD of respondent scores 25 and 100: mean 62.5, variance 2·37.5²/1.
	near(t, "pelayanan SD", *im.Values["pelayanan"].SD, math.Sqrt(2*37.5*37.5))
	// Alpha of pelayanan: item variances var(1,5)=8, var(2,5)=4.5, var(3,5)=2;
	// totals 6 and 15 have variance 40.5; α = 3/2·(1 − 14.5/40.5).
	alpha, _ := a.Scales[ValueScale("pelayanan")].alpha()
	near(t, "pelayanan alpha", alpha, 1.5*(1-14.5/40.5))
	if st := im.Values["pelayanan"]; st.Alpha != nil || st.AlphaNote != AlphaTooFew {
		t.Errorf("α shown at n = 2 (%v, %q): it needs n ≥ %d", st.Alpha, st.AlphaNote, MinNForAlpha)
	}
	if im.Values["pelayanan"].CI95 != nil {
		t.Error("a CI is shown for n = 2; it needs n ≥ 30")
	}
}

// TestPublished2022Index: the national 2022 implementation index 60.9 from
// its seven published value indices.
func TestPublished2022Index(t *testing.T) {
	got := ImplementationIndex([]float64{57.9, 74.1, 56.7, 63.8, 65.8, 38.9, 69.4})
	if math.Round(got*10)/10 != 60.9 {
		t.Fatalf("implementation index %.4f rounds to %.1f, want 60.9", got, math.Round(got*10)/10)
	}
}

// TestEngagementByHand: four respondents.
// R1 all 5 → 100 (engaged); R2 vigor 4, dedication 3, absorption 2 → total 27
// → 50 (not engaged: 50 is the lower edge); R3 all 2 → 25 (disengaged);
// R4 all 4 → 75 (engaged: 75 is the lower edge).
// Index (100 + 50 + 25 + 75)/4 = 62.5; classes 50 %, 25 %, 25 %.
// Recommend 10, 9, 6, 7 → promoters 2/4, detractors 1/4 → 25.
// Stay 5, 4, 3, 1 → 2/4 answer 4 or 5 → 50 %.
func TestEngagementByHand(t *testing.T) {
	a := aggregateOf(
		asn(engAnswers(5, 5, 5, 10, 5), nil),
		asn(engAnswers(4, 3, 2, 9, 4), nil),
		asn(engAnswers(2, 2, 2, 6, 3), nil),
		asn(engAnswers(4, 4, 4, 7, 1), nil),
	)
	s := Compute(a, nil, instrument)
	near(t, "engagement", s.Engagement.Index, 62.5)
	near(t, "engaged", *s.Engagement.Engaged, 50)
	near(t, "not engaged", *s.Engagement.NotEngaged, 25)
	near(t, "disengaged", *s.Engagement.Disengaged, 25)
	// vigor: 5, 4, 2, 4 → POMP 100, 75, 25, 75 → 68.75
	near(t, "vigor", s.Engagement.Constructs["vigor"].Index, 68.75)
	near(t, "workplace recommendation", s.WorkplaceRecommendation.Index, 25)
	near(t, "retention", s.RetentionIntention.Index, 50)
	if s.Implementation != nil || s.Entropy != nil {
		t.Error("indices without data are not nil")
	}
}

// Two respondents' values answers for the values tests.
//
// Current culture votes: 2 each for kesehatan, kekeluargaan, profesional,
// kontrol-berlebihan, gosip, birokratis; 1 each for inovatif, proaktif,
// stabilitas, efisiensi, kepercayaan, pengabdian, pilih-kasih, lamban.
// The top 10 take the six with 2 votes and the four 1-vote entries earliest
// in the catalogue: inovatif (16), proaktif (17), stabilitas (24),
// efisiensi (29) — kepercayaan (36) ties at 10th place and loses.
var (
	personal = []string{"jujur-disiplin", "kualitas-terbaik", "kekeluargaan", "profesional", "inovatif", "proaktif", "kepercayaan", "pengabdian", "keadilan", "etika"}
	desired  = []string{"inovatif", "proaktif", "kepercayaan", "transparansi", "keadilan", "profesional", "efisiensi", "pemberdayaan", "visi-bersama", "gotong-royong"}
	current1 = []string{"kontrol-berlebihan", "gosip", "birokratis", "kesehatan", "kekeluargaan", "profesional", "inovatif", "proaktif", "kepercayaan", "pengabdian"}
	current2 = []string{"kontrol-berlebihan", "gosip", "birokratis", "pilih-kasih", "lamban", "kesehatan", "kekeluargaan", "profesional", "efisiensi", "stabilitas"}
)

func valuesAnswers(current []string) map[string][]string {
	return map[string][]string{"values.personal": personal, "values.current": current, "values.desired": desired}
}

func TestValuesByHand(t *testing.T) {
	a := aggregateOf(asn(nil, valuesAnswers(current1)), asn(nil, valuesAnswers(current2)))
	s := Compute(a, nil, instrument)

	// Limiting current votes: R1 3 (kontrol, gosip, birokratis), R2 5 (those
	// and pilih-kasih, lamban): 8 of 20 → entropy 40, "serious" (≤ 40).
	near(t, "entropy", s.Entropy.Index, 40)
	if s.Entropy.Band != EntropySerious {
		t.Errorf("entropy band %s, want serious", s.Entropy.Band)
	}
	near(t, "positive energy", s.PositiveEnergy.Index, 60)

	// Current votes by area: 1: kontrol×2, kesehatan×2, stabilitas = 5;
	// 2: gosip×2, kekeluargaan×2, pilih-kasih = 5; 3: birokratis×2,
	// profesional×2, lamban, efisiensi = 6; 4: inovatif, proaktif = 2;
	// 5: kepercayaan = 1; 6: pengabdian = 1. Shares .25 .25 .3 .1 .05 .05.
	h := -(2*0.25*math.Log(0.25) + 0.3*math.Log(0.3) + 0.1*math.Log(0.1) + 2*0.05*math.Log(0.05))
	near(t, "balance", s.Balance.Index, 100*h/math.Log(6))

	wantCurrent := []string{"kesehatan", "kekeluargaan", "profesional", "kontrol-berlebihan", "gosip", "birokratis", "inovatif", "proaktif", "stabilitas", "efisiensi"}
	if !reflect.DeepEqual(s.Top10.Current, wantCurrent) {
		t.Errorf("top10 current %v, want %v", s.Top10.Current, wantCurrent)
	}
	// top10(P) ∩ top10(C) = kekeluargaan, profesional, inovatif, proaktif → 40.
	near(t, "alignment personal-current", s.AlignmentPersonalCurrent.Index, 40)
	// top10(C) ∩ top10(D) = inovatif, proaktif, profesional, efisiensi → 40
	// (efisiensi is in only by the tie-break).
	near(t, "alignment current-desired", s.AlignmentCurrentDesired.Index, 40)
	// Per respondent: |P∩C| R1 6, R2 2 → mean 4 → 40; |C∩D| R1 4, R2 2 → 30.
	near(t, "respondent P-C", s.AlignmentPersonalCurrent.Respondent.Index, 40)
	near(t, "respondent C-D", s.AlignmentCurrentDesired.Respondent.Index, 30)
	near(t, "respondent P-C SD", *s.AlignmentPersonalCurrent.Respondent.SD, math.Sqrt(2*20*20))

	// Jumps: pemberdayaan, transparansi, keadilan, visi-bersama and
	// gotong-royong are desired by 100 % and current for 0 % → +100; the
	// first in catalogue order is pemberdayaan (33). kesehatan is current
	// for 100 % and desired by none → −100.
	if j := s.ValueJumps[0]; j.ID != "pemberdayaan" || j.Jump != 100 {
		t.Errorf("largest jump %+v, want pemberdayaan +100", j)
	}
	jumpOf := map[string]float64{}
	for _, j := range s.ValueJumps {
		jumpOf[j.ID] = j.Jump
	}
	near(t, "jump inovatif", jumpOf["inovatif"], 50) // 100 − 50
	near(t, "jump profesional", jumpOf["profesional"], 0)
	near(t, "jump kesehatan", jumpOf["kesehatan"], -100)
}

// TestCultureHealthByHand combines the two data sets above: R1 and R2 also
// answer implementation (R1 all 5 → 100, R2 all 3 → 50 → index 75).
// Culture health = (75 + balance + 60 + 40 + 40)/5.
func TestCultureHealthByHand(t *testing.T) {
	r1 := asn(implAnswers(5, nil), valuesAnswers(current1))
	r2 := asn(implAnswers(3, nil), valuesAnswers(current2))
	s := Compute(aggregateOf(r1, r2), nil, instrument)
	h := -(2*0.25*math.Log(0.25) + 0.3*math.Log(0.3) + 0.1*math.Log(0.1) + 2*0.05*math.Log(0.05))
	balance := 100 * h / math.Log(6)
	near(t, "culture health", s.CultureHealth.Index, (75+balance+60+40+40)/5)
	if s.CultureHealth.Band != Band((75+balance+60+40+40)/5) {
		t.Errorf("culture health band %s", s.CultureHealth.Band)
	}
}

// TestEmployerBrandingByHand: three public respondents.
// B1: attr all 5 (→ 100), intent 5,5,5 (→ 100) → EB 100.
// B2: attr all 3 (→ 50), intent 2,2,2 (→ 25) → EB 37.5.
// B3: interest 5,5 and the other ten attr items 1: mean (10 + 10)/12 →
// POMP (20/12 − 1)·25 = 16.667; intent 4,4,4 (→ 75) → EB 45.833.
func TestEmployerBrandingByHand(t *testing.T) {
	attr := func(v int, interest int) map[string]int {
		m := map[string]int{}
		for _, d := range questionnaire.BrandDimensions {
			for n := 1; n <= 2; n++ {
				m[questionnaire.BrandAttrItem(d, n)] = v
				if d == "interest" {
					m[questionnaire.BrandAttrItem(d, n)] = interest
				}
			}
		}
		return m
	}
	with := func(m map[string]int, intent, recommend int) map[string]int {
		for n := 1; n <= 3; n++ {
			m[questionnaire.BrandIntentItem(n)] = intent
		}
		m[questionnaire.ItemBrandRecommend] = recommend
		return m
	}
	a := aggregateOf(
		public(with(attr(5, 5), 5, 10), []string{"nation", "pay"}),
		public(with(attr(3, 3), 2, 6), []string{"pay"}),
		public(with(attr(1, 5), 4, 8), []string{"security", "pay", "development"}),
	)
	b := Compute(nil, a, instrument).EmployerBranding
	b3attr := (20.0/12 - 1) * 25
	near(t, "attractiveness", b.Attractiveness.Index, (100+50+b3attr)/3)
	near(t, "intention", b.Intention.Index, (100+25+75)/3.0)
	near(t, "employer branding", b.Index, (100+37.5+(b3attr+75)/2)/3)
	near(t, "interest", b.Dimensions["interest"].Index, (100+50+100)/3.0)
	near(t, "safety", b.Dimensions["safety"].Index, (100+50+0)/3.0)
	near(t, "high intention", *b.HighIntention, 200/3.0) // B1 (5) and B3 (4) of 3
	near(t, "reason pay", b.Reasons["pay"], 100)
	near(t, "reason nation", b.Reasons["nation"], 100/3.0)
	near(t, "reason family", b.Reasons["family"], 0)
	near(t, "recommendation", b.Recommendation.Index, 0) // 1 promoter, 1 detractor of 3
}

// TestCIOnlyFromThirty: the CI is shown at n = 30, not at n = 29, and is
// mean ± 1.96·SD/√n.
func TestCIOnlyFromThirty(t *testing.T) {
	var rs []*questionnaire.Response
	for i := range 30 {
		rs = append(rs, asn(engAnswers(1+i%2*4, 1+i%2*4, 1+i%2*4, 5, 3), nil)) // scores alternate 0 and 100
	}
	if s := Compute(aggregateOf(rs[:29]...), nil, instrument); s.Engagement.CI95 != nil {
		t.Error("CI shown at n = 29")
	}
	e := Compute(aggregateOf(rs...), nil, instrument).Engagement
	// 15 × 0 and 15 × 100: mean 50, variance 30·50²/29.
	sd := math.Sqrt(30 * 50 * 50 / 29.0)
	near(t, "SD", *e.SD, sd)
	near(t, "CI low", e.CI95[0], 50-1.96*sd/math.Sqrt(30))
	near(t, "CI high", e.CI95[1], 50+1.96*sd/math.Sqrt(30))
}

func TestBands(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{{100, "A"}, {75, "A"}, {74.99, "B"}, {50, "B"}, {49.99, "C"}, {25, "C"}, {24.99, "D"}, {0, "D"}} {
		if got := Band(tc.x); got != tc.want {
			t.Errorf("Band(%v) = %s, want %s", tc.x, got, tc.want)
		}
	}
	for _, tc := range []struct {
		x    float64
		want string
	}{{10, "healthy"}, {10.01, "minor"}, {20, "minor"}, {30, "significant"}, {40, "serious"}, {40.01, "critical"}} {
		if got := EntropyBand(tc.x); got != tc.want {
			t.Errorf("EntropyBand(%v) = %s, want %s", tc.x, got, tc.want)
		}
	}
}

// TestChangeSignificance: SE = 20/√100 = 2 in both periods, so the
// threshold is 1.96·√8 ≈ 5.544: a change of 6 is significant, 5 is not.
func TestChangeSignificance(t *testing.T) {
	sd := 20.0
	before := Stat{Index: 60, N: 100, SD: &sd}
	if c := Compare(before, Stat{Index: 66, N: 100, SD: &sd}); !c.Tested || !*c.Significant || c.Delta != 6 {
		t.Errorf("Δ 6: %+v, want significant", c)
	}
	if c := Compare(before, Stat{Index: 65, N: 100, SD: &sd}); !c.Tested || *c.Significant {
		t.Errorf("Δ 5: %+v, want not significant", c)
	}
}

// TestProposeTarget: baseline 60.9 + (100 − 60.9)/10 = 64.81.
func TestProposeTarget(t *testing.T) {
	near(t, "target", ProposeTarget("implementation", 60.9), 64.81)
	near(t, "recommendation target", ProposeTarget("workplace_recommendation", -10.7), -10.7+110.7/10) // −0.63
	near(t, "entropy target", ProposeTarget("entropy", 39.4), 35.46)                                   // a decrease
}

// TestWantedMoreNamesOnlyRises: of jumps largest first, only those of at
// least half a point (shown as +1 or more) may be named, at most n.
func TestWantedMoreNamesOnlyRises(t *testing.T) {
	jumps := []Jump{{ID: "a", Jump: 30}, {ID: "b", Jump: 12.5}, {ID: "c", Jump: 0.5}, {ID: "d", Jump: 0.49}, {ID: "e", Jump: -7}}
	ids := func(js []Jump) string {
		var s []string
		for _, j := range js {
			s = append(s, j.ID)
		}
		return strings.Join(s, ",")
	}
	for _, c := range []struct {
		jumps []Jump
		n     int
		want  string
	}{
		{jumps, 5, "a,b,c"},
		{jumps, 2, "a,b"},
		{jumps[3:], 5, ""},
		{nil, 5, ""},
	} {
		if got := ids(WantedMore(c.jumps, c.n)); got != c.want {
			t.Errorf("WantedMore(%v, %d) = %q, want %q", c.jumps, c.n, got, c.want)
		}
	}
}
