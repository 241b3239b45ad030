package config

import "testing"

func TestFeedLocation(t *testing.T) {
	tests := []struct {
		raw, want string
		ok        bool
	}{
		{"https://thehill.com/feed", "https://thehill.com/feed", true},   // URLs are kept as written
		{"http://127.0.0.1:8080/rss", "http://127.0.0.1:8080/rss", true}, // plain http too
		{"feeds/a.xml", "/cfg/feeds/a.xml", true},                        // relative to the config's folder
		{"/srv/feeds/a.xml", "/srv/feeds/a.xml", true},                   // absolute paths stay
		{"../shared/a.json", "/shared/a.json", true},                     // and are cleaned
		{"file:///srv/a.xml", "/srv/a.xml", true},                        // a file URL is a path
		{"feeds/a:b.xml", "/cfg/feeds/a:b.xml", true},                    // a colon in a path is fine
		{"ftp://example.com/a.xml", "", false},                           // other schemes are not
		{"https:///a.xml", "", false},                                    // a URL needs a host
		{"mailto:news@example.com", "", false},                           // nor an opaque URL
		{"file://server/a.xml", "", false},                               // nor a remote file URL
	}
	for _, tt := range tests {
		got, err := feedLocation(tt.raw, "/cfg")
		if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
			t.Errorf("feedLocation(%q) = %q, %v; want %q, ok=%v", tt.raw, got, err, tt.want, tt.ok)
		}
	}
}
