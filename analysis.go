package actorgraph

import "context"

// Judgments, key takeaways and commitments: what a report estimates, what
// it says matters most, and what actors promised. Every value here cites
// the sentence it was read from.

// Likelihood is a level of the ICD 203 probability scale.
type Likelihood string

// The ICD 203 levels, least likely first.
const (
	AlmostNoChance Likelihood = "almost no chance"
	VeryUnlikely   Likelihood = "very unlikely"
	Unlikely       Likelihood = "unlikely"
	EvenChance     Likelihood = "roughly even chance"
	Likely         Likelihood = "likely"
	VeryLikely     Likelihood = "very likely"
	AlmostCertain  Likelihood = "almost certain"
)

// Likelihoods lists the ICD 203 levels, least likely first.
var Likelihoods = []Likelihood{AlmostNoChance, VeryUnlikely, Unlikely, EvenChance, Likely, VeryLikely, AlmostCertain}

// Rank orders the levels from 1 (almost no chance) to 7 (almost
// certain); 0 for anything else.
func (l Likelihood) Rank() int {
	for i, v := range Likelihoods {
		if l == v {
			return i + 1
		}
	}
	return 0
}

// Judgment kinds.
const (
	Estimative  = "estimative"  // a likelihood judgment ("X will likely ...")
	Conditional = "conditional" // a condition and its consequence ("if X, Y")
)

// Clause is a part of a judgment's sentence with the entities it names.
type Clause struct {
	Text   string   `json:"text"`
	Span   Span     `json:"span"`
	Actors []string `json:"actors"` // entity ids of the extraction
}

// Judgment is an estimative or conditional sentence of one document.
type Judgment struct {
	Kind       string     `json:"kind"`                 // Estimative or Conditional
	Likelihood Likelihood `json:"likelihood,omitempty"` // "" for a conditional without a likelihood cue
	Confidence string     `json:"confidence,omitempty"` // "high", "moderate" or "low" when the sentence says so
	Cue        string     `json:"cue,omitempty"`        // the words that set the likelihood or the condition
	CueSpan    Span       `json:"cue_span"`
	Sentence   string     `json:"sentence"`
	Span       Span       `json:"span"` // the sentence's byte offsets
	// Condition and Consequence split a conditional: "if X, (then) Y".
	Condition   *Clause `json:"condition,omitempty"`
	Consequence *Clause `json:"consequence,omitempty"`
}

// Commitment is a pledge, promise, commitment or agreement by an actor:
// that a relation will (or, Negated, will not) hold.
type Commitment struct {
	Actor    string       `json:"actor"`          // entity id of who promised
	To       string       `json:"to,omitempty"`   // entity id of to or with whom, when stated
	Type     RelationType `json:"type"`           // the promised relation
	Source   string       `json:"source"`         // its source entity (usually Actor)
	Target   string       `json:"target"`         // its target entity
	Negated  bool         `json:"negated"`        // a promise that the relation will NOT hold
	Cue      string       `json:"cue"`            // "pledged", "agreed to", ...
	When     string       `json:"when,omitempty"` // a date or year the sentence gives, as written
	Sentence string       `json:"sentence"`
	Span     Span         `json:"span"`
}

// Takeaway is one sentence of a document's key takeaways with the reasons
// it was chosen.
type Takeaway struct {
	Sentence string   `json:"sentence"`
	Span     Span     `json:"span"`
	Reasons  []string `json:"reasons"`
	Score    float64  `json:"score"`
}

// StoredCommitment is a commitment as the store keeps it: its actors
// resolved to the graph's actors, and its source document.
type StoredCommitment struct {
	ID         int64        `json:"id"`
	DocID      DocID        `json:"doc_id"`
	DocTitle   string       `json:"doc_title"`
	DocURL     string       `json:"doc_url,omitempty"`
	Publisher  string       `json:"publisher,omitempty"`
	Published  string       `json:"published,omitempty"`
	Actor      ActorID      `json:"actor"`
	ActorName  string       `json:"actor_name"`
	To         ActorID      `json:"to,omitempty"`
	ToName     string       `json:"to_name,omitempty"`
	Type       RelationType `json:"type"`
	Source     ActorID      `json:"source"`
	SourceName string       `json:"source_name"`
	Target     ActorID      `json:"target"`
	TargetName string       `json:"target_name"`
	Negated    bool         `json:"negated"`
	Cue        string       `json:"cue"`
	When       string       `json:"when,omitempty"`
	Sentence   string       `json:"sentence"`
	Span       Span         `json:"span"`
}

// Commitment statuses.
const (
	Broken    = "broken"    // asserted conduct contradicts the promise
	Contested = "contested" // only reported conduct contradicts it, or sources disagree
)

// BrokenCommitment is a commitment and the evidence of conduct that
// contradicts it, side by side (query.CheckCommitment decides the status).
type BrokenCommitment struct {
	Commitment StoredCommitment `json:"commitment"`
	Status     string           `json:"status"` // Broken, Contested, or "" when nothing contradicts it
	Contrary   []Edge           `json:"contrary"`
	Evidence   []EvidenceRow    `json:"evidence"` // the sentences of the contrary edges, oldest first
	// EvidenceTotal counts the contrary sentences; Evidence holds the
	// first MaxShown of them.
	EvidenceTotal int `json:"evidence_total"`
	// Keeping lists later asserted evidence that the promise was kept.
	Keeping []EvidenceRow `json:"keeping,omitempty"`
}

// MaxShown is how many contrary or keeping sentences a BrokenCommitment
// carries; the status is decided on all of them.
const MaxShown = 20

// CommitmentFilter selects stored commitments.
type CommitmentFilter struct {
	Actor ActorID // who promised, or the promised relation's source or target (0: any)
	Doc   DocID   // only from this document (0: any)
	AsOf  AsOf
	Page  Page
}

// AnalysisStore is implemented by stores that keep the judgments and
// commitments of each document (re-derived on reindex with the rest of
// the extraction).
type AnalysisStore interface {
	// Judgments lists a stored document's judgments in text order.
	Judgments(ctx context.Context, id DocID) ([]Judgment, error)
	// Commitments lists stored commitments, oldest document first.
	Commitments(ctx context.Context, f CommitmentFilter) ([]StoredCommitment, int, error)
}
