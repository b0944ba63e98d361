package actorgraph

import (
	"reflect"
	"testing"
)

func TestParseAssessmentFilter(t *testing.T) {
	for _, tc := range []struct {
		rel, cred, conf, mod string
		want                 AssessmentFilter
		bad                  bool
	}{
		{want: AssessmentFilter{}},
		{rel: "b", want: AssessmentFilter{Reliability: [2]Reliability{"B", "B"}}},
		{rel: "C-A", cred: "3-1", want: AssessmentFilter{Reliability: [2]Reliability{"A", "C"}, Credibility: [2]int{1, 3}}},
		{conf: "high, medium", mod: "Reported,possible", want: AssessmentFilter{
			Confidence: []Confidence{"high", "moderate"}, Modality: []Modality{"reported", "possible"}}},
		{rel: "G", bad: true},
		{rel: "A-", bad: true},
		{cred: "0", bad: true},
		{cred: "1-7", bad: true},
		{conf: "sure", bad: true},
		{conf: "high,", bad: true},
		{mod: "rumoured", bad: true},
	} {
		got, err := ParseAssessmentFilter(tc.rel, tc.cred, tc.conf, tc.mod)
		if tc.bad {
			if ErrorCode(err) != EInvalid {
				t.Errorf("%+v: err %v, want invalid", tc, err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v: got %+v, %v", tc, got, err)
		}
	}
}
