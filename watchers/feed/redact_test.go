package feed

import "testing"

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		// A password is hidden, the user name kept.
		{"http://user:pa55@host.example/feed", "http://user:xxxxx@host.example/feed"},
		// A user name alone is often a token: hidden.
		{"https://ghp_abc123@host.example/feed", "https://xxxxx@host.example/feed"},
		// Secret-looking parameters are hidden, the others kept.
		{"https://host.example/feed?apikey=s3cret&lang=en&access_token=t0k&X-Amz-Signature=ab#top",
			"https://host.example/feed?apikey=xxxxx&lang=en&access_token=xxxxx&X-Amz-Signature=xxxxx#top"},
		// Both at once, on a URL that does not parse.
		{"http://u:p@h%zz/f?key=1", "http://u:xxxxx@h%zz/f?key=xxxxx"},
		// An @ in the path is not user info.
		{"https://host.example/@news/feed", "https://host.example/@news/feed"},
		// Nothing to hide.
		{"https://host.example/feed?page=2", "https://host.example/feed?page=2"},
		// A file path is left alone.
		{"/srv/feeds/key=1.xml", "/srv/feeds/key=1.xml"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
