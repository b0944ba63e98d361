package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"

	"github.com/actorgraph/actorgraph"
)

// readFeed reads an RSS, Atom or JSON feed: one document an item, its
// text from the item's content or description with HTML stripped, its
// date from the item's published (or else updated) date in UTC.
func readFeed(name string, b []byte, opts Options) (docs []actorgraph.Document, err error) {
	if err := checkBinary(name, b); err != nil {
		return nil, err
	}
	enc := xmlEncoding(b)
	if enc == "" {
		// no declaration: the charset of an HTTP Content-Type applies
		var err error
		if b, err = decodeCharset(name, b, opts.ContentType); err != nil {
			return nil, err
		}
	}
	if enc == "" || isUTF8Label(enc) {
		if err := checkUTF8(name, b, "the feed"); err != nil {
			return nil, err
		}
	}
	head := sniffHead(b)
	if len(head) > 0 && head[0] == '<' && !looksLikeFeed(head) {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: not an RSS or Atom feed: no <rss>, <feed> or <rdf:RDF> root element", name)
	}

	if len(head) > 0 && head[0] == '<' {
		if err := checkXML(b); err != nil {
			return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: broken feed: %s", name, oneLine(err.Error()))
		}
	}

	defer func() {
		if r := recover(); r != nil {
			docs = nil
			err = actorgraph.Errorf(actorgraph.EInvalid, "%s: broken feed: the feed parser failed (%s)", name, oneLine(fmt.Sprint(r)))
		}
	}()
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: not an RSS, Atom or JSON feed", name)
		}
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: broken feed: %s", name, oneLine(err.Error()))
	}
	if feed == nil || len(feed.Items) == 0 {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: empty feed: it has no items", name)
	}
	publisher := markupFree(feed.Title)
	for i, it := range feed.Items {
		if it == nil {
			continue
		}
		d := actorgraph.Document{Publisher: publisher}
		d.Title = markupFree(it.Title)
		d.Text = htmlFragmentText(it.Content)
		if d.Text == "" {
			d.Text = htmlFragmentText(it.Description)
		}
		if d.Text == "" {
			d.Text = d.Title // a headline-only item still says something
		}
		if d.Text == "" {
			continue
		}
		if d.Title == "" {
			d.Title = titleFromText(d.Text)
		}
		d.Published = feedDate(it.PublishedParsed, it.Published)
		if d.Published == "" {
			d.Published = feedDate(it.UpdatedParsed, it.Updated)
		}
		if it.DublinCoreExt != nil && d.Published == "" && len(it.DublinCoreExt.Date) > 0 {
			d.Published = NormalizeDate(it.DublinCoreExt.Date[0])
		}
		if u := strings.TrimSpace(it.Link); isWebURL(u) {
			d.URL = u
		} else {
			for _, l := range it.Links {
				if l = strings.TrimSpace(l); isWebURL(l) {
					d.URL = l
					break
				}
			}
		}
		if d.URL == "" && isWebURL(strings.TrimSpace(it.GUID)) {
			d.URL = strings.TrimSpace(it.GUID)
		}
		if d.URL == "" && opts.URL != "" {
			d.URL = opts.URL + "#item-" + strconv.Itoa(i+1)
		}
		d.ID = cleanTitle(it.GUID)
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: empty feed: none of its %d items has any text", name, len(feed.Items))
	}
	return docs, nil
}

// feedDate is a feed date as YYYY-MM-DD in UTC: the parsed time when the
// feed library read one, else the raw string normalised.
func feedDate(t *time.Time, raw string) string {
	if t != nil && !t.IsZero() && plausibleYear(t.UTC().Year()) {
		return t.UTC().Format("2006-01-02")
	}
	return NormalizeDate(raw)
}

// checkXML reads every token of an XML document, as leniently as feed
// readers are (HTML entities, bare "&", unquoted attributes pass) but
// refusing what is broken: mismatched or unclosed elements, a document
// cut short. The feed parser alone reads such feeds without a word.
func checkXML(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
