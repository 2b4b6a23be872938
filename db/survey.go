package db

import (
	"fmt"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// Survey is one period of the survey with its settings.
type Survey struct {
	ID      string              `json:"id"`
	Open    bool                `json:"open"`
	K       int                 `json:"k"`       // minimum group size
	Modules map[string][]string `json:"modules"` // modules asked, per audience
}

// DefaultSurvey is the survey a fresh database gets: every module, k = 5, open.
func DefaultSurvey(id string) Survey {
	return Survey{
		ID:   id,
		Open: true,
		K:    5,
		Modules: map[string][]string{
			"asn":    {"implementation", "values", "engagement", "demographics"},
			"public": {"branding", "demographics"},
		},
	}
}

// LatestSurvey returns the survey with the highest id (periods sort by year).
func (s *Store) LatestSurvey() (Survey, error) {
	var all []Survey
	err := s.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSurveys).ForEach(func(k, _ []byte) error {
			var sv Survey
			if _, err := getJSON(tx.Bucket(bucketSurveys), k, &sv); err != nil {
				return err
			}
			all = append(all, sv)
			return nil
		})
	})
	if err != nil {
		return Survey{}, fmt.Errorf("read surveys: %w", err)
	}
	if len(all) == 0 {
		return Survey{}, fmt.Errorf("the database has no survey: create one with `berakhlak survey create`")
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	return all[len(all)-1], nil
}
