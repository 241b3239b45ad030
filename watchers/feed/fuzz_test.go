package feed

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that no input makes Parse panic and that every item it
// returns has a key.
func FuzzParse(f *testing.F) {
	f.Add([]byte(feedBody))
	f.Add([]byte(`<rss version="2.0"><channel><item><title>A &amp;#8217; <b>b</b></title><link>/x?utm_source=y</link></item></channel></rss>`))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>T</title><description>D</description></item></rdf:RDF>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id> e </id><title type="html">&lt;em&gt;x&lt;/em&gt;</title><link href="http://a/b"/><updated>2015-05-08T20:15:00+03:00</updated></entry></feed>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div></title><content type="text/plain" mode="base64">eA==</content></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_text":"x","date_published":"2015-12-16T06:30:00-05:00","tags":["a",""]}]}`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[null]}`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"author":null,"attachments":[null]}]}`))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><item><title>\x93x\x94</title></item></channel></rss>"))
	f.Add([]byte(`<!DOCTYPE rss [<!ENTITY a "&b;&b;"><!ENTITY b "x">]><rss><channel><item><title>&a;</title></item></channel></rss>`))
	f.Add([]byte(`<!DOCTYPE html><html><body>no</body></html>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := Parse(body)
		if err != nil {
			return
		}
		for i, it := range feed.Items {
			if it.Key == "" {
				t.Errorf("item %d has no key: %+v", i, it)
			}
			if !it.Published.IsZero() && it.Published.Location().String() != "UTC" {
				t.Errorf("item %d published in %v", i, it.Published.Location())
			}
		}
	})
}

// FuzzStripHTML checks that StripHTML never panics and always returns
// trimmed, valid UTF-8 with single spaces and no blank lines.
func FuzzStripHTML(f *testing.F) {
	f.Add("<p>WUZHEN &mdash; Xi</p><p>No deal.</p>")
	f.Add(`<a href="russia-china-cyber-pact">x</a><img alt="y"><script>z</script>`)
	f.Add("plain &amp;#8217; text\n\nnext")
	f.Add("<scr<script>ipt>x</script><style/>y")
	f.Add("\xff<\xfe>&#0;&#x110000;\u00a0\u200b\r\n\r\n")
	f.Add("<svg><text>t</text></svg><template>u</template><table><td>a<td>b</table>")
	f.Fuzz(func(t *testing.T, in string) {
		got := StripHTML(in)
		if !utf8.ValidString(got) {
			t.Errorf("StripHTML(%q) = %q, not valid UTF-8", in, got)
		}
		if got != strings.TrimSpace(got) {
			t.Errorf("StripHTML(%q) = %q, not trimmed", in, got)
		}
		for _, bad := range []string{"  ", "\n\n", " \n", "\n "} {
			if strings.Contains(got, bad) {
				t.Errorf("StripHTML(%q) = %q, contains %q", in, got, bad)
			}
		}
	})
}
