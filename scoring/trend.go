package scoring

import "github.com/berakhlak/berakhlak/questionnaire"

// MinTrendSurveys is the fewest surveys a trend is drawn over.
const MinTrendSurveys = 3

// TrendSurvey is one survey's figures of a group, for a trend.
type TrendSurvey struct {
	Survey     string
	Instrument string // the instrument version it asked ("" not recorded)
	Scores     *Scores
}

// TrendKeys are the indices a trend follows: the headline indices, then the
// seven values.
func TrendKeys() (headline, values []string) {
	headline = []string{"implementation", "culture_health", "engagement", "employer_branding"}
	for _, v := range questionnaire.CoreValues {
		values = append(values, "implementation."+v)
	}
	return headline, values
}

// JoinTrend is the run of surveys, oldest first, that ends with the last
// and asked one recorded instrument version throughout: surveys on another
// version, or on one not recorded, may have asked other items, and are not
// joined. brokenBy is the latest survey left out for that (nil: none).
func JoinTrend(surveys []TrendSurvey) (joined []TrendSurvey, brokenBy *TrendSurvey) {
	if len(surveys) == 0 {
		return nil, nil
	}
	last := surveys[len(surveys)-1]
	i := len(surveys) - 1
	for i > 0 && last.Instrument != "" && surveys[i-1].Instrument == last.Instrument {
		i--
	}
	if i > 0 {
		brokenBy = &surveys[i-1]
	}
	return surveys[i:], brokenBy
}

// TrendPoint is one survey's figure of an index; nil Stat: not shown then.
type TrendPoint struct {
	Survey string
	Stat   *Stat
}

// TrendOf is an index over joined surveys.
func TrendOf(joined []TrendSurvey, key string) []TrendPoint {
	out := make([]TrendPoint, len(joined))
	for i, s := range joined {
		out[i].Survey = s.Survey
		if st, ok := IndexStats(s.Scores)[key]; ok {
			out[i].Stat = &st
		}
	}
	return out
}
