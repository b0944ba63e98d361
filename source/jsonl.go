package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

// LineError is one record of a JSON Lines or JSON file that Read skipped.
type LineError struct {
	Line int    // 1-based line number (JSON Lines) or item number (JSON array)
	Msg  string // why it was skipped
}

// BadLinesError lists the records of a JSON Lines (or JSON array) input
// that Read skipped; the documents Read returned with it are the good
// ones. Its code is EInvalid: ErrorCode(err) == actorgraph.EInvalid and
// errors.As(err, new(*actorgraph.Error)) hold.
type BadLinesError struct {
	Name  string      // the input
	Unit  string      // "line" or "item"
	Total int         // records seen
	Lines []LineError // the skipped ones, in order
}

// maxListed is how many bad lines the error message spells out.
const maxListed = 5

func (e *BadLinesError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: skipped %d of %d %ss: ", e.Name, len(e.Lines), e.Total, e.Unit)
	for i, l := range e.Lines {
		if i == maxListed {
			fmt.Fprintf(&b, "; and %d more", len(e.Lines)-maxListed)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %d: %s", e.Unit, l.Line, l.Msg)
	}
	return b.String()
}

// Unwrap gives the error's actorgraph code.
func (e *BadLinesError) Unwrap() error {
	return &actorgraph.Error{Code: actorgraph.EInvalid, Msg: e.Error()}
}

// readJSONL reads one report object a line. Blank lines are skipped
// silently; bad lines are skipped and listed in a *BadLinesError.
func readJSONL(name string, b []byte, opts Options) ([]actorgraph.Document, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	bad := &BadLinesError{Name: name, Unit: "line"}
	var docs []actorgraph.Document
	for n := 1; len(b) > 0; n++ {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		bad.Total++
		doc, msg := recordDoc(line)
		if msg != "" {
			bad.Lines = append(bad.Lines, LineError{Line: n, Msg: msg})
			continue
		}
		if doc.URL == "" && opts.URL != "" {
			doc.URL = opts.URL + "#L" + strconv.Itoa(n)
		}
		docs = append(docs, doc)
	}
	if bad.Total == 0 {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: empty: there is no JSON line to read", name)
	}
	if len(bad.Lines) > 0 {
		return docs, bad
	}
	return docs, nil
}

// readJSON reads one report object, or an array of them (bad items are
// skipped and listed like bad lines).
func readJSON(name string, b []byte, opts Options) ([]actorgraph.Document, error) {
	if err := checkBinary(name, b); err != nil {
		return nil, err
	}
	if err := checkUTF8(name, b, "the JSON"); err != nil {
		return nil, err
	}
	b = bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
	if len(b) > 0 && b[0] == '{' {
		doc, msg := recordDoc(b)
		if msg != "" {
			return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: %s", name, msg)
		}
		if doc.URL == "" {
			doc.URL = opts.URL
		}
		return []actorgraph.Document{doc}, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: not a JSON report object or array of them: %s", name, jsonErr(err))
	}
	if len(items) == 0 {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: empty: the JSON array has no reports", name)
	}
	bad := &BadLinesError{Name: name, Unit: "item", Total: len(items)}
	var docs []actorgraph.Document
	for i, it := range items {
		doc, msg := recordDoc(it)
		if msg != "" {
			bad.Lines = append(bad.Lines, LineError{Line: i + 1, Msg: msg})
			continue
		}
		if doc.URL == "" && opts.URL != "" {
			doc.URL = opts.URL + "#item-" + strconv.Itoa(i+1)
		}
		docs = append(docs, doc)
	}
	if len(bad.Lines) > 0 {
		return docs, bad
	}
	return docs, nil
}

// recordDoc reads one report object: text from "text", "body" or
// "content" (or HTML from "html"/"content_html"), "title"/"headline",
// "url"/"link", "publisher"/"source"/"site", "published"/"date",
// "id"/"guid". It returns a message saying why the record is bad.
func recordDoc(raw []byte) (actorgraph.Document, string) {
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return actorgraph.Document{}, fmt.Sprintf("binary data (NUL byte at offset %d)", i)
	}
	if !utf8.Valid(raw) {
		return actorgraph.Document{}, fmt.Sprintf("not valid UTF-8 (bad byte at offset %d)", invalidAt(raw))
	}
	if err := json.Unmarshal(raw, new(json.RawMessage)); err != nil {
		return actorgraph.Document{}, "invalid JSON: " + jsonErr(err)
	}
	if raw[0] != '{' {
		return actorgraph.Document{}, "not a JSON object"
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil || m == nil {
		return actorgraph.Document{}, "not a JSON object"
	}
	str := func(keys ...string) string {
		for _, k := range keys {
			if v, ok := m[k].(string); ok && strings.TrimSpace(v) != "" {
				return v
			}
		}
		return ""
	}
	text := str("text", "body", "content")
	if text == "" {
		if h := str("html", "content_html", "body_html"); h != "" {
			text = htmlFragmentText(h)
		}
	}
	if strings.TrimSpace(text) == "" {
		return actorgraph.Document{}, `no text: want a non-empty "text", "body" or "content" string`
	}
	if i := strings.IndexByte(text, 0); i >= 0 {
		return actorgraph.Document{}, fmt.Sprintf("binary data in the text (NUL at offset %d)", i)
	}
	text = strings.TrimPrefix(text, "\ufeff")
	doc := actorgraph.Document{Text: text}
	doc.Title = markupFree(str("title", "headline", "name"))
	if doc.Title == "" {
		doc.Title = titleFromText(text)
	}
	if u := str("url", "link", "href"); isWebURL(strings.TrimSpace(u)) {
		doc.URL = strings.TrimSpace(u)
	}
	doc.Publisher = cleanTitle(str("publisher", "site", "site_name"))
	if doc.Publisher == "" {
		switch s := m["source"].(type) {
		case string:
			if isWebURL(s) {
				if doc.URL == "" {
					doc.URL = s
				}
			} else {
				doc.Publisher = cleanTitle(s)
			}
		case map[string]any:
			if n, ok := s["name"].(string); ok {
				doc.Publisher = cleanTitle(n)
			}
		}
	}
	if p, ok := m["publisher"].(map[string]any); ok && doc.Publisher == "" {
		if n, ok := p["name"].(string); ok {
			doc.Publisher = cleanTitle(n)
		}
	}
	for _, k := range []string{"published", "date", "published_at", "publishedAt", "datePublished", "pubDate", "date_published"} {
		if d := jsonDate(m[k]); d != "" {
			doc.Published = d
			break
		}
	}
	switch id := m["id"].(type) {
	case string:
		doc.ID = cleanTitle(id)
	case json.Number:
		doc.ID = id.String()
	}
	if doc.ID == "" {
		doc.ID = cleanTitle(str("guid", "doc_id", "document_id"))
	}
	return doc, ""
}

// jsonDate normalises a date string or Unix timestamp.
func jsonDate(v any) string {
	switch x := v.(type) {
	case string:
		return NormalizeDate(x)
	case json.Number:
		f, err := x.Float64()
		if err != nil || math.IsNaN(f) || f <= 0 {
			return ""
		}
		return NormalizeDate(strconv.FormatInt(int64(f), 10))
	}
	return ""
}

// jsonErr is a JSON decoding error on one line, without the library's
// prefix.
func jsonErr(err error) string {
	return oneLine(strings.TrimPrefix(err.Error(), "json: "))
}
