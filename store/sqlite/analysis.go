package sqlite

import (
	"context"
	"encoding/json"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

// The judgments and commitments of each document (migration 5). They are
// written with the document's extraction and replaced with it on reindex;
// a commitment's actors are document entities, so it follows them through
// merges, splits and renames.

var _ actorgraph.AnalysisStore = (*Store)(nil)

// storeAnalysis stores the judgments and commitments of document doc
// from x, replacing those it had when replace is set (a new document has
// none): judgments holds the judgments encoded (encodeExtraction),
// entIDs the row id of each entity of x, in order. A span outside the
// text or an entity id x does not define is an EInvalid error, and the
// whole write is rolled back.
func (w *wtx) storeAnalysis(doc int64, text string, x *actorgraph.Extraction, judgments []string, entIDs []int64, replace bool) error {
	if replace {
		if err := w.exec(`DELETE FROM doc_judgments WHERE doc_id = ?`, doc); err != nil {
			return err
		}
		if err := w.exec(`DELETE FROM doc_commitments WHERE doc_id = ?`, doc); err != nil {
			return err
		}
	}
	for i, body := range judgments {
		if err := w.exec(`INSERT INTO doc_judgments(doc_id, ord, body) VALUES (?, ?, ?)`, doc, i, body); err != nil {
			return err
		}
	}
	if len(x.Commitments) == 0 {
		return nil
	}
	ents := make(map[string]int64, len(entIDs))
	for i, id := range entIDs {
		ents[x.Entities[i].ID] = id
	}
	spanOK := func(sp actorgraph.Span) bool { return 0 <= sp.Start && sp.Start <= sp.End && sp.End <= len(text) }
	for i, c := range x.Commitments {
		a, src, dst := ents[c.Actor], ents[c.Source], ents[c.Target]
		if a == 0 || src == 0 || dst == 0 || c.To != "" && ents[c.To] == 0 {
			return invalid("commitment %d names an entity the extraction does not define", i)
		}
		if !c.Type.Valid() {
			return invalid("commitment %d has unknown relation type %q", i, c.Type)
		}
		if !spanOK(c.Span) || !utf8.ValidString(c.Sentence) || !utf8.ValidString(c.Cue) || !utf8.ValidString(c.When) {
			return invalid("commitment %d has a span outside the text or text that is not valid UTF-8", i)
		}
		sentence := c.Sentence
		if sentence == "" {
			sentence = text[c.Span.Start:c.Span.End]
		}
		if err := w.exec(`INSERT INTO doc_commitments(doc_id, ord, actor_ent, to_ent, src_ent, dst_ent, type, negated, cue,
			at_when, sentence, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			doc, i, a, ents[c.To], src, dst, string(c.Type), c.Negated, c.Cue, c.When, sentence, c.Span.Start, c.Span.End); err != nil {
			return err
		}
	}
	return nil
}

// Judgments lists a stored document's judgments in text order.
func (s *Store) Judgments(ctx context.Context, id actorgraph.DocID) ([]actorgraph.Judgment, error) {
	out := []actorgraph.Judgment{}
	err := s.read(ctx, "read judgments", func(r *rtx) error {
		var n int
		if err := r.row(`SELECT count(*) FROM documents WHERE id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return notFound("document %d not found", id)
		}
		rows, err := r.query(`SELECT body FROM doc_judgments WHERE doc_id = ? ORDER BY ord`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var body string
			if err := rows.Scan(&body); err != nil {
				return err
			}
			var j actorgraph.Judgment
			if err := json.Unmarshal([]byte(body), &j); err != nil {
				return err
			}
			out = append(out, j)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

const commitmentFrom = ` FROM doc_commitments c JOIN documents d ON d.id = c.doc_id
	JOIN doc_entities ea ON ea.id = c.actor_ent
	LEFT JOIN doc_entities et ON et.id = c.to_ent
	JOIN doc_entities es ON es.id = c.src_ent
	JOIN doc_entities ed ON ed.id = c.dst_ent
	WHERE (?1 = 0 OR ea.actor_id = ?1 OR es.actor_id = ?1 OR ed.actor_id = ?1 OR et.actor_id = ?1)
	AND (?2 = 0 OR c.doc_id = ?2) AND (?3 = '' OR d.eff <= ?3)`

// Commitments lists stored commitments, oldest document first, with their
// actors as the graph knows them now.
func (s *Store) Commitments(ctx context.Context, f actorgraph.CommitmentFilter) ([]actorgraph.StoredCommitment, int, error) {
	limit, offset, err := page(f.Page)
	if err != nil {
		return nil, 0, err
	}
	if err := checkDate("as-of date", f.AsOf.Date); err != nil {
		return nil, 0, err
	}
	out := []actorgraph.StoredCommitment{}
	total := 0
	err = s.read(ctx, "list commitments", func(r *rtx) error {
		args := []any{int64(f.Actor), int64(f.Doc), f.AsOf.Date}
		if err := r.row(`SELECT count(*)`+commitmentFrom, args...).Scan(&total); err != nil {
			return err
		}
		rows, err := r.query(`SELECT c.id, c.doc_id, d.title, d.url, d.publisher, d.published,
			COALESCE(ea.actor_id, 0), ea.name, COALESCE(et.actor_id, 0), COALESCE(et.name, ''),
			COALESCE(es.actor_id, 0), es.name, COALESCE(ed.actor_id, 0), ed.name,
			c.type, c.negated, c.cue, c.at_when, c.sentence, c.span_start, c.span_end`+commitmentFrom+`
			ORDER BY d.eff, c.doc_id, c.ord LIMIT ?4 OFFSET ?5`, append(args, limit, offset)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c actorgraph.StoredCommitment
			var typ string
			if err := rows.Scan(&c.ID, &c.DocID, &c.DocTitle, &c.DocURL, &c.Publisher, &c.Published,
				&c.Actor, &c.ActorName, &c.To, &c.ToName, &c.Source, &c.SourceName, &c.Target, &c.TargetName,
				&typ, &c.Negated, &c.Cue, &c.When, &c.Sentence, &c.Span.Start, &c.Span.End); err != nil {
				return err
			}
			c.Type = actorgraph.RelationType(typ)
			out = append(out, c)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		// the actors' current display names (renames, merges)
		names := map[actorID]string{}
		name := func(id actorID, fallback string) (string, error) {
			if id == 0 {
				return fallback, nil
			}
			if n, ok := names[id]; ok {
				return n, nil
			}
			a, ok, err := r.actor(id, f.AsOf.Date)
			if err != nil {
				return "", err
			}
			n := fallback
			if ok && a.Name != "" {
				n = a.Name
			}
			names[id] = n
			return n, nil
		}
		for i := range out {
			c := &out[i]
			for _, p := range []struct {
				id *actorID
				n  *string
			}{{&c.Actor, &c.ActorName}, {&c.To, &c.ToName}, {&c.Source, &c.SourceName}, {&c.Target, &c.TargetName}} {
				if *p.id == 0 && *p.n == "" {
					continue
				}
				v, err := name(*p.id, *p.n)
				if err != nil {
					return err
				}
				*p.n = v
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}
