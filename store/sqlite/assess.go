package sqlite

import (
	"context"
	"database/sql"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

// Assessments (actorgraph.Assessor): Admiralty grades per publisher, the
// analyst's confidence and credibility per edge, and the log of both.
// Derived credibility is computed when read, from the evidence rows, so it
// follows every ingest and reindex without bookkeeping.

var _ actorgraph.Assessor = (*Store)(nil)

func (s *Store) now() string { return s.Now().UTC().Format(timeFormat) }

// SetReliability grades a publisher; publisher "" grades the documents
// that name none.
func (s *Store) SetReliability(ctx context.Context, publisher string, r actorgraph.Reliability, note string) error {
	r, err := actorgraph.ParseReliability(string(r))
	if err != nil {
		return err
	}
	publisher = strings.TrimSpace(publisher)
	if !utf8.ValidString(publisher) || !utf8.ValidString(note) || strings.IndexFunc(publisher, unicode.IsControl) >= 0 {
		return invalid("publisher name or note is not valid text")
	}
	return s.write(ctx, "set source reliability", func(w *wtx) error {
		at := w.s.now()
		if err := w.exec(`INSERT INTO publisher_reliability(publisher, reliability, note, at) VALUES (?, ?, ?, ?)
			ON CONFLICT(publisher) DO UPDATE SET reliability = excluded.reliability, note = excluded.note, at = excluded.at`,
			publisher, string(r), note, at); err != nil {
			return err
		}
		return w.exec(`INSERT INTO assessment_log(at, field, value, publisher, note) VALUES (?, 'reliability', ?, ?, ?)`,
			at, string(r), publisher, note)
	})
}

// Reliabilities lists the graded publishers, by name.
func (s *Store) Reliabilities(ctx context.Context) ([]actorgraph.PublisherReliability, error) {
	out := []actorgraph.PublisherReliability{}
	err := s.read(ctx, "list source reliability", func(r *rtx) error {
		rows, err := r.query(`SELECT publisher, reliability, note FROM publisher_reliability ORDER BY publisher`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p actorgraph.PublisherReliability
			if err := rows.Scan(&p.Publisher, &p.Reliability, &p.Note); err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// Assess records the analyst's confidence and credibility for an edge.
func (s *Store) Assess(ctx context.Context, id actorgraph.EdgeID, a actorgraph.AnalystAssessment) (actorgraph.Assessment, error) {
	if a.Confidence != "" {
		c, err := actorgraph.ParseConfidence(string(a.Confidence))
		if err != nil {
			return actorgraph.Assessment{}, err
		}
		a.Confidence = c
	}
	if a.Credibility != 0 && (a.Credibility < 1 || a.Credibility > 6) {
		return actorgraph.Assessment{}, invalid("information credibility %d is not a grade 1 to 6", a.Credibility)
	}
	if a.Confidence == "" && a.Credibility == 0 && !a.Clear {
		return actorgraph.Assessment{}, invalid("assess: give a confidence, a credibility or clear")
	}
	if !utf8.ValidString(a.Note) {
		return actorgraph.Assessment{}, invalid("assess: note is not valid UTF-8")
	}
	err := s.write(ctx, "assess relationship", func(w *wtx) error {
		var n int
		if err := w.row(`SELECT count FROM edges WHERE id = ?`, id).Scan(&n); err != nil || n == 0 {
			if err == nil || err == sql.ErrNoRows {
				err = notFound("relationship %d not found", id)
			}
			return err
		}
		at := w.s.now()
		if a.Clear {
			if err := w.exec(`DELETE FROM edge_assessments WHERE edge_id = ?`, id); err != nil {
				return err
			}
			if err := w.exec(`INSERT INTO assessment_log(at, edge_id, field, value, note) VALUES (?, ?, 'clear', '', ?)`, at, id, a.Note); err != nil {
				return err
			}
		}
		if a.Confidence == "" && a.Credibility == 0 {
			return nil
		}
		if err := w.exec(`INSERT INTO edge_assessments(edge_id, confidence, credibility, at) VALUES (?1, ?2, ?3, ?4)
			ON CONFLICT(edge_id) DO UPDATE SET
				confidence = CASE WHEN ?2 != '' THEN ?2 ELSE confidence END,
				credibility = CASE WHEN ?3 != 0 THEN ?3 ELSE credibility END, at = ?4`,
			id, string(a.Confidence), a.Credibility, at); err != nil {
			return err
		}
		if a.Confidence != "" {
			if err := w.exec(`INSERT INTO assessment_log(at, edge_id, field, value, note) VALUES (?, ?, 'confidence', ?, ?)`,
				at, id, string(a.Confidence), a.Note); err != nil {
				return err
			}
		}
		if a.Credibility != 0 {
			if err := w.exec(`INSERT INTO assessment_log(at, edge_id, field, value, note) VALUES (?, ?, 'credibility', ?, ?)`,
				at, id, strconv.Itoa(a.Credibility), a.Note); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return actorgraph.Assessment{}, err
	}
	m, err := s.Assessments(ctx, []actorgraph.EdgeID{id})
	if err != nil {
		return actorgraph.Assessment{}, err
	}
	return m[id], nil
}

// AssessmentLog lists the analyst's assessments, oldest first.
func (s *Store) AssessmentLog(ctx context.Context) ([]actorgraph.AssessmentChange, error) {
	out := []actorgraph.AssessmentChange{}
	err := s.read(ctx, "list assessments", func(r *rtx) error {
		rows, err := r.query(`SELECT id, at, edge_id, field, value, publisher, note FROM assessment_log ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c actorgraph.AssessmentChange
			var at string
			if err := rows.Scan(&c.ID, &at, &c.Edge, &c.Field, &c.Value, &c.Publisher, &c.Note); err != nil {
				return err
			}
			c.At, _ = time.Parse(timeFormat, at)
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// Assessments returns the four assessments of each visible edge of ids;
// unknown or invisible ids are left out.
func (s *Store) Assessments(ctx context.Context, ids []actorgraph.EdgeID) (map[actorgraph.EdgeID]actorgraph.Assessment, error) {
	out := make(map[actorgraph.EdgeID]actorgraph.Assessment, len(ids))
	err := s.read(ctx, "read assessments", func(r *rtx) error {
		grades := map[string]actorgraph.Reliability{}
		rows, err := r.query(`SELECT publisher, reliability FROM publisher_reliability`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var p, g string
			if err := rows.Scan(&p, &g); err != nil {
				rows.Close()
				return err
			}
			grades[p] = actorgraph.Reliability(g)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			if _, done := out[id]; done {
				continue
			}
			a, ok, err := r.assessment(id, grades)
			if err != nil {
				return err
			}
			if ok {
				out[id] = a
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (r *rtx) assessment(id actorgraph.EdgeID, grades map[string]actorgraph.Reliability) (actorgraph.Assessment, bool, error) {
	var src, dst actorID
	var typ string
	var neg bool
	var count, na, nr, np int
	err := r.row(`SELECT src, type, dst, negated, count, n_asserted, n_reported, n_possible FROM edges WHERE id = ?`, id).Scan(
		&src, &typ, &dst, &neg, &count, &na, &nr, &np)
	if err == sql.ErrNoRows || err == nil && count == 0 {
		return actorgraph.Assessment{}, false, nil
	}
	if err != nil {
		return actorgraph.Assessment{}, false, err
	}
	a := actorgraph.Assessment{Edge: id, Negated: neg, Reliability: actorgraph.ReliabilityF}
	if ms := modalities(na, nr, np); len(ms) > 0 {
		a.Modality = ms[0]
	}
	pubs, indep, err := r.sources(id)
	if err != nil {
		return a, false, err
	}
	a.IndependentSources = indep
	for _, p := range pubs {
		g, ok := grades[p]
		if !ok {
			g = actorgraph.ReliabilityF
		}
		a.Publishers = append(a.Publishers, actorgraph.PublisherReliability{Publisher: p, Reliability: g})
		if g < a.Reliability {
			a.Reliability = g
		}
	}
	var opp actorgraph.EdgeID
	switch err := r.row(`SELECT id FROM edges INDEXED BY edges_key WHERE src = ? AND type = ? AND dst = ? AND negated = ? AND count > 0`,
		src, typ, dst, !neg).Scan(&opp); {
	case err == nil:
		if _, a.OpposingSources, err = r.sources(opp); err != nil {
			return a, false, err
		}
	case err != sql.ErrNoRows:
		return a, false, err
	}
	a.DerivedCredibility = actorgraph.DeriveCredibility(a.IndependentSources, a.OpposingSources)
	a.Credibility = a.DerivedCredibility
	var conf string
	switch err := r.row(`SELECT confidence, credibility FROM edge_assessments WHERE edge_id = ?`, id).Scan(&conf, &a.AnalystCredibility); {
	case err == nil:
		a.Confidence = actorgraph.Confidence(conf)
		if a.AnalystCredibility != 0 {
			a.Credibility = a.AnalystCredibility
		}
	case err != sql.ErrNoRows:
		return a, false, err
	}
	return a, true, nil
}

// sources reads an edge's evidence and returns its publishers (sorted,
// "" for documents without one) and the number of independent sources:
// rows are joined when they share a publisher (a document without one is
// its own source) or repeat the same sentence, and each group counts once.
func (r *rtx) sources(id actorgraph.EdgeID) ([]string, int, error) {
	rows, err := r.query(`SELECT x.doc_id, d.publisher, x.sentence FROM relations x CROSS JOIN documents d ON d.id = x.doc_id
		WHERE x.edge_id = ?`, id)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	parent := map[string]string{}
	var find func(string) string
	find = func(k string) string {
		p, ok := parent[k]
		if !ok {
			parent[k] = k
			return k
		}
		if p == k {
			return k
		}
		root := find(p)
		parent[k] = root
		return root
	}
	union := func(a, b string) {
		ra, rb := find(a), find(b)
		if ra != rb {
			if ra < rb {
				parent[rb] = ra
			} else {
				parent[ra] = rb
			}
		}
	}
	seenPub := map[string]bool{}
	var srcKeys []string
	for rows.Next() {
		var doc int64
		var pub, sentence string
		if err := rows.Scan(&doc, &pub, &sentence); err != nil {
			return nil, 0, err
		}
		seenPub[pub] = true
		key := "p:" + pub
		if pub == "" {
			key = "d:" + strconv.FormatInt(doc, 10)
		}
		srcKeys = append(srcKeys, key)
		if n := norm(sentence); n != "" {
			union(key, "s:"+n)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	roots := map[string]bool{}
	for _, k := range srcKeys {
		roots[find(k)] = true
	}
	pubs := make([]string, 0, len(seenPub))
	for p := range seenPub {
		pubs = append(pubs, p)
	}
	sort.Strings(pubs)
	return pubs, len(roots), nil
}
