package scoring

// Released are the figures readers may show: per audience and unit, the
// chunks of respondents a survey has released in steps of at least k
// (docs/METHODOLOGY.md "Privacy"), unit "" for the whole survey. It is a
// type of its own so that the live sums a store keeps, a different named
// type, cannot be handed to NewGroups — a compile error, not a review
// comment. Only the store makes Released values; tests build them by hand.
type Released map[string]map[string]*Aggregate
