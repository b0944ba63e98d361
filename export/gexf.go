package export

import (
	"io"
)

// GEXFNamespace is the XML namespace of the GEXF version WriteGEXF writes
// (1.2, which every Gephi since 0.8 and NetworkX read).
const GEXFNamespace = "http://www.gexf.net/1.2draft"

// WriteGEXF writes g as a GEXF 1.2 document for Gephi: a static directed
// graph, a node per actor (id "a" + actor id, label its name) and an edge
// per relationship (id "e" + edge id, label "ATTACKS" or "NOT ATTACKS",
// weight its evidence count), sorted by id. Nodes carry the attributes
// name, type, kb_id, aliases, mentions, documents and evidence; edges
// carry type, negated, count, documents, contested, modality, modalities,
// first_seen and last_seen (as WriteGraphML). Empty values are left out.
func WriteGEXF(w io.Writer, g *Graph) error {
	v, err := newView(g)
	if err != nil {
		return err
	}
	x := newXMLWriter(w)
	x.raw(`<gexf xmlns="` + GEXFNamespace + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="` + GEXFNamespace + ` http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">` + "\n")
	x.raw("  <meta>\n    <creator>actorgraph</creator>\n" +
		"    <description>actors and sourced relationships extracted from conflict reports</description>\n  </meta>\n")
	x.raw(`  <graph mode="static" defaultedgetype="directed">` + "\n")
	for _, set := range []struct {
		class string
		keys  []attrKey
	}{{"node", nodeKeys}, {"edge", edgeKeys}} {
		x.raw(`    <attributes class="` + set.class + `">` + "\n")
		for _, k := range set.keys {
			if gexfBuiltIn(k.id) {
				continue
			}
			x.raw("      <attribute")
			x.attr("id", k.id)
			x.attr("title", k.name)
			x.attr("type", gexfType(k.typ))
			x.raw("/>\n")
		}
		x.raw("    </attributes>\n")
	}
	x.raw("    <nodes>\n")
	for i := range v.actors {
		a := &v.actors[i]
		x.raw("      <node")
		x.attr("id", nodeID(a.ID))
		x.attr("label", a.Name)
		x.raw(">\n")
		writeGEXFValues(x, nodeValues(a))
		x.raw("      </node>\n")
	}
	x.raw("    </nodes>\n    <edges>\n")
	for _, e := range v.edges {
		x.raw("      <edge")
		x.attr("id", edgeID(e.ID))
		x.attr("source", nodeID(e.Source))
		x.attr("target", nodeID(e.Target))
		x.attr("label", edgeLabel(e))
		for _, d := range edgeValues(e) {
			if d.key == "weight" && d.value != "" {
				x.attr("weight", d.value)
			}
		}
		x.raw(">\n")
		writeGEXFValues(x, edgeValues(e))
		x.raw("      </edge>\n")
	}
	x.raw("    </edges>\n  </graph>\n</gexf>\n")
	return x.flush()
}

// gexfBuiltIn reports whether an attribute is written as GEXF's own label
// or weight rather than as an attvalue.
func gexfBuiltIn(key string) bool {
	return key == "label" || key == "edgelabel" || key == "weight"
}

func gexfType(graphml string) string {
	if graphml == "int" {
		return "integer"
	}
	return graphml
}

func writeGEXFValues(x *xmlWriter, values []attrValue) {
	started := false
	for _, d := range values {
		if d.value == "" || gexfBuiltIn(d.key) {
			continue
		}
		if !started {
			x.raw("        <attvalues>\n")
			started = true
		}
		x.raw("          <attvalue")
		x.attr("for", d.key)
		x.attr("value", d.value)
		x.raw("/>\n")
	}
	if started {
		x.raw("        </attvalues>\n")
	}
}
