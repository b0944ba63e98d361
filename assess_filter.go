package actorgraph

// ParseAssessmentFilter reads the filters on the four assessments as the
// CLI's flags and the API's parameters give them: a reliability grade or
// range ("B", "A-C"), a credibility grade or range ("2", "1-3"), and
// comma-separated confidence levels and modalities; "" leaves a filter
// unset.
func ParseAssessmentFilter(reliability, credibility, confidence, modality string) (AssessmentFilter, error) {
	var f AssessmentFilter
	var err error
	if reliability != "" {
		if f.Reliability, err = ParseReliabilityRange(reliability); err != nil {
			return AssessmentFilter{}, err
		}
	}
	if credibility != "" {
		if f.Credibility, err = ParseCredibilityRange(credibility); err != nil {
			return AssessmentFilter{}, err
		}
	}
	if confidence != "" {
		if f.Confidence, err = ParseConfidences(confidence); err != nil {
			return AssessmentFilter{}, err
		}
	}
	if modality != "" {
		if f.Modality, err = ParseModalities(modality); err != nil {
			return AssessmentFilter{}, err
		}
	}
	return f, nil
}
