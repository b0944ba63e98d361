package main

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/query"
)

// ingestSamples ingests the sample reports whose file names pass keep
// into db.
func ingestSamples(t *testing.T, db string, keep func(name string) bool) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob("../../samples/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("samples: %v", err)
	}
	for _, f := range files {
		if !keep(filepath.Base(f)) {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := run(t, "", "ingest", "--quiet", "--db", db, dir)
	if code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errOut)
	}
	return out
}

func all(string) bool { return true }

func decode(t *testing.T, out string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

func TestChangesOnSamples(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	ingestSamples(t, db, all)
	const since = "2025-03-01" // samples run from 2020 to mid-2025
	code, out, errOut := run(t, "", "changes", "--db", db, "--since", since, "--limit", "100", "--format", "json")
	if code != 0 {
		t.Fatalf("changes: %d %s", code, errOut)
	}
	var ch query.Changes
	decode(t, out, &ch)
	if ch.Totals[query.ChangeNew] == 0 || ch.Totals[query.ChangeQuiet] == 0 || ch.ActorsTotal == 0 {
		t.Errorf("totals %v, new actors %d", ch.Totals, ch.ActorsTotal)
	}
	for i, c := range ch.Relations {
		if c.Evidence.Sentence == "" || c.Evidence.DocID == 0 || c.Evidence.EdgeID != c.Edge.ID {
			t.Errorf("%s %d cites no sentence: %+v", c.Kind, c.Edge.ID, c.Evidence)
		}
		switch c.Kind {
		case query.ChangeNew:
			if c.CountBefore != 0 || c.Edge.FirstSeen != "" && c.Edge.FirstSeen < since || c.Evidence.Published < since {
				t.Errorf("new edge %d: %+v", c.Edge.ID, c)
			}
		case query.ChangeStrengthened:
			if c.Sources <= c.SourcesBefore || c.CountBefore == 0 {
				t.Errorf("strengthened edge %d: %+v", c.Edge.ID, c)
			}
		case query.ChangeQuiet:
			if c.LastEvidence >= since || c.Evidence.Published >= since {
				t.Errorf("quiet edge %d: %+v", c.Edge.ID, c)
			}
		}
		// ranked within each kind
		if i > 0 && ch.Relations[i-1].Kind == c.Kind && ch.Relations[i-1].Score < c.Score {
			t.Errorf("not ranked at %d", i)
		}
	}
	for _, n := range ch.NewActors {
		if n.FirstSeen < since || n.Evidence == nil && n.DocTitle == "" {
			t.Errorf("new actor %s: %+v", n.Actor.Name, n)
		}
	}
	// before every document, everything is new; bad dates are refused
	code, out, _ = run(t, "", "changes", "--db", db, "--since", "2000-01-01", "--format", "json")
	decode(t, out, &ch)
	if code != 0 || ch.Totals[query.ChangeQuiet] != 0 || ch.Totals[query.ChangeStrengthened] != 0 || ch.Totals[query.ChangeNew] == 0 {
		t.Errorf("since 2000: %d %v", code, ch.Totals)
	}
	if code, _, errOut := run(t, "", "changes", "--db", db, "--since", "yesterday"); code != 2 {
		t.Errorf("bad date: %d %s", code, errOut)
	}
	code, out, _ = run(t, "", "changes", "--db", db, "--since", since)
	if code != 0 || !strings.Contains(out, "new relationships:") || !strings.Contains(out, "actors first seen:") {
		t.Errorf("table: %s", out)
	}
}

func TestAlertsAfterSecondIngest(t *testing.T) {
	var mu sync.Mutex
	var received []actorgraph.Alert
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if calls == 1 {
			http.Error(w, "not yet", http.StatusServiceUnavailable)
			return
		}
		var a actorgraph.Alert
		b, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(b, &a); err != nil {
			t.Errorf("webhook body: %v", err)
		}
		received = append(received, a)
	}))
	defer srv.Close()

	db := filepath.Join(t.TempDir(), "g.db")
	// the first half of the samples, then watch the Taliban, then the rest
	ingestSamples(t, db, func(n string) bool { return n < "10" })
	if code, out, errOut := run(t, "", "watch", "add", "--db", db, "Taliban"); code != 0 || !strings.Contains(out, "watch 1: Taliban") {
		t.Fatalf("watch add: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := run(t, "", "watch", "add", "--db", db, "Taliban"); code != 5 {
		t.Errorf("watching twice: %d %s", code, errOut)
	}
	if code, _, errOut := run(t, "", "webhook", "add", "--db", db, srv.URL+"/hook"); code != 0 {
		t.Fatalf("webhook add: %s", errOut)
	}
	if code, _, _ := run(t, "", "webhook", "add", "--db", db, "mailto:x@example.org"); code != 4 {
		t.Errorf("mailto webhook: exit %d", code)
	}
	out := ingestSamples(t, db, func(n string) bool { return n >= "10" })
	if !strings.Contains(out, "new alerts for watched actors") {
		t.Errorf("ingest did not report alerts: %s", out)
	}
	code, out, errOut := run(t, "", "alerts", "--db", db, "--format", "json", "--limit", "0")
	if code != 0 {
		t.Fatal(errOut)
	}
	var res struct {
		Total  int                `json:"total"`
		Alerts []actorgraph.Alert `json:"alerts"`
	}
	decode(t, out, &res)
	if res.Total == 0 || res.Total != len(res.Alerts) {
		t.Fatalf("alerts: %+v", res)
	}
	for _, a := range res.Alerts {
		if a.ActorName != "Taliban" || a.Edge.Source != a.Actor && a.Edge.Target != a.Actor {
			t.Errorf("alert %d is not about the watched actor: %+v", a.ID, a.Edge)
		}
		if !strings.Contains(a.Evidence.Sentence, "Taliban") || a.Evidence.DocID == 0 || a.Evidence.Published == "" {
			t.Errorf("alert %d cites %+v", a.ID, a.Evidence)
		}
	}
	// every alert reached the webhook, the first after a failed try
	mu.Lock()
	if len(received) != res.Total || calls != res.Total+1 {
		t.Errorf("webhook: %d alerts in %d calls, want %d in %d", len(received), calls, res.Total, res.Total+1)
	}
	mu.Unlock()
	code, out, _ = run(t, "", "webhook", "list", "--db", db)
	if code != 0 || !strings.Contains(out, srv.URL) || !strings.Contains(strings.Fields(strings.Split(out, "\n")[1])[2], "0") {
		t.Errorf("webhook list: %s", out)
	}
	// ingesting the same reports again raises nothing new
	out = ingestSamples(t, db, func(n string) bool { return n >= "10" })
	if strings.Contains(out, "alert") {
		t.Errorf("a second identical ingest raised alerts: %s", out)
	}
	// the Atom feed parses and has one entry per alert
	code, out, _ = run(t, "", "alerts", "--db", db, "--atom", "--limit", "0")
	var feed struct {
		Entries []struct {
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(out), &feed); err != nil || code != 0 || len(feed.Entries) != res.Total {
		t.Errorf("atom: %v, %d entries", err, len(feed.Entries))
	}
	// remove
	if code, _, _ := run(t, "", "watch", "remove", "--db", db, "1"); code != 0 {
		t.Error("watch remove")
	}
	if code, _, _ := run(t, "", "watch", "remove", "--db", db, "1"); code != 3 {
		t.Error("watch remove twice")
	}
}

func TestNetworkOnSamples(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	ingestSamples(t, db, all)
	code, out, errOut := run(t, "", "network", "--db", db, "--top", "10", "--format", "json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var res struct {
		Actors  int `json:"actors"`
		Brokers []struct {
			Actor       actorgraph.ActorID     `json:"actor"`
			Name        string                 `json:"name"`
			Degree      int                    `json:"degree"`
			Betweenness float64                `json:"betweenness"`
			Bridges     int                    `json:"bridges"`
			Ties        []actorgraph.Edge      `json:"ties"`
			Evidence    actorgraph.EvidenceRow `json:"evidence"`
		} `json:"brokers"`
		Communities []struct {
			Size int `json:"size"`
		} `json:"communities"`
	}
	decode(t, out, &res)
	if len(res.Brokers) != 10 || res.Actors < 50 || len(res.Communities) < 3 {
		t.Fatalf("%d brokers, %d actors, %d communities", len(res.Brokers), res.Actors, len(res.Communities))
	}
	for i, b := range res.Brokers {
		if i > 0 && b.Betweenness > res.Brokers[i-1].Betweenness {
			t.Errorf("brokers not ranked by betweenness at %d", i)
		}
		if b.Betweenness <= 0 || b.Degree < 2 || len(b.Ties) == 0 || b.Evidence.Sentence == "" {
			t.Errorf("broker %s: %+v", b.Name, b)
		}
		for _, e := range b.Ties {
			if e.Source != b.Actor && e.Target != b.Actor || e.Negated {
				t.Errorf("broker %s cites a tie not its own: %+v", b.Name, e)
			}
		}
	}
	// the hubs of the sample corpus are large actors linking regions
	top := map[string]bool{}
	for _, b := range res.Brokers[:5] {
		top[b.Name] = true
	}
	if !top["Islamic State"] && !top["United States"] && !top["al-Qaeda"] {
		t.Errorf("top brokers %v lack every global hub", top)
	}
	// filters: one type, a date window; a bad type is refused
	code, out, _ = run(t, "", "network", "--db", db, "--type", "attacks", "--since", "2025-01-01", "--format", "json")
	decode(t, out, &res)
	for _, b := range res.Brokers {
		for _, e := range b.Ties {
			if e.Type != actorgraph.Attacks {
				t.Errorf("type filter let %s through", e.Type)
			}
		}
	}
	if code, _, _ := run(t, "", "network", "--db", db, "--type", "befriends"); code != 4 {
		t.Errorf("bad type: exit %d", code)
	}
}

func TestAssessmentsOnRelations(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	// four reports of one relationship: two from one publisher, one that
	// repeats the first sentence word for word, one more publisher
	lines := []string{
		`{"title":"Report one","publisher":"Wire A","published":"2025-02-01","text":"Iran supports the Houthis with missiles and drones."}`,
		`{"title":"Report two","publisher":"Wire A","published":"2025-02-03","text":"Officials said that Iran supports the Houthis in Yemen."}`,
		`{"title":"Report three","publisher":"Wire B","published":"2025-02-05","text":"Iran supports the Houthis with missiles and drones. Talks stalled."}`,
		`{"title":"Report four","publisher":"Wire C","published":"2025-02-07","text":"Diplomats say Iran supports the Houthis through smuggling networks."}`,
	}
	in := writeFile(t, "reports.jsonl", []byte(strings.Join(lines, "\n")+"\n"))
	if code, _, errOut := run(t, "", "ingest", "--quiet", "--db", db, in); code != 0 {
		t.Fatal(errOut)
	}
	relations := func(args ...string) []assessedEdge {
		t.Helper()
		code, out, errOut := run(t, "", append([]string{"relations", "--db", db, "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("relations %v: %s", args, errOut)
		}
		var res struct {
			Relations []assessedEdge `json:"relations"`
		}
		decode(t, out, &res)
		return res.Relations
	}
	es := relations("--actor", "Iran", "--type", "supports")
	if len(es) != 1 || es[0].Assessment == nil {
		t.Fatalf("relations: %+v", es)
	}
	a := *es[0].Assessment
	// Wire A twice and Wire B's repeat count once; Wire C is the second
	if es[0].Documents != 4 || a.IndependentSources != 2 || a.Credibility != 2 || a.Reliability != "F" || a.Modality != actorgraph.Asserted {
		t.Errorf("assessment: %d docs, %+v", es[0].Documents, a)
	}
	if code, _, _ := run(t, "", "source-reliability", "--db", db, "Wire C", "B"); code != 0 {
		t.Fatal("source-reliability")
	}
	id := "#" + itoa(int64(es[0].ID))
	if code, out, errOut := run(t, "", "assess", "--db", db, id, "--confidence", "high", "--credibility", "1"); code != 0 ||
		!strings.Contains(out, "analyst confidence: high") || !strings.Contains(out, "reliability B") {
		t.Errorf("assess: %s %s", out, errOut)
	}
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"--reliability", "A-B"}, 1},
		{[]string{"--reliability", "C-E"}, 0},
		{[]string{"--credibility", "1"}, 1},
		{[]string{"--credibility", "2-6", "--type", "supports"}, 0},
		{[]string{"--confidence", "high"}, 1},
		{[]string{"--confidence", "low,moderate"}, 0},
		{[]string{"--modality", "asserted", "--reliability", "b"}, 1},
	}
	for _, tt := range tests {
		if got := relations(tt.args...); len(got) != tt.want {
			t.Errorf("%v: %d relations, want %d", tt.args, len(got), tt.want)
		}
	}
	for _, bad := range [][]string{{"--reliability", "G"}, {"--credibility", "0-3"}, {"--confidence", "certain"}, {"--modality", "maybe"}} {
		if code, _, _ := run(t, "", append([]string{"relations", "--db", db}, bad...)...); code != 4 {
			t.Errorf("%v: exit %d, want 4", bad, code)
		}
	}
	// the evidence and actor views show the four assessments
	code, out, _ := run(t, "", "evidence", "--db", db, id)
	if code != 0 || !strings.Contains(out, "credibility 1 (analyst; derived 2)") || !strings.Contains(out, "Wire C, source reliability B") {
		t.Errorf("evidence: %s", out)
	}
	code, out, _ = run(t, "", "actor", "--db", db, "--format", "csv", "Iran")
	if code != 0 || !strings.Contains(out, "analyst_confidence") || !strings.Contains(out, ",B,1,2,2,asserted,high") {
		t.Errorf("actor csv: %s", out)
	}
	if code, _, _ := run(t, "", "assess", "--db", db, "#99999", "--confidence", "low"); code != 3 {
		t.Errorf("assess unknown edge: %d", code)
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }
