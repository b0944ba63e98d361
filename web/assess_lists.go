package web

import (
	"context"
	"strings"

	"github.com/actorgraph/actorgraph"
)

// Every answer that lists relationships carries their four assessments
// (source reliability, information credibility, modality and negation,
// analyst confidence) in one map keyed by edge id, read with one bulk
// call per answer. A store that keeps no assessments leaves the map out.

// assessments is the map of an answer: edge id → its assessments.
type assessments = map[actorgraph.EdgeID]assessment

// assessment is actorgraph.Assessment without the list of publishers and
// their grades, which the relationship's own assessment answer gives: a
// hub's relationships have many publishers each, and listing them made a
// neighbourhood's answer four times larger.
type assessment struct {
	Edge               actorgraph.EdgeID      `json:"edge"`
	Reliability        actorgraph.Reliability `json:"reliability"`
	Credibility        int                    `json:"credibility"`
	DerivedCredibility int                    `json:"derived_credibility"`
	AnalystCredibility int                    `json:"analyst_credibility,omitempty"`
	IndependentSources int                    `json:"independent_sources"`
	OpposingSources    int                    `json:"opposing_sources"`
	Modality           actorgraph.Modality    `json:"modality"`
	Negated            bool                   `json:"negated"`
	Confidence         actorgraph.Confidence  `json:"confidence,omitempty"`
}

func summary(a actorgraph.Assessment) assessment {
	return assessment{a.Edge, a.Reliability, a.Credibility, a.DerivedCredibility, a.AnalystCredibility,
		a.IndependentSources, a.OpposingSources, a.Modality, a.Negated, a.Confidence}
}

// Bounds of /api/relations filtered by assessments: the relationships the
// edge filter selects are read (most evidence first) up to this many,
// assessed in one call and filtered; truncated says that more were left
// unread.
const assessScanLimit = 20000

// assessEdges reads the assessments of the given relationships in one
// call; nil when the store keeps none or there is no edge.
func (s *Server) assessEdges(ctx context.Context, edges ...[]actorgraph.Edge) (assessments, error) {
	m, err := s.readAssessments(ctx, edges...)
	if m == nil || err != nil {
		return nil, err
	}
	out := make(assessments, len(m))
	for id, a := range m {
		out[id] = summary(a)
	}
	return out, nil
}

func (s *Server) readAssessments(ctx context.Context, edges ...[]actorgraph.Edge) (map[actorgraph.EdgeID]actorgraph.Assessment, error) {
	as, ok := s.cfg.Store.(actorgraph.Assessor)
	if !ok {
		return nil, nil
	}
	seen := map[actorgraph.EdgeID]bool{}
	var ids []actorgraph.EdgeID
	for _, es := range edges {
		for _, e := range es {
			if !seen[e.ID] {
				seen[e.ID] = true
				ids = append(ids, e.ID)
			}
		}
	}
	if len(ids) == 0 {
		return map[actorgraph.EdgeID]actorgraph.Assessment{}, nil
	}
	return as.Assessments(ctx, ids)
}

// assessmentFilter reads reliability=A-C, credibility=1-3,
// confidence=low,high and modality=asserted,reported with the meaning of
// the CLI's relations filters (actorgraph.ParseAssessmentFilter).
func (p *params) assessmentFilter() actorgraph.AssessmentFilter {
	join := func(name string) string { return strings.Join(p.list(name), ",") }
	f, err := actorgraph.ParseAssessmentFilter(p.str("reliability"), p.str("credibility"), join("confidence"), join("modality"))
	if err != nil && p.err == nil {
		p.err = err
	}
	return f
}

// relationsAnswer is a page of relationships with their assessments.
type relationsAnswer struct {
	list[actorgraph.Edge]
	Assessments assessments `json:"assessments,omitempty"`
	// Truncated: filtered by assessments, only the strongest
	// assessScanLimit relationships were read.
	Truncated bool `json:"truncated,omitempty"`
}

// assessedRelations answers /api/relations: without an assessment filter
// one page of edges and their assessments; with one, the edges f selects
// (up to assessScanLimit), assessed in one call, filtered, then paged.
func (s *Server) assessedRelations(ctx context.Context, f actorgraph.EdgeFilter, af actorgraph.AssessmentFilter) (relationsAnswer, error) {
	if af.Empty() {
		es, total, err := s.cfg.Store.Edges(ctx, f)
		if err != nil {
			return relationsAnswer{}, err
		}
		m, err := s.assessEdges(ctx, es)
		if err != nil {
			return relationsAnswer{}, err
		}
		return relationsAnswer{list: newList(es, total, f.Page), Assessments: m}, nil
	}
	if _, ok := s.cfg.Store.(actorgraph.Assessor); !ok {
		return relationsAnswer{}, actorgraph.Errorf(actorgraph.EInvalid, "this store keeps no assessments to filter by")
	}
	want := f.Page
	var all []actorgraph.Edge
	total := 0
	for off := 0; off < assessScanLimit; {
		f.Page = actorgraph.Page{Offset: off, Limit: min(5000, assessScanLimit-off)}
		es, n, err := s.cfg.Store.Edges(ctx, f)
		if err != nil {
			return relationsAnswer{}, err
		}
		all = append(all, es...)
		total = n
		off += len(es)
		if len(es) == 0 || off >= n {
			break
		}
	}
	m, err := s.readAssessments(ctx, all)
	if err != nil {
		return relationsAnswer{}, err
	}
	var kept []actorgraph.Edge
	for _, e := range all {
		if a, ok := m[e.ID]; ok && af.Match(a) {
			kept = append(kept, e)
		}
	}
	page := window(kept, want)
	out := assessments{}
	for _, e := range page {
		out[e.ID] = summary(m[e.ID])
	}
	return relationsAnswer{list: newList(page, len(kept), want), Assessments: out, Truncated: total > len(all)}, nil
}

// assessedProfile is a profile with its relationships' assessments.
type assessedProfile struct {
	profileAnswer
	Assessments assessments `json:"assessments,omitempty"`
}

func (s *Server) assessProfile(ctx context.Context, p profileAnswer) (assessedProfile, error) {
	var lists [][]actorgraph.Edge
	for _, es := range p.Relations {
		lists = append(lists, es)
	}
	m, err := s.assessEdges(ctx, lists...)
	return assessedProfile{p, m}, err
}

// assessedGraph is a neighbourhood with its relationships' assessments.
type assessedGraph struct {
	graphAnswer
	Assessments assessments `json:"assessments,omitempty"`
}

func (s *Server) assessGraph(ctx context.Context, g graphAnswer) (assessedGraph, error) {
	m, err := s.assessEdges(ctx, g.Edges)
	return assessedGraph{g, m}, err
}

// assessedTimeline is a page of a timeline with the assessments of its
// events' relationships.
type assessedTimeline struct {
	timelineAnswer
	Assessments assessments `json:"assessments,omitempty"`
}

func (s *Server) assessTimeline(ctx context.Context, t timelineAnswer) (assessedTimeline, error) {
	es := make([]actorgraph.Edge, len(t.Items))
	for i, ev := range t.Items {
		es[i] = ev.Edge
	}
	m, err := s.assessEdges(ctx, es)
	return assessedTimeline{t, m}, err
}
