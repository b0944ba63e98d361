// Package alert publishes the alerts a store raised for watched actors: as
// an Atom 1.0 feed (encoding/xml) and as JSON POSTed to webhooks, retried
// with exponential back-off.
//
// It owns the feed format and the delivery policy, not the alerts: they
// come from any actorgraph.Watcher, which also keeps the delivery queue, so
// a delivery that fails stays queued for the next run and nothing is lost.
// It imports only the root package and the standard library; it must not
// import a store, nlp/, query/ or cmd/.
package alert

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph"
)

// Feed describes the Atom feed as a whole.
type Feed struct {
	Title string // default "actorgraph alerts"
	ID    string // a permanent IRI; default "urn:actorgraph:alerts"
	Link  string // where the feed is served, optional
	// Updated is the feed's time when it has no entries (default: the
	// newest alert's time, else the zero time).
	Updated time.Time
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published"`
	Links      []atomLink     `xml:"link,omitempty"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
}

// Title is a one-line description of an alert: "new: A —SUPPORTS→ B".
func Title(a actorgraph.Alert) string {
	neg := ""
	if a.Edge.Negated {
		neg = "NOT "
	}
	return fmt.Sprintf("%s: %s —%s%s→ %s", a.Kind, a.Edge.SourceName, neg, a.Edge.Type, a.Edge.TargetName)
}

// Summary says what changed and cites the newest sentence and its source.
func Summary(a actorgraph.Alert) string {
	var b strings.Builder
	switch a.Kind {
	case actorgraph.AlertNew:
		fmt.Fprintf(&b, "A relationship of watched actor %s was first reported.", a.ActorName)
	case actorgraph.AlertContested:
		fmt.Fprintf(&b, "Sources now disagree about a relationship of watched actor %s.", a.ActorName)
	case actorgraph.AlertStrengthened:
		fmt.Fprintf(&b, "A relationship of watched actor %s is now attested by %d documents (was %d).",
			a.ActorName, a.Edge.Documents, a.PrevDocuments)
	}
	fmt.Fprintf(&b, " Evidence: %d sentences in %d documents (edge #%d).", a.Edge.Count, a.Edge.Documents, a.Edge.ID)
	if a.Evidence.Sentence != "" {
		ev := a.Evidence
		fmt.Fprintf(&b, "\n\n\"%s\" [%s] — %s (document %d", strings.Join(strings.Fields(ev.Sentence), " "), ev.Modality, ev.DocTitle, ev.DocID)
		if ev.Publisher != "" {
			b.WriteString(", " + ev.Publisher)
		}
		if ev.Published != "" {
			b.WriteString(", " + ev.Published)
		}
		if ev.DocURL != "" {
			b.WriteString(", " + ev.DocURL)
		}
		b.WriteString(")")
	}
	return b.String()
}

// WriteAtom writes alerts as an Atom 1.0 feed, in the order given.
func WriteAtom(w io.Writer, f Feed, alerts []actorgraph.Alert) error {
	if f.Title == "" {
		f.Title = "actorgraph alerts"
	}
	if f.ID == "" {
		f.ID = "urn:actorgraph:alerts"
	}
	updated := f.Updated
	for _, a := range alerts {
		if a.At.After(updated) {
			updated = a.At
		}
	}
	feed := atomFeed{Title: f.Title, ID: f.ID, Updated: stamp(updated), Author: atomPerson{"actorgraph"}, Entries: []atomEntry{}}
	if f.Link != "" {
		feed.Links = append(feed.Links, atomLink{Href: f.Link, Rel: "self"})
	}
	for _, a := range alerts {
		e := atomEntry{
			Title:      clean(Title(a)),
			ID:         f.ID + ":" + strconv.FormatInt(a.ID, 10),
			Updated:    stamp(a.At),
			Published:  stamp(a.At),
			Categories: []atomCategory{{Term: string(a.Kind)}, {Term: string(a.Edge.Type)}},
			Summary:    atomText{Type: "text", Body: clean(Summary(a))},
		}
		if a.Evidence.DocURL != "" {
			e.Links = append(e.Links, atomLink{Href: a.Evidence.DocURL, Rel: "related"})
		}
		feed.Entries = append(feed.Entries, e)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(feed); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// clean drops what XML 1.0 cannot carry (control characters other than
// tab and newline, invalid UTF-8).
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF {
			return r
		}
		return -1
	}, s)
}
