package source

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph"
)

// articlePage is a news page with the usual furniture around its article:
// navigation, scripts, ads inside and outside the article, an aside, a
// footer.
const articlePage = `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Militia withdraws from river town | Sahel Monitor</title>
<meta property="og:title" content="Militia withdraws from river town">
<meta property="og:site_name" content="Sahel Monitor">
<meta property="article:published_time" content="2024-03-05T10:30:00Z">
<link rel="canonical" href="https://monitor.example.org/2024/03/militia-withdraws">
<script>var tracking = "<p>tracker text</p>";</script>
<style>.x { color: red }</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/about">About us</a></nav></header>
<div class="ad-slot">Buy cheap widgets today</div>
<article>
<h1>Militia withdraws from river town</h1>
<p class="byline">By Test Desk</p>
<p>The Northern Brigade pulled its fighters out of the river town on Tuesday after two weeks of clashes with the national army, residents said. The withdrawal followed talks brokered by local elders in the regional capital.</p>
<div class="ad ad-inline"><p>Insurance deals of the year, click now.</p></div>
<p>A spokesman for the brigade said the group would keep its positions on the northern road. The army did not comment on the claim, but officers in the capital described the town as secure.</p>
<div id="google_ads_iframe_1" data-ad-slot="123"><p>Holiday offers for the whole family.</p></div>
<p>Aid groups warned that thousands of families remain displaced in camps along the river, with little access to food or clean water since the fighting began in February.</p>
<p>Advertisement</p>
<p>The regional governor called for a ceasefire across the province and urged both sides to let convoys pass.</p>
</article>
<aside><h3>Related</h3><ul><li><a href="/a">Another story about something else entirely</a></li></ul></aside>
<footer>Copyright 2024 Sahel Monitor. All rights reserved.</footer>
</body></html>`

func TestReadHTMLArticle(t *testing.T) {
	d := readOneDoc(t, "page.html", []byte(articlePage), Options{})
	checkDocs(t, []actorgraph.Document{d})
	if d.Title != "Militia withdraws from river town" {
		t.Errorf("title = %q", d.Title)
	}
	if d.Publisher != "Sahel Monitor" {
		t.Errorf("publisher = %q", d.Publisher)
	}
	if d.Published != "2024-03-05" {
		t.Errorf("published = %q", d.Published)
	}
	if d.URL != "https://monitor.example.org/2024/03/militia-withdraws" {
		t.Errorf("url = %q (want the canonical URL)", d.URL)
	}
	for _, want := range []string{"The Northern Brigade pulled its fighters out", "keep its positions on the northern road",
		"thousands of families remain displaced", "called for a ceasefire"} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, d.Text)
		}
	}
	for _, bad := range []string{"Home", "About us", "widgets", "Insurance deals", "Holiday offers", "Advertisement",
		"Another story", "Copyright", "tracker", "color: red"} {
		if strings.Contains(d.Text, bad) {
			t.Errorf("text keeps %q:\n%s", bad, d.Text)
		}
	}
	if !strings.Contains(d.Text, "river town.\n\nA spokesman") && !strings.Contains(d.Text, "regional capital.\n\nA spokesman") {
		t.Errorf("paragraphs not separated by a blank line:\n%s", d.Text)
	}
	// a fetched page keeps the URL it was fetched from
	d = readOneDoc(t, "page", []byte(articlePage), Options{URL: "https://mirror.example.net/p", ContentType: "text/html"})
	if d.URL != "https://mirror.example.net/p" {
		t.Errorf("url = %q", d.URL)
	}
}

func TestReadHTMLMetadataSources(t *testing.T) {
	body := `<p>` + strings.Repeat("The delegation crossed the frontier and met the council of the northern towns. ", 8) + `</p>`
	tests := []struct {
		name, head, body string
		published        string
		publisher        string
		title            string
	}{
		{name: "json-ld", head: `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Delegation crosses frontier","datePublished":"2023-07-14T08:00:00+00:00","publisher":{"@type":"Organization","name":"Frontier Wire"}}</script>`,
			published: "2023-07-14", publisher: "Frontier Wire", title: "Delegation crosses frontier"},
		{name: "json-ld graph", head: `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},{"@type":"Article","datePublished":"2022-01-09","headline":"Graph headline"}]}</script>`,
			published: "2022-01-09", title: "Graph headline"},
		{name: "broken json-ld ignored", head: `<script type="application/ld+json">{"datePublished": "2021-</script><meta name="date" content="2020-02-02">`,
			published: "2020-02-02"},
		{name: "dublin core", head: `<meta name="DC.date.issued" content="2019-10-11"><meta name="DC.publisher" content="Institute Press">`,
			published: "2019-10-11", publisher: "Institute Press"},
		{name: "citation", head: `<meta name="citation_publication_date" content="2018/04/30">`, published: "2018-04-30"},
		{name: "time pubdate", body: `<time datetime="2017-01-01">New year</time><article><time pubdate datetime="2017-05-06T12:00:00Z">6 May</time>` + body + `</article>`,
			published: "2017-05-06"},
		{name: "time in article", body: `<nav><time datetime="2030-01-01">today</time></nav><article><time datetime="2016-08-09">9 August</time>` + body + `</article>`,
			published: "2016-08-09"},
		{name: "time in nav ignored", body: `<nav><time datetime="2030-01-01">today</time></nav>` + body, published: ""},
		{name: "no date", body: body, published: ""},
		{name: "ambiguous date", head: `<meta name="parsely-pub-date" content="03/05/2024">`, published: ""},
		{name: "unparseable date", head: `<meta property="article:published_time" content="last Tuesday">`, published: ""},
		{name: "author as publisher", head: `<meta name="author" content="Jane Roe">`, publisher: "Jane Roe"},
		{name: "title tag", head: `<title>Only a title tag</title>`, title: "Only a title tag"},
		{name: "title from heading", body: `<h1>The heading</h1>` + body, title: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.body
			if b == "" {
				b = body
			}
			page := "<html><head>" + tc.head + "</head><body>" + b + "</body></html>"
			d := readOneDoc(t, "p.html", []byte(page), Options{})
			checkDocs(t, []actorgraph.Document{d})
			if d.Published != tc.published {
				t.Errorf("published = %q, want %q", d.Published, tc.published)
			}
			if tc.publisher != "" && d.Publisher != tc.publisher {
				t.Errorf("publisher = %q, want %q", d.Publisher, tc.publisher)
			}
			if tc.title != "" && d.Title != tc.title {
				t.Errorf("title = %q, want %q", d.Title, tc.title)
			}
			if d.Title == "" {
				t.Errorf("no title")
			}
			if !strings.Contains(d.Text, "The delegation crossed the frontier") {
				t.Errorf("text = %q", d.Text)
			}
		})
	}
}

func TestReadHTMLShortPage(t *testing.T) {
	d := readOneDoc(t, "s.html", []byte("<p>Two sentences only. The mayor resigned.</p>"), Options{})
	if d.Text != "Two sentences only. The mayor resigned." {
		t.Errorf("text = %q", d.Text)
	}
}

// TestReadHTMLMalformed feeds pages that a parser must survive: each is
// read or refused with an *actorgraph.Error, quickly, without a panic.
func TestReadHTMLMalformed(t *testing.T) {
	para := "<p>The brigade held the northern road while the army moved convoys south through the valley.</p>"
	const want = "The brigade held the northern road"
	tests := map[string]string{
		"unclosed tags":         "<html><body><div><p>The army <b>entered <i>the town <a href='x'>" + para + "<div><span>",
		"no html at all":        "<p>" + para,
		"stray end tags":        "</div></p></body></html>" + para + "</span></table>",
		"broken attributes":     `<div class=a"b' data-x=<p id=>` + para + `<img src="x alt=>`,
		"10k nested divs":       strings.Repeat("<div>", 10000) + para + strings.Repeat("</div>", 10000),
		"10k unclosed divs":     strings.Repeat("<div>", 10000) + para,
		"200k nested spans":     strings.Repeat("<span>", 200000) + para,
		"nested tables":         strings.Repeat("<table><tr><td>", 3000) + para,
		"formatting soup":       strings.Repeat("<b><i><a href=x><font>", 20000) + para,
		"script flood":          strings.Repeat("<script>var x = '<p>not text</p>';</script>", 50000) + para,
		"style flood":           "<style>" + strings.Repeat("p{color:red}", 500000) + "</style>" + para,
		"unclosed script":       para + "<script>var x = 1; document.write('<p>never</p>')",
		"unclosed comment":      para + "<!-- never closed <p>hidden",
		"deep text in deep div": strings.Repeat("<div>x ", 5000) + para,
	}
	for name, page := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			docs, err := Read("bad.html", strings.NewReader(page), Options{})
			if el := time.Since(start); el > 10*time.Second {
				t.Errorf("took %v", el)
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			checkDocs(t, docs)
			if !strings.Contains(docs[0].Text, want) {
				t.Errorf("text lacks the paragraph: %.300q", docs[0].Text)
			}
			for _, bad := range []string{"not text", "never", "color:red", "hidden"} {
				if strings.Contains(docs[0].Text, bad) {
					t.Errorf("text keeps %q: %.300q", bad, docs[0].Text)
				}
			}
		})
	}
}

func TestReadHTMLRefused(t *testing.T) {
	tests := map[string][]byte{
		"empty":                   nil,
		"blank":                   []byte("  \n "),
		"only scripts":            []byte("<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>"),
		"only markup":             []byte("<html><body><div><span></span></div></body></html>"),
		"invalid UTF-8":           []byte("<html><body><p>Caf\xe9 on the square</p></body></html>"),
		"invalid UTF-8 declared":  []byte(`<html><head><meta charset="utf-8"></head><body><p>Caf` + "\xe9" + `</p></body></html>`),
		"unknown charset":         []byte(`<html><head><meta charset="x-nonsense-9"></head><body><p>Caf` + "\xe9" + `</p></body></html>`),
		"NUL byte":                []byte("<html><body><p>a\x00b</p></body></html>"),
		"binary with .html name":  {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d},
		"truncated UTF-8 at end":  []byte("<p>The convoy \xe2\x80"),
		"hidden text only":        []byte(`<body><div hidden>secret</div><p style="display: none">more</p></body>`),
		"ads only":                []byte(`<body><div class="advert">Buy now</div><p>Advertisement</p></body>`),
		"navigation only":         []byte(`<body><nav><a href="/">Home</a></nav></body>`),
		"comment only":            []byte(`<!-- just a comment -->`),
		"template only":           []byte(`<template><p>inert</p></template>`),
		"noscript only":           []byte(`<noscript><p>enable scripts</p></noscript>`),
		"iframe only":             []byte(`<iframe srcdoc="<p>framed</p>">fallback</iframe>`),
		"svg only":                []byte(`<svg><text>drawn words</text></svg>`),
		"textarea only":           []byte(`<textarea>typed words</textarea>`),
		"plaintext only":          []byte(`<plaintext>raw words`),
		"style only, big":         []byte("<style>" + strings.Repeat("a{}", 100000) + "</style>"),
		"script only, unclosed":   []byte("<script>" + strings.Repeat("x", 100000)),
		"object only":             []byte(`<object data="x"><p>fallback</p></object>`),
		"button and select only":  []byte(`<button>Click</button><select><option>One</option></select>`),
		"input only":              []byte(`<input value="typed">`),
		"head only":               []byte(`<head><title>Title only</title></head>`),
		"canvas only":             []byte(`<canvas>no canvas support</canvas>`),
		"aria-hidden only":        []byte(`<div aria-hidden="true">decoration</div>`),
		"frameset only":           []byte(`<frameset><frame src="a"></frameset>`),
		"math only":               []byte(`<math><mi>x</mi></math>`),
		"dialog only":             []byte(`<dialog open>Subscribe to our newsletter</dialog>`),
		"menu only":               []byte(`<menu><li>Home</li></menu>`),
		"role navigation only":    []byte(`<div role="navigation"><a href="/">Home</a></div>`),
		"ins adsbygoogle only":    []byte(`<ins class="adsbygoogle">ad</ins>`),
		"sponsored label only":    []byte(`<p>Sponsored content</p>`),
		"many empty paragraphs":   []byte(strings.Repeat("<p></p>", 10000)),
		"whitespace in paragraph": []byte("<p> \n\t </p>"),
	}
	for name, page := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Read("bad.html", bytes.NewReader(page), Options{})
			assertCode(t, err, actorgraph.EInvalid, "bad.html")
		})
	}
	_, err := Read("big.html", strings.NewReader("<p>"+strings.Repeat("x", 200)+"</p>"), Options{MaxSize: 100})
	assertCode(t, err, actorgraph.ETooLarge, "big.html")
}

func TestReadHTMLCharset(t *testing.T) {
	page := []byte("<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body><p>The caf\xe9 on the square reopened \x96 residents said.</p></body></html>")
	d := readOneDoc(t, "w.html", page, Options{})
	if !strings.Contains(d.Text, "The café on the square reopened – residents said.") || d.Title != "Café" {
		t.Errorf("doc = %+v", d)
	}
	page = []byte("<html><body><p>Caf\xe9 reopened.</p></body></html>")
	d = readOneDoc(t, "w", page, Options{ContentType: "text/html; charset=ISO-8859-1"})
	if d.Text != "Café reopened." {
		t.Errorf("text = %q", d.Text)
	}
}

// TestReadHTMLHostile checks that no script, event handler or other
// active content makes its way into the text or the title.
func TestReadHTMLHostile(t *testing.T) {
	page := `<html><head><title>Report<script>alert('t1')</script></title>
<meta property="og:title" content="&lt;script&gt;alert('t2')&lt;/script&gt;Council meets">
<meta property="og:site_name" content="<img src=x onerror=alert('t3')>Desk">
</head><body>
<p>The council met on Monday to discuss the road.</p>
<script>alert('s1')</script>
<SCRIPT SRC=//evil.example/x.js>alert('s2')</SCRIPT>
<img src=x onerror="alert('s3')">
<noscript><img src=x onerror=alert('s4')></noscript>
<iframe srcdoc="<script>alert('s5')</script>">alert('s6')</iframe>
<svg><script>alert('s7')</script><title>alert('s8')</title></svg>
<math><mtext><script>alert('s9')</script></mtext></math>
<a href="javascript:alert('s10')">the map</a>
<div style="display:none">alert('s11')</div>
<textarea><script>alert('s12')</script></textarea>
<template><script>alert('s13')</script></template>
<xmp><script>alert('s14')</script></xmp>
<!-- <script>alert('s15')</script> -->
<object data="x"><script>alert('s16')</script></object>
<p>They wrote &lt;script&gt;alert('s17')&lt;/script&gt; on the wall, witnesses said.</p>
<p onclick="alert('s18')" style="x:expression(alert('s19'))">Officials said the road would reopen next week.</p>
<div hidden><script>alert('s20')</script>alert('s21')</div>
<embed src="javascript:alert('s22')">
<form action="javascript:alert('s23')"><button formaction="javascript:alert('s24')">go</button></form>
<plaintext><script>alert('s25')</script>
</body></html>`
	d := readOneDoc(t, "hostile.html", []byte(page), Options{})
	checkDocs(t, []actorgraph.Document{d})
	for _, field := range []string{d.Text, d.Title, d.Publisher} {
		for _, bad := range []string{"alert(", "<script", "</script", "javascript:", "onerror", "onclick", "expression(", "<img", "evil.example"} {
			if strings.Contains(strings.ToLower(field), bad) {
				t.Errorf("%q found in %q", bad, field)
			}
		}
	}
	for _, want := range []string{"The council met on Monday", "the map", "on the wall, witnesses said", "Officials said the road would reopen"} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks %q: %q", want, d.Text)
		}
	}
	if d.Title != "Council meets" || d.Publisher != "Desk" {
		t.Errorf("title %q, publisher %q", d.Title, d.Publisher)
	}
}

func TestHTMLFragmentText(t *testing.T) {
	for in, want := range map[string]string{
		"plain words":                             "plain words",
		"<p>One.</p><p>Two &amp; three.</p>":      "One.\n\nTwo & three.",
		"a &lt; b":                                "a < b",
		"<p>x</p><script>alert(1)</script>":       "x",
		"Line<br>break":                           "Line\nbreak",
		"<div class=\"ad\">Buy</div><p>Story</p>": "Story",
		"": "",
		"<p>Caf&eacute; &#8212; &#x2014; &bogus;</p>": "Café — — &bogus;",
	} {
		if got := htmlFragmentText(in); got != want {
			t.Errorf("htmlFragmentText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShallowHTML(t *testing.T) {
	in := strings.Repeat("<div>", 10) + "<script>deep()</script><p>text</p><br><img src=x>" + strings.Repeat("</div>", 10) + "</span><p>after</p>"
	out := string(shallowHTML([]byte(in), 5))
	if strings.Count(out, "<div>") != 5 || strings.Contains(out, "deep()") || !strings.Contains(out, "text") || !strings.Contains(out, "<p>after</p>") || strings.Contains(out, "</span>") {
		t.Errorf("shallowHTML = %q", out)
	}
}
