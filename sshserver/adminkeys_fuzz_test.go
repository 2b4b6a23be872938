package sshserver

import (
	"bytes"
	"crypto/ed25519"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// FuzzAdminKeyLine reads one authorized_keys line with parseAdminKeys and
// with x/crypto/ssh's ParseAuthorizedKey, an independent reader of the same
// format, and holds them to each other:
//   - a line berakhlak takes is one x/crypto takes too, for the same key, with
//     the same unit= and from= values: berakhlak never reads a key or an
//     option a standard reader would not;
//   - a line x/crypto takes whose options are all ones berakhlak honours,
//     each written as OpenSSH documents it, berakhlak takes too: a sound line
//     (tabs between fields, say) is never refused.
func FuzzAdminKeyLine(f *testing.F) {
	key := fuzzKeyLine(f)
	for _, seed := range []string{
		key,
		"ssh-ed25519\t" + strings.TrimPrefix(key, "ssh-ed25519 "),
		`unit="dit-a" ` + key,
		`unit="dit-a",from="10.0.0.0/8,!10.1.2.3"` + "\t" + key,
		`no-port-forwarding,restrict ` + key,
		`from="192.0.2.*" ` + key,
		`command="x" ` + key,
		`unit="a \" b" ` + key,
		"  # a comment " + key,
		"\t" + key + " \r",
		`frm="x" ` + key,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.Contains(line, "\n") || len(line) > 4096 {
			return // one line; files are split before a line is read
		}
		ours, err := parseAdminKeys([]byte(line), "fuzz")
		pub, _, options, _, theirErr := gossh.ParseAuthorizedKey([]byte(line))
		if err == nil && len(ours) == 1 {
			if theirErr != nil {
				t.Fatalf("berakhlak took %q; x/crypto refuses it: %v", line, theirErr)
			}
			if !bytes.Equal(ours[0].wire, pub.Marshal()) {
				t.Fatalf("%q: berakhlak read another key than x/crypto", line)
			}
			unit, from := optionValues(options)
			if ours[0].unit != unit || strings.Join(ours[0].from, ",") != from {
				t.Fatalf("%q: berakhlak read unit %q from %q; x/crypto's options %q", line, ours[0].unit, ours[0].from, options)
			}
			return
		}
		if theirErr == nil && keyTypes[pub.Type()] && plainOptions(line, options, pub.Type()) && honoured(options) {
			t.Fatalf("x/crypto takes %q with options berakhlak honours (%q); berakhlak refuses it: %v", line, options, err)
		}
	})
}

// fuzzKeyLine is an ed25519 key's authorized_keys line, made from a fixed
// seed so the corpus is the same on every machine.
func fuzzKeyLine(f *testing.F) string {
	pub, err := gossh.NewPublicKey(ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize)).Public())
	if err != nil {
		f.Fatal(err)
	}
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pub))) + " admin"
}

// optionValues are the unquoted values of unit= and from= among options as
// x/crypto returns them (name="value", quotes and \" kept).
func optionValues(options []string) (unit, from string) {
	for _, o := range options {
		name, value, _ := strings.Cut(o, "=")
		value = strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(value, `"`), `"`), `\"`, `"`)
		switch strings.ToLower(name) {
		case "unit":
			unit = value
		case "from":
			from = value
		}
	}
	return unit, from
}

// plainOptions says the line begins with exactly the options x/crypto
// returned, joined by commas, and then the key (or the key's type first): x/crypto also skips empty
// options (",," or a leading comma), which sshd refuses and berakhlak with it.
func plainOptions(line string, options []string, keyType string) bool {
	line = strings.TrimLeft(line, blanks)
	prefix := strings.Join(options, ",")
	if len(options) == 0 {
		prefix = keyType
	}
	return strings.HasPrefix(line, prefix) && len(line) > len(prefix) && isBlank(rune(line[len(prefix)]))
}

// honoured says every option is one berakhlak carries out or may ignore,
// written plainly: a harmless option bare, unit= and from= once each with a
// quoted value free of quotes and backslashes, a unit named, the from= list
// one berakhlak can read.
func honoured(options []string) bool {
	given := map[string]bool{}
	for _, o := range options {
		name, value, hasValue := strings.Cut(o, "=")
		name = strings.ToLower(name)
		if given[name] {
			return false
		}
		given[name] = true
		if harmlessOptions[name] && !hasValue {
			continue
		}
		if name != "unit" && name != "from" || !hasValue || len(value) < 2 ||
			value[0] != '"' || value[len(value)-1] != '"' || strings.ContainsAny(value[1:len(value)-1], `"\`) {
			return false
		}
		value = value[1 : len(value)-1]
		if name == "unit" && value == "" {
			return false
		}
		if _, err := parseFrom(value); name == "from" && err != nil {
			return false
		}
	}
	return true
}
