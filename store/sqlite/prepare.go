package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

// Prepared is a document with its extraction, checked and encoded for
// storing: all that storing it needs no database for (validation, the
// content hash, the entities' names, the JSON columns). Prepare runs on
// any goroutine — ingest calls it on its extraction workers — so that the
// one writer connection only writes.
type Prepared struct {
	doc  actorgraph.Document
	x    actorgraph.Extraction
	err  error // why it cannot be stored
	hash string
	rows extractionRows
}

// extractionRows is an extraction's entities and judgments encoded as
// their columns.
type extractionRows struct {
	ents      []entRow // as x.Entities
	judgments []string // JSON, as x.Judgments
}

type entRow struct {
	names                    []nameIn // own name first
	enc, aliases, mentionsJS string
}

// Prepare checks and encodes a document and its extraction for
// PutPrepared. A document that cannot be stored is not an error here:
// PutPrepared reports it, in its place.
func Prepare(doc actorgraph.Document, x actorgraph.Extraction) *Prepared {
	p := &Prepared{doc: doc, x: x}
	if p.err = validateDocument(&p.doc); p.err != nil {
		return p
	}
	if p.err = validateExtraction(p.doc.Text, &p.x); p.err != nil {
		return p
	}
	sum := sha256.Sum256([]byte(p.doc.Text))
	p.hash = hex.EncodeToString(sum[:])
	p.rows, p.err = encodeExtraction(p.doc.Text, &p.x)
	return p
}

// PrepareDocument is Prepare, for callers that know the store only by
// interface (ingest.PreparingStore).
func (s *Store) PrepareDocument(doc actorgraph.Document, x actorgraph.Extraction) any {
	return Prepare(doc, x)
}

// encodeExtraction encodes the entities and judgments of a validated
// extraction; a judgment outside the text is an EInvalid error.
func encodeExtraction(text string, x *actorgraph.Extraction) (extractionRows, error) {
	out := extractionRows{ents: make([]entRow, len(x.Entities))}
	for i := range x.Entities {
		e := &x.Entities[i]
		ns := entityNames(text, e)
		out.ents[i] = entRow{names: ns, enc: encodeNames(ns), aliases: jsonText(e.Aliases), mentionsJS: jsonText(e.Mentions)}
	}
	spanOK := func(sp actorgraph.Span) bool { return 0 <= sp.Start && sp.Start <= sp.End && sp.End <= len(text) }
	for i, j := range x.Judgments {
		if !spanOK(j.Span) || !spanOK(j.CueSpan) || !utf8.ValidString(j.Sentence) || !utf8.ValidString(j.Cue) {
			return out, invalid("judgment %d has a span outside the text or text that is not valid UTF-8", i)
		}
		for _, c := range []*actorgraph.Clause{j.Condition, j.Consequence} {
			if c != nil && (!spanOK(c.Span) || !utf8.ValidString(c.Text)) {
				return out, invalid("judgment %d has a clause outside the text", i)
			}
		}
		body, err := json.Marshal(j)
		if err != nil {
			return out, invalid("judgment %d: %v", i, err)
		}
		out.judgments = append(out.judgments, string(body))
	}
	return out, nil
}

// PutPrepared stores prepared documents several to a transaction, as
// PutBatch does: each whole or not at all, and one that cannot be stored
// (errs[i] says why) keeps none of the others out. ps holds what
// PrepareDocument returned; anything else is an error in its place.
func (s *Store) PutPrepared(ctx context.Context, ps []any) ([]actorgraph.PutResult, []error) {
	in := make([]*Prepared, len(ps))
	for i, p := range ps {
		if pp, ok := p.(*Prepared); ok && pp != nil {
			in[i] = pp
		} else {
			in[i] = &Prepared{err: actorgraph.Errorf(actorgraph.EInternal, "store: %T is not a prepared document", p)}
		}
	}
	return s.putBatch(ctx, in)
}

// putBatch is PutBatch on prepared documents.
func (s *Store) putBatch(ctx context.Context, ps []*Prepared) ([]actorgraph.PutResult, []error) {
	res := make([]actorgraph.PutResult, len(ps))
	errs := make([]error, len(ps))
	var in []*Prepared
	var at []int // index in ps of each element of in
	for i, p := range ps {
		if p.err != nil {
			errs[i] = p.err
			continue
		}
		in = append(in, p)
		at = append(at, i)
	}
	if len(in) == 0 {
		return res, errs
	}
	out, err := s.putValid(ctx, in)
	if err == nil {
		for j, i := range at {
			res[i] = out[j]
		}
		return res, errs
	}
	if ctx.Err() != nil || len(in) == 1 {
		for _, i := range at {
			errs[i] = err
		}
		return res, errs
	}
	// one document broke the transaction: store them one at a time so
	// that only that one fails
	for j, i := range at {
		out, err := s.putValid(ctx, in[j:j+1])
		if err != nil {
			errs[i] = err
			continue
		}
		res[i] = out[0]
	}
	return res, errs
}
