package web

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/actorgraph/actorgraph"
)

func init() {
	goodRequests["listRelations"] = append(goodRequests["listRelations"],
		"/api/relations?reliability=A-F&credibility=1-6&confidence=low,moderate,high&modality=asserted,reported,possible&limit=5",
		"/api/relations?actor=Taliban&reliability=f&credibility=3-1")
}

// assessedAnswer is the part of every relationship list the tests read.
type assessedAnswer struct {
	Items       []actorgraph.Edge                           `json:"items"`
	Edges       []actorgraph.Edge                           `json:"edges"`
	Relations   map[string][]actorgraph.Edge                `json:"relations"`
	Total       int                                         `json:"total"`
	Assessments map[actorgraph.EdgeID]actorgraph.Assessment `json:"assessments"`
}

// TestListsCarryAssessments checks that every answer listing
// relationships carries the four assessments of each of them.
func TestListsCarryAssessments(t *testing.T) {
	srv, st := newServer(t, nil)
	ctx := context.Background()
	as := st.(actorgraph.Assessor)
	es, _, err := st.Edges(ctx, actorgraph.EdgeFilter{Page: actorgraph.Page{Limit: 1}})
	if err != nil || len(es) == 0 {
		t.Fatalf("edges: %v", err)
	}
	first := es[0]
	if _, err := as.Assess(ctx, first.ID, actorgraph.AnalystAssessment{Confidence: actorgraph.ConfidenceHigh}); err != nil {
		t.Fatal(err)
	}
	actor := itoa(int64(first.Source))
	for _, tc := range []struct {
		target string
		edges  func(a assessedAnswer, raw []byte) []actorgraph.Edge
	}{
		{"/api/relations?limit=20", func(a assessedAnswer, _ []byte) []actorgraph.Edge { return a.Items }},
		{"/api/actors/" + actor, func(a assessedAnswer, _ []byte) []actorgraph.Edge {
			var out []actorgraph.Edge
			for _, l := range a.Relations {
				out = append(out, l...)
			}
			return out
		}},
		{"/api/actors/" + actor + "/graph?hops=2", func(a assessedAnswer, _ []byte) []actorgraph.Edge { return a.Edges }},
		{"/api/actors/" + actor + "/timeline", func(_ assessedAnswer, raw []byte) []actorgraph.Edge {
			var tl struct {
				Items []struct {
					Edge actorgraph.Edge `json:"edge"`
				} `json:"items"`
			}
			if err := json.Unmarshal(raw, &tl); err != nil {
				t.Fatal(err)
			}
			var out []actorgraph.Edge
			for _, ev := range tl.Items {
				out = append(out, ev.Edge)
			}
			return out
		}},
	} {
		rec := do(srv, "GET", tc.target, nil, nil)
		if rec.Code != 200 {
			t.Fatalf("%s: %d %s", tc.target, rec.Code, rec.Body.String())
		}
		var a assessedAnswer
		if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
			t.Fatalf("%s: %v", tc.target, err)
		}
		edges := tc.edges(a, rec.Body.Bytes())
		if len(edges) == 0 {
			t.Fatalf("%s: no relationship listed", tc.target)
		}
		for _, e := range edges {
			got, ok := a.Assessments[e.ID]
			switch {
			case !ok:
				t.Errorf("%s: edge %d has no assessment", tc.target, e.ID)
			case got.Edge != e.ID || got.Reliability == "" || got.Credibility < 1 || got.Credibility > 6 || got.Modality == "":
				t.Errorf("%s: edge %d: incomplete assessment %+v", tc.target, e.ID, got)
			case e.ID == first.ID && got.Confidence != actorgraph.ConfidenceHigh:
				t.Errorf("%s: edge %d: confidence %q, want high", tc.target, e.ID, got.Confidence)
			}
		}
		if len(a.Assessments) > len(edges) {
			t.Errorf("%s: %d assessments for %d relationships", tc.target, len(a.Assessments), len(edges))
		}
	}
}

// TestRelationsAssessmentFilters checks the relations filters on the
// assessments against the assessments themselves, and bad values.
func TestRelationsAssessmentFilters(t *testing.T) {
	srv, st := newServer(t, nil)
	ctx := context.Background()
	as := st.(actorgraph.Assessor)
	all, total, err := st.Edges(ctx, actorgraph.EdgeFilter{Page: actorgraph.Page{Limit: 10000}})
	if err != nil || len(all) != total {
		t.Fatalf("edges: %d of %d, %v", len(all), total, err)
	}
	// two analyst judgements and one graded publisher to filter by
	for i, c := range []actorgraph.Confidence{actorgraph.ConfidenceHigh, actorgraph.ConfidenceLow} {
		if _, err := as.Assess(ctx, all[i].ID, actorgraph.AnalystAssessment{Confidence: c, Credibility: 2 + i}); err != nil {
			t.Fatal(err)
		}
	}
	pubs, err := as.Reliabilities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pubs {
		if p.Publisher != "" {
			if err := as.SetReliability(ctx, p.Publisher, actorgraph.ReliabilityB, ""); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	ids := make([]actorgraph.EdgeID, len(all))
	for i, e := range all {
		ids[i] = e.ID
	}
	truth, err := as.Assessments(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		want  actorgraph.AssessmentFilter
	}{
		{"confidence=high", actorgraph.AssessmentFilter{Confidence: []actorgraph.Confidence{"high"}}},
		{"confidence=low,moderate", actorgraph.AssessmentFilter{Confidence: []actorgraph.Confidence{"low", "moderate"}}},
		{"reliability=A-C", actorgraph.AssessmentFilter{Reliability: [2]actorgraph.Reliability{"A", "C"}}},
		{"reliability=f", actorgraph.AssessmentFilter{Reliability: [2]actorgraph.Reliability{"F", "F"}}},
		{"credibility=1-3", actorgraph.AssessmentFilter{Credibility: [2]int{1, 3}}},
		{"credibility=6", actorgraph.AssessmentFilter{Credibility: [2]int{6, 6}}},
		{"modality=reported,possible", actorgraph.AssessmentFilter{Modality: []actorgraph.Modality{"reported", "possible"}}},
		{"credibility=2-3&confidence=high,low&modality=asserted", actorgraph.AssessmentFilter{
			Credibility: [2]int{2, 3}, Confidence: []actorgraph.Confidence{"high", "low"}, Modality: []actorgraph.Modality{"asserted"}}},
	} {
		want := 0
		for _, e := range all {
			if tc.want.Match(truth[e.ID]) {
				want++
			}
		}
		a := getAssessed(t, srv, "/api/relations?limit=500&"+tc.query)
		if a.Total != want || len(a.Items) != min(want, 500) {
			t.Errorf("%s: %d items of %d, want %d", tc.query, len(a.Items), a.Total, want)
		}
		for _, e := range a.Items {
			if !tc.want.Match(a.Assessments[e.ID]) {
				t.Errorf("%s: edge %d does not pass: %+v", tc.query, e.ID, a.Assessments[e.ID])
			}
		}
	}
	if a := getAssessed(t, srv, "/api/relations?confidence=high&limit=1&offset=0"); a.Total != 1 || a.Items[0].ID != all[0].ID {
		t.Errorf("confidence=high: %+v", a.Items)
	}
	if a := getAssessed(t, srv, "/api/relations?confidence=high,low&limit=1&offset=1"); a.Total != 2 || len(a.Items) != 1 || a.Items[0].ID != all[1].ID {
		t.Errorf("confidence=high,low offset 1: %+v", a.Items)
	}
	for _, q := range []string{
		"reliability=G", "reliability=A-Z", "reliability=AB", "credibility=0", "credibility=7",
		"credibility=1-9", "credibility=x", "confidence=certain", "confidence=high,sure",
		"modality=rumoured", "modality=asserted,perhaps",
	} {
		rec := do(srv, "GET", "/api/relations?"+q, nil, nil)
		if rec.Code != 400 || decode(t, rec)["error"] == nil {
			t.Errorf("%s: %d, want 400: %s", q, rec.Code, rec.Body.String())
		}
	}
}

func getAssessed(t *testing.T, srv *Server, target string) assessedAnswer {
	t.Helper()
	rec := do(srv, "GET", target, nil, nil)
	if rec.Code != 200 {
		t.Fatalf("%s: %d %s", target, rec.Code, rec.Body.String())
	}
	var a assessedAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	return a
}
