package sqlite

import (
	"context"

	"github.com/actorgraph/actorgraph"
)

// evidenceCols are the columns of an EvidenceRow, from relations x and
// documents d.
const evidenceCols = `x.edge_id, x.doc_id, d.title, d.url, d.publisher, d.published, x.sentence,
	x.span_start, x.span_end, x.modality, x.negated, x.trigger`

// scanEvidence reads one row of evidenceCols.
func scanEvidence(sc scanner) (actorgraph.EvidenceRow, error) {
	var e actorgraph.EvidenceRow
	err := sc.Scan(&e.EdgeID, &e.DocID, &e.DocTitle, &e.DocURL, &e.Publisher, &e.Published, &e.Sentence,
		&e.Span.Start, &e.Span.End, &e.Modality, &e.Negated, &e.Trigger)
	return e, err
}

// EvidencePage lists one page of the sentences behind an edge, in the
// order of Evidence (dated oldest first, then undated), and how many
// there are in all. Only the page's rows are read: the dated and the
// undated ones are each walked in the order of the relations_edge index,
// so a hub relationship with thousands of sentences costs a few rows.
func (s *Store) EvidencePage(ctx context.Context, id actorgraph.EdgeID, asOf actorgraph.AsOf, p actorgraph.Page) ([]actorgraph.EvidenceRow, int, error) {
	limit, offset, err := page(p)
	if err != nil {
		return nil, 0, err
	}
	if err := checkDate("as-of date", asOf.Date); err != nil {
		return nil, 0, err
	}
	out := []actorgraph.EvidenceRow{}
	var total int
	err = s.read(ctx, "list evidence", func(r *rtx) error {
		if err := visibleEdge(r, id); err != nil {
			return err
		}
		// a relation's published is its document's
		from, args := `relations x WHERE x.edge_id = ?`, []any{id}
		if asOf.Date != "" {
			from = `relations x JOIN documents d ON d.id = x.doc_id WHERE x.edge_id = ? AND d.eff <= ?`
			args = append(args, asOf.Date)
		}
		var err error
		if total, err = r.count(`SELECT COUNT(*) FROM `+from, args...); err != nil {
			return err
		}
		dated, err := r.count(`SELECT COUNT(*) FROM `+from+` AND x.published != ''`, args...)
		if err != nil {
			return err
		}
		cond := `x.edge_id = ?`
		if asOf.Date != "" {
			cond += ` AND d.eff <= ?`
		}
		read := func(q string, limit, offset int) error {
			page, err := queryAll(r, scanEvidence, `SELECT `+evidenceCols+` FROM relations x JOIN documents d ON d.id = x.doc_id
				WHERE `+cond+q+` LIMIT ? OFFSET ?`, append(args[:len(args):len(args)], limit, offset)...)
			out = append(out, page...)
			return err
		}
		if offset < dated {
			if err := read(` AND x.published != '' ORDER BY x.published, x.doc_id, x.ord`, limit, offset); err != nil {
				return err
			}
		}
		if rest := limit - len(out); rest > 0 && offset+len(out) < total {
			return read(` AND x.published = '' ORDER BY x.doc_id, x.ord`, rest, max(0, offset-dated))
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}
