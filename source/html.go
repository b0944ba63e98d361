package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"

	"github.com/actorgraph/actorgraph"
)

const (
	// maxHTMLDepth bounds the element nesting kept: deeper subtrees are
	// flattened into their text, so that no recursive walk over the tree
	// (ours or a library's) can run out of stack.
	maxHTMLDepth = 256
	// maxReadabilityElems is the most elements handed to go-readability,
	// whose scoring is superlinear; larger pages get the plain text of
	// their body, without boilerplate.
	maxReadabilityElems = 50000
)

// readHTML reads a web page: its article text (go-readability, with
// navigation, scripts, hidden and ad blocks dropped) and its title,
// publisher and publication date from the page's metadata.
func readHTML(name string, b []byte, opts Options) ([]actorgraph.Document, error) {
	doc, err := parseHTMLPage(name, b, opts.ContentType)
	if err != nil {
		return nil, err
	}
	meta := pageMeta(doc)
	elems := stripBoilerplate(doc)

	var pageURL *url.URL
	if isWebURL(opts.URL) {
		pageURL, _ = url.Parse(opts.URL)
	} else if meta.url != "" {
		pageURL, _ = url.Parse(meta.url)
	}

	var art readability.Article
	var text string
	if elems <= maxReadabilityElems {
		art, err = runReadability(doc, pageURL)
		if err == nil && art.Node != nil {
			text = pageText(art.Node)
		}
	}
	if text == "" {
		text = pageText(bodyOf(doc))
	}
	if text == "" {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: the page has no article text", name)
	}

	d := actorgraph.Document{Text: text}
	d.Title = firstNonEmpty(markupFree(art.Title()), meta.title, titleFromText(text))
	d.Publisher = firstNonEmpty(meta.siteName, markupFree(art.SiteName()), markupFree(art.Byline()), meta.author)
	// the page's own metadata only: go-readability's PublishedTime guesses
	// at ambiguous dates such as 03/05/2024
	d.Published = meta.published
	switch {
	case isWebURL(opts.URL):
		d.URL = opts.URL
	case meta.url != "":
		d.URL = meta.url
	default:
		d.URL = opts.URL
	}
	return []actorgraph.Document{d}, nil
}

// parseHTMLPage checks, decodes and parses an HTML page, with deep
// nesting flattened.
func parseHTMLPage(name string, b []byte, contentType string) (*html.Node, error) {
	if err := checkBinary(name, b); err != nil {
		return nil, err
	}
	label := contentCharset(contentType)
	if label == "" {
		label = htmlCharset(b)
	}
	b, err := decodeDeclared(name, b, label)
	if err != nil {
		return nil, err
	}
	if err := checkUTF8(name, b, "the page"); err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	doc, err := parseHTML(b)
	if err != nil {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: cannot parse the HTML: %s", name, oneLine(err.Error()))
	}
	return doc, nil
}

// parseHTML parses a page or fragment, with deep nesting flattened. The
// HTML parser refuses more than 512 open elements; a page that nests
// deeper is parsed again with its deepest tags dropped, their text kept.
func parseHTML(b []byte) (*html.Node, error) {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		doc, err = html.Parse(bytes.NewReader(shallowHTML(b, maxTokenDepth)))
	}
	if err != nil {
		return nil, err
	}
	limitDepth(doc, maxHTMLDepth)
	return doc, nil
}

// maxTokenDepth is the tag nesting shallowHTML keeps.
const maxTokenDepth = 300

// voidTags never have an end tag.
var voidTags = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
	"keygen": true, "frame": true, "basefont": true, "bgsound": true,
}

// rawTextTags hold raw text that must not turn into page text.
var rawTextTags = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true, "iframe": true,
	"noembed": true, "noframes": true, "noscript": true, "plaintext": true,
}

// shallowHTML rewrites a page without the tags nested deeper than max,
// keeping their text (block tags become line breaks). Raw-text elements
// (scripts, styles...) that deep are dropped with their content.
func shallowHTML(b []byte, max int) []byte {
	z := html.NewTokenizer(bytes.NewReader(b))
	var out bytes.Buffer
	var open []string
	skipping := "" // a deep raw-text element being dropped
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.Bytes()
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken:
			nb, _ := z.TagName()
			name := string(nb)
			if skipping != "" {
				continue
			}
			if voidTags[name] {
				if len(open) < max {
					out.Write(raw)
				}
				continue
			}
			if len(open) >= max {
				if rawTextTags[name] {
					skipping = name
				} else {
					out.WriteString("\n")
				}
				continue
			}
			open = append(open, name)
			out.Write(raw)
		case html.EndTagToken:
			nb, _ := z.TagName()
			name := string(nb)
			if skipping != "" {
				if name == skipping {
					skipping = ""
				}
				continue
			}
			i := len(open) - 1
			for i >= 0 && open[i] != name {
				i--
			}
			if i < 0 {
				continue // a stray end tag
			}
			if i < max {
				out.Write(raw)
			}
			open = open[:i]
		case html.SelfClosingTagToken:
			if skipping == "" && len(open) < max {
				out.Write(raw)
			}
		case html.TextToken:
			if skipping == "" {
				out.Write(raw)
			}
		default:
			if skipping == "" && len(open) < max {
				out.Write(raw)
			}
		}
	}
}

// runReadability runs go-readability, turning a panic into an error.
func runReadability(doc *html.Node, pageURL *url.URL) (art readability.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			art, err = readability.Article{}, fmt.Errorf("readability: %v", r)
		}
	}()
	p := readability.NewParser()
	p.MaxElemsToParse = maxReadabilityElems
	return p.ParseAndMutate(doc, pageURL)
}

// htmlFragmentText is the plain text of an HTML fragment (a feed item's
// content or description): scripts, styles, hidden and ad blocks dropped.
func htmlFragmentText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return cleanText(s)
	}
	doc, err := parseHTML([]byte(s))
	if err != nil {
		return ""
	}
	stripBoilerplate(doc)
	return pageText(bodyOf(doc))
}

// pageText renders the text of a cleaned tree as a reader sees it, less
// ad markers and any script tag written out as text.
func pageText(n *html.Node) string {
	// clean first: dropping control characters must not be able to join
	// "<scr" and "ipt>" after the script filter ran
	return cleanText(dropAdLines(dropScriptText(cleanText(render.InnerText(n)))))
}

var (
	rxScriptBlock = regexp.MustCompile(`(?is)<\s*script\b[^>]*>.*?<\s*/\s*script\s*>`)
	rxScriptTag   = regexp.MustCompile(`(?is)<\s*/?\s*script\b[^>]*>?`)
)

// dropScriptText removes script elements that a page shows as text
// (escaped as &lt;script&gt;): text must never carry one on.
func dropScriptText(s string) string {
	if !strings.Contains(strings.ToLower(s), "script") {
		return s
	}
	s = rxScriptBlock.ReplaceAllString(s, " ")
	return rxScriptTag.ReplaceAllString(s, " ")
}

// markupFree returns s with any HTML markup in it reduced to text, on one
// line: metadata such as titles must never carry tags.
func markupFree(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = dropScriptText(htmlFragmentText(s))
	}
	return cleanTitle(s)
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// bodyOf returns the <body> of a parsed page, or the page itself.
func bodyOf(doc *html.Node) *html.Node {
	var body *html.Node
	walk(doc, func(n *html.Node) bool {
		if body != nil {
			return false
		}
		if n.Type == html.ElementNode && n.Data == "body" {
			body = n
			return false
		}
		return true
	})
	if body == nil {
		return doc
	}
	return body
}

// walk visits n and its descendants in document order without recursion;
// fn returns false to skip a node's children.
func walk(root *html.Node, fn func(*html.Node) bool) {
	n := root
	for n != nil {
		descend := fn(n)
		if descend && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

// limitDepth flattens every subtree deeper than max into one text node.
func limitDepth(root *html.Node, max int) {
	depth := 0
	n := root
	for {
		if n.FirstChild != nil && depth >= max {
			t := subtreeText(n)
			n.FirstChild, n.LastChild = nil, nil
			if t != "" {
				n.AppendChild(&html.Node{Type: html.TextNode, Data: t})
			}
		}
		if n.FirstChild != nil && depth < max {
			n = n.FirstChild
			depth++
			continue
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			depth--
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

// subtreeText joins the text nodes below n with spaces, leaving out
// scripts, styles and other non-text elements.
func subtreeText(n *html.Node) string {
	var parts []string
	walk(n, func(c *html.Node) bool {
		switch c.Type {
		case html.TextNode:
			if t := strings.TrimSpace(c.Data); t != "" {
				parts = append(parts, t)
			}
		case html.ElementNode:
			return !removedTags[c.Data]
		case html.CommentNode:
			return false
		}
		return true
	})
	return strings.Join(parts, " ")
}

// removedTags are elements that never hold article text, or whose content
// is raw text a browser does not show as such (noscript, iframe...).
var removedTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "iframe": true,
	"object": true, "embed": true, "applet": true, "noembed": true, "noframes": true,
	"xmp": true, "plaintext": true, "textarea": true, "select": true, "option": true,
	"button": true, "input": true, "canvas": true, "svg": true, "math": true,
	"frameset": true, "frame": true, "dialog": true, "head": true,
}

// boilerplateTags are page furniture, dropped unless they hold most of
// the page's text (some sites wrap everything in one of them).
var boilerplateTags = map[string]bool{"nav": true, "aside": true, "footer": true, "menu": true}

var boilerplateRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "menu": true, "menubar": true, "dialog": true, "alertdialog": true,
}

// adWords are class and id words that mark advertising.
var adWords = map[string]bool{
	"ad": true, "ads": true, "adv": true, "advert": true, "adverts": true, "advertisement": true,
	"advertising": true, "advertorial": true, "adslot": true, "adunit": true, "adbox": true,
	"adblock": true, "adsbygoogle": true, "adsense": true, "dfp": true, "gpt": true, "doubleclick": true,
	"sponsor": true, "sponsored": true, "sponsorship": true, "promoted": true, "taboola": true,
	"outbrain": true, "adzone": true, "adcontainer": true, "adwrapper": true, "banner-ad": true,
}

var rxWordSplit = regexp.MustCompile(`[\s_\-]+`)

// isAd reports whether an element is marked as an advertisement.
func isAd(n *html.Node) bool {
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		switch {
		case key == "class" || key == "id":
			for _, w := range rxWordSplit.Split(strings.ToLower(a.Val), -1) {
				if adWords[w] {
					return true
				}
			}
		case strings.HasPrefix(key, "data-ad-") || key == "data-ad" || key == "data-google-query-id" || key == "data-adunit":
			return true
		case key == "aria-label" || key == "data-label":
			if rxAdLine.MatchString(a.Val) {
				return true
			}
		}
	}
	return false
}

// isHidden reports whether an element is hidden from readers.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		case "type":
			if n.Data == "input" && strings.EqualFold(a.Val, "hidden") {
				return true
			}
		}
	}
	return false
}

// stripBoilerplate removes from the page what is never article text:
// scripts, styles, comments, raw-text containers, hidden elements,
// navigation and ads. It returns the number of elements left.
func stripBoilerplate(doc *html.Node) int {
	// text length below each node, to keep containers that hold most of
	// the page
	textLen := map[*html.Node]int{}
	walkPost(doc, func(n *html.Node) {
		l := 0
		if n.Type == html.TextNode {
			l = len(strings.TrimSpace(n.Data))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			l += textLen[c]
		}
		textLen[n] = l
	})
	total := textLen[doc]

	var remove []*html.Node
	elems := 0
	walk(doc, func(n *html.Node) bool {
		switch n.Type {
		case html.CommentNode:
			remove = append(remove, n)
			return false
		case html.ElementNode:
		default:
			return true
		}
		switch n.Data {
		case "html", "body":
			elems++
			return true
		case "head":
			return false // metadata was read already; readability wants <head> kept for its title
		}
		if removedTags[n.Data] || isHidden(n) {
			remove = append(remove, n)
			return false
		}
		furniture := boilerplateTags[n.Data] || boilerplateRoles[strings.ToLower(attr(n, "role"))] || isAd(n)
		if furniture && (textLen[n] < 200 || textLen[n]*2 < total) {
			remove = append(remove, n)
			return false
		}
		elems++
		return true
	})
	for _, n := range remove {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	// drop scripts and styles from <head> too, keeping its metadata
	walk(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "head" {
			var drop []*html.Node
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "script" || c.Data == "style" || c.Data == "noscript" || c.Data == "template") || c.Type == html.CommentNode {
					drop = append(drop, c)
				}
			}
			for _, c := range drop {
				n.RemoveChild(c)
			}
			return false
		}
		return n.Type == html.DocumentNode || n.Type == html.ElementNode && n.Data == "html"
	})
	return elems
}

// walkPost visits the descendants of root, then root, children before
// parents, without recursion.
func walkPost(root *html.Node, fn func(*html.Node)) {
	n := root
	for n.FirstChild != nil {
		n = n.FirstChild
	}
	for {
		fn(n)
		if n == root {
			return
		}
		if s := n.NextSibling; s != nil {
			n = s
			for n.FirstChild != nil {
				n = n.FirstChild
			}
			continue
		}
		n = n.Parent
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// rxAdLine matches a line or label that is only an advertising marker.
var rxAdLine = regexp.MustCompile(`(?i)^\s*(advertisement|advertising|advert|ads?|sponsored( content| post| links?)?|paid (content|post)|promoted( content)?|skip (advert|advertisement|ad)|story continues below( this)? (advertisement|ad)|article continues below( this)? (advertisement|ad)|continue reading (the main story|below)|scroll to continue( with content)?|ad feedback|report (this )?ad)\s*[:.]?\s*$`)

// dropAdLines removes lines that are only advertising markers.
func dropAdLines(s string) string {
	if s == "" {
		return s
	}
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if rxAdLine.MatchString(l) {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// htmlMeta is what a page says about itself.
type htmlMeta struct {
	title, siteName, author, published, url string
}

// publishedMetaKeys are <meta> names and properties that carry the
// publication date, best first.
var publishedMetaKeys = []string{
	"article:published_time", "og:article:published_time", "og:published_time", "datepublished",
	"article:published", "article.published", "published_time", "publishdate", "publish-date", "publish_date",
	"pubdate", "publication_date", "citation_publication_date", "citation_date", "citation_online_date",
	"dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
	"sailthru.date", "parsely-pub-date", "article_date_original", "original-publish-date", "date",
}

// pageMeta reads a page's metadata: <meta> tags (Open Graph, Dublin Core,
// citation, article:*), JSON-LD, <link rel=canonical>, <title> and
// <time datetime>.
func pageMeta(doc *html.Node) htmlMeta {
	metas := map[string]string{}
	var m htmlMeta
	var titleTag, canonical string
	var ld ldInfo
	var timeMarked, timeArticle, timeAny string
	var stack []*html.Node // open elements, for the context of <time>
	walk(doc, func(n *html.Node) bool {
		for len(stack) > 0 && !isAncestor(stack[len(stack)-1], n) {
			stack = stack[:len(stack)-1]
		}
		if n.Type != html.ElementNode {
			return true
		}
		stack = append(stack, n)
		switch n.Data {
		case "meta":
			content := strings.TrimSpace(attr(n, "content"))
			if content == "" {
				content = strings.TrimSpace(attr(n, "datetime"))
			}
			if content == "" {
				return false
			}
			for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
				if v := strings.ToLower(strings.TrimSpace(attr(n, k))); v != "" {
					if _, ok := metas[v]; !ok {
						metas[v] = content
					}
				}
			}
		case "link":
			if canonical == "" && strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "canonical") {
				canonical = strings.TrimSpace(attr(n, "href"))
			}
		case "title":
			if titleTag == "" && !inside(stack, "svg") {
				titleTag = subtreeText(n)
			}
			return false
		case "script":
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
				ld.read(subtreeTextRaw(n))
			}
			return false
		case "time":
			dt := strings.TrimSpace(attr(n, "datetime"))
			if dt == "" || NormalizeDate(dt) == "" {
				return true
			}
			cls := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
			marked := strings.EqualFold(attr(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate") ||
				strings.Contains(cls, "publish") || strings.Contains(cls, "pubdate")
			switch {
			case marked && timeMarked == "":
				timeMarked = dt
			case inside(stack, "article") && timeArticle == "":
				timeArticle = dt
			case timeAny == "" && !inside(stack, "nav") && !inside(stack, "aside") && !inside(stack, "footer"):
				timeAny = dt
			}
		}
		return true
	})

	for _, d := range append([]string{ld.published}, metaValues(metas, publishedMetaKeys)...) {
		if m.published = NormalizeDate(d); m.published != "" {
			break
		}
	}
	if m.published == "" {
		for _, d := range []string{timeMarked, timeArticle, timeAny} {
			if m.published = NormalizeDate(d); m.published != "" {
				break
			}
		}
	}
	m.title = markupFree(firstNonEmpty(metas["og:title"], ld.headline, metas["twitter:title"], metas["dc.title"], titleTag))
	m.siteName = markupFree(firstNonEmpty(metas["og:site_name"], ld.publisher, metas["application-name"], metas["dc.publisher"], metas["citation_publisher"]))
	author := firstNonEmpty(metas["author"], metas["dc.creator"], metas["article:author"], ld.author)
	if !isWebURL(author) {
		m.author = markupFree(author)
	}
	for _, u := range []string{canonical, metas["og:url"], ld.url} {
		if isWebURL(u) {
			m.url = u
			break
		}
	}
	return m
}

func metaValues(metas map[string]string, keys []string) []string {
	var out []string
	for _, k := range keys {
		if v := metas[k]; v != "" {
			out = append(out, v)
		}
	}
	return out
}

func isAncestor(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

func inside(stack []*html.Node, tag string) bool {
	for _, n := range stack {
		if n.Data == tag {
			return true
		}
	}
	return false
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// subtreeTextRaw joins the text below n as it is.
func subtreeTextRaw(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		return true
	})
	return b.String()
}

// ldInfo is what the JSON-LD blocks of a page say about its article.
type ldInfo struct {
	published, headline, publisher, author, url string
}

// maxLDNodes bounds the JSON-LD values searched.
const maxLDNodes = 10000

// read takes the first article-like fields from one JSON-LD block.
func (ld *ldInfo) read(s string) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<![CDATA["), "]]>")
	if len(s) > 4<<20 {
		return
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return
	}
	seen := 0
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		seen++
		if depth > 32 || seen > maxLDNodes {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if ld.published == "" {
				ld.published, _ = x["datePublished"].(string)
			}
			if ld.published == "" {
				ld.published, _ = x["dateCreated"].(string)
			}
			if ld.headline == "" {
				ld.headline, _ = x["headline"].(string)
			}
			if ld.url == "" && x["datePublished"] != nil {
				ld.url, _ = x["url"].(string)
			}
			if ld.publisher == "" {
				switch p := x["publisher"].(type) {
				case map[string]any:
					ld.publisher, _ = p["name"].(string)
				case string:
					ld.publisher = p
				}
			}
			if ld.author == "" {
				switch a := x["author"].(type) {
				case map[string]any:
					ld.author, _ = a["name"].(string)
				case string:
					ld.author = a
				}
			}
			if g, ok := x["@graph"]; ok {
				visit(g, depth+1)
			}
			if mainEntity, ok := x["mainEntity"]; ok {
				visit(mainEntity, depth+1)
			}
		}
	}
	visit(v, 0)
}
