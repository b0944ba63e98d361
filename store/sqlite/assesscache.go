package sqlite

import (
	"context"
	"runtime"
	"sync"
	"weak"

	"github.com/actorgraph/actorgraph"
)

// An edge's assessment is derived from all of its evidence (every
// sentence's source, for corroboration) and the opposite edge's: a hub
// relationship has thousands of rows, and a neighbourhood or a page of
// relationships shows hundreds of edges. The assessments computed are
// kept until the database changes, so that only the first answer after a
// change pays for them.
//
// A change is seen through PRAGMA data_version, which differs on a reader
// connection from one call to the next when any other connection (this
// store's writer, another process) has committed in between. Each reader
// connection's last value is kept; the first call on any connection after
// a commit sees it differ and empties the cache. A call records what it
// computed only if no change was seen since it began, so a call that read
// an older snapshot never fills the cache after it was emptied.
type assessCache struct {
	prime  sync.Mutex // held while every reader's data_version is first read
	primed bool
	mu     sync.Mutex
	epoch  uint64            // bumped at every change seen
	seen   map[*dbConn]int64 // data_version of each reader when last checked
	m      map[actorgraph.EdgeID]cachedAssessment
}

type cachedAssessment struct {
	a  actorgraph.Assessment
	ok bool // false: not a visible edge
}

// maxCachedAssessments bounds the cache; past it, it starts again empty.
const maxCachedAssessments = 200_000

// assessCaches holds each open store's cache without keeping the store
// alive; an entry goes when its store is collected.
var assessCaches sync.Map // weak.Pointer[Store] → *assessCache

func (s *Store) assessCache() *assessCache {
	k := weak.Make(s)
	if c, ok := assessCaches.Load(k); ok {
		return c.(*assessCache)
	}
	c, loaded := assessCaches.LoadOrStore(k, &assessCache{seen: map[*dbConn]int64{}, m: map[actorgraph.EdgeID]cachedAssessment{}})
	if !loaded {
		runtime.AddCleanup(s, func(k weak.Pointer[Store]) { assessCaches.Delete(k) }, k)
	}
	return c.(*assessCache)
}

// Assessments returns the assessments of the given visible edges (others
// are left out), from the cache where the database has not changed since
// they were computed.
func (s *Store) Assessments(ctx context.Context, ids []actorgraph.EdgeID) (map[actorgraph.EdgeID]actorgraph.Assessment, error) {
	if s.shared {
		// ":memory:": reads and writes share one connection, whose
		// data_version does not change with its own commits
		return s.readAssessments(ctx, ids)
	}
	c := s.assessCache()
	if err := s.primeAssessCache(ctx, c); err != nil {
		return nil, mapErr("read assessments", err)
	}
	out := make(map[actorgraph.EdgeID]actorgraph.Assessment, len(ids))
	var missing []actorgraph.EdgeID
	var epoch uint64
	err := s.read(ctx, "read assessments", func(r *rtx) error {
		var dv int64
		if err := r.row(`PRAGMA data_version`).Scan(&dv); err != nil {
			return err
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if last, ok := c.seen[r.c]; !ok || last != dv {
			c.seen[r.c] = dv
			c.epoch++
			clear(c.m)
		}
		epoch = c.epoch
		for _, id := range ids {
			if e, ok := c.m[id]; ok {
				if e.ok {
					out[id] = e.a
				}
			} else {
				missing = append(missing, id)
			}
		}
		return nil
	})
	if err != nil || len(missing) == 0 {
		return out, err
	}
	got, err := s.computeAssessments(ctx, missing)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	keep := c.epoch == epoch
	if keep && len(c.m)+len(missing) > maxCachedAssessments {
		clear(c.m)
	}
	for _, id := range missing {
		a, ok := got[id]
		if ok {
			out[id] = a
		}
		if keep {
			c.m[id] = cachedAssessment{a, ok}
		}
	}
	return out, nil
}

// primeAssessCache reads every reader connection's data_version once,
// before anything is cached: a connection first seen later could not
// tell whether the database changed since the cache was filled, and would
// have to empty it.
func (s *Store) primeAssessCache(ctx context.Context, c *assessCache) error {
	c.prime.Lock()
	defer c.prime.Unlock()
	if c.primed {
		return nil
	}
	if err := s.check(); err != nil {
		return err
	}
	var held []*dbConn
	defer func() {
		for _, dc := range held {
			s.release(dc)
		}
	}()
	dvs := map[*dbConn]int64{}
	for range s.nread {
		dc, err := s.acquire(ctx)
		if err != nil {
			return err
		}
		held = append(held, dc)
		var dv int64
		if err := dc.c.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&dv); err != nil {
			return err
		}
		dvs[dc] = dv
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for dc, dv := range dvs {
		c.seen[dc] = dv
	}
	c.primed = true
	return nil
}

// computeAssessments computes the assessments of ids. readAssessments
// reads the whole evidence table once for more than bulkThreshold edges;
// when their evidence is a small part of it (a neighbourhood's few hundred
// relationships: tens of thousands of rows of a million), reading each
// edge's rows through the index is quicker, bulkThreshold edges at a time.
func (s *Store) computeAssessments(ctx context.Context, ids []actorgraph.EdgeID) (map[actorgraph.EdgeID]actorgraph.Assessment, error) {
	if len(ids) <= bulkThreshold {
		return s.readAssessments(ctx, ids)
	}
	var theirs, all int
	err := s.read(ctx, "read assessments", func(r *rtx) error {
		for start := 0; start < len(ids); start += bulkThreshold {
			in, args := inList(ids[start:min(len(ids), start+bulkThreshold)])
			n, err := r.count(`SELECT COALESCE(SUM(count), 0) FROM edges WHERE id IN `+in, args...)
			if err != nil {
				return err
			}
			theirs += n
		}
		var err error
		all, err = r.count(`SELECT COALESCE(MAX(id), 0) FROM relations`)
		return err
	})
	if err != nil {
		return nil, err
	}
	if theirs*4 > all {
		return s.readAssessments(ctx, ids)
	}
	out := make(map[actorgraph.EdgeID]actorgraph.Assessment, len(ids))
	for start := 0; start < len(ids); start += bulkThreshold {
		m, err := s.readAssessments(ctx, ids[start:min(len(ids), start+bulkThreshold)])
		if err != nil {
			return nil, err
		}
		for id, a := range m {
			out[id] = a
		}
	}
	return out, nil
}
