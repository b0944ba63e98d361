package ingest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/nlp/pipeline"
)

// memStore stores documents in memory and refuses any whose text says
// "refuse"; it counts its transactions.
type memStore struct {
	actorgraph.Store
	mu    sync.Mutex
	texts map[string]actorgraph.DocID
	txs   int
}

func (m *memStore) PutDocument(ctx context.Context, d actorgraph.Document, x actorgraph.Extraction) (actorgraph.PutResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.txs++
	return m.put(d)
}

func (m *memStore) put(d actorgraph.Document) (actorgraph.PutResult, error) {
	if strings.Contains(d.Text, "refuse") {
		return actorgraph.PutResult{}, actorgraph.Errorf(actorgraph.EInvalid, "refused")
	}
	if id, ok := m.texts[d.Text]; ok {
		return actorgraph.PutResult{DocID: id}, nil
	}
	id := actorgraph.DocID(len(m.texts) + 1)
	m.texts[d.Text] = id
	return actorgraph.PutResult{DocID: id, New: true}, nil
}

// batchStore is memStore with PutBatch.
type batchStore struct{ *memStore }

func (b batchStore) PutBatch(ctx context.Context, docs []actorgraph.Document, xs []actorgraph.Extraction) ([]actorgraph.PutResult, []error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.txs++
	res, errs := make([]actorgraph.PutResult, len(docs)), make([]error, len(docs))
	for i, d := range docs {
		res[i], errs[i] = b.put(d)
	}
	return res, errs
}

// prepStore is batchStore with PrepareDocument and PutPrepared; the
// prepared form is the document, marked, so that a document that was not
// prepared fails.
type prepStore struct{ batchStore }

type prepared struct{ d actorgraph.Document }

func (p prepStore) PrepareDocument(d actorgraph.Document, x actorgraph.Extraction) any {
	return prepared{d}
}

func (p prepStore) PutPrepared(ctx context.Context, ps []any) ([]actorgraph.PutResult, []error) {
	docs := make([]actorgraph.Document, len(ps))
	for i, v := range ps {
		docs[i] = v.(prepared).d
	}
	return p.PutBatch(ctx, docs, make([]actorgraph.Extraction, len(docs)))
}

func TestRunBatches(t *testing.T) {
	x, err := pipeline.Default()
	if err != nil {
		t.Fatal(err)
	}
	// 40 inputs of 3 documents; one refused, one input unreadable, one
	// text given twice
	read := func(ctx context.Context, input string) ([]actorgraph.Document, error) {
		if input == "in-7" {
			return nil, actorgraph.Errorf(actorgraph.EInvalid, "unreadable")
		}
		var docs []actorgraph.Document
		for j := 0; j < 3; j++ {
			text := fmt.Sprintf("The Taliban hosted al-Qaeda (%s, %d).", input, j)
			if input == "in-3" && j == 1 {
				text = "Please refuse this one."
			}
			if input == "in-5" && j == 2 {
				text = "The Taliban hosted al-Qaeda (in-5, 1)."
			}
			docs = append(docs, actorgraph.Document{Text: text})
		}
		return docs, nil
	}
	var inputs []string
	for i := 0; i < 40; i++ {
		inputs = append(inputs, fmt.Sprintf("in-%d", i))
	}
	for _, tt := range []struct {
		name  string
		store func(m *memStore) actorgraph.Store
		batch int
	}{
		{"one at a time", func(m *memStore) actorgraph.Store { return m }, 0},
		{"batches", func(m *memStore) actorgraph.Store { return batchStore{m} }, 0},
		{"batches of one", func(m *memStore) actorgraph.Store { return batchStore{m} }, 1},
		{"prepared", func(m *memStore) actorgraph.Store { return prepStore{batchStore{m}} }, 0},
	} {
		m := &memStore{texts: map[string]actorgraph.DocID{}}
		var results int
		sum, err := Run(context.Background(), tt.store(m), x, read, inputs, Options{Batch: tt.batch, Workers: 2,
			OnDoc: func(DocResult) { results++ }})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if sum.Inputs != 40 || sum.Docs != 117 || sum.New != 115 || sum.Unchanged != 1 || sum.Failed != 2 || results != 118 {
			t.Errorf("%s: %+v, %d results", tt.name, sum.Stats, results)
		}
		if len(m.texts) != 115 {
			t.Errorf("%s: %d stored", tt.name, len(m.texts))
		}
		// stored in the order of the inputs, whatever order extraction
		// finished in
		last := actorgraph.DocID(0)
		for i := 0; i < 40; i++ {
			for j := 0; j < 3; j++ {
				id, ok := m.texts[fmt.Sprintf("The Taliban hosted al-Qaeda (in-%d, %d).", i, j)]
				if !ok {
					continue
				}
				if id <= last {
					t.Errorf("%s: in-%d #%d stored as document %d, after %d", tt.name, i, j, id, last)
				}
				last = id
			}
		}
	}
}
