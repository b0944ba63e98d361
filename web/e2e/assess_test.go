package e2e_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/web"
)

// TestAssessmentsOnActorPage: the actor page's relationships and the
// network's edges show the four assessments apart; the reliability,
// credibility and confidence filters narrow the list and the network to
// the relationships the API's filters select.
func TestAssessmentsOnActorPage(t *testing.T) {
	_, tab := setup(t)
	base, hezbollah, supports := assessServer(t)
	settled := chromedp.WaitVisible(chromedp.CSS(`svg.graph[data-settled="true"] g.node`))
	run(t, tab, "open the actor",
		chromedp.Navigate(fmt.Sprintf("%s/actor/%d", base, hezbollah)), settled,
		chromedp.WaitVisible(chromedp.CSS("#relations .assess-badges")))

	type row struct {
		Edge   string
		Grades []string
		Title  string
	}
	rows := func() []row {
		return eval[[]row](t, tab, `[...document.querySelectorAll('#relations tr')].map(tr => ({
			Edge: tr.querySelector('button[data-edge-id]').dataset.edgeId,
			Grades: [...tr.querySelectorAll('.assess-badges > span:not(.sep)')].map(s => s.textContent),
			Title: [...tr.querySelectorAll('.assess-badges [title]')].map(s => s.title).join(' | '),
		}))`)
	}
	all := rows()
	var listed struct {
		Items       []actorgraph.Edge
		Assessments map[string]actorgraph.Assessment
	}
	getJSON(t, fmt.Sprintf("%s/api/relations?actor=%d&limit=500", base, hezbollah), &listed)
	if len(all) != len(listed.Items) || len(all) < 3 {
		t.Fatalf("%d relationships listed, the API has %d", len(all), len(listed.Items))
	}
	for _, r := range all {
		a := listed.Assessments[r.Edge]
		want := []string{string(a.Reliability), fmt.Sprint(a.Credibility), string(a.Modality), cmp(string(a.Confidence), "–")}
		if a.Negated {
			want = slices.Insert(want, 2, "negated")
		}
		if !slices.Equal(r.Grades, want) {
			t.Errorf("edge %s shows %q, want %q", r.Edge, r.Grades, want)
		}
		for _, w := range []string{"Source reliability", "Information credibility", "Analyst confidence"} {
			if !strings.Contains(r.Title, w) {
				t.Errorf("edge %s: no %q tooltip in %q", r.Edge, w, r.Title)
			}
		}
	}
	if got := eval[string](t, tab, fmt.Sprintf(`document.querySelector('#relations button[data-edge-id="%d"]').closest('tr').querySelector('.assess-badges').textContent`, supports)); got != "B·3·asserted·high" {
		t.Errorf("the assessed relationship shows %q, want B·3·asserted·high", got)
	}
	title := eval[string](t, tab, fmt.Sprintf(`document.querySelector('g.edge[data-edge-id="%d"] title').textContent`, supports))
	if !strings.Contains(title, "Source reliability B") || !strings.Contains(title, "analyst confidence high") {
		t.Errorf("network tooltip: %q", title)
	}
	if eval[int](t, tab, "document.querySelectorAll('details.assess-legend dt').length") != 4 {
		t.Error("no legend of the four assessments")
	}
	shot(t, tab, "assess-actor")

	drawn := func() []string {
		return eval[[]string](t, tab, `[...document.querySelectorAll('g.edge')].map(g => g.dataset.edgeId).sort()`)
	}
	var g struct {
		Edges       []actorgraph.Edge
		Assessments map[string]actorgraph.Assessment
	}
	getJSON(t, fmt.Sprintf("%s/api/actors/%d/graph?hops=1&limit=300", base, hezbollah), &g)
	if n := len(drawn()); n != len(g.Edges) {
		t.Fatalf("%d edges drawn, the API has %d", n, len(g.Edges))
	}
	setFilter := func(js string) {
		eval[any](t, tab, `(() => { const f = document.querySelector('form.filters'); `+js+`; f.querySelector('fieldset.assess-filter select').dispatchEvent(new Event('change', {bubbles: true})); })()`)
		run(t, tab, "filter", chromedp.Sleep(150*time.Millisecond), settled)
	}
	for _, tc := range []struct {
		js, query string
		keep      func(a actorgraph.Assessment) bool
	}{
		{`f.querySelector('select[name="reliability"]').value = 'A-C'`, "reliability=A-C",
			func(a actorgraph.Assessment) bool { return a.Reliability <= "C" }},
		{`f.querySelector('select[name="reliability"]').value = ''; f.querySelector('select[name="credibility"]').value = '1-3'`, "credibility=1-3",
			func(a actorgraph.Assessment) bool { return a.Credibility <= 3 }},
		{`f.querySelector('select[name="credibility"]').value = ''; f.querySelector('input[name="confidence"][value=""]').checked = false`, "confidence=low,moderate,high",
			func(a actorgraph.Assessment) bool { return a.Confidence != "" }},
	} {
		setFilter(tc.js)
		var want struct {
			Items []actorgraph.Edge
			Total int
		}
		getJSON(t, fmt.Sprintf("%s/api/relations?actor=%d&limit=500&%s", base, hezbollah, tc.query), &want)
		var ids []string
		for _, e := range want.Items {
			ids = append(ids, fmt.Sprint(e.ID))
		}
		var got []string
		for _, r := range rows() {
			got = append(got, r.Edge)
		}
		slices.Sort(ids)
		slices.Sort(got)
		if !slices.Equal(got, ids) || len(got) == 0 || len(got) == len(all) {
			t.Errorf("%s: list shows %v, the API selects %v (of %d)", tc.query, got, ids, len(all))
		}
		var net []string
		for _, e := range g.Edges {
			if tc.keep(g.Assessments[fmt.Sprint(e.ID)]) {
				net = append(net, fmt.Sprint(e.ID))
			}
		}
		slices.Sort(net)
		if d := drawn(); !slices.Equal(d, net) {
			t.Errorf("%s: network draws %v, want %v", tc.query, d, net)
		}
		if tc.query == "reliability=A-C" {
			shot(t, tab, "assess-filtered")
		}
	}
	setFilter(`f.querySelector('input[name="confidence"][value=""]').checked = true`)
	if n := len(rows()); n != len(all) {
		t.Errorf("filters cleared: %d relationships listed, want %d", n, len(all))
	}

	run(t, tab, "open the evidence from the network",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#relations button[data-edge-id="%d"]`, supports))),
		chromedp.WaitVisible(chromedp.CSS(`#evidence section.assess dl.assess-grid`)))
	shotOf(t, tab, "assess-evidence", "#evidence")

	run(t, tab, "open the timeline",
		chromedp.Navigate(fmt.Sprintf("%s/timeline/%d", base, hezbollah)),
		chromedp.WaitVisible(chromedp.CSS("ol.timeline li.event")))
	events := eval[int](t, tab, "document.querySelectorAll('ol.timeline li.event').length")
	if n := eval[int](t, tab, "document.querySelectorAll('ol.timeline li.event .assess-badges').length"); n != events || n == 0 {
		t.Errorf("%d of %d timeline events show their assessments", n, events)
	}
	shot(t, tab, "assess-timeline")
}

func cmp(s, empty string) string {
	if s == "" {
		return empty
	}
	return s
}

// assessServer serves a store of a few reports of two graded publishers,
// with one relationship assessed by the analyst; it returns the base URL,
// Hezbollah's id and the id of the assessed relationship.
func assessServer(t *testing.T) (string, actorgraph.ActorID, actorgraph.EdgeID) {
	t.Helper()
	ctx := context.Background()
	s, x := tempStore(t, "assess.db")
	for i, r := range []struct{ publisher, text string }{
		{"Wire One", "Iran supports Hezbollah in Lebanon, officials said."},
		{"Wire Two", "Syria hosts Hezbollah fighters near Damascus, residents said."},
		{"Wire Two", "Israel attacked Hezbollah positions in southern Lebanon on Monday."},
		{"Wire Three", "Hamas is allied with Hezbollah, according to a statement."},
	} {
		published := fmt.Sprintf("2025-0%d-10", i+1)
		text := "Published: " + published + "\n\n" + r.text
		doc := actorgraph.Document{Title: fmt.Sprintf("Note %d", i+1), Publisher: r.publisher, Published: published, Text: text}
		if _, err := s.PutDocument(ctx, doc, x.Extract(text)); err != nil {
			t.Fatal(err)
		}
	}
	for pub, grade := range map[string]actorgraph.Reliability{"Wire One": "B", "Wire Two": "E", "Wire Three": "C"} {
		if err := s.SetReliability(ctx, pub, grade, ""); err != nil {
			t.Fatal(err)
		}
	}
	as, err := s.Resolve(ctx, "Hezbollah")
	if err != nil || len(as) != 1 {
		t.Fatalf("resolve Hezbollah: %v %v", as, err)
	}
	es, _, err := s.Edges(ctx, actorgraph.EdgeFilter{Actor: as[0].ID, Type: actorgraph.RelationType("SUPPORTS"), Page: actorgraph.Page{Limit: 5}})
	if err != nil || len(es) != 1 {
		t.Fatalf("Iran supports Hezbollah: %v %v", es, err)
	}
	if _, err := s.Assess(ctx, es[0].ID, actorgraph.AnalystAssessment{Confidence: actorgraph.ConfidenceHigh}); err != nil {
		t.Fatal(err)
	}
	// the analyst finds the hosting improbable
	hosts, _, err := s.Edges(ctx, actorgraph.EdgeFilter{Actor: as[0].ID, Type: actorgraph.RelationType("HOSTS"), Page: actorgraph.Page{Limit: 5}})
	if err != nil || len(hosts) != 1 {
		t.Fatalf("Syria hosts Hezbollah: %v %v", hosts, err)
	}
	if _, err := s.Assess(ctx, hosts[0].ID, actorgraph.AnalystAssessment{Credibility: 5}); err != nil {
		t.Fatal(err)
	}
	h, err := web.New(web.Config{Store: s, Extractor: x, Loopback: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL, as[0].ID, es[0].ID
}
