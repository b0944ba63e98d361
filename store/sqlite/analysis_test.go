package sqlite

import (
	"testing"

	"github.com/actorgraph/actorgraph"
)

// pledgeDoc is a document with one commitment (A pledged to B not to host
// C) and one judgment.
func pledgeDoc(text string) (actorgraph.Document, actorgraph.Extraction) {
	sp := actorgraph.Span{Start: 0, End: len(text)}
	ent := func(id, name string, typ actorgraph.EntityType) actorgraph.Entity {
		return actorgraph.Entity{ID: id, Name: name, Type: typ, Aliases: []string{}, Mentions: []actorgraph.Span{}}
	}
	x := actorgraph.Extraction{
		Entities: []actorgraph.Entity{ent("e0", "Northern Front", actorgraph.ArmedGroup),
			ent("e1", "Republic of Tarn", actorgraph.Org), ent("e2", "Black Banner", actorgraph.ArmedGroup)},
		Relations: []actorgraph.Relation{{Source: "e0", Type: actorgraph.Hosts, Target: "e2", Negated: true,
			Modality: actorgraph.Possible, Evidence: actorgraph.Evidence{Text: text, Span: sp}}},
		Judgments: []actorgraph.Judgment{{Kind: actorgraph.Estimative, Likelihood: actorgraph.Unlikely, Cue: "unlikely",
			CueSpan: actorgraph.Span{Start: 1, End: 3}, Sentence: text, Span: sp}},
		Commitments: []actorgraph.Commitment{{Actor: "e0", To: "e1", Type: actorgraph.Hosts, Source: "e0", Target: "e2",
			Negated: true, Cue: "pledged", When: "2020", Sentence: text, Span: sp}},
	}
	return actorgraph.Document{Title: "Pledge", Published: "2020-05-01", Text: text}, x
}

func TestAnalysisStored(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	doc, x := pledgeDoc("The Northern Front pledged to Tarn that it would not host the Black Banner.")
	res, err := s.PutDocument(bg, doc, x)
	if err != nil {
		t.Fatal(err)
	}
	js, err := s.Judgments(bg, res.DocID)
	if err != nil || len(js) != 1 || js[0].Likelihood != actorgraph.Unlikely || js[0].Sentence != doc.Text {
		t.Fatalf("judgments %+v, %v", js, err)
	}
	cs, total, err := s.Commitments(bg, actorgraph.CommitmentFilter{})
	if err != nil || total != 1 || len(cs) != 1 {
		t.Fatalf("commitments %+v, %d, %v", cs, total, err)
	}
	c := cs[0]
	if c.ActorName != "Northern Front" || c.ToName != "Republic of Tarn" || c.TargetName != "Black Banner" ||
		!c.Negated || c.Type != actorgraph.Hosts || c.DocTitle != "Pledge" || c.Published != "2020-05-01" || c.When != "2020" {
		t.Errorf("commitment %+v", c)
	}
	// filters
	for _, f := range []struct {
		f    actorgraph.CommitmentFilter
		want int
	}{
		{actorgraph.CommitmentFilter{Actor: c.Target}, 1},
		{actorgraph.CommitmentFilter{Actor: c.To}, 1},
		{actorgraph.CommitmentFilter{Actor: 9999}, 0},
		{actorgraph.CommitmentFilter{Doc: res.DocID}, 1},
		{actorgraph.CommitmentFilter{AsOf: actorgraph.AsOf{Date: "2019-01-01"}}, 0},
		{actorgraph.CommitmentFilter{AsOf: actorgraph.AsOf{Date: "2021-01-01"}}, 1},
	} {
		got, n, err := s.Commitments(bg, f.f)
		if err != nil || n != f.want || len(got) != f.want {
			t.Errorf("%+v: %d, %v", f.f, n, err)
		}
	}
	// a rename shows in the commitment
	if _, err := s.Apply(bg, actorgraph.Edit{Kind: actorgraph.EditRename, Actor: c.Actor, Value: "NF"}); err != nil {
		t.Fatal(err)
	}
	cs, _, _ = s.Commitments(bg, actorgraph.CommitmentFilter{})
	if cs[0].ActorName != "NF" || cs[0].SourceName != "NF" {
		t.Errorf("after rename: %+v", cs[0])
	}
	// a merge moves the commitment's target to the merged actor, and an
	// undo moves it back
	other, ox := pledgeDoc("The Banner Brigade is active in the hills.")
	other.Published = "2021-01-01"
	ox.Entities = ox.Entities[:1]
	ox.Entities[0].Name, ox.Entities[0].Type = "Banner Brigade", actorgraph.ArmedGroup
	ox.Relations, ox.Judgments, ox.Commitments = nil, nil, nil
	if _, err := s.PutDocument(bg, other, ox); err != nil {
		t.Fatal(err)
	}
	bb, err := s.Resolve(bg, "Banner Brigade")
	if err != nil || len(bb) != 1 {
		t.Fatalf("resolve: %v %v", bb, err)
	}
	e, err := s.Apply(bg, actorgraph.Edit{Kind: actorgraph.EditMerge, Actor: bb[0].ID, Other: c.Target})
	if err != nil {
		t.Fatal(err)
	}
	cs, _, _ = s.Commitments(bg, actorgraph.CommitmentFilter{Actor: bb[0].ID})
	if len(cs) != 1 || cs[0].Target != bb[0].ID || cs[0].TargetName != "Banner Brigade" {
		t.Errorf("after merge: %+v", cs)
	}
	if err := s.Undo(bg, e.ID); err != nil {
		t.Fatal(err)
	}
	cs, _, _ = s.Commitments(bg, actorgraph.CommitmentFilter{Actor: c.Target})
	if len(cs) != 1 || cs[0].Target != c.Target {
		t.Errorf("after undo: %+v", cs)
	}
	// reindex replaces the analysis
	x.Commitments = nil
	x.Judgments = x.Judgments[:1]
	if err := s.ReplaceExtraction(bg, res.DocID, x); err != nil {
		t.Fatal(err)
	}
	if cs, n, _ := s.Commitments(bg, actorgraph.CommitmentFilter{}); n != 0 || len(cs) != 0 {
		t.Errorf("after reindex: %d commitments", n)
	}
	if js, _ := s.Judgments(bg, res.DocID); len(js) != 1 {
		t.Errorf("after reindex: %d judgments", len(js))
	}
}

func TestAnalysisInvalid(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	cases := []struct {
		name string
		edit func(x *actorgraph.Extraction)
	}{
		{"unknown entity", func(x *actorgraph.Extraction) { x.Commitments[0].Target = "e9" }},
		{"unknown beneficiary", func(x *actorgraph.Extraction) { x.Commitments[0].To = "e9" }},
		{"span past the text", func(x *actorgraph.Extraction) { x.Judgments[0].Span.End = 1 << 20 }},
		{"bad type", func(x *actorgraph.Extraction) { x.Commitments[0].Type = "LOVES" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, x := pledgeDoc("The Northern Front pledged not to host the Black Banner (" + c.name + ").")
			c.edit(&x)
			_, err := s.PutDocument(bg, doc, x)
			if actorgraph.ErrorCode(err) != actorgraph.EInvalid {
				t.Fatalf("got %v, want an invalid error", err)
			}
			// nothing of the document was kept
			ds, n, _ := s.Documents(bg, actorgraph.AsOf{}, actorgraph.Page{})
			if n != 0 || len(ds) != 0 {
				t.Errorf("%d documents stored", n)
			}
		})
	}
	if _, err := s.Judgments(bg, 42); actorgraph.ErrorCode(err) != actorgraph.ENotFound {
		t.Errorf("unknown document: %v", err)
	}
	if _, _, err := s.Commitments(bg, actorgraph.CommitmentFilter{AsOf: actorgraph.AsOf{Date: "yesterday"}}); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
		t.Errorf("bad date: %v", err)
	}
}
