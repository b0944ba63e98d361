package source

import (
	"regexp"
	"strings"

	"github.com/actorgraph/actorgraph"
)

// frontMatter is the metadata of a Markdown report's front matter.
type frontMatter map[string]string

// maxFrontMatter bounds the front matter searched for: 64 KiB or 500 lines.
const (
	maxFrontMatterBytes = 64 << 10
	maxFrontMatterLines = 500
)

var rxFrontKey = regexp.MustCompile(`^([A-Za-z0-9_][A-Za-z0-9_.\-]*)[ \t]*:(?:[ \t]+(.*)|[ \t]*)$`)

// hasFrontMatter reports whether text starts with a front matter block.
func hasFrontMatter(b []byte) bool {
	if len(b) > maxFrontMatterBytes+4096 {
		b = b[:maxFrontMatterBytes+4096]
	}
	_, _, ok := parseFrontMatter(string(b))
	return ok
}

// parseFrontMatter splits a YAML-style front matter block ("---" line,
// "key: value" lines, "---" or "..." line) off the start of text. It
// returns ok=false, and text is to be read as it is, when there is no
// block or the block is not simple key: value YAML (a Markdown document
// may well start with a "---" rule). Only top-level scalar values are
// kept; keys are lower-cased; lists and nested maps are skipped.
func parseFrontMatter(text string) (fm frontMatter, body string, ok bool) {
	s := strings.TrimPrefix(text, "\ufeff")
	first, rest, found := strings.Cut(s, "\n")
	if !found || strings.TrimRight(first, " \t\r") != "---" {
		return nil, text, false
	}
	fm = frontMatter{}
	off := len(s) - len(rest)
	for n := 0; n < maxFrontMatterLines && off < len(s) && off <= maxFrontMatterBytes; n++ {
		line, _, found := strings.Cut(s[off:], "\n")
		next := off + len(line)
		if found {
			next++
		}
		trimmed := strings.TrimRight(line, " \t\r")
		if trimmed == "---" || trimmed == "..." {
			if len(fm) == 0 {
				return nil, text, false // "---" then "---": a rule, not metadata
			}
			return fm, s[next:], true
		}
		off = next
		switch {
		case strings.TrimSpace(trimmed) == "", strings.HasPrefix(strings.TrimSpace(trimmed), "#"):
			continue // blank or comment
		case trimmed[0] == ' ' || trimmed[0] == '\t' || strings.HasPrefix(trimmed, "- "):
			continue // nested value or list item
		}
		m := rxFrontKey.FindStringSubmatch(trimmed)
		if m == nil {
			return nil, text, false // not YAML: read the text as it is
		}
		key := strings.ToLower(m[1])
		if _, dup := fm[key]; dup {
			continue // the first value of a key wins
		}
		fm[key] = yamlScalar(m[2])
	}
	return nil, text, false // no closing line
}

// yamlScalar reads a one-line YAML scalar: quoted, or plain up to a " #"
// comment. Block scalars, lists and maps read as "".
func yamlScalar(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	switch v[0] {
	case '"':
		var b strings.Builder
		for i := 1; i < len(v); i++ {
			c := v[i]
			switch {
			case c == '"':
				return cleanTitle(b.String())
			case c == '\\' && i+1 < len(v):
				i++
				switch v[i] {
				case 'n', 't':
					b.WriteByte(' ')
				default:
					b.WriteByte(v[i])
				}
			default:
				b.WriteByte(c)
			}
		}
		return "" // unterminated
	case '\'':
		inner := v[1:]
		var b strings.Builder
		for i := 0; i < len(inner); i++ {
			if inner[i] == '\'' {
				if i+1 < len(inner) && inner[i+1] == '\'' {
					b.WriteByte('\'')
					i++
					continue
				}
				return cleanTitle(b.String())
			}
			b.WriteByte(inner[i])
		}
		return ""
	case '|', '>', '[', '{', '&', '*', '!':
		return ""
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	return cleanTitle(v)
}

// apply sets the document fields that the front matter names.
func (fm frontMatter) apply(doc *actorgraph.Document) {
	pick := func(keys ...string) string {
		for _, k := range keys {
			if v := fm[k]; v != "" {
				return v
			}
		}
		return ""
	}
	if v := pick("title", "headline"); v != "" {
		doc.Title = v
	}
	if v := pick("date", "published", "published_at", "publish_date", "pubdate", "date_published", "datepublished"); v != "" {
		doc.Published = NormalizeDate(v)
	}
	if v := pick("publisher", "site_name", "site"); v != "" {
		doc.Publisher = v
	}
	if v := pick("id"); v != "" {
		doc.ID = v
	}
	for _, k := range []string{"url", "source", "link", "canonical_url", "canonical"} {
		v := fm[k]
		if v == "" {
			continue
		}
		if isWebURL(v) {
			doc.URL = v
			break
		}
		if k == "source" && doc.Publisher == "" {
			doc.Publisher = v // "source: Some Agency" names the publisher
		}
	}
}

// isWebURL reports whether s is an absolute http or https URL.
func isWebURL(s string) bool {
	l := strings.ToLower(s)
	return (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) && len(s) > len("https://") && !strings.ContainsAny(s, " \t\n")
}
