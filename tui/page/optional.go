package page

// NewOptional returns a choice that may be left unanswered: its first
// option, numbered 0, is "prefer not to say" and sets "", and the cursor
// starts on the value held (that option when none), since leaving it there
// stores nothing and ends nothing.
func NewOptional(id, title, preferNot string, ids, labels []string, value *string) *Choice {
	c := NewChoice(id, title, append([]string{""}, ids...), append([]string{preferNot}, labels...), value)
	c.first, c.required = 0, false
	c.cursor = c.index(*value)
	return c
}
