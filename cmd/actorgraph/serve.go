package main

import (
	"context"
	"fmt"
	"net"
	"os"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/web"
)

// serveContext is the context a server runs under: cancelled on SIGINT or
// SIGTERM. Tests replace it to stop a server.
var serveContext = signalContext

// defaultAddr is where serve and demo listen unless --addr says otherwise.
const defaultAddr = "127.0.0.1:8080"

func runServe(a *app, args []string) error {
	fs := a.newFlags("serve")
	db := fs.String("db", defaultDB(), "the store to serve (also $ACTORGRAPH_DB)")
	addr := fs.String("addr", defaultAddr, "listen on HOST:PORT (a non-loopback host needs --token for writes)")
	token := fs.String("token", os.Getenv("ACTORGRAPH_TOKEN"), "require 'Authorization: Bearer TOKEN' on writes (also $ACTORGRAPH_TOKEN)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"serve: takes no arguments; see 'actorgraph help serve'"}
	}
	s, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	ln, loopback, err := web.Listen(*addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	ctx, cancel := serveContext()
	defer cancel()
	_, actors, edges, err := counts(ctx, s)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "actorgraph serve: %s, %s, %s — open %s\n", *db, plural(actors, "actor"), plural(edges, "relationship"), appURL(ln))
	return serve(ctx, a, s, ln, loopback, *token)
}

// serve runs the web app and API over s on ln until ctx ends.
func serve(ctx context.Context, a *app, s actorgraph.Store, ln net.Listener, loopback bool, token string) error {
	x, err := newExtractor("")
	if err != nil {
		return err
	}
	h, err := web.New(web.Config{Store: s, Extractor: x, Known: knownNames, Token: token, Loopback: loopback})
	if err != nil {
		return err
	}
	if !loopback && token == "" {
		fmt.Fprintf(a.stderr, "actorgraph: listening beyond loopback without --token: adding and analysing reports is disabled\n")
	}
	return web.Serve(ctx, ln, h)
}

// appURL is the address to open in a browser.
func appURL(ln net.Listener) string {
	host, port, err := net.SplitHostPort(ln.Addr().String())
	if err != nil {
		return "http://" + ln.Addr().String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// counts returns how many documents, actors and relationships s holds.
func counts(ctx context.Context, s actorgraph.Store) (docs, actors, edges int, err error) {
	one := actorgraph.Page{Limit: 1}
	if _, docs, err = s.Documents(ctx, actorgraph.AsOf{}, one); err != nil {
		return
	}
	if _, actors, err = s.Actors(ctx, actorgraph.ActorFilter{Page: one}); err != nil {
		return
	}
	_, edges, err = s.Edges(ctx, actorgraph.EdgeFilter{Page: one})
	return
}
