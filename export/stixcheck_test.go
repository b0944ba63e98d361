package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// checkSTIX is a structural validator of STIX 2.1 bundles, written from
// the requirements of the OASIS JSON schemas (cti-stix2-json-schemas,
// schemas/common/{bundle,core,properties,identifier,timestamp,
// external-reference}.json, schemas/sdos/{threat-actor,identity,location,
// report}.json, schemas/sros/relationship.json) and of the specification,
// for the object types WriteSTIX emits. It runs everywhere; the official
// schemas themselves are used by TestSTIXOfficialSchemas when they can be
// had.
//
// Beyond the schemas it checks what the specification says and a schema
// cannot: every reference resolves inside the bundle, ids are unique,
// modified is not before created, and no property is unknown unless it is
// a custom x_ property. It returns one line per problem.
func checkSTIX(data []byte) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var bundle map[string]any
	if err := dec.Decode(&bundle); err != nil {
		return []string{"not a JSON object: " + err.Error()}
	}
	if bundle["type"] != "bundle" {
		bad("bundle: type is %v, want \"bundle\"", bundle["type"])
	}
	if id, _ := bundle["id"].(string); !isIdentifier(id) || !strings.HasPrefix(id, "bundle--") {
		bad("bundle: id %q is not a bundle identifier", id)
	}
	for k := range bundle {
		if k != "type" && k != "id" && k != "objects" {
			bad("bundle: unexpected property %q (a STIX 2.1 bundle has type, id and objects)", k)
		}
	}
	raw, present := bundle["objects"]
	list, ok := raw.([]any)
	if present && (!ok || len(list) == 0) {
		bad("bundle: objects must be a non-empty array when present")
	}
	objects := map[string]map[string]any{}
	for i, o := range list {
		obj, ok := o.(map[string]any)
		if !ok {
			bad("objects[%d] is not an object", i)
			continue
		}
		id, _ := obj["id"].(string)
		if _, dup := objects[id]; dup {
			bad("objects[%d]: duplicate id %s", i, id)
		}
		objects[id] = obj
	}
	for i, o := range list {
		obj, ok := o.(map[string]any)
		if !ok {
			continue
		}
		where := fmt.Sprintf("objects[%d] (%v)", i, obj["id"])
		for _, p := range checkObject(obj, objects) {
			bad("%s: %s", where, p)
		}
	}
	return problems
}

var (
	identifierRE = regexp.MustCompile(`^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$`)
	timestampRE  = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(\.[0-9]+)?Z$`)
	millisRE     = regexp.MustCompile(`T\d{2}:\d{2}:\d{2}\.\d{3,}Z$`)
	typeRE       = regexp.MustCompile(`^([a-z][a-z0-9]*)+(-[a-z0-9]+)*-?$`)
	propertyRE   = regexp.MustCompile(`^[a-z][a-z0-9_]{2,249}$`)
	relTypeRE    = regexp.MustCompile(`^[a-z0-9-]+$`)
	sroRefRE     = regexp.MustCompile(`^(relationship|sighting|bundle|marking-definition|language-content)--.+$`)
	alpha2RE     = regexp.MustCompile(`^[A-Z]{2}$`)
)

func isIdentifier(s string) bool { return identifierRE.MatchString(s) }
func isTimestamp(s string) bool  { return timestampRE.MatchString(s) }

type propKind int

const (
	kString propKind = iota
	kStrings
	kInteger
	kBool
	kTimestamp
	kIdentifier
	kIdentifiers
	kExternalRefs
)

// Properties each emitted type may carry (besides the common ones), with
// their kinds; required ones are listed in requiredProps.
var typeProps = map[string]map[string]propKind{
	"threat-actor": {"name": kString, "description": kString, "aliases": kStrings, "threat_actor_types": kStrings,
		"roles": kStrings, "goals": kStrings, "first_seen": kTimestamp, "last_seen": kTimestamp,
		"sophistication": kString, "resource_level": kString, "primary_motivation": kString,
		"secondary_motivations": kStrings, "personal_motivations": kStrings},
	"identity": {"name": kString, "description": kString, "roles": kStrings, "identity_class": kString,
		"sectors": kStrings, "contact_information": kString},
	"location": {"name": kString, "description": kString, "region": kString, "country": kString,
		"administrative_area": kString, "city": kString, "street_address": kString, "postal_code": kString},
	"relationship": {"relationship_type": kString, "description": kString, "source_ref": kIdentifier,
		"target_ref": kIdentifier, "start_time": kTimestamp, "stop_time": kTimestamp},
	"report": {"name": kString, "description": kString, "report_types": kStrings, "published": kTimestamp,
		"object_refs": kIdentifiers},
}

var commonProps = map[string]propKind{
	"type": kString, "spec_version": kString, "id": kIdentifier, "created": kTimestamp, "modified": kTimestamp,
	"created_by_ref": kIdentifier, "revoked": kBool, "labels": kStrings, "confidence": kInteger, "lang": kString,
	"external_references": kExternalRefs, "object_marking_refs": kIdentifiers,
}

var requiredProps = map[string][]string{
	"threat-actor": {"name"},
	"identity":     {"name"},
	"location":     {},
	"relationship": {"relationship_type", "source_ref", "target_ref"},
	"report":       {"name", "published", "object_refs"},
}

// Open vocabularies whose values we check where we emit them.
var identityClassOV = []string{"individual", "group", "system", "organization", "class", "unknown"}
var threatActorTypeOV = []string{"activist", "competitor", "crime-syndicate", "criminal", "hacker", "insider-accidental",
	"insider-disgruntled", "nation-state", "sensationalist", "spy", "terrorist", "unknown"}

func checkObject(obj map[string]any, all map[string]map[string]any) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	typ, _ := obj["type"].(string)
	if len(typ) < 3 || len(typ) > 250 || !typeRE.MatchString(typ) {
		bad("type %q is not a STIX type name", typ)
	}
	props, known := typeProps[typ]
	if !known {
		bad("type %q is not one WriteSTIX should emit", typ)
		return problems
	}
	for _, k := range []string{"type", "spec_version", "id", "created", "modified"} {
		if _, ok := obj[k]; !ok {
			bad("missing required common property %q", k)
		}
	}
	for _, k := range requiredProps[typ] {
		if _, ok := obj[k]; !ok {
			bad("missing required property %q", k)
		}
	}
	if v := obj["spec_version"]; v != "2.1" {
		bad("spec_version is %v, want \"2.1\"", v)
	}
	id, _ := obj["id"].(string)
	if !strings.HasPrefix(id, typ+"--") {
		bad("id %q does not start with %q", id, typ+"--")
	}
	created, _ := obj["created"].(string)
	modified, _ := obj["modified"].(string)
	for k, v := range map[string]string{"created": created, "modified": modified} {
		if !millisRE.MatchString(v) {
			bad("%s %q is not precise to the millisecond", k, v)
		}
	}
	if c, err1 := time.Parse(time.RFC3339Nano, created); err1 == nil {
		if m, err2 := time.Parse(time.RFC3339Nano, modified); err2 == nil && m.Before(c) {
			bad("modified %s is before created %s", modified, created)
		}
	}

	for k, v := range obj {
		if k != "id" && !propertyRE.MatchString(k) {
			bad("property name %q is not 3-250 characters of a-z, 0-9 and _", k)
		}
		if v == nil {
			bad("property %q is null", k)
			continue
		}
		kind, ok := props[k]
		if !ok {
			kind, ok = commonProps[k]
		}
		if !ok {
			if !strings.HasPrefix(k, "x_") {
				bad("unknown property %q (custom properties must start with x_)", k)
			}
			if a, isArray := v.([]any); isArray && len(a) == 0 {
				bad("custom property %q is an empty array", k)
			}
			continue
		}
		if p := checkKind(v, kind); p != "" {
			bad("property %q: %s", k, p)
		}
	}
	if c, ok := obj["confidence"].(json.Number); ok {
		if n, err := c.Int64(); err != nil || n < 0 || n > 100 {
			bad("confidence %v is not an integer within 0..100", c)
		}
	}

	switch typ {
	case "identity":
		if c, ok := obj["identity_class"].(string); ok && !slices.Contains(identityClassOV, c) {
			bad("identity_class %q is not in identity-class-ov", c)
		}
	case "threat-actor":
		if ts, ok := obj["threat_actor_types"].([]any); ok {
			for _, t := range ts {
				if s, _ := t.(string); !slices.Contains(threatActorTypeOV, s) {
					bad("threat_actor_types value %v is not in threat-actor-type-ov", t)
				}
			}
		}
	case "location":
		_, region := obj["region"]
		_, country := obj["country"]
		_, lat := obj["latitude"]
		_, long := obj["longitude"]
		if !region && !country && !(lat && long) {
			bad("a location needs region, country, or latitude and longitude")
		}
		if lat != long {
			bad("latitude and longitude go together")
		}
	case "relationship":
		if rt, _ := obj["relationship_type"].(string); !relTypeRE.MatchString(rt) {
			bad("relationship_type %q is not lower case letters, digits and hyphens", rt)
		}
		for _, k := range []string{"source_ref", "target_ref"} {
			ref, _ := obj[k].(string)
			if sroRefRE.MatchString(ref) {
				bad("%s %q must point to an SDO or SCO", k, ref)
			}
			if _, ok := all[ref]; !ok {
				bad("%s %q is not in the bundle", k, ref)
			}
		}
	case "report":
		refs, _ := obj["object_refs"].([]any)
		if len(refs) == 0 {
			bad("object_refs is empty")
		}
		for _, r := range refs {
			if _, ok := all[r.(string)]; !ok {
				bad("object_refs entry %v is not in the bundle", r)
			}
		}
	}
	return problems
}

func checkKind(v any, kind propKind) string {
	switch kind {
	case kString:
		if _, ok := v.(string); !ok {
			return fmt.Sprintf("%v is not a string", v)
		}
	case kStrings, kIdentifiers:
		a, ok := v.([]any)
		if !ok || len(a) == 0 {
			return "is not a non-empty array"
		}
		for _, x := range a {
			s, ok := x.(string)
			if !ok {
				return fmt.Sprintf("item %v is not a string", x)
			}
			if kind == kIdentifiers && !isIdentifier(s) {
				return fmt.Sprintf("item %q is not an identifier", s)
			}
		}
	case kInteger:
		n, ok := v.(json.Number)
		if _, err := n.Int64(); !ok || err != nil {
			return fmt.Sprintf("%v is not an integer", v)
		}
	case kBool:
		if _, ok := v.(bool); !ok {
			return fmt.Sprintf("%v is not a boolean", v)
		}
	case kTimestamp:
		if s, ok := v.(string); !ok || !isTimestamp(s) {
			return fmt.Sprintf("%v is not a STIX timestamp", v)
		}
	case kIdentifier:
		if s, ok := v.(string); !ok || !isIdentifier(s) {
			return fmt.Sprintf("%v is not an identifier", v)
		}
	case kExternalRefs:
		a, ok := v.([]any)
		if !ok || len(a) == 0 {
			return "is not a non-empty array"
		}
		for _, x := range a {
			ref, ok := x.(map[string]any)
			if !ok {
				return "an external reference is not an object"
			}
			if s, ok := ref["source_name"].(string); !ok || s == "" || s == "cve" || s == "capec" {
				return fmt.Sprintf("external reference source_name %v is missing or needs an external_id", ref["source_name"])
			}
			_, id := ref["external_id"]
			_, desc := ref["description"]
			_, url := ref["url"]
			if !id && !desc && !url {
				return "an external reference needs external_id, description or url"
			}
		}
	}
	return ""
}
