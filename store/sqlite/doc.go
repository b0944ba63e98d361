// Package sqlite is the embedded store of actorgraph: an actorgraph.Store
// kept in one SQLite file (modernc.org/sqlite, pure Go, no cgo).
//
// It owns the on-disk schema and its ordered migrations, the full-text
// index over documents, the merging of per-document entities into actors,
// the aggregation of relations into edges, and the analyst edit log.
//
// Imports: only the root package (github.com/actorgraph/actorgraph), the
// standard library and the SQL driver. It must never import nlp/, cmd/,
// web/ or any other package of this module: the store knows documents and
// extractions, not how they were made.
//
// # Schema
//
// documents holds each report once (UNIQUE SHA-256 of its text) with an
// "eff" date (published, or the ingestion day when undated) for AsOf;
// documents_fts is an FTS5 index over title and text (external content).
// doc_entities keep every entity of every document (with its names, see names.go) exactly as
// the extraction gave it; relations keep every relation with its evidence
// sentence. Those rows are the facts. Everything else is derived from them
// plus the edit log and maintained incrementally:
//
//   - actors: one row per "group key" ever seen — "kb:<KBID>" for
//     knowledge-base actors, "name:<class>:<normalised name>" for unknown
//     ones, "split:<edit id>" for actors an analyst split off. Rows are
//     never deleted, so an actor id stays valid across reindexing; an actor
//     is visible while entities are assigned to it. The row carries
//     precomputed counts (entities, mentions, documents, evidence, edges,
//     entities per type) and the derived display name and type.
//   - group_names: the names each group's entities use (for merging).
//   - actor_names: the names each actor's entities use, with mention counts
//     and the first document that gave each (AliasClaim, Resolve,
//     Ambiguous).
//   - edges: one row per (source actor, type, target actor, negated) with
//     counts per modality, distinct documents and first/last published
//     date. Edge rows are never deleted either (count 0 = invisible).
//
// # Merging
//
// Entities with the same group key are one actor. An unknown (name-keyed)
// group is additionally attached to another group when its own name is one
// of that group's names, that group ranks higher (knowledge-base groups
// first, then longer names) and is of a compatible class (person; armed
// group or organisation; country or location), and every such candidate
// resolves to one and the same actor. "TIP" thus joins "Turkistan Islamic
// Party" when only that actor is called TIP, and stays apart (reported as
// Ambiguous) as soon as a second actor is also called TIP. The result
// depends only on the set of stored entities, not on the order documents
// arrived in.
//
// Analyst edits are replayed, in order, on top of that automatic result
// for every entity: merge(A, B) moves what is in B to A; unmerge(A, B)
// moves back to B what passed through B on its way into A; split(A, alias)
// moves the entities of A whose own name is alias to a new actor;
// rename and set_type override the derived name and type. Because edits
// name actor ids, and actor ids are tied to group keys that a reindex
// recreates identically, ReplaceExtraction keeps every edit.
//
// # Writing
//
// Every PutDocument, ReplaceExtraction, Apply and Undo is one IMMEDIATE
// transaction: a failure (or a crash) leaves nothing of it. Storing an
// extraction resolves each entity to its actor first, then inserts the
// rows already assigned, in a few multi-row statements. What documents
// add to the busiest derived rows (actor counters and names, edges and
// their counters, group names) is summed over the whole transaction and
// written once before it commits, or before anything in it reads those
// rows; relations wait with the edges, whose ids they need; the full-text
// index takes the transaction's documents last, together (FTS5 writes its
// in-memory part to disk at every later statement's savepoint). PutDocuments
// and PutBatch store many documents in one transaction, for bulk imports
// (PutBatch keeps one failing document from keeping out the others;
// Prepare and PutPrepared split it so that checking and encoding run on
// other goroutines than the writer, prepare.go); the
// foreign-key checks are off while they insert, since every parent row was
// just written or read by the same transaction. Moves caused by edits or by a change of
// automatic merging detach the entities and relations concerned from
// their old actors and edges and attach them to the new ones, keeping
// every counter exact (first/last dates and first documents are re-read
// from indexes when the row that set them leaves).
//
// # Reading
//
// Actor, Resolve and Edges{Actor} read precomputed rows through indexes:
// an actor's edges come from two indexes keyed by identity (edges_key,
// source first, and edges_dst), which do not move when a count changes
// (migration 9: the writer rewrote count-ordered ones at every commit);
// a page of them sorts the actor's own edges by count, the total is a
// counter on the actor, and a page that covers half of them or more
// reads them all in two scans with each name fetched once. Readers map
// the file, so those rows are read without a system call each.
// Neighbors (one level of a path search for many actors at once) and
// EvidenceByDocument (top sources) serve the query package. Filters on dates (AsOf, Since,
// Until) aggregate the evidence of the selected edges instead; AsOf views
// of actors aggregate their entities, so they cost in proportion to the
// actor's documents. Full-text search ranks every matching document.
//
// # Concurrency
//
// Readers use a pool of read-only connections, each query of a call inside
// one read transaction (WAL mode gives each a consistent snapshot); every
// write runs on a single writer connection, serialised by a mutex, with a
// busy timeout against other processes. Statements are prepared once per
// connection. ":memory:" stores use one connection for everything.
package sqlite
