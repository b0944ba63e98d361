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
	memo := partsMemo{}
	for _, c := range all {
		st, err := q.check(ctx, c, f.AsOf, memo)
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

// CheckedPage is one page (f.Page) of CheckedCommitments and the number
// of commitments in all. Without brokenOnly only the page's commitments
// are checked; with it, every commitment f selects must be.
func (q *Engine) CheckedPage(ctx context.Context, f actorgraph.CommitmentFilter, brokenOnly bool) ([]CommitmentStatus, int, error) {
	p := f.Page
	if p.Offset < 0 || p.Limit < 0 {
		return nil, 0, actorgraph.Errorf(actorgraph.EInvalid, "page offset and limit must not be negative")
	}
	if !brokenOnly {
		a, err := q.analysis()
		if err != nil {
			return nil, 0, err
		}
		// the store's pages are walked a window at a time: a limit may
		// pass the store's own maximum, and 0 means all
		var cs []actorgraph.StoredCommitment
		total := 0
		for off := p.Offset; ; {
			lim := pageSize
			if p.Limit > 0 {
				lim = min(pageSize, p.Offset+p.Limit-off)
			}
			if lim <= 0 {
				break
			}
			f.Page = actorgraph.Page{Offset: off, Limit: lim}
			got, t, err := a.Commitments(ctx, f)
			if err != nil {
				return nil, 0, err
			}
			total = t
			cs = append(cs, got...)
			off += len(got)
			if len(got) < lim {
				break
			}
		}
		out := make([]CommitmentStatus, 0, len(cs))
		memo := partsMemo{}
		for _, c := range cs {
			st, err := q.check(ctx, c, f.AsOf, memo)
			if err != nil {
				return nil, 0, err
			}
			out = append(out, st)
		}
		return out, total, nil
	}
	all, err := q.CheckedCommitments(ctx, f, true)
	if err != nil {
		return nil, 0, err
	}
	lo := min(p.Offset, len(all))
	hi := len(all)
	if p.Limit > 0 {
		hi = min(lo+p.Limit, len(all))
	}
	return all[lo:hi], len(all), nil
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
	return q.check(ctx, c, asOf, partsMemo{})
}

// partsMemo keeps the parts of each actor for one listing.
type partsMemo map[[2]actorgraph.ActorID]map[actorgraph.ActorID]bool

func (q *Engine) check(ctx context.Context, c actorgraph.StoredCommitment, asOf actorgraph.AsOf, memo partsMemo) (CommitmentStatus, error) {
	st := CommitmentStatus{Commitment: c, Contrary: []actorgraph.Edge{}, Evidence: []actorgraph.EvidenceRow{}}
	if c.Source == 0 || c.Target == 0 {
		return st, nil
	}
	// the promise covers the parts of both sides: what the Haqqani
	// network (a wing of the Taliban) does to al-Qaeda's leader counts
	// against the Taliban's pledge about al-Qaeda
	sources, err := q.parts(ctx, c.Source, c.Target, asOf, memo)
	if err != nil {
		return st, err
	}
	targets := map[actorgraph.ActorID]bool{c.Target: true}
	if c.Type != actorgraph.LocatedIn {
		if targets, err = q.parts(ctx, c.Target, c.Source, asOf, memo); err != nil {
			return st, err
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
		if since == "" {
			return true
		}
		// a sentence that dates its event before the pledge is history
		if d := sentenceDate(r.Sentence); d != "" && d < since[:len(d)] {
			return false
		}
		return r.DocID == c.DocID || r.Published == "" || r.Published >= since
	}
	// conduct against the promise, then conduct that keeps it
	for _, keeps := range []bool{false, true} {
		neg := c.Negated == keeps
		var es []actorgraph.Edge
		for _, src := range sortedIDs(sources) {
			if keeps && src != c.Source {
				continue
			}
			got, err := q.edges(ctx, actorgraph.EdgeFilter{Actor: src, Type: c.Type, Negated: &neg, AsOf: asOf})
			if err != nil {
				return st, err
			}
			for _, e := range got {
				if e.Source == src || c.Type.Symmetric() && e.Target == src {
					es = append(es, e)
				}
			}
		}
		seen := map[actorgraph.EdgeID]bool{}
		for _, e := range es {
			if seen[e.ID] {
				continue
			}
			seen[e.ID] = true
			other := e.Target
			if !sources[e.Source] {
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
	st.EvidenceTotal = len(st.Evidence)
	if len(st.Evidence) > actorgraph.MaxShown {
		st.Evidence = st.Evidence[:actorgraph.MaxShown]
	}
	if len(st.Keeping) > actorgraph.MaxShown {
		st.Keeping = st.Keeping[:actorgraph.MaxShown]
	}
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

// parts is the actor a with the actors that lead it, belong to it or are
// its affiliates (by asserted or reported, non-negated edges), leaving out
// the actor on the other side of the promise.
func (q *Engine) parts(ctx context.Context, a, other actorgraph.ActorID, asOf actorgraph.AsOf, memo partsMemo) (map[actorgraph.ActorID]bool, error) {
	if m, ok := memo[[2]actorgraph.ActorID{a, other}]; ok {
		return m, nil
	}
	out := map[actorgraph.ActorID]bool{a: true}
	memo[[2]actorgraph.ActorID{a, other}] = out
	f := false
	for _, t := range []actorgraph.RelationType{actorgraph.Leads, actorgraph.MemberOf, actorgraph.AffiliateOf} {
		es, err := q.edges(ctx, actorgraph.EdgeFilter{Actor: a, Type: t, Negated: &f, AsOf: asOf})
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if e.Target == a && e.Source != other && factual(e) {
				out[e.Source] = true
			}
		}
	}
	return out, nil
}

func sortedIDs(m map[actorgraph.ActorID]bool) []actorgraph.ActorID {
	out := make([]actorgraph.ActorID, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// factual reports whether some evidence of e is asserted or reported.
func factual(e actorgraph.Edge) bool {
	for _, m := range e.Modalities {
		if m == actorgraph.Asserted || m == actorgraph.Reported {
			return true
		}
	}
	return false
}

var sentenceDateRE = regexp.MustCompile(`\b(?:(January|February|March|April|May|June|July|August|September|October|November|December) )?((?:19|20)\d\d)\b`)

// sentenceDate is the latest "YYYY" or "YYYY-MM" a sentence names ("in
// March 2019", "since 2013"), or "".
func sentenceDate(s string) string {
	best := ""
	for _, m := range sentenceDateRE.FindAllStringSubmatch(s, -1) {
		d := m[2]
		if mm := months[strings.ToLower(m[1])]; mm != "" {
			d += "-" + mm
		}
		if d > best {
			best = d
		}
	}
	return best
}
