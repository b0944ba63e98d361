package e2e_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/web"
)

// TestCommitmentsPage: a broken commitment shows the pledge and the
// sentences of contrary conduct side by side, each linked to its report;
// the actor and "broken only" filters narrow the list.
func TestCommitmentsPage(t *testing.T) {
	base, tab := setup(t)
	run(t, tab, "open the commitments",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("nav.links")),
		chromedp.Click(chromedp.CSS(`nav.links a[href="/commitments"]`)),
		chromedp.WaitVisible(chromedp.CSS("#commitments section.commitment")),
	)
	all := eval[int](t, tab, "document.querySelectorAll('#commitments section.commitment').length")
	statuses := eval[[]string](t, tab, "[...new Set([...document.querySelectorAll('#commitments section.commitment')].map(c => c.dataset.status))]")
	if len(statuses) < 2 {
		t.Errorf("statuses shown: %v, want broken and open ones", statuses)
	}
	shot(t, tab, "commitments-all")

	run(t, tab, "filter by actor and broken only",
		chromedp.SendKeys(chromedp.CSS("#cm-actor"), "Taliban"),
		chromedp.Click(chromedp.CSS("#cm-broken")),
		chromedp.Click(chromedp.CSS(".an-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(`#commitments section.commitment[data-status="broken"] .an-against blockquote`)),
	)
	if q := eval[string](t, tab, "location.search"); !strings.Contains(q, "actor=Taliban") || !strings.Contains(q, "broken=true") {
		t.Errorf("the filters are not in the URL: %s", q)
	}
	type card struct {
		Status, Head, Pledge string
		Against              []string
		Links                int
	}
	cards := eval[[]card](t, tab, `[...document.querySelectorAll('#commitments section.commitment')].map(c => ({
		Status: c.dataset.status,
		Head: c.querySelector('.an-head').textContent,
		Pledge: (c.querySelector('.an-side blockquote') || {}).textContent || '',
		Against: [...c.querySelectorAll('.an-against blockquote')].map(b => b.textContent),
		Links: c.querySelectorAll('.ev-meta a[href^="/document/"]').length,
	}))`)
	if len(cards) == 0 || len(cards) >= all {
		t.Fatalf("%d commitments after filtering, %d before", len(cards), all)
	}
	found := false
	for _, c := range cards {
		if c.Status != "broken" && c.Status != "contested" {
			t.Errorf("broken only lists a %s commitment: %s", c.Status, c.Head)
		}
		if !strings.Contains(c.Head, "Taliban") {
			t.Errorf("filtered by Taliban, got %q", c.Head)
		}
		if c.Pledge == "" || len(c.Against) == 0 || c.Links < 1+len(c.Against) {
			t.Errorf("%q: pledge %q, %d contrary sentences, %d report links", c.Head, c.Pledge, len(c.Against), c.Links)
		}
		if c.Status == "broken" && strings.Contains(c.Pledge, "al-Qaeda") && strings.Contains(strings.Join(c.Against, " "), "Taliban") {
			found = true
		}
	}
	if !found {
		t.Errorf("no broken Taliban pledge about al-Qaeda beside contrary sentences: %+v", cards)
	}
	shot(t, tab, "commitments")

	run(t, tab, "an unknown actor",
		chromedp.Navigate(base+"/commitments?actor=Zqxwv"),
		chromedp.WaitVisible(chromedp.CSS("#commitments .error")),
	)
}

// TestChangesPage: changes since a date list relationships, each citing
// its sentence and linking to its actors and report; without a date the
// page picks one.
func TestChangesPage(t *testing.T) {
	base, tab := setup(t)
	run(t, tab, "changes since 2025-01-01",
		chromedp.Navigate(base+"/changes?since=2025-01-01"),
		chromedp.WaitVisible(chromedp.CSS("#ch-new ol.an-changes li blockquote")),
	)
	type row struct {
		Actors, Docs int
		Quote        string
	}
	rows := eval[[]row](t, tab, `[...document.querySelectorAll('#changes ol.an-changes > li[data-edge]')].map(li => ({
		Actors: li.querySelectorAll('.edge-title a[href^="/actor/"]').length,
		Docs: li.querySelectorAll('.ev-meta a[href^="/document/"]').length,
		Quote: (li.querySelector('blockquote') || {}).textContent || '',
	}))`)
	if len(rows) == 0 {
		t.Fatal("no changed relationship listed")
	}
	for _, r := range rows {
		if r.Actors != 2 || r.Docs != 1 || len(r.Quote) < 20 {
			t.Errorf("change row: %+v, want both actors linked, its sentence and its report", r)
		}
	}
	if n := eval[int](t, tab, "document.querySelectorAll('#ch-actors li').length"); n == 0 {
		t.Error("no actor first seen since 2025-01-01")
	}
	if v := eval[string](t, tab, "document.getElementById('ch-since').value"); v != "2025-01-01" {
		t.Errorf("date picker shows %q", v)
	}
	shot(t, tab, "changes")

	run(t, tab, "changes without a date",
		chromedp.Navigate(base+"/changes"),
		chromedp.WaitVisible(chromedp.CSS("#changes .an-totals")),
	)
	if q := eval[string](t, tab, "location.search"); !strings.HasPrefix(q, "?since=") {
		t.Errorf("no date chosen: %q", q)
	}

	// an as-of view says the date does not apply instead of failing
	run(t, tab, "changes in an as-of view",
		chromedp.Navigate(base+"/changes?since=2025-01-01&as_of=2025-03-01"),
		chromedp.WaitVisible(chromedp.CSS("#ch-new ol.an-changes li")),
		chromedp.WaitVisible(chromedp.CSS("p.an-latest")),
	)
}

// TestNetworkPage: the brokers, with their communities and ties; a tie
// opens its evidence with the four assessments; the type filter narrows
// what counts.
func TestNetworkPage(t *testing.T) {
	base, tab := setup(t)
	run(t, tab, "open the network",
		chromedp.Navigate(base+"/network"),
		chromedp.WaitVisible(chromedp.CSS(`#brokers tr.an-broker a[href^="/actor/"]`)),
		chromedp.WaitVisible(chromedp.CSS("#communities li")),
	)
	first := text(t, tab, "#brokers tr.an-broker td:nth-child(2)")
	if first == "" {
		t.Fatal("no broker named")
	}
	if n := eval[int](t, tab, "document.querySelectorAll('#brokers .an-ties blockquote').length"); n == 0 {
		t.Error("no broker cites a sentence")
	}
	// the overview draws actors coloured by community
	run(t, tab, "the overview", chromedp.WaitVisible(chromedp.CSS(`#overview svg.graph[data-settled="true"] g.node`)))
	if n := eval[int](t, tab, "document.querySelectorAll('#overview g.node[class*=\"cm-\"]').length"); n < 10 {
		t.Errorf("%d actors coloured by community in the overview", n)
	}
	run(t, tab, "open a tie's evidence",
		chromedp.Click(chromedp.CSS("#brokers .an-tielist button.link")),
		chromedp.WaitVisible(chromedp.CSS("#evidence ol.evidence blockquote")),
		chromedp.WaitVisible(chromedp.CSS("#evidence section.assess dl")),
	)
	grid := text(t, tab, "#evidence section.assess dl")
	for _, want := range []string{"Source reliability", "Information credibility", "Modality", "Analyst confidence"} {
		if !strings.Contains(grid, want) {
			t.Errorf("assessments lack %q: %q", want, grid)
		}
	}
	shot(t, tab, "network")
	shotOf(t, tab, "evidence-assessments", "#evidence")

	run(t, tab, "only attacks",
		chromedp.Navigate(base+"/network?type=ATTACKS&since=2020-01-01&until=2025-12-31"),
		chromedp.WaitVisible(chromedp.CSS(`#brokers tr.an-broker`)),
	)
	if types := eval[[]string](t, tab, "[...new Set([...document.querySelectorAll('#brokers .an-tielist .rel')].map(r => r.textContent.replace('NOT ', '')))]"); len(types) != 1 || types[0] != "attacks" {
		t.Errorf("ties of an ATTACKS network: %v", types)
	}
	if n := eval[int](t, tab, "document.querySelectorAll('form.an-filters input[type=checkbox]:checked').length"); n != 1 {
		t.Errorf("%d type chips checked, want 1", n)
	}
}

// TestDocumentTakeaways: the document page shows the report's key
// takeaways with their reasons, its judgments on the ICD 203 scale and
// its conditionals as if/then.
func TestDocumentTakeaways(t *testing.T) {
	base, tab := setup(t)
	// the first report whose brief holds a conditional judgment
	var docs struct {
		Items []struct {
			ID int64 `json:"id"`
		}
	}
	getJSON(t, base+"/api/documents?limit=100", &docs)
	var id int64
	for _, d := range docs.Items {
		var b struct {
			Judgments []struct{ Kind string }
		}
		getJSON(t, fmt.Sprintf("%s/api/documents/%d/brief", base, d.ID), &b)
		for _, j := range b.Judgments {
			if j.Kind == "conditional" && id == 0 {
				id = d.ID
			}
		}
	}
	if id == 0 {
		t.Fatalf("no report among %d has a conditional judgment", len(docs.Items))
	}
	run(t, tab, "open the report",
		chromedp.Navigate(fmt.Sprintf("%s/document/%d", base, id)),
		chromedp.WaitVisible(chromedp.CSS("#brief ol.takeaways li blockquote")),
		chromedp.WaitVisible(chromedp.CSS(".report-text mark.ent")),
	)
	n := eval[int](t, tab, "document.querySelectorAll('#brief ol.takeaways > li').length")
	if n < 3 || n > 5 {
		t.Errorf("%d takeaways, want 3 to 5", n)
	}
	if r := eval[[]string](t, tab, "[...document.querySelectorAll('#brief ol.takeaways p.reasons')].map(p => p.textContent)"); len(r) != n || !strings.HasPrefix(r[0], "Why: ") || len(r[0]) < 10 {
		t.Errorf("reasons %q for %d takeaways", r, n)
	}
	levels := eval[[]string](t, tab, "[...document.querySelectorAll('#brief .judgment .icd')].map(b => b.textContent)")
	if len(levels) == 0 || !strings.Contains(strings.Join(levels, " "), "likely") {
		t.Errorf("judgment levels: %v", levels)
	}
	if s := text(t, tab, "#brief p.ifthen"); !strings.Contains(s, " → ") || s[0] < 'A' || s[0] > 'Z' {
		t.Errorf("conditional: %q", s)
	}
	// the connective shown is the sentence's own ("unless" is not "if"),
	// found through byte offsets
	for _, c := range []struct{ sentence, condition, want string }{
		{"If the rebels advance, the talks will likely fail.", "the rebels advance", "If"},
		{"Unless the army withdraws, fighting is expected to resume.", "the army withdraws", "Unless"},
		{"– As long as Kyiv’s allies pay, the front will probably hold.", "Kyiv’s allies pay", "As long as"},
		{"The talks will likely fail, the envoy said, the rebels advance.", "the rebels advance", "If"},
	} {
		got := eval[string](t, tab, fmt.Sprintf(`import('/js/brief.js').then(m => {
			const s = %q, c = %q, enc = new TextEncoder();
			const at = enc.encode(s.slice(0, s.indexOf(c))).length;
			return m.connective({sentence: s, span: {start: 100}, condition: {text: c, span: {start: 100 + at}}});
		})`, c.sentence, c.condition))
		if got != c.want {
			t.Errorf("connective of %q = %q, want %q", c.sentence, got, c.want)
		}
	}
	shot(t, tab, "document-takeaways")
	shotOf(t, tab, "takeaways", "#brief")
}

// TestAlertsPage: alerts for a watched actor, newest first, each with its
// sentence; the page links to the Atom feed. The alerts come from a store
// of its own: a watch, then a later report.
func TestAlertsPage(t *testing.T) {
	_, tab := setup(t)
	base := alertServer(t)
	run(t, tab, "open the alerts",
		chromedp.Navigate(base+"/alerts"),
		chromedp.WaitVisible(chromedp.CSS("#alerts ol.an-alerts li blockquote")),
	)
	type alert struct{ Kind, Head, Quote string }
	as := eval[[]alert](t, tab, `[...document.querySelectorAll('#alerts ol.an-alerts > li')].map(li => ({
		Kind: li.dataset.kind, Head: li.querySelector('.an-head').textContent, Quote: li.querySelector('blockquote').textContent}))`)
	if len(as) == 0 {
		t.Fatal("no alert shown")
	}
	for _, a := range as {
		if !strings.Contains(a.Head, "Hezbollah") || !strings.Contains(a.Quote, "Hezbollah") || a.Kind == "" {
			t.Errorf("alert %+v: want one for the watched Hezbollah, with its sentence", a)
		}
	}
	if href := eval[string](t, tab, "document.querySelector('a.feed').getAttribute('href')"); href != "/api/alerts.atom" {
		t.Errorf("feed link %q", href)
	}
	shot(t, tab, "alerts")
}

// alertServer serves a store of two reports written for this test, with
// Hezbollah watched between them.
func alertServer(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	s, x := tempStore(t, "alerts.db")
	put := func(title, published, text string) {
		t.Helper()
		text = "Published: " + published + "\n\n" + text
		if _, err := s.PutDocument(ctx, actorgraph.Document{Title: title, Published: published, Text: text}, x.Extract(text)); err != nil {
			t.Fatal(err)
		}
	}
	put("An earlier note", "2025-01-10", "Iran supports Hezbollah in Lebanon, officials said.")
	as, err := s.Resolve(ctx, "Hezbollah")
	if err != nil || len(as) != 1 {
		t.Fatalf("resolve Hezbollah: %v %v", as, err)
	}
	if _, err := s.AddWatch(ctx, as[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CheckWatches(ctx); err != nil {
		t.Fatal(err)
	}
	put("A later note", "2025-02-10", "Israel attacked Hezbollah positions in southern Lebanon on Monday. Syria condemned Hezbollah, its foreign ministry said.")
	raised, err := s.CheckWatches(ctx)
	if err != nil || len(raised) == 0 {
		t.Fatalf("no alert raised: %v", err)
	}
	h, err := web.New(web.Config{Store: s, Extractor: x, Loopback: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}
