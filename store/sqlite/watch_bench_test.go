package sqlite

import (
	"testing"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/network"
	"github.com/actorgraph/actorgraph/query"
)

// BenchmarkEdgeChanges compares the big store as of a date with now: one
// pass over every evidence row.
func BenchmarkEdgeChanges(b *testing.B) {
	s := bigStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cs, err := s.EdgeChanges(bg, "2021-01-01")
		if err != nil || len(cs) == 0 {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssessments reads the four assessments of one page of edges,
// as relations shows them.
func BenchmarkAssessments(b *testing.B) {
	s := bigStore(b)
	es, _, err := s.Edges(bg, actorgraph.EdgeFilter{Page: actorgraph.Page{Limit: 50}})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]actorgraph.EdgeID, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if m, err := s.Assessments(bg, ids); err != nil || len(m) != len(ids) {
			b.Fatal(err)
		}
	}
}

// BenchmarkNetworkLoad reads every relationship of the big store and
// ranks its brokers.
func BenchmarkNetworkLoad(b *testing.B) {
	s := bigStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := network.Load(bg, s, network.Filter{PageSize: MaxLimit}, network.Options{Top: 20})
		if err != nil || len(r.Brokers) == 0 {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(float64(r.Actors), "actors")
			b.ReportMetric(float64(r.Links), "links")
		}
	}
}

// BenchmarkChanges is the whole "changes --since" answer: the edge pass,
// the actor debuts, ranking and a cited sentence per row shown.
func BenchmarkChanges(b *testing.B) {
	s := bigStore(b)
	q := &query.Engine{S: s}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ch, err := q.Changes(bg, "2023-06-01", query.ChangeOptions{})
		if err != nil || len(ch.Relations) == 0 {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(float64(ch.ActorsTotal), "new-actors")
		}
	}
}

// BenchmarkAssessmentsAll reads the assessments of every relationship, as
// "relations --credibility 1-2" does: one pass over the evidence.
func BenchmarkAssessmentsAll(b *testing.B) {
	s := bigStore(b)
	var ids []actorgraph.EdgeID
	for off := 0; ; {
		es, total, err := s.Edges(bg, actorgraph.EdgeFilter{Page: actorgraph.Page{Offset: off, Limit: MaxLimit}})
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range es {
			ids = append(ids, e.ID)
		}
		off += len(es)
		if len(es) == 0 || off >= total {
			break
		}
	}
	b.ReportMetric(float64(len(ids)), "edges")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if m, err := s.Assessments(bg, ids); err != nil || len(m) != len(ids) {
			b.Fatal(err)
		}
	}
}
