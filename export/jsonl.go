package export

import (
	"bufio"
	"encoding/json"
	"io"
	"time"

	"github.com/actorgraph/actorgraph"
)

// JSONL record kinds.
const (
	KindDocument = "document"
	KindActor    = "actor"
	KindEdge     = "edge"
	KindEvidence = "evidence"
)

// jsonlDocument is a document's metadata, without its text.
type jsonlDocument struct {
	Kind      string           `json:"kind"`
	DocID     actorgraph.DocID `json:"doc_id"`
	Title     string           `json:"title,omitempty"`
	URL       string           `json:"url,omitempty"`
	Publisher string           `json:"publisher,omitempty"`
	Published string           `json:"published,omitempty"`
	Hash      string           `json:"hash,omitempty"`
	Source    string           `json:"source,omitempty"`
	Ingested  *time.Time       `json:"ingested,omitempty"`
	Actors    int              `json:"actors"`
	Relations int              `json:"relations"`
}

type jsonlActor struct {
	Kind string `json:"kind"`
	actorgraph.Actor
}

type jsonlEdge struct {
	Kind string `json:"kind"`
	actorgraph.Edge
}

type jsonlEvidence struct {
	Kind string `json:"kind"`
	actorgraph.EvidenceRow
}

// WriteJSONL writes g as JSON Lines: one object a line, each with a
// "kind" field — "document" (metadata, without the text), "actor",
// "edge" and "evidence" — and otherwise the JSON form of the domain type
// (StoredDocument less text, Actor, Edge, EvidenceRow). Documents come
// first, then actors, edges and evidence rows, each sorted by id
// (evidence by edge, then document and position).
func WriteJSONL(w io.Writer, g *Graph) error {
	v, err := newView(g)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, d := range v.docs {
		rec := jsonlDocument{Kind: KindDocument, DocID: d.DocID, Title: d.Title, URL: d.URL,
			Publisher: d.Publisher, Published: d.Published, Hash: d.Hash, Source: d.Source,
			Actors: d.Actors, Relations: d.Edges}
		if !d.Ingested.IsZero() {
			t := d.Ingested.UTC()
			rec.Ingested = &t
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	for _, a := range v.actors {
		if err := enc.Encode(jsonlActor{KindActor, a}); err != nil {
			return err
		}
	}
	for _, e := range v.edges {
		if e.Modalities == nil {
			e.Modalities = []actorgraph.Modality{}
		}
		if err := enc.Encode(jsonlEdge{KindEdge, e}); err != nil {
			return err
		}
	}
	for _, e := range v.edges {
		for _, r := range v.evidence[e.ID] {
			if r.EdgeID == 0 {
				r.EdgeID = e.ID
			}
			if err := enc.Encode(jsonlEvidence{KindEvidence, r}); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}
