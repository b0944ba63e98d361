// Package export owns the serialisation of actorgraph's knowledge graph to
// interchange formats: STIX 2.1 bundles for threat-intelligence platforms,
// GraphML (yEd, Gephi, NetworkX), GEXF (Gephi), CSV for spreadsheets and
// JSON Lines for scripts.
//
// Collect reads a Graph (the whole graph, or the neighbourhood of one
// actor within N hops, optionally as known on a date) from any
// actorgraph.Store by paging through its list methods; the Write*
// functions serialise a Graph. Every writer sorts what it writes by id,
// so the same graph always gives the same bytes, and the STIX writer
// derives its identifiers from stable keys (knowledge-base ids, names,
// document hashes), so a re-export of the same data gives the same ids.
//
// The package imports only the root package, the standard library and
// format libraries; it must never import a store implementation
// (store/sqlite), the extraction stages (nlp/...), cmd/ or web/.
package export
