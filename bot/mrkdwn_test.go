package bot

import "testing"

func TestCutText(t *testing.T) {
	tests := []struct {
		in     string
		max    int
		markup bool
		want   string
	}{
		{"short", 10, true, "short"},                                                 // fits: unchanged
		{"the quick brown fox jumps", 12, false, "the quick…"},                       // cut at a word boundary
		{"abcdefghijklmnop", 8, false, "abcdefg…"},                                   // no space: cut mid-word
		{"Tom &amp; Jerry forever", 8, true, "Tom…"},                                 // never inside an entity
		{"see <https://x.org/a|a link> now", 12, true, "see…"},                       // never inside a link
		{"see <https://x.org|x> and more words", 24, true, "see <https://x.org|x>…"}, // a link kept whole
		{"héllo wörld ünïcode", 12, false, "héllo wörld…"},                           // counts characters, not bytes
		{"one, two, three", 9, false, "one, two…"},                                   // trailing comma dropped
	}
	for _, tt := range tests {
		got := cutText(tt.in, tt.max, tt.markup)
		if got != tt.want {
			t.Errorf("cutText(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if n := len([]rune(got)); n > tt.max {
			t.Errorf("cutText(%q, %d) has %d characters", tt.in, tt.max, n)
		}
	}
}

func TestMrkdwnLink(t *testing.T) {
	tests := []struct {
		url, label, want string
	}{
		// Label escaped, | replaced so it cannot end the label early; the
		// link's host follows it.
		{"https://x.org/a", "A & B | <C>", "<https://x.org/a|A &amp; B ¦ &lt;C&gt;> (x.org)"},
		// & in the URL escaped as Slack requires; | and > encoded.
		{"https://x.org/?a=1&b=2|3>", "t", "<https://x.org/?a=1&amp;b=2%7C3%3E|t> (x.org)"},
		// A title that looks like another address shows where the link goes.
		{"https://evil.example/x", "https://good.example/news", "<https://evil.example/x|https://good.example/news> (evil.example)"},
		// A look-alike host shows in its ASCII form; www. and case are dropped.
		{"https://WWW.g\u043e\u043egle.com/", "News", "<https://WWW.g%D0%BE%D0%BEgle.com/|News> (xn--ggle-55da.com)"},
		// Bidi overrides and isolates in a title are dropped.
		{"https://x.org/a", "abc\u202Efdp.exe\u2066x\u2069", "<https://x.org/a|abcfdp.exex> (x.org)"},
		// Not http(s): no link, the label alone.
		{"javascript:alert(1)", "click", "click"},
		// A relative URL: the label alone.
		{"/relative", "rel", "rel"},
		// No label: the URL stands in for it.
		{"https://x.org", "", "<https://x.org|https://x.org>"},
		// Newlines in a label collapse to one line.
		{"https://x.org", "two\nlines", "<https://x.org|two lines> (x.org)"},
	}
	for _, tt := range tests {
		if got := mrkdwnLink(tt.url, tt.label, 100); got != tt.want {
			t.Errorf("mrkdwnLink(%q, %q) = %q, want %q", tt.url, tt.label, got, tt.want)
		}
	}
}
