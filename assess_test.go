package actorgraph

import (
	"testing"
)

func TestDeriveCredibility(t *testing.T) {
	tests := []struct{ independent, opposing, want int }{
		{0, 0, 6}, {0, 2, 6}, {1, 0, 3}, {2, 0, 2}, {3, 0, 1}, {9, 0, 1},
		{3, 1, 4}, {1, 1, 4}, {1, 2, 5}, {2, 5, 5},
	}
	for _, tt := range tests {
		if got := DeriveCredibility(tt.independent, tt.opposing); got != tt.want {
			t.Errorf("DeriveCredibility(%d, %d) = %d, want %d", tt.independent, tt.opposing, got, tt.want)
		}
	}
}

func TestAssessmentFilter(t *testing.T) {
	a := Assessment{Reliability: "B", Credibility: 2, Modality: Asserted, Confidence: ConfidenceHigh}
	tests := []struct {
		rel, cred, conf, mod string
		want                 bool
	}{
		{"", "", "", "", true},
		{"A-C", "", "", "", true},
		{"c-a", "", "", "", true},
		{"C", "", "", "", false},
		{"", "1-2", "", "", true},
		{"", "3-6", "", "", false},
		{"", "", "high,low", "", true},
		{"", "", "moderate", "", false},
		{"", "", "", "reported,possible", false},
		{"B", "2", "high", "asserted", true},
	}
	for _, tt := range tests {
		var f AssessmentFilter
		var err error
		if tt.rel != "" {
			f.Reliability, err = ParseReliabilityRange(tt.rel)
		}
		if err == nil && tt.cred != "" {
			f.Credibility, err = ParseCredibilityRange(tt.cred)
		}
		if err == nil && tt.conf != "" {
			f.Confidence, err = ParseConfidences(tt.conf)
		}
		if err == nil && tt.mod != "" {
			f.Modality, err = ParseModalities(tt.mod)
		}
		if err != nil {
			t.Fatalf("%+v: %v", tt, err)
		}
		if got := f.Match(a); got != tt.want {
			t.Errorf("%+v: Match = %v", tt, got)
		}
	}
	for _, bad := range []string{"", "G", "A-", "AB", "-"} {
		if _, err := ParseReliabilityRange(bad); ErrorCode(err) != EInvalid {
			t.Errorf("reliability %q: %v", bad, err)
		}
	}
	for _, bad := range []string{"", "0", "7", "1-9", "x"} {
		if _, err := ParseCredibilityRange(bad); ErrorCode(err) != EInvalid {
			t.Errorf("credibility %q: %v", bad, err)
		}
	}
}

// FuzzAssessmentRanges checks that the range parsers never panic and
// that what they accept is an ordered range of valid grades.
func FuzzAssessmentRanges(f *testing.F) {
	for _, s := range []string{"A-C", "b", "1-3", "6", "-", "a--b", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if r, err := ParseReliabilityRange(s); err == nil {
			if r[0] > r[1] || r[0] < "A" || r[1] > "F" || len(r[0]) != 1 || len(r[1]) != 1 {
				t.Errorf("%q → %v", s, r)
			}
		}
		if c, err := ParseCredibilityRange(s); err == nil && (c[0] > c[1] || c[0] < 1 || c[1] > 6) {
			t.Errorf("%q → %v", s, c)
		}
		ParseConfidences(s)
		ParseModalities(s)
	})
}
