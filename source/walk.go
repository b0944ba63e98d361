package source

import (
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/actorgraph/actorgraph"
)

// Files expands paths into the report files to read, in a stable order:
// each path in turn; a directory's reports in name order, depth first,
// recursively. Inside directories it skips hidden files and directories
// (names starting with "."), files whose extension names no format Read
// understands (see Supported), and anything reached twice — through a
// symbolic link loop, or two links to the same file. Symbolic links to
// directories are followed. A path named explicitly is always yielded,
// whatever its name; "-" (standard input) is yielded as it is.
//
// Each step yields a file path and a nil error, or the path that failed
// and an *actorgraph.Error (ENotFound for a missing path, EInvalid for
// one that cannot be read); iteration goes on after an error unless the
// loop stops it.
func Files(paths []string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		w := walker{seen: map[fileKey]bool{}, yield: yield}
		for _, p := range paths {
			if !w.top(p) {
				return
			}
		}
	}
}

// Walk calls fn for each file Files yields, in order, and stops at the
// first error, from fn or from the file system, returning it.
func Walk(paths []string, fn func(path string) error) error {
	for p, err := range Files(paths) {
		if err != nil {
			return err
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

type walker struct {
	seen     map[fileKey]bool
	seenInfo []os.FileInfo // where the platform has no file identity
	yield    func(string, error) bool
}

// first reports whether fi is met for the first time, and remembers it.
func (w *walker) first(fi os.FileInfo) bool {
	if k, ok := keyOf(fi); ok {
		if w.seen[k] {
			return false
		}
		w.seen[k] = true
		return true
	}
	for _, s := range w.seenInfo {
		if os.SameFile(s, fi) {
			return false
		}
	}
	w.seenInfo = append(w.seenInfo, fi)
	return true
}

func (w *walker) top(p string) bool {
	if p == "-" {
		return w.yield(p, nil)
	}
	fi, err := os.Stat(p)
	if err != nil {
		return w.yield(p, statError(p, err))
	}
	if !fi.IsDir() {
		if !w.first(fi) {
			return true
		}
		return w.yield(p, nil)
	}
	if !w.first(fi) {
		return true
	}
	return w.dir(p)
}

func (w *walker) dir(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return w.yield(dir, actorgraph.Errorf(actorgraph.EInvalid, "%s: cannot read the directory: %v", dir, unwrapPathErr(err)))
	}
	for _, e := range entries { // os.ReadDir sorts by name
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		fi, err := os.Stat(p) // follows links
		if err != nil {
			if e.Type()&fs.ModeSymlink != 0 && os.IsNotExist(err) {
				continue // a dangling link is not a report
			}
			if !w.yield(p, statError(p, err)) {
				return false
			}
			continue
		}
		switch {
		case fi.IsDir():
			if w.first(fi) && !w.dir(p) {
				return false
			}
		case fi.Mode().IsRegular():
			if Supported(name) && !isAnnotation(name) && w.first(fi) && !w.yield(p, nil) {
				return false
			}
		}
	}
	return true
}

func statError(p string, err error) error {
	if os.IsNotExist(err) {
		return actorgraph.Errorf(actorgraph.ENotFound, "%s: no such file or directory", p)
	}
	return actorgraph.Errorf(actorgraph.EInvalid, "%s: %v", p, unwrapPathErr(err))
}

// isAnnotation reports whether a file inside a directory is a gold
// annotation of the evaluation format (NAME.gold.json beside NAME.txt),
// which describes a report and is not one. Named on the command line, it is
// read like any other file.
func isAnnotation(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), ".gold.json")
}
