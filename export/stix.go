package export

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph"
)

// STIXNamespace is the UUID namespace of the identifiers WriteSTIX makes.
// Every identifier is a version 5 UUID of this namespace and a stable key
// (see WriteSTIX), so exporting the same data again gives the same ids.
const STIXNamespace = "afaca94c-5f5a-4b9b-b22c-088cf0fddb3d"

// stixTime is the STIX timestamp layout, to the millisecond as the
// specification requires for created and modified.
const stixTime = "2006-01-02T15:04:05.000Z"

// STIXRelationshipType returns the STIX relationship_type for a relation
// type: its name in lower case with hyphens ("affiliate-of", "attacks"),
// except LOCATED_IN, which becomes STIX's own "located-at".
func STIXRelationshipType(t actorgraph.RelationType) string {
	if t == actorgraph.LocatedIn {
		return "located-at"
	}
	var b strings.Builder
	for _, r := range strings.ToLower(string(t)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if s := b.String(); s != "" && !strings.HasSuffix(s, "-") {
			b.WriteByte('-')
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		return "related-to"
	}
	return s
}

// STIXObjectType returns the STIX object type an actor of type t becomes:
// threat-actor for armed groups, location for countries and places, and
// identity for people, organisations and anything else.
func STIXObjectType(t actorgraph.EntityType) string {
	switch t {
	case actorgraph.ArmedGroup:
		return "threat-actor"
	case actorgraph.Country, actorgraph.Location:
		return "location"
	}
	return "identity"
}

// WriteSTIX writes g as a STIX 2.1 bundle (JSON, indented).
//
// Mapping:
//   - ARMED_GROUP → threat-actor, with aliases; threat_actor_types only
//     from g.ThreatActorTypes.
//   - PERSON → identity (identity_class "individual"); ORG → identity
//     ("organization"); an actor of no known type → identity without a
//     class.
//   - COUNTRY → location with country set to the ISO 3166-1 alpha-2 code
//     when its knowledge-base id is an alpha-3 code we know, else to its
//     name. LOCATION → location with the country of the place it is
//     LOCATED_IN (when that country's code is known), else region set to
//     its name, since STIX wants one of region, country or coordinates.
//   - Each edge → relationship; relationship_type from STIXRelationshipType;
//     description lists the evidence sentences with their documents;
//     confidence from g.Confidence, else from g.Assessments by the STIX 2.1
//     confidence scales (appendix A): the analyst's confidence on the
//     Low/Med/High scale (low 15, moderate 50, high 85), else the
//     information credibility on the Admiralty scale (1 → 90, 2 → 70,
//     3 → 50, 4 → 30, 5 → 10, 6 → no confidence);
//     x_actorgraph_confidence_basis says which. The four assessments also
//     travel apart, never blended: x_actorgraph_source_reliability (A–F),
//     x_actorgraph_credibility, x_actorgraph_derived_credibility and
//     x_actorgraph_independent_sources, x_actorgraph_modality with
//     x_actorgraph_negated, and x_actorgraph_analyst_confidence.
//   - Each document that supports at least one exported actor or
//     relationship → report, with object_refs to them; published is the
//     document's date, else its ingest time, and then
//     x_actorgraph_published_from says "ingested" (or "unknown" when the
//     ingest time is unknown too, and the fallback time below stands in).
//
// Our own data travels in custom properties prefixed x_actorgraph_
// (negated, contested, count, modality, modalities, first and last seen,
// knowledge-base id, store ids, ...).
//
// Identifiers are "type--" and the UUIDv5 under STIXNamespace of the type
// and a stable key: an actor's
// knowledge-base id, else its type and name (with its store id appended
// only where two actors share that key); a relationship's end keys, type
// and negation; a document's SHA-256. created and modified are the
// earliest and latest ingest times of the documents behind an object (for
// an object with none, the latest ingest time in the graph, or the Unix
// epoch for a graph without documents), so the bytes are stable too.
func WriteSTIX(w io.Writer, g *Graph) error {
	v, err := newView(g)
	if err != nil {
		return err
	}
	id, objects, err := buildSTIX(v)
	if err != nil {
		return err
	}
	// The bundle is written one object at a time, indented as
	// json.Encoder with SetIndent("", "  ") would, without holding the
	// whole document in memory twice.
	bw := bufio.NewWriter(w)
	bw.WriteString("{\n  \"type\": \"bundle\",\n  \"id\": \"" + id + "\"")
	if len(objects) > 0 {
		bw.WriteString(",\n  \"objects\": [\n")
		var buf bytes.Buffer
		for i, o := range objects {
			raw, err := o.MarshalJSON()
			if err != nil {
				return err
			}
			buf.Reset()
			if err := json.Indent(&buf, raw, "    ", "  "); err != nil {
				return err
			}
			bw.WriteString("    ")
			bw.Write(buf.Bytes())
			if i < len(objects)-1 {
				bw.WriteByte(',')
			}
			bw.WriteByte('\n')
		}
		bw.WriteString("  ]")
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// kv is one property of a STIX object.
type kv struct {
	k string
	v any
}

// object is a JSON object that keeps its properties in the order they
// were added.
type object []kv

func (o *object) add(k string, v any) { *o = append(*o, kv{k, v}) }

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	// encode writes v and drops the newline Encode ends it with.
	encode := func(v any) error {
		if err := enc.Encode(v); err != nil {
			return err
		}
		b.Truncate(b.Len() - 1)
		return nil
	}
	b.WriteByte('{')
	for i, p := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := encode(p.k); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := encode(p.v); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

var stixNS = func() [16]byte {
	var u [16]byte
	b, err := hex.DecodeString(strings.ReplaceAll(STIXNamespace, "-", ""))
	if err != nil || len(b) != 16 {
		panic("export: bad STIXNamespace")
	}
	copy(u[:], b)
	return u
}()

// uuid5 returns the RFC 9562 version 5 UUID of name in namespace ns.
func uuid5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

func stixID(typ, key string) string { return typ + "--" + uuid5(stixNS, typ+"\x00"+key) }

func stamp(t time.Time) string { return t.UTC().Format(stixTime) }

// span is the earliest and latest of a set of times.
type span struct{ first, last time.Time }

func (s *span) add(t time.Time) {
	if t.IsZero() {
		return
	}
	if s.first.IsZero() || t.Before(s.first) {
		s.first = t
	}
	if s.last.IsZero() || t.After(s.last) {
		s.last = t
	}
}

func (s span) or(fallback time.Time) (created, modified string) {
	if s.first.IsZero() {
		return stamp(fallback), stamp(fallback)
	}
	return stamp(s.first), stamp(s.last)
}

type stixBuilder struct {
	v         *view
	actorID   map[actorgraph.ActorID]string
	edgeID    map[actorgraph.EdgeID]string
	actorSpan map[actorgraph.ActorID]*span
	edgeSpan  map[actorgraph.EdgeID]*span
	fallback  time.Time
	country   map[actorgraph.ActorID]string // LOCATION → alpha-2 of the country it lies in
	docActors map[actorgraph.DocID]map[actorgraph.ActorID]bool
	docEdges  map[actorgraph.DocID]map[actorgraph.EdgeID]bool
}

// buildSTIX returns the bundle's id and objects.
func buildSTIX(v *view) (string, []object, error) {
	b := &stixBuilder{
		v:         v,
		actorID:   map[actorgraph.ActorID]string{},
		edgeID:    map[actorgraph.EdgeID]string{},
		actorSpan: map[actorgraph.ActorID]*span{},
		edgeSpan:  map[actorgraph.EdgeID]*span{},
		country:   map[actorgraph.ActorID]string{},
		fallback:  time.Unix(0, 0).UTC(),
	}
	for _, d := range v.docs {
		if d.Ingested.After(b.fallback) {
			b.fallback = d.Ingested
		}
	}
	b.assignIDs()
	b.spans()
	b.locations()
	b.supports()

	var objects []object
	for i := range v.actors {
		objects = append(objects, b.actor(&v.actors[i]))
	}
	for _, e := range v.edges {
		o, err := b.relationship(e)
		if err != nil {
			return "", nil, err
		}
		objects = append(objects, o)
	}
	for i := range v.docs {
		if o := b.report(&v.docs[i]); o != nil {
			objects = append(objects, o)
		}
	}

	// The bundle's id is a digest of what it holds.
	var key strings.Builder
	for _, o := range objects {
		key.WriteString(prop(o, "id"))
		key.WriteByte(' ')
		key.WriteString(prop(o, "modified"))
		key.WriteByte('\n')
	}
	return stixID("bundle", key.String()), objects, nil
}

// prop returns a string property of an object, or "".
func prop(o object, k string) string {
	for _, p := range o {
		if p.k == k {
			s, _ := p.v.(string)
			return s
		}
	}
	return ""
}

// assignIDs gives every actor and edge its STIX id from a stable key.
func (b *stixBuilder) assignIDs() {
	keys := make(map[actorgraph.ActorID]string, len(b.v.actors))
	count := map[string]int{}
	for _, a := range b.v.actors {
		k := actorKey(a)
		keys[a.ID] = k
		count[STIXObjectType(a.Type)+k]++
	}
	for _, a := range b.v.actors {
		k := keys[a.ID]
		if count[STIXObjectType(a.Type)+k] > 1 {
			k += "#" + strconv.FormatInt(int64(a.ID), 10)
			keys[a.ID] = k
		}
		b.actorID[a.ID] = stixID(STIXObjectType(a.Type), k)
	}
	ekeys := make(map[actorgraph.EdgeID]string, len(b.v.edges))
	ecount := map[string]int{}
	for _, e := range b.v.edges {
		k := fmt.Sprintf("%s|%s|%s|%t", keys[e.Source], e.Type, keys[e.Target], e.Negated)
		ekeys[e.ID] = k
		ecount[k]++
	}
	for _, e := range b.v.edges {
		k := ekeys[e.ID]
		if ecount[k] > 1 {
			k += "#" + strconv.FormatInt(int64(e.ID), 10)
		}
		b.edgeID[e.ID] = stixID("relationship", k)
	}
}

// actorKey is the stable part of an actor's identity: its knowledge-base
// id, else its type and normalised name.
func actorKey(a actorgraph.Actor) string {
	if kb := strings.TrimSpace(a.KBID); kb != "" {
		return "kb:" + strings.ToLower(kb)
	}
	if name := strings.Join(strings.Fields(strings.ToLower(a.Name)), " "); name != "" {
		return "name:" + string(a.Type) + ":" + name
	}
	return "id:" + strconv.FormatInt(int64(a.ID), 10)
}

// spans finds, for each actor and edge, the ingest times of the documents
// behind it.
func (b *stixBuilder) spans() {
	ingested := func(id actorgraph.DocID) time.Time {
		if d := b.v.doc[id]; d != nil {
			return d.Ingested
		}
		return time.Time{}
	}
	for _, a := range b.v.actors {
		s := &span{}
		for _, c := range a.Aliases {
			s.add(ingested(c.DocID))
		}
		b.actorSpan[a.ID] = s
	}
	for _, e := range b.v.edges {
		s := &span{}
		for _, r := range b.v.evidence[e.ID] {
			t := ingested(r.DocID)
			s.add(t)
			b.actorSpan[e.Source].add(t)
			b.actorSpan[e.Target].add(t)
		}
		b.edgeSpan[e.ID] = s
	}
}

// locations finds the country of each place from its LOCATED_IN edges:
// the asserted (not negated) one with the most evidence.
func (b *stixBuilder) locations() {
	best := map[actorgraph.ActorID]int{}
	for _, e := range b.v.edges {
		if e.Type != actorgraph.LocatedIn || e.Negated {
			continue
		}
		src, tgt := b.v.actor[e.Source], b.v.actor[e.Target]
		if src.Type != actorgraph.Location || tgt.Type != actorgraph.Country {
			continue
		}
		code := countryCode(tgt.KBID)
		if code == "" {
			continue
		}
		if n, ok := best[src.ID]; !ok || e.Count > n {
			best[src.ID] = e.Count
			b.country[src.ID] = code
		}
	}
}

func (b *stixBuilder) common(typ, id string, s *span) object {
	created, modified := s.or(b.fallback)
	return object{{"type", typ}, {"spec_version", "2.1"}, {"id", id}, {"created", created}, {"modified", modified}}
}

func (b *stixBuilder) actor(a *actorgraph.Actor) object {
	typ := STIXObjectType(a.Type)
	o := b.common(typ, b.actorID[a.ID], b.actorSpan[a.ID])
	name := a.Name
	if name == "" {
		name = fmt.Sprintf("actor %d", a.ID)
	}
	o.add("name", name)
	aliases := aliasNames(a)
	switch typ {
	case "threat-actor":
		if types := cleanList(b.v.g.ThreatActorTypes[a.ID]); len(types) > 0 {
			o.add("threat_actor_types", types)
		}
		if len(aliases) > 0 {
			o.add("aliases", aliases)
		}
	case "identity":
		switch a.Type {
		case actorgraph.Person:
			o.add("identity_class", "individual")
		case actorgraph.Org:
			o.add("identity_class", "organization")
		}
	case "location":
		if a.Type == actorgraph.Country {
			if code := countryCode(a.KBID); code != "" {
				o.add("country", code)
			} else {
				o.add("country", name)
			}
		} else if code := b.country[a.ID]; code != "" {
			o.add("country", code)
		} else {
			o.add("region", name)
		}
	}
	o.add("x_actorgraph_actor_id", int64(a.ID))
	if a.Type != "" {
		o.add("x_actorgraph_type", string(a.Type))
	}
	if a.KBID != "" {
		o.add("x_actorgraph_kb_id", a.KBID)
	}
	if typ != "threat-actor" && len(aliases) > 0 {
		o.add("x_actorgraph_aliases", aliases)
	}
	o.add("x_actorgraph_mentions", a.Mentions)
	o.add("x_actorgraph_documents", a.Documents)
	return o
}

func (b *stixBuilder) relationship(e actorgraph.Edge) (object, error) {
	o := b.common("relationship", b.edgeID[e.ID], b.edgeSpan[e.ID])
	o.add("relationship_type", STIXRelationshipType(e.Type))
	if d := b.description(e); d != "" {
		o.add("description", d)
	}
	o.add("source_ref", b.actorID[e.Source])
	o.add("target_ref", b.actorID[e.Target])
	if c, ok := b.v.g.Confidence[e.ID]; ok {
		if c < 0 || c > 100 {
			return nil, actorgraph.Errorf(actorgraph.EInvalid, "export: confidence %d of edge %d is not within 0..100", c, e.ID)
		}
		o.add("confidence", c)
	}
	as, assessed := b.v.g.Assessments[e.ID]
	if _, set := b.v.g.Confidence[e.ID]; !set && assessed {
		if c, ok := actorgraph.STIXConfidence(as); ok {
			o.add("confidence", c)
			basis := "credibility"
			if as.Confidence != "" {
				basis = "analyst_confidence"
			}
			o.add("x_actorgraph_confidence_basis", basis)
		}
	}
	o.add("x_actorgraph_edge_id", int64(e.ID))
	o.add("x_actorgraph_relation_type", string(e.Type))
	o.add("x_actorgraph_negated", e.Negated)
	o.add("x_actorgraph_contested", e.Contested)
	o.add("x_actorgraph_count", e.Count)
	o.add("x_actorgraph_documents", e.Documents)
	if m := strongest(e.Modalities); m != "" {
		o.add("x_actorgraph_modality", string(m))
	}
	if ms := modalityList(e.Modalities, "\x00"); ms != "" {
		o.add("x_actorgraph_modalities", strings.Split(ms, "\x00"))
	}
	if e.FirstSeen != "" {
		o.add("x_actorgraph_first_seen", e.FirstSeen)
	}
	if e.LastSeen != "" {
		o.add("x_actorgraph_last_seen", e.LastSeen)
	}
	if assessed {
		o.add("x_actorgraph_source_reliability", string(as.Reliability))
		o.add("x_actorgraph_credibility", as.Credibility)
		o.add("x_actorgraph_derived_credibility", as.DerivedCredibility)
		o.add("x_actorgraph_independent_sources", as.IndependentSources)
		if as.Confidence != "" {
			o.add("x_actorgraph_analyst_confidence", string(as.Confidence))
		}
	}
	return o, nil
}

// description lists the evidence sentences of an edge, one a line, each
// with the document it comes from.
func (b *stixBuilder) description(e actorgraph.Edge) string {
	rows := b.v.evidence[e.ID]
	var lines []string
	if e.Negated && len(rows) > 0 {
		lines = append(lines, "Negated: the sources below say that this relationship does not hold.")
	}
	for _, r := range rows {
		sentence := strings.Join(strings.Fields(r.Sentence), " ")
		if sentence == "" {
			continue
		}
		var cite []string
		title := r.DocTitle
		if title == "" {
			if d := b.v.doc[r.DocID]; d != nil {
				title = d.Title
			}
		}
		if title == "" {
			title = fmt.Sprintf("document %d", r.DocID)
		}
		cite = append(cite, strings.Join(strings.Fields(title), " "))
		if r.Publisher != "" {
			cite = append(cite, r.Publisher)
		}
		if r.Published != "" {
			cite = append(cite, r.Published)
		} else {
			cite = append(cite, "undated")
		}
		how := string(r.Modality)
		if r.Negated {
			how = strings.TrimPrefix(how+", negated", ", ")
		}
		line := `"` + sentence + `" (` + strings.Join(cite, ", ") + ")"
		if how != "" {
			line += " [" + how + "]"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// supports indexes, for each document, the actors and edges it supports:
// the actors it names (alias claims) and the edges it gives evidence for,
// with their ends.
func (b *stixBuilder) supports() {
	b.docActors = map[actorgraph.DocID]map[actorgraph.ActorID]bool{}
	b.docEdges = map[actorgraph.DocID]map[actorgraph.EdgeID]bool{}
	addActor := func(d actorgraph.DocID, a actorgraph.ActorID) {
		if b.docActors[d] == nil {
			b.docActors[d] = map[actorgraph.ActorID]bool{}
		}
		b.docActors[d][a] = true
	}
	for _, a := range b.v.actors {
		for _, c := range a.Aliases {
			if c.DocID != 0 {
				addActor(c.DocID, a.ID)
			}
		}
	}
	for _, e := range b.v.edges {
		for _, r := range b.v.evidence[e.ID] {
			if b.docEdges[r.DocID] == nil {
				b.docEdges[r.DocID] = map[actorgraph.EdgeID]bool{}
			}
			b.docEdges[r.DocID][e.ID] = true
			addActor(r.DocID, e.Source)
			addActor(r.DocID, e.Target)
		}
	}
}

// report returns the report object of a document, or nil when the
// document supports nothing in the graph (a report needs object_refs).
func (b *stixBuilder) report(d *actorgraph.StoredDocument) object {
	actors, edges := b.docActors[d.DocID], b.docEdges[d.DocID]
	if len(actors) == 0 && len(edges) == 0 {
		return nil
	}
	// Actors, then relationships, each in store id order.
	aids := make([]actorgraph.ActorID, 0, len(actors))
	for id := range actors {
		aids = append(aids, id)
	}
	slices.Sort(aids)
	eids := make([]actorgraph.EdgeID, 0, len(edges))
	for id := range edges {
		eids = append(eids, id)
	}
	slices.Sort(eids)
	refs := make([]string, 0, len(aids)+len(eids))
	for _, id := range aids {
		refs = append(refs, b.actorID[id])
	}
	for _, id := range eids {
		refs = append(refs, b.edgeID[id])
	}

	key := "id:" + strconv.FormatInt(int64(d.DocID), 10)
	if h := strings.ToLower(strings.TrimSpace(d.Hash)); h != "" {
		key = "sha256:" + h
	}
	s := &span{}
	s.add(d.Ingested)
	o := b.common("report", stixID("report", key), s)
	name := strings.Join(strings.Fields(d.Title), " ")
	if name == "" {
		name = d.URL
	}
	if name == "" {
		name = fmt.Sprintf("document %d", d.DocID)
	}
	o.add("name", name)
	published, fromDoc := publishedTime(d.Published)
	if !fromDoc {
		published = d.Ingested
		if published.IsZero() {
			published = b.fallback
		}
	}
	o.add("published", stamp(published))
	o.add("object_refs", refs)
	if d.URL != "" {
		source := d.Publisher
		if source == "" {
			if u, err := url.Parse(d.URL); err == nil && u.Host != "" {
				source = u.Host
			} else {
				source = "source"
			}
		}
		o.add("external_references", []object{{{"source_name", source}, {"url", d.URL}}})
	}
	o.add("x_actorgraph_doc_id", int64(d.DocID))
	if d.Hash != "" {
		o.add("x_actorgraph_sha256", d.Hash)
	}
	if d.Publisher != "" {
		o.add("x_actorgraph_publisher", d.Publisher)
	}
	if d.Source != "" {
		o.add("x_actorgraph_source", d.Source)
	}
	if !d.Ingested.IsZero() {
		o.add("x_actorgraph_ingested", stamp(d.Ingested))
	}
	if !fromDoc {
		if d.Ingested.IsZero() {
			o.add("x_actorgraph_published_from", "unknown")
		} else {
			o.add("x_actorgraph_published_from", "ingested")
		}
	}
	return o
}

// publishedTime reads a document's publication date (YYYY-MM-DD, or a
// full RFC 3339 time).
func publishedTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// cleanList trims, drops empty values and duplicates, and sorts.
func cleanList(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
