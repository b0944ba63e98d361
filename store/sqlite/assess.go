package sqlite

import (
	"context"
	"database/sql"
	"hash/fnv"
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
		if err := visibleEdge(w, id); err != nil {
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

// readAssessments computes the four assessments of each visible edge of
// ids; unknown or invisible ids are left out. Assessments (assesscache.go)
// keeps what it computes until the database changes.
func (s *Store) readAssessments(ctx context.Context, ids []actorgraph.EdgeID) (map[actorgraph.EdgeID]actorgraph.Assessment, error) {
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
		if len(ids) > bulkThreshold {
			return r.assessmentsBulk(ids, grades, out)
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
	a.Publishers, a.Reliability = graded(pubs, grades)
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

// evRow is one evidence row as corroboration sees it: its source (the
// publisher, or the document when it names none) and its sentence.
type evRow struct {
	doc  int64
	pub  string
	sent uint64 // hash of the normalised sentence; 0: none
}

func sentenceKey(sentence string) uint64 {
	n := norm(sentence)
	if n == "" {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(n))
	return h.Sum64() | 1 // never 0
}

// sources reads an edge's evidence and returns its publishers and the
// number of its independent sources (see independentSources).
func (r *rtx) sources(id actorgraph.EdgeID) ([]string, int, error) {
	rows, err := r.query(`SELECT x.doc_id, d.publisher, x.sentence FROM relations x CROSS JOIN documents d ON d.id = x.doc_id
		WHERE x.edge_id = ?`, id)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var evs []evRow
	for rows.Next() {
		var e evRow
		var sentence string
		if err := rows.Scan(&e.doc, &e.pub, &sentence); err != nil {
			return nil, 0, err
		}
		e.sent = sentenceKey(sentence)
		evs = append(evs, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	pubs, n := independentSources(evs)
	return pubs, n, nil
}

// independentSources returns the publishers of evidence rows (sorted, ""
// for documents without one) and how many independent sources they are:
// rows are joined when they share a publisher (a document without one is
// its own source) or repeat the same sentence word for word, and each
// group counts once.
func independentSources(evs []evRow) ([]string, int) {
	type key struct {
		pub string
		doc int64
	}
	src := map[key]int{}     // source → node
	sent := map[uint64]int{} // sentence → node
	var parent []int
	node := func() int { parent = append(parent, len(parent)); return len(parent) - 1 }
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	seenPub := map[string]bool{}
	var srcNodes []int
	for _, e := range evs {
		seenPub[e.pub] = true
		k := key{pub: e.pub}
		if e.pub == "" {
			k.doc = e.doc
		}
		a, ok := src[k]
		if !ok {
			a = node()
			src[k] = a
			srcNodes = append(srcNodes, a)
		}
		if e.sent == 0 {
			continue
		}
		b, ok := sent[e.sent]
		if !ok {
			b = node()
			sent[e.sent] = b
		}
		if ra, rb := find(a), find(b); ra != rb {
			parent[ra] = rb
		}
	}
	roots := map[int]bool{}
	for _, a := range srcNodes {
		roots[find(a)] = true
	}
	pubs := make([]string, 0, len(seenPub))
	for p := range seenPub {
		pubs = append(pubs, p)
	}
	sort.Strings(pubs)
	return pubs, len(roots)
}

// bulkThreshold is the number of edges above which Assessments reads the
// whole evidence table once instead of each edge's rows.
const bulkThreshold = 300

// assessmentsBulk computes the assessments of many edges in a few passes:
// edges, publishers, analyst assessments and every evidence row once.
func (r *rtx) assessmentsBulk(ids []actorgraph.EdgeID, grades map[string]actorgraph.Reliability, out map[actorgraph.EdgeID]actorgraph.Assessment) error {
	type edgeKey struct {
		src, dst actorID
		typ      string
		neg      bool
	}
	type info struct {
		key        edgeKey
		na, nr, np int
	}
	edges := map[actorgraph.EdgeID]*info{}
	byKey := map[edgeKey]actorgraph.EdgeID{}
	rows, err := r.query(`SELECT id, src, type, dst, negated, n_asserted, n_reported, n_possible FROM edges WHERE count > 0`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id actorgraph.EdgeID
		in := &info{}
		if err := rows.Scan(&id, &in.key.src, &in.key.typ, &in.key.dst, &in.key.neg, &in.na, &in.nr, &in.np); err != nil {
			rows.Close()
			return err
		}
		edges[id], byKey[in.key] = in, id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	need := map[actorgraph.EdgeID]bool{}
	for _, id := range ids {
		in := edges[id]
		if in == nil {
			continue
		}
		need[id] = true
		k := in.key
		k.neg = !k.neg
		if opp, ok := byKey[k]; ok {
			need[opp] = true
		}
	}
	pubOf := map[int64]string{}
	rows, err = r.query(`SELECT id, publisher FROM documents WHERE publisher != ''`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var p string
		if err := rows.Scan(&id, &p); err != nil {
			rows.Close()
			return err
		}
		pubOf[id] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	evs := map[actorgraph.EdgeID][]evRow{}
	rows, err = r.query(`SELECT edge_id, doc_id, sentence FROM relations WHERE edge_id IS NOT NULL`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id actorgraph.EdgeID
		var e evRow
		var sentence string
		if err := rows.Scan(&id, &e.doc, &sentence); err != nil {
			rows.Close()
			return err
		}
		if !need[id] {
			continue
		}
		e.pub, e.sent = pubOf[e.doc], sentenceKey(sentence)
		evs[id] = append(evs[id], e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	type analyst struct {
		conf string
		cred int
	}
	an := map[actorgraph.EdgeID]analyst{}
	rows, err = r.query(`SELECT edge_id, confidence, credibility FROM edge_assessments`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id actorgraph.EdgeID
		var x analyst
		if err := rows.Scan(&id, &x.conf, &x.cred); err != nil {
			rows.Close()
			return err
		}
		an[id] = x
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	indep := map[actorgraph.EdgeID]int{}
	pubsOf := map[actorgraph.EdgeID][]string{}
	for id := range need {
		pubsOf[id], indep[id] = independentSources(evs[id])
	}
	for _, id := range ids {
		in := edges[id]
		if in == nil {
			continue
		}
		if _, done := out[id]; done {
			continue
		}
		a := actorgraph.Assessment{Edge: id, Negated: in.key.neg, Reliability: actorgraph.ReliabilityF, IndependentSources: indep[id]}
		if ms := modalities(in.na, in.nr, in.np); len(ms) > 0 {
			a.Modality = ms[0]
		}
		a.Publishers, a.Reliability = graded(pubsOf[id], grades)
		k := in.key
		k.neg = !k.neg
		if opp, ok := byKey[k]; ok {
			a.OpposingSources = indep[opp]
		}
		a.DerivedCredibility = actorgraph.DeriveCredibility(a.IndependentSources, a.OpposingSources)
		a.Credibility = a.DerivedCredibility
		if x, ok := an[id]; ok {
			a.Confidence, a.AnalystCredibility = actorgraph.Confidence(x.conf), x.cred
			if x.cred != 0 {
				a.Credibility = x.cred
			}
		}
		out[id] = a
	}
	return nil
}

// graded lists publishers with their grades (F when ungraded) and the
// best grade among them (F for none).
func graded(pubs []string, grades map[string]actorgraph.Reliability) ([]actorgraph.PublisherReliability, actorgraph.Reliability) {
	best := actorgraph.ReliabilityF
	var out []actorgraph.PublisherReliability
	for _, p := range pubs {
		g, ok := grades[p]
		if !ok {
			g = actorgraph.ReliabilityF
		}
		out = append(out, actorgraph.PublisherReliability{Publisher: p, Reliability: g})
		if g < best {
			best = g
		}
	}
	return out, best
}
