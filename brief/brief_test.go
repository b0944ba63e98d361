package brief_test

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/brief"
	"github.com/actorgraph/actorgraph/nlp/pipeline"
	"github.com/actorgraph/actorgraph/samples"
)

func rel(src, typ, dst, text string, start int) actorgraph.Relation {
	return actorgraph.Relation{Source: src, Type: actorgraph.RelationType(typ), Target: dst, Modality: actorgraph.Asserted,
		Evidence: actorgraph.Evidence{Text: text, Span: actorgraph.Span{Start: start, End: start + len(text)}}}
}

func TestTakeaways(t *testing.T) {
	ents := []actorgraph.Entity{{ID: "e0", Name: "Hub"}, {ID: "e1", Name: "B"}, {ID: "e2", Name: "C"},
		{ID: "e3", Name: "D"}, {ID: "e4", Name: "E"}, {ID: "e5", Name: "F"}}
	judg := actorgraph.Judgment{Kind: actorgraph.Estimative, Likelihood: actorgraph.Likely, Cue: "likely",
		Sentence: "S5 likely.", Span: actorgraph.Span{Start: 500, End: 510}}
	comm := actorgraph.Commitment{Actor: "e4", Source: "e4", Target: "e5", Type: actorgraph.Hosts, Negated: true,
		Cue: "pledged", Sentence: "S9 pledged.", Span: actorgraph.Span{Start: 900, End: 911}}
	cases := []struct {
		name string
		x    actorgraph.Extraction
		want []string // sentences in order
	}{
		{"empty", actorgraph.Extraction{}, nil},
		{"judgments and hub relations first, in document order", actorgraph.Extraction{Entities: ents,
			Relations: []actorgraph.Relation{
				rel("e0", "ALLY", "e1", "S1 hub-b.", 100),
				rel("e0", "ATTACKS", "e2", "S2 hub-c.", 200),
				rel("e0", "SUPPORTS", "e3", "S3 hub-d.", 300),
				rel("e4", "RIVAL", "e5", "S4 e-f.", 400),
				rel("e1", "ALLY", "e2", "S6 b-c.", 600),
			},
			Judgments: []actorgraph.Judgment{judg}, Commitments: []actorgraph.Commitment{comm}},
			[]string{"S1 hub-b.", "S2 hub-c.", "S5 likely.", "S9 pledged."}}, // S3 scores under half the best
		{"fewer sentences than the minimum", actorgraph.Extraction{Entities: ents,
			Relations: []actorgraph.Relation{rel("e0", "ALLY", "e1", "S1 hub-b.", 100)}},
			[]string{"S1 hub-b."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := brief.Takeaways(&c.x)
			var s []string
			for _, g := range got {
				s = append(s, g.Sentence)
				if len(g.Reasons) == 0 {
					t.Errorf("%q has no reason", g.Sentence)
				}
			}
			if strings.Join(s, "|") != strings.Join(c.want, "|") {
				t.Errorf("got %q, want %q", s, c.want)
			}
		})
	}
}

// TestSamples checks every sample report's brief: three to five
// sentences of the text, in order, estimative sentences included when
// the report has any.
func TestSamples(t *testing.T) {
	x, err := pipeline.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range samples.All() {
		res := x.Extract(r.Text)
		got := brief.Takeaways(&res)
		if len(got) < brief.Min || len(got) > brief.Max {
			t.Errorf("%s: %d takeaways", r.Name, len(got))
		}
		for i, g := range got {
			if r.Text[g.Span.Start:g.Span.End] != g.Sentence {
				t.Errorf("%s: takeaway %d does not cite the text", r.Name, i)
			}
			if i > 0 && got[i-1].Span.Start >= g.Span.Start {
				t.Errorf("%s: takeaways out of order", r.Name)
			}
		}
		if len(res.Judgments) > 0 {
			found := false
			for _, g := range got {
				for _, j := range res.Judgments {
					found = found || j.Span == g.Span
				}
			}
			if !found {
				t.Errorf("%s: no judgment among the takeaways", r.Name)
			}
		}
	}
}
