package interchange

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// A bundle carries a kiosk's responses by USB: gzip-compressed JSON lines,
// a header line, one line per response and a trailer with the count and the
// SHA-256 of the response lines, so a copy cut short is refused whole.
// Importing one goes through import's checks and idempotent save: a bundle
// imported twice, or one whose responses also arrived over NATS, stores
// each response once.
const bundleVersion = 1

type bundleHeader struct {
	Bundle int `json:"berakhlak_bundle"`
}

type bundleTrailer struct {
	End       bool   `json:"bundle_end"`
	Responses int    `json:"responses"`
	SHA256    string `json:"sha256"`
}

// EachLine gives stored records as lines (without the newline): a response's
// interchange JSON, or a sealed record (db/sealed.go), carried as it is.
type EachLine func(fn func(line []byte) error) error

// WriteBundle writes every line each gives as a bundle to w, and returns
// how many.
func WriteBundle(w io.Writer, each EachLine) (int, error) {
	zw := gzip.NewWriter(w)
	bw := bufio.NewWriter(zw)
	if err := writeJSONLine(bw, bundleHeader{Bundle: bundleVersion}); err != nil {
		return 0, err
	}
	sum := sha256.New()
	n := 0
	err := each(func(line []byte) error {
		sum.Write(line)
		sum.Write([]byte{'\n'})
		n++
		bw.Write(line)
		return bw.WriteByte('\n')
	})
	if err != nil {
		return 0, err
	}
	if err := writeJSONLine(bw, bundleTrailer{End: true, Responses: n, SHA256: hex.EncodeToString(sum.Sum(nil))}); err != nil {
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return n, zw.Close()
}

func writeJSONLine(w io.Writer, v any) error {
	line, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(append(line, '\n'))
	return err
}

// IsBundle reports whether the file at path is a bundle (it starts with
// gzip's magic bytes).
func IsBundle(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	magic := make([]byte, 2)
	if _, err := io.ReadFull(f, magic); err != nil {
		return false, nil // too short for a bundle; import reports it as lines
	}
	return magic[0] == 0x1f && magic[1] == 0x8b, nil
}

// UnpackBundle checks a bundle whole (header, trailer, count, checksum) and
// writes its response lines to a temporary file for import; the caller
// removes it. A damaged or cut bundle is refused whole, saying so.
func UnpackBundle(path string) (string, error) {
	damaged := func(why string) error {
		return fmt.Errorf("%s: the bundle is damaged or incomplete (%s); copy it again from the kiosk (`berakhlak export --bundle`); nothing was stored", path, why)
	}
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", damaged(err.Error())
	}
	out, err := os.CreateTemp("", "berakhlak-bundle-*.jsonl")
	if err != nil {
		return "", fmt.Errorf("unpack %s: %w", path, err)
	}
	err = copyBundleLines(zr, out)
	if cerr := out.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("unpack %s: %w", path, cerr)
	}
	if err != nil {
		os.Remove(out.Name())
		var bad bundleDamage
		if errors.As(err, &bad) {
			return "", damaged(string(bad))
		}
		return "", err
	}
	return out.Name(), nil
}

// bundleDamage is a reason a bundle cannot be trusted.
type bundleDamage string

func (b bundleDamage) Error() string { return string(b) }

// copyBundleLines copies the response lines to out and checks them against
// the header and trailer.
func copyBundleLines(r io.Reader, out io.Writer) error {
	sum := sha256.New()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	var header bundleHeader
	if !sc.Scan() || json.Unmarshal(sc.Bytes(), &header) != nil || header.Bundle == 0 {
		return bundleDamage("no bundle header")
	}
	if header.Bundle > bundleVersion {
		return fmt.Errorf("bundle version %d was written by a newer berakhlak: upgrade this one", header.Bundle)
	}
	var trailer bundleTrailer
	n := 0
	for sc.Scan() {
		line := sc.Bytes()
		if bytes.HasPrefix(line, []byte(`{"bundle_end"`)) {
			if err := json.Unmarshal(line, &trailer); err != nil {
				return bundleDamage("unreadable trailer")
			}
			break
		}
		sum.Write(line)
		sum.Write([]byte{'\n'})
		n++
		if _, err := out.Write(append(bytes.Clone(line), '\n')); err != nil {
			return fmt.Errorf("unpack: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		return bundleDamage(err.Error())
	}
	switch {
	case !trailer.End:
		return bundleDamage(fmt.Sprintf("it ends after %d responses without its trailer", n))
	case trailer.Responses != n:
		return bundleDamage(fmt.Sprintf("%d responses where the trailer says %d", n, trailer.Responses))
	case trailer.SHA256 != hex.EncodeToString(sum.Sum(nil)):
		return bundleDamage("checksum mismatch")
	}
	return nil
}
