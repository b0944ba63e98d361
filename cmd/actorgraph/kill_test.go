package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/samples"
	"github.com/actorgraph/actorgraph/store/sqlite"
)

// killCorpus writes n distinct reports, variations of the samples, as
// JSON Lines.
func killCorpus(t *testing.T, path string, n int) {
	t.Helper()
	reports := samples.All()
	if len(reports) == 0 {
		t.Skip("no sample reports")
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i := 0; i < n; i++ {
		r := reports[i%len(reports)]
		text := r.Text + fmt.Sprintf("\n\n(Report %d.)\n", i)
		rec := map[string]string{"id": fmt.Sprintf("kill-%d", i), "title": fmt.Sprintf("Report %d", i),
			"url": fmt.Sprintf("https://example.org/reports/%d", i), "publisher": "Kill Test", "text": text}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// buildActorgraph builds this command into dir.
func buildActorgraph(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build the command with")
	}
	bin := filepath.Join(dir, "actorgraph")
	cmd := exec.Command(goTool, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// storedCount counts the stored documents, reading the file directly
// while another process writes it; -1 while the store is not there yet.
func storedCount(db string) int {
	if _, err := os.Stat(db); err != nil {
		return -1
	}
	c, err := sql.Open("sqlite", "file:"+db+"?mode=ro&_pragma=busy_timeout(2000)")
	if err != nil {
		return -1
	}
	defer c.Close()
	var n int
	if err := c.QueryRow(`SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return -1
	}
	return n
}

// TestIngestKilled kills an ingest run mid-way with SIGKILL and checks
// that the store is intact, that every stored document has its whole
// extraction and every aggregate agrees with the rows, and that running
// the same command again stores the rest without duplicates.
func TestIngestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and ingests a few thousand documents; skipped under -short")
	}
	dir := t.TempDir()
	bin := buildActorgraph(t, dir)
	const n = 1500
	corpus := filepath.Join(dir, "corpus.jsonl")
	killCorpus(t, corpus, n)
	db := filepath.Join(dir, "kill.db")

	cmd := exec.Command(bin, "ingest", "--quiet", "--db", db, corpus)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	stored := -1
	for stored < n/5 {
		select {
		case err := <-exited:
			t.Fatalf("ingest finished (%v) before it could be killed; %d documents stored", err, storedCount(db))
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("ingest stored only %d documents in 30 s", stored)
		}
		stored = storedCount(db)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	first := checkStore(t, db)
	t.Logf("killed with %d documents stored", first)
	if first >= n {
		t.Fatalf("all %d documents were stored before the kill", n)
	}

	out, err := exec.Command(bin, "ingest", "--quiet", "--db", db, corpus).CombinedOutput()
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, out)
	}
	want := fmt.Sprintf("%d new, %d unchanged, 0 failed", n-first, first)
	if !strings.Contains(string(out), want) {
		t.Errorf("second ingest said %q, want %q", out, want)
	}
	if got := checkStore(t, db); got != n {
		t.Errorf("%d documents stored after the second run, want %d", got, n)
	}
}

// checkStore checks the store at db and returns how many documents it
// holds.
func checkStore(t *testing.T, db string) int {
	t.Helper()
	c, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var res string
	if err := c.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q, %v", res, err)
	}
	// every aggregate agrees with the rows it sums
	for _, q := range []string{
		// every text says "Report N", and the full-text index finds them all
		`SELECT (SELECT count(*) FROM documents) - (SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'report')`,
		`SELECT count(*) FROM (SELECT ext_id FROM documents GROUP BY ext_id HAVING count(*) > 1)`,
		`SELECT count(*) FROM actors a WHERE entities != (SELECT count(*) FROM doc_entities WHERE actor_id = a.id)`,
		`SELECT count(*) FROM actors a WHERE documents != (SELECT count(DISTINCT doc_id) FROM doc_entities WHERE actor_id = a.id)`,
		`SELECT count(*) FROM actors a WHERE mentions != (SELECT coalesce(sum(n_mentions), 0) FROM doc_entities WHERE actor_id = a.id)`,
		`SELECT count(*) FROM edges e WHERE count != (SELECT count(*) FROM relations WHERE edge_id = e.id)`,
		`SELECT count(*) FROM edges e WHERE documents != (SELECT count(DISTINCT doc_id) FROM relations WHERE edge_id = e.id)`,
		`SELECT count(*) FROM actor_names an WHERE n != (SELECT count(*) FROM doc_entities
			WHERE actor_id = an.actor_id AND instr(names, char(30) || an.norm || char(31)) > 0)`,
		`SELECT count(*) FROM doc_entities WHERE actor_id IS NULL`,
	} {
		var bad int
		if err := c.QueryRow(q).Scan(&bad); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if bad != 0 {
			t.Errorf("%d rows break: %s", bad, q)
		}
	}
	c.Close()

	// every stored document has the extraction a fresh run gives it: no
	// half-stored document
	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatalf("the store does not open: %v", err)
	}
	defer s.Close()
	x, err := newExtractor("")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ids, err := s.DocumentIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	report := regexp.MustCompile(`\(Report (\d+)\.\)`)
	for _, id := range ids {
		d, got, err := s.Document(ctx, id)
		if err != nil {
			t.Fatalf("document %d: %v", id, err)
		}
		m := report.FindStringSubmatch(d.Text)
		if m == nil || seen[m[1]] {
			t.Fatalf("document %d is not one of the corpus, or is stored twice", id)
		}
		seen[m[1]] = true
		want := x.Extract(d.Text)
		if len(got.Entities) != len(want.Entities) || len(got.Relations) != len(want.Relations) {
			t.Errorf("document %d: %d entities and %d relations stored, want %d and %d", id,
				len(got.Entities), len(got.Relations), len(want.Entities), len(want.Relations))
		}
		if d.Actors == 0 || len(got.Entities) == 0 {
			t.Errorf("document %d has no entities stored", id)
		}
	}
	var _ actorgraph.Store = s
	return len(ids)
}
