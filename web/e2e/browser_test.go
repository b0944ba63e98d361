package e2e_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestActorByAliasToEvidence searches an actor by an alias, opens its
// page, clicks an edge of the network and reads its evidence.
func TestActorByAliasToEvidence(t *testing.T) {
	base, tab := setup(t)
	run(t, tab, "open the start page",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("ul.docs li a")),
	)
	shot(t, tab, "home")

	// the suggestions list the actor under its alias
	run(t, tab, "type an alias",
		chromedp.SendKeys(chromedp.CSS("#q"), "ISKP"),
		chromedp.WaitVisible(chromedp.CSS("#suggest li[data-id]")),
	)
	if s := text(t, tab, "#suggest li[data-id]"); !strings.Contains(s, "Islamic State Khorasan") {
		t.Errorf("first suggestion for ISKP = %q, want Islamic State Khorasan Province", s)
	}
	shot(t, tab, "suggestions")

	// Enter on an exact alias goes straight to the actor
	run(t, tab, "press Enter",
		chromedp.SendKeys(chromedp.CSS("#q"), kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("#relations h3")),
		chromedp.WaitVisible(chromedp.CSS(`svg.graph[data-settled="true"] g.edge`)),
	)
	if h1 := text(t, tab, "main h1"); !strings.Contains(h1, "Islamic State Khorasan Province") {
		t.Fatalf("actor page heading = %q", h1)
	}
	if p := eval[string](t, tab, "location.pathname"); !strings.HasPrefix(p, "/actor/") {
		t.Errorf("after Enter the path is %s, want /actor/ID", p)
	}
	if aliases := text(t, tab, "#aliases"); !strings.Contains(aliases, "ISKP") {
		t.Errorf("aliases %q lack ISKP", aliases)
	}
	shot(t, tab, "actor")

	// click an edge on the drawing itself, at a point of its curve that
	// nothing covers
	pt := eval[struct {
		X, Y float64
		ID   string
		N    int
	}](t, tab, `(() => {
		const edges = [...document.querySelectorAll('svg.graph g.edge')];
		for (const g of edges) {
			const p = g.querySelector('path.hit');
			const len = p.getTotalLength();
			for (const f of [0.5, 0.4, 0.6, 0.3, 0.7]) {
				const q = p.getPointAtLength(len * f).matrixTransform(p.getScreenCTM());
				const hit = document.elementFromPoint(q.x, q.y);
				if (hit && hit.closest('g.edge') === g) return {X: q.x, Y: q.y, ID: g.dataset.edgeId, N: edges.length};
			}
		}
		return {X: 0, Y: 0, ID: '', N: edges.length};
	})()`)
	if pt.ID == "" {
		t.Fatalf("no edge of the %d drawn can be clicked", pt.N)
	}
	run(t, tab, "click edge "+pt.ID,
		chromedp.MouseClickXY(pt.X, pt.Y),
		chromedp.WaitVisible(chromedp.CSS("#evidence ol.evidence li blockquote")),
	)
	if got := eval[string](t, tab, "document.getElementById('evidence').dataset.edge"); got != pt.ID {
		t.Errorf("evidence panel shows edge %s, clicked %s", got, pt.ID)
	}
	quote := text(t, tab, "#evidence blockquote")
	if len(quote) < 20 {
		t.Errorf("evidence sentence %q is too short", quote)
	}
	marks := eval[int](t, tab, "document.querySelectorAll('#evidence blockquote mark').length")
	if marks == 0 {
		t.Errorf("evidence sentence %q highlights neither actor", quote)
	}
	src := eval[string](t, tab, "document.querySelector('#evidence .ev-meta a[href^=\"/document/\"]').textContent")
	if src == "" {
		t.Error("evidence has no link to its report")
	}
	if sel := eval[int](t, tab, "document.querySelectorAll('g.edge.selected').length"); sel != 1 {
		t.Errorf("%d edges drawn as selected, want 1", sel)
	}
	shot(t, tab, "actor-evidence")

	// the relationships list opens evidence too
	listed := eval[string](t, tab, fmt.Sprintf(`(() => {
		const b = [...document.querySelectorAll('#relations button[data-edge-id]')].find(b => b.dataset.edgeId !== %q);
		return b ? b.dataset.edgeId : '';
	})()`, pt.ID))
	if listed != "" {
		run(t, tab, "evidence from the list",
			chromedp.Click(chromedp.CSS(`#relations button[data-edge-id="`+listed+`"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#evidence[data-edge="`+listed+`"] ol.evidence blockquote`)),
		)
	}

	// the report link opens the document at the sentence
	run(t, tab, "open the report",
		chromedp.Click(chromedp.CSS(`#evidence .ev-meta a[href^="/document/"]`)),
		chromedp.WaitVisible(chromedp.CSS(".report-text mark.ent")),
	)
	shot(t, tab, "document")

	// a relation of the report leads to its evidence in every report
	run(t, tab, "evidence across reports",
		chromedp.Click(chromedp.CSS(`#doc-relations a[href*="?edge="]`)),
		chromedp.WaitVisible(chromedp.CSS("#evidence ol.evidence blockquote")),
	)
	run(t, tab, "back to the report", chromedp.NavigateBack(), chromedp.WaitVisible(chromedp.CSS(".report-text mark.ent")))

	// the timeline of the actor
	id := strings.TrimPrefix(eval[string](t, tab, `(() => { const a = document.querySelector('#doc-relations a[href^="/actor/"]'); return a ? a.getAttribute('href') : '/actor/1'; })()`), "/actor/")
	run(t, tab, "open a timeline",
		chromedp.Navigate(base+"/timeline/"+id),
		chromedp.WaitVisible(chromedp.CSS("ol.timeline li.event")),
	)
	shot(t, tab, "timeline")

	// the type chips hide events of other types
	if eval[int](t, tab, "document.querySelectorAll('.tl-filters input').length") > 1 {
		first := eval[string](t, tab, "document.querySelector('.tl-filters input').value")
		run(t, tab, "hide a type", chromedp.Click(chromedp.CSS(".tl-filters input")))
		if n := eval[int](t, tab, `[...document.querySelectorAll('li.event[data-type="`+first+`"]')].filter(li => li.offsetParent !== null).length`); n != 0 {
			t.Errorf("%d %s events still shown after hiding the type", n, first)
		}
	}
}

// TestSearchResults groups actors and reports.
func TestSearchResults(t *testing.T) {
	base, tab := setup(t)
	run(t, tab, "search",
		chromedp.Navigate(base+"/search?q=Taliban"),
		chromedp.WaitVisible(chromedp.CSS("#actor-results table")),
		chromedp.WaitVisible(chromedp.CSS("#document-results .snippet")),
	)
	if a := text(t, tab, "#actor-results"); !strings.Contains(a, "Tehrik-i-Taliban Pakistan") {
		t.Errorf("actor results lack Tehrik-i-Taliban Pakistan: %q", a)
	}
	if n := eval[int](t, tab, "document.querySelectorAll('#document-results .snippet mark').length"); n == 0 {
		t.Error("report snippets mark no match")
	}
	shot(t, tab, "search")

	run(t, tab, "the persons",
		chromedp.Navigate(base+"/actors"),
		chromedp.WaitVisible(chromedp.CSS("section.card table.list")),
		chromedp.Click(chromedp.CSS(`nav.type-chips a[href="/actors?type=PERSON"]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.type-chips a.on[href="/actors?type=PERSON"]`)),
		chromedp.WaitVisible(chromedp.CSS("section.card table.list")),
	)
	if types := eval[[]string](t, tab, `[...new Set([...document.querySelectorAll('section.card table.list .badge')].map(b => b.textContent))]`); len(types) != 1 || types[0] != "person" {
		t.Errorf("the persons page lists types %v", types)
	}

	run(t, tab, "an unknown name",
		chromedp.Navigate(base+"/search?q=Zqxwv"),
		chromedp.WaitVisible(chromedp.CSS("#actor-results .empty")),
	)
	run(t, tab, "an unknown actor",
		chromedp.Navigate(base+"/actor/999999"),
		chromedp.WaitVisible(chromedp.CSS("main .error")),
	)
	shot(t, tab, "not-found")
}

// report is a test report written for these tests. Its curly quotes,
// dashes and accented names come before the actors' names, so that a
// byte offset read as a character index would highlight the wrong text.
const report = `Analysts in Ménaka — “a town few outsiders reach” — say the crisis deepened this year.

Jama'at Nusrat al-Islam wal-Muslimin (JNIM) attacked Malian army positions near Ménaka in March. Russia supports the Malian junta, according to diplomats in Bamako. Algeria condemned the attacks.`

// TestAnalyzeAndStore pastes a report, sees its actors highlighted at the
// right places, and stores it.
func TestAnalyzeAndStore(t *testing.T) {
	base, tab := setup(t)
	// what the API says the report holds: the surface text of every
	// mention, in order, cut from the UTF-8 bytes
	var x struct {
		Text     string
		Entities []struct {
			Name     string
			Mentions []struct{ Start, End int }
		}
	}
	postJSON(t, base+"/api/analyze", map[string]string{"text": report}, &x)
	type span struct{ s, e int }
	var spans []span
	for _, e := range x.Entities {
		for _, m := range e.Mentions {
			spans = append(spans, span{m.Start, m.End})
		}
	}
	if len(spans) == 0 {
		t.Fatal("the extractor found no actor in the test report")
	}

	run(t, tab, "open the analyse page",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("nav.links")),
		chromedp.Click(chromedp.CSS(`nav.links a[href="/analyze"]`)),
		chromedp.WaitVisible(chromedp.CSS("#an-text")),
		chromedp.SetValue(chromedp.CSS("#an-text"), report),
		chromedp.SetValue(chromedp.CSS("#an-title"), "Ménaka test report"),
		chromedp.Click(chromedp.CSS("#an-go")),
		chromedp.WaitVisible(chromedp.CSS("#analysis .report-text mark.ent")),
	)
	ents := text(t, tab, "#analysis #entities")
	for _, want := range []string{"Jama'at Nusrat al-Islam wal-Muslimin", "Russia"} {
		if !strings.Contains(ents, want) {
			t.Errorf("actors listed %q lack %q", ents, want)
		}
	}
	marks := eval[[]string](t, tab, `[...document.querySelectorAll('#analysis .report-text mark.ent')].map(m => m.textContent)`)
	want := map[string]bool{}
	for _, sp := range spans {
		want[x.Text[sp.s:sp.e]] = true
	}
	for _, m := range marks {
		if !want[m] {
			t.Errorf("highlighted %q is not a mention the API gave (byte offsets misread?)", m)
		}
	}
	shot(t, tab, "analyze")

	// clicking a relation flashes its sentence
	if n := eval[int](t, tab, "document.querySelectorAll('#analysis #doc-relations li').length"); n > 0 {
		run(t, tab, "click a relation",
			chromedp.Click(chromedp.CSS("#analysis #doc-relations li")),
			chromedp.WaitVisible(chromedp.CSS("#analysis .report-text span.ev.flash")),
		)
	}

	run(t, tab, "add to the store",
		chromedp.Click(chromedp.CSS("#an-add")),
		chromedp.WaitVisible(chromedp.CSS(`.add-state a[href^="/document/"]`)),
	)
	shot(t, tab, "analyze-stored")
	run(t, tab, "open the stored report",
		chromedp.Click(chromedp.CSS(`.add-state a[href^="/document/"]`)),
		chromedp.WaitVisible(chromedp.CSS(".report-text mark.ent")),
	)
	if h := text(t, tab, "h1.doc-title"); h != "Ménaka test report" {
		t.Errorf("stored report's title = %q", h)
	}
	docMarks := eval[[]string](t, tab, `[...document.querySelectorAll('.report-text mark.ent')].map(m => m.textContent)`)
	for _, m := range docMarks {
		if !want[m] {
			t.Errorf("document page highlights %q, not a mention (byte offsets misread?)", m)
		}
	}
}

// injection is a report full of markup that must show as text.
const injection = `<script>window.__pwned = 'script'</script><img src=x onerror="window.__pwned='img'">
Al-Shabaab attacked <b onmouseover="window.__pwned='b'">African Union</b> troops near Mogadishu, officials said. "><svg onload="window.__pwned='svg'"></svg>
Kenya condemned Al-Shabaab. <iframe src="javascript:window.__pwned='iframe'"></iframe> {{constructor.constructor('window.__pwned=1')()}}`

// TestInjectionShowsAsText stores a report of HTML and script injections
// and checks the document page shows them as text and runs none.
func TestInjectionShowsAsText(t *testing.T) {
	base, tab := setup(t)
	var stored struct {
		ID        int64
		Relations int
	}
	postJSON(t, base+"/api/documents", map[string]string{
		"text":  injection,
		"title": `<img src=x onerror="window.__pwned='title'">Injected title`,
		"url":   "https://example.org/report?<script>",
	}, &stored)
	run(t, tab, "open the injected report",
		chromedp.Navigate(fmt.Sprintf("%s/document/%d", base, stored.ID)),
		chromedp.WaitVisible(chromedp.CSS(".report-text")),
		chromedp.Sleep(300*time.Millisecond),
	)
	body := text(t, tab, ".report-text")
	for _, want := range []string{"<script>window.__pwned = 'script'</script>", `<img src=x onerror="window.__pwned='img'">`, `<svg onload="window.__pwned='svg'">`} {
		if !strings.Contains(body, want) {
			t.Errorf("report text does not show %q as text:\n%s", want, body)
		}
	}
	if h := text(t, tab, "h1.doc-title"); !strings.Contains(h, "<img src=x") {
		t.Errorf("title %q is not shown as text", h)
	}
	if v := eval[string](t, tab, "String(window.__pwned)"); v != "undefined" {
		t.Errorf("an injection ran: window.__pwned = %s", v)
	}
	if n := eval[int](t, tab, "document.querySelectorAll('main img, main script, main iframe, main b, main svg:not(.strip):not(.graph)').length"); n != 0 {
		t.Errorf("%d elements from the report's markup are in the page", n)
	}
	// hovering the text where the <b> was runs nothing either
	run(t, tab, "hover the text", chromedp.Click(chromedp.CSS(".report-text")))
	if v := eval[string](t, tab, "String(window.__pwned)"); v != "undefined" {
		t.Errorf("an injection ran after a click: window.__pwned = %s", v)
	}
	shot(t, tab, "injection")
}

// TestNetworkInteractions filters the network by type, zooms, drags a
// node (which stays put and opens nothing) and clicks one (which opens
// that actor).
func TestNetworkInteractions(t *testing.T) {
	base, tab := setup(t)
	var a struct{ ID int64 }
	getJSON(t, base+"/api/resolve?name=Taliban", &a)
	settled := chromedp.WaitVisible(chromedp.CSS(`svg.graph[data-settled="true"] g.node`))
	run(t, tab, "open the actor", chromedp.Navigate(fmt.Sprintf("%s/actor/%d", base, a.ID)), settled)

	count := func(sel string) int {
		return eval[int](t, tab, "document.querySelectorAll('"+sel+"').length")
	}
	located := count(`g.edge[data-type="LOCATED_IN"]`)
	all := count("g.edge")
	if located == 0 || located == all {
		t.Fatalf("want some but not all edges LOCATED_IN; got %d of %d", located, all)
	}
	if count("g.edge.negated") == 0 {
		t.Error("no negated edge drawn for the Taliban (the samples have some)")
	}
	if count("g.edge.negated text.edge-tag") == 0 {
		t.Error("negated edges carry no NOT tag")
	}
	run(t, tab, "hide LOCATED_IN",
		chromedp.Click(chromedp.CSS(`form.filters input[value="LOCATED_IN"]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`g.edge[data-type="LOCATED_IN"]`)),
		settled,
	)
	// as many as the API gives for the other types (a filter may also
	// drop ties between neighbours that only a hidden edge brought in)
	var others struct{ Edges []struct{ Type string } }
	getJSON(t, fmt.Sprintf("%s/api/actors/%d/graph?hops=1&limit=300&type=ALLY,AFFILIATE_OF,SPLINTER_OF,RIVAL,HOSTS,SUPPORTS,PRESSURES,CONDEMNS,ATTACKS,LEADS,MEMBER_OF", base, a.ID), &others)
	if n := count("g.edge"); n != len(others.Edges) || n >= all {
		t.Errorf("after hiding LOCATED_IN %d edges drawn, want %d (of %d)", n, len(others.Edges), all)
	}
	run(t, tab, "show LOCATED_IN again",
		chromedp.Click(chromedp.CSS(`form.filters input[value="LOCATED_IN"]`)),
		chromedp.WaitVisible(chromedp.CSS(`g.edge[data-type="LOCATED_IN"]`)),
		settled,
	)

	// dates and modality filter too
	setFilter := func(js string) {
		eval[any](t, tab, `(() => { const f = document.querySelector('form.filters'); `+js+`; f.dispatchEvent(new Event('change', {bubbles: true})); })()`)
		run(t, tab, "filter", chromedp.Sleep(100*time.Millisecond), settled)
	}
	setFilter(`f.querySelector('input[name="since"]').value = '2025-01-01'`)
	if n := count("g.edge"); n == 0 || n >= all {
		t.Errorf("since 2025-01-01: %d edges drawn, want fewer than %d but some", n, all)
	}
	setFilter(`f.querySelector('input[name="since"]').value = ''`)
	setFilter(`f.querySelector('input[name="modality"][value="asserted"]').checked = false`)
	if n := count("g.edge"); n >= all {
		t.Errorf("without asserted relations: %d edges drawn, want fewer than %d", n, all)
	}
	setFilter(`f.querySelector('input[name="modality"][value="asserted"]').checked = true`)
	if n := count("g.edge"); n != all {
		t.Errorf("filters cleared: %d edges drawn, want %d", n, all)
	}

	// a contested relationship leads to the sentences on the other side
	contested := eval[string](t, tab, `(() => {
		const tr = [...document.querySelectorAll('#relations tr')].find(tr => tr.querySelector('.contested-badge'));
		return tr ? tr.querySelector('button[data-edge-id]').dataset.edgeId : '';
	})()`)
	if contested == "" {
		t.Error("no contested relationship listed for the Taliban (the samples have one)")
	} else {
		run(t, tab, "open a contested relationship",
			chromedp.Click(chromedp.CSS(`#relations button[data-edge-id="`+contested+`"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#evidence[data-edge="`+contested+`"] .ev-counter button`)),
			chromedp.Click(chromedp.CSS(`#evidence .ev-counter button`)),
			chromedp.WaitVisible(chromedp.CSS(`#evidence:not([data-edge="`+contested+`"]) ol.evidence blockquote`)),
		)
		shotOf(t, tab, "evidence-contested", "#evidence")
	}

	before := eval[string](t, tab, "document.querySelector('g.viewport').getAttribute('transform')")
	run(t, tab, "zoom in", chromedp.Click(chromedp.CSS(`.graph-controls button[aria-label="Zoom in"]`)))
	if after := eval[string](t, tab, "document.querySelector('g.viewport').getAttribute('transform')"); after == before {
		t.Error("zooming in changed nothing")
	}
	run(t, tab, "fit", chromedp.Click(chromedp.CSS(`.graph-controls button[title^="Fit"]`)))

	// a node that nothing covers at its centre
	type point struct {
		X, Y float64
		ID   string
	}
	node := eval[point](t, tab, `(() => {
		for (const g of document.querySelectorAll('svg.graph g.node:not(.root)')) {
			const r = g.querySelector('circle').getBoundingClientRect();
			const x = r.left + r.width / 2, y = r.top + r.height / 2;
			const hit = document.elementFromPoint(x, y);
			if (hit && hit.closest('g.node') === g) return {X: x, Y: y, ID: g.dataset.actorId};
		}
		return {X: 0, Y: 0, ID: ''};
	})()`)
	if node.ID == "" {
		t.Fatal("no node can be reached with the mouse")
	}
	held := func(p *input.DispatchMouseEventParams) {
		p.Button = input.MouseButtonLeft
		p.Buttons = 1
		p.ClickCount = 1
	}
	path := eval[string](t, tab, "location.pathname")
	run(t, tab, "drag node "+node.ID,
		chromedp.MouseEvent(chromedp.MousePressed, node.X, node.Y, held),
		chromedp.MouseEvent(chromedp.MouseMoved, node.X+20, node.Y+10, held),
		chromedp.MouseEvent(chromedp.MouseMoved, node.X+50, node.Y+30, held),
		chromedp.MouseEvent(chromedp.MouseReleased, node.X+50, node.Y+30, held),
		chromedp.WaitVisible(chromedp.CSS(`g.node.pinned[data-actor-id="`+node.ID+`"]`)),
	)
	if p := eval[string](t, tab, "location.pathname"); p != path {
		t.Errorf("dragging a node navigated to %s", p)
	}
	shot(t, tab, "network-dragged")

	// where it is now (the screenshot scrolled the page)
	at := eval[point](t, tab, `(() => {
		const r = document.querySelector('g.node[data-actor-id="`+node.ID+`"] circle').getBoundingClientRect();
		return {X: r.left + r.width / 2, Y: r.top + r.height / 2, ID: ''};
	})()`)
	run(t, tab, "click node "+node.ID,
		chromedp.MouseClickXY(at.X, at.Y),
		chromedp.WaitVisible(chromedp.CSS("#relations h2")),
	)
	if p := eval[string](t, tab, "location.pathname"); p != "/actor/"+node.ID {
		t.Errorf("clicking node %s went to %s", node.ID, p)
	}
	// the browser's back button returns to the first actor
	run(t, tab, "go back", chromedp.NavigateBack(), settled)
	if p := eval[string](t, tab, "location.pathname"); p != path {
		t.Errorf("back went to %s, want %s", p, path)
	}

	// two hops reach further
	one := count("g.node")
	eval[any](t, tab, `(() => { const s = document.querySelector('form.filters select[name="hops"]'); s.value = '2'; s.dispatchEvent(new Event('change', {bubbles: true})); })()`)
	run(t, tab, "two hops", chromedp.Sleep(200*time.Millisecond), settled)
	if two := count("g.node"); two <= one {
		t.Errorf("two hops draw %d actors, one hop %d", two, one)
	}
	shotOf(t, tab, "network-2hops", "#network")
	// pointing at a node dims what does not touch it
	hub := eval[point](t, tab, `(() => {
		const g = [...document.querySelectorAll('svg.graph g.node:not(.root)')].sort((a, b) => b.querySelector('circle').r.baseVal.value - a.querySelector('circle').r.baseVal.value)[0];
		const r = g.querySelector('circle').getBoundingClientRect();
		return {X: r.left + r.width / 2, Y: r.top + r.height / 2, ID: g.dataset.actorId};
	})()`)
	run(t, tab, "point at a node", chromedp.MouseEvent(chromedp.MouseMoved, hub.X, hub.Y))
	if !eval[bool](t, tab, "document.querySelector('svg.graph').classList.contains('focused')") {
		t.Error("pointing at a node dims nothing")
	}
	shotOf(t, tab, "network-hover", "#network")

	// a narrow screen
	run(t, tab, "narrow screen",
		chromedp.EmulateViewport(400, 860),
		chromedp.Navigate(fmt.Sprintf("%s/actor/%d", base, a.ID)), settled)
	shot(t, tab, "actor-narrow")
	run(t, tab, "narrow document", chromedp.Navigate(base+"/document/1"), chromedp.WaitVisible(chromedp.CSS(".report-text")))
	shot(t, tab, "document-narrow")
}

// TestAnalyzeFile chooses an HTML file on the analyse page: it goes up as
// multipart, and its article is read without the page around it.
func TestAnalyzeFile(t *testing.T) {
	base, tab := setup(t)
	path := filepath.Join(t.TempDir(), "brief.html")
	page := `<!doctype html><html><head><meta charset="utf-8"><title>Coastal Brief</title></head><body>
<nav>Home · About · Contact</nav>
<article><h1>Coastal Brief</h1>
<p>Al-Shabaab attacked Somali government forces near Kismayo in May, officials said.</p>
<p>Kenya condemned the attack and pledged support for the Somali government.</p></article>
<footer>© a test page written for these tests</footer></body></html>`
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, tab, "analyse a file",
		chromedp.Navigate(base+"/analyze"),
		chromedp.WaitVisible(chromedp.CSS("#an-text")),
		chromedp.SetUploadFiles(chromedp.CSS("#an-file"), []string{path}),
		chromedp.WaitVisible(chromedp.CSS(".drop.has-file")),
		chromedp.Click(chromedp.CSS("#an-go")),
		chromedp.WaitVisible(chromedp.CSS("#analysis .report-text mark.ent")),
	)
	if name := text(t, tab, ".file-name"); !strings.Contains(name, "brief.html") {
		t.Errorf("chosen file shown as %q", name)
	}
	body := text(t, tab, "#analysis .report-text")
	if strings.Contains(body, "Contact") || strings.Contains(body, "<p>") {
		t.Errorf("the analysed text keeps the page around the article or its tags: %q", body)
	}
	if ents := text(t, tab, "#analysis #entities"); !strings.Contains(ents, "Al-Shabaab") || !strings.Contains(ents, "Kenya") {
		t.Errorf("actors listed: %q", ents)
	}
	shot(t, tab, "analyze-file")
}

// TestByteOffsets checks, in the browser, the conversion of the API's
// UTF-8 byte offsets to JavaScript string indices.
func TestByteOffsets(t *testing.T) {
	base, tab := setup(t)
	run(t, tab, "load the app", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("nav.links")))
	for _, c := range []struct {
		name, text, want string
	}{
		{"ascii", "Al-Shabaab attacked Kenya.", "Kenya"},
		{"two-byte letters", "Ménaka and Gao: Kenya.", "Kenya"},
		{"three-byte punctuation", "“Quoted” — then Kenya.", "Kenya"},
		{"four-byte emoji", "🙂🙂 then Kenya.", "Kenya"},
		{"mixed", "Ségou — 🙂 “x” Kenya, ça va.", "Kenya"},
		{"name with accents", "Then Ménaka fell.", "Ménaka"},
		{"at the end", "The last word is Kenya", "Kenya"},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := strings.Index(c.text, c.want) // a byte offset, as the API gives
			end := start + len(c.want)
			js := fmt.Sprintf(`import('/js/dom.js').then(m => { const s = %q; const f = m.byteIndex(s); return s.slice(f(%d), f(%d)); })`, c.text, start, end)
			if got := eval[string](t, tab, js); got != c.want {
				t.Errorf("bytes [%d, %d) of %q read as %q, want %q", start, end, c.text, got, c.want)
			}
		})
	}
	// past the end and inside a character
	js := `import('/js/dom.js').then(m => { const s = 'é🙂x'; const f = m.byteIndex(s); return [f(0), f(1), f(2), f(3), f(6), f(7), f(99)]; })`
	got := eval[[]int](t, tab, js)
	want := []int{0, 0, 1, 1, 3, 4, 4}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("offsets of 'é🙂x' = %v, want %v", got, want)
	}
}

// TestTokenPrompt: a server with a token refuses writes without it; the
// analyse page asks for it and retries.
func TestTokenPrompt(t *testing.T) {
	_, tab := setup(t)
	h, err := newServer(false, "s3cret-token")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	run(t, tab, "analyse without a token",
		chromedp.Navigate(srv.URL+"/analyze"),
		chromedp.WaitVisible(chromedp.CSS("#an-text")),
		chromedp.SetValue(chromedp.CSS("#an-text"), "Kenya condemned Al-Shabaab."),
		chromedp.Click(chromedp.CSS("#an-go")),
		chromedp.WaitVisible(chromedp.CSS("#an-token")),
	)
	shot(t, tab, "token-prompt")
	run(t, tab, "give the token",
		chromedp.SendKeys(chromedp.CSS("#an-token"), "s3cret-token"),
		chromedp.Click(chromedp.CSS("form.token button")),
		chromedp.WaitVisible(chromedp.CSS("#analysis .report-text mark.ent")),
	)
}

// TestTextHelpers checks, in the browser, how evidence sentences mark
// actor names and how search snippets mark matches: always as text.
func TestTextHelpers(t *testing.T) {
	base, tab := setup(t)
	run(t, tab, "load the app", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("nav.links")))
	for _, c := range []struct {
		name, sentence string
		names          []string
		want           string // marks shown as [..]
	}{
		{"both names", "ISKP attacked the Taliban in Kabul.", []string{"ISKP", "Taliban"}, "[ISKP] attacked the [Taliban] in Kabul."},
		{"whole words only", "ISKPX and the Talibans met ISKP.", []string{"ISKP", "Taliban"}, "ISKPX and the Talibans met [ISKP]."},
		{"longest name wins", "Islamic State Khorasan Province struck.", []string{"Islamic State", "Islamic State Khorasan Province"}, "[Islamic State Khorasan Province] struck."},
		{"any case", "the TALIBAN said", []string{"Taliban"}, "the [TALIBAN] said"},
		{"accents", "Ménaka fell to JNIM.", []string{"Ménaka", "JNIM"}, "[Ménaka] fell to [JNIM]."},
		{"markup stays text", "<b>Hamas</b> & <i>Fatah</i>", []string{"Hamas", "Fatah"}, "<b>[Hamas]</b> & <i>[Fatah]</i>"},
		{"no names", "Nothing here.", nil, "Nothing here."},
	} {
		t.Run(c.name, func(t *testing.T) {
			names, _ := json.Marshal(c.names)
			js := fmt.Sprintf(`import('/js/dom.js').then(m => {
				const d = document.createElement('div');
				m.append(d, m.highlightNames(%q, [{names: %s, cls: 'x'}]));
				if (d.querySelector('b, i')) return 'markup became elements';
				return [...d.childNodes].map(n => n.nodeName === 'MARK' ? '[' + n.textContent + ']' : n.textContent).join('');
			})`, c.sentence, names)
			if got := eval[string](t, tab, js); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	for _, c := range []struct{ snippet, want string }{
		{"the **Taliban** said", "the [Taliban] said"},
		{"**a** and **b**", "[a] and [b]"},
		{"unbalanced **marker", "unbalanced **marker"},
		{"<script>**x**</script>", "<script>[x]</script>"},
	} {
		js := fmt.Sprintf(`import('/js/search.js').then(m => {
			const d = document.createElement('div');
			d.append(...m.snippet(%q, {start: '**', end: '**'}));
			if (d.querySelector('script')) return 'markup became elements';
			return [...d.childNodes].map(n => n.nodeName === 'MARK' ? '[' + n.textContent + ']' : n.textContent).join('');
		})`, c.snippet)
		if got := eval[string](t, tab, js); got != c.want {
			t.Errorf("snippet %q shown as %q, want %q", c.snippet, got, c.want)
		}
	}
}

// TestConnections finds the chains between two actors named by alias.
func TestConnections(t *testing.T) {
	base, tab := setup(t)
	run(t, tab, "find a chain",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("nav.links")),
		chromedp.Click(chromedp.CSS(`nav.links a[href="/path"]`)),
		chromedp.WaitVisible(chromedp.CSS("#path-from")),
		chromedp.SendKeys(chromedp.CSS("#path-from"), "ISKP"),
		chromedp.SendKeys(chromedp.CSS("#path-to"), "Taliban"),
		chromedp.Click(chromedp.CSS("form.path-form button")),
		chromedp.WaitVisible(chromedp.CSS("section.chain ol.hops blockquote")),
	)
	line := text(t, tab, "section.chain .chain-line")
	if !strings.Contains(line, "Islamic State Khorasan Province") || !strings.Contains(line, "Taliban") {
		t.Errorf("chain %q does not join the two actors", line)
	}
	shot(t, tab, "connections")
	run(t, tab, "an unknown name",
		chromedp.Navigate(base+"/path?from=Taliban&to=Zqxwv"),
		chromedp.WaitVisible(chromedp.CSS("#paths .error")),
	)
}
