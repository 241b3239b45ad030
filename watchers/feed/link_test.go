package feed

import "testing"

func TestCanonicalLink(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// utm_ parameters from a digest's re-link go; the story's own path stays.
		{"utm", "https://www.capitolwire.example/policy/cybersecurity/255302-obama-xi-cyber-theft-agreement?utm_source=cyberdispatch&utm_medium=rss&utm_campaign=daily-digest",
			"https://www.capitolwire.example/policy/cybersecurity/255302-obama-xi-cyber-theft-agreement"},
		// Scheme and host are lower-cased; the path keeps its case.
		{"case", "HTTPS://WWW.Example.COM/News/Story", "https://www.example.com/News/Story"},
		// Default ports go, others stay.
		{"default https port", "https://example.com:443/a", "https://example.com/a"},
		{"default http port", "http://example.com:80/a", "http://example.com/a"},
		{"other port", "https://example.com:8443/a", "https://example.com:8443/a"},
		// The fragment never changes the story.
		{"fragment", "https://example.com/a#comments", "https://example.com/a"},
		// Every listed click identifier goes, whatever its case.
		{"click ids", "https://example.com/a?fbclid=1&gclid=2&dclid=3&msclkid=4&mc_cid=5&mc_eid=6&igshid=7&_hsenc=8&_hsmi=9&mkt_tok=10&yclid=11&ref_src=12&cmpid=13&UTM_Source=14",
			"https://example.com/a"},
		// Remaining parameters are sorted; repeated keys keep their order and escaping.
		{"sorted", "https://example.com/a?z=1&b=2&a=3&b=1&q=caf%C3%A9+au+lait", "https://example.com/a?a=3&b=2&b=1&q=caf%C3%A9+au+lait&z=1"},
		// A trailing ? with nothing after it goes.
		{"empty query", "https://example.com/a?", "https://example.com/a"},
		// A trailing slash is part of the path and is kept.
		{"trailing slash", "https://example.com/a/", "https://example.com/a/"},
		// Surrounding whitespace is trimmed.
		{"whitespace", "  https://example.com/a \n", "https://example.com/a"},
		// Not absolute http(s): returned trimmed and otherwise as given.
		{"relative", " /news/a?utm_source=x ", "/news/a?utm_source=x"},
		{"mailto", "mailto:desk@example.com", "mailto:desk@example.com"},
		{"ftp", "ftp://Example.com/a", "ftp://Example.com/a"},
		{"tag uri", "tag:cyberdispatch.example,2015:/posts/x", "tag:cyberdispatch.example,2015:/posts/x"},
		{"unparsable", "http://[::1", "http://[::1"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanonicalLink(tt.in); got != tt.want {
				t.Errorf("CanonicalLink(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
