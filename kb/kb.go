// Package kb is actorgraph's knowledge base of known actors and places:
// its readable line format, the parser for it, and the data compiled into
// the binary with go:embed (data/*.kb). A user may add an overlay file in
// the same format.
//
// It imports only the root package; it must not import the nlp stages, the
// store or anything that does I/O beyond reading the embedded files and an
// overlay the caller opens.
//
// # Format
//
// One entry a line; '#' starts a comment; blank lines are ignored.
// Fields are separated by " | ":
//
//	TYPE id | Canonical Name | aka: Other Name; ACRONYM; Former Name | adj: Afghan | in: afghanistan
//
// TYPE is one of PERSON, ARMED_GROUP, ORG, COUNTRY, LOCATION. The id is
// lower-case letters, digits and '_' and is unique across all files.
// Optional keyed fields:
//   - aka: other names: acronyms, former names, transliterations.
//   - adj: adjective or demonym forms that name the entity in attributive
//     use ("Afghan", "Pakistani", "Houthi"). They link a mention to the
//     entity but are not names of it.
//   - in: the id of the country (or place) the entry lies in or is based in.
//   - note: free text for people reading the file.
//
// An alias written without lower-case letters ("AQIS", "IS-K", "U.S.") is an
// acronym and matches only as written. Any other alias matches regardless of
// case except that a word written with a capital in the file must start with
// a capital in the text ("al-Qaeda" matches "Al-Qaeda" but not "al-qaeda";
// "Niger" does not match "niger").
package kb

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/actorgraph/actorgraph"
)

//go:embed data/*.kb
var dataFS embed.FS

// Entry is one known actor or place.
type Entry struct {
	ID      string
	Type    actorgraph.EntityType
	Name    string
	Aliases []string // other names (not including Name)
	Adj     []string // attributive forms: "Afghan", "Houthi"
	In      string   // id of the containing country or place
	Note    string
	Origin  string // file:line the entry came from
}

// Names returns the canonical name followed by the aliases.
func (e *Entry) Names() []string {
	return append([]string{e.Name}, e.Aliases...)
}

// KB is a parsed knowledge base.
type KB struct {
	Entries []*Entry
	byID    map[string]*Entry
}

// Get returns the entry with the given id, or nil.
func (k *KB) Get(id string) *Entry { return k.byID[id] }

// Len is the number of entries.
func (k *KB) Len() int { return len(k.Entries) }

var (
	defaultOnce sync.Once
	defaultKB   *KB
	defaultErr  error
)

// Default returns the embedded knowledge base, parsed once.
func Default() (*KB, error) {
	defaultOnce.Do(func() {
		defaultKB, defaultErr = loadEmbedded()
	})
	return defaultKB, defaultErr
}

func loadEmbedded() (*KB, error) {
	k := &KB{byID: map[string]*Entry{}}
	files, err := fs.Glob(dataFS, "data/*.kb")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := dataFS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := k.Add(strings.NewReader(string(b)), f); err != nil {
			return nil, err
		}
	}
	return k, nil
}

// New returns an empty knowledge base.
func New() *KB { return &KB{byID: map[string]*Entry{}} }

// Add parses entries from r (named name in error messages) and adds them.
// An entry whose id already exists replaces the earlier one, so that an
// overlay can correct the embedded data.
func (k *KB) Add(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if i := strings.Index(text, "#"); i >= 0 {
			text = text[:i]
		}
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		e, err := parseLine(text)
		if err != nil {
			return actorgraph.Errorf(actorgraph.EInvalid, "%s:%d: %v", name, line, err)
		}
		e.Origin = fmt.Sprintf("%s:%d", name, line)
		if old, ok := k.byID[e.ID]; ok {
			*old = *e
			continue
		}
		k.byID[e.ID] = e
		k.Entries = append(k.Entries, e)
	}
	if err := sc.Err(); err != nil {
		return actorgraph.Errorf(actorgraph.EInvalid, "%s: %v", name, err)
	}
	return nil
}

func parseLine(text string) (*Entry, error) {
	fields := strings.Split(text, "|")
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	if len(fields) < 2 {
		return nil, fmt.Errorf("want \"TYPE id | Name | ...\", got %q", text)
	}
	head := strings.Fields(fields[0])
	if len(head) != 2 {
		return nil, fmt.Errorf("first field must be \"TYPE id\", got %q", fields[0])
	}
	t, err := actorgraph.ParseEntityType(head[0])
	if err != nil {
		return nil, err
	}
	if !validID(head[1]) {
		return nil, fmt.Errorf("bad id %q (use a-z, 0-9 and _)", head[1])
	}
	e := &Entry{ID: head[1], Type: t, Name: fields[1]}
	if e.Name == "" {
		return nil, fmt.Errorf("entry %s has no name", e.ID)
	}
	for _, f := range fields[2:] {
		if f == "" {
			continue
		}
		key, val, ok := strings.Cut(f, ":")
		if !ok {
			return nil, fmt.Errorf("field %q must be \"key: values\"", f)
		}
		key = strings.TrimSpace(key)
		var vals []string
		for _, v := range strings.Split(val, ";") {
			if v = strings.TrimSpace(v); v != "" {
				vals = append(vals, v)
			}
		}
		switch key {
		case "aka":
			e.Aliases = append(e.Aliases, vals...)
		case "adj":
			e.Adj = append(e.Adj, vals...)
		case "in":
			if len(vals) > 0 {
				e.In = vals[0]
			}
		case "note":
			e.Note = strings.TrimSpace(val)
		default:
			return nil, fmt.Errorf("unknown key %q (want aka, adj, in or note)", key)
		}
	}
	return e, nil
}

func validID(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// IsAcronym reports whether a name is written without lower-case letters
// and so matches only as written.
func IsAcronym(name string) bool {
	hasUpper := false
	for _, r := range name {
		if r >= 'a' && r <= 'z' || (r > 127 && strings.ToLower(string(r)) == string(r) && strings.ToUpper(string(r)) != string(r)) {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			hasUpper = true
		}
	}
	return hasUpper
}

// WithOverlay returns a copy of base with the entries of an overlay file
// added (an entry with an existing id replaces it). base is not changed.
func WithOverlay(base *KB, r io.Reader, name string) (*KB, error) {
	k := New()
	for _, e := range base.Entries {
		c := *e
		k.byID[c.ID] = &c
		k.Entries = append(k.Entries, &c)
	}
	if err := k.Add(r, name); err != nil {
		return nil, err
	}
	return k, nil
}
