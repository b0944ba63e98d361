// Package actorgraph holds the domain of actorgraph: the documents it reads,
// the actors and typed relationships it extracts from them, the evidence
// behind every relationship, and the error type shared by every package.
//
// It owns the vocabulary (entity types, relation types, modality) that the
// extractor, the store, the query layer and the web app all share. It must
// not import any other package of this module: every other package imports
// it, never the reverse.
package actorgraph

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// EntityType is the kind of actor an entity is.
type EntityType string

// The entity types of the schema (../shared/eval/SCHEMA.md).
const (
	Person     EntityType = "PERSON"
	ArmedGroup EntityType = "ARMED_GROUP"
	Org        EntityType = "ORG"
	Country    EntityType = "COUNTRY"
	Location   EntityType = "LOCATION"
)

// EntityTypes lists every entity type in a stable order.
var EntityTypes = []EntityType{Person, ArmedGroup, Org, Country, Location}

// Valid reports whether t is one of EntityTypes.
func (t EntityType) Valid() bool {
	for _, v := range EntityTypes {
		if t == v {
			return true
		}
	}
	return false
}

// IsActor reports whether entities of this type can act (attack, host,
// support...). Locations only locate.
func (t EntityType) IsActor() bool { return t != Location && t != "" }

// IsPlace reports whether an entity of this type can be where an actor is.
func (t EntityType) IsPlace() bool { return t == Location || t == Country }

// ParseEntityType reads an entity type name, case-insensitively.
func ParseEntityType(s string) (EntityType, error) {
	t := EntityType(strings.ToUpper(strings.TrimSpace(s)))
	if !t.Valid() {
		return "", Errorf(EInvalid, "unknown entity type %q (want one of %s)", s, joinTypes(EntityTypes))
	}
	return t, nil
}

// RelationType is the kind of a relationship between two entities.
type RelationType string

// The relation types of the schema.
const (
	Ally        RelationType = "ALLY"
	AffiliateOf RelationType = "AFFILIATE_OF"
	SplinterOf  RelationType = "SPLINTER_OF"
	Rival       RelationType = "RIVAL"
	Hosts       RelationType = "HOSTS"
	Supports    RelationType = "SUPPORTS"
	Pressures   RelationType = "PRESSURES"
	Condemns    RelationType = "CONDEMNS"
	Attacks     RelationType = "ATTACKS"
	Leads       RelationType = "LEADS"
	MemberOf    RelationType = "MEMBER_OF"
	LocatedIn   RelationType = "LOCATED_IN"
)

// RelationTypes lists every relation type in a stable order.
var RelationTypes = []RelationType{Ally, AffiliateOf, SplinterOf, Rival, Hosts, Supports,
	Pressures, Condemns, Attacks, Leads, MemberOf, LocatedIn}

// Valid reports whether t is one of RelationTypes.
func (t RelationType) Valid() bool {
	for _, v := range RelationTypes {
		if t == v {
			return true
		}
	}
	return false
}

// Symmetric reports whether the relation holds both ways (ALLY, RIVAL).
func (t RelationType) Symmetric() bool { return t == Ally || t == Rival }

// ParseRelationType reads a relation type name, case-insensitively; "-" and
// " " may stand for "_".
func ParseRelationType(s string) (RelationType, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	u = strings.NewReplacer("-", "_", " ", "_").Replace(u)
	t := RelationType(u)
	if !t.Valid() {
		return "", Errorf(EInvalid, "unknown relation type %q (want one of %s)", s, joinRelTypes(RelationTypes))
	}
	return t, nil
}

// Modality says how a text commits to a relation.
type Modality string

// The modalities, strongest first.
const (
	Asserted Modality = "asserted" // stated as fact, past or present
	Reported Modality = "reported" // attributed: reportedly, according to, claimed
	Possible Modality = "possible" // possibility, forecast, condition, intention, pledge, demand
)

// Strength orders modalities: asserted > reported > possible.
func (m Modality) Strength() int {
	switch m {
	case Asserted:
		return 3
	case Reported:
		return 2
	case Possible:
		return 1
	}
	return 0
}

// Span is a half-open byte range [Start, End) in a document's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Document is one report as read from a source.
type Document struct {
	ID        string `json:"id,omitempty"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD, or empty when unknown
	Text      string `json:"text"`
}

// Entity is an actor or place named in one document, with every surface
// form the document uses for it.
type Entity struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Type     EntityType `json:"type"`
	Aliases  []string   `json:"aliases"`
	KBID     string     `json:"kb_id,omitempty"`   // knowledge-base id when the actor is known
	KBName   string     `json:"kb_name,omitempty"` // the knowledge base's canonical name
	Mentions []Span     `json:"mentions"`
}

// Evidence is the sentence a relation was read from.
type Evidence struct {
	Text    string `json:"text"`
	Span    Span   `json:"span"`
	Trigger string `json:"trigger,omitempty"` // the word or pattern that signalled the relation
}

// Relation is a typed, directed relationship between two entities of one
// document, with the sentence that states it.
type Relation struct {
	Source   string       `json:"source"`
	Type     RelationType `json:"type"`
	Target   string       `json:"target"`
	Negated  bool         `json:"negated"`
	Modality Modality     `json:"modality"`
	Evidence Evidence     `json:"-"`
}

// relationJSON is the wire form of a Relation: the schema's flat
// "evidence" string plus its byte offsets and trigger.
type relationJSON struct {
	Source       string       `json:"source"`
	Type         RelationType `json:"type"`
	Target       string       `json:"target"`
	Negated      bool         `json:"negated"`
	Modality     Modality     `json:"modality"`
	Evidence     string       `json:"evidence"`
	EvidenceSpan Span         `json:"evidence_span"`
	Trigger      string       `json:"trigger,omitempty"`
}

// MarshalJSON writes the relation in the extractor's JSON form.
func (r Relation) MarshalJSON() ([]byte, error) {
	return json.Marshal(relationJSON{r.Source, r.Type, r.Target, r.Negated, r.Modality,
		r.Evidence.Text, r.Evidence.Span, r.Evidence.Trigger})
}

// UnmarshalJSON reads the extractor's JSON form.
func (r *Relation) UnmarshalJSON(b []byte) error {
	var w relationJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*r = Relation{Source: w.Source, Type: w.Type, Target: w.Target, Negated: w.Negated, Modality: w.Modality,
		Evidence: Evidence{Text: w.Evidence, Span: w.EvidenceSpan, Trigger: w.Trigger}}
	return nil
}

// Extraction is what the extractor reads from one document.
type Extraction struct {
	Entities  []Entity   `json:"entities"`
	Relations []Relation `json:"relations"`
	// Judgments and Commitments: see analysis.go.
	Judgments   []Judgment   `json:"judgments,omitempty"`
	Commitments []Commitment `json:"commitments,omitempty"`
}

// Entity returns the entity with the given id, or nil.
func (x *Extraction) Entity(id string) *Entity {
	for i := range x.Entities {
		if x.Entities[i].ID == id {
			return &x.Entities[i]
		}
	}
	return nil
}

func joinTypes(ts []EntityType) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

func joinRelTypes(ts []RelationType) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// Error codes, mapped once at the edges (exit status, HTTP status).
const (
	EInvalid  = "invalid"   // the input is malformed or not acceptable
	ENotFound = "not_found" // a named thing does not exist
	ETooLarge = "too_large" // the input passes a documented size limit
	EConflict = "conflict"  // the request conflicts with stored state
	EInternal = "internal"  // a defect or an unexpected failure
)

// Error is an error with a machine-readable code and a message for people.
type Error struct {
	Code string
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err when it is (or wraps) an *Error, and
// EInternal otherwise; nil has no code.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}
