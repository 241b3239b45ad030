package bot

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pactwatch/pactwatch/storage"
)

// TestMetadataCarriesTheClaim checks that an alert's metadata says whose
// status the item reports (party), how sure it is (confidence) and how many
// outlets it rests on (sources), as PRODUCT.md promises scripts.
func TestMetadataCarriesTheClaim(t *testing.T) {
	tests := []struct {
		name  string
		alert storage.Alert
		want  map[string]any
	}{
		// One party's status in a pact of many, on two outlets.
		{"party", storage.Alert{ID: "a1", Kind: storage.KindStatusChange, Agreement: "skies", Status: "in_force",
			DetectedStatus: "withdrawn", Party: "Russia", Confidence: "reported", Sources: 2},
			map[string]any{"detected_status": "withdrawn", "party": "Russia", "confidence": "reported", "sources": 2}},
		// A weak claim rides on a mention as a possible status.
		{"possible", storage.Alert{ID: "a2", Kind: storage.KindMention, Agreement: "ru-cn", Status: "rumored",
			DetectedStatus: "signed", Confidence: "possible", Sources: 1},
			map[string]any{"detected_status": "signed", "confidence": "possible", "sources": 1}},
		// No claim: neither confidence nor party.
		{"none", storage.Alert{ID: "a3", Kind: storage.KindMention, Agreement: "ru-cn", Status: "rumored"},
			map[string]any{"detected_status": ""}},
	}
	for _, tt := range tests {
		p := alertMetadata(tt.alert).EventPayload
		got := map[string]any{"detected_status": p["detected_status"]}
		for _, k := range []string{"party", "confidence", "sources"} {
			if v, ok := p[k]; ok {
				got[k] = v
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: metadata (-want +got):\n%s", tt.name, diff)
		}
	}
}
