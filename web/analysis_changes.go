package web

import (
	"bytes"
	"net/http"
	"time"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/alert"
	"github.com/actorgraph/actorgraph/network"
	"github.com/actorgraph/actorgraph/query"
)

// changeRoutes answer what changed since a date, the network's brokers
// and communities, the alerts raised for watched actors (as JSON and as
// an Atom feed) and the four assessments of a relationship.
func (s *Server) changeRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/changes", api: s.changes},
		{method: "GET", pattern: "/api/network", api: s.network},
		{method: "GET", pattern: "/api/alerts", api: s.alerts},
		{method: "GET", pattern: "/api/alerts.atom", raw: s.alertsAtom},
		{method: "GET", pattern: "/api/edges/{id}/assessment", api: s.assessment},
	}
}

// assessment answers the four assessments of one relationship.
func (s *Server) assessment(r *http.Request) (any, error) {
	p := newParams(r.URL)
	p.refuseAsOf("an assessment grades all the evidence stored")
	if p.err != nil {
		return nil, p.err
	}
	id, err := pathEdge(r)
	if err != nil {
		return nil, err
	}
	as, ok := s.cfg.Store.(actorgraph.Assessor)
	if !ok {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "this store keeps no assessments")
	}
	m, err := as.Assessments(r.Context(), []actorgraph.EdgeID{id})
	if err != nil {
		return nil, err
	}
	a, found := m[id]
	if !found {
		return nil, actorgraph.Errorf(actorgraph.ENotFound, "relationship %d not found", id)
	}
	if a.Publishers == nil {
		a.Publishers = []actorgraph.PublisherReliability{}
	}
	return a, nil
}

func (s *Server) changes(r *http.Request) (any, error) {
	p := newParams(r.URL)
	since := p.date("since")
	limit := p.intIn("limit", 20, 1, maxLimit)
	quiet := p.intIn("quiet_days", 180, 1, 36500)
	p.refuseAsOf("changes compare the graph as of since with the graph now")
	if p.err == nil && since == "" {
		p.fail("since is required (YYYY-MM-DD)")
	}
	if p.err != nil {
		return nil, p.err
	}
	return s.q.Changes(r.Context(), since, query.ChangeOptions{Limit: limit, QuietDays: quiet})
}

func (s *Server) network(r *http.Request) (any, error) {
	p := newParams(r.URL)
	f := network.Filter{Types: p.relationTypes("type"), Since: p.date("since"), Until: p.date("until"), AsOf: p.asOf()}
	top := p.intIn("top", 20, 1, maxLimit)
	if b := p.boolean("places"); b != nil {
		f.Places = *b
	}
	if p.err != nil {
		return nil, p.err
	}
	if f.Since != "" && f.Until != "" && f.Since > f.Until {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "since %s is after until %s", f.Since, f.Until)
	}
	f.PageSize = 10000 // the SQLite store's largest page; other stores fall back
	return network.Load(r.Context(), s.cfg.Store, f, network.Options{Top: top, Ties: 3})
}

// alertArgs reads the parameters both alert answers share.
func (s *Server) alertArgs(r *http.Request) (actorgraph.Watcher, time.Time, actorgraph.Page, error) {
	p := newParams(r.URL)
	since := p.date("since")
	page := p.page()
	p.refuseAsOf("alerts are raised when reports are stored, whatever their date")
	if p.err != nil {
		return nil, time.Time{}, page, p.err
	}
	w, ok := s.cfg.Store.(actorgraph.Watcher)
	if !ok {
		return nil, time.Time{}, page, actorgraph.Errorf(actorgraph.EInvalid, "this store keeps no alerts")
	}
	var from time.Time
	if since != "" {
		from, _ = time.Parse("2006-01-02", since)
	}
	return w, from, page, nil
}

func (s *Server) alerts(r *http.Request) (any, error) {
	w, from, page, err := s.alertArgs(r)
	if err != nil {
		return nil, err
	}
	as, total, err := w.Alerts(r.Context(), from, page)
	if err != nil {
		return nil, err
	}
	return newList(as, total, page), nil
}

func (s *Server) alertsAtom(w http.ResponseWriter, r *http.Request) {
	wr, from, page, err := s.alertArgs(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	as, _, err := wr.Alerts(r.Context(), from, page)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := alert.WriteAtom(&b, alert.Feed{}, as); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b.Bytes())
}

// refuseAsOf fails the request when it asks for as_of, which the
// answers of this file cannot honour (why says so): a 400 instead of an
// answer that silently ignores the date.
func (p *params) refuseAsOf(why string) {
	if _, ok := p.v["as_of"]; ok {
		p.fail("as_of is not supported here: %s", why)
	}
}
