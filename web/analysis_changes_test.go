package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/store/sqlite"
)

func init() {
	goodRequests["listChanges"] = []string{"/api/changes?since=2025-03-01", "/api/changes?since=2000-01-01&limit=5&quiet_days=30"}
	goodRequests["network"] = []string{"/api/network", "/api/network?top=5&type=ALLY,SUPPORTS&since=2024-01-01&until=2030-01-01&places=true&as_of=2030-01-01"}
	goodRequests["listAlerts"] = []string{"/api/alerts", "/api/alerts?since=2020-01-01&limit=5&offset=0"}
	goodRequests["alertsFeed"] = []string{"/api/alerts.atom", "/api/alerts.atom?since=2020-01-01&limit=5"}
	goodRequests["edgeAssessment"] = []string{"/api/edges/{edge}/assessment"}
}

// TestChangesAndNetworkAPI checks the answers on the sample corpus: every
// change and every broker cites a sentence; bad parameters are 400.
func TestChangesAndNetworkAPI(t *testing.T) {
	srv, _ := newServer(t, nil)
	rec := do(srv, "GET", "/api/changes?since=2025-03-01&limit=100", nil, nil)
	if rec.Code != 200 {
		t.Fatalf("changes: %d %s", rec.Code, rec.Body.String())
	}
	var ch struct {
		Totals    map[string]int `json:"totals"`
		Relations []struct {
			Kind     string                 `json:"kind"`
			Evidence actorgraph.EvidenceRow `json:"evidence"`
		} `json:"relations"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &ch); err != nil {
		t.Fatal(err)
	}
	if ch.Totals["new"] == 0 || len(ch.Relations) == 0 {
		t.Errorf("changes: %+v", ch.Totals)
	}
	for _, c := range ch.Relations {
		if c.Evidence.Sentence == "" {
			t.Errorf("%s change without a sentence", c.Kind)
		}
	}
	rec = do(srv, "GET", "/api/network?top=5", nil, nil)
	var nw struct {
		Brokers []struct {
			Name     string                 `json:"name"`
			Evidence actorgraph.EvidenceRow `json:"evidence"`
		} `json:"brokers"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &nw); err != nil || rec.Code != 200 || len(nw.Brokers) != 5 {
		t.Fatalf("network: %d %v %s", rec.Code, err, rec.Body.String())
	}
	for _, b := range nw.Brokers {
		if b.Evidence.Sentence == "" {
			t.Errorf("broker %s cites nothing", b.Name)
		}
	}
	for target, want := range map[string]int{
		"/api/changes":            400,
		"/api/changes?since=soon": 400,
		"/api/network?since=2025-01-01&until=2024-01-01":   400,
		"/api/network?type=FRIENDS":                        400,
		"/api/alerts?limit=0":                              400,
		"/api/alerts.atom?since=2024-13-01":                400,
		"/api/network?top=3&type=ATTACKS&as_of=2024-01-01": 200,
		"/api/edges/999999/assessment":                     404,
	} {
		if rec := do(srv, "GET", target, nil, nil); rec.Code != want {
			t.Errorf("%s: %d, want %d: %s", target, rec.Code, want, rec.Body.String())
		}
	}
}

// TestAlertsAPI watches an actor in a copy of the sample store, stores one
// more report about it, and reads the alert as JSON and as Atom.
func TestAlertsAPI(t *testing.T) {
	src := sampleDB(t)
	dst := filepath.Join(t.TempDir(), "alerts.db")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	as, err := s.Resolve(ctx, "Taliban")
	if err != nil || len(as) != 1 {
		t.Fatalf("resolve: %v %v", as, err)
	}
	if _, err := s.AddWatch(ctx, as[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	text := "Published: 2025-07-01\n\nThe Taliban attacked the Islamic Movement of Uzbekistan in Badakhshan last week."
	if _, err := s.PutDocument(ctx, actorgraph.Document{Title: "A later note", Published: "2025-07-01", Text: text}, fixture.x.Extract(text)); err != nil {
		t.Fatal(err)
	}
	raised, err := s.CheckWatches(ctx)
	if err != nil || len(raised) == 0 {
		t.Fatalf("no alert raised: %v", err)
	}
	srv, err := New(Config{Store: s, Loopback: true, UI: testUI, Log: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	rec := do(srv, "GET", "/api/alerts", nil, nil)
	var list struct {
		Items []actorgraph.Alert `json:"items"`
		Total int                `json:"total"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || list.Total != len(raised) || len(list.Items) != len(raised) {
		t.Fatalf("alerts: %v %s", err, rec.Body.String())
	}
	if a := list.Items[0]; a.ActorName != "Taliban" || !strings.Contains(a.Evidence.Sentence, "Taliban") || a.Evidence.DocTitle != "A later note" {
		t.Errorf("alert: %+v", a)
	}
	rec = do(srv, "GET", "/api/alerts.atom", nil, nil)
	var feed struct {
		Entries []struct {
			Title   string `xml:"title"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(rec.Body.Bytes(), &feed); err != nil || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/atom+xml") ||
		len(feed.Entries) != len(raised) || !strings.Contains(feed.Entries[0].Summary, "A later note") {
		t.Errorf("atom: %v %q %s", err, rec.Header().Get("Content-Type"), rec.Body.String())
	}
}

// TestAnalysisRefusesAsOf: the answers that cannot be restricted to an
// earlier date refuse as_of with 400 instead of ignoring it.
func TestAnalysisRefusesAsOf(t *testing.T) {
	srv, _ := newServer(t, nil)
	for _, target := range []string{
		"/api/changes?since=2025-01-01&as_of=2025-06-01",
		"/api/alerts?as_of=2025-06-01",
		"/api/alerts.atom?as_of=2025-06-01",
		"/api/edges/1/assessment?as_of=2025-06-01",
	} {
		rec := do(srv, "GET", target, nil, nil)
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), "as_of is not supported") {
			t.Errorf("GET %s: %d %.200s, want 400 saying as_of is not supported", target, rec.Code, rec.Body.String())
		}
	}
}
