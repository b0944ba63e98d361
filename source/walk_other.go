//go:build !unix

package source

import "os"

// fileKey identifies a file; this platform has none to offer, and the
// walker falls back to os.SameFile.
type fileKey struct{}

func keyOf(os.FileInfo) (fileKey, bool) { return fileKey{}, false }
