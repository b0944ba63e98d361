package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/samples"
)

// syncBuffer is a buffer written by a running command and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var urlRE = regexp.MustCompile(`open (http://[^ \n]+/)`)

// startServer runs a serving command until the returned stop is called;
// it returns the URL the command printed.
func startServer(t *testing.T, args ...string) (base string, stop func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	old := serveContext
	serveContext = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	t.Cleanup(func() { serveContext = old })
	out, errb := &syncBuffer{}, &syncBuffer{}
	a := &app{stdin: strings.NewReader(""), stdout: out, stderr: errb}
	done := make(chan int, 1)
	go func() { done <- a.main(args) }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("%v exited %d before serving: %s%s", args, code, out.String(), errb.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("%v printed no URL: %s%s", args, out.String(), errb.String())
		}
	}
	return base, func() (int, string) {
		cancel()
		select {
		case code := <-done:
			return code, out.String() + errb.String()
		case <-time.After(15 * time.Second):
			t.Fatalf("%v did not stop", args)
			return 0, ""
		}
	}
}

func getJSON(t *testing.T, url string) map[string]any {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("GET %s: %s %s", url, resp.Status, resp.Header.Get("Content-Type"))
	}
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestDemoServesTheSamples(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	base, stop := startServer(t, "demo", "--addr", "127.0.0.1:0", "--db", db)
	m := getJSON(t, base+"api/actors?q=Taliban")
	if total, _ := m["total"].(float64); total < 1 {
		t.Errorf("no Taliban among the demo's actors: %v", m)
	}
	docs := getJSON(t, base+"api/documents")
	n := len(samples.All())
	if total, _ := docs["total"].(float64); int(total) != n {
		t.Errorf("demo stored %v documents, want %d", docs["total"], n)
	}
	resp, err := http.Get(base)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("GET /: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	code, out := stop()
	if code != 0 || !strings.Contains(out, fmt.Sprintf("actorgraph demo: %d reports,", n)) {
		t.Errorf("demo exited %d: %s", code, out)
	}

	// the store it kept serves as it is
	base, stop = startServer(t, "serve", "--addr", "127.0.0.1:0", "--db", db)
	if docs := getJSON(t, base+"api/documents"); docs["total"] != float64(n) {
		t.Errorf("serve: %v documents", docs["total"])
	}
	if code, out := stop(); code != 0 {
		t.Errorf("serve exited %d: %s", code, out)
	}
}

func TestDemoRemovesItsTemporaryStore(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	base, stop := startServer(t, "demo", "--addr", "127.0.0.1:0")
	getJSON(t, base+"api/actors")
	if code, out := stop(); code != 0 {
		t.Fatalf("demo exited %d: %s", code, out)
	}
	left, _ := os.ReadDir(tmp)
	if len(left) != 0 {
		t.Errorf("demo left %d files in the temporary directory", len(left))
	}
}

func TestServeErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	busy := ln.Addr().String()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"demo", "--addr", busy}, 5, "--addr"},
		{[]string{"serve", "--addr", busy, "--db", filepath.Join(t.TempDir(), "none.db")}, 3, "no such store"},
		{[]string{"serve", "--addr", "127.0.0.1:99999", "--db", ":memory:"}, 4, "cannot listen"},
		{[]string{"serve", "extra"}, 2, "takes no arguments"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, "", tt.args...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d (%s)", tt.args, code, tt.code, errOut)
		}
		oneLineErr(t, errOut, tt.want)
	}
}
