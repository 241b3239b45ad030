package feed

import (
	"strings"
	"testing"
)

func TestStripHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// Paragraphs become lines; entities decode.
		{"paragraphs", "<p>WUZHEN &mdash; Xi spoke.</p><p>No deal was signed.</p>", "WUZHEN — Xi spoke.\nNo deal was signed."},
		// An href naming a story never leaks into the text.
		{"href", `<p><a href="https://www.apdesk.example/tag/russia-china-cyber-pact/">Related coverage</a></p>`, "Related coverage"},
		// Nor do image sources and alt text.
		{"img", `<p><img src="x.jpg" alt="Xi and Putin"/></p><p>MOSCOW</p>`, "MOSCOW"},
		// Script and style contents are dropped, even self-closed.
		{"script and style", "<style>p{color:red}</style>Before<script>var pact='signed';</script> after<script/>hidden</script>.", "Before after."},
		// br and headings break lines; list items each get one.
		{"breaks", "<h2>Title</h2>one<br>two<br/>three<ul><li>a</li><li>b</li></ul>", "Title\none\ntwo\nthree\na\nb"},
		// Inline tags join words without adding spaces.
		{"inline", "<b>A pact.</b> Russia<em>n</em> and <i>Chinese</i>", "A pact. Russian and Chinese"},
		// Source line wrapping inside a paragraph is only a space.
		{"soft wrap", "<p>The group\n   has not\n\tmet since.</p>\n\n<p>Next.</p>", "The group has not met since.\nNext."},
		// Table cells are separated by a space, rows by a line.
		{"table", "<table><tr><td>Russia</td><td>China</td></tr><tr><td>signed</td></tr></table>", "Russia China\nsigned"},
		// Plain text passes through with entities decoded.
		{"plain entities", "China&#8217;s &amp;quot;no plans&quot;", "China’s &quot;no plans\""},
		// Plain text: a blank line is a paragraph, a single newline a space.
		{"plain paragraphs", "  First line\nwrapped.\n\n\nSecond paragraph.  ", "First line wrapped.\nSecond paragraph."},
		// Non-breaking spaces and runs of spaces collapse; invisible characters go.
		{"spaces", "a&nbsp;&nbsp; b\u00a0c\u200bd\u00ade", "a b cde"},
		// A less-than sign that starts no tag is text.
		{"lone less-than", "3 < 4 and 5 <= 6", "3 < 4 and 5 <= 6"},
		// Comments are dropped.
		{"comment", "a<!-- pact signed -->b", "ab"},
		// An unknown entity stays as written.
		{"unknown entity", "&lol9; &zzz;", "&lol9; &zzz;"},
		// Invalid UTF-8 becomes U+FFFD.
		{"invalid utf-8", "caf\xe9 <b>x</b>", "caf\ufffd x"},
		// Nothing but markup.
		{"empty", "<p> </p><br>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StripHTML(tt.in); got != tt.want {
				t.Errorf("StripHTML(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// A literal entity left after one decoding (an RSS title escaped twice).
		{"twice escaped", "China&#8217;s security chief", "China’s security chief"},
		// Markup and line breaks in an html-typed Atom title.
		{"html title", "<em>Explainer:</em>\n What&#8217;s <br>in it", "Explainer: What’s in it"},
		// An ampersand that starts no entity stays.
		{"ampersand", "AT&T and M&A", "AT&T and M&A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanTitle(tt.in); got != tt.want {
				t.Errorf("cleanTitle(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// BenchmarkStripHTML strips a typical item description: a few paragraphs
// of news with an entity, about 1 KB.
func BenchmarkStripHTML(b *testing.B) {
	para := "<p>Officials in Moscow and Beijing said on Tuesday that talks on a cyber &amp; information " +
		"security pact would resume, after a year in which the working group did not meet.</p>\n"
	s := strings.Repeat(para, 6)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		StripHTML(s)
	}
}
