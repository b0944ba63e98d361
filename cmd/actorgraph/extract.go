package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/kb"
	"github.com/actorgraph/actorgraph/nlp/pipeline"
	"github.com/actorgraph/actorgraph/source"
)

func runExtract(a *app, args []string) error {
	fs := a.newFlags("extract")
	format := fs.String("format", "text", "output format: text (for people), json (the schema's object, with offsets) or explain (each sentence with its mentions and relations)")
	overlay := fs.String("kb", "", "an extra knowledge-base file (same format as kb/data/*.kb) to add to the embedded one")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"extract: want exactly one FILE (or - for standard input); see 'actorgraph help extract'"}
	}
	if *format != "text" && *format != "json" && *format != "explain" {
		return usageError{fmt.Sprintf("extract: unknown --format %q (want text, json or explain)", *format)}
	}
	x, err := newExtractor(*overlay)
	if err != nil {
		return err
	}
	doc, err := source.ReadFile(fs.Arg(0), a.stdin)
	if err != nil {
		return err
	}
	if *format == "explain" {
		writeExplain(a.stdout, x.Doc(doc.Text))
		return nil
	}
	res := x.Extract(doc.Text)
	if *format == "json" {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	writeText(a.stdout, &res)
	return nil
}

func newExtractor(overlay string) (*pipeline.Extractor, error) {
	k, err := kb.Default()
	if err != nil {
		return nil, actorgraph.Errorf(actorgraph.EInternal, "knowledge base: %v", err)
	}
	if overlay != "" {
		f, err := os.Open(overlay)
		if err != nil {
			return nil, actorgraph.Errorf(actorgraph.ENotFound, "--kb %s: %v", overlay, err)
		}
		defer f.Close()
		k, err = kb.WithOverlay(k, f, overlay)
		if err != nil {
			return nil, err
		}
	}
	return pipeline.New(k, "")
}

// writeText prints an extraction for people: actors by type with their
// aliases, then relationships with their evidence.
func writeText(w io.Writer, x *actorgraph.Extraction) {
	byType := map[actorgraph.EntityType][]*actorgraph.Entity{}
	for i := range x.Entities {
		e := &x.Entities[i]
		byType[e.Type] = append(byType[e.Type], e)
	}
	fmt.Fprintf(w, "Actors (%d)\n", len(x.Entities))
	for _, t := range actorgraph.EntityTypes {
		es := byType[t]
		if len(es) == 0 {
			continue
		}
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].Mentions) > len(es[j].Mentions) })
		fmt.Fprintf(w, "  %s\n", t)
		for _, e := range es {
			line := "    " + e.Name
			if len(e.Aliases) > 0 {
				line += " (" + strings.Join(e.Aliases, ", ") + ")"
			}
			fmt.Fprintf(w, "%s  ×%d\n", line, len(e.Mentions))
		}
	}
	fmt.Fprintf(w, "\nRelationships (%d)\n", len(x.Relations))
	name := func(id string) string {
		if e := x.Entity(id); e != nil {
			return e.Name
		}
		return id
	}
	for _, r := range x.Relations {
		neg := ""
		if r.Negated {
			neg = "NOT "
		}
		fmt.Fprintf(w, "  %s —%s%s→ %s  [%s]  %q\n", name(r.Source), neg, r.Type, name(r.Target), r.Modality, excerpt(r.Evidence.Text, 160))
	}
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && (s[cut]&0xC0) == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
