package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The tests in this file run the shared Python scorer, when it and python3
// are here, and check that this package gives the same figures.

const scorerPath = "../../shared/eval/score"

// scorer returns the python3 binary and the scorer's path, or skips.
func scorer(t *testing.T) (string, string) {
	t.Helper()
	if _, err := os.Stat(scorerPath); err != nil {
		t.Skipf("no scorer at %s", scorerPath)
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	abs, err := filepath.Abs(scorerPath)
	if err != nil {
		t.Fatal(err)
	}
	return py, abs
}

// fakeExtractor prints, for FILE.txt, the fixed JSON in out/FILE.json.
const fakeExtractor = `#!/bin/sh
exec cat "$(dirname "$0")/out/$(basename "$1" .txt).json"
`

type doc struct{ name, gold, pred string }

// both scores docs with the Python scorer and with Compare, and returns
// the scorer's four figure lines and Score.String()'s.
func both(t *testing.T, docs []doc) (py, goLines []string) {
	t.Helper()
	python, score := scorer(t)
	root := t.TempDir()
	dataDir, toolDir := filepath.Join(root, "data"), filepath.Join(root, "tool")
	for _, d := range []string{dataDir, filepath.Join(toolDir, "out")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(path, content string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script := filepath.Join(toolDir, "extract.sh")
	write(script, fakeExtractor)
	preds := map[string]string{}
	for _, d := range docs {
		write(filepath.Join(dataDir, d.name+".txt"), "A report written for the scorer test: "+d.name+".\n")
		write(filepath.Join(dataDir, d.name+".gold.json"), d.gold)
		write(filepath.Join(toolDir, "out", d.name+".json"), d.pred)
		preds[d.name] = d.pred
	}

	cmd := exec.Command(python, score, "--json", dataDir, "--", "sh", script)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scorer: %v\n%s%s", err, out, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var figures struct {
		Docs   int `json:"docs"`
		Errors int `json:"errors"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &figures); err != nil {
		t.Fatalf("scorer's last line %q: %v", lines[len(lines)-1], err)
	}
	if figures.Errors != 0 || figures.Docs != len(docs) {
		t.Fatalf("scorer: %d documents, %d errors:\n%s", figures.Docs, figures.Errors, out)
	}
	for _, l := range lines {
		for _, label := range []string{"entities ", "typed_entities ", "relations ", "relations_strict "} {
			if strings.HasPrefix(l, label) {
				py = append(py, l)
			}
		}
	}

	pairs, err := LoadDir(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	var total Score
	for _, p := range pairs {
		total.Add(Compare(p.Gold, parseExtraction(t, preds[p.Name])))
	}
	if total.Docs != figures.Docs {
		t.Errorf("Go scored %d documents, the scorer %d", total.Docs, figures.Docs)
	}
	return py, strings.Split(strings.TrimSuffix(total.String(), "\n"), "\n")
}

func sameLines(t *testing.T, py, goLines []string) {
	t.Helper()
	if strings.Join(py, "\n") != strings.Join(goLines, "\n") {
		t.Errorf("figures differ\npython:\n  %s\ngo:\n  %s", strings.Join(py, "\n  "), strings.Join(goLines, "\n  "))
	}
}

// TestScorerTwoDocuments scores two small documents that between them
// exercise every rule, once with the scorer and once with Compare.
func TestScorerTwoDocuments(t *testing.T) {
	docs := []doc{
		{"a", `{"source": "own", "published": null, "entities": [
			{"id": "taliban", "type": "ARMED_GROUP", "names": ["Taliban", "the Taliban"]},
			{"id": "tip", "type": "ARMED_GROUP", "names": ["Turkistan Islamic Party", "TIP"]},
			{"id": "msf", "type": "ORG", "names": ["Médecins Sans Frontières"]},
			{"id": "usa", "type": "COUNTRY", "names": ["U.S.", "United States"]},
			{"id": "hez", "type": "ARMED_GROUP", "names": ["Hezbollah"]},
			{"id": "kabul", "type": "LOCATION", "names": ["Kabul"]}],
			"relations": [
			{"source": "taliban", "type": "HOSTS", "target": "tip", "negated": false, "modality": "asserted", "evidence": "x"},
			{"source": "usa", "type": "RIVAL", "target": "taliban", "negated": false, "modality": "asserted", "evidence": "x"},
			{"source": "taliban", "type": "HOSTS", "target": "hez", "negated": true, "modality": "possible", "evidence": "x"},
			{"source": "usa", "type": "SUPPORTS", "target": "msf", "negated": false, "modality": "reported", "evidence": "x"},
			{"source": "tip", "type": "LOCATED_IN", "target": "kabul", "negated": false, "evidence": "x"}]}`,
			`{"entities": [
			{"id": "e0", "name": "The Taliban", "type": "ARMED_GROUP", "aliases": ["Taliban"]},
			{"id": "e1", "name": "Taliban", "type": "ORG", "aliases": []},
			{"id": "e2", "name": "Turkistan Islamic Party", "type": "ORG", "aliases": ["TIP"]},
			{"id": "e3", "name": "Medecins Sans Frontieres", "type": "ORG", "aliases": []},
			{"id": "e4", "name": "US", "type": "COUNTRY", "aliases": []},
			{"id": "e5", "name": "Hezbollah's", "type": "ARMED_GROUP", "aliases": []},
			{"id": "e6", "name": "Kandahar", "type": "LOCATION", "aliases": []}],
			"relations": [
			{"source": "e1", "type": "HOSTS", "target": "e2", "negated": false, "modality": "asserted"},
			{"source": "e0", "type": "HOSTS", "target": "e2", "negated": false, "modality": "possible"},
			{"source": "e0", "type": "RIVAL", "target": "e4", "negated": false, "modality": "asserted"},
			{"source": "e0", "type": "HOSTS", "target": "e5", "negated": false, "modality": "possible"},
			{"source": "e4", "type": "SUPPORTS", "target": "e3", "negated": false, "modality": "asserted"},
			{"source": "e6", "type": "ATTACKS", "target": "e0", "negated": false, "modality": "asserted"}]}`},
		{"b", `{"source": "own", "published": "2025-01-02", "entities": [
			{"id": "isk", "type": "ARMED_GROUP", "names": ["Islamic State Khorasan", "ISK", "IS-K"]},
			{"id": "is", "type": "ARMED_GROUP", "names": ["Islamic State", "IS"]},
			{"id": "doost", "type": "PERSON", "names": ["Rahim Doost", "Doost"]},
			{"id": "aq", "type": "ARMED_GROUP", "names": ["al-Qaeda"]},
			{"id": "aqap", "type": "ARMED_GROUP", "names": ["AQAP"]}],
			"relations": [
			{"source": "isk", "type": "AFFILIATE_OF", "target": "is", "negated": false, "modality": "asserted", "evidence": "x"},
			{"source": "doost", "type": "LEADS", "target": "isk", "negated": false, "modality": "asserted", "evidence": "x"},
			{"source": "aqap", "type": "ALLY", "target": "aq", "negated": false, "modality": "asserted", "evidence": "x"}]}`,
			`{"entities": [
			{"id": "e0", "name": "Islamic State", "type": "ARMED_GROUP", "aliases": ["ISK", "IS-K"]},
			{"id": "e1", "name": "IS", "type": "ARMED_GROUP", "aliases": []},
			{"id": "e2", "name": "Rahim Doost", "type": "PERSON", "aliases": ["Doost"]},
			{"id": "e3", "name": "AQAP", "type": "ARMED_GROUP", "aliases": ["al-Qaeda"]},
			{"id": "e4", "name": "al-Qaeda", "type": "ORG", "aliases": []}],
			"relations": [
			{"source": "e0", "type": "AFFILIATE_OF", "target": "e1", "negated": false, "modality": "asserted"},
			{"source": "e1", "type": "AFFILIATE_OF", "target": "e0", "negated": false, "modality": "asserted"},
			{"source": "e2", "type": "LEADS", "target": "e0", "negated": false, "modality": "possible"},
			{"source": "e2", "type": "LEADS", "target": "e0", "negated": false, "modality": "asserted"},
			{"source": "e4", "type": "ALLY", "target": "e3", "negated": false, "modality": "asserted"}]}`},
	}
	py, goLines := both(t, docs)
	sameLines(t, py, goLines)
}

// TestScorerCases scores each hand-built case of TestCompare on its own
// with the scorer, so that the Go expectations there are the scorer's too.
func TestScorerCases(t *testing.T) {
	scorer(t)
	for _, c := range compareCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			py, goLines := both(t, []doc{{"case", c.gold, c.pred}})
			sameLines(t, py, goLines)
		})
	}
}

// TestScorerEmptyModality: a predicted relation without "modality".
func TestScorerEmptyModality(t *testing.T) {
	scorer(t)
	py, goLines := both(t, []doc{{"m",
		`{"entities": [{"id": "a", "type": "COUNTRY", "names": ["Niger"]}, {"id": "b", "type": "COUNTRY", "names": ["Mali"]}],
		"relations": [{"source": "a", "type": "SUPPORTS", "target": "b", "negated": false, "modality": "asserted"}]}`,
		`{"entities": [{"id": "e0", "name": "Niger", "type": "COUNTRY"}, {"id": "e1", "name": "Mali", "type": "COUNTRY"}],
		"relations": [{"source": "e0", "type": "SUPPORTS", "target": "e1", "negated": false}]}`}})
	sameLines(t, py, goLines)
}

// pyNorm runs the scorer's norm over names.
func pyNorm(t *testing.T, names []string) []string {
	t.Helper()
	python, score := scorer(t)
	const prog = `import importlib.machinery, importlib.util, json, sys
loader = importlib.machinery.SourceFileLoader("score", sys.argv[1])
mod = importlib.util.module_from_spec(importlib.util.spec_from_loader("score", loader))
loader.exec_module(mod)
print(json.dumps([mod.norm(n) for n in json.load(sys.stdin)]))`
	in, err := json.Marshal(names)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", prog, score)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python norm: %v\n%s", err, stderr.String())
	}
	var res []string
	if err := json.Unmarshal(out, &res); err != nil || len(res) != len(names) {
		t.Fatalf("python norm printed %q: %v", out, err)
	}
	return res
}

func TestNormMatchesScorer(t *testing.T) {
	names := []string{"Taliban", "the Taliban", "The  U.S.", "Médecins Sans Frontières", "Hezbollah's", "Hezbollah’s",
		"Hay’at Tahrir al-Sham", "Islamic State (IS)", "“Wagner”", "[al-Shabaab]", "the", "", " the the X ", "Ḥayʼat Taḥrīr",
		"Türkiye", "ﬁghters", "Al\u00a0Qaeda", "Al\u2009Qaeda", "Straße", "ǅemal", "AL-QAEDA", "Jama'at Nusrat al-Islam wal-Muslimin",
		"Kata'ib Hizballah; KH", "al-Qa'ida: AQ", "Côte d'Ivoire", "São Tomé", "Łódź", "İdlib", "Ansar al-Islam's"}
	py := pyNorm(t, names)
	for i, n := range names {
		if got := Norm(n); got != py[i] {
			t.Errorf("Norm(%q) = %q, scorer %q", n, got, py[i])
		}
	}
	t.Run("unicode white space", func(t *testing.T) {
		odd := []string{"Al\u2028Qaeda", "Al\u0085Qaeda", "Al\u001cQaeda"}
		py := pyNorm(t, odd)
		for i, n := range odd {
			if got := Norm(n); got != py[i] {
				t.Errorf("Norm(%q) = %q, scorer %q", n, got, py[i])
			}
		}
	})
}
