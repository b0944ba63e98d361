package actorgraph

import (
	"context"
	"time"
)

// The knowledge graph: what the store keeps across documents. Every
// relationship is an aggregate of evidence rows, and every evidence row
// is one sentence of one stored document.

// DocID identifies a stored document.
type DocID int64

// ActorID identifies a merged actor in the store.
type ActorID int64

// EdgeID identifies an aggregated relationship (source, type, target,
// negated) in the store.
type EdgeID int64

// StoredDocument is a document as the store keeps it.
type StoredDocument struct {
	Document
	DocID    DocID     `json:"doc_id"`
	Hash     string    `json:"hash"` // hex SHA-256 of the text
	Source   string    `json:"source,omitempty"`
	Ingested time.Time `json:"ingested"`
	Actors   int       `json:"actors"`    // distinct actors mentioned
	Edges    int       `json:"relations"` // relations extracted
}

// AliasClaim is one name of an actor and the document that gave it, so
// that an analyst can see which document joined which name.
type AliasClaim struct {
	Name  string `json:"name"`
	DocID DocID  `json:"doc_id,omitempty"` // 0: from the knowledge base or an analyst edit
	Count int    `json:"count"`            // mentions under this name
}

// Actor is a merged actor of the graph.
type Actor struct {
	ID        ActorID      `json:"id"`
	KBID      string       `json:"kb_id,omitempty"`
	Name      string       `json:"name"`
	Type      EntityType   `json:"type"`
	Aliases   []AliasClaim `json:"aliases,omitempty"`
	Mentions  int          `json:"mentions"`
	Documents int          `json:"documents"`
	Evidence  int          `json:"evidence"` // evidence rows of relations touching it
	// Ambiguous lists other actors that share one of its names.
	Ambiguous []ActorID `json:"ambiguous,omitempty"`
}

// Edge is an aggregated relationship between two actors.
type Edge struct {
	ID         EdgeID       `json:"id"`
	Source     ActorID      `json:"source"`
	SourceName string       `json:"source_name"`
	Type       RelationType `json:"type"`
	Target     ActorID      `json:"target"`
	TargetName string       `json:"target_name"`
	Negated    bool         `json:"negated"`
	Count      int          `json:"count"`      // evidence rows
	Documents  int          `json:"documents"`  // distinct documents
	FirstSeen  string       `json:"first_seen"` // YYYY-MM-DD of the earliest dated evidence, "" if none
	LastSeen   string       `json:"last_seen"`
	Modalities []Modality   `json:"modalities"` // modalities seen, strongest first
	// Contested: some sources assert the relation and others negate it.
	Contested bool `json:"contested"`
}

// EvidenceRow is one sentence behind an edge.
type EvidenceRow struct {
	EdgeID    EdgeID   `json:"edge_id"`
	DocID     DocID    `json:"doc_id"`
	DocTitle  string   `json:"doc_title"`
	DocURL    string   `json:"doc_url,omitempty"`
	Publisher string   `json:"publisher,omitempty"`
	Published string   `json:"published,omitempty"`
	Sentence  string   `json:"sentence"`
	Span      Span     `json:"span"`
	Modality  Modality `json:"modality"`
	Negated   bool     `json:"negated"`
	Trigger   string   `json:"trigger,omitempty"`
}

// Page selects a window of a list.
type Page struct {
	Offset int `json:"offset"`
	Limit  int `json:"limit"` // 0: the store's default
}

// AsOf restricts a query to what was known on a date: only documents
// published (or, when undated, ingested) on or before it. The zero value
// means no restriction.
type AsOf struct {
	Date string // YYYY-MM-DD
}

// ActorFilter selects actors.
type ActorFilter struct {
	ID     ActorID // only this actor (0: any)
	Type   EntityType
	Search string // substring of any alias, case-insensitive
	AsOf   AsOf
	Page   Page
}

// EdgeFilter selects relationships.
type EdgeFilter struct {
	Actor     ActorID // either end
	Type      RelationType
	Since     string // evidence from documents dated on or after
	Until     string // ... on or before
	Contested bool   // only contested edges
	Negated   *bool
	AsOf      AsOf
	Page      Page
}

// SearchHit is a document found by full-text search.
type SearchHit struct {
	DocID     DocID   `json:"doc_id"`
	Title     string  `json:"title"`
	Published string  `json:"published,omitempty"`
	Snippet   string  `json:"snippet"`
	Score     float64 `json:"score"`
}

// PutResult says what storing one document did.
type PutResult struct {
	DocID DocID `json:"doc_id"`
	New   bool  `json:"new"` // false: the same text was already stored
}

// EditKind names an analyst decision.
type EditKind string

// Analyst decisions. Each is logged, can be undone, and is replayed
// after a reindex.
const (
	EditMerge   EditKind = "merge"    // fold actor B into actor A
	EditUnmerge EditKind = "unmerge"  // undo a merge
	EditSplit   EditKind = "split"    // move the mentions named Alias out of an actor into a new one
	EditRename  EditKind = "rename"   // set an actor's display name
	EditSetType EditKind = "set_type" // set an actor's type
)

// Edit is one logged analyst decision.
type Edit struct {
	ID     int64     `json:"id"`
	At     time.Time `json:"at"`
	Kind   EditKind  `json:"kind"`
	Actor  ActorID   `json:"actor"`
	Other  ActorID   `json:"other,omitempty"` // merge: the actor folded in
	Value  string    `json:"value,omitempty"` // rename: the name; set_type: the type; split: the alias
	Undone bool      `json:"undone"`
}

// Store keeps documents, their extractions and the merged graph. Every
// implementation passes the conformance suite in store/storetest.
//
// Errors are *Error values: ENotFound for an unknown id or name,
// EInvalid for a bad argument, EConflict for an edit that cannot apply.
type Store interface {
	// PutDocument stores a document and its extraction in one
	// transaction: all of it or none. Storing the same text again adds
	// nothing and returns New == false.
	PutDocument(ctx context.Context, doc Document, x Extraction) (PutResult, error)
	// ReplaceExtraction swaps a stored document's extraction (reindex),
	// keeping analyst edits.
	ReplaceExtraction(ctx context.Context, id DocID, x Extraction) error
	Document(ctx context.Context, id DocID) (StoredDocument, Extraction, error)
	Documents(ctx context.Context, asOf AsOf, page Page) ([]StoredDocument, int, error)
	// DocumentIDs lists every stored document id, for reindex.
	DocumentIDs(ctx context.Context) ([]DocID, error)

	Actor(ctx context.Context, id ActorID) (Actor, error)
	Actors(ctx context.Context, f ActorFilter) ([]Actor, int, error)
	// Resolve finds actors by any of their names (case- and
	// accent-insensitive); more than one result means the name is ambiguous.
	Resolve(ctx context.Context, name string) ([]Actor, error)

	Edges(ctx context.Context, f EdgeFilter) ([]Edge, int, error)
	Edge(ctx context.Context, id EdgeID) (Edge, error)
	Evidence(ctx context.Context, id EdgeID, asOf AsOf) ([]EvidenceRow, error)

	Search(ctx context.Context, query string, asOf AsOf, page Page) ([]SearchHit, int, error)

	// Apply records and applies an analyst decision; Undo reverts one.
	Apply(ctx context.Context, e Edit) (Edit, error)
	Undo(ctx context.Context, id int64) error
	Edits(ctx context.Context) ([]Edit, error)

	Close() error
}
