package actorgraph

import (
	"context"
	"time"
)

// Watchlists, alerts and webhooks: an analyst watches actors; after each
// ingest the relationships touching a watched actor that are new, newly
// contested or attested by more documents become alerts, each citing the
// newest sentence behind it, and are queued for every configured webhook.

// Watch is one watched actor, optionally only for one relationship type.
type Watch struct {
	ID        int64        `json:"id"`
	Actor     ActorID      `json:"actor"`
	ActorName string       `json:"actor_name"`
	Type      RelationType `json:"type,omitempty"` // "": every type
	Added     time.Time    `json:"added"`
}

// AlertKind says what changed.
type AlertKind string

// The kinds of alerts.
const (
	AlertNew          AlertKind = "new"          // a relationship first seen
	AlertContested    AlertKind = "contested"    // sources now disagree about it
	AlertStrengthened AlertKind = "strengthened" // more documents attest it
)

// Alert is one change to a relationship touching a watched actor, with
// the newest sentence behind it.
type Alert struct {
	ID        int64     `json:"id"`
	At        time.Time `json:"at"`
	Watch     int64     `json:"watch"`
	Actor     ActorID   `json:"actor"`
	ActorName string    `json:"actor_name"`
	Kind      AlertKind `json:"kind"`
	Edge      Edge      `json:"edge"`
	// Previous counts, for strengthened alerts.
	PrevDocuments int         `json:"prev_documents"`
	Evidence      EvidenceRow `json:"evidence"`
}

// Webhook is a URL alerts are POSTed to as JSON.
type Webhook struct {
	ID    int64     `json:"id"`
	URL   string    `json:"url"`
	Added time.Time `json:"added"`
}

// Delivery is one alert still to be POSTed to one webhook.
type Delivery struct {
	Alert     Alert     `json:"alert"`
	Webhook   Webhook   `json:"webhook"`
	Attempts  int       `json:"attempts"`
	LastError string    `json:"last_error,omitempty"`
	NextAt    time.Time `json:"next_at"`
}

// Watcher is implemented by stores that keep watchlists and alerts. It is
// optional: callers check for it with a type assertion.
type Watcher interface {
	// AddWatch watches an actor (for one relationship type, or all with
	// ""); what is already known about it raises no alert.
	AddWatch(ctx context.Context, actor ActorID, t RelationType) (Watch, error)
	RemoveWatch(ctx context.Context, id int64) error
	Watches(ctx context.Context) ([]Watch, error)
	// CheckWatches compares the relationships of every watched actor with
	// what the last check saw, stores an alert per change, queues it for
	// every webhook and returns the new alerts.
	CheckWatches(ctx context.Context) ([]Alert, error)
	// Alerts lists stored alerts raised at or after since (zero: all),
	// newest first.
	Alerts(ctx context.Context, since time.Time, page Page) ([]Alert, int, error)

	AddWebhook(ctx context.Context, url string) (Webhook, error)
	RemoveWebhook(ctx context.Context, id int64) error
	Webhooks(ctx context.Context) ([]Webhook, error)
	// PendingDeliveries lists queued deliveries due at or before now,
	// oldest alert first.
	PendingDeliveries(ctx context.Context, now time.Time, limit int) ([]Delivery, error)
	// RecordDelivery records an attempt: a nil failure removes the
	// delivery from the queue, otherwise it stays queued until next.
	RecordDelivery(ctx context.Context, alert, webhook int64, failure error, next time.Time) error
}

// EdgeChange is what a store reports about one relationship between a date
// and now, for change detection: its evidence before the date and in
// total. Counts are of evidence rows, distinct documents and independent
// publishers (a document without a publisher is its own).
type EdgeChange struct {
	Edge             Edge   `json:"edge"`
	CountBefore      int    `json:"count_before"`
	DocumentsBefore  int    `json:"documents_before"`
	PublishersBefore int    `json:"publishers_before"`
	Publishers       int    `json:"publishers"`
	ContestedBefore  bool   `json:"contested_before"`
	LastEvidence     string `json:"last_evidence"` // latest effective date of its documents
	SourceDegree     int    `json:"source_degree"` // relationships of each end, now
	TargetDegree     int    `json:"target_degree"`
	CountAfter       int    `json:"count_after"` // rows dated on or after the date
	DocumentsAfter   int    `json:"documents_after"`
}

// ActorDebut is an actor first mentioned on or after a date.
type ActorDebut struct {
	Actor     ActorID `json:"actor"`
	FirstSeen string  `json:"first_seen"`
	FirstDoc  DocID   `json:"first_doc"`
}

// ChangeReader is implemented by stores that can compare their graph as of
// a date with the graph now in one pass. Documents count from their
// effective date (published, or ingested when undated).
type ChangeReader interface {
	EdgeChanges(ctx context.Context, since string) ([]EdgeChange, error)
	ActorDebuts(ctx context.Context, since string) ([]ActorDebut, error)
	// LatestDate is the latest effective date of any stored document.
	LatestDate(ctx context.Context) (string, error)
}
