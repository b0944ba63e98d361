package alert

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/actorgraph/actorgraph"
)

// Queue is the part of an actorgraph.Watcher that keeps deliveries.
type Queue interface {
	PendingDeliveries(ctx context.Context, now time.Time, limit int) ([]actorgraph.Delivery, error)
	RecordDelivery(ctx context.Context, alert, webhook int64, failure error, next time.Time) error
}

// Sender POSTs queued alerts to their webhooks. The zero value works.
type Sender struct {
	Client *http.Client // default: a client with a 10 s timeout
	// Tries is how many times one run tries a delivery (default 3),
	// waiting Wait, then twice as long, and so on between tries
	// (default 250 ms).
	Tries int
	Wait  time.Duration
	// Backoff is how long a delivery that failed every try waits before
	// the next run may try it again: Backoff × 2^(attempts-1), at most
	// MaxBackoff (defaults 1 minute and 6 hours).
	Backoff, MaxBackoff time.Duration
	// Logf receives one line per failed attempt and per delivery given
	// up for this run (default: nothing).
	Logf func(format string, args ...any)
	Now  func() time.Time
}

// Report says what a Flush did.
type Report struct {
	Delivered int `json:"delivered"`
	Failed    int `json:"failed"` // still queued, to be retried
	// Held counts deliveries not tried because their webhook already
	// failed in this run; they stay queued as they were.
	Held int `json:"held"`
}

func (s *Sender) defaults() Sender {
	c := *s
	if c.Client == nil {
		c.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if c.Tries <= 0 {
		c.Tries = 3
	}
	if c.Wait <= 0 {
		c.Wait = 250 * time.Millisecond
	}
	if c.Backoff <= 0 {
		c.Backoff = time.Minute
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = 6 * time.Hour
	}
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Flush delivers every queued delivery that is due, each at most once,
// until the queue has none due or ctx ends. A delivery interrupted by ctx
// stays queued as it was. Once a webhook has failed every try of one
// delivery, the run holds back its other deliveries (they stay queued as
// they were), so a receiver that is down costs one delivery's tries.
func (s *Sender) Flush(ctx context.Context, q Queue) (Report, error) {
	c := s.defaults()
	var rep Report
	done := map[[2]int64]bool{}
	down := map[int64]bool{}
	for ctx.Err() == nil {
		ds, err := q.PendingDeliveries(ctx, c.Now(), 100)
		if err != nil {
			return rep, err
		}
		progress := false
		for _, d := range ds {
			k := [2]int64{d.Alert.ID, d.Webhook.ID}
			if done[k] {
				continue
			}
			done[k], progress = true, true
			if down[d.Webhook.ID] {
				rep.Held++
				continue
			}
			err := c.deliver(ctx, d)
			if ctx.Err() != nil {
				return rep, nil
			}
			next := time.Time{}
			if err != nil {
				wait := c.Backoff << min(d.Attempts, 20)
				if wait <= 0 || wait > c.MaxBackoff {
					wait = c.MaxBackoff
				}
				next = c.Now().Add(wait)
				c.Logf("webhook %s: alert %d not delivered after %d tries (%v); queued until %s",
					d.Webhook.URL, d.Alert.ID, c.Tries, err, next.UTC().Format(time.RFC3339))
				rep.Failed++
				down[d.Webhook.ID] = true
			} else {
				rep.Delivered++
			}
			if rerr := q.RecordDelivery(context.WithoutCancel(ctx), d.Alert.ID, d.Webhook.ID, err, next); rerr != nil {
				return rep, rerr
			}
		}
		if !progress {
			break
		}
	}
	return rep, nil
}

// deliver POSTs one alert, trying up to Tries times.
func (c *Sender) deliver(ctx context.Context, d actorgraph.Delivery) error {
	body, err := json.Marshal(d.Alert)
	if err != nil {
		return err
	}
	wait := c.Wait
	for try := 1; ; try++ {
		err = c.post(ctx, d, body)
		if err == nil || try >= c.Tries || ctx.Err() != nil {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait *= 2
	}
}

func (c *Sender) post(ctx context.Context, d actorgraph.Delivery, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.Webhook.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "actorgraph-alerts")
	req.Header.Set("X-Actorgraph-Alert", fmt.Sprint(d.Alert.ID))
	resp, err := c.Client.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("HTTP %s", resp.Status)
	}
	return nil
}

// Start runs Flush in the background; the channel receives its report
// (and error) once and is closed. Callers that must not wait long select
// on it with a timeout and then cancel ctx: what is not delivered by then
// stays queued.
func (s *Sender) Start(ctx context.Context, q Queue) <-chan Result {
	ch := make(chan Result, 1)
	go func() {
		defer close(ch)
		r, err := s.Flush(ctx, q)
		ch <- Result{r, err}
	}()
	return ch
}

// Result is what Start delivers.
type Result struct {
	Report
	Err error
}
