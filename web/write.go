package web

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/source"
)

func (s *Server) writeRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/analyze", api: s.analyze, write: true},
		{method: "POST", pattern: "/api/documents", api: s.addDocument, write: true},
	}
}

// upload is a report posted as JSON or as a multipart form.
type upload struct {
	Text      string `json:"text"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Publisher string `json:"publisher"`
	Published string `json:"published"`
}

// readUpload reads the one report of a write request: a JSON object with
// its text, or a multipart form with a "file" (any format package source
// reads) or a "text" field, and optional title, url, publisher and
// published fields, which override what the source says.
func (s *Server) readUpload(r *http.Request) (actorgraph.Document, error) {
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		ct = ""
	}
	var u upload
	var docs []actorgraph.Document
	switch ct {
	case "application/json":
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&u); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return actorgraph.Document{}, err
			}
			return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "the body is not a report object {\"text\": ...}: %v", err)
		}
		if dec.More() {
			return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "the body holds more than one JSON value")
		}
	case "multipart/form-data":
		mr, err := r.MultipartReader()
		if err != nil {
			return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "bad multipart body: %v", err)
		}
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return actorgraph.Document{}, multipartError(err)
			}
			name := part.FormName()
			if name == "file" {
				if docs != nil {
					return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "post one file at a time")
				}
				fname := path.Base(strings.ReplaceAll(part.FileName(), "\\", "/"))
				if fname == "." || fname == "/" || fname == "" {
					fname = "upload"
				}
				docs, err = source.Read(fname, part, source.Options{ContentType: part.Header.Get("Content-Type"), MaxSize: s.cfg.MaxBody})
				if err != nil && len(docs) == 0 {
					return actorgraph.Document{}, uploadError(err)
				}
				if docs == nil {
					docs = []actorgraph.Document{}
				}
				continue
			}
			v, err := io.ReadAll(io.LimitReader(part, s.cfg.MaxBody+1))
			if err != nil {
				return actorgraph.Document{}, multipartError(err)
			}
			switch name {
			case "text":
				u.Text = string(v)
			case "title":
				u.Title = string(v)
			case "url":
				u.URL = string(v)
			case "publisher":
				u.Publisher = string(v)
			case "published":
				u.Published = string(v)
			default:
				return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "unknown form field %q (want file or text, and title, url, publisher, published)", clip(name))
			}
		}
	default:
		return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "send the report as application/json {\"text\": ...} or as multipart/form-data with a \"file\"")
	}
	if docs == nil {
		if strings.TrimSpace(u.Text) == "" {
			return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "no report: give its text or a file")
		}
		name := "report.txt"
		if strings.HasPrefix(strings.TrimSpace(u.Text), "#") {
			name = "report.md"
		}
		docs, err = source.Read(name, strings.NewReader(u.Text), source.Options{MaxSize: s.cfg.MaxBody})
		if err != nil && len(docs) == 0 {
			return actorgraph.Document{}, uploadError(err)
		}
	} else if u.Text != "" {
		return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "give a file or a text, not both")
	}
	if len(docs) != 1 {
		return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid,
			"the file holds %d reports; post one at a time, or load it with 'actorgraph ingest'", len(docs))
	}
	d := docs[0]
	if t := strings.TrimSpace(u.Title); t != "" {
		d.Title = clipTitle(t)
	}
	if v := strings.TrimSpace(u.URL); v != "" {
		if len(v) > 2048 || !(strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://")) {
			return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "url %q: want an http or https address", clip(v))
		}
		d.URL = v
	}
	if v := strings.TrimSpace(u.Publisher); v != "" {
		d.Publisher = clipTitle(v)
	}
	if v := strings.TrimSpace(u.Published); v != "" {
		if !validDate(v) {
			return actorgraph.Document{}, actorgraph.Errorf(actorgraph.EInvalid, "published %q: want a date YYYY-MM-DD", clip(v))
		}
		d.Published = v
	}
	return d, nil
}

func clipTitle(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = clip(s[:300])
	}
	return s
}

func multipartError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return actorgraph.Errorf(actorgraph.EInvalid, "bad multipart body: %v", err)
}

func uploadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	if actorgraph.ErrorCode(err) == actorgraph.EInternal {
		return actorgraph.Errorf(actorgraph.EInvalid, "cannot read the report: %v", err)
	}
	return err
}

// extractDoc runs the extractor, a bounded number at a time.
func (s *Server) extractDoc(r *http.Request, d actorgraph.Document) (actorgraph.Extraction, error) {
	if s.cfg.Extractor == nil {
		return actorgraph.Extraction{}, actorgraph.Errorf(actorgraph.EInternal, "web: no extractor configured")
	}
	select {
	case s.extract <- struct{}{}:
	case <-r.Context().Done():
		return actorgraph.Extraction{}, r.Context().Err()
	}
	defer func() { <-s.extract }()
	x := s.cfg.Extractor.Extract(d.Text)
	if x.Entities == nil {
		x.Entities = []actorgraph.Entity{}
	}
	if x.Relations == nil {
		x.Relations = []actorgraph.Relation{}
	}
	return x, nil
}

// analysis is what /api/analyze answers: the document read, the text the
// offsets refer to, and the extractor's entities and relations.
type analysis struct {
	Title     string                `json:"title,omitempty"`
	URL       string                `json:"url,omitempty"`
	Publisher string                `json:"publisher,omitempty"`
	Published string                `json:"published,omitempty"`
	Text      string                `json:"text"`
	Entities  []actorgraph.Entity   `json:"entities"`
	Relations []actorgraph.Relation `json:"relations"`
}

func (s *Server) analyze(r *http.Request) (any, error) {
	d, err := s.readUpload(r)
	if err != nil {
		return nil, err
	}
	x, err := s.extractDoc(r, d)
	if err != nil {
		return nil, err
	}
	return analysis{d.Title, d.URL, d.Publisher, d.Published, d.Text, x.Entities, x.Relations}, nil
}

type stored struct {
	ID        actorgraph.DocID `json:"id"`
	New       bool             `json:"new"`
	Entities  int              `json:"entities"`
	Relations int              `json:"relations"`
}

func (s *Server) addDocument(r *http.Request) (any, error) {
	d, err := s.readUpload(r)
	if err != nil {
		return nil, err
	}
	x, err := s.extractDoc(r, d)
	if err != nil {
		return nil, err
	}
	res, err := s.cfg.Store.PutDocument(r.Context(), d, x)
	if err != nil {
		return nil, err
	}
	return stored{res.DocID, res.New, len(x.Entities), len(x.Relations)}, nil
}
