package query

import (
	"context"
	"regexp"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph"
)

// Commitments against conduct: a promise that X will not do R to Y is
// broken by evidence, in the same document or a later or other one, that
// X did R to Y (or to Y's leaders, members or affiliates); a promise that
// X will do R to Y is broken by evidence that X did not.

// analysis returns the store's analysis side, or an EInvalid error.
func (q *Engine) analysis() (actorgraph.AnalysisStore, error) {
	a, ok := q.S.(actorgraph.AnalysisStore)
	if !ok {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "this store does not keep judgments and commitments")
	}
	return a, nil
}

// Commitments lists the stored commitments f selects.
func (q *Engine) Commitments(ctx context.Context, f actorgraph.CommitmentFilter) ([]actorgraph.StoredCommitment, int, error) {
	a, err := q.analysis()
	if err != nil {
		return nil, 0, err
	}
	return a.Commitments(ctx, f)
}

// Judgments lists a stored document's judgments.
func (q *Engine) Judgments(ctx context.Context, id actorgraph.DocID) ([]actorgraph.Judgment, error) {
	a, err := q.analysis()
	if err != nil {
		return nil, err
	}
	return a.Judgments(ctx, id)
}

// CommitmentStatus is one commitment with the conduct the store holds
// against it; Status is "" when nothing contradicts it.
type CommitmentStatus = actorgraph.BrokenCommitment

// CheckedCommitments lists the commitments f selects (all of them, f.Page
// ignored), each checked against the evidence; with brokenOnly, only the
// broken or contested ones.
func (q *Engine) CheckedCommitments(ctx context.Context, f actorgraph.CommitmentFilter, brokenOnly bool) ([]CommitmentStatus, error) {
	a, err := q.analysis()
	if err != nil {
		return nil, err
	}
	var all []actorgraph.StoredCommitment
	for off := 0; ; off += pageSize {
		f.Page = actorgraph.Page{Offset: off, Limit: pageSize}
		cs, total, err := a.Commitments(ctx, f)
		if err != nil {
			return nil, err
		}
		all = append(all, cs...)
		if len(cs) == 0 || off+len(cs) >= total {
			break
		}
	}
	out := []CommitmentStatus{}
	for _, c := range all {
		st, err := q.CheckCommitment(ctx, c, f.AsOf)
		if err != nil {
			return nil, err
		}
		if brokenOnly && st.Status == "" {
			continue
		}
		out = append(out, st)
	}
	return out, nil
}

// memberTypes are the relations that make an actor part of another: a
// promise about a group covers its leaders, members and affiliates.
var memberTypes = map[actorgraph.RelationType]bool{actorgraph.Leads: true, actorgraph.MemberOf: true, actorgraph.AffiliateOf: true}

// CheckCommitment sets the commitment's status from the store's evidence:
// Broken when asserted evidence contradicts it, Contested when only
// reported evidence does or when other asserted evidence says it was kept.
// Evidence from documents dated before the commitment's document does
// not count, nor does the commitment's own sentence, nor mere
// possibilities.
func (q *Engine) CheckCommitment(ctx context.Context, c actorgraph.StoredCommitment, asOf actorgraph.AsOf) (CommitmentStatus, error) {
	st := CommitmentStatus{Commitment: c, Contrary: []actorgraph.Edge{}, Evidence: []actorgraph.EvidenceRow{}}
	if c.Source == 0 || c.Target == 0 {
		return st, nil
	}
	targets := map[actorgraph.ActorID]bool{c.Target: true}
	if c.Type != actorgraph.LocatedIn {
		f := false
		members, err := q.edges(ctx, actorgraph.EdgeFilter{Actor: c.Target, Negated: &f, AsOf: asOf})
		if err != nil {
			return st, err
		}
		for _, e := range members {
			if memberTypes[e.Type] && e.Target == c.Target && e.Source != c.Source {
				targets[e.Source] = true
			}
		}
	}
	since := PledgeDate(c)
	counts := func(r actorgraph.EvidenceRow) bool {
		if r.Modality == actorgraph.Possible {
			return false
		}
		if r.DocID == c.DocID && r.Span == c.Span {
			return false // the promise itself
		}
		return r.DocID == c.DocID || r.Published == "" || since == "" || r.Published >= since
	}
	// conduct against the promise, then conduct that keeps it
	for _, keeps := range []bool{false, true} {
		neg := c.Negated == keeps
		es, err := q.edges(ctx, actorgraph.EdgeFilter{Actor: c.Source, Type: c.Type, Negated: &neg, AsOf: asOf})
		if err != nil {
			return st, err
		}
		for _, e := range es {
			other := e.Target
			if e.Source != c.Source {
				if !c.Type.Symmetric() || e.Target != c.Source {
					continue
				}
				other = e.Source
			}
			if !targets[other] || keeps && other != c.Target {
				continue
			}
			rows, err := q.S.Evidence(ctx, e.ID, asOf)
			if err != nil {
				return st, err
			}
			used := false
			for _, r := range rows {
				if !counts(r) {
					continue
				}
				if keeps {
					if r.Modality == actorgraph.Asserted {
						st.Keeping = append(st.Keeping, r)
					}
					continue
				}
				used = true
				st.Evidence = append(st.Evidence, r)
			}
			if used {
				st.Contrary = append(st.Contrary, e)
			}
		}
		if !keeps && len(st.Evidence) == 0 {
			return st, nil
		}
	}
	st.Status = actorgraph.Contested
	for _, r := range st.Evidence {
		if r.Modality == actorgraph.Asserted && len(st.Keeping) == 0 {
			st.Status = actorgraph.Broken
		}
	}
	sort.SliceStable(st.Evidence, func(i, j int) bool { return st.Evidence[i].Published < st.Evidence[j].Published })
	return st, nil
}

// edges lists every edge f selects.
func (q *Engine) edges(ctx context.Context, f actorgraph.EdgeFilter) ([]actorgraph.Edge, error) {
	var out []actorgraph.Edge
	for off := 0; ; off += pageSize {
		f.Page = actorgraph.Page{Offset: off, Limit: pageSize}
		es, total, err := q.S.Edges(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, es...)
		if len(es) == 0 || off+len(es) >= total {
			return out, nil
		}
	}
}

var (
	dayMonthYear = regexp.MustCompile(`^(\d{1,2}) ([A-Za-z]+),? (\d{4})$`)
	monthDayYear = regexp.MustCompile(`^([A-Za-z]+) (\d{1,2}), (\d{4})$`)
	monthYear    = regexp.MustCompile(`^([A-Za-z]+) (\d{4})$`)
	yearOnly     = regexp.MustCompile(`(\d{4})$`)
	months       = map[string]string{"january": "01", "february": "02", "march": "03", "april": "04", "may": "05",
		"june": "06", "july": "07", "august": "08", "september": "09", "october": "10", "november": "11", "december": "12"}
)

// PledgeDate is the earliest date (YYYY-MM-DD) from which conduct can
// break commitment c: the date its sentence gives ("29 February 2020",
// "November 2022" from the first of the month, "2020" from the first of
// the year), else its document's date; "" when neither is known.
func PledgeDate(c actorgraph.StoredCommitment) string {
	w := strings.TrimSpace(c.When)
	pad := func(d string) string {
		if len(d) == 1 {
			return "0" + d
		}
		return d
	}
	if m := dayMonthYear.FindStringSubmatch(w); m != nil && months[strings.ToLower(m[2])] != "" {
		return m[3] + "-" + months[strings.ToLower(m[2])] + "-" + pad(m[1])
	}
	if m := monthDayYear.FindStringSubmatch(w); m != nil && months[strings.ToLower(m[1])] != "" {
		return m[3] + "-" + months[strings.ToLower(m[1])] + "-" + pad(m[2])
	}
	if m := monthYear.FindStringSubmatch(w); m != nil && months[strings.ToLower(m[1])] != "" {
		return m[2] + "-" + months[strings.ToLower(m[1])] + "-01"
	}
	if m := yearOnly.FindStringSubmatch(w); m != nil {
		return m[1] + "-01-01"
	}
	return c.Published
}
