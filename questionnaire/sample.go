package questionnaire

import "math/rand/v2"

// SampleResponse answers the instrument at random for an audience, leaving
// out each item with probability skip. Benchmarks, tests and the load
// generator use it; it draws its id from rng too, so a seed repeats a run.
func (in *Instrument) SampleResponse(rng *rand.Rand, audience, survey, unit, date string, skip float64) *Response {
	id := make([]byte, 32)
	const hexDigits = "0123456789abcdef"
	for i := range id {
		id[i] = hexDigits[rng.IntN(16)]
	}
	r := &Response{ID: string(id), Survey: survey, Unit: unit, Audience: audience, Date: date, Instrument: in.Version,
		Answers: Answers{Scale: map[string]int{}, Picks: map[string][]string{}, Choice: map[string]string{}}}
	for _, s := range in.SectionsFor(audience) {
		for _, it := range s.Items {
			if rng.Float64() < skip {
				continue
			}
			switch it.Type {
			case TypeLikert:
				sc, _ := in.ScaleByID(it.Scale)
				r.Answers.Scale[it.ID] = sc.Min + rng.IntN(sc.Max-sc.Min+1)
			case TypeValues:
				for _, i := range rng.Perm(len(in.Catalogue))[:it.Pick] {
					r.Answers.Picks[it.ID] = append(r.Answers.Picks[it.ID], in.Catalogue[i].ID)
				}
			case TypeReasons:
				for _, i := range rng.Perm(len(in.Reasons))[:1+rng.IntN(it.Pick)] {
					r.Answers.Picks[it.ID] = append(r.Answers.Picks[it.ID], in.Reasons[i].ID)
				}
			case TypeChoice:
				r.Answers.Choice[it.ID] = it.Options[rng.IntN(len(it.Options))].ID
			}
		}
	}
	return r
}
