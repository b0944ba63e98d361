package export

import (
	"io"
)

// GraphMLNamespace is the XML namespace of GraphML documents.
const GraphMLNamespace = "http://graphml.graphdrawing.org/xmlns"

// WriteGraphML writes g as a GraphML document: one directed graph, a node
// per actor (id "a" + actor id) and an edge per relationship (id "e" +
// edge id), sorted by id.
//
// Node data: label and name (the actor's name), type (PERSON, ARMED_GROUP,
// ...), kb_id, aliases ("; "-separated), mentions, documents, evidence.
// Edge data: label ("ATTACKS", "NOT ATTACKS"), weight (the evidence
// count, which Gephi uses as the edge weight), type, negated, count,
// documents, contested, modality (the strongest), modalities
// (comma-separated, strongest first), first_seen, last_seen. Empty values
// are left out. Gephi reads label and weight as the node label, edge label
// and edge weight; in yEd, map name or label to the node label with
// Edit > Properties Mapper and apply a layout (the file has no positions).
func WriteGraphML(w io.Writer, g *Graph) error {
	v, err := newView(g)
	if err != nil {
		return err
	}
	x := newXMLWriter(w)
	x.raw(`<graphml xmlns="` + GraphMLNamespace + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="` + GraphMLNamespace + ` http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, set := range []struct {
		scope string
		keys  []attrKey
	}{{"node", nodeKeys}, {"edge", edgeKeys}} {
		for _, k := range set.keys {
			x.raw("  <key")
			x.attr("id", k.id)
			x.attr("for", set.scope)
			x.attr("attr.name", k.name)
			x.attr("attr.type", k.typ)
			x.raw("/>\n")
		}
	}
	x.raw(`  <graph id="actorgraph" edgedefault="directed">` + "\n")
	for i := range v.actors {
		a := &v.actors[i]
		x.raw("    <node")
		x.attr("id", nodeID(a.ID))
		x.raw(">\n")
		writeGraphMLData(x, nodeValues(a))
		x.raw("    </node>\n")
	}
	for _, e := range v.edges {
		x.raw("    <edge")
		x.attr("id", edgeID(e.ID))
		x.attr("source", nodeID(e.Source))
		x.attr("target", nodeID(e.Target))
		x.raw(">\n")
		writeGraphMLData(x, edgeValues(e))
		x.raw("    </edge>\n")
	}
	x.raw("  </graph>\n</graphml>\n")
	return x.flush()
}

func writeGraphMLData(x *xmlWriter, values []attrValue) {
	for _, d := range values {
		if d.value == "" {
			continue
		}
		x.raw(`      <data key="` + d.key + `">`)
		x.esc(d.value)
		x.raw("</data>\n")
	}
}
