package actorgraph_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/actorgraph/actorgraph"

// allowed lists, for each package of the module (by path relative to the
// module root), the module packages its non-test files may import. A
// package not listed may import nothing from the module but the root.
var allowed = map[string][]string{
	".":               {},
	"kb":              {"."},
	"source":          {"."},
	"eval":            {"."},
	"samples":         {},
	"nlp":             {"."},
	"nlp/sentence":    {".", "nlp"},
	"nlp/gazetteer":   {".", "nlp", "kb"},
	"nlp/names":       {".", "nlp"},
	"nlp/alias":       {".", "nlp"},
	"nlp/coref":       {".", "nlp"},
	"nlp/relation":    {".", "nlp"},
	"nlp/judgment":    {".", "nlp"},
	"nlp/pipeline":    {".", "nlp", "kb", "nlp/sentence", "nlp/gazetteer", "nlp/names", "nlp/alias", "nlp/coref", "nlp/relation", "nlp/judgment"},
	"brief":           {"."},
	"store/sqlite":    {"."},
	"store/storetest": {"."},
	"export":          {"."},
	"query":           {"."},
	"ingest":          {".", "source", "nlp/pipeline", "kb"},
	"cmd/actorgraph":  {"*"},
	"web":             {".", "query", "export", "source", "nlp/pipeline", "web/ui", "brief", "network", "alert"},
	"web/ui":          {},
	"web/e2e":         {},
	"network":         {"."},
	"alert":           {"."},
}

// TestImportRules checks the architecture: the domain at the root imports
// nothing of the module, each extraction stage imports only the document
// model, stores and exports only the domain, and wiring lives in cmd.
func TestImportRules(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		if strings.HasPrefix(dir, "scripts") {
			return nil
		}
		rules, ok := allowed[dir]
		if !ok {
			rules = []string{"."}
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p != module && !strings.HasPrefix(p, module+"/") {
				continue
			}
			rel := strings.TrimPrefix(strings.TrimPrefix(p, module), "/")
			if rel == "" {
				rel = "."
			}
			if !permitted(rules, rel) {
				t.Errorf("%s imports %s; package %s may import only %v", path, p, dir, rules)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func permitted(rules []string, rel string) bool {
	for _, r := range rules {
		if r == "*" || r == rel {
			return true
		}
	}
	return false
}
