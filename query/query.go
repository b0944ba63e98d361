// Package query answers an analyst's questions over any actorgraph.Store:
// resolving a name to one actor (with the closest candidates when it is
// unknown or ambiguous), an actor's profile, the shortest chains of
// relationships between two actors, and an actor's timeline — each answer
// carrying the evidence behind it.
//
// It imports only the root package and the standard library; it must not
// import a store implementation, nlp/ or cmd/.
package query

import (
	"context"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph"
)

// Engine runs queries over a store.
type Engine struct {
	S actorgraph.Store
	// Known, when set, maps a name to the canonical names of the
	// knowledge-base actors it is an alias of ("IS-K" → "Islamic State
	// Khorasan Province"), so that a known actor is found by any of its
	// known names, not only by those the stored reports happened to use.
	Known func(name string) []string
}

// pageSize is the window used to walk a store's lists.
const pageSize = 500

// Resolve finds the one actor a name denotes, through any alias. An
// unknown name is an ENotFound error naming the closest candidates; an
// ambiguous one is an EConflict error listing the actors it could be.
func (q *Engine) Resolve(ctx context.Context, name string) (actorgraph.Actor, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return actorgraph.Actor{}, actorgraph.Errorf(actorgraph.EInvalid, "no actor name given")
	}
	as, err := q.S.Resolve(ctx, name)
	if err != nil && actorgraph.ErrorCode(err) != actorgraph.ENotFound {
		return actorgraph.Actor{}, err
	}
	if len(as) == 0 && q.Known != nil {
		seen := map[actorgraph.ActorID]bool{}
		for _, canon := range q.Known(name) {
			found, err := q.S.Resolve(ctx, canon)
			if err != nil && actorgraph.ErrorCode(err) != actorgraph.ENotFound {
				return actorgraph.Actor{}, err
			}
			for _, a := range found {
				if a.KBID != "" && !seen[a.ID] {
					seen[a.ID] = true
					as = append(as, a)
				}
			}
		}
	}
	switch len(as) {
	case 1:
		return as[0], nil
	case 0:
		cands := q.Closest(ctx, name, 5)
		if len(cands) == 0 {
			return actorgraph.Actor{}, actorgraph.Errorf(actorgraph.ENotFound, "no actor named %q", name)
		}
		return actorgraph.Actor{}, actorgraph.Errorf(actorgraph.ENotFound, "no actor named %q; closest: %s", name, describe(cands))
	}
	sort.Slice(as, func(i, j int) bool { return as[i].Evidence > as[j].Evidence })
	return actorgraph.Actor{}, actorgraph.Errorf(actorgraph.EConflict, "%q is ambiguous: it names %s; use the id (e.g. #%d)", name, describe(as), as[0].ID)
}

func describe(as []actorgraph.Actor) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = a.Name + " (" + string(a.Type) + ", #" + itoa(int64(a.ID)) + ")"
	}
	return strings.Join(parts, ", ")
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// Closest returns up to n actors whose names are nearest to name: those
// containing a word of it, ranked by edit distance.
func (q *Engine) Closest(ctx context.Context, name string, n int) []actorgraph.Actor {
	seen := map[actorgraph.ActorID]bool{}
	var cands []actorgraph.Actor
	probes := []string{name}
	for _, w := range strings.Fields(name) {
		if len(w) >= 3 {
			probes = append(probes, w)
		}
	}
	if len(name) >= 4 {
		probes = append(probes, name[:3])
	}
	for _, p := range probes {
		as, _, err := q.S.Actors(ctx, actorgraph.ActorFilter{Search: p, Page: actorgraph.Page{Limit: 50}})
		if err != nil {
			continue
		}
		for _, a := range as {
			if !seen[a.ID] {
				seen[a.ID] = true
				cands = append(cands, a)
			}
		}
	}
	low := strings.ToLower(name)
	dist := func(a actorgraph.Actor) int {
		best := levenshtein(low, strings.ToLower(a.Name))
		for _, al := range a.Aliases {
			if d := levenshtein(low, strings.ToLower(al.Name)); d < best {
				best = d
			}
		}
		return best
	}
	sort.SliceStable(cands, func(i, j int) bool { return dist(cands[i]) < dist(cands[j]) })
	if len(cands) > n {
		cands = cands[:n]
	}
	return cands
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// bigPage is the window allEdges asks for first: an actor's edges in one
// call where the store allows pages that large.
const bigPage = 10000

// allEdges walks every edge matching f.
func (q *Engine) allEdges(ctx context.Context, f actorgraph.EdgeFilter) ([]actorgraph.Edge, error) {
	var out []actorgraph.Edge
	f.Page = actorgraph.Page{Limit: bigPage}
	for {
		es, total, err := q.S.Edges(ctx, f)
		if err != nil && f.Page.Limit == bigPage && f.Page.Offset == 0 && actorgraph.ErrorCode(err) == actorgraph.EInvalid {
			f.Page.Limit = pageSize // the store wants smaller pages
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, es...)
		f.Page.Offset += len(es)
		if len(es) == 0 || f.Page.Offset >= total {
			return out, nil
		}
	}
}

// Profile is an actor with its relationships grouped by type and the
// documents that say most about it.
type Profile struct {
	Actor      actorgraph.Actor                              `json:"actor"`
	Relations  map[actorgraph.RelationType][]actorgraph.Edge `json:"relations"`
	TopSources []Source                                      `json:"top_sources"`
}

// Source is a document and how many evidence sentences it gives.
type Source struct {
	DocID     actorgraph.DocID `json:"doc_id"`
	Title     string           `json:"title"`
	URL       string           `json:"url,omitempty"`
	Published string           `json:"published,omitempty"`
	Evidence  int              `json:"evidence"`
}

// SourceCounter is a store that counts evidence per document in the
// store; Profile uses it when the store has it (store/sqlite does) and
// reads every evidence row otherwise.
type SourceCounter interface {
	// EvidenceByDocument returns the n documents with the most evidence
	// rows of the given relationships known on asOf (ties: lower document
	// id first), each as one of its evidence rows, with the counts.
	EvidenceByDocument(ctx context.Context, edges []actorgraph.EdgeID, asOf actorgraph.AsOf, n int) ([]actorgraph.EvidenceRow, []int, error)
}

// Profile builds an actor's profile as known on asOf.
func (q *Engine) Profile(ctx context.Context, id actorgraph.ActorID, asOf actorgraph.AsOf, topN int) (Profile, error) {
	a, err := q.S.Actor(ctx, id)
	if err != nil {
		return Profile{}, err
	}
	if asOf.Date != "" {
		// the counts as they stood on that date
		as, _, err := q.S.Actors(ctx, actorgraph.ActorFilter{ID: id, AsOf: asOf, Page: actorgraph.Page{Limit: 1}})
		if err != nil {
			return Profile{}, err
		}
		if len(as) == 0 {
			return Profile{}, actorgraph.Errorf(actorgraph.ENotFound, "%s (#%d) is in no document known on %s", a.Name, a.ID, asOf.Date)
		}
		a = as[0]
	}
	edges, err := q.allEdges(ctx, actorgraph.EdgeFilter{Actor: id, AsOf: asOf})
	if err != nil {
		return Profile{}, err
	}
	p := Profile{Actor: a, Relations: map[actorgraph.RelationType][]actorgraph.Edge{}}
	for _, e := range edges {
		p.Relations[e.Type] = append(p.Relations[e.Type], e)
	}
	for _, es := range p.Relations {
		sort.SliceStable(es, func(i, j int) bool { return es[i].Count > es[j].Count })
	}
	// top sources: count evidence per document over the strongest edges
	sort.SliceStable(edges, func(i, j int) bool { return edges[i].Count > edges[j].Count })
	if c, ok := q.S.(SourceCounter); ok && topN > 0 {
		ids := make([]actorgraph.EdgeID, 0, 50)
		for i, e := range edges {
			if i >= 50 {
				break
			}
			ids = append(ids, e.ID)
		}
		if len(ids) == 0 {
			return p, nil
		}
		rows, n, err := c.EvidenceByDocument(ctx, ids, asOf, min(topN, 10000))
		if err != nil {
			return Profile{}, err
		}
		for i, r := range rows {
			p.TopSources = append(p.TopSources, Source{DocID: r.DocID, Title: r.DocTitle, URL: r.DocURL, Published: r.Published, Evidence: n[i]})
		}
		return p, nil
	}
	counts := map[actorgraph.DocID]*Source{}
	for i, e := range edges {
		if i >= 50 {
			break
		}
		ev, err := q.S.Evidence(ctx, e.ID, asOf)
		if err != nil {
			return Profile{}, err
		}
		for _, r := range ev {
			s := counts[r.DocID]
			if s == nil {
				s = &Source{DocID: r.DocID, Title: r.DocTitle, URL: r.DocURL, Published: r.Published}
				counts[r.DocID] = s
			}
			s.Evidence++
		}
	}
	for _, s := range counts {
		p.TopSources = append(p.TopSources, *s)
	}
	sort.Slice(p.TopSources, func(i, j int) bool {
		if p.TopSources[i].Evidence != p.TopSources[j].Evidence {
			return p.TopSources[i].Evidence > p.TopSources[j].Evidence
		}
		return p.TopSources[i].DocID < p.TopSources[j].DocID
	})
	if topN > 0 && len(p.TopSources) > topN {
		p.TopSources = p.TopSources[:topN]
	}
	return p, nil
}

// Hop is one step of a path: an edge, the direction it is walked in, and
// its evidence.
type Hop struct {
	Edge     actorgraph.Edge          `json:"edge"`
	Forward  bool                     `json:"forward"` // walked from Edge.Source to Edge.Target
	Evidence []actorgraph.EvidenceRow `json:"evidence"`
}

// Path is a chain of relationships between two actors.
type Path struct {
	Hops []Hop `json:"hops"`
}

// Event is one dated piece of evidence in an actor's timeline.
type Event struct {
	Date     string                 `json:"date"` // YYYY-MM-DD, "" when the document is undated
	Edge     actorgraph.Edge        `json:"edge"`
	Evidence actorgraph.EvidenceRow `json:"evidence"`
}

// Timeline returns the evidence of every relationship touching an actor,
// in date order (undated evidence last).
func (q *Engine) Timeline(ctx context.Context, id actorgraph.ActorID, asOf actorgraph.AsOf) ([]Event, error) {
	if _, err := q.S.Actor(ctx, id); err != nil {
		return nil, err
	}
	edges, err := q.allEdges(ctx, actorgraph.EdgeFilter{Actor: id, AsOf: asOf})
	if err != nil {
		return nil, err
	}
	var out []Event
	for _, e := range edges {
		ev, err := q.S.Evidence(ctx, e.ID, asOf)
		if err != nil {
			return nil, err
		}
		for _, r := range ev {
			out = append(out, Event{Date: r.Published, Edge: e, Evidence: r})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		di, dj := out[i].Date, out[j].Date
		if (di == "") != (dj == "") {
			return dj == ""
		}
		if di != dj {
			return di < dj
		}
		return out[i].Evidence.DocID < out[j].Evidence.DocID
	})
	return out, nil
}
