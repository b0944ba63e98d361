package web

import (
	"bytes"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// clientRoutes are the first path segments of the web app's own pages;
// they all get index.html, and the app's script shows the right view.
var clientRoutes = map[string]bool{
	"actor": true, "document": true, "analyze": true, "timeline": true, "search": true,
	"relations": true, "documents": true, "path": true, "graph": true, "edge": true, "actors": true,
	"commitments": true, "changes": true, "network": true, "alerts": true,
}

// serveUI serves the web app's files: "/" and client routes as
// index.html, other paths as the file they name.
func (s *Server) serveUI(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	name := strings.TrimPrefix(p, "/")
	first, _, _ := strings.Cut(name, "/")
	if name == "" || name == "index.html" || clientRoutes[first] {
		name = "index.html"
	}
	b, err := fs.ReadFile(s.ui, name)
	if err != nil || !fs.ValidPath(name) {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = http.DetectContentType(b)
	}
	if strings.HasPrefix(ct, "text/") && !strings.Contains(ct, "charset") {
		ct += "; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	if name == "index.html" {
		w.Header().Set("Cache-Control", "no-cache")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=300")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}
