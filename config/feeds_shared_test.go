package config

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Agreements that name no feeds read every feed of their own file: one
// list shared by all of them, which an append by a caller copies instead of
// writing into. A reload that adds a feed gives them the new feed too.
func TestFeedsDefaultToEveryFeed(t *testing.T) {
	const agreements = `
agreements:
  - id: first
    name: First
    kind: pact
    match: pact
  - id: listed
    name: Listed
    kind: pact
    match: pact
    feeds: [b]
  - id: second
    name: Second
    kind: pact
    match: pact
`
	const twoFeeds = `
feeds:
  - id: a
    url: https://example.com/a
  - id: b
    url: https://example.com/b
`
	path := writeConfig(t, twoFeeds+agreements)
	c, err := Load(path, nil)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	first, _ := c.Agreement("first")
	listed, _ := c.Agreement("listed")
	second, _ := c.Agreement("second")
	got := [][]string{first.Feeds, listed.Feeds, second.Feeds}
	want := [][]string{{"a", "b"}, {"b"}, {"a", "b"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("feeds (-want +got):\n%s", diff)
	}
	if &first.Feeds[0] != &second.Feeds[0] {
		t.Errorf("agreements without feeds hold copies of the list, not one shared list")
	}
	if len(first.Feeds) != cap(first.Feeds) {
		t.Errorf("the shared list has room to grow (len %d, cap %d): an append would write into it", len(first.Feeds), cap(first.Feeds))
	}
	mine := append(first.Feeds, "mine")
	if diff := cmp.Diff([]string{"a", "b"}, second.Feeds); diff != "" || mine[2] != "mine" {
		t.Errorf("an append to one agreement's feeds changed another's (-want +got):\n%s", diff)
	}

	// The same file after an admin adds a feed, loaded again as a reload does.
	path = writeConfig(t, twoFeeds+`  - id: c
    url: https://example.com/c
`+agreements)
	c, err = Load(path, nil)
	if err != nil {
		t.Fatalf("Load after adding a feed: %v", err)
	}
	first, _ = c.Agreement("first")
	listed, _ = c.Agreement("listed")
	got = [][]string{first.Feeds, listed.Feeds, ids(c.FeedsFor(first))}
	want = [][]string{{"a", "b", "c"}, {"b"}, {"a", "b", "c"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("feeds after adding one (-want +got):\n%s", diff)
	}
}

func ids(fs []*Feed) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.ID)
	}
	return out
}
