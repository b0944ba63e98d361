package web

import (
	"encoding/json"
	"strings"
	"testing"
)

func init() {
	goodRequests["documentBrief"] = []string{"/api/documents/1/brief", "/api/documents/2/brief?as_of=2030-01-01"}
	goodRequests["listCommitments"] = []string{"/api/commitments", "/api/commitments?broken=true&actor=Taliban&limit=5&offset=0&as_of=2030-01-01"}
}

// TestCommitmentsAPI checks the sample corpus's broken pledges through the
// API: the Taliban's pledge not to host al-Qaeda against the sentences
// that say they hosted its leader.
func TestCommitmentsAPI(t *testing.T) {
	srv, _ := newServer(t, nil)
	rec := do(srv, "GET", "/api/commitments?broken=true&actor=Taliban", nil, nil)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}
	var ans struct {
		Items []struct {
			Status     string
			Commitment struct {
				ActorName string `json:"actor_name"`
				Sentence  string
			}
			Evidence []struct {
				Sentence string
				DocTitle string `json:"doc_title"`
			}
		}
		Total int
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil {
		t.Fatal(err)
	}
	if ans.Total == 0 {
		t.Fatalf("no broken Taliban commitment: %s", rec.Body.String())
	}
	found := false
	for _, it := range ans.Items {
		for _, e := range it.Evidence {
			found = found || it.Status == "broken" && strings.Contains(e.Sentence, "Zawahiri")
		}
	}
	if !found {
		t.Errorf("no broken pledge with the Zawahiri evidence: %s", rec.Body.String())
	}
	for target, code := range map[string]int{
		"/api/commitments?broken=maybe":           400,
		"/api/commitments?actor=Nobody+At+All":    404,
		"/api/documents/999999/brief":             404,
		"/api/documents/x/brief":                  400,
		"/api/documents/1/brief?as_of=1990-01-01": 404,
	} {
		if rec := do(srv, "GET", target, nil, nil); rec.Code != code {
			t.Errorf("%s: status %d, want %d", target, rec.Code, code)
		}
	}
}
