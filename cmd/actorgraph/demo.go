package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/ingest"
	"github.com/actorgraph/actorgraph/samples"
	"github.com/actorgraph/actorgraph/source"
	"github.com/actorgraph/actorgraph/web"
)

// runDemo stores the embedded sample reports (dated by their datelines)
// in a fresh store and serves the web app over it.
func runDemo(a *app, args []string) error {
	fs := a.newFlags("demo")
	db := fs.String("db", "", "keep the demo store in this file (default: a temporary file, removed on exit)")
	addr := fs.String("addr", defaultAddr, "listen on HOST:PORT")
	token := fs.String("token", os.Getenv("ACTORGRAPH_TOKEN"), "require 'Authorization: Bearer TOKEN' on writes (also $ACTORGRAPH_TOKEN)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"demo: takes no arguments; see 'actorgraph help demo'"}
	}
	// listen first: a busy port fails before any work
	ln, loopback, err := web.Listen(*addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	path := *db
	if path == "" {
		dir, err := os.MkdirTemp("", "actorgraph-demo-")
		if err != nil {
			return actorgraph.Errorf(actorgraph.EInternal, "demo: %v", err)
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "demo.db")
	}
	s, err := openStore(path)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, cancel := serveContext()
	defer cancel()
	x, err := newExtractor("")
	if err != nil {
		return err
	}
	reports := map[string]string{}
	var names []string
	for _, r := range samples.All() {
		reports[r.Name] = r.Text
		names = append(names, r.Name)
	}
	read := func(_ context.Context, name string) ([]actorgraph.Document, error) {
		return source.Read(name+".txt", strings.NewReader(reports[name]), source.Options{})
	}
	sum, err := ingest.Run(ctx, s, x, read, names, ingest.Options{})
	if err != nil {
		return err
	}
	for _, f := range sum.Failures {
		fmt.Fprintf(a.stderr, "actorgraph: demo: %s: %s\n", f.Input, oneLine(f.Error))
	}
	docs, actors, edges, err := counts(ctx, s)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "actorgraph demo: %s, %s, %s — open %s\n",
		plural(docs, "report"), plural(actors, "actor"), plural(edges, "relationship"), appURL(ln))
	if *db == "" {
		fmt.Fprintf(a.stdout, "(a temporary store, removed when you stop the demo with Ctrl-C; keep it with --db FILE)\n")
	}
	return serve(ctx, a, s, ln, loopback, *token)
}
