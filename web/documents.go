package web

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph"
)

// docJSON is a stored document as the API shows it: "id" is the store's
// document id; "source_id" is the id the source gave it, if any.
type docJSON struct {
	ID        actorgraph.DocID `json:"id"`
	SourceID  string           `json:"source_id,omitempty"`
	Title     string           `json:"title"`
	URL       string           `json:"url,omitempty"`
	Publisher string           `json:"publisher,omitempty"`
	Published string           `json:"published,omitempty"`
	Ingested  time.Time        `json:"ingested"`
	Source    string           `json:"source,omitempty"`
	Hash      string           `json:"hash"`
	Actors    int              `json:"actors"`
	Relations int              `json:"relations"`
	Text      *string          `json:"text,omitempty"`
}

func newDocJSON(d actorgraph.StoredDocument, withText bool) docJSON {
	j := docJSON{ID: d.DocID, SourceID: d.ID, Title: d.Title, URL: d.URL, Publisher: d.Publisher,
		Published: d.Published, Ingested: d.Ingested, Source: d.Source, Hash: d.Hash,
		Actors: d.Actors, Relations: d.Edges}
	if withText {
		t := d.Text
		j.Text = &t
	}
	return j
}

func (s *Server) documents(r *http.Request) (any, error) {
	p := newParams(r.URL)
	asOf, pg := p.asOf(), p.page()
	if p.err != nil {
		return nil, p.err
	}
	ds, total, err := s.cfg.Store.Documents(r.Context(), asOf, pg)
	if err != nil {
		return nil, err
	}
	out := make([]docJSON, len(ds))
	for i, d := range ds {
		out[i] = newDocJSON(d, false)
	}
	return newList(out, total, pg), nil
}

// docEntity is an entity of one document: "id" is the graph actor it was
// merged into (0 when it cannot be found), "local_id" its id within the
// document's extraction; mentions are byte offsets into the text.
type docEntity struct {
	ID       actorgraph.ActorID    `json:"id"`
	LocalID  string                `json:"local_id"`
	Name     string                `json:"name"`
	Type     actorgraph.EntityType `json:"type"`
	KBID     string                `json:"kb_id,omitempty"`
	Aliases  []string              `json:"aliases"`
	Mentions []actorgraph.Span     `json:"mentions"`
}

// docRelation is a relation of one document: source and target are actor
// ids (as in docEntity.ID), evidence_span byte offsets into the text, and
// edge_id the aggregated relationship it counts towards (0 if unknown).
type docRelation struct {
	Source       actorgraph.ActorID      `json:"source"`
	SourceName   string                  `json:"source_name"`
	Type         actorgraph.RelationType `json:"type"`
	Target       actorgraph.ActorID      `json:"target"`
	TargetName   string                  `json:"target_name"`
	Negated      bool                    `json:"negated"`
	Modality     actorgraph.Modality     `json:"modality"`
	Evidence     string                  `json:"evidence"`
	EvidenceSpan [2]int                  `json:"evidence_span"`
	Trigger      string                  `json:"trigger,omitempty"`
	EdgeID       actorgraph.EdgeID       `json:"edge_id"`
}

type documentAnswer struct {
	Document  docJSON       `json:"document"`
	Entities  []docEntity   `json:"entities"`
	Relations []docRelation `json:"relations"`
}

func (s *Server) document(r *http.Request) (any, error) {
	p := newParams(r.URL)
	asOf := p.asOf()
	if p.err != nil {
		return nil, p.err
	}
	n, err := parseID("document", r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	d, x, err := s.cfg.Store.Document(ctx, actorgraph.DocID(n))
	if err != nil {
		return nil, err
	}
	if asOf.Date != "" && !knownOn(d, asOf.Date) {
		return nil, actorgraph.Errorf(actorgraph.ENotFound, "document %d was not known on %s", n, asOf.Date)
	}
	actors, edges, err := s.documentLinks(ctx, d.DocID, x)
	if err != nil {
		return nil, err
	}
	ans := documentAnswer{Document: newDocJSON(d, true), Entities: []docEntity{}, Relations: []docRelation{}}
	actorOf := map[string]actorgraph.ActorID{}
	names := map[string]string{}
	for i, e := range x.Entities {
		actorOf[e.ID], names[e.ID] = actors[i], e.Name
		ans.Entities = append(ans.Entities, docEntity{ID: actors[i], LocalID: e.ID, Name: e.Name, Type: e.Type, KBID: e.KBID,
			Aliases: nonNil(e.Aliases), Mentions: nonNil(e.Mentions)})
	}
	for i, rel := range x.Relations {
		ans.Relations = append(ans.Relations, docRelation{
			Source: actorOf[rel.Source], SourceName: names[rel.Source], Type: rel.Type, Target: actorOf[rel.Target], TargetName: names[rel.Target],
			Negated: rel.Negated, Modality: rel.Modality, Evidence: rel.Evidence.Text,
			EvidenceSpan: [2]int{rel.Evidence.Span.Start, rel.Evidence.Span.End}, Trigger: rel.Evidence.Trigger,
			EdgeID: edges[i],
		})
	}
	return ans, nil
}

// documentLinker is a store that says which actor each entity of a
// document is part of and which relationship each relation counts
// towards (store/sqlite does, from what it keeps as it merges).
type documentLinker interface {
	DocumentLinks(ctx context.Context, id actorgraph.DocID) ([]actorgraph.ActorID, []actorgraph.EdgeID, error)
}

// documentLinks is the actor of each entity of document doc's extraction
// x and the relationship of each relation (0: not found): from the store
// when it keeps them, else found by name and among the relationships of
// the ends.
func (s *Server) documentLinks(ctx context.Context, doc actorgraph.DocID, x actorgraph.Extraction) ([]actorgraph.ActorID, []actorgraph.EdgeID, error) {
	if dl, ok := s.cfg.Store.(documentLinker); ok {
		actors, edges, err := dl.DocumentLinks(ctx, doc)
		if err != nil {
			return nil, nil, err
		}
		if len(actors) == len(x.Entities) && len(edges) == len(x.Relations) {
			return actors, edges, nil
		}
	}
	actorOf := map[string]actorgraph.Actor{}
	found := make([]actorgraph.Actor, len(x.Entities))
	parallel(len(x.Entities), func(i int) { found[i] = s.actorOfEntity(ctx, doc, x.Entities[i]) })
	actors := make([]actorgraph.ActorID, len(x.Entities))
	for i, e := range x.Entities {
		actorOf[e.ID], actors[i] = found[i], found[i].ID
	}
	edges := edgeFinder{s: s.cfg.Store, ctx: ctx, cache: map[actorgraph.ActorID]edgePage{}}
	var ends []actorgraph.ActorID
	for _, rel := range x.Relations {
		if end := lookupEnd(actorOf[rel.Source], actorOf[rel.Target]); end != 0 && !slices.Contains(ends, end) {
			ends = append(ends, end)
		}
	}
	edges.prefetch(ends)
	ids := make([]actorgraph.EdgeID, len(x.Relations))
	parallel(len(x.Relations), func(i int) {
		rel := x.Relations[i]
		ids[i] = edges.find(actorOf[rel.Source], rel.Type, actorOf[rel.Target], rel.Negated)
	})
	return actors, ids, nil
}

// knownOn reports whether a document counts as known on a date: published
// by then, or, when undated, ingested by then.
func knownOn(d actorgraph.StoredDocument, date string) bool {
	if d.Published != "" {
		return d.Published <= date
	}
	return d.Ingested.UTC().Format("2006-01-02") <= date
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// actorOfEntity finds the graph actor an entity of document doc was
// merged into: by its knowledge-base id when it has one, else the actor
// whose names include one this document gave it.
func (s *Server) actorOfEntity(ctx context.Context, doc actorgraph.DocID, e actorgraph.Entity) actorgraph.Actor {
	if e.KBID != "" && e.KBName != "" && e.KBName != e.Name {
		// the knowledge base's name is the known actor's own; a surface
		// form can be shared by hundreds of actors
		as, _ := s.cfg.Store.Resolve(ctx, e.KBName)
		for _, a := range as {
			if a.KBID == e.KBID {
				return a
			}
		}
	}
	as, err := s.cfg.Store.Resolve(ctx, e.Name)
	if err != nil || len(as) == 0 {
		return actorgraph.Actor{}
	}
	if e.KBID != "" {
		for _, a := range as {
			if a.KBID == e.KBID {
				return a
			}
		}
	}
	for _, a := range as {
		for _, c := range a.Aliases {
			if c.DocID == doc {
				return a
			}
		}
	}
	if len(as) == 1 {
		return as[0]
	}
	return actorgraph.Actor{}
}

// edgeFinder finds the aggregated edge a document's relation counts
// towards. It reads the relationships of the end with less evidence, the
// strongest first in one page (the store's quickest list), and only when
// that page is not the whole list asks for the relationships of that type.
type edgeFinder struct {
	s     actorgraph.Store
	ctx   context.Context
	mu    sync.Mutex
	cache map[actorgraph.ActorID]edgePage
}

// findPage is the page of an actor's strongest relationships read to
// find a document's edges: a relationship between two hubs is usually
// among the strongest of both, and the store lists a hub's first hundred
// relationships four times quicker than its first five hundred.
const findPage = 100

type edgePage struct {
	edges    []actorgraph.Edge
	complete bool
}

func (f *edgeFinder) find(src actorgraph.Actor, t actorgraph.RelationType, dst actorgraph.Actor, neg bool) actorgraph.EdgeID {
	if src.ID == 0 || dst.ID == 0 {
		return 0
	}
	end := lookupEnd(src, dst)
	other := src.ID
	if end == src.ID {
		other = dst.ID
	}
	// the first page of either end, then (rarely: a weak relationship
	// between two hubs) a longer page of the end with less evidence; past
	// that the edge is left unknown rather than searched for slowly
	for _, a := range []actorgraph.ActorID{end, other} {
		f.mu.Lock()
		pg, ok := f.cache[a]
		f.mu.Unlock()
		if !ok {
			pg = f.page(a)
			f.mu.Lock()
			f.cache[a] = pg
			f.mu.Unlock()
		}
		if id := match(pg.edges, src.ID, t, dst.ID, neg); id != 0 || pg.complete {
			return id
		}
	}
	es, _, _ := f.s.Edges(f.ctx, actorgraph.EdgeFilter{Actor: end, Page: actorgraph.Page{Limit: maxLimit}})
	return match(es, src.ID, t, dst.ID, neg)
}

// lookupEnd is the end of a relation whose relationships are looked
// through: the one with less evidence.
func lookupEnd(src, dst actorgraph.Actor) actorgraph.ActorID {
	if src.ID == 0 || dst.ID == 0 {
		return 0
	}
	if dst.Evidence < src.Evidence {
		return dst.ID
	}
	return src.ID
}

func (f *edgeFinder) page(id actorgraph.ActorID) edgePage {
	es, total, _ := f.s.Edges(f.ctx, actorgraph.EdgeFilter{Actor: id, Page: actorgraph.Page{Limit: findPage}})
	return edgePage{es, total <= len(es)}
}

// prefetch reads the first page of relationships of several actors in
// parallel.
func (f *edgeFinder) prefetch(ids []actorgraph.ActorID) {
	pages := make([]edgePage, len(ids))
	parallel(len(ids), func(i int) { pages[i] = f.page(ids[i]) })
	f.mu.Lock()
	for i, id := range ids {
		f.cache[id] = pages[i]
	}
	f.mu.Unlock()
}

// parallel runs do(0..n-1) on a few goroutines: the store has a pool of
// readers, and a request's lookups are independent.
func parallel(n int, do func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(4, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				do(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

func match(es []actorgraph.Edge, src actorgraph.ActorID, t actorgraph.RelationType, dst actorgraph.ActorID, neg bool) actorgraph.EdgeID {
	for _, e := range es {
		if e.Type != t || e.Negated != neg {
			continue
		}
		if (e.Source == src && e.Target == dst) || (t.Symmetric() && e.Source == dst && e.Target == src) {
			return e.ID
		}
	}
	return 0
}
