package sqlite

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
)

// attackDoc is a report by publisher in which one group attacks another,
// with a sentence of its own.
func attackDoc(i int, publisher string) (actorgraph.Document, actorgraph.Extraction) {
	sent := fmt.Sprintf("Harkat Dawn attacked Jund Sahil near post %d.", i)
	text := fmt.Sprintf("Report %d. %s", i, sent)
	at := strings.Index(text, sent)
	return actorgraph.Document{Title: fmt.Sprintf("Report %d", i), Publisher: publisher, Published: "2020-05-01", Text: text},
		actorgraph.Extraction{Entities: []actorgraph.Entity{
			{ID: "e1", Name: "Harkat Dawn", Type: actorgraph.ArmedGroup},
			{ID: "e2", Name: "Jund Sahil", Type: actorgraph.ArmedGroup},
		}, Relations: []actorgraph.Relation{{Source: "e1", Type: actorgraph.Attacks, Target: "e2", Modality: actorgraph.Asserted,
			Evidence: actorgraph.Evidence{Text: sent, Span: actorgraph.Span{Start: at, End: at + len(sent)}, Trigger: "attacked"}}}}
}

func put(s *Store, i int, publisher string) error {
	d, x := attackDoc(i, publisher)
	_, err := s.PutDocument(bg, d, x)
	return err
}

// TestAssessmentsCache checks that cached assessments follow every change:
// a new document, a publisher's grade and an analyst's assessment made
// through this store, and a document added by another connection (as by
// another process).
func TestAssessmentsCache(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := put(s, 1, "Monitor A"); err != nil {
		t.Fatal(err)
	}
	es, _, err := s.Edges(bg, actorgraph.EdgeFilter{})
	if err != nil || len(es) != 1 {
		t.Fatalf("edges %+v, %v", es, err)
	}
	id := es[0].ID
	get := func() actorgraph.Assessment {
		t.Helper()
		m, err := s.Assessments(bg, []actorgraph.EdgeID{id, 999})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := m[999]; ok || len(m) != 1 {
			t.Fatalf("assessments %+v: want edge %d alone", m, id)
		}
		return m[id]
	}
	steps := []struct {
		name  string
		do    func() error
		check func(a actorgraph.Assessment) bool
	}{
		{"first", func() error { return nil }, func(a actorgraph.Assessment) bool { return a.IndependentSources == 1 }},
		{"another publisher here", func() error { return put(s, 2, "Monitor B") },
			func(a actorgraph.Assessment) bool { return a.IndependentSources == 2 }},
		{"a grade", func() error { return s.SetReliability(bg, "Monitor B", actorgraph.ReliabilityB, "") },
			func(a actorgraph.Assessment) bool { return a.Reliability == actorgraph.ReliabilityB }},
		{"a publisher elsewhere", func() error { return put(other, 3, "Monitor C") },
			func(a actorgraph.Assessment) bool { return a.IndependentSources == 3 }},
		{"a grade elsewhere", func() error { return other.SetReliability(bg, "Monitor C", actorgraph.ReliabilityA, "") },
			func(a actorgraph.Assessment) bool { return a.Reliability == actorgraph.ReliabilityA }},
		{"an analyst elsewhere", func() error {
			_, err := other.Assess(bg, id, actorgraph.AnalystAssessment{Confidence: actorgraph.ConfidenceHigh})
			return err
		}, func(a actorgraph.Assessment) bool { return a.Confidence == actorgraph.ConfidenceHigh }},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		// twice: computed, then from the cache, on whichever readers
		for i := 0; i < 4; i++ {
			if a := get(); !st.check(a) {
				t.Fatalf("%s, read %d: assessment %+v", st.name, i, a)
			}
		}
	}
}
