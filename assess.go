package actorgraph

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Assessments of a relationship. The analytic standards ask for four
// judgements kept apart, never blended into one score:
//
//   - source reliability: the Admiralty grade (A–F) of the publishers that
//     report the relationship, set per publisher by an analyst;
//   - information credibility (1–6): derived from corroboration by
//     independent sources, and overridable by the analyst;
//   - textual modality and negation: how the sentences commit to it;
//   - analyst confidence (low, moderate, high), set by the analyst.

// Reliability is an Admiralty source-reliability grade.
type Reliability string

// The Admiralty source-reliability grades.
const (
	ReliabilityA Reliability = "A" // completely reliable
	ReliabilityB Reliability = "B" // usually reliable
	ReliabilityC Reliability = "C" // fairly reliable
	ReliabilityD Reliability = "D" // not usually reliable
	ReliabilityE Reliability = "E" // unreliable
	ReliabilityF Reliability = "F" // reliability cannot be judged (the default)
)

// ParseReliability reads a grade A–F, case-insensitively.
func ParseReliability(s string) (Reliability, error) {
	r := Reliability(strings.ToUpper(strings.TrimSpace(s)))
	if len(r) != 1 || r[0] < 'A' || r[0] > 'F' {
		return "", Errorf(EInvalid, "source reliability %q is not an Admiralty grade A to F", s)
	}
	return r, nil
}

// Credibility grades (Admiralty information credibility).
const (
	CredConfirmed  = 1 // confirmed by other independent sources
	CredProbable   = 2 // probably true
	CredPossible   = 3 // possibly true
	CredDoubtful   = 4 // doubtful
	CredImprobable = 5 // improbable
	CredUnknown    = 6 // truth cannot be judged
)

// Confidence is an analyst's confidence in a relationship.
type Confidence string

// Analyst confidence levels; "" is not yet assessed.
const (
	ConfidenceLow      Confidence = "low"
	ConfidenceModerate Confidence = "moderate"
	ConfidenceHigh     Confidence = "high"
)

// ParseConfidence reads low, moderate (or medium) or high.
func ParseConfidence(s string) (Confidence, error) {
	switch c := strings.ToLower(strings.TrimSpace(s)); c {
	case "low", "moderate", "high":
		return Confidence(c), nil
	case "medium":
		return ConfidenceModerate, nil
	}
	return "", Errorf(EInvalid, "analyst confidence %q is not low, moderate or high", s)
}

// Assessment holds the four assessments of one relationship, each in its
// own field.
type Assessment struct {
	Edge EdgeID `json:"edge"`
	// Reliability is the best grade among the publishers of the evidence
	// (F when none is graded); Publishers lists each with its grade.
	Reliability Reliability            `json:"reliability"`
	Publishers  []PublisherReliability `json:"publishers,omitempty"`
	// Credibility is the analyst's grade when set, else the derived one.
	Credibility        int `json:"credibility"`
	DerivedCredibility int `json:"derived_credibility"`
	AnalystCredibility int `json:"analyst_credibility,omitempty"` // 0: not set
	// IndependentSources counts the evidence's independent origins: one
	// per publisher (a document without a publisher is its own), and
	// sentences repeated word for word by several documents count once.
	IndependentSources int `json:"independent_sources"`
	// OpposingSources counts the independent sources of the opposite
	// (negated or asserted) relationship.
	OpposingSources int `json:"opposing_sources"`
	// Modality is the strongest modality of the sentences; Negated says
	// that they deny the relationship.
	Modality Modality `json:"modality"`
	Negated  bool     `json:"negated"`
	// Confidence is the analyst's confidence, "" until set.
	Confidence Confidence `json:"confidence,omitempty"`
}

// PublisherReliability is a publisher and its grade.
type PublisherReliability struct {
	Publisher   string      `json:"publisher"`
	Reliability Reliability `json:"reliability"`
	Note        string      `json:"note,omitempty"`
}

// DeriveCredibility grades information credibility from corroboration:
// 1 with three or more independent sources, 2 with two, 3 with one, 6 with
// none; when independent sources also deny (or affirm) the opposite, the
// grade drops to 4 (doubtful), or to 5 (improbable) when the opposing
// sources outnumber the supporting ones.
func DeriveCredibility(independent, opposing int) int {
	switch {
	case independent == 0:
		return CredUnknown
	case opposing > independent:
		return CredImprobable
	case opposing > 0:
		return CredDoubtful
	case independent >= 3:
		return CredConfirmed
	case independent == 2:
		return CredProbable
	}
	return CredPossible
}

// AnalystAssessment is what an analyst sets on a relationship; zero
// fields are left as they are.
type AnalystAssessment struct {
	Confidence  Confidence `json:"confidence,omitempty"`
	Credibility int        `json:"credibility,omitempty"` // 1–6
	// Clear removes the analyst's confidence and credibility first.
	Clear bool   `json:"clear,omitempty"`
	Note  string `json:"note,omitempty"`
}

// AssessmentChange is one logged analyst assessment.
type AssessmentChange struct {
	ID    int64     `json:"id"`
	At    time.Time `json:"at"`
	Edge  EdgeID    `json:"edge,omitempty"`
	Field string    `json:"field"` // confidence | credibility | reliability
	Value string    `json:"value"`
	// Publisher, for a reliability grade.
	Publisher string `json:"publisher,omitempty"`
	Note      string `json:"note,omitempty"`
}

// Assessor is implemented by stores that keep the assessments. It is
// optional: callers check for it with a type assertion.
type Assessor interface {
	// SetReliability grades a publisher ("" grades documents without one).
	SetReliability(ctx context.Context, publisher string, r Reliability, note string) error
	Reliabilities(ctx context.Context) ([]PublisherReliability, error)
	// Assess records an analyst's confidence and credibility for an edge.
	Assess(ctx context.Context, id EdgeID, a AnalystAssessment) (Assessment, error)
	// Assessments returns the assessments of the given visible edges.
	Assessments(ctx context.Context, ids []EdgeID) (map[EdgeID]Assessment, error)
	// AssessmentLog lists the analyst's assessments, oldest first.
	AssessmentLog(ctx context.Context) ([]AssessmentChange, error)
}

// AssessmentFilter selects relationships by their assessments; zero
// fields select everything.
type AssessmentFilter struct {
	Reliability [2]Reliability // best grade within [0]..[1]
	Credibility [2]int         // within [0]..[1]
	Confidence  []Confidence
	Modality    []Modality // strongest modality
}

// Empty reports whether the filter selects everything.
func (f AssessmentFilter) Empty() bool {
	return f.Reliability[0] == "" && f.Credibility[0] == 0 && len(f.Confidence) == 0 && len(f.Modality) == 0
}

// Match reports whether an assessment passes the filter.
func (f AssessmentFilter) Match(a Assessment) bool {
	if f.Reliability[0] != "" && (a.Reliability < f.Reliability[0] || a.Reliability > f.Reliability[1]) {
		return false
	}
	if f.Credibility[0] != 0 && (a.Credibility < f.Credibility[0] || a.Credibility > f.Credibility[1]) {
		return false
	}
	if len(f.Confidence) > 0 && !contains(f.Confidence, a.Confidence) {
		return false
	}
	if len(f.Modality) > 0 && !contains(f.Modality, a.Modality) {
		return false
	}
	return true
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// ParseReliabilityRange reads "B" or "A-C".
func ParseReliabilityRange(s string) ([2]Reliability, error) {
	lo, hi, ok := strings.Cut(s, "-")
	if !ok {
		hi = lo
	}
	a, err := ParseReliability(lo)
	if err != nil {
		return [2]Reliability{}, err
	}
	b, err := ParseReliability(hi)
	if err != nil {
		return [2]Reliability{}, err
	}
	if a > b {
		a, b = b, a
	}
	return [2]Reliability{a, b}, nil
}

// ParseCredibilityRange reads "2" or "1-3".
func ParseCredibilityRange(s string) ([2]int, error) {
	lo, hi, ok := strings.Cut(s, "-")
	if !ok {
		hi = lo
	}
	a, err := ParseCredibility(lo)
	if err != nil {
		return [2]int{}, err
	}
	b, err := ParseCredibility(hi)
	if err != nil {
		return [2]int{}, err
	}
	if a > b {
		a, b = b, a
	}
	return [2]int{a, b}, nil
}

// ParseCredibility reads a credibility grade 1–6.
func ParseCredibility(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 6 {
		return 0, Errorf(EInvalid, "information credibility %q is not a grade 1 to 6", s)
	}
	return n, nil
}

// ParseModalities reads a comma-separated list of modalities.
func ParseModalities(s string) ([]Modality, error) {
	var out []Modality
	for _, p := range strings.Split(s, ",") {
		m := Modality(strings.ToLower(strings.TrimSpace(p)))
		if m.Strength() == 0 {
			return nil, Errorf(EInvalid, "modality %q is not asserted, reported or possible", p)
		}
		out = append(out, m)
	}
	return out, nil
}

// ParseConfidences reads a comma-separated list of confidence levels.
func ParseConfidences(s string) ([]Confidence, error) {
	var out []Confidence
	for _, p := range strings.Split(s, ",") {
		c, err := ParseConfidence(p)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// STIXConfidence maps the assessments to the STIX 2.1 confidence scale
// (0–100). The analyst's confidence, when set, is the STIX "Low / Med /
// High" scale of the specification's appendix (low 15, moderate 50, high
// 85); otherwise the information credibility is the Admiralty scale of
// the same appendix (1 → 90, 2 → 70, 3 → 50, 4 → 30, 5 → 10, 6 → absent).
// ok is false when neither says anything.
func STIXConfidence(a Assessment) (value int, ok bool) {
	switch a.Confidence {
	case ConfidenceLow:
		return 15, true
	case ConfidenceModerate:
		return 50, true
	case ConfidenceHigh:
		return 85, true
	}
	switch a.Credibility {
	case 1:
		return 90, true
	case 2:
		return 70, true
	case 3:
		return 50, true
	case 4:
		return 30, true
	case 5:
		return 10, true
	}
	return 0, false
}
