package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
)

func readCSV(t *testing.T, write func(*bytes.Buffer) error) [][]string {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v", err)
	}
	return rows
}

func TestCSVEdges(t *testing.T) {
	g := fixtureGraph()
	rows := readCSV(t, func(b *bytes.Buffer) error { return WriteCSVEdges(b, g) })
	if !slices.Equal(rows[0], CSVEdgeHeader) {
		t.Fatalf("header %v", rows[0])
	}
	if len(rows) != 10 {
		t.Fatalf("%d rows, want a header and 9 edges", len(rows))
	}
	rec := func(i int) map[string]string {
		m := map[string]string{}
		for j, h := range rows[0] {
			m[h] = rows[i][j]
		}
		return m
	}
	for i := 1; i < len(rows); i++ {
		if got := rec(i)["edge_id"]; got != string(rune('0'+i)) {
			t.Errorf("row %d has edge %s: not sorted by id", i, got)
		}
	}
	expect := func(what string, got, want map[string]string) {
		t.Helper()
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", what, k, got[k], v)
			}
		}
	}
	expect("edge 1", rec(1), map[string]string{"source_id": "1", "source_name": "Taliban", "source_type": "ARMED_GROUP",
		"source_kb_id": "taliban", "relation_type": "HOSTS", "target_id": "2", "target_name": "al-Qaeda", "target_type": "ARMED_GROUP",
		"negated": "false", "count": "3", "documents": "2", "first_seen": "2023-02-10", "last_seen": "2023-02-10",
		"modalities": "asserted;reported", "contested": "true"})
	expect("edge 2", rec(2), map[string]string{"source_name": "Iran", "source_type": "COUNTRY", "negated": "true"})
	expect("edge 6", rec(6), map[string]string{"source_name": nameUN, "source_kb_id": "", "target_name": "Taliban"})
	expect("edge 7", rec(7), map[string]string{"source_name": nameHTS, "modalities": "possible"})
	expect("edge 9", rec(9), map[string]string{"count": "0", "first_seen": "", "modalities": "", "target_type": "LOCATION"})
}

func TestCSVActors(t *testing.T) {
	g := fixtureGraph()
	// A name with a comma and a line break, which CSV must quote.
	g.Actors[0].Name = "Taliban, the\n\"Emirate\""
	rows := readCSV(t, func(b *bytes.Buffer) error { return WriteCSVActors(b, g) })
	if !slices.Equal(rows[0], CSVActorHeader) {
		t.Fatalf("header %v", rows[0])
	}
	if len(rows) != 11 {
		t.Fatalf("%d rows, want a header and 10 actors", len(rows))
	}
	want := [][]string{
		{"1", "Taliban, the\n\"Emirate\"", "ARMED_GROUP", "taliban", "Islamic Emirate of Afghanistan;Taliban", "7", "2", "4"},
		{"2", "al-Qaeda", "ARMED_GROUP", "al_qaeda", "AQ", "9", "3", "7"},
		{"6", nameUN, "ORG", "", "", "1", "1", "1"},
		{"7", nameHTS, "ARMED_GROUP", "", "HTS", "3", "1", "1"},
	}
	for _, w := range want {
		found := false
		for _, r := range rows[1:] {
			if r[0] == w[0] {
				found = true
				if !slices.Equal(r, w) {
					t.Errorf("actor %s: %q, want %q", w[0], r, w)
				}
			}
		}
		if !found {
			t.Errorf("no row for actor %s", w[0])
		}
	}
}

func TestJSONL(t *testing.T) {
	g := fixtureGraph()
	var b bytes.Buffer
	if err := WriteJSONL(&b, g); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	var order []string
	sc := bufio.NewScanner(&b)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %q is not a JSON object: %v", sc.Text(), err)
		}
		kind, _ := rec["kind"].(string)
		counts[kind]++
		if len(order) == 0 || order[len(order)-1] != kind {
			order = append(order, kind)
		}
		switch kind {
		case KindDocument:
			if _, ok := rec["text"]; ok {
				t.Errorf("document line carries the text: %s", sc.Text())
			}
			if rec["doc_id"] == float64(1) && (rec["title"] != titleD1 || rec["ingested"] != "2024-03-01T10:00:00.123456789Z") {
				t.Errorf("document 1: %s", sc.Text())
			}
		case KindActor:
			if rec["id"] == float64(7) && rec["name"] != nameHTS {
				t.Errorf("actor 7: %s", sc.Text())
			}
		case KindEdge:
			if rec["id"] == float64(9) {
				if ms, ok := rec["modalities"].([]any); !ok || len(ms) != 0 {
					t.Errorf("edge 9 modalities: %v, want []", rec["modalities"])
				}
			}
			if rec["id"] == float64(1) && (rec["contested"] != true || rec["source_name"] != "Taliban") {
				t.Errorf("edge 1: %s", sc.Text())
			}
		case KindEvidence:
			if rec["edge_id"] == nil || rec["sentence"] == "" {
				t.Errorf("evidence: %s", sc.Text())
			}
		default:
			t.Errorf("line of kind %q: %s", kind, sc.Text())
		}
		if strings.Contains(sc.Text(), `\u003c`) {
			t.Errorf("HTML-escaped line: %s", sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(order, ","); got != "document,actor,edge,evidence" {
		t.Errorf("kinds in order %s", got)
	}
	want := map[string]int{KindDocument: 4, KindActor: 10, KindEdge: 9, KindEvidence: 11}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%d %s lines, want %d", counts[k], k, n)
		}
	}
}

func TestWritersRejectNil(t *testing.T) {
	for name, write := range map[string]func(*bytes.Buffer, *Graph) error{
		"graphml":    func(b *bytes.Buffer, g *Graph) error { return WriteGraphML(b, g) },
		"gexf":       func(b *bytes.Buffer, g *Graph) error { return WriteGEXF(b, g) },
		"csv edges":  func(b *bytes.Buffer, g *Graph) error { return WriteCSVEdges(b, g) },
		"csv actors": func(b *bytes.Buffer, g *Graph) error { return WriteCSVActors(b, g) },
		"jsonl":      func(b *bytes.Buffer, g *Graph) error { return WriteJSONL(b, g) },
	} {
		if err := write(&bytes.Buffer{}, nil); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
			t.Errorf("%s(nil): %v, want an EInvalid error", name, err)
		}
		var b bytes.Buffer
		if err := write(&b, &Graph{}); err != nil {
			t.Errorf("%s(empty graph): %v", name, err)
		}
	}
}
