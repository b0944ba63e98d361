package main

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/kb"
	"github.com/actorgraph/actorgraph/query"
	"github.com/actorgraph/actorgraph/store/sqlite"
)

// graphFlags are the flags every query command shares.
type graphFlags struct {
	db     *string
	format *string
	asOf   *string
	limit  *int
}

func addGraphFlags(fs *flag.FlagSet) graphFlags {
	return graphFlags{
		db:     fs.String("db", defaultDB(), "the store (also $ACTORGRAPH_DB)"),
		format: fs.String("format", "table", "output format: table, json or csv"),
		asOf:   fs.String("as-of", "", "the graph as known on this date (YYYY-MM-DD): only documents published, or if undated ingested, by then"),
		limit:  fs.Int("limit", 50, "rows to show (0 for all)"),
	}
}

func (g graphFlags) open(cmd string) (*sqlite.Store, *query.Engine, actorgraph.AsOf, error) {
	if err := checkFormat(cmd, *g.format); err != nil {
		return nil, nil, actorgraph.AsOf{}, err
	}
	if *g.asOf != "" && !validDate(*g.asOf) {
		return nil, nil, actorgraph.AsOf{}, usageError{fmt.Sprintf("%s: --as-of %q is not a date (want YYYY-MM-DD)", cmd, *g.asOf)}
	}
	s, err := openExisting(*g.db)
	if err != nil {
		return nil, nil, actorgraph.AsOf{}, err
	}
	return s, newEngine(s), actorgraph.AsOf{Date: *g.asOf}, nil
}

// openActor opens the store for a command whose one argument names an
// actor, and resolves it.
func (g graphFlags) openActor(cmd string, fs *flag.FlagSet, want string) (*sqlite.Store, *query.Engine, actorgraph.AsOf, actorgraph.Actor, error) {
	if fs.NArg() != 1 {
		return nil, nil, actorgraph.AsOf{}, actorgraph.Actor{}, usageError{cmd + ": want " + want}
	}
	s, q, asOf, err := g.open(cmd)
	if err != nil {
		return nil, nil, asOf, actorgraph.Actor{}, err
	}
	act, err := resolve(context.Background(), s, q, fs.Arg(0))
	if err != nil {
		s.Close()
		return nil, nil, asOf, actorgraph.Actor{}, err
	}
	return s, q, asOf, act, nil
}

func (g graphFlags) page() actorgraph.Page {
	if *g.limit <= 0 {
		return actorgraph.Page{Limit: 100000}
	}
	return actorgraph.Page{Limit: *g.limit}
}

func validDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// resolve turns an actor argument into one actor: "#12" is an id, anything
// else a name or alias.
func resolve(ctx context.Context, s actorgraph.Store, q *query.Engine, arg string) (actorgraph.Actor, error) {
	if strings.HasPrefix(arg, "#") {
		id, err := strconv.ParseInt(arg[1:], 10, 64)
		if err != nil {
			return actorgraph.Actor{}, actorgraph.Errorf(actorgraph.EInvalid, "%q is not an actor id (#123)", arg)
		}
		return s.Actor(ctx, actorgraph.ActorID(id))
	}
	return q.Resolve(ctx, arg)
}

func aliasNames(a actorgraph.Actor) string {
	var names []string
	for _, al := range a.Aliases {
		if al.Name != a.Name {
			names = append(names, al.Name)
		}
	}
	return strings.Join(names, "; ")
}

func runActors(a *app, args []string) error {
	fs := a.newFlags("actors")
	g := addGraphFlags(fs)
	typ := fs.String("type", "", "only actors of this type (PERSON, ARMED_GROUP, ORG, COUNTRY, LOCATION)")
	search := fs.String("search", "", "only actors with a name containing this")
	if err := parse(fs, args); err != nil {
		return err
	}
	f := actorgraph.ActorFilter{Search: *search, Page: g.page()}
	if *typ != "" {
		t, err := actorgraph.ParseEntityType(*typ)
		if err != nil {
			return err
		}
		f.Type = t
	}
	s, _, asOf, err := g.open("actors")
	if err != nil {
		return err
	}
	defer s.Close()
	f.AsOf = asOf
	as, total, err := s.Actors(context.Background(), f)
	if err != nil {
		return err
	}
	if *g.format == "json" {
		return writeJSON(a.stdout, map[string]any{"total": total, "actors": as})
	}
	t := &table{header: []string{"id", "name", "type", "evidence", "documents", "mentions", "aliases"}}
	for _, x := range as {
		t.add("#"+strconv.FormatInt(int64(x.ID), 10), x.Name, x.Type, x.Evidence, x.Documents, x.Mentions, aliasNames(x))
	}
	if err := t.write(a.stdout, *g.format); err != nil {
		return err
	}
	if *g.format == "table" && total > len(as) {
		fmt.Fprintf(a.stdout, "(%d of %d; --limit 0 for all)\n", len(as), total)
	}
	return nil
}

func runActor(a *app, args []string) error {
	fs := a.newFlags("actor")
	g := addGraphFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	s, q, asOf, act, err := g.openActor("actor", fs, "one NAME (or #ID)")
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	p, err := q.Profile(ctx, act.ID, asOf, 10)
	if err != nil {
		return err
	}
	am, err := assessments(ctx, s, flattenProfile(p))
	if err != nil {
		return err
	}
	if *g.format == "json" {
		return writeJSON(a.stdout, struct {
			query.Profile
			Assessments map[actorgraph.EdgeID]actorgraph.Assessment `json:"assessments"`
		}{p, am})
	}
	if *g.format == "csv" {
		t := edgeTable(flattenProfile(p), am)
		return t.write(a.stdout, "csv")
	}
	w := a.stdout
	fmt.Fprintf(w, "%s  (#%d, %s", p.Actor.Name, p.Actor.ID, p.Actor.Type)
	if p.Actor.KBID != "" {
		fmt.Fprintf(w, ", knowledge base: %s", p.Actor.KBID)
	}
	fmt.Fprintf(w, ")\n  %s in %s; %s\n", plural(p.Actor.Mentions, "mention"), plural(p.Actor.Documents, "document"), plural(p.Actor.Evidence, "evidence sentence"))
	if len(p.Actor.Aliases) > 0 {
		fmt.Fprintln(w, "  also called:")
		for _, al := range p.Actor.Aliases {
			src := "set by an analyst"
			if p.Actor.KBID != "" && al.Count > 0 {
				src = "its knowledge-base name"
			}
			if al.DocID != 0 {
				src = fmt.Sprintf("first in document %d", al.DocID)
			}
			fmt.Fprintf(w, "    %s  ×%d  (%s)\n", al.Name, al.Count, src)
		}
	}
	if len(p.Actor.Ambiguous) > 0 {
		var others []string
		for _, id := range p.Actor.Ambiguous {
			if o, err := s.Actor(ctx, id); err == nil {
				others = append(others, fmt.Sprintf("%s (#%d, %s)", o.Name, o.ID, o.Type))
			} else {
				others = append(others, fmt.Sprintf("#%d", id))
			}
		}
		fmt.Fprintf(w, "  shares a name with %s: kept apart, not merged (actorgraph merge joins them)\n", strings.Join(others, ", "))
	}
	var types []string
	for t := range p.Relations {
		types = append(types, string(t))
	}
	sort.Strings(types)
	for _, t := range types {
		es := p.Relations[actorgraph.RelationType(t)]
		fmt.Fprintf(w, "  %s (%d)\n", t, len(es))
		for i, e := range es {
			if i == 15 {
				fmt.Fprintf(w, "    ... %d more (actorgraph relations --actor '#%d' --type %s)\n", len(es)-15, p.Actor.ID, t)
				break
			}
			fmt.Fprintf(w, "    %s\n", edgeLine(e))
			if as, ok := am[e.ID]; ok {
				fmt.Fprintf(w, "      %s\n", assessLine(as))
			}
		}
	}
	if len(p.TopSources) > 0 {
		fmt.Fprintln(w, "  top sources:")
		for _, src := range p.TopSources {
			fmt.Fprintf(w, "    [%d] %s  %s  (%d sentences)\n", src.DocID, clip(src.Title, 70), src.Published, src.Evidence)
		}
	}
	return nil
}

func flattenProfile(p query.Profile) []actorgraph.Edge {
	var out []actorgraph.Edge
	for _, es := range p.Relations {
		out = append(out, es...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func edgeLine(e actorgraph.Edge) string {
	neg := ""
	if e.Negated {
		neg = "NOT "
	}
	var mods []string
	for _, m := range e.Modalities {
		mods = append(mods, string(m))
	}
	span := e.FirstSeen
	if e.LastSeen != "" && e.LastSeen != e.FirstSeen {
		span += "…" + e.LastSeen
	}
	c := ""
	if e.Contested {
		c = "  CONTESTED"
	}
	return fmt.Sprintf("%s —%s%s→ %s  ×%d (%d docs) %s [%s]%s  edge #%d", e.SourceName, neg, e.Type, e.TargetName,
		e.Count, e.Documents, span, strings.Join(mods, ","), c, e.ID)
}

func edgeTable(es []actorgraph.Edge, am map[actorgraph.EdgeID]actorgraph.Assessment) *table {
	t := &table{header: []string{"edge", "source", "type", "target", "negated", "count", "documents", "first_seen", "last_seen", "modalities", "contested"}}
	if am != nil {
		t.header = append(t.header, assessmentHeader...)
	}
	for _, e := range es {
		var mods []string
		for _, m := range e.Modalities {
			mods = append(mods, string(m))
		}
		t.add(e.ID, e.SourceName, e.Type, e.TargetName, e.Negated, e.Count, e.Documents, e.FirstSeen, e.LastSeen, strings.Join(mods, ","), e.Contested)
		if am != nil {
			row := &t.rows[len(t.rows)-1]
			*row = append(*row, assessmentCells(am[e.ID])...)
		}
	}
	return t
}

func runRelations(a *app, args []string) error {
	fs := a.newFlags("relations")
	g := addGraphFlags(fs)
	actor := fs.String("actor", "", "only relationships of this actor (name, alias or #ID)")
	typ := fs.String("type", "", "only this relationship type (ALLY, HOSTS, ATTACKS, ...)")
	since := fs.String("since", "", "only relationships with evidence dated on or after this date")
	until := fs.String("until", "", "only relationships with evidence dated on or before this date")
	contested := fs.Bool("contested", false, "only relationships some sources assert and others negate")
	reliability := fs.String("reliability", "", "only relationships whose best source grade is in this Admiralty range (B, A-C)")
	credibility := fs.String("credibility", "", "only relationships whose information credibility is in this range (2, 1-3)")
	confidence := fs.String("confidence", "", "only relationships the analyst assessed with this confidence (low, moderate, high; comma-separated)")
	modality := fs.String("modality", "", "only relationships whose strongest modality is one of these (asserted, reported, possible)")
	if err := parse(fs, args); err != nil {
		return err
	}
	for _, d := range []string{*since, *until} {
		if d != "" && !validDate(d) {
			return usageError{fmt.Sprintf("relations: %q is not a date (want YYYY-MM-DD)", d)}
		}
	}
	af, err := actorgraph.ParseAssessmentFilter(*reliability, *credibility, *confidence, *modality)
	if err != nil {
		return err
	}
	s, q, asOf, err := g.open("relations")
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	f := actorgraph.EdgeFilter{Since: *since, Until: *until, Contested: *contested, AsOf: asOf, Page: g.page()}
	if *typ != "" {
		t, err := actorgraph.ParseRelationType(*typ)
		if err != nil {
			return err
		}
		f.Type = t
	}
	if *actor != "" {
		act, err := resolve(ctx, s, q, *actor)
		if err != nil {
			return err
		}
		f.Actor = act.ID
	}
	var es []actorgraph.Edge
	var total int
	if af.Empty() {
		es, total, err = s.Edges(ctx, f)
	} else {
		es, total, err = filterAssessed(ctx, s, f, af)
	}
	if err != nil {
		return err
	}
	am, err := assessments(ctx, s, es)
	if err != nil {
		return err
	}
	if *g.format == "json" {
		return writeJSON(a.stdout, map[string]any{"total": total, "relations": withAssessments(es, am)})
	}
	if *g.format == "table" {
		for _, e := range es {
			fmt.Fprintln(a.stdout, edgeLine(e))
			if as, ok := am[e.ID]; ok {
				fmt.Fprintf(a.stdout, "    %s\n", assessLine(as))
			}
		}
		if total > len(es) {
			fmt.Fprintf(a.stdout, "(%d of %d; --limit 0 for all)\n", len(es), total)
		}
		return nil
	}
	return edgeTable(es, am).write(a.stdout, *g.format)
}

func runEvidence(a *app, args []string) error {
	fs := a.newFlags("evidence")
	g := addGraphFlags(fs)
	negated := fs.Bool("negated", false, "the negated relationship (\"A does NOT host B\")")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 3 && fs.NArg() != 1 {
		return usageError{"evidence: want A TYPE B (names or #IDs), or one edge id as #EDGE"}
	}
	s, q, asOf, err := g.open("evidence")
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	var edge actorgraph.Edge
	if fs.NArg() == 1 {
		id, err := strconv.ParseInt(strings.TrimPrefix(fs.Arg(0), "#"), 10, 64)
		if err != nil {
			return usageError{fmt.Sprintf("evidence: %q is not an edge id", fs.Arg(0))}
		}
		if edge, err = s.Edge(ctx, actorgraph.EdgeID(id)); err != nil {
			return err
		}
	} else {
		src, err := resolve(ctx, s, q, fs.Arg(0))
		if err != nil {
			return err
		}
		typ, err := actorgraph.ParseRelationType(fs.Arg(1))
		if err != nil {
			return err
		}
		dst, err := resolve(ctx, s, q, fs.Arg(2))
		if err != nil {
			return err
		}
		neg := *negated
		es, _, err := s.Edges(ctx, actorgraph.EdgeFilter{Actor: src.ID, Type: typ, Negated: &neg, AsOf: asOf, Page: actorgraph.Page{Limit: 1000}})
		if err != nil {
			return err
		}
		found := false
		for _, e := range es {
			if e.Source == src.ID && e.Target == dst.ID || typ.Symmetric() && e.Source == dst.ID && e.Target == src.ID {
				edge, found = e, true
				break
			}
		}
		if !found {
			return actorgraph.Errorf(actorgraph.ENotFound, "no %s relationship from %s to %s in the store", typ, src.Name, dst.Name)
		}
	}
	ev, err := s.Evidence(ctx, edge.ID, asOf)
	if err != nil {
		return err
	}
	am, err := assessments(ctx, s, []actorgraph.Edge{edge})
	if err != nil {
		return err
	}
	as, assessed := am[edge.ID]
	grade := map[string]actorgraph.Reliability{}
	for _, p := range as.Publishers {
		grade[p.Publisher] = p.Reliability
	}
	if *g.format == "json" {
		return writeJSON(a.stdout, map[string]any{"relation": edge, "assessment": as, "evidence": ev})
	}
	if *g.format == "csv" {
		t := &table{header: append([]string{"doc_id", "title", "url", "publisher", "published", "source_reliability", "modality", "negated", "sentence"},
			assessmentHeader[1:]...)}
		for _, r := range ev {
			t.add(r.DocID, r.DocTitle, r.DocURL, r.Publisher, r.Published, grade[r.Publisher], r.Modality, r.Negated, r.Sentence)
			row := &t.rows[len(t.rows)-1]
			*row = append(*row, assessmentCells(as)[1:]...)
		}
		return t.write(a.stdout, "csv")
	}
	fmt.Fprintln(a.stdout, edgeLine(edge))
	if assessed {
		fmt.Fprintf(a.stdout, "  %s\n", assessLine(as))
	}
	for _, r := range ev {
		src := ""
		if g, ok := grade[r.Publisher]; ok {
			pub := r.Publisher
			if pub == "" {
				pub = "no publisher"
			}
			src = fmt.Sprintf("; %s, source reliability %s", pub, g)
		}
		fmt.Fprintf(a.stdout, "\n  [%s] %q\n    — %s (document %d%s%s)\n", r.Modality, strings.Join(strings.Fields(r.Sentence), " "), r.DocTitle, r.DocID, datePart(r.Published, r.DocURL), src)
	}
	return nil
}

func datePart(published, url string) string {
	s := ""
	if published != "" {
		s += ", " + published
	}
	if url != "" {
		s += ", " + url
	}
	return s
}

func runPath(a *app, args []string) error {
	fs := a.newFlags("path")
	g := addGraphFlags(fs)
	hops := fs.Int("max-hops", 3, "longest chain to look for")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageError{"path: want two actors A B (names or #IDs)"}
	}
	s, q, asOf, err := g.open("path")
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	from, err := resolve(ctx, s, q, fs.Arg(0))
	if err != nil {
		return err
	}
	to, err := resolve(ctx, s, q, fs.Arg(1))
	if err != nil {
		return err
	}
	paths, err := q.Paths(ctx, from.ID, to.ID, *hops, 5, asOf)
	if err != nil {
		return err
	}
	if *g.format == "json" {
		return writeJSON(a.stdout, map[string]any{"from": from, "to": to, "paths": paths})
	}
	if len(paths) == 0 {
		fmt.Fprintf(a.stdout, "no chain of at most %d relationships links %s and %s\n", *hops, from.Name, to.Name)
		return nil
	}
	if *g.format == "csv" {
		t := &table{header: []string{"path", "hop", "source", "type", "target", "negated", "count", "evidence"}}
		for pi, p := range paths {
			for hi, h := range p.Hops {
				ev := ""
				if len(h.Evidence) > 0 {
					ev = h.Evidence[0].Sentence
				}
				t.add(pi+1, hi+1, h.Edge.SourceName, h.Edge.Type, h.Edge.TargetName, h.Edge.Negated, h.Edge.Count, ev)
			}
		}
		return t.write(a.stdout, "csv")
	}
	for pi, p := range paths {
		fmt.Fprintf(a.stdout, "path %d (%d hops):\n", pi+1, len(p.Hops))
		for _, h := range p.Hops {
			fmt.Fprintf(a.stdout, "  %s\n", edgeLine(h.Edge))
			if len(h.Evidence) > 0 {
				r := h.Evidence[0]
				fmt.Fprintf(a.stdout, "      %q — %s%s\n", clip(r.Sentence, 160), r.DocTitle, datePart(r.Published, ""))
			}
		}
	}
	return nil
}

func runTimeline(a *app, args []string) error {
	fs := a.newFlags("timeline")
	g := addGraphFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	s, q, asOf, act, err := g.openActor("timeline", fs, "one actor (name or #ID)")
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	evs, err := q.Timeline(ctx, act.ID, asOf)
	if err != nil {
		return err
	}
	if *g.limit > 0 && len(evs) > *g.limit {
		evs = evs[:*g.limit]
	}
	if *g.format == "json" {
		return writeJSON(a.stdout, map[string]any{"actor": act, "events": evs})
	}
	t := &table{header: []string{"date", "source", "type", "target", "modality", "document", "sentence"}}
	for _, e := range evs {
		typ := string(e.Edge.Type)
		if e.Edge.Negated {
			typ = "NOT " + typ
		}
		date := e.Date
		if date == "" {
			date = "undated"
		}
		t.add(date, e.Edge.SourceName, typ, e.Edge.TargetName, e.Evidence.Modality, e.Evidence.DocID, e.Evidence.Sentence)
	}
	return t.write(a.stdout, *g.format)
}

func runSearch(a *app, args []string) error {
	fs := a.newFlags("search")
	g := addGraphFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"search: want the words to look for"}
	}
	s, _, asOf, err := g.open("search")
	if err != nil {
		return err
	}
	defer s.Close()
	hits, total, err := s.Search(context.Background(), strings.Join(fs.Args(), " "), asOf, g.page())
	if err != nil {
		return err
	}
	if *g.format == "json" {
		return writeJSON(a.stdout, map[string]any{"total": total, "hits": hits})
	}
	t := &table{header: []string{"doc", "published", "title", "snippet"}}
	for _, h := range hits {
		t.add(h.DocID, h.Published, h.Title, h.Snippet)
	}
	if err := t.write(a.stdout, *g.format); err != nil {
		return err
	}
	if *g.format == "table" && total > len(hits) {
		fmt.Fprintf(a.stdout, "(%d of %d)\n", len(hits), total)
	}
	return nil
}

// newEngine is the query engine over s, resolving names through the
// embedded knowledge base as well as through the names stored reports used.
func newEngine(s actorgraph.Store) *query.Engine {
	return &query.Engine{S: s, Known: knownNames}
}

// knownNames maps a name to the canonical names of the knowledge-base
// entries it names. The knowledge base is loaded on the first miss only.
func knownNames(name string) []string {
	knownOnce.Do(func() {
		k, err := kb.Default()
		if err != nil {
			return
		}
		knownIndex = map[string][]string{}
		for _, e := range k.Entries {
			for _, n := range e.Names() {
				key := foldName(n)
				if !slices.Contains(knownIndex[key], e.Name) {
					knownIndex[key] = append(knownIndex[key], e.Name)
				}
			}
		}
	})
	return knownIndex[foldName(name)]
}

var (
	knownOnce  sync.Once
	knownIndex map[string][]string
)

// foldName folds case and white space for name lookups; acronyms such as
// "AQ" and words such as "aq" are the same key, which the store's own
// resolution then confirms against the actor's knowledge-base id.
func foldName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// plural writes n and a noun, with an "s" unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
