package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/source"
)

func TestIsJSONL(t *testing.T) {
	for _, tt := range []struct {
		path string
		want bool
	}{
		{"a.jsonl", true}, {"dir/A.JSONL", true}, {"x.ndjson", true}, {"x.jsonlines", true},
		{"x.json", false}, {"x.txt", false}, {"jsonl", false},
	} {
		if got := IsJSONL(tt.path); got != tt.want {
			t.Errorf("IsJSONL(%q) = %v", tt.path, got)
		}
	}
}

// line is one JSON Lines report.
func line(i int) string {
	return fmt.Sprintf(`{"title": "Report %d", "text": "The Taliban met in Kabul on day %d."}`, i, i)
}

// TestSplit cuts files into parts and reads every part back: every
// report once, in order, with line numbers (in URLs and in errors) as
// they are in the whole file.
func TestSplit(t *testing.T) {
	many := make([]string, 0, 600)
	for i := 1; i <= 600; i++ {
		many = append(many, line(i))
	}
	tests := []struct {
		name     string
		content  string
		parts    int
		docs     int
		badLines []int // line numbers the errors name
	}{
		{"one line", line(1) + "\n", 1, 1, nil},
		{"no final newline", line(1) + "\n" + line(2), 1, 2, nil},
		{"blank lines only", "\n\n  \n", 0, 0, nil},
		{"three parts", strings.Join(many, "\n") + "\n", 3, 600, nil},
		{"bad line in the second part", strings.Join(many[:300], "\n") + "\n{broken\n" + strings.Join(many[300:], "\n"), 3, 600, []int{301}},
		{"blank lines between", line(1) + "\n\n\n" + line(2) + "\n", 1, 2, nil},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "in.jsonl")
		if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		sp := NewSplitter()
		read := sp.Read(func(ctx context.Context, input string) ([]actorgraph.Document, error) {
			return nil, fmt.Errorf("not a part: %s", input)
		})
		var parts, docs int
		var bad []int
		lastDay := 0
		for name, err := range sp.Split(path) {
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			parts++
			ds, err := read(context.Background(), name)
			var ble *source.BadLinesError
			if errors.As(err, &ble) {
				for _, l := range ble.Lines {
					bad = append(bad, l.Line)
				}
			} else if err != nil {
				t.Fatalf("%s: part %s: %v", tt.name, name, err)
			}
			for _, d := range ds {
				docs++
				var day int
				fmt.Sscanf(d.Title, "Report %d", &day)
				if day != lastDay+1 {
					t.Errorf("%s: report %d after %d", tt.name, day, lastDay)
				}
				lastDay = day
				// the URL names the line in the whole file
				if !strings.HasSuffix(d.URL, fmt.Sprintf("#L%d", lineOf(tt.content, d.Title))) {
					t.Errorf("%s: %s has URL %s", tt.name, d.Title, d.URL)
				}
			}
			if _, err := read(context.Background(), name); err == nil {
				t.Errorf("%s: part %s could be read twice", tt.name, name)
			}
		}
		if parts != tt.parts || docs != tt.docs || fmt.Sprint(bad) != fmt.Sprint(tt.badLines) {
			t.Errorf("%s: %d parts, %d documents, bad lines %v; want %d, %d, %v", tt.name, parts, docs, bad, tt.parts, tt.docs, tt.badLines)
		}
	}
}

// lineOf is the 1-based line of content holding the report titled title.
func lineOf(content, title string) int {
	for i, l := range strings.Split(content, "\n") {
		if strings.Contains(l, `"`+title+`"`) {
			return i + 1
		}
	}
	return -1
}

func TestSplitMissingFile(t *testing.T) {
	sp := NewSplitter()
	n := 0
	for _, err := range sp.Split(filepath.Join(t.TempDir(), "none.jsonl")) {
		n++
		if actorgraph.ErrorCode(err) != actorgraph.EInvalid {
			t.Errorf("missing file: %v", err)
		}
	}
	if n != 1 {
		t.Errorf("%d results for a missing file", n)
	}
}
