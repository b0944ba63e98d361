package pipeline_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/nlp/pipeline"
	"github.com/actorgraph/actorgraph/samples"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func extractor(t testing.TB) *pipeline.Extractor {
	t.Helper()
	x, err := pipeline.Default()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestGolden compares the extractor's JSON for every sample report with
// testdata/golden/NAME.json. After an intended change, run
// `go test ./nlp/pipeline -run TestGolden -update` and review the diff.
func TestGolden(t *testing.T) {
	x := extractor(t)
	reports := samples.All()
	if len(reports) < 12 {
		t.Fatalf("want at least 12 sample reports, have %d", len(reports))
	}
	for _, r := range reports {
		t.Run(r.Name, func(t *testing.T) {
			res := x.Extract(r.Text)
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", r.Name+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; run `go test ./nlp/pipeline -run TestGolden -update` and review the diff", path)
			}
		})
	}
}
