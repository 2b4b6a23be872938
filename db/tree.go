package db

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/berakhlak/berakhlak/safetext"
)

// unitIDPattern is what a unit id may be: it reaches screens, files, keys
// and NATS subjects.
var unitIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ValidUnitID says whether id can name a unit.
func ValidUnitID(id string) bool { return unitIDPattern.MatchString(id) }

// MaxUnitOrder bounds a unit's place among its siblings.
const MaxUnitOrder = 1_000_000

// MaxUnitName bounds a unit's name, which is cleaned of anything a terminal
// could act on (CleanUnitName).
const MaxUnitName = 120

// CleanUnitName is a unit's name as it may be stored: without anything a
// terminal could act on, at most MaxUnitName characters.
func CleanUnitName(name string) string { return safetext.Clean(name, MaxUnitName, false) }

// Check tells what is wrong with a unit on its own.
func (u Unit) Check() error {
	switch {
	case u.ID == "":
		return fmt.Errorf("id is empty")
	case !ValidUnitID(u.ID):
		return fmt.Errorf("id %q may use only letters, digits and . _ - (up to 64 characters)", safetext.Clean(u.ID, 80, false))
	case u.Headcount < 0:
		return fmt.Errorf("headcount %d is not a whole number of 0 or more", u.Headcount)
	case u.Order < 0 || u.Order > MaxUnitOrder:
		return fmt.Errorf("order %d is not a whole number from 1 to %d (leave it empty to list the unit by id)", u.Order, MaxUnitOrder)
	case CleanUnitName(u.Name) != u.Name:
		return fmt.Errorf("name %q holds characters a terminal could act on, or is longer than %d characters", CleanUnitName(u.Name), MaxUnitName)
	}
	return nil
}

// TreeProblem is one thing wrong with a tree: the unit it is about (its
// index in the checked slice) and what.
type TreeProblem struct {
	Index int
	Msg   string
}

// CheckTree finds everything wrong with a tree before it replaces the
// stored one: each unit's own problems (Check), ids used twice, parents not
// in the tree, units that are their own ancestors, no root. where names a
// unit's place for a message ("line 7"; nil: "unit 7", counting from 1).
func CheckTree(units []Unit, where func(index int) string) []TreeProblem {
	if where == nil {
		where = func(i int) string { return fmt.Sprintf("unit %d", i+1) }
	}
	var out []TreeProblem
	first := map[string]int{}
	var sound []Unit
	var indexOf []int
	for i, u := range units {
		if err := u.Check(); err != nil {
			out = append(out, TreeProblem{i, err.Error()})
			continue
		}
		if j, dup := first[u.ID]; dup {
			out = append(out, TreeProblem{i, fmt.Sprintf("duplicate id %q (first on %s)", u.ID, where(j))})
			continue
		}
		first[u.ID] = i
		sound = append(sound, u)
		indexOf = append(indexOf, i)
	}
	byID := make(map[string]Unit, len(sound))
	for _, u := range sound {
		byID[u.ID] = u
	}
	for k, u := range sound {
		if u.Parent != "" && byID[u.Parent].ID == "" {
			out = append(out, TreeProblem{indexOf[k], fmt.Sprintf("parent %q of unit %q is not in the tree", u.Parent, u.ID)})
		}
	}
	for id, cycle := range cycles(sound, byID) {
		out = append(out, TreeProblem{first[id], fmt.Sprintf("unit %q is its own ancestor: %s", id, cycle)})
	}
	if len(sound) > 0 && !hasRoot(sound) {
		out = append(out, TreeProblem{0, "no unit without a parent: the tree needs a root (an empty parent)"})
	}
	return out
}

// cycles finds every unit that is its own ancestor and the chain that
// leads back to it, visiting each unit once (a chain of 200,000 units deep
// is checked in linear time).
func cycles(units []Unit, byID map[string]Unit) map[string]string {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	out := map[string]string{}
	for _, u := range units {
		var path []string
		at := map[string]int{} // position on the current path
		id := u.ID
		for id != "" && state[id] == unseen {
			state[id], at[id] = onPath, len(path)
			path = append(path, id)
			id = byID[id].Parent
		}
		if id != "" && state[id] == onPath { // the path ran into itself
			loop := path[at[id]:]
			for i, member := range loop {
				chain := append(append([]string{}, loop[i:]...), loop[:i]...)
				out[member] = strings.Join(append(chain, member), " → ")
			}
		}
		for _, p := range path {
			state[p] = done
		}
	}
	return out
}

func hasRoot(units []Unit) bool {
	for _, u := range units {
		if u.Parent == "" {
			return true
		}
	}
	return false
}
