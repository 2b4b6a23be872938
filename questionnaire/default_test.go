package questionnaire

import (
	"fmt"
	"testing"
)

// TestDefaultInstrumentFollowsMethodology checks the embedded instrument
// against docs/METHODOLOGY.md item by item, independently of the validator.
func TestDefaultInstrumentFollowsMethodology(t *testing.T) {
	in := Default()

	// Every item id of the methodology, written out here from the document.
	var want []string
	for _, v := range []string{"pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"} {
		for n := 1; n <= 3; n++ {
			want = append(want, fmt.Sprintf("impl.%s.%d", v, n))
		}
	}
	want = append(want, "values.personal", "values.current", "values.desired")
	for _, c := range []string{"vigor", "dedication", "absorption"} {
		for n := 1; n <= 3; n++ {
			want = append(want, fmt.Sprintf("eng.%s.%d", c, n))
		}
	}
	want = append(want, "eng.recommend", "eng.stay")
	for _, d := range []string{"interest", "social", "economic", "development", "application", "safety"} {
		for n := 1; n <= 2; n++ {
			want = append(want, fmt.Sprintf("brand.attr.%s.%d", d, n))
		}
	}
	want = append(want, "brand.intent.1", "brand.intent.2", "brand.intent.3", "brand.reasons", "brand.recommend")

	scaleRange := map[string][2]int{}
	for _, s := range in.Scales {
		scaleRange[s.ID] = [2]int{s.Min, s.Max}
	}
	for _, id := range want {
		audience := AudienceASN
		if id[:6] == "brand." {
			audience = AudiencePublic
		}
		it, ok := in.Item(audience, id)
		if !ok {
			t.Errorf("item %s is missing for audience %s", id, audience)
			continue
		}
		switch {
		case id == "eng.recommend" || id == "brand.recommend":
			if r := scaleRange[it.Scale]; r != [2]int{0, 10} {
				t.Errorf("%s runs %v, want 0..10", id, r)
			}
		case id[:7] == "values.":
			if it.Type != TypeValues || it.Pick != 10 {
				t.Errorf("%s is %s picking %d, want values picking 10", id, it.Type, it.Pick)
			}
		case id == "brand.reasons":
			if it.Type != TypeReasons || it.Pick != 3 {
				t.Errorf("%s is %s picking %d, want reasons picking up to 3", id, it.Type, it.Pick)
			}
		default:
			if r := scaleRange[it.Scale]; r != [2]int{1, 5} {
				t.Errorf("%s runs %v, want 1..5", id, r)
			}
		}
	}
	if got := len(in.SectionsFor(AudienceASN)) + len(in.SectionsFor(AudiencePublic)); got != len(in.Sections) {
		t.Errorf("%d sections have an audience other than asn or public", len(in.Sections)-got)
	}

	// Catalogue: at least 50 entries, at least 12 limiting, areas 1..6,
	// limiting only in 1..3, every area used, both languages everywhere.
	limiting, areas := 0, map[int]int{}
	for _, v := range in.Catalogue {
		areas[v.Area]++
		if v.Area < 1 || v.Area > 6 {
			t.Errorf("catalogue %s has area %d", v.ID, v.Area)
		}
		if v.Limiting {
			limiting++
			if v.Area > 3 {
				t.Errorf("limiting entry %s stands in area %d", v.ID, v.Area)
			}
		}
		if v.Label.Indonesian == "" || v.Label.English == "" {
			t.Errorf("catalogue %s lacks a translation", v.ID)
		}
	}
	if len(in.Catalogue) < 50 || limiting < 12 || len(areas) != 6 {
		t.Errorf("catalogue has %d entries, %d limiting, %d areas; want ≥50, ≥12, 6", len(in.Catalogue), limiting, len(areas))
	}
	if len(in.Reasons) != 10 {
		t.Errorf("reason list has %d entries, want the 10 of the methodology", len(in.Reasons))
	}
	for _, s := range in.Sections {
		for _, it := range s.Items {
			if it.Text.Indonesian == "" || it.Text.English == "" {
				t.Errorf("item %s lacks a translation", it.ID)
			}
		}
	}
	if in.Privacy.Indonesian == "" || in.Privacy.English == "" {
		t.Error("privacy notice lacks a translation")
	}
}

// TestDefaultInstrumentAsksNoIdentity: demographics are banded and never ask
// for a name, NIP, phone or e-mail (only choice items, no free text).
func TestDefaultInstrumentAsksNoIdentity(t *testing.T) {
	for _, s := range Default().Sections {
		if s.Module != ModuleDemographics {
			continue
		}
		for _, it := range s.Items {
			if it.Type != TypeChoice || !it.Optional {
				t.Errorf("demographic %s is %s (optional %v): want an optional banded choice", it.ID, it.Type, it.Optional)
			}
		}
	}
}

// The review names each pick by the label of its own list: a value's from
// the catalogue, a reason's from the reasons, never the other's.
func TestPickLabelLooksInTheItemsOwnList(t *testing.T) {
	in := Default()
	for _, c := range []struct {
		itemType, id, want string
		found              bool
	}{
		{TypeValues, "ramah-solutif", "Friendly and helpful service", true},
		{TypeReasons, "pay", "Pay and pension", true},
		{TypeReasons, "ramah-solutif", "", false},
		{TypeValues, "pay", "", false},
		{TypeValues, "no-such-value", "", false},
	} {
		label, ok := in.PickLabel(c.itemType, c.id)
		if ok != c.found || label.In(LangEN) != c.want {
			t.Errorf("PickLabel(%s, %s) = %q, %v; want %q, %v", c.itemType, c.id, label.In(LangEN), ok, c.want, c.found)
		}
	}
}
