// Package nlp is the document model that the extraction stages share: the
// text with its tokens, sentences, mentions, entities and relations, all
// addressed by byte offsets into the original text, and the Stage and
// Pipeline types that run the stages in one explicit order.
//
// Each stage lives in its own package under nlp/ and imports only this
// package and the root package; no stage imports another, and no stage
// does I/O. The ordered list of stages is assembled in nlp/pipeline.
package nlp

import (
	"github.com/actorgraph/actorgraph"
)

// Stage is one step of the extraction pipeline. Process reads and extends
// the document; it must be deterministic and must not panic on any input.
type Stage interface {
	Name() string
	Process(d *Doc)
}

// Pipeline runs stages in order.
type Pipeline []Stage

// Run applies every stage to d in order.
func (p Pipeline) Run(d *Doc) {
	for _, s := range p {
		s.Process(d)
	}
}

// Sentence is a run of tokens [T0, T1) covering bytes [Start, End).
type Sentence struct {
	Start, End int
	T0, T1     int
}

// MentionOrigin says which stage produced a mention.
type MentionOrigin uint8

// Mention origins.
const (
	FromKB      MentionOrigin = iota + 1 // knowledge-base match
	FromName                             // capitalised phrase the knowledge base does not know
	FromAcronym                          // acronym defined or used in the text
	FromCoref                            // "the group", "it": resolved to an earlier entity
)

// Mention is a span of text that names (or refers to) an entity.
type Mention struct {
	T0, T1     int // token range [T0, T1)
	Start, End int // byte range
	Type       actorgraph.EntityType
	KBID       string
	Origin     MentionOrigin
	Adj        bool // attributive form: "Afghan", "Houthi" in "Houthi rebels", "Iran" in "Iran-backed"
	Entity     int  // index into Doc.Entities; -1 until the alias stage links it
	Removed    bool // dropped by a later stage (kept so indices stay stable)
	Weak       bool // kept only if a later stage links it to a stronger mention
	Title      bool // the mention is preceded by a title or role ("Gen.", "spokesman")
}

// Entity groups the mentions of one actor or place in a document.
type Entity struct {
	Type     actorgraph.EntityType
	KBID     string
	KBName   string
	Mentions []int // indices into Doc.Mentions, in text order
}

// Relation is a relation between two entities found in one sentence.
type Relation struct {
	Source, Target int // indices into Doc.Entities
	Type           actorgraph.RelationType
	Negated        bool
	Modality       actorgraph.Modality
	Sentence       int    // index into Doc.Sentences
	Trigger        string // the cue that signalled it
}

// Doc is a document as the stages see it.
type Doc struct {
	Text      string
	Tokens    []Token
	Sentences []Sentence
	Mentions  []Mention
	Entities  []Entity
	Relations []Relation
	// Judgments and Commitments are set by the judgment stage (judgment.go).
	Judgments   []Judgment
	Commitments []Commitment
}

// NewDoc tokenises text into a new document.
func NewDoc(text string) *Doc {
	return &Doc{Text: text, Tokens: Tokenize(text)}
}

// Tok returns the text of token i.
func (d *Doc) Tok(i int) string {
	t := d.Tokens[i]
	return d.Text[t.Start:t.End]
}

// MentionText returns the text of mention m.
func (d *Doc) MentionText(m *Mention) string { return d.Text[m.Start:m.End] }

// SentenceOf returns the index of the sentence holding token i, or -1.
func (d *Doc) SentenceOf(tok int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		mid := (lo + hi) / 2
		s := d.Sentences[mid]
		switch {
		case tok < s.T0:
			hi = mid
		case tok >= s.T1:
			lo = mid + 1
		default:
			return mid
		}
	}
	return -1
}
