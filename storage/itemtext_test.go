package storage

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestItemTextRoundTrip(t *testing.T) {
	long := strings.Repeat("The two governments said the working group would meet again in the spring. ", 40)
	for _, tc := range []struct {
		name string
		in   ItemText
		want ItemText
	}{
		{"short", ItemText{Summary: "Talks resumed.", Categories: []string{"Cyber", "Diplomacy"}},
			ItemText{Summary: "Talks resumed.", Categories: []string{"Cyber", "Diplomacy"}}},
		{"long", ItemText{Summary: "Lead.", Content: long}, ItemText{Summary: "Lead.", Content: long}},
		{"unicode", ItemText{Content: strings.Repeat("中俄网络安全协议 ", 100)}, ItemText{Content: strings.Repeat("中俄网络安全协议 ", 100)}},
		{"nul and separators", ItemText{Summary: "a\x00b", Categories: []string{"x\x1fy"}},
			ItemText{Summary: "ab", Categories: []string{"x y"}}},
		{"only categories", ItemText{Categories: []string{"one"}}, ItemText{Categories: []string{"one"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := EncodeText(tc.in)
			got, err := DecodeText(b)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
	if b := EncodeText(ItemText{}); b != nil {
		t.Errorf("no text encodes as %q, want nil", b)
	}
	if got, err := DecodeText(nil); err != nil || got.Summary != "" || got.Content != "" || got.Categories != nil {
		t.Errorf("an item stored without text decodes as %+v, %v", got, err)
	}
}

func TestItemTextCompressesProse(t *testing.T) {
	prose := strings.Repeat("Officials from both countries met in Geneva on Tuesday to discuss the stalled agreement. ", 30)
	b := EncodeText(ItemText{Content: prose})
	if b[0] != textS2 {
		t.Fatalf("long prose stored with tag %q, want compressed", b[0])
	}
	if len(b) > len(prose)/2 {
		t.Errorf("%d bytes of prose stored in %d bytes: expected better than half", len(prose), len(b))
	}
	if b := EncodeText(ItemText{Summary: "A short summary."}); b[0] != textRaw {
		t.Errorf("short text stored with tag %q, want raw", b[0])
	}
}

func TestItemTextCutsHugeFields(t *testing.T) {
	huge := strings.Repeat("é", MaxTextField) // two bytes each: the cut falls inside one
	got, err := DecodeText(EncodeText(ItemText{Content: huge}))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Content) > MaxTextField || !strings.HasPrefix(huge, got.Content) || len(got.Content) < MaxTextField-2 {
		t.Errorf("kept %d bytes of a %d-byte field, want just under %d at a character boundary", len(got.Content), len(huge), MaxTextField)
	}
}

func TestItemTextCorrupt(t *testing.T) {
	for _, b := range [][]byte{{'x', 1, 2}, {textS2, 0xff, 0xff, 0xff, 0xff, 0x0f}, {textRaw, 'a'}} {
		if _, err := DecodeText(b); err == nil {
			t.Errorf("DecodeText(%q) did not fail", b)
		}
	}
}
