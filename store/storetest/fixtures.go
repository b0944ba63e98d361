package storetest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

// E is an entity of a hand-built fixture. Its mentions are every
// whole-word occurrence of its name and aliases in the text.
type E struct {
	ID      string
	Name    string
	Type    actorgraph.EntityType
	KB      string
	KBName  string
	Aliases []string
}

// R is a relation of a hand-built fixture; Sent is the index of the
// sentence that states it.
type R struct {
	Src     string
	Type    actorgraph.RelationType
	Dst     string
	Neg     bool
	Mod     actorgraph.Modality
	Sent    int
	Trigger string
}

// F is a document fixture: sentences joined by spaces, entities and
// relations.
type F struct {
	Title, URL, Publisher, Published string
	Sentences                        []string
	Ents                             []E
	Rels                             []R
}

// Doc returns the document of the fixture.
func (f F) Doc() actorgraph.Document {
	return actorgraph.Document{ID: f.Title, Title: f.Title, URL: f.URL, Publisher: f.Publisher,
		Published: f.Published, Text: strings.Join(f.Sentences, " ")}
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// mentions finds every whole-word occurrence of names in text, longest
// names first, without overlaps.
func mentions(text string, names []string) []actorgraph.Span {
	sorted := append([]string(nil), names...)
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	var out []actorgraph.Span
	taken := func(s, e int) bool {
		for _, sp := range out {
			if s < sp.End && sp.Start < e {
				return true
			}
		}
		return false
	}
	for _, n := range sorted {
		if n == "" {
			continue
		}
		for from := 0; from < len(text); {
			i := strings.Index(text[from:], n)
			if i < 0 {
				break
			}
			s, e := from+i, from+i+len(n)
			from = e
			if s > 0 {
				if r, _ := utf8.DecodeLastRuneInString(text[:s]); isWord(r) {
					continue
				}
			}
			if e < len(text) {
				if r, _ := utf8.DecodeRuneInString(text[e:]); isWord(r) {
					continue
				}
			}
			if !taken(s, e) {
				out = append(out, actorgraph.Span{Start: s, End: e})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	if out == nil {
		out = []actorgraph.Span{}
	}
	return out
}

// X returns the extraction of the fixture.
func (f F) X() actorgraph.Extraction {
	text := f.Doc().Text
	x := actorgraph.Extraction{Entities: []actorgraph.Entity{}, Relations: []actorgraph.Relation{}}
	for _, e := range f.Ents {
		aliases := append([]string{}, e.Aliases...)
		x.Entities = append(x.Entities, actorgraph.Entity{ID: e.ID, Name: e.Name, Type: e.Type, KBID: e.KB,
			KBName: e.KBName, Aliases: aliases, Mentions: mentions(text, append([]string{e.Name}, e.Aliases...))})
	}
	starts := make([]int, len(f.Sentences))
	at := 0
	for i, s := range f.Sentences {
		starts[i] = at
		at += len(s) + 1
	}
	for _, r := range f.Rels {
		mod := r.Mod
		if mod == "" {
			mod = actorgraph.Asserted
		}
		sp := actorgraph.Span{Start: starts[r.Sent], End: starts[r.Sent] + len(f.Sentences[r.Sent])}
		x.Relations = append(x.Relations, actorgraph.Relation{Source: r.Src, Type: r.Type, Target: r.Dst,
			Negated: r.Neg, Modality: mod, Evidence: actorgraph.Evidence{Text: f.Sentences[r.Sent], Span: sp, Trigger: r.Trigger}})
	}
	return x
}

// ---------------------------------------------------------------------------
// helpers

var bg = context.Background()

func put(t *testing.T, s actorgraph.Store, f F) actorgraph.DocID {
	t.Helper()
	res, err := s.PutDocument(bg, f.Doc(), f.X())
	if err != nil {
		t.Fatalf("PutDocument(%q): %v", f.Title, err)
	}
	if !res.New {
		t.Fatalf("PutDocument(%q): New = false for a new text", f.Title)
	}
	return res.DocID
}

// code returns the code of err, failing the test when err is not an
// *actorgraph.Error.
func code(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *actorgraph.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *actorgraph.Error", err, err)
	}
	return e.Code
}

func wantCode(t *testing.T, what string, err error, want string) {
	t.Helper()
	if got := code(t, err); got != want {
		t.Fatalf("%s: error code %q (%v), want %q", what, got, err, want)
	}
}

// one resolves name to exactly one actor.
func one(t *testing.T, s actorgraph.Store, name string) actorgraph.Actor {
	t.Helper()
	as, err := s.Resolve(bg, name)
	if err != nil {
		t.Fatalf("Resolve(%q): %v", name, err)
	}
	if len(as) != 1 {
		t.Fatalf("Resolve(%q) = %d actors %v, want 1", name, len(as), actorNames(as))
	}
	return as[0]
}

func actorNames(as []actorgraph.Actor) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func aliasSet(a actorgraph.Actor) map[string]actorgraph.AliasClaim {
	m := map[string]actorgraph.AliasClaim{}
	for _, c := range a.Aliases {
		m[strings.ToLower(c.Name)] = c
	}
	return m
}

// allEdges lists every edge matching f, page by page.
func allEdges(t *testing.T, s actorgraph.Store, f actorgraph.EdgeFilter) []actorgraph.Edge {
	t.Helper()
	var out []actorgraph.Edge
	f.Page = actorgraph.Page{Limit: 7}
	for {
		es, total, err := s.Edges(bg, f)
		if err != nil {
			t.Fatalf("Edges(%+v): %v", f, err)
		}
		out = append(out, es...)
		f.Page.Offset += len(es)
		if len(es) == 0 || f.Page.Offset >= total {
			if len(out) != total {
				t.Fatalf("Edges(%+v): paged %d edges, total says %d", f, len(out), total)
			}
			return out
		}
	}
}

func allActors(t *testing.T, s actorgraph.Store, f actorgraph.ActorFilter) []actorgraph.Actor {
	t.Helper()
	var out []actorgraph.Actor
	f.Page = actorgraph.Page{Limit: 5}
	for {
		as, total, err := s.Actors(bg, f)
		if err != nil {
			t.Fatalf("Actors(%+v): %v", f, err)
		}
		out = append(out, as...)
		f.Page.Offset += len(as)
		if len(as) == 0 || f.Page.Offset >= total {
			if len(out) != total {
				t.Fatalf("Actors(%+v): paged %d actors, total says %d", f, len(out), total)
			}
			return out
		}
	}
}

// findEdge returns the edge source -type-> target (negated as given), or
// fails.
func findEdge(t *testing.T, es []actorgraph.Edge, src actorgraph.ActorID, typ actorgraph.RelationType, dst actorgraph.ActorID, neg bool) actorgraph.Edge {
	t.Helper()
	for _, e := range es {
		if e.Type != typ || e.Negated != neg {
			continue
		}
		if e.Source == src && e.Target == dst || typ.Symmetric() && e.Source == dst && e.Target == src {
			return e
		}
	}
	t.Fatalf("no edge %d -%s(negated=%v)-> %d among %d edges", src, typ, neg, dst, len(es))
	return actorgraph.Edge{}
}

func hasEdge(es []actorgraph.Edge, src actorgraph.ActorID, typ actorgraph.RelationType, dst actorgraph.ActorID, neg bool) bool {
	for _, e := range es {
		if e.Type == typ && e.Negated == neg && (e.Source == src && e.Target == dst ||
			typ.Symmetric() && e.Source == dst && e.Target == src) {
			return true
		}
	}
	return false
}

// checkInvariants recomputes every aggregate the store reports from the
// evidence rows it reports, as of asOf (zero: now).
func checkInvariants(t *testing.T, s actorgraph.Store, asOf actorgraph.AsOf) {
	t.Helper()
	edges := allEdges(t, s, actorgraph.EdgeFilter{AsOf: asOf})
	actors := allActors(t, s, actorgraph.ActorFilter{AsOf: asOf})
	visible := map[actorgraph.ActorID]actorgraph.Actor{}
	for _, a := range actors {
		if _, dup := visible[a.ID]; dup {
			t.Fatalf("actor %d listed twice", a.ID)
		}
		visible[a.ID] = a
		if a.Name == "" || !a.Type.Valid() {
			t.Errorf("actor %d: name %q type %q", a.ID, a.Name, a.Type)
		}
		if a.Documents <= 0 {
			t.Errorf("actor %d (%s) listed with %d documents", a.ID, a.Name, a.Documents)
		}
		for _, b := range a.Ambiguous {
			if b == a.ID {
				t.Errorf("actor %d is ambiguous with itself", a.ID)
			}
		}
	}
	evidence := map[actorgraph.ActorID]int{}
	type key struct {
		s, d actorgraph.ActorID
		t    actorgraph.RelationType
	}
	polarity := map[key][2]bool{}
	for _, e := range edges {
		if e.Source == e.Target {
			t.Errorf("edge %d is a loop on actor %d", e.ID, e.Source)
		}
		for _, id := range []actorgraph.ActorID{e.Source, e.Target} {
			if _, ok := visible[id]; !ok {
				t.Errorf("edge %d (%s %s %s) touches actor %d that is not listed", e.ID, e.SourceName, e.Type, e.TargetName, id)
			}
		}
		if e.SourceName != visible[e.Source].Name || e.TargetName != visible[e.Target].Name {
			t.Errorf("edge %d names %q → %q, actors are named %q → %q", e.ID, e.SourceName, e.TargetName,
				visible[e.Source].Name, visible[e.Target].Name)
		}
		rows, err := s.Evidence(bg, e.ID, asOf)
		if err != nil {
			t.Fatalf("Evidence(%d): %v", e.ID, err)
		}
		if len(rows) != e.Count {
			t.Errorf("edge %d: Count %d, %d evidence rows", e.ID, e.Count, len(rows))
		}
		docs := map[actorgraph.DocID]bool{}
		first, last := "", ""
		mods := map[actorgraph.Modality]bool{}
		for _, r := range rows {
			docs[r.DocID] = true
			if r.EdgeID != e.ID || r.Negated != e.Negated {
				t.Errorf("edge %d: evidence row %+v", e.ID, r)
			}
			if r.Published != "" && (first == "" || r.Published < first) {
				first = r.Published
			}
			if r.Published > last {
				last = r.Published
			}
			mods[r.Modality] = true
		}
		if len(docs) != e.Documents {
			t.Errorf("edge %d: Documents %d, evidence from %d documents", e.ID, e.Documents, len(docs))
		}
		if e.FirstSeen != first || e.LastSeen != last {
			t.Errorf("edge %d: seen %q..%q, evidence dated %q..%q", e.ID, e.FirstSeen, e.LastSeen, first, last)
		}
		var want []actorgraph.Modality
		for _, m := range []actorgraph.Modality{actorgraph.Asserted, actorgraph.Reported, actorgraph.Possible} {
			if mods[m] {
				want = append(want, m)
			}
		}
		if strings.Join(mstr(e.Modalities), ",") != strings.Join(mstr(want), ",") {
			t.Errorf("edge %d: modalities %v, evidence has %v", e.ID, e.Modalities, want)
		}
		evidence[e.Source] += e.Count
		evidence[e.Target] += e.Count
		k := key{e.Source, e.Target, e.Type}
		p := polarity[k]
		p[b2i(e.Negated)] = true
		polarity[k] = p
	}
	for _, e := range edges {
		p := polarity[key{e.Source, e.Target, e.Type}]
		if e.Contested != (p[0] && p[1]) {
			t.Errorf("edge %d (%s %s %s negated=%v): Contested %v, asserted %v negated %v", e.ID, e.SourceName, e.Type,
				e.TargetName, e.Negated, e.Contested, p[0], p[1])
		}
	}
	touching := map[actorgraph.ActorID][]string{}
	for _, e := range edges {
		k := fmt.Sprintf("%d×%d", e.ID, e.Count)
		touching[e.Source] = append(touching[e.Source], k)
		touching[e.Target] = append(touching[e.Target], k)
	}
	for _, a := range actors {
		if a.Evidence != evidence[a.ID] {
			t.Errorf("actor %d (%s): Evidence %d, its edges count %d", a.ID, a.Name, a.Evidence, evidence[a.ID])
		}
		// the edges of one actor are those of the whole graph that touch it
		var got []string
		prev := -1
		for _, e := range allEdges(t, s, actorgraph.EdgeFilter{Actor: a.ID, AsOf: asOf}) {
			got = append(got, fmt.Sprintf("%d×%d", e.ID, e.Count))
			if prev >= 0 && e.Count > prev {
				t.Errorf("edges of actor %d not best attested first", a.ID)
			}
			prev = e.Count
		}
		want := touching[a.ID]
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("Edges{Actor: %d (%s)} = %v, the graph's edges touching it are %v", a.ID, a.Name, got, want)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func mstr(ms []actorgraph.Modality) []string {
	var out []string
	for _, m := range ms {
		out = append(out, string(m))
	}
	return out
}
