package export

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
)

// GraphML, as encoding/xml reads it.
type gmlDoc struct {
	XMLName xml.Name `xml:"graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		ID          string    `xml:"id,attr"`
		EdgeDefault string    `xml:"edgedefault,attr"`
		Nodes       []gmlItem `xml:"node"`
		Edges       []gmlItem `xml:"edge"`
	} `xml:"graph"`
}

type gmlItem struct {
	XMLName xml.Name
	ID      string `xml:"id,attr"`
	Source  string `xml:"source,attr"`
	Target  string `xml:"target,attr"`
	Data    []struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	} `xml:"data"`
}

func (it gmlItem) data() map[string]string {
	m := map[string]string{}
	for _, d := range it.Data {
		m[d.Key] = d.Value
	}
	return m
}

func writeXML(t *testing.T, write func(*bytes.Buffer, *Graph) error, g *Graph) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, g); err != nil {
		t.Fatal(err)
	}
	// Well-formed from start to end, whatever the structs below read.
	dec := xml.NewDecoder(bytes.NewReader(b.Bytes()))
	for {
		_, err := dec.Token()
		if err != nil {
			if err != io.EOF {
				t.Fatalf("output is not well-formed XML: %v\n%s", err, b.Bytes())
			}
			break
		}
	}
	return b.Bytes()
}

func expectData(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for k, v := range want {
		g, ok := got[k]
		if v == "" {
			if ok {
				t.Errorf("%s: has %s = %q, want none", what, k, g)
			}
			continue
		}
		if g != v {
			t.Errorf("%s: %s = %q, want %q", what, k, g, v)
		}
	}
}

func TestGraphML(t *testing.T) {
	data := writeXML(t, func(b *bytes.Buffer, g *Graph) error { return WriteGraphML(b, g) }, fixtureGraph())
	var doc gmlDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.XMLName.Space != GraphMLNamespace {
		t.Errorf("root namespace %q, want %q", doc.XMLName.Space, GraphMLNamespace)
	}
	if !bytes.Contains(data, []byte(`xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"`)) {
		t.Error("no xsi:schemaLocation for the GraphML schema")
	}
	if doc.Graph.EdgeDefault != "directed" {
		t.Errorf("edgedefault %q", doc.Graph.EdgeDefault)
	}

	// Keys: unique ids, a valid scope and type, declared for what uses them.
	scope := map[string]string{}
	types := map[string]string{}
	for _, k := range doc.Keys {
		if _, dup := scope[k.ID]; dup {
			t.Errorf("key %s declared twice", k.ID)
		}
		if k.For != "node" && k.For != "edge" {
			t.Errorf("key %s is for %q", k.ID, k.For)
		}
		switch k.Type {
		case "string", "int", "double", "boolean":
		default:
			t.Errorf("key %s has attr.type %q", k.ID, k.Type)
		}
		if k.ID == "d3" || k.ID == "d7" {
			t.Errorf("key id %s: Gephi reads it as yEd's label key", k.ID)
		}
		scope[k.ID], types[k.ID] = k.For, k.Type
	}
	nodes := map[string]gmlItem{}
	for _, n := range doc.Graph.Nodes {
		nodes[n.ID] = n
	}
	checkData := func(it gmlItem, kind string) {
		for _, d := range it.Data {
			if scope[d.Key] != kind {
				t.Errorf("%s %s: data key %q is not declared for %ss", kind, it.ID, d.Key, kind)
			}
			switch types[d.Key] {
			case "int":
				if _, err := strconv.Atoi(d.Value); err != nil {
					t.Errorf("%s %s: %s = %q is not an int", kind, it.ID, d.Key, d.Value)
				}
			case "double":
				if _, err := strconv.ParseFloat(d.Value, 64); err != nil {
					t.Errorf("%s %s: %s = %q is not a double", kind, it.ID, d.Key, d.Value)
				}
			case "boolean":
				if d.Value != "true" && d.Value != "false" {
					t.Errorf("%s %s: %s = %q is not a boolean", kind, it.ID, d.Key, d.Value)
				}
			}
		}
	}
	var ids []string
	for _, n := range doc.Graph.Nodes {
		ids = append(ids, n.ID)
		checkData(n, "node")
	}
	if got := strings.Join(ids, " "); got != "a1 a2 a3 a4 a5 a6 a7 a8 a9 a10" {
		t.Errorf("nodes %s", got)
	}
	ids = nil
	for _, e := range doc.Graph.Edges {
		ids = append(ids, e.ID)
		checkData(e, "edge")
		if _, ok := nodes[e.Source]; !ok {
			t.Errorf("edge %s: source %s is not a node", e.ID, e.Source)
		}
		if _, ok := nodes[e.Target]; !ok {
			t.Errorf("edge %s: target %s is not a node", e.ID, e.Target)
		}
	}
	if got := strings.Join(ids, " "); got != "e1 e2 e3 e4 e5 e6 e7 e8 e9" {
		t.Errorf("edges %s", got)
	}

	expectData(t, "node a1", nodes["a1"].data(), map[string]string{"label": "Taliban", "name": "Taliban",
		"actor_type": "ARMED_GROUP", "kb_id": "taliban", "aliases": "Islamic Emirate of Afghanistan", "mentions": "7"})
	expectData(t, "node a6", nodes["a6"].data(), map[string]string{"name": nameUN, "label": nameUN, "actor_type": "ORG", "kb_id": ""})
	expectData(t, "node a7", nodes["a7"].data(), map[string]string{"name": nameHTS, "aliases": "HTS"})
	edges := map[string]gmlItem{}
	for _, e := range doc.Graph.Edges {
		edges[e.ID] = e
	}
	if e := edges["e1"]; e.Source != "a1" || e.Target != "a2" {
		t.Errorf("e1 goes %s → %s, want a1 → a2", e.Source, e.Target)
	}
	expectData(t, "edge e1", edges["e1"].data(), map[string]string{"edgelabel": "HOSTS", "relation_type": "HOSTS",
		"negated": "false", "count": "3", "weight": "3", "edge_documents": "2", "contested": "true", "modality": "asserted",
		"modalities": "asserted,reported", "first_seen": "2023-02-10", "last_seen": "2023-02-10"})
	expectData(t, "edge e2", edges["e2"].data(), map[string]string{"edgelabel": "NOT HOSTS", "negated": "true", "contested": "false"})
	expectData(t, "edge e9", edges["e9"].data(), map[string]string{"count": "0", "weight": "", "modality": "", "first_seen": ""})

	// Escaped on the wire, not merely round-tripped.
	for _, want := range []string{"&amp;", "&lt;Sanctions&gt;", "&#34;Monitoring&#34;", "&#39;Committee&#39;", nameHTS} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("GraphML output lacks %s", want)
		}
	}
}

// GEXF, as encoding/xml reads it.
type gexfDoc struct {
	XMLName xml.Name `xml:"gexf"`
	Version string   `xml:"version,attr"`
	Meta    struct {
		Creator string `xml:"creator"`
	} `xml:"meta"`
	Graph struct {
		Mode        string `xml:"mode,attr"`
		EdgeDefault string `xml:"defaultedgetype,attr"`
		Attributes  []struct {
			Class string `xml:"class,attr"`
			Attrs []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
				Type  string `xml:"type,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes []gexfItem `xml:"nodes>node"`
		Edges []gexfItem `xml:"edges>edge"`
	} `xml:"graph"`
}

type gexfItem struct {
	ID        string `xml:"id,attr"`
	Label     string `xml:"label,attr"`
	Source    string `xml:"source,attr"`
	Target    string `xml:"target,attr"`
	Weight    string `xml:"weight,attr"`
	AttValues []struct {
		For   string `xml:"for,attr"`
		Value string `xml:"value,attr"`
	} `xml:"attvalues>attvalue"`
}

func (it gexfItem) values() map[string]string {
	m := map[string]string{}
	for _, v := range it.AttValues {
		m[v.For] = v.Value
	}
	return m
}

func TestGEXF(t *testing.T) {
	data := writeXML(t, func(b *bytes.Buffer, g *Graph) error { return WriteGEXF(b, g) }, fixtureGraph())
	var doc gexfDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.XMLName.Space != GEXFNamespace || doc.Version != "1.2" {
		t.Errorf("root %v version %q, want namespace %s version 1.2", doc.XMLName, doc.Version, GEXFNamespace)
	}
	if doc.Meta.Creator != "actorgraph" || doc.Graph.Mode != "static" || doc.Graph.EdgeDefault != "directed" {
		t.Errorf("meta/graph: creator %q mode %q defaultedgetype %q", doc.Meta.Creator, doc.Graph.Mode, doc.Graph.EdgeDefault)
	}
	declared := map[string]map[string]string{} // class → id → type
	for _, set := range doc.Graph.Attributes {
		declared[set.Class] = map[string]string{}
		for _, a := range set.Attrs {
			switch a.Type {
			case "string", "integer", "double", "boolean":
			default:
				t.Errorf("attribute %s has type %q", a.ID, a.Type)
			}
			declared[set.Class][a.ID] = a.Type
		}
	}
	if len(declared["node"]) == 0 || len(declared["edge"]) == 0 {
		t.Fatalf("attribute declarations: %v", declared)
	}
	nodes := map[string]gexfItem{}
	for _, n := range doc.Graph.Nodes {
		nodes[n.ID] = n
		for _, v := range n.AttValues {
			if _, ok := declared["node"][v.For]; !ok {
				t.Errorf("node %s: attvalue for undeclared node attribute %q", n.ID, v.For)
			}
		}
	}
	if len(nodes) != 10 {
		t.Errorf("%d nodes, want 10", len(nodes))
	}
	edges := map[string]gexfItem{}
	for _, e := range doc.Graph.Edges {
		edges[e.ID] = e
		for _, v := range e.AttValues {
			if typ, ok := declared["edge"][v.For]; !ok {
				t.Errorf("edge %s: attvalue for undeclared edge attribute %q", e.ID, v.For)
			} else if typ == "integer" {
				if _, err := strconv.Atoi(v.Value); err != nil {
					t.Errorf("edge %s: %s = %q is not an integer", e.ID, v.For, v.Value)
				}
			}
		}
		if _, ok := nodes[e.Source]; !ok {
			t.Errorf("edge %s: source %s is not a node", e.ID, e.Source)
		}
		if _, ok := nodes[e.Target]; !ok {
			t.Errorf("edge %s: target %s is not a node", e.ID, e.Target)
		}
	}
	if len(edges) != 9 {
		t.Errorf("%d edges, want 9", len(edges))
	}
	if n := nodes["a6"]; n.Label != nameUN {
		t.Errorf("a6 label %q, want %q", n.Label, nameUN)
	}
	if n := nodes["a7"]; n.Label != nameHTS || n.values()["name"] != nameHTS {
		t.Errorf("a7 label %q name %q, want %q", n.Label, n.values()["name"], nameHTS)
	}
	expectData(t, "node a3", nodes["a3"].values(), map[string]string{"actor_type": "COUNTRY", "kb_id": "afg", "mentions": "4"})
	e1 := edges["e1"]
	if e1.Source != "a1" || e1.Target != "a2" || e1.Label != "HOSTS" || e1.Weight != "3" {
		t.Errorf("e1: %s → %s label %q weight %q", e1.Source, e1.Target, e1.Label, e1.Weight)
	}
	expectData(t, "edge e1", e1.values(), map[string]string{"relation_type": "HOSTS", "negated": "false", "count": "3",
		"contested": "true", "modalities": "asserted,reported", "first_seen": "2023-02-10", "last_seen": "2023-02-10"})
	if e2 := edges["e2"]; e2.Label != "NOT HOSTS" || e2.values()["negated"] != "true" {
		t.Errorf("e2: label %q negated %q", e2.Label, e2.values()["negated"])
	}
	if e9 := edges["e9"]; e9.Weight != "" || e9.values()["count"] != "0" {
		t.Errorf("e9 (no evidence): weight %q count %q", e9.Weight, e9.values()["count"])
	}
	for _, want := range []string{"&amp;", "&lt;Sanctions&gt;", "&#34;Monitoring&#34;", nameHTS} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("GEXF output lacks %s", want)
		}
	}
}

// TestXMLUnrepresentable checks that characters XML 1.0 cannot carry
// (control characters, invalid UTF-8) do not break the documents.
func TestXMLUnrepresentable(t *testing.T) {
	g := &Graph{
		Actors: []actorgraph.Actor{{ID: 1, Name: "Bad\x01Name\x1b[31m", Type: actorgraph.Org}, {ID: 2, Name: "Broken \xff UTF-8\nline"}},
		Edges:  []actorgraph.Edge{{ID: 1, Source: 1, Target: 2, Type: actorgraph.Attacks, Count: 1}},
	}
	for name, write := range map[string]func(*bytes.Buffer, *Graph) error{
		"graphml": func(b *bytes.Buffer, g *Graph) error { return WriteGraphML(b, g) },
		"gexf":    func(b *bytes.Buffer, g *Graph) error { return WriteGEXF(b, g) },
	} {
		data := writeXML(t, write, g)
		if !bytes.Contains(data, []byte("Bad\uFFFDName\uFFFD[31m")) || !bytes.Contains(data, []byte("Broken \uFFFD UTF-8&#xA;line")) {
			t.Errorf("%s: unrepresentable characters not replaced:\n%s", name, data)
		}
	}
}

// TestEdgeEndsNotAmongActors checks that every writer stands in an actor
// for an edge end missing from the graph, so that no edge dangles.
func TestEdgeEndsNotAmongActors(t *testing.T) {
	g := &Graph{Edges: []actorgraph.Edge{{ID: 7, Source: 1, SourceName: "Alpha", Target: 2, TargetName: "Beta", Type: actorgraph.Ally}}}
	data := writeXML(t, func(b *bytes.Buffer, g *Graph) error { return WriteGraphML(b, g) }, g)
	var doc gmlDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Graph.Nodes) != 2 || doc.Graph.Nodes[0].data()["name"] != "Alpha" || doc.Graph.Nodes[1].data()["name"] != "Beta" {
		t.Errorf("stand-in nodes: %+v", doc.Graph.Nodes)
	}
}
