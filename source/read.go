package source

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

// Format is an input format that Read understands.
type Format string

// The formats Read understands.
const (
	FormatText     Format = "text"     // plain text
	FormatMarkdown Format = "markdown" // Markdown, with optional YAML-style front matter
	FormatHTML     Format = "html"     // a web page: its article text and metadata
	FormatPDF      Format = "pdf"      // a PDF's text layer
	FormatJSONL    Format = "jsonl"    // JSON Lines: one report object a line
	FormatJSON     Format = "json"     // one JSON report object, or an array of them
	FormatFeed     Format = "feed"     // an RSS, Atom or JSON feed: one report an item
)

// Formats lists every format in a stable order.
var Formats = []Format{FormatText, FormatMarkdown, FormatHTML, FormatPDF, FormatJSONL, FormatJSON, FormatFeed}

// ParseFormat reads a format name, case-insensitively; "md", "htm",
// "ndjson", "rss" and "atom" are accepted too.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text", "txt", "plain":
		return FormatText, nil
	case "markdown", "md":
		return FormatMarkdown, nil
	case "html", "htm":
		return FormatHTML, nil
	case "pdf":
		return FormatPDF, nil
	case "jsonl", "ndjson", "jsonlines":
		return FormatJSONL, nil
	case "json":
		return FormatJSON, nil
	case "feed", "rss", "atom":
		return FormatFeed, nil
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", actorgraph.Errorf(actorgraph.EInvalid, "unknown format %q (want one of %s)", s, strings.Join(names, ", "))
}

// extFormats maps file extensions (lower case, with the dot) to formats.
var extFormats = map[string]Format{
	".txt": FormatText, ".text": FormatText,
	".md": FormatMarkdown, ".markdown": FormatMarkdown, ".mdown": FormatMarkdown, ".mkd": FormatMarkdown, ".mkdn": FormatMarkdown,
	".html": FormatHTML, ".htm": FormatHTML, ".xhtml": FormatHTML,
	".pdf":   FormatPDF,
	".jsonl": FormatJSONL, ".ndjson": FormatJSONL, ".jsonlines": FormatJSONL,
	".json": FormatJSON,
	".rss":  FormatFeed, ".atom": FormatFeed, ".xml": FormatFeed,
}

// Supported reports whether a file's extension names a format Read
// understands. Walk uses it to pick the reports inside directories.
func Supported(path string) bool {
	_, ok := extFormats[strings.ToLower(filepath.Ext(path))]
	return ok
}

// Options steer Read. The zero value detects the format and applies the
// default size limit.
type Options struct {
	// Format forces a format; "" detects it from the name's extension, the
	// content type and the content itself.
	Format Format
	// ContentType is a MIME type such as an HTTP Content-Type header
	// ("text/html; charset=windows-1252"); it helps detection, and its
	// charset decodes HTML and text that is not UTF-8.
	ContentType string
	// URL is where the input came from. Documents that name no URL of
	// their own get it (items of a JSON Lines file or feed with a "#L12" or
	// "#item-3" fragment added, so that each stays distinct).
	URL string
	// MaxSize is the largest input read, in bytes; MaxTextSize when <= 0.
	MaxSize int64
}

// maxTitle is the longest title kept, in bytes.
const maxTitle = 300

// Read reads the reports in r, named name in errors, and returns them as
// documents: one for plain text, Markdown, HTML and PDF; one a line for
// JSON Lines; one an item for feeds.
//
// Bad input gets an *actorgraph.Error: EInvalid for malformed, empty,
// binary or non-UTF-8 input, ETooLarge past opts.MaxSize. JSON Lines and
// JSON arrays are read line by line: bad lines are skipped, and Read
// returns the good documents together with a *BadLinesError that lists
// the skipped ones (its code is EInvalid); callers that accept partial
// input keep the documents and report the error.
//
// Published is always "YYYY-MM-DD" or empty: a date the input does not
// state is never made up.
func Read(name string, r io.Reader, opts Options) ([]actorgraph.Document, error) {
	limit := opts.MaxSize
	if limit <= 0 {
		limit = MaxTextSize
	}
	b, err := readLimited(r, name, limit)
	if err != nil {
		return nil, err
	}
	return readBytes(name, strings.ToLower(filepath.Ext(name)), b, opts)
}

// ReadPath reads the reports in one file. Documents that name no URL get
// the file's file:// URL. Use Read for standard input.
func ReadPath(path string, opts Options) ([]actorgraph.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, actorgraph.Errorf(actorgraph.ENotFound, "%s: no such file", path)
		}
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: %v", path, unwrapPathErr(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: %v", path, unwrapPathErr(err))
	}
	if st.IsDir() {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: is a directory, not a report", path)
	}
	limit := opts.MaxSize
	if limit <= 0 {
		limit = MaxTextSize
	}
	if st.Size() > limit {
		return nil, actorgraph.Errorf(actorgraph.ETooLarge,
			"%s: larger than the %s limit for one input; split it into smaller files", path, sizeLimit(limit))
	}
	if opts.URL == "" {
		opts.URL = "file://" + filepath.ToSlash(absPath(path))
	}
	return Read(path, f, opts)
}

// readLimited reads all of r, refusing more than limit bytes.
func readLimited(r io.Reader, name string, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: read: %s", name, oneLine(err.Error()))
	}
	if int64(len(b)) > limit {
		return nil, actorgraph.Errorf(actorgraph.ETooLarge,
			"%s: larger than the %s limit for one input; split it into smaller files", name, sizeLimit(limit))
	}
	return b, nil
}

// readBytes detects the format of b and reads it. ext is the extension
// that detection uses (a URL's path extension for fetched pages).
func readBytes(name, ext string, b []byte, opts Options) ([]actorgraph.Document, error) {
	f := opts.Format
	if f == "" {
		f = detect(ext, b, opts.ContentType)
	}
	var docs []actorgraph.Document
	var err error
	switch f {
	case FormatText:
		docs, err = readPlain(name, b, opts, false)
	case FormatMarkdown:
		docs, err = readPlain(name, b, opts, true)
	case FormatHTML:
		docs, err = readHTML(name, b, opts)
	case FormatPDF:
		docs, err = readPDF(name, b, opts)
	case FormatJSONL:
		docs, err = readJSONL(name, b, opts)
	case FormatJSON:
		docs, err = readJSON(name, b, opts)
	case FormatFeed:
		docs, err = readFeed(name, b, opts)
	default:
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: unknown format %q", name, f)
	}
	return docs, err
}

// DetectFormat guesses the format of an input from its file name (or URL
// path), its first bytes and an optional MIME content type. Content that
// is unmistakably a PDF wins; then a specific content type; then the
// extension; then the content.
func DetectFormat(name string, head []byte, contentType string) Format {
	ext := strings.ToLower(filepath.Ext(name))
	return detect(ext, head, contentType)
}

func detect(ext string, b []byte, contentType string) Format {
	head := sniffHead(b)
	if bytes.HasPrefix(head, []byte("%PDF-")) {
		return FormatPDF
	}
	if f, ok := mimeFormat(contentType); ok {
		if f == FormatFeed && !looksLikeFeed(head) && looksLikeHTML(head) {
			return FormatHTML
		}
		return f
	}
	if f, ok := extFormats[ext]; ok {
		switch {
		case (f == FormatJSON || f == FormatJSONL) && bytes.Contains(bytes.ToLower(head), []byte("jsonfeed.org/version")):
			return FormatFeed // a JSON Feed saved as .json
		case f == FormatFeed && !looksLikeFeed(head) && looksLikeHTML(head):
			return FormatHTML // XHTML saved as .xml
		}
		return f
	}
	return sniff(b)
}

// mimeFormat maps a specific MIME type to a format; generic types
// (application/octet-stream, text/plain from many servers) are left to
// sniffing.
func mimeFormat(contentType string) (Format, bool) {
	if contentType == "" {
		return "", false
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return FormatHTML, true
	case "application/pdf", "application/x-pdf":
		return FormatPDF, true
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return FormatFeed, true
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines", "application/ndjson":
		return FormatJSONL, true
	case "text/markdown", "text/x-markdown":
		return FormatMarkdown, true
	}
	return "", false
}

// sniffHead returns the start of b without a BOM and leading white space.
func sniffHead(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeftFunc(b, unicode.IsSpace)
	if len(b) > 4096 {
		b = b[:4096]
	}
	return b
}

func sniff(b []byte) Format {
	head := sniffHead(b)
	lower := bytes.ToLower(head)
	switch {
	case len(head) == 0:
		return FormatText
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return FormatPDF
	case head[0] == '<':
		if looksLikeFeed(head) {
			return FormatFeed
		}
		if looksLikeHTML(head) {
			return FormatHTML
		}
		if bytes.HasPrefix(lower, []byte("<?xml")) {
			return FormatFeed // the feed reader says clearly that it is not a feed
		}
		return FormatText
	case head[0] == '{' || head[0] == '[':
		if bytes.Contains(lower, []byte("jsonfeed.org/version")) {
			return FormatFeed
		}
		if head[0] == '[' {
			return FormatJSON
		}
		line := bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		line = bytes.TrimLeftFunc(line, unicode.IsSpace)
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		if json.Valid(line) {
			return FormatJSONL
		}
		return FormatJSON
	case hasFrontMatter(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))):
		return FormatMarkdown
	}
	return FormatText
}

func looksLikeFeed(head []byte) bool {
	lower := bytes.ToLower(head)
	for _, tag := range []string{"<rss", "<feed", "<rdf:rdf"} {
		if i := bytes.Index(lower, []byte(tag)); i >= 0 {
			rest := lower[i+len(tag):]
			if len(rest) == 0 || rest[0] == ' ' || rest[0] == '>' || rest[0] == '\n' || rest[0] == '\t' || rest[0] == '\r' {
				// a feed's root element comes before any <html>
				if j := bytes.Index(lower, []byte("<html")); j >= 0 && j < i {
					return false
				}
				return true
			}
		}
	}
	return false
}

func looksLikeHTML(head []byte) bool {
	lower := bytes.ToLower(head)
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p ", "<meta ", "<title", "<h1", "<h2", "<section", "<main", "<span", "<table", "<br", "<ul", "<script", "<style", "<a "} {
		if bytes.Contains(lower, []byte(tag)) {
			return true
		}
	}
	return false
}

// readPlain reads plain text, or Markdown with optional front matter.
func readPlain(name string, b []byte, opts Options, markdown bool) ([]actorgraph.Document, error) {
	b, err := decodeCharset(name, b, opts.ContentType)
	if err != nil {
		return nil, err
	}
	text, err := CheckText(b, name)
	if err != nil {
		return nil, err
	}
	doc := actorgraph.Document{URL: opts.URL, Text: text}
	if markdown {
		if fm, body, ok := parseFrontMatter(text); ok {
			if strings.TrimSpace(body) == "" {
				return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: empty: there is no text after the front matter", name)
			}
			doc.Text = body
			fm.apply(&doc)
		}
	}
	if doc.Title == "" {
		doc.Title = titleFromText(doc.Text)
	}
	if doc.Published == "" {
		doc.Published = headerDate(doc.Text)
	}
	return []actorgraph.Document{doc}, nil
}

// rxHeaderDate matches a dateline such as "Published: 2023-03-01" or
// "Date: 4 May 2024" on a line of its own.
var rxHeaderDate = regexp.MustCompile(`(?i)^(?:published|date|dated|posted|first published)(?: on)?\s*:[*_]*\s*(.{4,40})$`)

// headerDate finds the published date of a plain report in a dateline
// among its first lines, the way reports and press releases carry it.
// The text itself is left as it is; a line that does not hold a date
// yields nothing, so no date is ever guessed.
func headerDate(text string) string {
	n := 0
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(strings.Trim(strings.TrimSpace(line), "*_#"))
		if line == "" {
			continue
		}
		if n++; n > 8 {
			break
		}
		if m := rxHeaderDate.FindStringSubmatch(line); m != nil {
			if d := NormalizeDate(strings.TrimSpace(m[1])); d != "" {
				return d
			}
		}
	}
	return ""
}

// oneLine makes a library's error message fit one line of at most 300
// bytes.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	return truncate(s, 300)
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// cleanTitle collapses white space and control characters and caps the
// length.
func cleanTitle(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return truncate(strings.Join(strings.Fields(s), " "), maxTitle)
}

// titleFromText is the first non-blank line, without Markdown heading marks.
func titleFromText(text string) string {
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#"))
		if line != "" {
			return cleanTitle(line)
		}
	}
	return ""
}

// cleanText makes extracted text safe to hand on: valid UTF-8, "\n" line
// ends, no NUL or other control characters but tab and newline, no
// trailing spaces, at most one blank line in a row, trimmed.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r' || r == '\f' || r == '\v' || r == '\u2028' || r == '\u2029':
			return '\n'
		case r == '\u00a0':
			return ' '
		case unicode.IsControl(r), r == '\uFEFF':
			return -1
		}
		return r
	}, s)
	var out strings.Builder
	out.Grow(len(s))
	blank := 0
	for line := range strings.Lines(s) {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if strings.TrimSpace(line) == "" {
			blank++
			continue
		}
		if out.Len() > 0 {
			if blank > 0 {
				out.WriteString("\n\n")
			} else {
				out.WriteString("\n")
			}
		}
		blank = 0
		out.WriteString(line)
	}
	return out.String()
}
