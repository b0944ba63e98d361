package export

import (
	"bufio"
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph"
)

// xmlWriter writes XML by hand, escaping every text and attribute value,
// and remembers the first error.
type xmlWriter struct {
	w   *bufio.Writer
	err error
}

func newXMLWriter(w io.Writer) *xmlWriter {
	x := &xmlWriter{w: bufio.NewWriter(w)}
	x.raw(xml.Header)
	return x
}

// raw writes s as it is: markup the caller wrote.
func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// esc writes s escaped for text or a double-quoted attribute value.
// encoding/xml also replaces characters XML cannot carry (control
// characters, invalid UTF-8) with U+FFFD.
func (x *xmlWriter) esc(s string) {
	if x.err == nil {
		x.err = xml.EscapeText(x.w, []byte(s))
	}
}

// attr writes ` name="value"`.
func (x *xmlWriter) attr(name, value string) {
	x.raw(" " + name + `="`)
	x.esc(value)
	x.raw(`"`)
}

func (x *xmlWriter) flush() error {
	if x.err != nil {
		return x.err
	}
	return x.w.Flush()
}

// attrValue is one attribute of a node or an edge: its key (declared
// once in the document) and its value in the document's notation; empty
// values are not written.
type attrValue struct {
	key, value string
}

// attrKey declares an attribute of nodes or edges.
type attrKey struct {
	id, name, typ string // typ in GraphML's notation: string, int, double, boolean
}

var nodeKeys = []attrKey{
	{"label", "label", "string"},
	{"name", "name", "string"},
	{"actor_type", "type", "string"},
	{"kb_id", "kb_id", "string"},
	{"aliases", "aliases", "string"},
	{"mentions", "mentions", "int"},
	{"documents", "documents", "int"},
	{"evidence", "evidence", "int"},
}

var edgeKeys = []attrKey{
	{"edgelabel", "label", "string"},
	{"weight", "weight", "double"},
	{"relation_type", "type", "string"},
	{"negated", "negated", "boolean"},
	{"count", "count", "int"},
	{"edge_documents", "documents", "int"},
	{"contested", "contested", "boolean"},
	{"modality", "modality", "string"},
	{"modalities", "modalities", "string"},
	{"first_seen", "first_seen", "string"},
	{"last_seen", "last_seen", "string"},
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func nodeID(id actorgraph.ActorID) string { return "a" + strconv.FormatInt(int64(id), 10) }
func edgeID(id actorgraph.EdgeID) string  { return "e" + strconv.FormatInt(int64(id), 10) }

// nodeValues are an actor's attributes, keyed as in nodeKeys.
func nodeValues(a *actorgraph.Actor) []attrValue {
	return []attrValue{
		{"label", a.Name},
		{"name", a.Name},
		{"actor_type", string(a.Type)},
		{"kb_id", a.KBID},
		{"aliases", strings.Join(aliasNames(a), "; ")},
		{"mentions", strconv.Itoa(a.Mentions)},
		{"documents", strconv.Itoa(a.Documents)},
		{"evidence", strconv.Itoa(a.Evidence)},
	}
}

// edgeValues are an edge's attributes, keyed as in edgeKeys.
func edgeValues(e actorgraph.Edge) []attrValue {
	weight := ""
	if e.Count > 0 {
		weight = strconv.Itoa(e.Count)
	}
	return []attrValue{
		{"edgelabel", edgeLabel(e)},
		{"weight", weight},
		{"relation_type", string(e.Type)},
		{"negated", boolString(e.Negated)},
		{"count", strconv.Itoa(e.Count)},
		{"edge_documents", strconv.Itoa(e.Documents)},
		{"contested", boolString(e.Contested)},
		{"modality", string(strongest(e.Modalities))},
		{"modalities", modalityList(e.Modalities, ",")},
		{"first_seen", e.FirstSeen},
		{"last_seen", e.LastSeen},
	}
}
