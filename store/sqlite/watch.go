package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

// Watchlists and alerts (actorgraph.Watcher). watch_state keeps, per watch
// and edge, the counts the last check saw; a check compares the actor's
// visible edges with it, stores an alert per change (with the edge and its
// newest evidence row as they were) and queues a delivery per webhook.
// Deliveries leave the queue only when delivered, so nothing is lost when
// a webhook is down.

var _ actorgraph.Watcher = (*Store)(nil)

// AddWatch watches an actor; its current relationships are the baseline.
func (s *Store) AddWatch(ctx context.Context, actor actorgraph.ActorID, t actorgraph.RelationType) (actorgraph.Watch, error) {
	if t != "" && !t.Valid() {
		return actorgraph.Watch{}, invalid("unknown relation type %q", t)
	}
	var id int64
	err := s.write(ctx, "add watch", func(w *wtx) error {
		if err := w.visible(actor); err != nil {
			return err
		}
		var n int
		if err := w.row(`SELECT COUNT(*) FROM watches WHERE actor = ? AND rel_type = ?`, actor, string(t)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return conflict("actor %d is already watched%s", actor, forType(t))
		}
		if err := w.row(`INSERT INTO watches(actor, rel_type, added) VALUES (?, ?, ?) RETURNING id`,
			actor, string(t), w.s.now()).Scan(&id); err != nil {
			return err
		}
		states, err := w.watchedEdges(actor, t)
		if err != nil {
			return err
		}
		for _, st := range states {
			if err := w.saveState(id, st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return actorgraph.Watch{}, err
	}
	ws, err := s.Watches(ctx)
	if err != nil {
		return actorgraph.Watch{}, err
	}
	for _, x := range ws {
		if x.ID == id {
			return x, nil
		}
	}
	return actorgraph.Watch{}, notFound("watch %d not found", id)
}

func forType(t actorgraph.RelationType) string {
	if t == "" {
		return ""
	}
	return " for " + string(t)
}

// RemoveWatch stops watching; its alerts stay.
func (s *Store) RemoveWatch(ctx context.Context, id int64) error {
	return s.removeRow(ctx, "watch", `DELETE FROM watch_state WHERE watch_id = ?`, `DELETE FROM watches WHERE id = ?`, id)
}

// Watches lists the watches in the order they were added.
func (s *Store) Watches(ctx context.Context) ([]actorgraph.Watch, error) {
	out := []actorgraph.Watch{}
	err := s.read(ctx, "list watches", func(r *rtx) error {
		rows, err := r.query(`SELECT w.id, w.actor, a.name, w.rel_type, w.added FROM watches w JOIN actors a ON a.id = w.actor ORDER BY w.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var x actorgraph.Watch
			var at string
			if err := rows.Scan(&x.ID, &x.Actor, &x.ActorName, &x.Type, &at); err != nil {
				return err
			}
			x.Added, _ = time.Parse(timeFormat, at)
			out = append(out, x)
		}
		return rows.Err()
	})
	return out, err
}

type edgeState struct {
	edge      actorgraph.EdgeID
	count     int
	documents int
	contested bool
}

func (w *wtx) watchedEdges(actor actorgraph.ActorID, t actorgraph.RelationType) ([]edgeState, error) {
	q := `SELECT e.id, e.count, e.documents, ` + contestedSQL + ` FROM (` + actorEdgeIDs + `) AS sel CROSS JOIN edges e ON e.id = sel.id`
	args := []any{actor, actor}
	if t != "" {
		q, args = q+` WHERE e.type = ?`, append(args, string(t))
	}
	rows, err := w.query(q+` ORDER BY e.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []edgeState
	seen := map[actorgraph.EdgeID]bool{}
	for rows.Next() {
		var st edgeState
		if err := rows.Scan(&st.edge, &st.count, &st.documents, &st.contested); err != nil {
			return nil, err
		}
		if !seen[st.edge] { // a self-loop comes from both ends
			seen[st.edge] = true
			out = append(out, st)
		}
	}
	return out, rows.Err()
}

func (w *wtx) saveState(watch int64, st edgeState) error {
	return w.exec(`INSERT INTO watch_state(watch_id, edge_id, count, documents, contested) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(watch_id, edge_id) DO UPDATE SET count = excluded.count, documents = excluded.documents, contested = excluded.contested`,
		watch, st.edge, st.count, st.documents, st.contested)
}

// CheckWatches raises the alerts of every watch since the last check.
func (s *Store) CheckWatches(ctx context.Context) ([]actorgraph.Alert, error) {
	var out []actorgraph.Alert
	err := s.write(ctx, "check watches", func(w *wtx) error {
		out = nil
		type watch struct {
			id    int64
			actor actorgraph.ActorID
			name  string
			typ   actorgraph.RelationType
		}
		var ws []watch
		rows, err := w.query(`SELECT w.id, w.actor, a.name, w.rel_type FROM watches w JOIN actors a ON a.id = w.actor
			WHERE a.entities > 0 ORDER BY w.id`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var x watch
			if err := rows.Scan(&x.id, &x.actor, &x.name, &x.typ); err != nil {
				rows.Close()
				return err
			}
			ws = append(ws, x)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		hooks, err := w.ids(`SELECT id FROM webhooks ORDER BY id`)
		if err != nil {
			return err
		}
		at := w.s.Now().UTC()
		for _, x := range ws {
			states, err := w.watchedEdges(x.actor, x.typ)
			if err != nil {
				return err
			}
			for _, st := range states {
				var prev edgeState
				var kind actorgraph.AlertKind
				switch err := w.row(`SELECT count, documents, contested FROM watch_state WHERE watch_id = ? AND edge_id = ?`, x.id, st.edge).Scan(
					&prev.count, &prev.documents, &prev.contested); {
				case err == sql.ErrNoRows:
					kind = actorgraph.AlertNew
				case err != nil:
					return err
				case st.contested && !prev.contested:
					kind = actorgraph.AlertContested
				case st.documents > prev.documents:
					kind = actorgraph.AlertStrengthened
				}
				if kind == "" && st.count == prev.count {
					continue
				}
				if err := w.saveState(x.id, st); err != nil {
					return err
				}
				if kind == "" {
					continue
				}
				a := actorgraph.Alert{At: at, Watch: x.id, Actor: x.actor, ActorName: x.name, Kind: kind, PrevDocuments: prev.documents}
				if a.Edge, err = scanEdge(w.row(`SELECT `+edgeCols+` FROM edges e JOIN actors sa ON sa.id = e.src JOIN actors da ON da.id = e.dst
					WHERE e.id = ?`, st.edge)); err != nil {
					return err
				}
				if a.Evidence, err = w.newestEvidence(st.edge); err != nil {
					return err
				}
				ej, _ := json.Marshal(a.Edge)
				vj, _ := json.Marshal(a.Evidence)
				if err := w.row(`INSERT INTO alerts(at, watch_id, actor, kind, edge_id, prev_docs, edge_json, evidence)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, at.Format(timeFormat), x.id, x.actor, string(kind), st.edge,
					prev.documents, string(ej), string(vj)).Scan(&a.ID); err != nil {
					return err
				}
				for _, h := range hooks {
					if err := w.exec(`INSERT INTO deliveries(alert_id, webhook_id, next_at) VALUES (?, ?, ?)`,
						a.ID, h, at.Format(timeFormat)); err != nil {
						return err
					}
				}
				out = append(out, a)
			}
		}
		return nil
	})
	return out, err
}

// ids runs a query of one integer column.
func (w *wtx) ids(q string, args ...any) ([]int64, error) { return queryAll(w, scanID, q, args...) }

// newestEvidence is the evidence row of the last document stored for an
// edge: the sentence that most likely caused the change.
func (w *wtx) newestEvidence(id actorgraph.EdgeID) (actorgraph.EvidenceRow, error) {
	var e actorgraph.EvidenceRow
	err := w.row(`SELECT x.edge_id, x.doc_id, d.title, d.url, d.publisher, d.published, x.sentence,
			x.span_start, x.span_end, x.modality, x.negated, x.trigger
		FROM relations x JOIN documents d ON d.id = x.doc_id WHERE x.edge_id = ?
		ORDER BY x.doc_id DESC, x.ord LIMIT 1`, id).Scan(&e.EdgeID, &e.DocID, &e.DocTitle, &e.DocURL, &e.Publisher, &e.Published,
		&e.Sentence, &e.Span.Start, &e.Span.End, &e.Modality, &e.Negated, &e.Trigger)
	return e, err
}

const alertCols = `id, at, watch_id, actor, kind, prev_docs, edge_json, evidence`

func scanAlert(sc scanner) (actorgraph.Alert, error) {
	var a actorgraph.Alert
	var at, ej, vj string
	if err := sc.Scan(&a.ID, &at, &a.Watch, &a.Actor, &a.Kind, &a.PrevDocuments, &ej, &vj); err != nil {
		return a, err
	}
	return a, decodeAlert(&a, at, ej, vj)
}

// decodeAlert fills in an alert's time, edge, evidence and actor name from
// their stored forms.
func decodeAlert(a *actorgraph.Alert, at, ej, vj string) error {
	a.At, _ = time.Parse(timeFormat, at)
	if err := json.Unmarshal([]byte(ej), &a.Edge); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(vj), &a.Evidence); err != nil {
		return err
	}
	switch a.Actor {
	case a.Edge.Source:
		a.ActorName = a.Edge.SourceName
	case a.Edge.Target:
		a.ActorName = a.Edge.TargetName
	}
	return nil
}

// Alerts lists stored alerts raised at or after since, newest first.
func (s *Store) Alerts(ctx context.Context, since time.Time, p actorgraph.Page) ([]actorgraph.Alert, int, error) {
	limit, offset, err := page(p)
	if err != nil {
		return nil, 0, err
	}
	from := ""
	if !since.IsZero() {
		from = since.UTC().Format(timeFormat)
	}
	out := []actorgraph.Alert{}
	var total int
	err = s.read(ctx, "list alerts", func(r *rtx) error {
		var err error
		if total, err = r.count(`SELECT COUNT(*) FROM alerts WHERE at >= ?`, from); err != nil {
			return err
		}
		out, err = queryAll(r, scanAlert, `SELECT `+alertCols+` FROM alerts WHERE at >= ? ORDER BY id DESC LIMIT ? OFFSET ?`, from, limit, offset)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// checkWebhookURL accepts absolute http and https URLs.
func checkWebhookURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || !utf8.ValidString(raw) || len(raw) > 2000 {
		return "", invalid("webhook %q is not an http or https URL", raw)
	}
	return u.String(), nil
}

// AddWebhook registers a URL that alerts raised from now on are POSTed to.
func (s *Store) AddWebhook(ctx context.Context, raw string) (actorgraph.Webhook, error) {
	u, err := checkWebhookURL(raw)
	if err != nil {
		return actorgraph.Webhook{}, err
	}
	h := actorgraph.Webhook{URL: u, Added: s.Now().UTC()}
	err = s.write(ctx, "add webhook", func(w *wtx) error {
		var n int
		if err := w.row(`SELECT COUNT(*) FROM webhooks WHERE url = ?`, u).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return conflict("webhook %s is already configured", u)
		}
		return w.row(`INSERT INTO webhooks(url, added) VALUES (?, ?) RETURNING id`, u, h.Added.Format(timeFormat)).Scan(&h.ID)
	})
	if err != nil {
		return actorgraph.Webhook{}, err
	}
	return h, nil
}

// RemoveWebhook removes a webhook and its queued deliveries.
func (s *Store) RemoveWebhook(ctx context.Context, id int64) error {
	return s.removeRow(ctx, "webhook", `DELETE FROM deliveries WHERE webhook_id = ?`, `DELETE FROM webhooks WHERE id = ?`, id)
}

// Webhooks lists the configured webhooks.
func (s *Store) Webhooks(ctx context.Context) ([]actorgraph.Webhook, error) {
	out := []actorgraph.Webhook{}
	err := s.read(ctx, "list webhooks", func(r *rtx) error {
		rows, err := r.query(`SELECT id, url, added FROM webhooks ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h actorgraph.Webhook
			var at string
			if err := rows.Scan(&h.ID, &h.URL, &at); err != nil {
				return err
			}
			h.Added, _ = time.Parse(timeFormat, at)
			out = append(out, h)
		}
		return rows.Err()
	})
	return out, err
}

// PendingDeliveries lists deliveries due at or before now.
func (s *Store) PendingDeliveries(ctx context.Context, now time.Time, limit int) ([]actorgraph.Delivery, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	out := []actorgraph.Delivery{}
	err := s.read(ctx, "list deliveries", func(r *rtx) error {
		rows, err := r.query(`SELECT a.id, a.at, a.watch_id, a.actor, a.kind, a.prev_docs, a.edge_json, a.evidence,
				h.id, h.url, h.added, q.attempts, q.last_error, q.next_at
			FROM deliveries q JOIN alerts a ON a.id = q.alert_id JOIN webhooks h ON h.id = q.webhook_id
			WHERE q.next_at <= ? ORDER BY q.alert_id, q.webhook_id LIMIT ?`, now.UTC().Format(timeFormat), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d actorgraph.Delivery
			var at, ej, vj, hAdded, next string
			if err := rows.Scan(&d.Alert.ID, &at, &d.Alert.Watch, &d.Alert.Actor, &d.Alert.Kind, &d.Alert.PrevDocuments, &ej, &vj,
				&d.Webhook.ID, &d.Webhook.URL, &hAdded, &d.Attempts, &d.LastError, &next); err != nil {
				return err
			}
			if err := decodeAlert(&d.Alert, at, ej, vj); err != nil {
				return err
			}
			d.Webhook.Added, _ = time.Parse(timeFormat, hAdded)
			d.NextAt, _ = time.Parse(timeFormat, next)
			out = append(out, d)
		}
		return rows.Err()
	})
	return out, err
}

// RecordDelivery records one attempt to deliver an alert to a webhook.
func (s *Store) RecordDelivery(ctx context.Context, alert, webhook int64, failure error, next time.Time) error {
	return s.write(ctx, "record delivery", func(w *wtx) error {
		if failure == nil {
			return w.exec(`DELETE FROM deliveries WHERE alert_id = ? AND webhook_id = ?`, alert, webhook)
		}
		msg := failure.Error()
		if len(msg) > 500 {
			msg = msg[:500]
		}
		return w.exec(`UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_at = ? WHERE alert_id = ? AND webhook_id = ?`,
			strings.ToValidUTF8(msg, "?"), next.UTC().Format(timeFormat), alert, webhook)
	})
}

// removeRow deletes the rows that depend on a watch or webhook, then the
// row itself, in one transaction; a missing row is ENotFound.
func (s *Store) removeRow(ctx context.Context, kind, deleteChildren, deleteRow string, id int64) error {
	return s.write(ctx, "remove "+kind, func(w *wtx) error {
		if err := w.exec(deleteChildren, id); err != nil {
			return err
		}
		st, err := w.stmt(deleteRow)
		if err != nil {
			return err
		}
		res, err := st.ExecContext(w.ctx, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("%s %d not found", kind, id)
		}
		return nil
	})
}
