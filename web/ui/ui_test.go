package ui_test

import (
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/web/ui"
)

// TestNoUnsafeSinks keeps the web app's scripts away from the ways a
// report's text could become markup or code, and its pages within the
// server's Content-Security-Policy (no inline scripts, handlers or
// styles, nothing from another origin).
func TestNoUnsafeSinks(t *testing.T) {
	banned := []struct {
		ext  string
		re   *regexp.Regexp
		why  string
		name string
	}{
		{".js", regexp.MustCompile(`\.innerHTML\b|\.outerHTML\b`), "data must go in as text (textContent, text nodes)", "innerHTML"},
		{".js", regexp.MustCompile(`insertAdjacentHTML|document\.write|createContextualFragment|DOMParser`), "data must go in as text", "HTML parsing"},
		{".js", regexp.MustCompile(`\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*['"` + "`" + `]`), "the CSP forbids eval", "eval"},
		{".js", regexp.MustCompile(`setAttribute\(\s*['"]style['"]|\.cssText\b`), "the CSP forbids inline styles", "style attribute"},
		{".js", regexp.MustCompile(`https?://[^'"\s]*`), "the app works offline, from its own origin", "other origin"},
		{".html", regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`), "the CSP forbids inline scripts", "inline script"},
		{".html", regexp.MustCompile(`\son[a-z]+\s*=`), "the CSP forbids inline handlers", "inline handler"},
		{".html", regexp.MustCompile(`\sstyle\s*=|<style`), "the CSP forbids inline styles", "inline style"},
		{".html", regexp.MustCompile(`(?:src|href)\s*=\s*["']?(?:https?:)?//`), "the app works offline, from its own origin", "other origin"},
		{".css", regexp.MustCompile(`@import|url\(\s*['"]?(?:https?:)?//`), "the app works offline, from its own origin", "other origin"},
	}
	files := 0
	err := fs.WalkDir(ui.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(ui.FS(), p)
		if err != nil {
			return err
		}
		files++
		for _, rule := range banned {
			if path.Ext(p) != rule.ext {
				continue
			}
			for _, loc := range rule.re.FindAllIndex(b, -1) {
				if strings.HasPrefix(string(b[loc[0]:loc[1]]), "http://www.w3.org/") {
					continue // an XML namespace, not an address fetched
				}
				line := 1 + strings.Count(string(b[:loc[0]]), "\n")
				t.Errorf("%s:%d: %s (%q): %s", p, line, rule.name, b[loc[0]:loc[1]], rule.why)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 5 {
		t.Fatalf("only %d files in the web app", files)
	}
}

// TestReferencesResolve checks that every file the pages and modules
// name is in the web app: the page's scripts and styles, and every
// module's imports.
func TestReferencesResolve(t *testing.T) {
	refs := []struct {
		ext string
		re  *regexp.Regexp
	}{
		{".html", regexp.MustCompile(`(?:src|href)="(/[^"]+)"`)},
		{".js", regexp.MustCompile(`(?m)^import\s[^'"]*['"]([^'"]+)['"]`)},
	}
	err := fs.WalkDir(ui.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(ui.FS(), p)
		if err != nil {
			return err
		}
		for _, r := range refs {
			if path.Ext(p) != r.ext {
				continue
			}
			for _, m := range r.re.FindAllStringSubmatch(string(b), -1) {
				ref := m[1]
				var target string
				switch {
				case strings.HasPrefix(ref, "/"):
					target = strings.TrimPrefix(ref, "/")
				case strings.HasPrefix(ref, "."):
					target = path.Join(path.Dir(p), ref)
				default:
					t.Errorf("%s: reference %q is neither absolute nor relative", p, ref)
					continue
				}
				if target == "" || target == "documents" || target == "actors" || target == "analyze" || target == "path" || strings.HasPrefix(target, "api/") ||
					target == "network" || target == "changes" || target == "commitments" || target == "alerts" {
					continue // app routes and the API, not files
				}
				if _, err := fs.Stat(ui.FS(), target); err != nil {
					t.Errorf("%s: %q names %s, which the web app lacks", p, ref, target)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(ui.FS(), "index.html"); err != nil {
		t.Error("the web app has no index.html")
	}
}
