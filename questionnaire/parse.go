package questionnaire

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed default.yaml
var defaultYAML []byte

// DefaultFile is the name under which the embedded instrument is reported.
const DefaultFile = "default.yaml (embedded)"

// Default returns the instrument embedded in the binary.
func Default() *Instrument {
	in, err := Parse(DefaultFile, defaultYAML)
	if err != nil {
		// The embedded file is checked by the tests; failing here is a build defect.
		panic(fmt.Sprintf("embedded instrument is invalid: %v", err))
	}
	return in
}

// DefaultYAML returns the text of the embedded instrument, a starting point for
// a custom one.
func DefaultYAML() []byte { return bytes.Clone(defaultYAML) }

// Load reads and validates an instrument file.
func Load(path string) (*Instrument, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read instrument: %w", err)
	}
	defer f.Close()
	// Read one byte past the limit, so a larger file is refused without
	// reading it whole.
	data, err := io.ReadAll(io.LimitReader(f, MaxInstrumentBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read instrument: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes and validates an instrument. Any problem is returned as
// *ProblemList naming file and line of each.
func Parse(file string, data []byte) (*Instrument, error) {
	if p := sizeProblem(len(data)); p != nil {
		return nil, &ProblemList{File: file, Problems: []Problem{*p}}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var in Instrument
	if err := dec.Decode(&in); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &ProblemList{File: file, Problems: []Problem{{Line: 1, Msg: "the file is empty; start from `berakhlak instrument --yaml`"}}}
		}
		return nil, &ProblemList{File: file, Problems: yamlProblems(err)}
	}
	cleanTexts(&in)
	if probs := Validate(&in); len(probs) > 0 {
		return nil, &ProblemList{File: file, Problems: probs}
	}
	registerCatalogue(&in)
	return &in, nil
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// yamlProblems splits a yaml error (which may list several lines) into problems.
func yamlProblems(err error) []Problem {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	var out []Problem
	for _, m := range msgs {
		p := Problem{Msg: "YAML syntax: " + m}
		if sm := yamlLine.FindStringSubmatch(m); sm != nil {
			p.Line, _ = strconv.Atoi(sm[1])
			p.Msg = "YAML: " + sm[2]
		}
		out = append(out, p)
	}
	return out
}

// decodeStrict decodes n into v, first rejecting mapping keys that v does not
// have: yaml's KnownFields does not reach into custom unmarshalers.
func decodeStrict(n *yaml.Node, v any) error {
	if n.Kind == yaml.MappingNode {
		known := yamlFields(reflect.TypeOf(v).Elem())
		var unknown []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if !known[k.Value] {
				unknown = append(unknown, fmt.Sprintf("line %d: field %s is not known here (known: %s)", k.Line, k.Value, strings.Join(sortedKeys(known), ", ")))
			}
		}
		if len(unknown) > 0 {
			return &yaml.TypeError{Errors: unknown}
		}
	}
	return n.Decode(v)
}

// yamlFields lists the yaml keys of a struct type.
func yamlFields(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			out[name] = true
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// The UnmarshalYAML methods below record the line of each element so that
// validation messages can point at it.

func (s *Scale) UnmarshalYAML(n *yaml.Node) error {
	type plain Scale
	s.Line = n.Line
	return decodeStrict(n, (*plain)(s))
}

func (s *Section) UnmarshalYAML(n *yaml.Node) error {
	type plain Section
	s.Line = n.Line
	return decodeStrict(n, (*plain)(s))
}

func (it *Item) UnmarshalYAML(n *yaml.Node) error {
	type plain Item
	it.Line = n.Line
	return decodeStrict(n, (*plain)(it))
}

func (o *Option) UnmarshalYAML(n *yaml.Node) error {
	type plain Option
	o.Line = n.Line
	return decodeStrict(n, (*plain)(o))
}

func (v *Value) UnmarshalYAML(n *yaml.Node) error {
	type plain Value
	v.Line = n.Line
	return decodeStrict(n, (*plain)(v))
}

func (r *Reason) UnmarshalYAML(n *yaml.Node) error {
	type plain Reason
	r.Line = n.Line
	return decodeStrict(n, (*plain)(r))
}
