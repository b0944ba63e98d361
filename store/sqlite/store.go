package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/actorgraph/actorgraph"
	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Limits of list queries.
const (
	DefaultLimit = 50    // Page.Limit 0 means this many
	MaxLimit     = 10000 // a larger Page.Limit is refused
)

// busyTimeout is how long a connection waits for a lock held by another
// connection (or process) before giving up.
const busyTimeout = 10 * time.Second

// Store is an actorgraph.Store in one SQLite database.
type Store struct {
	wdb, rdb *sql.DB      // writer (one connection) and reader pools
	wc       *dbConn      // the writer connection, held for the store's life
	rpool    chan *dbConn // reader connections; holds wc itself for ":memory:"
	nread    int          // connections in rpool
	shared   bool         // ":memory:": one connection does everything
	mu       sync.Mutex   // serialises writes
	closed   atomic.Bool
	done     chan struct{} // closed by Close
	cache    writeCache    // guarded by mu
	// Now gives the ingestion time of new documents and the time of
	// edits; tests may replace it before the first write.
	Now func() time.Time
}

var _ actorgraph.Store = (*Store)(nil)

// dbConn is one connection with its prepared statements. Transactions are
// plain BEGIN/COMMIT statements on it, so every statement prepared on the
// connection runs inside the open transaction.
type dbConn struct {
	c     *sql.Conn
	stmts map[string]*sql.Stmt
}

func (d *dbConn) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st := d.stmts[q]; st != nil {
		return st, nil
	}
	st, err := d.c.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	d.stmts[q] = st
	return st, nil
}

func (d *dbConn) close() {
	for _, st := range d.stmts {
		st.Close()
	}
	d.stmts = nil
	d.c.Close()
}

func newConn(ctx context.Context, db *sql.DB) (*dbConn, error) {
	c, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	return &dbConn{c: c, stmts: map[string]*sql.Stmt{}}, nil
}

// Open opens (creating if needed) the store at path and brings its schema
// up to date. path ":memory:" opens a private in-memory store.
func Open(path string) (*Store, error) {
	if strings.TrimSpace(path) == "" {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "store: empty database path")
	}
	if strings.ContainsAny(path, "?#") && path != ":memory:" {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "store: database path %q may not contain '?' or '#'", path)
	}
	ctx := context.Background()
	s := &Store{Now: time.Now, shared: path == ":memory:", done: make(chan struct{})}
	pragmas := fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)", busyTimeout.Milliseconds())
	// WAL with synchronous=NORMAL: a commit is atomic and survives a
	// crash of the program; only a power loss may drop the last commits.
	// A large cache and a larger auto-checkpoint keep the hot pages (busy
	// actors and edges) from being rewritten to the database at every
	// commit.
	wdsn := path + "?" + pragmas + "&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" +
		"&_pragma=cache_size(-65536)&_pragma=wal_autocheckpoint(65536)&_pragma=temp_store(MEMORY)"
	if s.shared {
		wdsn = ":memory:?" + pragmas
	}
	wdb, err := sql.Open("sqlite", wdsn)
	if err != nil {
		return nil, mapErr("open", err)
	}
	wdb.SetMaxOpenConns(1)
	s.wdb = wdb
	if s.wc, err = newConn(ctx, wdb); err != nil {
		wdb.Close()
		return nil, mapErr(fmt.Sprintf("open %s", path), err)
	}
	if err := s.migrate(ctx); err != nil {
		s.wc.close()
		wdb.Close()
		return nil, err
	}
	if s.shared {
		s.nread = 1
		s.rpool = make(chan *dbConn, 1)
		s.rpool <- s.wc
		return s, nil
	}
	// Readers open after the migration, so that they see WAL mode and the
	// final schema. They map the file (up to SQLite's 2 GiB cap): a hub's
	// thousands of edges are rows read at random through the endpoint
	// indexes, and mapped pages are read without a system call each and
	// without a private copy per connection (API path p95 218 -> 71 ms on
	// the 100k store).
	rdb, err := sql.Open("sqlite", path+"?"+pragmas+"&_pragma=query_only(1)&_pragma=cache_size(-16384)&_pragma=mmap_size(2147418112)")
	if err != nil {
		s.wc.close()
		wdb.Close()
		return nil, mapErr("open", err)
	}
	s.rdb = rdb
	s.nread = max(4, runtime.GOMAXPROCS(0))
	rdb.SetMaxOpenConns(s.nread)
	s.rpool = make(chan *dbConn, s.nread)
	for i := 0; i < s.nread; i++ {
		c, err := newConn(ctx, rdb)
		if err != nil {
			for len(s.rpool) > 0 {
				(<-s.rpool).close()
			}
			s.wc.close()
			rdb.Close()
			wdb.Close()
			return nil, mapErr("open reader", err)
		}
		s.rpool <- c
	}
	return s, nil
}

// Close closes the store, waiting for the calls in progress; later calls
// fail.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	close(s.done)
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := 0; i < s.nread; i++ {
		if c := <-s.rpool; c != s.wc {
			c.close()
		}
	}
	s.wc.close()
	var err error
	if s.rdb != nil {
		err = s.rdb.Close()
	}
	if e := s.wdb.Close(); e != nil && err == nil {
		err = e
	}
	return mapErr("close", err)
}

var errClosed = actorgraph.Errorf(actorgraph.EInvalid, "store: the store is closed")

// acquire takes a reader connection from the pool.
func (s *Store) acquire(ctx context.Context) (*dbConn, error) {
	select {
	case c := <-s.rpool:
		return c, nil
	case <-s.done:
		return nil, errClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (s *Store) release(c *dbConn) { s.rpool <- c }

func (s *Store) check() error {
	if s == nil || s.closed.Load() {
		return errClosed
	}
	return nil
}

// begin starts a transaction on c (mode "" or "IMMEDIATE").
func begin(ctx context.Context, c *dbConn, mode string) error {
	_, err := c.c.ExecContext(ctx, "BEGIN "+mode)
	return err
}

// rollback ends c's transaction, whatever state the context is in.
func rollback(c *dbConn) {
	c.c.ExecContext(context.Background(), "ROLLBACK")
}

// mapErr turns a driver or database/sql error into an *actorgraph.Error.
func mapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var ae *actorgraph.Error
	if errors.As(err, &ae) {
		return ae
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return actorgraph.Errorf(actorgraph.EInternal, "store: %s: %v", op, err)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return actorgraph.Errorf(actorgraph.EConflict, "store: %s: the database is locked by another writer (%v)", op, err)
		case sqlite3.SQLITE_CONSTRAINT:
			return actorgraph.Errorf(actorgraph.EConflict, "store: %s: %v", op, err)
		case sqlite3.SQLITE_TOOBIG:
			return actorgraph.Errorf(actorgraph.ETooLarge, "store: %s: %v", op, err)
		case sqlite3.SQLITE_FULL:
			return actorgraph.Errorf(actorgraph.EInternal, "store: %s: the disk is full (%v)", op, err)
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
			return actorgraph.Errorf(actorgraph.EInternal, "store: %s: cannot write or open the database (%v)", op, err)
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return actorgraph.Errorf(actorgraph.EInvalid, "store: %s: the file is not an actorgraph database or is corrupt (%v)", op, err)
		}
	}
	return actorgraph.Errorf(actorgraph.EInternal, "store: %s: %v", op, err)
}

func notFound(format string, args ...any) error {
	return actorgraph.Errorf(actorgraph.ENotFound, format, args...)
}

func invalid(format string, args ...any) error {
	return actorgraph.Errorf(actorgraph.EInvalid, format, args...)
}

func conflict(format string, args ...any) error {
	return actorgraph.Errorf(actorgraph.EConflict, format, args...)
}

// page validates a Page and returns its limit and offset.
func page(p actorgraph.Page) (limit, offset int, err error) {
	if p.Offset < 0 {
		return 0, 0, invalid("page offset %d is negative", p.Offset)
	}
	if p.Limit < 0 {
		return 0, 0, invalid("page limit %d is negative", p.Limit)
	}
	if p.Limit > MaxLimit {
		return 0, 0, invalid("page limit %d is above the maximum %d", p.Limit, MaxLimit)
	}
	limit = p.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	return limit, p.Offset, nil
}

// checkDate validates a YYYY-MM-DD date ("" allowed).
func checkDate(what, d string) error {
	if d == "" {
		return nil
	}
	if _, err := time.Parse("2006-01-02", d); err != nil || len(d) != 10 {
		return invalid("%s %q is not a date of the form YYYY-MM-DD", what, d)
	}
	return nil
}
