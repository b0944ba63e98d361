package source

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph"
)

// newTestServer serves fixed routes on loopback only.
func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articlePage)
	})
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		fmt.Fprint(w, "<html><body><p>The caf\xe9 reopened.</p></body></html>")
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rssFeed)
	})
	mux.HandleFunc("/feed-as-xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprint(w, atomFeed)
	})
	mux.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(buildPDF(map[string]string{"Title": "Served PDF"}, "The served report text."))
	})
	mux.HandleFunc("/notes.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "Field notes\n\nThe patrol returned.")
	})
	mux.HandleFunc("/lines", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ndjson")
		fmt.Fprint(w, "{\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n")
	})
	mux.HandleFunc("/ua", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "agent %s", r.UserAgent())
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/article", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "file:///etc/passwd")
		w.WriteHeader(http.StatusFound)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusGone)
	})
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", "5000")
		w.Write([]byte(strings.Repeat("a", 5000)))
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for i := 0; i < 50; i++ {
			w.Write([]byte(strings.Repeat("b", 100)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("start "))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
	})
	mux.HandleFunc("/binary", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte{0x89, 'P', 'N', 'G', 0, 0, 0, 1})
	})
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func TestFetch(t *testing.T) {
	s := newTestServer(t)
	ctx := context.Background()

	docs, err := Fetch(ctx, s.URL+"/article", FetchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDocs(t, docs)
	if len(docs) != 1 || docs[0].URL != s.URL+"/article" || docs[0].Title != "Militia withdraws from river town" ||
		docs[0].Published != "2024-03-05" || !strings.Contains(docs[0].Text, "The Northern Brigade pulled") {
		t.Errorf("article = %+v", docs)
	}

	docs, err = Fetch(ctx, s.URL+"/redirect", FetchOptions{})
	if err != nil || docs[0].URL != s.URL+"/article" {
		t.Errorf("redirect: %v, %+v", err, docs)
	}

	docs, err = Fetch(ctx, s.URL+"/feed", FetchOptions{})
	if err != nil || len(docs) != 4 || docs[0].URL != "https://radio.example.org/convoy" || docs[2].URL != s.URL+"/feed#item-3" {
		t.Errorf("feed: %v, %+v", err, docs)
	}
	docs, err = Fetch(ctx, s.URL+"/feed-as-xml", FetchOptions{})
	if err != nil || len(docs) != 2 {
		t.Errorf("feed as xml: %v, %+v", err, docs)
	}

	docs, err = Fetch(ctx, s.URL+"/report.pdf", FetchOptions{})
	if err != nil || docs[0].Text != "The served report text." || docs[0].Title != "Served PDF" || docs[0].URL != s.URL+"/report.pdf" {
		t.Errorf("pdf: %v, %+v", err, docs)
	}

	docs, err = Fetch(ctx, s.URL+"/notes.txt", FetchOptions{})
	if err != nil || docs[0].Text != "Field notes\n\nThe patrol returned." || docs[0].Title != "Field notes" {
		t.Errorf("text: %v, %+v", err, docs)
	}
	docs, err = Fetch(ctx, s.URL+"/lines", FetchOptions{})
	if err != nil || len(docs) != 2 || docs[1].URL != s.URL+"/lines#L2" {
		t.Errorf("jsonl: %v, %+v", err, docs)
	}
	docs, err = Fetch(ctx, s.URL+"/latin1", FetchOptions{})
	if err != nil || docs[0].Text != "The café reopened." {
		t.Errorf("latin1: %v, %+v", err, docs)
	}

	docs, err = Fetch(ctx, s.URL+"/ua", FetchOptions{})
	if err != nil || docs[0].Text != "agent "+DefaultUserAgent {
		t.Errorf("user agent: %v, %+v", err, docs)
	}
	docs, err = Fetch(ctx, s.URL+"/ua", FetchOptions{UserAgent: "custom-agent/2"})
	if err != nil || docs[0].Text != "agent custom-agent/2" {
		t.Errorf("custom user agent: %v, %+v", err, docs)
	}
}

func TestFetchErrors(t *testing.T) {
	s := newTestServer(t)
	ctx := context.Background()
	tests := []struct {
		url  string
		opts FetchOptions
		code string
		msg  string
	}{
		{"ftp://example.org/x", FetchOptions{}, actorgraph.EInvalid, "only http and https"},
		{"file:///etc/passwd", FetchOptions{}, actorgraph.EInvalid, "only http and https"},
		{"javascript:alert(1)", FetchOptions{}, actorgraph.EInvalid, "only http and https"},
		{"http://", FetchOptions{}, actorgraph.EInvalid, "no host"},
		{"http://[::1", FetchOptions{}, actorgraph.EInvalid, "not a valid URL"},
		{"", FetchOptions{}, actorgraph.EInvalid, "only http and https"},
		{s.URL + "/missing", FetchOptions{}, actorgraph.ENotFound, "404"},
		{s.URL + "/gone", FetchOptions{}, actorgraph.ENotFound, "410"},
		{s.URL + "/error", FetchOptions{}, actorgraph.EInvalid, "500"},
		{s.URL + "/loop", FetchOptions{}, actorgraph.EInvalid, "redirects"},
		{s.URL + "/redirect", FetchOptions{MaxRedirects: -1}, actorgraph.EInvalid, "redirects"},
		{s.URL + "/to-file", FetchOptions{}, actorgraph.EInvalid, "only http and https"},
		{s.URL + "/big", FetchOptions{MaxSize: 1000}, actorgraph.ETooLarge, "limit"},
		{s.URL + "/big-chunked", FetchOptions{MaxSize: 1000}, actorgraph.ETooLarge, "limit"},
		{s.URL + "/slow", FetchOptions{Timeout: 200 * time.Millisecond}, actorgraph.EInvalid, "timed out"},
		{s.URL + "/empty", FetchOptions{}, actorgraph.EInvalid, "empty"},
		{s.URL + "/binary", FetchOptions{}, actorgraph.EInvalid, "binary"},
		{"http://127.0.0.1:1/closed-port", FetchOptions{}, actorgraph.EInvalid, "fetch failed"},
	}
	for _, tc := range tests {
		t.Run(tc.url, func(t *testing.T) {
			start := time.Now()
			_, err := Fetch(ctx, tc.url, tc.opts)
			assertCode(t, err, tc.code, "")
			if err != nil && !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("message %q does not say %q", err, tc.msg)
			}
			if el := time.Since(start); el > 3*time.Second {
				t.Errorf("took %v", el)
			}
		})
	}
	// a canceled context stops the fetch
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err := Fetch(cctx, s.URL+"/article", FetchOptions{})
	assertCode(t, err, actorgraph.EInvalid, s.URL)
}
