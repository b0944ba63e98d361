package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/source"
)

// Parts of a JSON Lines file: at most this many lines or bytes each.
const (
	partLines = 256
	partBytes = 4 << 20
)

// Splitter cuts JSON Lines files into parts of whole lines that are read
// one at a time, so that a file of any size is ingested in bounded memory
// and its parts are extracted in parallel. A part is an input of its own,
// named "FILE:FIRST-LAST" after its lines.
type Splitter struct {
	mu    sync.Mutex
	parts map[string]part
}

type part struct {
	path  string
	first int // line number of the part's first line
	data  []byte
}

// NewSplitter returns an empty Splitter.
func NewSplitter() *Splitter { return &Splitter{parts: map[string]part{}} }

// IsJSONL reports whether path names a JSON Lines file.
func IsJSONL(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".jsonlines":
		return true
	}
	return false
}

// Split reads the JSON Lines file at path and yields the names of its
// parts, holding each part's lines until Read takes them; a file that
// cannot be read, or a line longer than source.MaxTextSize, is yielded as
// an error with the file's or the line's name.
func (sp *Splitter) Split(path string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		f, err := os.Open(path)
		if err != nil {
			yield(path, actorgraph.Errorf(actorgraph.EInvalid, "%s: %v", path, err))
			return
		}
		defer f.Close()
		r := bufio.NewReaderSize(f, 1<<20)
		var buf []byte
		first, line := 1, 0
		emit := func() bool {
			if len(bytes.TrimSpace(buf)) == 0 {
				buf, first = buf[:0], line+1
				return true // blank lines only: nothing to read
			}
			name := fmt.Sprintf("%s:%d-%d", path, first, line)
			sp.mu.Lock()
			sp.parts[name] = part{path: path, first: first, data: buf}
			sp.mu.Unlock()
			buf, first = nil, line+1
			if !yield(name, nil) {
				sp.mu.Lock()
				delete(sp.parts, name)
				sp.mu.Unlock()
				return false
			}
			return true
		}
		for {
			start := len(buf)
			long := false
			var err error
			for {
				var chunk []byte
				chunk, err = r.ReadSlice('\n')
				if !long {
					buf = append(buf, chunk...)
					if int64(len(buf)-start) > source.MaxTextSize {
						long, buf = true, buf[:start]
					}
				}
				if err != bufio.ErrBufferFull {
					break
				}
			}
			if len(buf) > start || long || err == nil {
				line++
			}
			if long {
				if !yield(fmt.Sprintf("%s:%d", path, line), actorgraph.Errorf(actorgraph.ETooLarge,
					"%s: line %d is longer than the %d MiB limit for one report", path, line, source.MaxTextSize>>20)) {
					return
				}
			}
			if err != nil && err != io.EOF {
				emit()
				yield(path, actorgraph.Errorf(actorgraph.EInvalid, "%s: read: %v", path, err))
				return
			}
			if err == io.EOF || line-first+1 >= partLines || len(buf) >= partBytes {
				if !emit() || err == io.EOF {
					return
				}
			}
		}
	}
}

// Read returns a ReadFunc that reads the parts Split made and passes
// every other input to read.
func (sp *Splitter) Read(read ReadFunc) ReadFunc {
	return func(ctx context.Context, input string) ([]actorgraph.Document, error) {
		sp.mu.Lock()
		p, ok := sp.parts[input]
		delete(sp.parts, input)
		sp.mu.Unlock()
		if !ok {
			return read(ctx, input)
		}
		return readPart(p)
	}
}

// readPart reads a part as a JSON Lines file of its own, then gives line
// numbers (in errors and in the URLs of documents that name none) as
// they are in the whole file.
func readPart(p part) ([]actorgraph.Document, error) {
	base := "file://" + filepath.ToSlash(abs(p.path))
	docs, err := source.Read(p.path, bytes.NewReader(p.data), source.Options{Format: source.FormatJSONL, URL: base})
	shift := p.first - 1
	if shift == 0 {
		return docs, err
	}
	for i := range docs {
		if n, ok := strings.CutPrefix(docs[i].URL, base+"#L"); ok {
			if k, e := strconv.Atoi(n); e == nil {
				docs[i].URL = base + "#L" + strconv.Itoa(k+shift)
			}
		}
	}
	var bad *source.BadLinesError
	if errors.As(err, &bad) {
		for i := range bad.Lines {
			bad.Lines[i].Line += shift
		}
	}
	return docs, err
}

func abs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
