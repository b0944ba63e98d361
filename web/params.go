package web

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph"
)

// List paging limits of the API.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// params reads a request's query parameters; the first bad one is kept
// in err, so that handlers read every parameter and check err once.
type params struct {
	v   url.Values
	err error
}

func newParams(u *url.URL) *params {
	v, err := url.ParseQuery(u.RawQuery)
	p := &params{v: v}
	if err != nil {
		p.fail("the query string is malformed: %v", err)
	}
	return p
}

func (p *params) fail(format string, args ...any) {
	if p.err == nil {
		p.err = actorgraph.Errorf(actorgraph.EInvalid, format, args...)
	}
}

// str returns a parameter's trimmed value ("" when absent).
func (p *params) str(name string) string {
	return strings.TrimSpace(p.v.Get(name))
}

// intIn reads an integer parameter within [lo, hi]; def when absent.
func (p *params) intIn(name string, def, lo, hi int) int {
	s := p.str(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		p.fail("%s=%q: want a whole number from %d to %d", name, clip(s), lo, hi)
		return def
	}
	return n
}

// page reads limit and offset.
func (p *params) page() actorgraph.Page {
	return actorgraph.Page{
		Limit:  p.intIn("limit", defaultLimit, 1, maxLimit),
		Offset: p.intIn("offset", 0, 0, 1<<30),
	}
}

// date reads a YYYY-MM-DD parameter ("" when absent).
func (p *params) date(name string) string {
	s := p.str(name)
	if s != "" && !validDate(s) {
		p.fail("%s=%q: want a date YYYY-MM-DD", name, clip(s))
		return ""
	}
	return s
}

func (p *params) asOf() actorgraph.AsOf { return actorgraph.AsOf{Date: p.date("as_of")} }

// boolean reads true/false; nil when absent.
func (p *params) boolean(name string) *bool {
	s := p.str(name)
	if s == "" {
		return nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		p.fail("%s=%q: want true or false", name, clip(s))
		return nil
	}
	return &b
}

// entityType reads an entity type ("" when absent).
func (p *params) entityType(name string) actorgraph.EntityType {
	s := p.str(name)
	if s == "" {
		return ""
	}
	t, err := actorgraph.ParseEntityType(s)
	if err != nil {
		p.fail("%s=%q: %v", name, clip(s), err)
	}
	return t
}

// relationTypes reads a comma-separated list of relation types.
func (p *params) relationTypes(name string) []actorgraph.RelationType {
	var out []actorgraph.RelationType
	for _, s := range p.list(name) {
		t, err := actorgraph.ParseRelationType(s)
		if err != nil {
			p.fail("%s: %v", name, err)
			return nil
		}
		out = append(out, t)
	}
	return out
}

// modalities reads a comma-separated list of modalities.
func (p *params) modalities(name string) []actorgraph.Modality {
	var out []actorgraph.Modality
	for _, s := range p.list(name) {
		m := actorgraph.Modality(strings.ToLower(s))
		if m.Strength() == 0 {
			p.fail("%s: unknown modality %q (want asserted, reported or possible)", name, clip(s))
			return nil
		}
		out = append(out, m)
	}
	return out
}

// list reads a comma-separated parameter (repeated parameters count too).
func (p *params) list(name string) []string {
	var out []string
	for _, v := range p.v[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	if len(out) > 64 {
		p.fail("%s: too many values (at most 64)", name)
		return nil
	}
	return out
}

// parseID reads a positive decimal id from a path segment.
func parseID(what, s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, actorgraph.Errorf(actorgraph.EInvalid, "%q is not a valid %s id (want a positive whole number)", clip(s), what)
	}
	return n, nil
}

func validDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// clip shortens user input quoted back in messages.
func clip(s string) string {
	if len(s) <= 80 {
		return s
	}
	i := 80
	for i > 0 && !utf8Start(s[i]) {
		i--
	}
	return s[:i] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
