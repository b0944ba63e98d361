package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
)

// knownIssue skips a test of behaviour the code does not have yet. Set
// ACTORGRAPH_KNOWN_ISSUES=1 to run such tests.
func knownIssue(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("ACTORGRAPH_KNOWN_ISSUES") == "" {
		t.Skip("known issue: " + what)
	}
}

func parseGold(t *testing.T, js string) *Gold {
	t.Helper()
	var g Gold
	if err := json.Unmarshal([]byte(js), &g); err != nil {
		t.Fatalf("gold %s: %v", js, err)
	}
	return &g
}

func parseExtraction(t *testing.T, js string) *actorgraph.Extraction {
	t.Helper()
	var x actorgraph.Extraction
	if err := json.Unmarshal([]byte(js), &x); err != nil {
		t.Fatalf("extraction %s: %v", js, err)
	}
	return &x
}

func TestNorm(t *testing.T) {
	cases := map[string]string{
		"Taliban":                              "taliban",
		"the Taliban":                          "taliban",
		"The Taliban":                          "taliban",
		"THE TALIBAN":                          "taliban",
		"theTaliban":                           "thetaliban",
		"Other Taliban":                        "other taliban",
		"U.S.":                                 "us",
		"the U.S.":                             "us",
		"U.N.":                                 "un",
		"Médecins Sans Frontières":             "medecins sans frontieres",
		"Türkiye":                              "turkiye",
		"Hezbollah's":                          "hezbollah",
		"Hezbollah’s":                          "hezbollah",
		"Hezbollah's fighters":                 "hezbollah's fighters",
		"Hay’at Tahrir al-Sham":                "hay'at tahrir al-sham",
		"  Islamic   State\tgroup  ":           "islamic state group",
		"Islamic State (IS)":                   "islamic state is",
		"“Wagner”":                             "wagner",
		"[al-Shabaab]":                         "al-shabaab",
		"Jama'at Nusrat al-Islam wal-Muslimin": "jama'at nusrat al-islam wal-muslimin",
		"the":                                  "the",
		"":                                     "",
		"ﬁghters":                              "fighters", // NFKD compatibility form
		"Al\u00a0Qaeda":                        "al qaeda", // NFKD turns a no-break space into a space
	}
	for in, want := range cases {
		if got := Norm(in); got != want {
			t.Errorf("Norm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPRF(t *testing.T) {
	cases := []struct {
		t       Tally
		p, r, f float64
	}{
		{Tally{}, 0, 0, 0},
		{Tally{FP: 3}, 0, 0, 0},
		{Tally{FN: 3}, 0, 0, 0},
		{Tally{TP: 2}, 1, 1, 1},
		{Tally{TP: 1, FP: 1, FN: 3}, 0.5, 0.25, 1.0 / 3},
	}
	for _, c := range cases {
		p, r, f := c.t.PRF()
		if !near(p, c.p) || !near(r, c.r) || !near(f, c.f) {
			t.Errorf("%+v.PRF() = %v %v %v, want %v %v %v", c.t, p, r, f, c.p, c.r, c.f)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-12 && b-a < 1e-12 }

// compareCase is one hand-built gold and extraction with the tallies the
// scorer's rules give.
type compareCase struct {
	name                    string
	gold, pred              string
	ent, typed, rel, strict Tally
}

var compareCases = []compareCase{
	{
		name: "names normalise",
		gold: `{"entities": [
			{"id": "tal", "type": "ARMED_GROUP", "names": ["the Taliban"]},
			{"id": "us", "type": "COUNTRY", "names": ["U.S."]},
			{"id": "msf", "type": "ORG", "names": ["Médecins Sans Frontières"]},
			{"id": "hez", "type": "ARMED_GROUP", "names": ["Hezbollah"]}], "relations": []}`,
		pred: `{"entities": [
			{"id": "e0", "name": "Taliban", "type": "ARMED_GROUP"},
			{"id": "e1", "name": "US", "type": "COUNTRY"},
			{"id": "e2", "name": "Medecins Sans Frontieres", "type": "ORG"},
			{"id": "e3", "name": "Hezbollah’s", "type": "ARMED_GROUP"}], "relations": []}`,
		ent: Tally{TP: 4}, typed: Tally{TP: 4},
	},
	{
		name: "an alias matches",
		gold: `{"entities": [{"id": "tip", "type": "ARMED_GROUP", "names": ["Turkistan Islamic Party", "TIP"]}], "relations": []}`,
		pred: `{"entities": [{"id": "e0", "name": "The Turkestan Party", "type": "ARMED_GROUP", "aliases": ["TIP"]}], "relations": []}`,
		ent:  Tally{TP: 1}, typed: Tally{TP: 1},
	},
	{
		name: "one gold entity is matched once",
		gold: `{"entities": [{"id": "tal", "type": "ARMED_GROUP", "names": ["Taliban"]}], "relations": []}`,
		pred: `{"entities": [
			{"id": "e0", "name": "Taliban", "type": "ARMED_GROUP"},
			{"id": "e1", "name": "the Taliban", "type": "ARMED_GROUP"}], "relations": []}`,
		ent: Tally{TP: 1, FP: 1}, typed: Tally{TP: 1, FP: 1},
	},
	{
		name: "unmatched entities on both sides",
		gold: `{"entities": [
			{"id": "a", "type": "COUNTRY", "names": ["Niger"]},
			{"id": "b", "type": "LOCATION", "names": ["Kabul"]}], "relations": []}`,
		pred: `{"entities": [
			{"id": "e0", "name": "Niger", "type": "COUNTRY"},
			{"id": "e1", "name": "Kandahar", "type": "LOCATION"}], "relations": []}`,
		ent: Tally{TP: 1, FP: 1, FN: 1}, typed: Tally{TP: 1, FP: 1, FN: 1},
	},
	{
		name: "a wrong type is a typed false positive and false negative",
		gold: `{"entities": [{"id": "a", "type": "ARMED_GROUP", "names": ["Zarqa Front"]}], "relations": []}`,
		pred: `{"entities": [{"id": "e0", "name": "Zarqa Front", "type": "ORG"}], "relations": []}`,
		ent:  Tally{TP: 1}, typed: Tally{FP: 1, FN: 1},
	},
	{
		name: "most votes win; then first seen",
		gold: `{"entities": [
			{"id": "is", "type": "ARMED_GROUP", "names": ["Islamic State", "IS"]},
			{"id": "isk", "type": "ARMED_GROUP", "names": ["Islamic State Khorasan", "ISK", "IS-K"]}],
			"relations": [{"source": "isk", "type": "AFFILIATE_OF", "target": "is", "negated": false, "modality": "asserted"}]}`,
		pred: `{"entities": [
			{"id": "e0", "name": "Islamic State", "type": "ARMED_GROUP", "aliases": ["ISK", "IS-K"]},
			{"id": "e1", "name": "IS", "type": "ARMED_GROUP"}],
			"relations": [{"source": "e0", "type": "AFFILIATE_OF", "target": "e1", "negated": false, "modality": "asserted"}]}`,
		ent: Tally{TP: 2}, typed: Tally{TP: 2}, rel: Tally{TP: 1}, strict: Tally{TP: 1},
	},
	{
		name: "a vote tie goes to the first name",
		gold: `{"entities": [
			{"id": "aq", "type": "ARMED_GROUP", "names": ["al-Qaeda"]},
			{"id": "aqap", "type": "ARMED_GROUP", "names": ["AQAP"]}], "relations": []}`,
		pred: `{"entities": [
			{"id": "e0", "name": "AQAP", "type": "ARMED_GROUP", "aliases": ["al-Qaeda"]},
			{"id": "e1", "name": "al-Qaeda", "type": "ORG"}], "relations": []}`,
		// e0 takes aqap; e1 takes aq with the wrong type
		ent: Tally{TP: 2}, typed: Tally{TP: 1, FP: 1, FN: 1},
	},
	{
		name: "relations of a duplicate entity still map to the gold entity",
		gold: `{"entities": [
			{"id": "tal", "type": "ARMED_GROUP", "names": ["Taliban"]},
			{"id": "tip", "type": "ARMED_GROUP", "names": ["TIP"]}],
			"relations": [{"source": "tal", "type": "HOSTS", "target": "tip", "negated": false, "modality": "asserted"}]}`,
		pred: `{"entities": [
			{"id": "e0", "name": "Taliban", "type": "ARMED_GROUP"},
			{"id": "e1", "name": "TIP", "type": "ARMED_GROUP"},
			{"id": "e2", "name": "Taliban", "type": "ARMED_GROUP"}],
			"relations": [{"source": "e2", "type": "HOSTS", "target": "e1", "negated": false, "modality": "asserted"}]}`,
		ent: Tally{TP: 2, FP: 1}, typed: Tally{TP: 2, FP: 1}, rel: Tally{TP: 1}, strict: Tally{TP: 1},
	},
	{
		name: "ALLY and RIVAL are symmetric, other types are not",
		gold: `{"entities": [
			{"id": "a", "type": "COUNTRY", "names": ["Niger"]},
			{"id": "b", "type": "COUNTRY", "names": ["Mali"]}],
			"relations": [
			{"source": "a", "type": "ALLY", "target": "b", "negated": false, "modality": "asserted"},
			{"source": "b", "type": "RIVAL", "target": "a", "negated": false, "modality": "asserted"},
			{"source": "a", "type": "SUPPORTS", "target": "b", "negated": false, "modality": "asserted"}]}`,
		pred: `{"entities": [
			{"id": "e0", "name": "Niger", "type": "COUNTRY"},
			{"id": "e1", "name": "Mali", "type": "COUNTRY"}],
			"relations": [
			{"source": "e1", "type": "ALLY", "target": "e0", "negated": false, "modality": "asserted"},
			{"source": "e0", "type": "RIVAL", "target": "e1", "negated": false, "modality": "asserted"},
			{"source": "e1", "type": "SUPPORTS", "target": "e0", "negated": false, "modality": "asserted"}]}`,
		ent: Tally{TP: 2}, typed: Tally{TP: 2}, rel: Tally{TP: 2, FP: 1, FN: 1}, strict: Tally{TP: 2, FP: 1, FN: 1},
	},
	{
		name: "negated must agree",
		gold: `{"entities": [
			{"id": "a", "type": "ARMED_GROUP", "names": ["Taliban"]},
			{"id": "b", "type": "ARMED_GROUP", "names": ["TIP"]}],
			"relations": [{"source": "a", "type": "HOSTS", "target": "b", "negated": true, "modality": "possible"}]}`,
		pred: `{"entities": [
			{"id": "e0", "name": "Taliban", "type": "ARMED_GROUP"},
			{"id": "e1", "name": "TIP", "type": "ARMED_GROUP"}],
			"relations": [{"source": "e0", "type": "HOSTS", "target": "e1", "negated": false, "modality": "possible"}]}`,
		ent: Tally{TP: 2}, typed: Tally{TP: 2}, rel: Tally{FP: 1, FN: 1}, strict: Tally{FP: 1, FN: 1},
	},
	{
		name: "strict needs the modality; gold without one is asserted",
		gold: `{"entities": [
			{"id": "a", "type": "COUNTRY", "names": ["Niger"]},
			{"id": "b", "type": "COUNTRY", "names": ["Mali"]}],
			"relations": [
			{"source": "a", "type": "SUPPORTS", "target": "b", "negated": false, "modality": "reported"},
			{"source": "a", "type": "PRESSURES", "target": "b", "negated": false}]}`,
		pred: `{"entities": [
			{"id": "e0", "name": "Niger", "type": "COUNTRY"},
			{"id": "e1", "name": "Mali", "type": "COUNTRY"}],
			"relations": [
			{"source": "e0", "type": "SUPPORTS", "target": "e1", "negated": false, "modality": "asserted"},
			{"source": "e0", "type": "PRESSURES", "target": "e1", "negated": false, "modality": "asserted"}]}`,
		ent: Tally{TP: 2}, typed: Tally{TP: 2}, rel: Tally{TP: 2}, strict: Tally{TP: 1, FP: 1, FN: 1},
	},
	{
		name: "a repeated predicted triple counts once; its first modality holds",
		gold: `{"entities": [
			{"id": "a", "type": "COUNTRY", "names": ["Niger"]},
			{"id": "b", "type": "COUNTRY", "names": ["Mali"]}],
			"relations": [{"source": "a", "type": "CONDEMNS", "target": "b", "negated": false, "modality": "asserted"}]}`,
		pred: `{"entities": [
			{"id": "e0", "name": "Niger", "type": "COUNTRY"},
			{"id": "e1", "name": "Mali", "type": "COUNTRY"}],
			"relations": [
			{"source": "e0", "type": "CONDEMNS", "target": "e1", "negated": false, "modality": "possible"},
			{"source": "e0", "type": "CONDEMNS", "target": "e1", "negated": false, "modality": "asserted"},
			{"source": "e0", "type": "CONDEMNS", "target": "e1", "negated": false, "modality": "asserted"}]}`,
		ent: Tally{TP: 2}, typed: Tally{TP: 2}, rel: Tally{TP: 1}, strict: Tally{FP: 1, FN: 1},
	},
	{
		name: "a relation with an unmatched entity is a false positive",
		gold: `{"entities": [{"id": "a", "type": "COUNTRY", "names": ["Niger"]}], "relations": []}`,
		pred: `{"entities": [
			{"id": "e0", "name": "Niger", "type": "COUNTRY"},
			{"id": "e1", "name": "Kandahar", "type": "LOCATION"}],
			"relations": [
			{"source": "e0", "type": "ATTACKS", "target": "e1", "negated": false, "modality": "asserted"},
			{"source": "e0", "type": "ATTACKS", "target": "e9", "negated": false, "modality": "asserted"}]}`,
		ent: Tally{TP: 1, FP: 1}, typed: Tally{TP: 1, FP: 1}, rel: Tally{FP: 2}, strict: Tally{FP: 2},
	},
	{
		name: "an empty extraction",
		gold: `{"entities": [
			{"id": "a", "type": "COUNTRY", "names": ["Niger"]},
			{"id": "b", "type": "COUNTRY", "names": ["Mali"]}],
			"relations": [{"source": "a", "type": "ALLY", "target": "b", "negated": false, "modality": "asserted"}]}`,
		pred: `{"entities": [], "relations": []}`,
		ent:  Tally{FN: 2}, typed: Tally{FN: 2}, rel: Tally{FN: 1}, strict: Tally{FN: 1},
	},
}

func TestCompare(t *testing.T) {
	for _, c := range compareCases {
		t.Run(c.name, func(t *testing.T) {
			sc := Compare(parseGold(t, c.gold), parseExtraction(t, c.pred))
			if sc.Docs != 1 {
				t.Errorf("Docs = %d", sc.Docs)
			}
			for _, x := range []struct {
				label     string
				got, want Tally
			}{{"entities", sc.Entities, c.ent}, {"typed", sc.Typed, c.typed}, {"relations", sc.Relations, c.rel}, {"strict", sc.RelStrict, c.strict}} {
				if x.got != x.want {
					t.Errorf("%s: got %+v, want %+v", x.label, x.got, x.want)
				}
			}
			if len(sc.Misses) != c.rel.FN || len(sc.FalsePositives) != c.rel.FP {
				t.Errorf("%d misses and %d false positives listed for %+v", len(sc.Misses), len(sc.FalsePositives), sc.Relations)
			}
		})
	}
}

// TestCompareEmptyModality: the scorer reads a predicted relation without
// "modality" as asserted.
func TestCompareEmptyModality(t *testing.T) {
	g := parseGold(t, `{"entities": [
		{"id": "a", "type": "COUNTRY", "names": ["Niger"]},
		{"id": "b", "type": "COUNTRY", "names": ["Mali"]}],
		"relations": [{"source": "a", "type": "SUPPORTS", "target": "b", "negated": false, "modality": "asserted"}]}`)
	x := parseExtraction(t, `{"entities": [
		{"id": "e0", "name": "Niger", "type": "COUNTRY"},
		{"id": "e1", "name": "Mali", "type": "COUNTRY"}],
		"relations": [{"source": "e0", "type": "SUPPORTS", "target": "e1", "negated": false}]}`)
	if sc := Compare(g, x); sc.RelStrict != (Tally{TP: 1}) {
		t.Errorf("strict: got %+v, want {TP:1}", sc.RelStrict)
	}
}

func TestScoreAddAndString(t *testing.T) {
	var total Score
	for _, c := range compareCases {
		total.Add(Compare(parseGold(t, c.gold), parseExtraction(t, c.pred)))
	}
	var want Score
	for _, c := range compareCases {
		want.Docs++
		want.Entities.add(c.ent)
		want.Typed.add(c.typed)
		want.Relations.add(c.rel)
		want.RelStrict.add(c.strict)
	}
	if total.Docs != want.Docs || total.Entities != want.Entities || total.Typed != want.Typed ||
		total.Relations != want.Relations || total.RelStrict != want.RelStrict {
		t.Errorf("sum of scores:\n%s\nwant\n%s", total, want)
	}
	lines := strings.Split(strings.TrimSuffix(total.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("String() has %d lines:\n%s", len(lines), total)
	}
	for i, label := range []string{"entities ", "typed_entities ", "relations ", "relations_strict "} {
		if !strings.HasPrefix(lines[i], label) {
			t.Errorf("line %d = %q, want it to start with %q", i, lines[i], label)
		}
	}
	s := Score{Entities: Tally{TP: 1, FP: 1, FN: 2}}
	if got := strings.SplitN(s.String(), "\n", 2)[0]; got != "entities          P 0.500  R 0.333  F1 0.400   (tp 1 fp 1 fn 2)" {
		t.Errorf("String() first line = %q", got)
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.txt", "Niger and Mali met.")
	write("b.gold.json", `{"source": "x", "published": null, "entities": [{"id": "a", "type": "COUNTRY", "names": ["Niger"]}], "relations": []}`)
	write("a.txt", "Kabul fell.")
	write("a.gold.json", `{"entities": [], "relations": []}`)
	write("c.txt", "no gold here")
	write("d.gold.json", `{"entities": [], "relations": []}`) // no text: skipped
	pairs, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 2 || pairs[0].Name != "a" || pairs[1].Name != "b" {
		t.Fatalf("got %+v, want a and b in order", pairs)
	}
	if pairs[1].Text != "Niger and Mali met." || len(pairs[1].Gold.Entities) != 1 || pairs[1].Gold.Entities[0].Names[0] != "Niger" {
		t.Errorf("b read as %+v", pairs[1])
	}
	write("e.txt", "bad gold")
	write("e.gold.json", `{"entities": [`)
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "e.gold.json") {
		t.Errorf("bad JSON: err = %v, want one naming e.gold.json", err)
	}
	if pairs, err := LoadDir(filepath.Join(dir, "missing")); err != nil || len(pairs) != 0 {
		t.Errorf("missing dir: %v, %v", pairs, err)
	}
}
