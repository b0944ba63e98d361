package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/export"
)

func runExport(a *app, args []string) error {
	fs := a.newFlags("export")
	db := fs.String("db", defaultDB(), "the store")
	format := fs.String("format", "stix", "stix (STIX 2.1 bundle), graphml, gexf, csv (relationships; --actors for actors) or jsonl")
	actor := fs.String("actor", "", "only the neighbourhood of this actor (name, alias or #ID)")
	hops := fs.Int("hops", 1, "with --actor: how many relationships away to reach")
	asOf := fs.String("as-of", "", "the graph as known on this date (YYYY-MM-DD)")
	out := fs.String("o", "", "write to this file instead of standard output")
	actors := fs.Bool("actors", false, "with --format csv: the actors table instead of the relationships")
	if err := parse(fs, args); err != nil {
		return err
	}
	write := map[string]func(io.Writer, *export.Graph) error{
		"stix": export.WriteSTIX, "graphml": export.WriteGraphML, "gexf": export.WriteGEXF,
		"csv": export.WriteCSVEdges, "jsonl": export.WriteJSONL,
	}[*format]
	if write == nil {
		return usageError{fmt.Sprintf("export: unknown --format %q (want stix, graphml, gexf, csv or jsonl)", *format)}
	}
	if *format == "csv" && *actors {
		write = export.WriteCSVActors
	}
	if *asOf != "" && !validDate(*asOf) {
		return usageError{fmt.Sprintf("export: --as-of %q is not a date (want YYYY-MM-DD)", *asOf)}
	}
	s, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	opts := export.Options{Hops: *hops, AsOf: actorgraph.AsOf{Date: *asOf},
		SkipEvidence: *format == "graphml" || *format == "gexf" || *format == "csv"}
	if *actor != "" {
		act, err := resolve(ctx, s, newEngine(s), *actor)
		if err != nil {
			return err
		}
		opts.Actor = act.ID
	}
	g, err := export.Collect(ctx, s, opts)
	if err != nil {
		return err
	}
	w := a.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return actorgraph.Errorf(actorgraph.EInvalid, "-o %s: %v", *out, err)
		}
		defer f.Close()
		bw := bufio.NewWriter(f)
		if err := write(bw, g); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "wrote %s: %d actors, %d relationships\n", *out, len(g.Actors), len(g.Edges))
		return f.Close()
	}
	return write(w, g)
}
