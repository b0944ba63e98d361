package pipeline_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/eval"
)

// floors are the accuracy the extractor must keep: raise them when it
// improves, never lower them.
var floors = map[string]map[string]float64{
	// the sample corpus written for this project (samples/*.gold.json)
	"samples": {"entities": 0.95, "typed": 0.95, "relations": 0.52, "strict": 0.49},
	// the shared development set of real articles, when it is present
	"dev": {"entities": 0.95, "typed": 0.94, "relations": 0.57, "strict": 0.51},
}

func TestEvaluation(t *testing.T) {
	dirs := map[string]string{
		"samples": filepath.Join("..", "..", "samples"),
		"dev":     filepath.Join("..", "..", "..", "shared", "eval", "dev"),
	}
	x := extractor(t)
	for name, dir := range dirs {
		if _, err := os.Stat(dir); err != nil {
			t.Logf("%s: %s not here, skipped", name, dir)
			continue
		}
		pairs, err := eval.LoadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(pairs) == 0 {
			t.Fatalf("%s: no annotated documents in %s", name, dir)
		}
		var total eval.Score
		for _, p := range pairs {
			res := x.Extract(p.Text)
			total.Add(eval.Compare(p.Gold, &res))
		}
		t.Logf("%s (%d documents):\n%s", name, total.Docs, total)
		check := func(label string, tl eval.Tally) {
			_, _, f := tl.PRF()
			if f < floors[name][label] {
				t.Errorf("%s: %s F1 %.3f is under its floor %.2f", name, label, f, floors[name][label])
			}
		}
		check("entities", total.Entities)
		check("typed", total.Typed)
		check("relations", total.Relations)
		check("strict", total.RelStrict)
	}
}
