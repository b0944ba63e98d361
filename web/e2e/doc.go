// Package e2e holds actorgraph's real-browser tests of the web app: they
// start the server of package web in-process over a temporary SQLite
// store of the sample reports, drive Chromium through chromedp, and
// write a screenshot of each page they visit to a test-output folder
// ($ACTORGRAPH_TEST_OUT, or testdata/out).
//
// The tests skip, saying why, when no Chromium is installed (run
// scripts/install-browser). The package has test files only; it must not
// be imported, and its non-test files import nothing.
package e2e
