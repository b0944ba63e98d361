package query

import (
	"cmp"
	"context"
	"math"
	"slices"
	"time"

	"github.com/actorgraph/actorgraph"
)

// ChangeKind says how a relationship changed since a date.
type ChangeKind string

// The kinds of change, in the order they are reported.
const (
	ChangeNew          ChangeKind = "new"          // no evidence before the date
	ChangeContested    ChangeKind = "contested"    // sources disagree now, did not before
	ChangeStrengthened ChangeKind = "strengthened" // more independent sources than before
	ChangeQuiet        ChangeKind = "quiet"        // no evidence since the date, and none for a while
)

// ChangeKinds lists the kinds in report order.
var ChangeKinds = []ChangeKind{ChangeNew, ChangeContested, ChangeStrengthened, ChangeQuiet}

// Change is one relationship that changed, with the sentence that shows
// it: the newest evidence on or after the date (for quiet ones, the last
// evidence there is).
type Change struct {
	Kind             ChangeKind             `json:"kind"`
	Edge             actorgraph.Edge        `json:"edge"`
	CountBefore      int                    `json:"count_before"`
	DocumentsBefore  int                    `json:"documents_before"`
	SourcesBefore    int                    `json:"sources_before"`
	Sources          int                    `json:"sources"`
	LastEvidence     string                 `json:"last_evidence"`
	Score            float64                `json:"score"`
	Evidence         actorgraph.EvidenceRow `json:"evidence"`
	SourceCentrality int                    `json:"source_degree"`
	TargetCentrality int                    `json:"target_degree"`
}

// NewActor is an actor first mentioned on or after the date, with one
// sentence about it (from its best-attested relationship) when it has any.
type NewActor struct {
	Actor     actorgraph.Actor        `json:"actor"`
	FirstSeen string                  `json:"first_seen"`
	FirstDoc  actorgraph.DocID        `json:"first_doc"`
	DocTitle  string                  `json:"doc_title"`
	Evidence  *actorgraph.EvidenceRow `json:"evidence,omitempty"`
}

// Changes is the difference between the graph as of a date and now.
type Changes struct {
	Since string `json:"since"`
	// Latest is the latest date of any stored document; QuietBefore the
	// date before which a relationship's last evidence must lie to count
	// as gone quiet.
	Latest      string             `json:"latest"`
	QuietBefore string             `json:"quiet_before"`
	Totals      map[ChangeKind]int `json:"totals"`
	Relations   []Change           `json:"relations"`
	NewActors   []NewActor         `json:"new_actors"`
	ActorsTotal int                `json:"new_actors_total"`
}

// ChangeOptions tune Changes.
type ChangeOptions struct {
	Limit     int // per kind, and of new actors (0: 20)
	QuietDays int // 0: 180
	Kinds     []ChangeKind
}

// Changes compares the graph as of since (documents dated, or if undated
// ingested, before it) with the graph now: relationships that are new,
// newly contested, strengthened by more independent sources, or gone
// quiet, and actors that first appeared. Each list is ranked by how much
// it matters: evidence count weighted by the centrality (degree) of its
// ends, score = count × (1 + ln(1 + degree(source) + degree(target))).
// The store must implement actorgraph.ChangeReader.
func (q *Engine) Changes(ctx context.Context, since string, o ChangeOptions) (Changes, error) {
	cr, ok := q.S.(actorgraph.ChangeReader)
	if !ok {
		return Changes{}, actorgraph.Errorf(actorgraph.EInvalid, "this store cannot compare the graph across dates")
	}
	if _, err := time.Parse("2006-01-02", since); err != nil || len(since) != 10 {
		return Changes{}, actorgraph.Errorf(actorgraph.EInvalid, "since %q is not a date of the form YYYY-MM-DD", since)
	}
	if o.Limit <= 0 {
		o.Limit = 20
	}
	if o.QuietDays <= 0 {
		o.QuietDays = 180
	}
	kinds := o.Kinds
	if len(kinds) == 0 {
		kinds = ChangeKinds
	}
	latest, err := cr.LatestDate(ctx)
	if err != nil {
		return Changes{}, err
	}
	out := Changes{Since: since, Latest: latest, Totals: map[ChangeKind]int{}, Relations: []Change{}, NewActors: []NewActor{}}
	if latest != "" {
		t, _ := time.Parse("2006-01-02", latest)
		out.QuietBefore = t.AddDate(0, 0, -o.QuietDays).Format("2006-01-02")
	}
	ecs, err := cr.EdgeChanges(ctx, since)
	if err != nil {
		return Changes{}, err
	}
	byKind := map[ChangeKind][]Change{}
	for _, ec := range ecs {
		k := classify(ec, out.QuietBefore)
		if k == "" || !slices.Contains(kinds, k) {
			continue
		}
		deg := ec.SourceDegree + ec.TargetDegree
		byKind[k] = append(byKind[k], Change{Kind: k, Edge: ec.Edge, CountBefore: ec.CountBefore, DocumentsBefore: ec.DocumentsBefore,
			SourcesBefore: ec.PublishersBefore, Sources: ec.Publishers, LastEvidence: ec.LastEvidence,
			SourceCentrality: ec.SourceDegree, TargetCentrality: ec.TargetDegree,
			Score: float64(ec.Edge.Count) * (1 + math.Log1p(float64(deg)))})
	}
	for _, k := range kinds {
		cs := byKind[k]
		out.Totals[k] = len(cs)
		slices.SortFunc(cs, func(a, b Change) int {
			if c := cmp.Compare(b.Score, a.Score); c != 0 {
				return c
			}
			return cmp.Compare(a.Edge.ID, b.Edge.ID)
		})
		if len(cs) > o.Limit {
			cs = cs[:o.Limit]
		}
		for i := range cs {
			ev, err := q.S.Evidence(ctx, cs[i].Edge.ID, actorgraph.AsOf{})
			if err != nil {
				return Changes{}, err
			}
			cs[i].Evidence = pickEvidence(ev, since, k == ChangeQuiet)
		}
		out.Relations = append(out.Relations, cs...)
	}
	debuts, err := cr.ActorDebuts(ctx, since)
	if err != nil {
		return Changes{}, err
	}
	var actors []NewActor
	for _, d := range debuts {
		a, err := q.S.Actor(ctx, d.Actor)
		if actorgraph.ErrorCode(err) == actorgraph.ENotFound {
			continue
		}
		if err != nil {
			return Changes{}, err
		}
		actors = append(actors, NewActor{Actor: a, FirstSeen: d.FirstSeen, FirstDoc: d.FirstDoc})
	}
	out.ActorsTotal = len(actors)
	slices.SortFunc(actors, func(a, b NewActor) int {
		if c := cmp.Compare(b.Actor.Evidence, a.Actor.Evidence); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Actor.Documents, a.Actor.Documents); c != 0 {
			return c
		}
		return cmp.Compare(a.Actor.ID, b.Actor.ID)
	})
	if len(actors) > o.Limit {
		actors = actors[:o.Limit]
	}
	for i := range actors {
		na := &actors[i]
		doc, _, err := q.S.Document(ctx, na.FirstDoc)
		if err != nil && actorgraph.ErrorCode(err) != actorgraph.ENotFound {
			return Changes{}, err
		}
		na.DocTitle = doc.Title
		es, _, err := q.S.Edges(ctx, actorgraph.EdgeFilter{Actor: na.Actor.ID, Page: actorgraph.Page{Limit: 1}})
		if err != nil {
			return Changes{}, err
		}
		if len(es) > 0 {
			ev, err := q.S.Evidence(ctx, es[0].ID, actorgraph.AsOf{})
			if err != nil {
				return Changes{}, err
			}
			if len(ev) > 0 {
				r := pickEvidence(ev, since, false)
				na.Evidence = &r
			}
		}
	}
	out.NewActors = append(out.NewActors, actors...)
	return out, nil
}

func classify(ec actorgraph.EdgeChange, quietBefore string) ChangeKind {
	switch {
	case ec.CountBefore == 0:
		return ChangeNew
	case ec.Edge.Contested && !ec.ContestedBefore:
		return ChangeContested
	case ec.Publishers > ec.PublishersBefore:
		return ChangeStrengthened
	case ec.CountAfter == 0 && ec.LastEvidence < quietBefore:
		return ChangeQuiet
	}
	return ""
}

// pickEvidence chooses the sentence to cite: the newest row dated on or
// after since (or undated, when none is), else — and always for quiet
// relationships — the newest dated row.
func pickEvidence(rows []actorgraph.EvidenceRow, since string, quiet bool) actorgraph.EvidenceRow {
	if len(rows) == 0 {
		return actorgraph.EvidenceRow{}
	}
	var best, undated, dated *actorgraph.EvidenceRow
	for i := range rows {
		r := &rows[i]
		switch {
		case r.Published == "":
			undated = r
		case r.Published >= since:
			if best == nil || r.Published >= best.Published {
				best = r
			}
			fallthrough
		default:
			if dated == nil || r.Published >= dated.Published {
				dated = r
			}
		}
	}
	if !quiet {
		if best != nil {
			return *best
		}
		if undated != nil {
			return *undated
		}
	}
	if dated != nil {
		return *dated
	}
	return rows[len(rows)-1]
}
