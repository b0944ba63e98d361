package export

import (
	"testing"

	"github.com/actorgraph/actorgraph"
)

// TestSTIXAssessments checks that the four assessments travel as custom
// properties and that confidence follows the STIX 2.1 scales: the
// analyst's confidence first, else credibility, and never over an
// explicit g.Confidence.
func TestSTIXAssessments(t *testing.T) {
	g := fixtureGraph()
	if len(g.Edges) < 3 {
		t.Fatal("fixture has too few edges")
	}
	e0, e1, e2 := g.Edges[0].ID, g.Edges[1].ID, g.Edges[2].ID
	g.Confidence = map[actorgraph.EdgeID]int{e2: 40}
	g.Assessments = map[actorgraph.EdgeID]actorgraph.Assessment{
		e0: {Edge: e0, Reliability: "B", Credibility: 2, DerivedCredibility: 3, AnalystCredibility: 2, IndependentSources: 1,
			Modality: actorgraph.Asserted, Confidence: actorgraph.ConfidenceHigh},
		e1: {Edge: e1, Reliability: "F", Credibility: 6, DerivedCredibility: 6, Modality: actorgraph.Possible},
		e2: {Edge: e2, Reliability: "A", Credibility: 1, DerivedCredibility: 1, IndependentSources: 3, Modality: actorgraph.Reported},
	}
	_, objs := stixObjects(t, writeSTIX(t, g))
	tests := []struct {
		edge        actorgraph.EdgeID
		confidence  any // float64, or nil for absent
		basis       any
		reliability string
		credibility float64
		analyst     any
	}{
		{e0, 85.0, "analyst_confidence", "B", 2, "high"},
		{e1, nil, nil, "F", 6, nil},
		{e2, 40.0, nil, "A", 1, nil},
	}
	for _, tt := range tests {
		o := byXID(t, objs, "x_actorgraph_edge_id", int(tt.edge))
		if o["confidence"] != tt.confidence || o["x_actorgraph_confidence_basis"] != tt.basis ||
			o["x_actorgraph_source_reliability"] != tt.reliability || o["x_actorgraph_credibility"] != tt.credibility ||
			o["x_actorgraph_analyst_confidence"] != tt.analyst || o["x_actorgraph_modality"] == nil {
			t.Errorf("edge %d: %v", tt.edge, o)
		}
	}
}

func TestSTIXConfidenceScale(t *testing.T) {
	tests := []struct {
		a    actorgraph.Assessment
		want int
		ok   bool
	}{
		{actorgraph.Assessment{Confidence: "low", Credibility: 1}, 15, true},
		{actorgraph.Assessment{Confidence: "moderate"}, 50, true},
		{actorgraph.Assessment{Credibility: 1}, 90, true},
		{actorgraph.Assessment{Credibility: 4}, 30, true},
		{actorgraph.Assessment{Credibility: 6}, 0, false},
		{actorgraph.Assessment{}, 0, false},
	}
	for _, tt := range tests {
		if got, ok := actorgraph.STIXConfidence(tt.a); got != tt.want || ok != tt.ok {
			t.Errorf("%+v: %d %v, want %d %v", tt.a, got, ok, tt.want, tt.ok)
		}
	}
}
