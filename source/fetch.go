package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph"
)

// Fetch defaults.
const (
	DefaultFetchTimeout      = 20 * time.Second
	DefaultFetchMaxSize      = 32 << 20 // 32 MiB
	DefaultFetchMaxRedirects = 5
	DefaultUserAgent         = "actorgraph/1 (report reader; +source.Fetch)"
)

// FetchOptions steer Fetch. The zero value uses the defaults.
type FetchOptions struct {
	// Timeout bounds the whole fetch, body included; DefaultFetchTimeout
	// when <= 0. The context's own deadline applies too.
	Timeout time.Duration
	// MaxSize is the largest body read; DefaultFetchMaxSize when <= 0.
	// A larger body is refused with an ETooLarge error.
	MaxSize int64
	// UserAgent is sent with the request; DefaultUserAgent when "".
	UserAgent string
	// MaxRedirects is the most redirects followed; DefaultFetchMaxRedirects
	// when 0, none when negative.
	MaxRedirects int
	// Format forces the format of the body; "" detects it from the
	// Content-Type, the URL's extension and the body.
	Format Format
	// Client makes the request; nil uses a new client on
	// http.DefaultTransport. Its Timeout and CheckRedirect are replaced.
	Client *http.Client
}

// Fetch downloads a report over HTTP(S) and reads it like Read: an HTML
// page, a feed (one document an item), a PDF, JSON Lines, or text. Only
// http and https URLs are fetched, redirects included. Documents that
// name no URL of their own get the final URL, after redirects.
//
// Errors are *actorgraph.Error values: EInvalid for a bad URL, a network
// failure, a timeout or an HTTP error status; ENotFound for 404 and 410
// and for an unknown host; ETooLarge for a body past opts.MaxSize.
func Fetch(ctx context.Context, rawURL string, opts FetchOptions) ([]actorgraph.Document, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%q: not a valid URL: %s", rawURL, oneLine(err.Error()))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: only http and https URLs can be fetched", oneLine(rawURL))
	}
	if u.Host == "" {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: the URL has no host", oneLine(rawURL))
	}
	name := u.String()
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultFetchTimeout
	}
	limit := opts.MaxSize
	if limit <= 0 {
		limit = DefaultFetchMaxSize
	}
	maxRedirects := opts.MaxRedirects
	if maxRedirects == 0 {
		maxRedirects = DefaultFetchMaxRedirects
	}
	ua := opts.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}

	client := &http.Client{}
	if opts.Client != nil {
		c := *opts.Client
		client = &c
	}
	client.Timeout = 0 // the context bounds the fetch, body included
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirected to a %s URL; only http and https are fetched", req.URL.Scheme)
		}
		if len(via) > maxRedirects {
			return fmt.Errorf("stopped after %d redirects", max(maxRedirects, 0))
		}
		req.Header.Set("User-Agent", ua)
		return nil
	}

	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, name, nil)
	if err != nil {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: %s", name, oneLine(err.Error()))
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/pdf, text/plain;q=0.9, */*;q=0.5")

	resp, err := client.Do(req)
	if err != nil {
		return nil, fetchError(ctx, name, err, timeout)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, actorgraph.Errorf(actorgraph.ENotFound, "%s: not found (HTTP %d)", name, resp.StatusCode)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: the server answered HTTP %s", name, oneLine(resp.Status))
	}
	if resp.ContentLength > limit {
		return nil, actorgraph.Errorf(actorgraph.ETooLarge,
			"%s: %d bytes is larger than the %s fetch limit", name, resp.ContentLength, sizeLimit(limit))
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fetchError(ctx, name, err, timeout)
	}
	if int64(len(b)) > limit {
		return nil, actorgraph.Errorf(actorgraph.ETooLarge, "%s: the body is larger than the %s fetch limit", name, sizeLimit(limit))
	}
	final := name
	if resp.Request != nil && resp.Request.URL != nil {
		final = resp.Request.URL.String()
	}
	fu, _ := url.Parse(final)
	ext := ""
	if fu != nil {
		ext = strings.ToLower(path.Ext(fu.Path))
	}
	ropts := Options{Format: opts.Format, ContentType: resp.Header.Get("Content-Type"), URL: final, MaxSize: limit}
	return readBytes(final, ext, b, ropts)
}

// fetchError turns a transport error into an *actorgraph.Error.
func fetchError(ctx context.Context, name string, err error, timeout time.Duration) error {
	var ae *actorgraph.Error
	if errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) || ctx.Err() == context.DeadlineExceeded {
		return actorgraph.Errorf(actorgraph.EInvalid, "%s: timed out (limit %s)", name, timeout)
	}
	if errors.Is(err, context.Canceled) {
		return actorgraph.Errorf(actorgraph.EInvalid, "%s: fetch canceled", name)
	}
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return actorgraph.Errorf(actorgraph.ENotFound, "%s: no such host %s", name, dns.Name)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return actorgraph.Errorf(actorgraph.EInvalid, "%s: fetch failed: %s", name, oneLine(err.Error()))
}
