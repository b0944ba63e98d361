package alert

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph"
)

func sample(id int64, kind actorgraph.AlertKind) actorgraph.Alert {
	return actorgraph.Alert{
		ID: id, At: time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC), Watch: 1, Actor: 7, ActorName: "Red Band", Kind: kind,
		Edge: actorgraph.Edge{ID: 12, Source: 7, SourceName: "Red Band", Type: actorgraph.Supports, Target: 8, TargetName: "Blue <Front> & Co",
			Count: 3, Documents: 2},
		PrevDocuments: 1,
		Evidence: actorgraph.EvidenceRow{EdgeID: 12, DocID: 5, DocTitle: "Weekly \x01digest", Publisher: "Wire One", Published: "2026-03-01",
			DocURL: "https://news.example.org/a?b=1&c=2", Sentence: "Red Band   openly supports Blue Front.", Modality: actorgraph.Asserted},
	}
}

func TestWriteAtomParses(t *testing.T) {
	tests := []struct {
		name   string
		alerts []actorgraph.Alert
	}{
		{"empty", nil},
		{"two", []actorgraph.Alert{sample(2, actorgraph.AlertStrengthened), sample(1, actorgraph.AlertNew)}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := WriteAtom(&buf, Feed{Link: "http://localhost/api/alerts.atom"}, tt.alerts); err != nil {
			t.Fatal(err)
		}
		var f struct {
			XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
			ID      string   `xml:"id"`
			Updated string   `xml:"updated"`
			Entries []struct {
				ID      string `xml:"id"`
				Title   string `xml:"title"`
				Updated string `xml:"updated"`
				Summary string `xml:"summary"`
				Link    struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(buf.Bytes(), &f); err != nil {
			t.Fatalf("%s: %v\n%s", tt.name, err, buf.String())
		}
		if f.ID != "urn:actorgraph:alerts" || len(f.Entries) != len(tt.alerts) {
			t.Errorf("%s: %+v", tt.name, f)
		}
		if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
			t.Errorf("%s: updated %q", tt.name, f.Updated)
		}
		for i, e := range f.Entries {
			a := tt.alerts[i]
			if e.ID != "urn:actorgraph:alerts:"+itoa(a.ID) || !strings.Contains(e.Title, "Blue <Front> & Co") ||
				!strings.Contains(e.Summary, `"Red Band openly supports Blue Front."`) || !strings.Contains(e.Summary, "Weekly digest") ||
				e.Link.Href != a.Evidence.DocURL || e.Updated != "2026-03-04T05:06:07Z" {
				t.Errorf("%s: entry %d: %+v", tt.name, i, e)
			}
		}
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// memQueue is a delivery queue in memory.
type memQueue struct {
	mu      sync.Mutex
	pending map[[2]int64]*actorgraph.Delivery
}

func (q *memQueue) PendingDeliveries(_ context.Context, now time.Time, limit int) ([]actorgraph.Delivery, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []actorgraph.Delivery
	for _, d := range q.pending {
		if !d.NextAt.After(now) {
			out = append(out, *d)
		}
	}
	return out, nil
}

func (q *memQueue) RecordDelivery(_ context.Context, alert, hook int64, failure error, next time.Time) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	k := [2]int64{alert, hook}
	if failure == nil {
		delete(q.pending, k)
		return nil
	}
	d := q.pending[k]
	d.Attempts++
	d.LastError, d.NextAt = failure.Error(), next
	return nil
}

func TestFlushRetriesThenDelivers(t *testing.T) {
	var mu sync.Mutex
	var got []actorgraph.Alert
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if calls == 1 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s %s", r.Method, r.Header.Get("Content-Type"))
		}
		var a actorgraph.Alert
		if err := json.NewDecoder(r.Body).Decode(&a); err != nil {
			t.Error(err)
		}
		got = append(got, a)
	}))
	defer srv.Close()
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer down.Close()

	now := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	q := &memQueue{pending: map[[2]int64]*actorgraph.Delivery{
		{1, 1}: {Alert: sample(1, actorgraph.AlertNew), Webhook: actorgraph.Webhook{ID: 1, URL: srv.URL}, NextAt: now},
		{1, 2}: {Alert: sample(1, actorgraph.AlertNew), Webhook: actorgraph.Webhook{ID: 2, URL: down.URL}, NextAt: now, Attempts: 2},
	}}
	var logs []string
	s := &Sender{Wait: time.Millisecond, Now: func() time.Time { return now },
		Logf: func(f string, args ...any) { logs = append(logs, f) }}
	rep, err := s.Flush(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Delivered != 1 || rep.Failed != 1 || len(got) != 1 || got[0].Evidence.Sentence == "" {
		t.Errorf("report %+v, received %d", rep, len(got))
	}
	// the failing one stays queued, with back-off from its attempts
	d := q.pending[[2]int64{1, 2}]
	if len(q.pending) != 1 || d == nil || d.Attempts != 3 || !d.NextAt.Equal(now.Add(4*time.Minute)) || !strings.Contains(d.LastError, "500") {
		t.Errorf("queue: %+v", d)
	}
	if len(logs) == 0 {
		t.Error("failures were not logged")
	}
	// nothing is due now: a second run sends nothing
	if rep, _ := s.Flush(context.Background(), q); rep.Delivered+rep.Failed != 0 {
		t.Errorf("second run: %+v", rep)
	}
}

func TestStartReturnsAtTimeout(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-block }))
	defer srv.Close()
	defer close(block)
	now := time.Now()
	q := &memQueue{pending: map[[2]int64]*actorgraph.Delivery{
		{1, 1}: {Alert: sample(1, actorgraph.AlertNew), Webhook: actorgraph.Webhook{ID: 1, URL: srv.URL}, NextAt: now.Add(-time.Second)},
	}}
	ctx, cancel := context.WithCancel(context.Background())
	ch := (&Sender{}).Start(ctx, q)
	select {
	case <-ch:
		t.Fatal("finished while the webhook hangs")
	case <-time.After(50 * time.Millisecond):
	}
	cancel()
	r := <-ch
	if r.Err != nil && !errors.Is(r.Err, context.Canceled) {
		t.Errorf("err %v", r.Err)
	}
	if len(q.pending) != 1 || q.pending[[2]int64{1, 1}].Attempts != 0 {
		t.Errorf("an interrupted delivery must stay queued as it was: %+v", q.pending)
	}
}
