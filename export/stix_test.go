package export

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
)

func writeSTIX(t *testing.T, g *Graph) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSTIX(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// stixObjects decodes a bundle into its objects, by id and in order.
func stixObjects(t *testing.T, data []byte) (map[string]map[string]any, []map[string]any) {
	t.Helper()
	var bundle struct {
		Objects []map[string]any `json:"objects"`
	}
	if err := json.Unmarshal(data, &bundle); err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]any{}
	for _, o := range bundle.Objects {
		byID[o["id"].(string)] = o
	}
	return byID, bundle.Objects
}

// byXID finds the object with the given x_actorgraph_ property value.
func byXID(t *testing.T, objs []map[string]any, prop string, id int) map[string]any {
	t.Helper()
	for _, o := range objs {
		if n, ok := o[prop].(float64); ok && int(n) == id {
			return o
		}
	}
	t.Fatalf("no object with %s = %d", prop, id)
	return nil
}

// stixTestGraphs are the graphs whose STIX output the validators check:
// the fixture with every optional annotation, an empty graph, and odd
// ones (an actor without name or type, an edge whose ends are not among
// the actors, a document without date, ingest time or URL).
func stixTestGraphs() []*Graph {
	g := fixtureGraph()
	g.Confidence = map[actorgraph.EdgeID]int{6: 85, 1: 0}
	g.ThreatActorTypes = map[actorgraph.ActorID][]string{2: {"terrorist", " terrorist"}, 7: {"unknown"}}
	odd := &Graph{
		Actors: []actorgraph.Actor{{ID: 1}},
		Edges: []actorgraph.Edge{{ID: 5, Source: 1, Target: 2, TargetName: "Somewhere", Type: "ODD_TYPE"},
			{ID: 6, Source: 3, SourceName: "", Target: 3, Type: actorgraph.Supports, Count: 1}},
		Evidence:  map[actorgraph.EdgeID][]actorgraph.EvidenceRow{6: {{DocID: 9, Sentence: "It supports itself."}}},
		Documents: []actorgraph.StoredDocument{{DocID: 9}},
	}
	return []*Graph{g, {}, odd}
}

func TestSTIXStructure(t *testing.T) {
	for _, graph := range stixTestGraphs() {
		data := writeSTIX(t, graph)
		if problems := checkSTIX(data); len(problems) > 0 {
			t.Errorf("STIX output is not valid:\n%s\n%s", strings.Join(problems, "\n"), data)
		}
	}
}

// TestSTIXCheckerCatchesErrors makes sure the structural validator is not
// a rubber stamp.
func TestSTIXCheckerCatchesErrors(t *testing.T) {
	good := writeSTIX(t, fixtureGraph())
	for _, tc := range []struct{ from, to, want string }{
		{`"spec_version": "2.1"`, `"spec_version": "2.0"`, "spec_version"},
		{`"created": "2024-03-01T10:00:00.123Z"`, `"created": "2024-03-01T10:00:00Z"`, "millisecond"},
		{`"identity_class": "individual"`, `"identity_class": "person"`, "identity-class-ov"},
		{`"relationship_type": "located-at"`, `"relationship_type": "Located_At"`, "relationship_type"},
		{`"x_actorgraph_negated"`, `"negated"`, "unknown property"},
		{`"object_refs": [`, `"object_refs": ["report--00000000-0000-4000-8000-000000000000",`, "not in the bundle"},
		{`"type": "location"`, `"type": "locat"`, "not one WriteSTIX"},
		{`"country": "AF"`, `"city": "AF"`, "needs region, country"},
	} {
		if !bytes.Contains(good, []byte(tc.from)) {
			t.Fatalf("fixture output has no %s", tc.from)
		}
		broken := bytes.Replace(good, []byte(tc.from), []byte(tc.to), 1)
		problems := strings.Join(checkSTIX(broken), "\n")
		if !strings.Contains(problems, tc.want) {
			t.Errorf("replacing %s by %s: no problem mentioning %q; got:\n%s", tc.from, tc.to, tc.want, problems)
		}
	}
}

func TestSTIXMapping(t *testing.T) {
	g := fixtureGraph()
	g.Confidence = map[actorgraph.EdgeID]int{6: 85}
	g.ThreatActorTypes = map[actorgraph.ActorID][]string{2: {"terrorist"}}
	data := writeSTIX(t, g)
	byID, objs := stixObjects(t, data)
	actor := func(id int) map[string]any { return byXID(t, objs, "x_actorgraph_actor_id", id) }
	edge := func(id int) map[string]any { return byXID(t, objs, "x_actorgraph_edge_id", id) }
	report := func(id int) map[string]any { return byXID(t, objs, "x_actorgraph_doc_id", id) }

	check := func(what string, o map[string]any, want map[string]any) {
		t.Helper()
		for k, v := range want {
			got, ok := o[k]
			if v == nil {
				if ok {
					t.Errorf("%s: has %s = %v, want none", what, k, got)
				}
				continue
			}
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(v)
			if !bytes.Equal(gj, wj) {
				t.Errorf("%s: %s = %s, want %s", what, k, gj, wj)
			}
		}
	}

	check("Taliban", actor(1), map[string]any{"type": "threat-actor", "name": "Taliban",
		"aliases": []string{"Islamic Emirate of Afghanistan"}, "threat_actor_types": nil,
		"x_actorgraph_kb_id": "taliban", "x_actorgraph_type": "ARMED_GROUP",
		"created": "2024-03-01T10:00:00.123Z", "modified": "2024-03-02T08:30:00.000Z"})
	check("al-Qaeda", actor(2), map[string]any{"type": "threat-actor", "threat_actor_types": []string{"terrorist"},
		"aliases": []string{"AQ"}})
	check("Afghanistan", actor(3), map[string]any{"type": "location", "name": "Afghanistan", "country": "AF", "region": nil})
	check("Kabul", actor(4), map[string]any{"type": "location", "name": "Kabul", "country": "AF", "region": nil})
	check("Zawahiri", actor(5), map[string]any{"type": "identity", "identity_class": "individual",
		"x_actorgraph_aliases": []string{"Zawahiri"}, "aliases": nil})
	check("UN team", actor(6), map[string]any{"type": "identity", "identity_class": "organization", "name": nameUN})
	check("HTS", actor(7), map[string]any{"type": "threat-actor", "name": nameHTS, "aliases": []string{"HTS"},
		"x_actorgraph_kb_id": nil})
	check("Iran", actor(8), map[string]any{"type": "location", "country": "IR",
		"created": "2024-03-02T22:00:00.000Z"}) // ingested at midnight UTC+2
	check("Atlantis", actor(9), map[string]any{"type": "location", "country": "Atlantis",
		"created": "2024-03-04T00:00:00.000Z", "modified": "2024-03-04T00:00:00.000Z"}) // no documents: the latest ingest
	check("Sherpur", actor(10), map[string]any{"type": "location", "region": "Sherpur", "country": nil})

	check("hosts", edge(1), map[string]any{"relationship_type": "hosts", "source_ref": actor(1)["id"], "target_ref": actor(2)["id"],
		"x_actorgraph_negated": false, "x_actorgraph_contested": true, "x_actorgraph_count": 3,
		"x_actorgraph_modality": "asserted", "x_actorgraph_modalities": []string{"asserted", "reported"},
		"x_actorgraph_first_seen": "2023-02-10", "x_actorgraph_relation_type": "HOSTS", "confidence": nil,
		"created": "2024-03-01T10:00:00.123Z", "modified": "2024-03-02T08:30:00.000Z"})
	check("not hosts", edge(2), map[string]any{"relationship_type": "hosts", "x_actorgraph_negated": true})
	check("located in", edge(3), map[string]any{"relationship_type": "located-at"})
	check("condemns", edge(6), map[string]any{"relationship_type": "condemns", "confidence": 85})
	check("no evidence", edge(9), map[string]any{"relationship_type": "attacks", "description": nil,
		"x_actorgraph_first_seen": nil, "x_actorgraph_modalities": nil})

	desc, _ := edge(1)["description"].(string)
	for _, want := range []string{
		`"The Taliban host al-Qaeda's leaders." (` + titleD1 + `, Example Review, 2023-02-10) [asserted]`,
		`"The Taliban reportedly sheltered "AQ" <cadres> & families." (`,
		`"Kabul hosted al-Qaeda's chief." (Kabul strike, undated) [asserted]`,
	} {
		if !strings.Contains(desc, want) {
			t.Errorf("description of edge 1 lacks %s; got:\n%s", want, desc)
		}
	}
	if d, _ := edge(2)["description"].(string); !strings.HasPrefix(d, "Negated:") || !strings.Contains(d, "[asserted, negated]") {
		t.Errorf("description of the negated edge: %q", d)
	}

	check("report 1", report(1), map[string]any{"type": "report", "name": titleD1, "published": "2023-02-10T00:00:00.000Z",
		"x_actorgraph_published_from": nil, "created": "2024-03-01T10:00:00.123Z",
		"external_references": []map[string]string{{"source_name": "Example Review", "url": "https://example.org/a?x=1&y=2"}}})
	check("report 2", report(2), map[string]any{"published": "2024-03-02T08:30:00.000Z", "x_actorgraph_published_from": "ingested",
		"external_references": nil})
	check("report 3", report(3), map[string]any{"external_references": []map[string]string{{"source_name": "news.example.com",
		"url": "https://news.example.com/iran"}}})
	for _, o := range objs {
		if n, ok := o["x_actorgraph_doc_id"].(float64); ok && n == 4 {
			t.Errorf("document 4 supports nothing but has a report")
		}
	}
	// Report 2 (Kabul strike) supports edges 1, 3, 4, 5, 8 and their ends,
	// and names Afghanistan, Kabul and Zawahiri.
	var want []any
	for _, id := range []int{1, 2, 3, 4, 5} {
		want = append(want, actor(id)["id"])
	}
	for _, id := range []int{1, 3, 4, 5, 8} {
		want = append(want, edge(id)["id"])
	}
	if got := report(2)["object_refs"].([]any); !slices.Equal(got, want) {
		t.Errorf("report 2 object_refs:\n%v\nwant\n%v", got, want)
	}
	for _, r := range report(1)["object_refs"].([]any) {
		if _, ok := byID[r.(string)]; !ok {
			t.Errorf("report 1 refers to %v, not in the bundle", r)
		}
	}
	// Objects in order: actors, relationships, reports, each by store id.
	var kinds []string
	for _, o := range objs {
		kinds = append(kinds, o["type"].(string))
	}
	if !strings.HasPrefix(strings.Join(kinds, ","), "threat-actor,threat-actor,location,location,identity,identity,threat-actor,location,location,location,relationship") ||
		!strings.HasSuffix(strings.Join(kinds, ","), "relationship,report,report,report") {
		t.Errorf("object order: %v", kinds)
	}
}

func TestSTIXConfidenceOutOfRange(t *testing.T) {
	g := fixtureGraph()
	g.Confidence = map[actorgraph.EdgeID]int{1: 101}
	if err := WriteSTIX(&bytes.Buffer{}, g); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
		t.Errorf("confidence 101: error %v, want an EInvalid error", err)
	}
	if err := WriteSTIX(&bytes.Buffer{}, nil); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
		t.Errorf("nil graph: error %v, want an EInvalid error", err)
	}
}

// shuffled returns a copy of g with every list in random order and a
// duplicate actor and edge.
func shuffled(g *Graph, seed uint64) *Graph {
	r := rand.New(rand.NewPCG(seed, seed))
	c := *g
	c.Actors = append(slices.Clone(g.Actors), g.Actors[0])
	c.Edges = append(slices.Clone(g.Edges), g.Edges[0])
	c.Documents = slices.Clone(g.Documents)
	r.Shuffle(len(c.Actors), func(i, j int) { c.Actors[i], c.Actors[j] = c.Actors[j], c.Actors[i] })
	r.Shuffle(len(c.Edges), func(i, j int) { c.Edges[i], c.Edges[j] = c.Edges[j], c.Edges[i] })
	r.Shuffle(len(c.Documents), func(i, j int) { c.Documents[i], c.Documents[j] = c.Documents[j], c.Documents[i] })
	c.Evidence = map[actorgraph.EdgeID][]actorgraph.EvidenceRow{}
	for id, rows := range g.Evidence {
		rows = slices.Clone(rows)
		r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		c.Evidence[id] = rows
	}
	return &c
}

// TestDeterministic checks that every writer gives the same bytes for the
// same graph, whatever the order of its lists.
func TestDeterministic(t *testing.T) {
	writers := map[string]func(*bytes.Buffer, *Graph) error{
		"stix":       func(b *bytes.Buffer, g *Graph) error { return WriteSTIX(b, g) },
		"graphml":    func(b *bytes.Buffer, g *Graph) error { return WriteGraphML(b, g) },
		"gexf":       func(b *bytes.Buffer, g *Graph) error { return WriteGEXF(b, g) },
		"csv edges":  func(b *bytes.Buffer, g *Graph) error { return WriteCSVEdges(b, g) },
		"csv actors": func(b *bytes.Buffer, g *Graph) error { return WriteCSVActors(b, g) },
		"json lines": func(b *bytes.Buffer, g *Graph) error { return WriteJSONL(b, g) },
		"stix annotated": func(b *bytes.Buffer, g *Graph) error {
			c := *g
			c.Confidence = map[actorgraph.EdgeID]int{1: 50, 2: 0}
			c.ThreatActorTypes = map[actorgraph.ActorID][]string{1: {"terrorist", "crime-syndicate"}}
			return WriteSTIX(b, &c)
		},
	}
	g := fixtureGraph()
	for name, write := range writers {
		var first bytes.Buffer
		if err := write(&first, g); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for seed := uint64(1); seed <= 5; seed++ {
			var again bytes.Buffer
			if err := write(&again, shuffled(g, seed)); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !bytes.Equal(first.Bytes(), again.Bytes()) {
				t.Errorf("%s: output differs for the same graph in another order (seed %d)", name, seed)
				break
			}
		}
	}
}

// TestSTIXIDsStable checks that ids come from stable keys, not store ids:
// the same data stored again under other ids exports with the same STIX
// ids.
func TestSTIXIDsStable(t *testing.T) {
	g := fixtureGraph()
	idsOf := func(data []byte) map[string]bool {
		set := map[string]bool{}
		for _, m := range regexp.MustCompile(`"id": "([^"]+)"`).FindAllSubmatch(data, -1) {
			set[string(m[1])] = true
		}
		return set
	}
	before := idsOf(writeSTIX(t, g))

	// Renumber everything: actors +100, edges +200, documents +300.
	r := *g
	r.Actors, r.Edges, r.Documents = nil, nil, nil
	r.Evidence = map[actorgraph.EdgeID][]actorgraph.EvidenceRow{}
	for _, a := range g.Actors {
		a.ID += 100
		a.Aliases = slices.Clone(a.Aliases)
		for i := range a.Aliases {
			if a.Aliases[i].DocID != 0 {
				a.Aliases[i].DocID += 300
			}
		}
		r.Actors = append(r.Actors, a)
	}
	for _, e := range g.Edges {
		rows := slices.Clone(g.Evidence[e.ID])
		e.ID += 200
		e.Source += 100
		e.Target += 100
		for i := range rows {
			rows[i].EdgeID = e.ID
			rows[i].DocID += 300
		}
		r.Evidence[e.ID] = rows
		r.Edges = append(r.Edges, e)
	}
	for _, d := range g.Documents {
		d.DocID += 300
		r.Documents = append(r.Documents, d)
	}
	after := idsOf(writeSTIX(t, &r))
	if len(before) != len(after) {
		t.Fatalf("%d ids before renumbering, %d after", len(before), len(after))
	}
	for id := range before {
		if !after[id] {
			t.Errorf("id %s changed when the store renumbered", id)
		}
	}

	// Two actors with the same type and name and no knowledge-base id get
	// distinct ids.
	twins := &Graph{Actors: []actorgraph.Actor{
		{ID: 1, Name: "Ansar al-Sharia", Type: actorgraph.ArmedGroup},
		{ID: 2, Name: "Ansar  al-Sharia", Type: actorgraph.ArmedGroup},
	}}
	_, objs := stixObjects(t, writeSTIX(t, twins))
	if len(objs) != 2 || objs[0]["id"] == objs[1]["id"] {
		t.Errorf("namesakes share an id: %v", objs)
	}
}

func TestUUID5(t *testing.T) {
	// RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if got, want := uuid5(dns, "www.example.com"), "2ed6657d-e927-568b-95e1-2665a8aea6a2"; got != want {
		t.Errorf("uuid5 = %s, want %s", got, want)
	}
}

func TestSTIXRelationshipTypes(t *testing.T) {
	want := map[actorgraph.RelationType]string{
		actorgraph.Ally: "ally", actorgraph.AffiliateOf: "affiliate-of", actorgraph.SplinterOf: "splinter-of",
		actorgraph.Rival: "rival", actorgraph.Hosts: "hosts", actorgraph.Supports: "supports",
		actorgraph.Pressures: "pressures", actorgraph.Condemns: "condemns", actorgraph.Attacks: "attacks",
		actorgraph.Leads: "leads", actorgraph.MemberOf: "member-of", actorgraph.LocatedIn: "located-at",
		"": "related-to", "Odd  type!": "odd-type",
	}
	for rt, w := range want {
		if got := STIXRelationshipType(rt); got != w {
			t.Errorf("STIXRelationshipType(%q) = %q, want %q", rt, got, w)
		}
	}
	for _, rt := range actorgraph.RelationTypes {
		if _, ok := want[rt]; !ok {
			t.Errorf("relation type %s has no expected STIX type in this test", rt)
		}
	}
}

// TestCountryCodes checks that every country of the knowledge base has an
// alpha-2 code.
func TestCountryCodes(t *testing.T) {
	data, err := os.ReadFile("../kb/data/countries.kb")
	if err != nil {
		t.Skipf("no knowledge base to compare with: %v", err)
	}
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || f[0] != "COUNTRY" {
			continue
		}
		n++
		if code := countryCode(f[1]); !regexp.MustCompile(`^[A-Z]{2}$`).MatchString(code) {
			t.Errorf("country %s has no alpha-2 code", f[1])
		}
	}
	if n < 190 {
		t.Errorf("read only %d countries from the knowledge base", n)
	}
	if countryCode("AFG") != "AF" || countryCode("kabul") != "" || countryCode("zzz") != "" {
		t.Error("countryCode: wrong answer for AFG, kabul or zzz")
	}
}
