package extractor

import (
	"encoding/json"
	"testing"
)

// groundTruthURLs maps page ids of an eval ground-truth file to their URLs.
func groundTruthURLs(tb testing.TB, data []byte) map[string]string {
	tb.Helper()
	var gt map[string]struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(data, &gt); err != nil {
		tb.Fatalf("decoding ground truth: %v", err)
	}
	urls := make(map[string]string, len(gt))
	for id, v := range gt {
		urls[id] = v.URL
	}
	return urls
}
