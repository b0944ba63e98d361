package export

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph"
)

// Graph is what the writers serialise: actors, the relationships between
// them, the evidence rows behind each relationship and the documents the
// evidence comes from.
//
// The writers do not require it to be sorted or complete: they sort
// everything by id, drop duplicate ids (keeping the first), and stand in
// a minimal actor (the edge's name for it, no type) for an edge end that
// is not among Actors.
type Graph struct {
	Actors    []actorgraph.Actor
	Edges     []actorgraph.Edge
	Evidence  map[actorgraph.EdgeID][]actorgraph.EvidenceRow
	Documents []actorgraph.StoredDocument // metadata; Collect leaves Text empty

	// Optional annotations that the store does not keep. A writer uses
	// them only where they are present; Collect leaves them nil.

	// Confidence is an analyst's confidence (0 to 100) in a relationship;
	// it becomes the STIX relationship's confidence property.
	Confidence map[actorgraph.EdgeID]int
	// Assessments are the four assessments of each relationship (source
	// reliability, information credibility, modality, analyst
	// confidence), as they stand now; Collect fills them in when the store
	// is an actorgraph.Assessor and evidence is collected.
	Assessments map[actorgraph.EdgeID]actorgraph.Assessment
	// ThreatActorTypes are STIX threat-actor-type-ov values ("terrorist",
	// "crime-syndicate", ...) that someone has established for an armed
	// group; they become its threat_actor_types.
	ThreatActorTypes map[actorgraph.ActorID][]string
}

// DefaultPageSize is the page size Collect asks the store for when
// Options.PageSize is zero.
const DefaultPageSize = 500

// Options selects what Collect gathers.
type Options struct {
	// Actor, when not zero, restricts the graph to the neighbourhood of
	// this actor: every actor within Hops relationships of it and every
	// relationship between two of those actors.
	Actor actorgraph.ActorID
	// Hops is the radius of the neighbourhood; 0 means 1 (the actor, its
	// direct partners and the relationships among them). Ignored without
	// Actor.
	Hops int
	// AsOf restricts the graph to what was known on a date, as in the
	// store's queries.
	AsOf actorgraph.AsOf
	// PageSize is the page size asked of the store's list methods;
	// 0 means DefaultPageSize.
	PageSize int
	// SkipEvidence leaves out evidence rows and documents, saving one
	// store query per relationship; enough for GraphML, GEXF and CSV,
	// which do not use them. STIX then has no reports and no descriptions.
	SkipEvidence bool
}

// Collect gathers a Graph from s: the whole graph, or with opts.Actor the
// neighbourhood of one actor within opts.Hops relationships. It pages
// through the store's list methods, so it works with any page limit the
// store imposes. Documents are kept without their text.
//
// Errors are *actorgraph.Error values: EInvalid for bad options,
// ENotFound for an unknown opts.Actor, and whatever the store returns.
func Collect(ctx context.Context, s actorgraph.Store, opts Options) (*Graph, error) {
	if s == nil {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "export: no store")
	}
	if opts.Hops < 0 {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "export: hops must not be negative (got %d)", opts.Hops)
	}
	if opts.PageSize < 0 {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "export: page size must not be negative (got %d)", opts.PageSize)
	}
	if opts.Actor < 0 {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "export: bad actor id %d", opts.Actor)
	}
	size := opts.PageSize
	if size == 0 {
		size = DefaultPageSize
	}
	g := &Graph{Evidence: map[actorgraph.EdgeID][]actorgraph.EvidenceRow{}}
	var err error
	if opts.Actor == 0 {
		g.Actors, err = listActors(ctx, s, actorgraph.ActorFilter{AsOf: opts.AsOf}, size)
		if err != nil {
			return nil, err
		}
		g.Edges, err = listEdges(ctx, s, actorgraph.EdgeFilter{AsOf: opts.AsOf}, size)
		if err != nil {
			return nil, err
		}
	} else {
		g.Actors, g.Edges, err = neighbourhood(ctx, s, opts, size)
		if err != nil {
			return nil, err
		}
	}
	g.Actors = uniqueActors(g.Actors)
	g.Edges = uniqueEdges(g.Edges)

	// Every edge end must be in the graph, even where the store's actor
	// list (filtered by AsOf) left it out.
	have := make(map[actorgraph.ActorID]bool, len(g.Actors))
	for _, a := range g.Actors {
		have[a.ID] = true
	}
	for _, e := range g.Edges {
		for _, id := range [2]actorgraph.ActorID{e.Source, e.Target} {
			if have[id] {
				continue
			}
			a, err := s.Actor(ctx, id)
			if err != nil {
				return nil, err
			}
			have[id] = true
			g.Actors = append(g.Actors, a)
		}
	}
	slices.SortFunc(g.Actors, func(a, b actorgraph.Actor) int { return cmp.Compare(a.ID, b.ID) })

	if opts.SkipEvidence {
		return g, nil
	}
	if as, ok := s.(actorgraph.Assessor); ok && len(g.Edges) > 0 {
		ids := make([]actorgraph.EdgeID, len(g.Edges))
		for i, e := range g.Edges {
			ids[i] = e.ID
		}
		m, err := as.Assessments(ctx, ids)
		if err != nil {
			return nil, err
		}
		g.Assessments = m
	}
	for _, e := range g.Edges {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rows, err := s.Evidence(ctx, e.ID, opts.AsOf)
		if err != nil {
			return nil, err
		}
		if len(rows) > 0 {
			g.Evidence[e.ID] = sortedEvidence(rows)
		}
	}

	// Documents: all of them for the whole graph, those the evidence
	// cites for a neighbourhood.
	var want map[actorgraph.DocID]bool
	if opts.Actor != 0 {
		want = map[actorgraph.DocID]bool{}
		for _, rows := range g.Evidence {
			for _, r := range rows {
				want[r.DocID] = true
			}
		}
		if len(want) == 0 {
			return g, nil
		}
	}
	for off := 0; ; {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		docs, total, err := s.Documents(ctx, opts.AsOf, actorgraph.Page{Offset: off, Limit: size})
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			if want == nil || want[d.DocID] {
				d.Text = ""
				g.Documents = append(g.Documents, d)
			}
		}
		off += len(docs)
		if len(docs) == 0 || off >= total {
			break
		}
	}
	g.Documents = uniqueDocuments(g.Documents)
	return g, nil
}

// neighbourhood walks the graph breadth-first from opts.Actor and returns
// the actors within opts.Hops relationships and the relationships among
// them (the induced subgraph).
func neighbourhood(ctx context.Context, s actorgraph.Store, opts Options, size int) ([]actorgraph.Actor, []actorgraph.Edge, error) {
	start, err := s.Actor(ctx, opts.Actor)
	if err != nil {
		return nil, nil, err
	}
	hops := opts.Hops
	if hops == 0 {
		hops = 1
	}
	dist := map[actorgraph.ActorID]int{start.ID: 0}
	seen := map[actorgraph.EdgeID]actorgraph.Edge{}
	frontier := []actorgraph.ActorID{start.ID}
	// Edges of the actors at distance hops are listed too: one between
	// two of them belongs to the induced subgraph.
	for d := 0; d <= hops && len(frontier) > 0; d++ {
		var next []actorgraph.ActorID
		for _, id := range frontier {
			edges, err := listEdges(ctx, s, actorgraph.EdgeFilter{Actor: id, AsOf: opts.AsOf}, size)
			if err != nil {
				return nil, nil, err
			}
			for _, e := range edges {
				seen[e.ID] = e
				if d == hops {
					continue
				}
				for _, other := range [2]actorgraph.ActorID{e.Source, e.Target} {
					if _, ok := dist[other]; !ok {
						dist[other] = d + 1
						next = append(next, other)
					}
				}
			}
		}
		slices.Sort(next)
		frontier = next
	}
	var edges []actorgraph.Edge
	for _, e := range seen {
		_, okS := dist[e.Source]
		_, okT := dist[e.Target]
		if okS && okT {
			edges = append(edges, e)
		}
	}
	ids := make([]actorgraph.ActorID, 0, len(dist))
	for id := range dist {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	actors := make([]actorgraph.Actor, 0, len(ids))
	for _, id := range ids {
		if id == start.ID {
			actors = append(actors, start)
			continue
		}
		a, err := s.Actor(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		actors = append(actors, a)
	}
	return actors, edges, nil
}

func listActors(ctx context.Context, s actorgraph.Store, f actorgraph.ActorFilter, size int) ([]actorgraph.Actor, error) {
	return pageAll(ctx, size, func(p actorgraph.Page) ([]actorgraph.Actor, int, error) {
		f.Page = p
		return s.Actors(ctx, f)
	})
}

func listEdges(ctx context.Context, s actorgraph.Store, f actorgraph.EdgeFilter, size int) ([]actorgraph.Edge, error) {
	return pageAll(ctx, size, func(p actorgraph.Page) ([]actorgraph.Edge, int, error) {
		f.Page = p
		return s.Edges(ctx, f)
	})
}

// pageAll reads a whole list from a store, size rows a call.
func pageAll[T any](ctx context.Context, size int, fetch func(actorgraph.Page) ([]T, int, error)) ([]T, error) {
	var all []T
	for off := 0; ; {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		got, total, err := fetch(actorgraph.Page{Offset: off, Limit: size})
		if err != nil {
			return nil, err
		}
		all = append(all, got...)
		off += len(got)
		if len(got) == 0 || off >= total {
			return all, nil
		}
	}
}

// uniqueActors sorts by id and keeps the first of each id.
func uniqueActors(in []actorgraph.Actor) []actorgraph.Actor {
	out := slices.Clone(in)
	slices.SortStableFunc(out, func(a, b actorgraph.Actor) int { return cmp.Compare(a.ID, b.ID) })
	return slices.CompactFunc(out, func(a, b actorgraph.Actor) bool { return a.ID == b.ID })
}

func uniqueEdges(in []actorgraph.Edge) []actorgraph.Edge {
	out := slices.Clone(in)
	slices.SortStableFunc(out, func(a, b actorgraph.Edge) int { return cmp.Compare(a.ID, b.ID) })
	return slices.CompactFunc(out, func(a, b actorgraph.Edge) bool { return a.ID == b.ID })
}

func uniqueDocuments(in []actorgraph.StoredDocument) []actorgraph.StoredDocument {
	out := slices.Clone(in)
	slices.SortStableFunc(out, func(a, b actorgraph.StoredDocument) int { return cmp.Compare(a.DocID, b.DocID) })
	return slices.CompactFunc(out, func(a, b actorgraph.StoredDocument) bool { return a.DocID == b.DocID })
}

// sortedEvidence returns the rows in a stable order: by document, then
// position in it.
func sortedEvidence(in []actorgraph.EvidenceRow) []actorgraph.EvidenceRow {
	out := slices.Clone(in)
	slices.SortStableFunc(out, func(a, b actorgraph.EvidenceRow) int {
		return cmp.Or(
			cmp.Compare(a.DocID, b.DocID),
			cmp.Compare(a.Span.Start, b.Span.Start),
			cmp.Compare(a.Span.End, b.Span.End),
			strings.Compare(a.Sentence, b.Sentence),
			cmp.Compare(a.EdgeID, b.EdgeID),
		)
	})
	return out
}

// view is a Graph made ready for writing: sorted, without duplicate ids,
// with a stand-in for every edge end missing from the actors.
type view struct {
	g        *Graph
	actors   []actorgraph.Actor
	actor    map[actorgraph.ActorID]*actorgraph.Actor
	edges    []actorgraph.Edge
	evidence map[actorgraph.EdgeID][]actorgraph.EvidenceRow
	docs     []actorgraph.StoredDocument
	doc      map[actorgraph.DocID]*actorgraph.StoredDocument
}

func newView(g *Graph) (*view, error) {
	if g == nil {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "export: nil graph")
	}
	v := &view{g: g, evidence: map[actorgraph.EdgeID][]actorgraph.EvidenceRow{}}
	v.actors = uniqueActors(g.Actors)
	v.edges = uniqueEdges(g.Edges)
	have := make(map[actorgraph.ActorID]bool, len(v.actors))
	for _, a := range v.actors {
		have[a.ID] = true
	}
	added := false
	for _, e := range v.edges {
		if !have[e.Source] {
			have[e.Source] = true
			v.actors = append(v.actors, actorgraph.Actor{ID: e.Source, Name: e.SourceName})
			added = true
		}
		if !have[e.Target] {
			have[e.Target] = true
			v.actors = append(v.actors, actorgraph.Actor{ID: e.Target, Name: e.TargetName})
			added = true
		}
	}
	if added {
		slices.SortFunc(v.actors, func(a, b actorgraph.Actor) int { return cmp.Compare(a.ID, b.ID) })
	}
	v.actor = make(map[actorgraph.ActorID]*actorgraph.Actor, len(v.actors))
	for i := range v.actors {
		v.actor[v.actors[i].ID] = &v.actors[i]
	}
	for _, e := range v.edges {
		if rows := g.Evidence[e.ID]; len(rows) > 0 {
			v.evidence[e.ID] = sortedEvidence(rows)
		}
	}
	v.docs = uniqueDocuments(g.Documents)
	v.doc = make(map[actorgraph.DocID]*actorgraph.StoredDocument, len(v.docs))
	for i := range v.docs {
		v.doc[v.docs[i].DocID] = &v.docs[i]
	}
	return v, nil
}

// edgeLabel is the relation as people read it: "ATTACKS", "NOT ATTACKS".
func edgeLabel(e actorgraph.Edge) string {
	if e.Negated {
		return "NOT " + string(e.Type)
	}
	return string(e.Type)
}

// strongest returns the strongest of the modalities, or "".
func strongest(ms []actorgraph.Modality) actorgraph.Modality {
	var best actorgraph.Modality
	for _, m := range ms {
		if m.Strength() > best.Strength() {
			best = m
		}
	}
	return best
}

// modalityList joins the modalities, strongest first.
func modalityList(ms []actorgraph.Modality, sep string) string {
	s := slices.Clone(ms)
	slices.SortStableFunc(s, func(a, b actorgraph.Modality) int { return cmp.Compare(b.Strength(), a.Strength()) })
	s = slices.Compact(s)
	parts := make([]string, len(s))
	for i, m := range s {
		parts[i] = string(m)
	}
	return strings.Join(parts, sep)
}

// aliasNames returns the actor's names other than its display name,
// without repeats, sorted.
func aliasNames(a *actorgraph.Actor) []string {
	var out []string
	for _, c := range a.Aliases {
		if c.Name != "" && c.Name != a.Name {
			out = append(out, c.Name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
