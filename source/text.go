// Package source turns what an analyst hands actorgraph — plain text,
// Markdown with front matter, HTML pages (the article body, without
// navigation and boilerplate), PDF text layers, JSON Lines, RSS and Atom
// feeds, files, directories and URLs — into actorgraph.Documents with
// their title, URL, publisher and published date where the source states
// them (never guessed), rejecting input that is not text with a clear
// error.
//
// It imports the root package, the standard library and the parsing
// libraries of its formats; it must not import the nlp stages, the store
// or the web packages.
package source

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

// MaxTextSize is the largest report actorgraph reads in one piece
// (128 MiB). Larger inputs are refused with an ETooLarge error.
const MaxTextSize = 128 << 20

// ReadText reads one plain-text or Markdown report from r, named name in
// errors. It refuses empty input, binary data, invalid UTF-8 and input
// larger than limit bytes (MaxTextSize when limit <= 0).
func ReadText(r io.Reader, name string, limit int64) (actorgraph.Document, error) {
	if limit <= 0 {
		limit = MaxTextSize
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "%s: read: %v", name, err)
	}
	if int64(len(b)) > limit {
		return actorgraph.Document{}, actorgraph.Errorf(actorgraph.ETooLarge,
			"%s: larger than the %s limit for one report; split it into smaller files", name, sizeLimit(limit))
	}
	text, err := CheckText(b, name)
	if err != nil {
		return actorgraph.Document{}, err
	}
	return actorgraph.Document{Title: firstLine(text), Text: text}, nil
}

// ReadFile reads one report from a path, or from standard input when path
// is "-".
func ReadFile(path string, stdin io.Reader) (actorgraph.Document, error) {
	if path == "-" {
		return ReadText(stdin, "standard input", 0)
	}
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return actorgraph.Document{}, actorgraph.Errorf(actorgraph.ENotFound, "%s: no such file", path)
		}
		return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "%s: %v", path, unwrapPathErr(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "%s: %v", path, unwrapPathErr(err))
	}
	if st.IsDir() {
		return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "%s: is a directory, not a report", path)
	}
	if st.Size() > MaxTextSize {
		return actorgraph.Document{}, actorgraph.Errorf(actorgraph.ETooLarge,
			"%s: %d MiB is larger than the %d MiB limit for one report; split it into smaller files",
			path, st.Size()>>20, MaxTextSize>>20)
	}
	doc, err := ReadText(f, path, 0)
	if err != nil {
		return doc, err
	}
	doc.URL = "file://" + absPath(path)
	return doc, nil
}

// sizeLimit writes a size limit for people: in MiB, or in bytes when it is
// smaller than one MiB (a custom limit) so that it never reads "0 MiB".
func sizeLimit(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d-byte", n)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// CheckText validates b as a text report and returns it as a string, with
// a leading byte-order mark dropped.
func CheckText(b []byte, name string) (string, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(b)) == 0 {
		return "", actorgraph.Errorf(actorgraph.EInvalid, "%s: empty: there is no text to read", name)
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return "", actorgraph.Errorf(actorgraph.EInvalid, "%s: binary data (NUL byte at offset %d): not a text report", name, i)
	}
	if !utf8.Valid(b) {
		off := invalidAt(b)
		return "", actorgraph.Errorf(actorgraph.EInvalid, "%s: not valid UTF-8 (bad byte at offset %d); convert it to UTF-8 first", name, off)
	}
	return string(b), nil
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

func firstLine(text string) string {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimLeft(line, "# "))
		if line != "" {
			if len(line) > 200 {
				line = line[:200]
			}
			return line
		}
	}
	return ""
}

var _ = fmt.Sprintf
