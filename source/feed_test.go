package source

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
)

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Valley Radio</title>
<link>https://radio.example.org/</link>
<description>News from the valley</description>
<item>
  <title>Convoy reaches the camp</title>
  <link>https://radio.example.org/convoy</link>
  <guid isPermaLink="false">vr-101</guid>
  <pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
  <description>&lt;p&gt;A relief convoy reached the camp on Tuesday.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
  <content:encoded><![CDATA[<p>A relief convoy reached the camp on Tuesday, aid workers said.</p><div class="ad">Buy a radio</div><p>The brigade let it pass the checkpoint.</p>]]></content:encoded>
</item>
<item>
  <title>Elders call for talks</title>
  <guid>https://radio.example.org/elders</guid>
  <dc:date>2024-03-04T08:00:00Z</dc:date>
  <description>Elders in the market town called for talks &amp; a truce.</description>
</item>
<item>
  <title>Headline only item</title>
</item>
<item>
  <description>No title, no date.</description>
</item>
<item></item>
</channel>
</rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Frontier Wire</title>
  <id>urn:uuid:feed</id>
  <updated>2024-03-06T00:00:00Z</updated>
  <entry>
    <title type="html">Talks &lt;em&gt;resume&lt;/em&gt;</title>
    <id>urn:uuid:entry-1</id>
    <link rel="alternate" href="https://wire.example.net/talks"/>
    <published>2024-03-05T22:00:00-06:00</published>
    <updated>2024-03-07T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Delegations from both sides met in the capital.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Only updated</title>
    <id>urn:uuid:entry-2</id>
    <updated>2024-02-01T10:00:00+01:00</updated>
    <summary>The bridge was repaired.</summary>
  </entry>
</feed>`

func TestReadRSS(t *testing.T) {
	docs, err := Read("valley.rss", strings.NewReader(rssFeed), Options{URL: "https://radio.example.org/feed"})
	if err != nil {
		t.Fatal(err)
	}
	checkDocs(t, docs)
	if len(docs) != 4 {
		t.Fatalf("%d docs, want 4: %+v", len(docs), docs)
	}
	want := []actorgraph.Document{
		{ID: "vr-101", Title: "Convoy reaches the camp", URL: "https://radio.example.org/convoy", Publisher: "Valley Radio", Published: "2024-03-06",
			Text: "A relief convoy reached the camp on Tuesday, aid workers said.\n\nThe brigade let it pass the checkpoint."},
		{ID: "https://radio.example.org/elders", Title: "Elders call for talks", URL: "https://radio.example.org/elders", Publisher: "Valley Radio", Published: "2024-03-04",
			Text: "Elders in the market town called for talks & a truce."},
		{Title: "Headline only item", URL: "https://radio.example.org/feed#item-3", Publisher: "Valley Radio", Text: "Headline only item"},
		{Title: "No title, no date.", URL: "https://radio.example.org/feed#item-4", Publisher: "Valley Radio", Text: "No title, no date."},
	}
	for i := range want {
		if docs[i] != want[i] {
			t.Errorf("doc %d = %+v\nwant %+v", i, docs[i], want[i])
		}
	}
}

func TestReadAtom(t *testing.T) {
	docs, err := Read("wire.atom", strings.NewReader(atomFeed), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkDocs(t, docs)
	if len(docs) != 2 {
		t.Fatalf("%d docs: %+v", len(docs), docs)
	}
	d := docs[0]
	if d.Title != "Talks resume" || d.URL != "https://wire.example.net/talks" || d.Published != "2024-03-06" ||
		d.Publisher != "Frontier Wire" || d.Text != "Delegations from both sides met in the capital." || d.ID != "urn:uuid:entry-1" {
		t.Errorf("doc 0 = %+v", d)
	}
	if d := docs[1]; d.Published != "2024-02-01" || d.Text != "The bridge was repaired." || d.URL != "" {
		t.Errorf("doc 1 = %+v", d)
	}
}

func TestReadJSONFeed(t *testing.T) {
	in := `{"version":"https://jsonfeed.org/version/1.1","title":"Json Desk","items":[{"id":"1","url":"https://json.example.org/1","title":"First","content_text":"The ferry resumed service.","date_published":"2024-01-02T03:04:05Z"}]}`
	docs, err := Read("feed.json", strings.NewReader(in), Options{Format: FormatFeed})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Text != "The ferry resumed service." || docs[0].Published != "2024-01-02" || docs[0].Publisher != "Json Desk" {
		t.Errorf("docs = %+v", docs)
	}
	// detected without a format too, whether or not named .json
	for _, name := range []string{"-", "feed.json"} {
		if docs, err := Read(name, strings.NewReader(in), Options{}); err != nil || len(docs) != 1 {
			t.Errorf("%s: %v, %+v", name, err, docs)
		}
	}
}

func TestReadFeedCharset(t *testing.T) {
	in := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\xe9 Radio</title><item><title>Caf\xe9</title><description>The caf\xe9 reopened.</description></item></channel></rss>"
	docs, err := Read("latin.rss", strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if docs[0].Text != "The café reopened." || docs[0].Publisher != "Café Radio" {
		t.Errorf("docs = %+v", docs)
	}
}

func TestReadFeedContentTypeCharset(t *testing.T) {
	in := "<rss version=\"2.0\"><channel><item><description>The caf\xe9 reopened.</description></item></channel></rss>"
	docs, err := Read("served", strings.NewReader(in), Options{ContentType: "application/rss+xml; charset=windows-1252"})
	if err != nil || docs[0].Text != "The café reopened." {
		t.Errorf("docs %+v, err %v", docs, err)
	}
}

func TestReadFeedRefused(t *testing.T) {
	tests := map[string]string{
		"empty":                  "",
		"not xml":                "this is not a feed",
		"truncated rss":          rssFeed[:len(rssFeed)/2],
		"truncated atom":         atomFeed[:len(atomFeed)/3],
		"unclosed channel":       `<rss version="2.0"><channel><title>x</title><item><title>a</title><description>b`,
		"mismatched tags":        `<rss version="2.0"><channel><item><title>a</description></item></channel></rss>`,
		"empty rss":              `<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>`,
		"empty atom":             `<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title></feed>`,
		"items without text":     `<rss version="2.0"><channel><item></item><item><link>https://example.org</link></item></channel></rss>`,
		"other xml":              `<?xml version="1.0"?><catalog><book>words</book></catalog>`,
		"html page":              `<!doctype html><html><body><p>Not a feed</p></body></html>`,
		"invalid UTF-8":          "<rss version=\"2.0\"><channel><item><title>Caf\xe9</title><description>Caf\xe9</description></item></channel></rss>",
		"invalid UTF-8 declared": "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><item><description>Caf\xe9</description></item></channel></rss>",
		"NUL byte":               "<rss version=\"2.0\"><channel><item><description>a\x00b</description></item></channel></rss>",
		"unknown encoding":       `<?xml version="1.0" encoding="x-no-such"?><rss version="2.0"><channel><item><description>a</description></item></channel></rss>`,
		"entity bomb":            `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><item><description>&b;&b;&b;</description></item></channel></rss>`,
		"broken json feed":       `{"version":"https://jsonfeed.org/version/1.1","items":[{"content_text":`,
		"empty json feed":        `{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[]}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			docs, err := Read("bad.xml", strings.NewReader(in), Options{Format: FormatFeed})
			if name == "entity bomb" && err == nil {
				// refusing is best, but a parser that leaves the
				// entities unexpanded is safe too
				for _, d := range docs {
					if len(d.Text) > 1000 {
						t.Fatalf("entities expanded: %d bytes", len(d.Text))
					}
				}
				return
			}
			assertCode(t, err, actorgraph.EInvalid, "bad.xml")
		})
	}
}
