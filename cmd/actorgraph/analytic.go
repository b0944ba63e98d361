package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/alert"
	"github.com/actorgraph/actorgraph/network"
	"github.com/actorgraph/actorgraph/query"
	"github.com/actorgraph/actorgraph/store/sqlite"
)

// Analytic commands: change since a date, watchlists and alerts, webhooks,
// source reliability and assessments, and the network view.

// webhookFlush is how long an ingest waits for webhook deliveries before
// leaving the rest queued for the next run.
var webhookFlush = 5 * time.Second

// afterIngest raises the alerts of watched actors after an ingest and
// delivers them to the webhooks in the background, waiting at most
// webhookFlush. Failures are reported on stderr and never fail the ingest:
// alerts and undelivered deliveries stay in the store.
func afterIngest(a *app, s *sqlite.Store) {
	ctx := context.Background()
	alerts, err := s.CheckWatches(ctx)
	if err != nil {
		fmt.Fprintf(a.stderr, "actorgraph: alerts: %s\n", oneLine(err.Error()))
		return
	}
	if len(alerts) > 0 {
		fmt.Fprintf(a.stdout, "%s for watched actors (see 'actorgraph alerts')\n", plural(len(alerts), "new alert"))
	}
	flushWebhooks(a, s, webhookFlush)
}

// flushWebhooks delivers what is due, waiting at most timeout.
func flushWebhooks(a *app, s *sqlite.Store, timeout time.Duration) alert.Report {
	ctx := context.Background()
	hooks, err := s.Webhooks(ctx)
	if err != nil || len(hooks) == 0 {
		return alert.Report{}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sender := &alert.Sender{Logf: func(f string, args ...any) {
		fmt.Fprintf(a.stderr, "actorgraph: %s\n", oneLine(fmt.Sprintf(f, args...)))
	}}
	ch := sender.Start(ctx, s)
	var r alert.Result
	select {
	case r = <-ch:
	case <-time.After(timeout):
		cancel()
		r = <-ch
		fmt.Fprintf(a.stderr, "actorgraph: webhooks: stopped waiting after %s; undelivered alerts stay queued for the next run\n", timeout)
	}
	if r.Err != nil {
		fmt.Fprintf(a.stderr, "actorgraph: webhooks: %s\n", oneLine(r.Err.Error()))
	}
	if r.Held > 0 {
		fmt.Fprintf(a.stderr, "actorgraph: webhooks: %d more deliveries to failing webhooks stay queued for the next run\n", r.Held)
	}
	return r.Report
}

func parseID(cmd, s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, usageError{fmt.Sprintf("%s: %q is not an id", cmd, s)}
	}
	return id, nil
}

// ---------------------------------------------------------------------------
// watch, alerts, webhook

func runWatch(a *app, args []string) error {
	fs := a.newFlags("watch")
	db := fs.String("db", defaultDB(), "the store")
	typ := fs.String("type", "", "with add: only relationships of this type")
	format := fs.String("format", "table", "with list: table, json or csv")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"watch: want add ACTOR, remove ID or list"}
	}
	if err := checkFormat("watch", *format); err != nil {
		return err
	}
	s, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	switch verb := fs.Arg(0); verb {
	case "add":
		if fs.NArg() != 2 {
			return usageError{"watch add: want one ACTOR (name, alias or #ID)"}
		}
		var t actorgraph.RelationType
		if *typ != "" {
			if t, err = actorgraph.ParseRelationType(*typ); err != nil {
				return err
			}
		}
		act, err := resolve(ctx, s, newEngine(s), fs.Arg(1))
		if err != nil {
			return err
		}
		w, err := s.AddWatch(ctx, act.ID, t)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "watch %d: %s (#%d)%s; alerts come after each ingest (actorgraph alerts)\n", w.ID, w.ActorName, w.Actor, watchType(w.Type))
		return nil
	case "remove", "rm":
		return removeByID(a, fs, "watch remove", "one watch ID (see 'actorgraph watch list')",
			func(id int64) error { return s.RemoveWatch(ctx, id) }, "watch %d removed\n")
	case "list", "ls":
		ws, err := s.Watches(ctx)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(a.stdout, map[string]any{"watches": ws})
		}
		t := &table{header: []string{"watch", "actor", "name", "type", "added"}}
		for _, w := range ws {
			t.add(w.ID, "#"+strconv.FormatInt(int64(w.Actor), 10), w.ActorName, string(w.Type), w.Added.UTC().Format(time.RFC3339))
		}
		return t.write(a.stdout, *format)
	default:
		return usageError{fmt.Sprintf("watch: unknown action %q (want add, remove or list)", verb)}
	}
}

func watchType(t actorgraph.RelationType) string {
	if t == "" {
		return ""
	}
	return ", " + string(t) + " only"
}

func runAlerts(a *app, args []string) error {
	fs := a.newFlags("alerts")
	db := fs.String("db", defaultDB(), "the store")
	since := fs.String("since", "", "only alerts raised on or after this date (YYYY-MM-DD)")
	atom := fs.Bool("atom", false, "write the alerts as an Atom feed")
	out := fs.String("o", "", "with --atom: write the feed to this file instead of standard output")
	format := fs.String("format", "table", "output format: table, json or csv")
	limit := fs.Int("limit", 50, "alerts to show (0 for all)")
	check := fs.Bool("check", false, "check the watches now (as after an ingest) before listing")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkFormat("alerts", *format); err != nil {
		return err
	}
	var from time.Time
	if *since != "" {
		t, err := time.Parse("2006-01-02", *since)
		if err != nil || !validDate(*since) {
			return usageError{fmt.Sprintf("alerts: --since %q is not a date (want YYYY-MM-DD)", *since)}
		}
		from = t
	}
	s, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	if *check {
		afterIngest(a, s)
	}
	p := actorgraph.Page{Limit: *limit}
	if *limit <= 0 {
		p.Limit = sqlite.MaxLimit
	}
	as, total, err := s.Alerts(ctx, from, p)
	if err != nil {
		return err
	}
	if *atom {
		w := a.stdout
		if *out != "" {
			f, err := os.Create(*out)
			if err != nil {
				return actorgraph.Errorf(actorgraph.EInvalid, "-o %s: %v", *out, err)
			}
			defer f.Close()
			w = f
		}
		if err := alert.WriteAtom(w, alert.Feed{}, as); err != nil {
			return err
		}
		if *out != "" {
			fmt.Fprintf(a.stderr, "wrote %s: %d alerts\n", *out, len(as))
		}
		return nil
	}
	if *format == "json" {
		return writeJSON(a.stdout, map[string]any{"total": total, "alerts": as})
	}
	t := &table{header: []string{"alert", "at", "kind", "source", "type", "target", "documents", "sentence", "document"}}
	for _, x := range as {
		typ := string(x.Edge.Type)
		if x.Edge.Negated {
			typ = "NOT " + typ
		}
		t.add(x.ID, x.At.UTC().Format(time.RFC3339), x.Kind, x.Edge.SourceName, typ, x.Edge.TargetName, x.Edge.Documents,
			x.Evidence.Sentence, fmt.Sprintf("%d %s", x.Evidence.DocID, x.Evidence.DocTitle))
	}
	if err := t.write(a.stdout, *format); err != nil {
		return err
	}
	if *format == "table" && total > len(as) {
		fmt.Fprintf(a.stdout, "(%d of %d; --limit 0 for all)\n", len(as), total)
	}
	return nil
}

func runWebhook(a *app, args []string) error {
	fs := a.newFlags("webhook")
	db := fs.String("db", defaultDB(), "the store")
	timeout := fs.Duration("timeout", 30*time.Second, "with flush: how long to keep trying")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"webhook: want add URL, remove ID, list or flush"}
	}
	s, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	switch verb := fs.Arg(0); verb {
	case "add":
		if fs.NArg() != 2 {
			return usageError{"webhook add: want one URL"}
		}
		h, err := s.AddWebhook(ctx, fs.Arg(1))
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "webhook %d: %s; alerts raised from now on are POSTed to it as JSON\n", h.ID, h.URL)
		return nil
	case "remove", "rm":
		return removeByID(a, fs, "webhook remove", "one webhook ID",
			func(id int64) error { return s.RemoveWebhook(ctx, id) }, "webhook %d removed with its queued deliveries\n")
	case "list", "ls":
		hs, err := s.Webhooks(ctx)
		if err != nil {
			return err
		}
		pending, err := s.PendingDeliveries(ctx, time.Now().Add(100*365*24*time.Hour), sqlite.MaxLimit)
		if err != nil {
			return err
		}
		queued := map[int64]int{}
		for _, d := range pending {
			queued[d.Webhook.ID]++
		}
		t := &table{header: []string{"webhook", "url", "queued", "added"}}
		for _, h := range hs {
			t.add(h.ID, h.URL, queued[h.ID], h.Added.UTC().Format(time.RFC3339))
		}
		return t.write(a.stdout, "table")
	case "flush":
		r := flushWebhooks(a, s, *timeout)
		fmt.Fprintf(a.stdout, "%d delivered, %d failed and %d held back (still queued)\n", r.Delivered, r.Failed, r.Held)
		return nil
	default:
		return usageError{fmt.Sprintf("webhook: unknown action %q (want add, remove, list or flush)", verb)}
	}
}

// ---------------------------------------------------------------------------
// changes

func runChanges(a *app, args []string) error {
	fs := a.newFlags("changes")
	db := fs.String("db", defaultDB(), "the store")
	since := fs.String("since", "", "compare the graph as of this date (YYYY-MM-DD) with now")
	limit := fs.Int("limit", 20, "rows per kind of change")
	quiet := fs.Int("quiet-days", 180, "a relationship has gone quiet when its last evidence is this many days older than the newest document")
	format := fs.String("format", "table", "output format: table, json or csv")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *since == "" || !validDate(*since) {
		return usageError{fmt.Sprintf("changes: want --since DATE (YYYY-MM-DD), got %q", *since)}
	}
	if err := checkFormat("changes", *format); err != nil {
		return err
	}
	s, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	ch, err := newEngine(s).Changes(ctx, *since, query.ChangeOptions{Limit: *limit, QuietDays: *quiet})
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(a.stdout, ch)
	}
	if *format == "csv" {
		t := &table{header: []string{"kind", "edge", "source", "type", "target", "negated", "count", "count_before", "sources", "sources_before",
			"last_evidence", "score", "doc_id", "doc_title", "published", "sentence"}}
		for _, c := range ch.Relations {
			t.add(c.Kind, c.Edge.ID, c.Edge.SourceName, c.Edge.Type, c.Edge.TargetName, c.Edge.Negated, c.Edge.Count, c.CountBefore,
				c.Sources, c.SourcesBefore, c.LastEvidence, strconv.FormatFloat(c.Score, 'f', 2, 64), c.Evidence.DocID, c.Evidence.DocTitle,
				c.Evidence.Published, c.Evidence.Sentence)
		}
		for _, n := range ch.NewActors {
			ev := actorgraph.EvidenceRow{DocID: n.FirstDoc, DocTitle: n.DocTitle}
			if n.Evidence != nil {
				ev = *n.Evidence
			}
			t.add("new_actor", "", n.Actor.Name, n.Actor.Type, "", "", n.Actor.Evidence, 0, "", "", n.FirstSeen, "", ev.DocID, ev.DocTitle,
				ev.Published, ev.Sentence)
		}
		return t.write(a.stdout, "csv")
	}
	w := a.stdout
	fmt.Fprintf(w, "changes since %s (newest document %s; quiet = no evidence since %s and none after %s)\n", ch.Since, ch.Latest, ch.Since, ch.QuietBefore)
	heads := map[query.ChangeKind]string{
		query.ChangeNew: "new relationships", query.ChangeContested: "newly contested", query.ChangeStrengthened: "strengthened (more independent sources)",
		query.ChangeQuiet: "gone quiet",
	}
	for _, k := range query.ChangeKinds {
		var rows []query.Change
		for _, c := range ch.Relations {
			if c.Kind == k {
				rows = append(rows, c)
			}
		}
		fmt.Fprintf(w, "\n%s: %d\n", heads[k], ch.Totals[k])
		for _, c := range rows {
			extra := ""
			switch k {
			case query.ChangeStrengthened:
				extra = fmt.Sprintf("  sources %d→%d", c.SourcesBefore, c.Sources)
			case query.ChangeQuiet:
				extra = "  last " + c.LastEvidence
			}
			fmt.Fprintf(w, "  %s%s\n", edgeLine(c.Edge), extra)
			citeRow(w, c.Evidence)
		}
		if ch.Totals[k] > len(rows) {
			fmt.Fprintf(w, "  ... %d more (--limit)\n", ch.Totals[k]-len(rows))
		}
	}
	fmt.Fprintf(w, "\nactors first seen: %d\n", ch.ActorsTotal)
	for _, n := range ch.NewActors {
		fmt.Fprintf(w, "  %s (#%d, %s) first %s, %s\n", n.Actor.Name, n.Actor.ID, n.Actor.Type, n.FirstSeen, plural(n.Actor.Evidence, "evidence sentence"))
		if n.Evidence != nil {
			citeRow(w, *n.Evidence)
		} else {
			fmt.Fprintf(w, "      — named in %s (document %d)\n", n.DocTitle, n.FirstDoc)
		}
	}
	if len(ch.NewActors) < ch.ActorsTotal {
		fmt.Fprintf(w, "  ... %d more (--limit)\n", ch.ActorsTotal-len(ch.NewActors))
	}
	return nil
}

// citeRow prints one evidence sentence and its source under a line.
func citeRow(w io.Writer, r actorgraph.EvidenceRow) {
	if r.Sentence == "" {
		return
	}
	fmt.Fprintf(w, "      %q — %s (document %d%s)\n", clip(r.Sentence, 200), r.DocTitle, r.DocID, datePart(r.Published, r.DocURL))
}

// ---------------------------------------------------------------------------
// network

func runNetwork(a *app, args []string) error {
	fs := a.newFlags("network")
	db := fs.String("db", defaultDB(), "the store")
	top := fs.Int("top", 20, "brokers to list")
	typ := fs.String("type", "", "only relationships of these types (comma-separated)")
	since := fs.String("since", "", "only relationships with evidence dated on or after this date")
	until := fs.String("until", "", "only relationships with evidence dated on or before this date")
	places := fs.Bool("places", false, "include LOCATED_IN relationships (left out by default: places are not brokers)")
	format := fs.String("format", "table", "output format: table, json or csv")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkFormat("network", *format); err != nil {
		return err
	}
	for _, d := range []string{*since, *until} {
		if d != "" && !validDate(d) {
			return usageError{fmt.Sprintf("network: %q is not a date (want YYYY-MM-DD)", d)}
		}
	}
	var types []actorgraph.RelationType
	if *typ != "" {
		for _, p := range strings.Split(*typ, ",") {
			t, err := actorgraph.ParseRelationType(p)
			if err != nil {
				return err
			}
			types = append(types, t)
		}
	}
	s, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := network.Load(context.Background(), s, network.Filter{Types: types, Since: *since, Until: *until, Places: *places, PageSize: sqlite.MaxLimit},
		network.Options{Top: *top, Ties: 2})
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(a.stdout, res)
	}
	t := &table{header: []string{"rank", "actor", "name", "community", "betweenness", "degree", "bridges", "reaches", "evidence", "tie", "sentence", "document"}}
	for i, b := range res.Brokers {
		tie := ""
		if len(b.Ties) > 0 {
			e := b.Ties[0]
			neg := ""
			if e.Negated {
				neg = "NOT "
			}
			tie = fmt.Sprintf("%s %s%s %s (#%d)", e.SourceName, neg, e.Type, e.TargetName, e.ID)
		}
		t.add(i+1, "#"+strconv.FormatInt(int64(b.Actor), 10), b.Name, b.Community, strconv.FormatFloat(b.Betweenness, 'f', 4, 64),
			b.Degree, b.Bridges, b.Reaches, b.Evidence, tie, b.Evidence.Sentence, fmt.Sprintf("%d %s", b.Evidence.DocID, b.Evidence.DocTitle))
	}
	if *format == "csv" {
		return t.write(a.stdout, "csv")
	}
	est := ""
	if !res.Exact {
		est = ", betweenness estimated from a sample of sources"
	}
	fmt.Fprintf(a.stdout, "%d actors, %d links, %d communities%s\n\nbrokers (betweenness, then partners in other communities):\n",
		res.Actors, res.Links, len(res.Communities), est)
	for i, b := range res.Brokers {
		fmt.Fprintf(a.stdout, "%2d. %s (#%d)  betweenness %.4f, %d partners, %d in %d other communities, community %d\n",
			i+1, b.Name, b.Actor, b.Betweenness, b.Degree, b.Bridges, b.Reaches, b.Community)
		for _, e := range b.Ties {
			fmt.Fprintf(a.stdout, "      %s\n", edgeLine(e))
		}
		citeRow(a.stdout, b.Evidence)
	}
	fmt.Fprintln(a.stdout, "\ncommunities:")
	for i, c := range res.Communities {
		if i == 15 {
			fmt.Fprintf(a.stdout, "  ... %d more\n", len(res.Communities)-15)
			break
		}
		names := c.Names
		if len(names) > 8 {
			names = append(names[:8:8], "…")
		}
		fmt.Fprintf(a.stdout, "  %d (%d): %s\n", c.ID, c.Size, strings.Join(names, ", "))
	}
	return nil
}

// ---------------------------------------------------------------------------
// source reliability and assessments

func runSourceReliability(a *app, args []string) error {
	fs := a.newFlags("source-reliability")
	db := fs.String("db", defaultDB(), "the store")
	note := fs.String("note", "", "why (kept in the assessment log)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 && fs.NArg() != 2 {
		return usageError{"source-reliability: want PUBLISHER GRADE (A–F), or nothing to list the grades"}
	}
	s, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	if fs.NArg() == 2 {
		r, err := actorgraph.ParseReliability(fs.Arg(1))
		if err != nil {
			return err
		}
		if err := s.SetReliability(ctx, fs.Arg(0), r, *note); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%q graded %s (%s)\n", fs.Arg(0), r, reliabilityWords[r])
		return nil
	}
	ps, err := s.Reliabilities(ctx)
	if err != nil {
		return err
	}
	t := &table{header: []string{"publisher", "reliability", "meaning", "note"}}
	for _, p := range ps {
		t.add(p.Publisher, p.Reliability, reliabilityWords[p.Reliability], p.Note)
	}
	return t.write(a.stdout, "table")
}

var reliabilityWords = map[actorgraph.Reliability]string{
	"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
	"D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
}

func runAssess(a *app, args []string) error {
	fs := a.newFlags("assess")
	db := fs.String("db", defaultDB(), "the store")
	conf := fs.String("confidence", "", "analyst confidence: low, moderate or high")
	cred := fs.Int("credibility", 0, "information credibility 1–6, replacing the derived grade")
	clearIt := fs.Bool("clear", false, "remove the analyst's confidence and credibility")
	note := fs.String("note", "", "why (kept in the assessment log)")
	showLog := fs.Bool("log", false, "list every assessment and source grade recorded, oldest first")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *showLog && fs.NArg() == 0 {
		return assessmentLog(a, *db)
	}
	if fs.NArg() != 1 {
		return usageError{"assess: want one #EDGE (see 'actorgraph relations'), or --log"}
	}
	id, err := parseID("assess", fs.Arg(0))
	if err != nil {
		return err
	}
	s, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	as, err := s.Assess(ctx, actorgraph.EdgeID(id), actorgraph.AnalystAssessment{
		Confidence: actorgraph.Confidence(*conf), Credibility: *cred, Clear: *clearIt, Note: *note})
	if err != nil {
		return err
	}
	e, err := s.Edge(ctx, actorgraph.EdgeID(id))
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, edgeLine(e))
	fmt.Fprintf(a.stdout, "  %s\n", assessLine(as))
	return nil
}

func assessmentLog(a *app, db string) error {
	s, err := openExisting(db)
	if err != nil {
		return err
	}
	defer s.Close()
	log, err := s.AssessmentLog(context.Background())
	if err != nil {
		return err
	}
	t := &table{header: []string{"id", "at", "edge", "publisher", "field", "value", "note"}}
	for _, c := range log {
		edge := ""
		if c.Edge != 0 {
			edge = "#" + strconv.FormatInt(int64(c.Edge), 10)
		}
		t.add(c.ID, c.At.UTC().Format(time.RFC3339), edge, c.Publisher, c.Field, c.Value, c.Note)
	}
	return t.write(a.stdout, "table")
}

// assessments reads the four assessments of edges (nil when the store has
// none).
func assessments(ctx context.Context, s actorgraph.Store, es []actorgraph.Edge) (map[actorgraph.EdgeID]actorgraph.Assessment, error) {
	as, ok := s.(actorgraph.Assessor)
	if !ok {
		return nil, nil
	}
	if len(es) == 0 {
		return map[actorgraph.EdgeID]actorgraph.Assessment{}, nil
	}
	ids := make([]actorgraph.EdgeID, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	return as.Assessments(ctx, ids)
}

// assessLine shows the four assessments side by side, never blended.
func assessLine(a actorgraph.Assessment) string {
	cred := fmt.Sprintf("credibility %d", a.Credibility)
	if a.AnalystCredibility != 0 {
		cred += fmt.Sprintf(" (analyst; derived %d)", a.DerivedCredibility)
	} else {
		cred += " (derived)"
	}
	mod := string(a.Modality)
	if a.Negated {
		mod = "negated, " + mod
	}
	conf := string(a.Confidence)
	if conf == "" {
		conf = "not assessed"
	}
	return fmt.Sprintf("reliability %s · %s, %s · text: %s · analyst confidence: %s",
		a.Reliability, cred, plural(a.IndependentSources, "independent source"), mod, conf)
}

// assessmentCells are the CSV columns of the four assessments.
var assessmentHeader = []string{"reliability", "credibility", "derived_credibility", "independent_sources", "modality", "analyst_confidence"}

func assessmentCells(a actorgraph.Assessment) []string {
	return []string{string(a.Reliability), strconv.Itoa(a.Credibility), strconv.Itoa(a.DerivedCredibility),
		strconv.Itoa(a.IndependentSources), string(a.Modality), string(a.Confidence)}
}

// assessedEdge is an edge with its assessments, for JSON.
type assessedEdge struct {
	actorgraph.Edge
	Assessment *actorgraph.Assessment `json:"assessment,omitempty"`
}

func withAssessments(es []actorgraph.Edge, m map[actorgraph.EdgeID]actorgraph.Assessment) []assessedEdge {
	out := make([]assessedEdge, len(es))
	for i, e := range es {
		out[i].Edge = e
		if a, ok := m[e.ID]; ok {
			out[i].Assessment = &a
		}
	}
	return out
}

// filterAssessed reads every edge f selects, then their assessments in
// one call (one pass over the evidence on a large store), and keeps those
// that pass af, returning the page asked for and the total.
func filterAssessed(ctx context.Context, s actorgraph.Store, f actorgraph.EdgeFilter, af actorgraph.AssessmentFilter) ([]actorgraph.Edge, int, error) {
	want := f.Page
	var all []actorgraph.Edge
	for off := 0; ; {
		f.Page = actorgraph.Page{Offset: off, Limit: sqlite.MaxLimit}
		es, total, err := s.Edges(ctx, f)
		if err != nil {
			return nil, 0, err
		}
		all = append(all, es...)
		off += len(es)
		if len(es) == 0 || off >= total {
			break
		}
	}
	m, err := assessments(ctx, s, all)
	if err != nil {
		return nil, 0, err
	}
	var kept []actorgraph.Edge
	for _, e := range all {
		if a, ok := m[e.ID]; ok && af.Match(a) {
			kept = append(kept, e)
		}
	}
	total := len(kept)
	lo := min(want.Offset, total)
	hi := total
	if want.Limit > 0 {
		hi = min(lo+want.Limit, total)
	}
	return kept[lo:hi], total, nil
}

// removeByID runs a "remove ID" subcommand: one numeric argument after the
// verb, the removal, and a confirmation.
func removeByID(a *app, fs *flag.FlagSet, cmd, want string, remove func(id int64) error, done string) error {
	if fs.NArg() != 2 {
		return usageError{cmd + ": want " + want}
	}
	id, err := parseID(cmd, fs.Arg(1))
	if err != nil {
		return err
	}
	if err := remove(id); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, done, id)
	return nil
}
