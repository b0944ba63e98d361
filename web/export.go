package web

import (
	"bufio"
	"io"
	"net/http"
	"strings"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/export"
)

// exportFormat is one download format of /api/export.
type exportFormat struct {
	write       func(io.Writer, *export.Graph) error
	contentType string
	ext         string
	evidence    bool // the writer uses evidence rows and documents
}

var exportFormats = map[string]exportFormat{
	"stix":    {export.WriteSTIX, "application/stix+json;version=2.1", ".stix.json", true},
	"graphml": {export.WriteGraphML, "application/graphml+xml; charset=utf-8", ".graphml", false},
	"gexf":    {export.WriteGEXF, "application/gexf+xml; charset=utf-8", ".gexf", false},
	"csv":     {export.WriteCSVEdges, "text/csv; charset=utf-8", ".csv", false},
	"jsonl":   {export.WriteJSONL, "application/x-ndjson; charset=utf-8", ".jsonl", true},
}

// maxExportEdges is the largest whole graph /api/export serves in a
// format: formats with evidence read every relationship's sentences.
func maxExportEdges(f exportFormat) int {
	if f.evidence {
		return 20000
	}
	return 200000
}

func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	v, err := s.exportGraph(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", v.format.contentType)
	h.Set("Content-Disposition", `attachment; filename="`+v.name+`"`)
	h.Set("Cache-Control", "no-store")
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := v.format.write(bw, v.graph); err != nil {
		s.log.Printf("web: export: %v", err)
		return // headers are gone; the client sees a cut download
	}
	bw.Flush()
}

type exportJob struct {
	format exportFormat
	graph  *export.Graph
	name   string
}

func (s *Server) exportGraph(r *http.Request) (exportJob, error) {
	p := newParams(r.URL)
	name := strings.ToLower(p.str("format"))
	if name == "" {
		name = "stix"
	}
	f, ok := exportFormats[name]
	if !ok {
		p.fail("format=%q: want stix, graphml, gexf, csv or jsonl", clip(name))
	}
	actor := p.str("actor")
	hops := p.intIn("hops", 1, 1, 3)
	asOf := p.asOf()
	if p.err != nil {
		return exportJob{}, p.err
	}
	opts := export.Options{Hops: hops, AsOf: asOf, SkipEvidence: !f.evidence}
	file := "actorgraph"
	if actor != "" {
		a, err := s.actorArg(r.Context(), actor)
		if err != nil {
			return exportJob{}, err
		}
		opts.Actor = a.ID
		file += "-actor-" + itoa(int64(a.ID))
	} else {
		_, n, err := s.cfg.Store.Edges(r.Context(), actorgraph.EdgeFilter{AsOf: asOf, Page: actorgraph.Page{Limit: 1}})
		if err != nil {
			return exportJob{}, err
		}
		if limit := maxExportEdges(f); n > limit {
			return exportJob{}, actorgraph.Errorf(actorgraph.ETooLarge,
				"the whole graph has %d relationships, more than a %s download serves (%d); export one actor's neighbourhood (actor=), or the whole graph with 'actorgraph export'",
				n, name, limit)
		}
	}
	// one export at a time: collecting a graph holds it in memory
	select {
	case s.exporting <- struct{}{}:
	case <-r.Context().Done():
		return exportJob{}, r.Context().Err()
	}
	defer func() { <-s.exporting }()
	g, err := export.Collect(r.Context(), s.cfg.Store, opts)
	if err != nil {
		return exportJob{}, err
	}
	return exportJob{f, g, file + f.ext}, nil
}
