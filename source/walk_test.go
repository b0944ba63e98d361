package source

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph"
)

// makeTree writes files (empty unless given) under a new directory.
func makeTree(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("The envoy arrived."), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func collect(t *testing.T, paths []string) (files []string, errs []error) {
	t.Helper()
	for p, err := range Files(paths) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		files = append(files, p)
	}
	return files, errs
}

func rel(t *testing.T, base string, paths []string) []string {
	t.Helper()
	out := make([]string, len(paths))
	for i, p := range paths {
		r, err := filepath.Rel(base, p)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = filepath.ToSlash(r)
	}
	return out
}

func TestFiles(t *testing.T) {
	dir := makeTree(t,
		"b.txt", "a.md", "c/z.html", "c/a.pdf", "c/d/e.jsonl", "c/d/f.rss",
		".hidden.txt", ".git/config.txt", "c/.cache/x.txt", "image.png", "noext", "Z.TXT", "c/a.gold.json")
	files, errs := collect(t, []string{dir})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []string{"Z.TXT", "a.md", "b.txt", "c/a.pdf", "c/d/e.jsonl", "c/d/f.rss", "c/z.html"}
	if got := rel(t, dir, files); !slices.Equal(got, want) {
		t.Errorf("files = %q\nwant    %q", got, want)
	}
	// stable: the same order every time
	again, _ := collect(t, []string{dir})
	if !slices.Equal(files, again) {
		t.Errorf("order changed: %q then %q", files, again)
	}
	// named files are yielded whatever their name, in the order given, once
	named := []string{filepath.Join(dir, "image.png"), filepath.Join(dir, ".hidden.txt"), "-", filepath.Join(dir, "image.png")}
	files, errs = collect(t, named)
	if len(errs) > 0 || !slices.Equal(files, named[:3]) {
		t.Errorf("files = %q, errs %v", files, errs)
	}
}

func TestFilesErrors(t *testing.T) {
	dir := makeTree(t, "a.txt")
	missing := filepath.Join(dir, "missing")
	files, errs := collect(t, []string{missing, dir})
	if len(files) != 1 || len(errs) != 1 {
		t.Fatalf("files %q errs %v", files, errs)
	}
	assertCode(t, errs[0], actorgraph.ENotFound, missing)

	// Walk stops at the first error
	var seen []string
	err := Walk([]string{dir, missing, dir}, func(p string) error { seen = append(seen, p); return nil })
	assertCode(t, err, actorgraph.ENotFound, missing)
	if len(seen) != 1 {
		t.Errorf("seen %q", seen)
	}
	stop := errors.New("stop")
	err = Walk([]string{dir}, func(string) error { return stop })
	if err != stop {
		t.Errorf("err = %v, want the callback's", err)
	}
	// breaking out of the loop stops the walk
	n := 0
	for range Files([]string{dir, dir + "/a.txt", makeTree(t, "x.txt", "y.txt")}) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("n = %d", n)
	}
}

func TestFilesUnreadableDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every directory")
	}
	dir := makeTree(t, "ok.txt", "locked/x.txt")
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Skip(err)
	}
	defer os.Chmod(locked, 0o755)
	files, errs := collect(t, []string{dir})
	if len(files) != 1 || len(errs) != 1 {
		t.Fatalf("files %q errs %v", files, errs)
	}
	assertCode(t, errs[0], actorgraph.EInvalid, locked)
}

func TestFilesSymlinks(t *testing.T) {
	dir := makeTree(t, "r/a.txt", "r/sub/b.txt", "other/c.txt")
	root := filepath.Join(dir, "r")
	links := map[string]string{
		"r/sub/loop":      "..",                              // a loop back to r
		"r/self":          ".",                               // a loop to itself
		"r/elsewhere":     filepath.Join(dir, "other"),       // a linked directory: followed
		"r/again.txt":     filepath.Join(root, "a.txt"),      // a second name for a.txt: skipped
		"r/dangling.txt":  filepath.Join(dir, "nowhere.txt"), // skipped
		"r/sub/z-dup-dir": filepath.Join(dir, "other"),       // other/ again: skipped
	}
	for l, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(l))); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	files, errs := collect(t, []string{root})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []string{"a.txt", "elsewhere/c.txt", "sub/b.txt"}
	if got := rel(t, root, files); !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q", got, want)
	}
}
