// Package ui holds actorgraph's web app: plain HTML, CSS and JavaScript
// written for this project, embedded in the binary so that it works
// offline (no CDN, no external fonts). It owns only static files; the
// server that serves them and the JSON API are in package web.
//
// It imports only the standard library.
package ui

import (
	"embed"
	"io/fs"
)

//go:embed static
var files embed.FS

// FS returns the web app's files, rooted at the app (index.html at the top).
func FS() fs.FS {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // the embedded tree always has static/
	}
	return sub
}
