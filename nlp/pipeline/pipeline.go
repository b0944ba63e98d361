// Package pipeline assembles the extraction stages into the one ordered
// list actorgraph runs: sentence → gazetteer → names → alias → coref →
// relation → judgment. It is the only package that imports the stages,
// and it does no I/O: the knowledge base arrives already loaded.
package pipeline

import (
	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/kb"
	"github.com/actorgraph/actorgraph/nlp"
	"github.com/actorgraph/actorgraph/nlp/alias"
	"github.com/actorgraph/actorgraph/nlp/coref"
	"github.com/actorgraph/actorgraph/nlp/gazetteer"
	"github.com/actorgraph/actorgraph/nlp/judgment"
	"github.com/actorgraph/actorgraph/nlp/names"
	"github.com/actorgraph/actorgraph/nlp/relation"
	"github.com/actorgraph/actorgraph/nlp/sentence"
)

// Extractor runs the pipeline over documents. It is safe for concurrent
// use: stages keep no per-document state.
type Extractor struct {
	kb     *kb.KB
	stages nlp.Pipeline
}

// New builds an extractor over knowledge base k; lexicon holds extra
// relation rules in the lexicon format (empty for none).
func New(k *kb.KB, lexicon string) (*Extractor, error) {
	rel, err := relation.New(lexicon)
	if err != nil {
		return nil, err
	}
	return &Extractor{kb: k, stages: nlp.Pipeline{
		sentence.Stage{},
		gazetteer.New(k),
		names.Stage{},
		alias.Stage{},
		coref.Stage{},
		rel,
		judgment.Stage{},
	}}, nil
}

// Default builds the extractor the command uses: the embedded knowledge
// base and lexicon only.
func Default() (*Extractor, error) {
	k, err := kb.Default()
	if err != nil {
		return nil, err
	}
	return New(k, "")
}

// Stages returns the ordered stages.
func (x *Extractor) Stages() nlp.Pipeline { return x.stages }

// Doc runs the pipeline over text and returns the annotated document.
func (x *Extractor) Doc(text string) *nlp.Doc {
	d := nlp.NewDoc(text)
	x.stages.Run(d)
	for i := range d.Entities {
		if e := x.kb.Get(d.Entities[i].KBID); e != nil {
			d.Entities[i].KBName = e.Name
		}
	}
	return d
}

// Extract runs the pipeline over text and returns its entities and relations.
func (x *Extractor) Extract(text string) actorgraph.Extraction {
	return x.Doc(text).Extraction()
}
