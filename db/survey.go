package db

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// MinK is the smallest minimum group size the methodology allows.
const MinK = 3

// MaxK is the largest: a k above any unit hides every figure, and the
// admin's settings form takes three digits (it would cut a larger one).
const MaxK = 999

// Survey is one period of the survey with its settings.
type Survey struct {
	ID   string `json:"id"`
	Open bool   `json:"open"`
	K    int    `json:"k"` // minimum group size
	// SmallestK is the smallest minimum group size the survey has had since
	// its first response, and so the smallest step its figures may have
	// taken: raising k later does not enlarge the chunks already released.
	// SaveSurvey keeps it; the national view refuses an agency whose steps
	// are smaller than its own (StepK).
	SmallestK int                 `json:"smallest_k,omitempty"`
	Modules   map[string][]string `json:"modules"` // modules asked, per audience
	// PublicationMinimums are, per module, the respondents an agency needs
	// before the module's figures are shown without a warning.
	PublicationMinimums map[string]int `json:"publication_minimums,omitempty"`
	// RequireCode makes the ASN audience enter a participation code.
	RequireCode bool `json:"require_code,omitempty"`
	// Targets for the next period, by index key (e.g. "implementation",
	// "implementation.pelayanan", "engagement").
	Targets map[string]float64 `json:"targets,omitempty"`
	// UnitTargets are targets of units' own (unit → index key → target),
	// proposed from each unit's own baseline; a unit without them is held to
	// Targets.
	UnitTargets map[string]map[string]float64 `json:"unit_targets,omitempty"`
	// Recipient, an age public key ("age1…"), seals every raw response of
	// the survey to the agency's key (sealed.go).
	Recipient string `json:"recipient,omitempty"`
	// Segments names, per audience, the demographic question its segments
	// split by (SegmentItem gives the default).
	Segments map[string]string `json:"segments,omitempty"`
	// Instrument is the version of the instrument the survey asks (set when
	// it is created); trends join only surveys of one version. Empty: not
	// recorded (a survey made before this was kept).
	Instrument string `json:"instrument,omitempty"`
}

// DefaultSurvey is the survey a fresh database gets: every module, k = 5, open.
func DefaultSurvey(id string) Survey {
	return Survey{
		ID:   id,
		Open: true,
		K:    5,
		Modules: map[string][]string{
			questionnaire.AudienceASN:    slices.Clone(questionnaire.AudienceModules[questionnaire.AudienceASN]),
			questionnaire.AudiencePublic: slices.Clone(questionnaire.AudienceModules[questionnaire.AudiencePublic]),
		},
	}
}

// Carried is a new survey id with sv's settings: its minimum group size,
// modules, publication minimums, participation codes, sealing and segment
// questions, open. An agency that sealed its raw responses or asked for
// codes one year keeps doing so the next, unless it says otherwise. Nothing
// of sv's own period comes along: its targets (each survey's are set
// against its baseline), its smallest k and its instrument.
func (sv Survey) Carried(id string) Survey {
	next := DefaultSurvey(id)
	next.K = sv.K
	for aud, mods := range sv.Modules {
		next.Modules[aud] = slices.Clone(mods)
	}
	next.PublicationMinimums = maps.Clone(sv.PublicationMinimums)
	next.RequireCode = sv.RequireCode
	next.Recipient = sv.Recipient
	next.Segments = maps.Clone(sv.Segments)
	return next
}

// NewSurvey is survey id, not yet saved, with the settings of survey from
// ("": the one before id, if any; "none": the defaults), and the id they
// were taken from ("" for the defaults). It fails on a from that names no
// survey.
func (s *Store) NewSurvey(id, from string) (Survey, string, error) {
	var earlier Survey
	var found bool
	var err error
	switch from {
	case "none":
		return DefaultSurvey(id), "", nil
	case "":
		earlier, found, err = s.PreviousSurvey(id)
	default:
		earlier, found, err = s.Survey(from)
		if err == nil && !found {
			err = fmt.Errorf("survey %s does not exist, so no settings can be taken from it", from)
		}
	}
	switch {
	case err != nil:
		return Survey{}, "", err
	case !found: // the first survey: nothing to take
		return DefaultSurvey(id), "", nil
	}
	return earlier.Carried(id), earlier.ID, nil
}

// CheckSegmentQuestions reports a segment question in could not split its
// audience by: one a survey took from the year before, when the
// instrument has since changed.
func (sv Survey) CheckSegmentQuestions(in *questionnaire.Instrument) error {
	for _, audience := range slices.Sorted(maps.Keys(sv.Segments)) {
		if err := in.CheckSegmentQuestion(audience, sv.Segments[audience]); err != nil {
			return fmt.Errorf("survey %s splits %s by %s, which instrument %s cannot: %w", sv.ID, audience, sv.Segments[audience], in.Version, err)
		}
	}
	return nil
}

// Validate checks the settings a survey can be saved with.
func (sv Survey) Validate() error {
	if _, err := strconv.Atoi(sv.ID); err != nil || len(sv.ID) != 4 {
		return fmt.Errorf("survey id %q must be a year such as 2026", sv.ID)
	}
	if sv.K < MinK {
		return fmt.Errorf("minimum group size %d is below %d, the smallest the methodology allows", sv.K, MinK)
	}
	if sv.K > MaxK {
		return fmt.Errorf("minimum group size %d is above %d: give %d to %d (a k above every unit hides every figure)", sv.K, MaxK, MinK, MaxK)
	}
	if err := sv.validateModules(); err != nil {
		return err
	}
	for audience := range sv.Segments {
		if _, ok := questionnaire.AudienceModules[audience]; !ok {
			return fmt.Errorf("segments of audience %q: the audience must be %s or %s", audience, questionnaire.AudienceASN, questionnaire.AudiencePublic)
		}
	}
	for m, n := range sv.PublicationMinimums {
		if n < 0 {
			return fmt.Errorf("publication minimum of %s is negative", m)
		}
	}
	if sv.Recipient != "" {
		if _, err := age.ParseX25519Recipient(sv.Recipient); err != nil {
			return fmt.Errorf("recipient %q is not an age public key (age1…): %v; make one with `berakhlak keys init`", sv.Recipient, err)
		}
	}
	if err := validTargets(sv.Targets); err != nil {
		return err
	}
	for unit, targets := range sv.UnitTargets {
		if err := validTargets(targets); err != nil {
			return fmt.Errorf("unit %s: %w", unit, err)
		}
	}
	return nil
}

// validTargets checks targets: index keys, numbers the index can take (a
// target of −3 for a 0..100 index could never be read as reached or not).
func validTargets(targets map[string]float64) error {
	for k, v := range targets {
		if !slices.Contains(scoring.TargetKeys(), k) {
			return fmt.Errorf("%q is not an index: use one of %s", k, strings.Join(scoring.TargetKeys(), ", "))
		}
		if lo, hi := scoring.TargetRange(k); !(v >= lo && v <= hi) { // NaN too
			return fmt.Errorf("target %s = %v is outside %v..%v, the range of the index", k, v, lo, hi)
		}
	}
	return nil
}

// validateModules checks that each audience is asked only modules it can
// be asked, and that someone is asked something.
func (sv Survey) validateModules() error {
	asked := false
	for audience, modules := range sv.Modules {
		allowed, ok := questionnaire.AudienceModules[audience]
		if !ok {
			return fmt.Errorf("modules of audience %q: the audience must be %s or %s", audience, questionnaire.AudienceASN, questionnaire.AudiencePublic)
		}
		for _, m := range modules {
			if !slices.Contains(allowed, m) {
				return fmt.Errorf("module %q cannot be asked of %s: choose from %s", m, audience, strings.Join(allowed, ", "))
			}
		}
		asked = asked || len(modules) > 0
	}
	if !asked {
		return fmt.Errorf("survey %s would ask no one anything: give --asn-modules or --public-modules (an audience with none is not offered the survey)", sv.ID)
	}
	return nil
}

// Surveys returns every survey, oldest first.
func (s *Store) Surveys() ([]Survey, error) {
	var all []Survey
	err := s.bolt.View(func(tx *bolt.Tx) error {
		return eachJSON(tx.Bucket(bucketSurveys), func(_ []byte, sv Survey) error {
			all = append(all, sv)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read surveys: %w", err)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	return all, nil
}

// Survey returns one survey by id.
func (s *Store) Survey(id string) (Survey, bool, error) {
	var sv Survey
	var found bool
	err := s.bolt.View(func(tx *bolt.Tx) error {
		var err error
		found, err = getJSON(tx.Bucket(bucketSurveys), []byte(id), &sv)
		return err
	})
	if err != nil {
		return Survey{}, false, fmt.Errorf("read survey %s: %w", id, err)
	}
	return sv, found, nil
}

// LatestSurvey returns the survey with the highest id (periods sort by year).
func (s *Store) LatestSurvey() (Survey, error) {
	all, err := s.Surveys()
	if err != nil {
		return Survey{}, err
	}
	if len(all) == 0 {
		return Survey{}, fmt.Errorf("the database has no survey: create one with `berakhlak survey create`")
	}
	return all[len(all)-1], nil
}

// PreviousSurvey returns the survey before id (periods sort by year), if
// any: the one whose figures are id's baseline and targets.
func (s *Store) PreviousSurvey(id string) (Survey, bool, error) {
	all, err := s.Surveys()
	if err != nil {
		return Survey{}, false, err
	}
	i, _ := slices.BinarySearchFunc(all, id, func(sv Survey, id string) int { return strings.Compare(sv.ID, id) })
	if i == 0 {
		return Survey{}, false, nil
	}
	return all[i-1], true, nil
}

// SaveSurvey creates or replaces a survey's settings. Saving it closed
// makes the final release of its figures in the same transaction.
func (s *Store) SaveSurvey(sv Survey) error {
	if err := sv.Validate(); err != nil {
		return err
	}
	var aggs *aggCache
	err := s.bolt.Update(func(tx *bolt.Tx) error {
		if err := modulesFixed(tx, sv); err != nil {
			return err
		}
		if err := segmentsFixed(tx, sv); err != nil {
			return err
		}
		var err error
		if sv.SmallestK, err = smallestK(tx, sv); err != nil {
			return err
		}
		if err := putJSON(tx.Bucket(bucketSurveys), []byte(sv.ID), sv); err != nil {
			return err
		}
		if sv.Open {
			return nil
		}
		aggs = newAggCache(tx, &s.aggs)
		// Groups still only in the journal must be in the aggregates bucket.
		if err := checkpoint(tx, aggs); err != nil {
			return err
		}
		if err := aggs.finalRelease(sv.ID); err != nil {
			return err
		}
		return aggs.takeSegments(sv)
	})
	if err != nil {
		s.forgetFailed(aggs)
		return fmt.Errorf("save survey %s: %w", sv.ID, err)
	}
	if !sv.Open {
		s.journaled.committed(0, true)
	}
	s.announce(0) // open admin screens show the new settings (k, targets, release)
	return nil
}

// StepK is the smallest number of respondents by which the survey's figures
// have moved: its SmallestK, or k for a survey saved before it was kept.
func (sv Survey) StepK() int {
	if sv.SmallestK > 0 {
		return min(sv.SmallestK, sv.K)
	}
	return sv.K
}

// smallestK is sv's SmallestK as it is saved: its k while it has no
// response, then never above any k it has had since.
func smallestK(tx *bolt.Tx, sv Survey) (int, error) {
	var old Survey
	found, err := getJSON(tx.Bucket(bucketSurveys), []byte(sv.ID), &old)
	if err != nil || !found {
		return sv.K, err
	}
	byUnit, _, err := liveCounts(tx, sv.ID)
	if err != nil {
		return 0, err
	}
	for _, units := range byUnit {
		for _, n := range units {
			if n > 0 {
				return min(old.StepK(), sv.K), nil
			}
		}
	}
	return sv.K, nil
}

// ErrModulesFixed: an audience's modules cannot change once it has
// responses.
var ErrModulesFixed = errors.New("the modules of an audience with responses are fixed")

// modulesFixed refuses new modules for an audience that already has
// responses in the survey: its figures would mix respondents asked
// different things, and a module added later would rest on a few
// respondents only.
func modulesFixed(tx *bolt.Tx, sv Survey) error {
	var old Survey
	found, err := getJSON(tx.Bucket(bucketSurveys), []byte(sv.ID), &old)
	if err != nil || !found {
		return err
	}
	var changed []string
	for _, audience := range []string{questionnaire.AudienceASN, questionnaire.AudiencePublic} {
		a, b := slices.Clone(old.Modules[audience]), slices.Clone(sv.Modules[audience])
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			changed = append(changed, audience)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	byUnit, _, err := liveCounts(tx, sv.ID)
	if err != nil {
		return err
	}
	for _, audience := range changed {
		var n int64
		for _, c := range byUnit[audience] {
			n += c
		}
		if n > 0 {
			return fmt.Errorf("survey %s: the %s audience has %d responses: %w (its figures would mix respondents asked different things); create the next survey for other modules", sv.ID, audience, n, ErrModulesFixed)
		}
	}
	return nil
}
