package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustParse(t *testing.T, body []byte) *Feed {
	t.Helper()
	f, err := Parse(body)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// hashKey is the key of an item with neither GUID nor link.
func hashKey(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "hash:" + hex.EncodeToString(sum[:])
}

func TestParseCorpus(t *testing.T) {
	tests := []struct {
		name    string
		fixture string
		title   string // feed title
		count   int    // items kept
		index   int    // the item compared with want
		want    Item
	}{
		// RSS with plain descriptions: GUID key, pubDate converted to UTC.
		{"rss plain", "rss-plain.xml", "Capitol Wire: Cybersecurity", 2, 1, Item{
			Key:       "guid:258840 at https://www.capitolwire.example",
			GUID:      "258840 at https://www.capitolwire.example",
			Link:      "https://www.capitolwire.example/policy/cybersecurity/258840-us-russia-syria-air-safety-memo",
			RawLink:   "https://www.capitolwire.example/policy/cybersecurity/258840-us-russia-syria-air-safety-memo",
			Title:     "U.S. and Russia sign memorandum on air safety over Syria",
			Summary:   "The United States and Russia signed a memorandum of understanding on Tuesday meant to prevent incidents between their aircraft over Syria, the Pentagon said. The document sets out communication channels and a working group to handle violations, but a spokesman stressed it did not amount to cooperation with Moscow's air campaign.",
			Published: utc("2015-10-20T23:05:00Z"),
		}},
		// Escaped HTML description: paragraphs become lines, &amp;mdash; decodes; the
		// title's twice-escaped &#8216; decodes too.
		{"rss escaped html", "rss-html.xml", "Asia-Pacific Desk", 3, 0, Item{
			Key:       "guid:https://www.apdesk.example/news/2015/12/16/xi-wuzhen-cyberspace-sovereignty.html",
			GUID:      "https://www.apdesk.example/news/2015/12/16/xi-wuzhen-cyberspace-sovereignty.html",
			Link:      "https://www.apdesk.example/news/2015/12/16/xi-wuzhen-cyberspace-sovereignty.html",
			RawLink:   "https://www.apdesk.example/news/2015/12/16/xi-wuzhen-cyberspace-sovereignty.html",
			Title:     "Xi calls for ‘cyberspace sovereignty’ at Wuzhen internet conference",
			Summary:   "WUZHEN — President Xi Jinping told the World Internet Conference that every country has the right to choose its own model of internet governance.\nRussian Prime Minister Dmitry Medvedev attended, but no new Russian-Chinese agreements were signed at the event, officials said.",
			Published: utc("2015-12-16T12:45:00Z"),
		}},
		// CDATA description with an image: its alt text and src stay out.
		{"rss cdata", "rss-html.xml", "Asia-Pacific Desk", 3, 1, Item{
			Key:       "guid:https://www.apdesk.example/news/2015/05/09/xi-putin-new-stage.html",
			GUID:      "https://www.apdesk.example/news/2015/05/09/xi-putin-new-stage.html",
			Link:      "https://www.apdesk.example/news/2015/05/09/xi-putin-new-stage.html",
			RawLink:   "https://www.apdesk.example/news/2015/05/09/xi-putin-new-stage.html",
			Title:     "Xi and Putin hail ‘new stage’ in ties after Moscow talks",
			Summary:   "MOSCOW — Chinese President Xi Jinping and Russian President Vladimir Putin declared a “new stage” in their partnership on Friday and oversaw the signing of 32 documents.\nThe agreements signed included ones on financing a high-speed railway, on linking Russia’s Eurasian Economic Union with China’s Silk Road Economic Belt, and on international information security.\nXi watched the Victory Day parade on Red Square on Saturday alongside Putin.",
			Published: utc("2015-05-09T09:55:00Z"),
		}},
		// A link whose href names russia-china-cyber-pact: only its text is kept.
		{"rss href", "rss-html.xml", "Asia-Pacific Desk", 3, 2, Item{
			Key:       "guid:https://www.apdesk.example/news/2014/11/11/apec-free-trade-roadmap.html",
			GUID:      "https://www.apdesk.example/news/2014/11/11/apec-free-trade-roadmap.html",
			Link:      "https://www.apdesk.example/news/2014/11/11/apec-free-trade-roadmap.html",
			RawLink:   "https://www.apdesk.example/news/2014/11/11/apec-free-trade-roadmap.html",
			Title:     "APEC leaders back Beijing roadmap toward Asia-Pacific free trade area",
			Summary:   "BEIJING — Leaders of the 21 APEC economies, including Russia’s Vladimir Putin and U.S. President Barack Obama, endorsed a Chinese-drafted “roadmap” on Tuesday toward a Free Trade Area of the Asia-Pacific, though the plan sets no deadline.\nHost President Xi Jinping called the decision “historic”.\nRelated coverage",
			Published: utc("2014-11-11T11:10:00Z"),
		}},
		// An RSS item without a guid is known by its link.
		{"rss without guid", "rss-noguid.xml", "Eurasia Monitor", 2, 1, Item{
			Key:       "link:https://eurasiamonitor.example/2015/10/14/first-consultations-infosec-accord",
			Link:      "https://eurasiamonitor.example/2015/10/14/first-consultations-infosec-accord",
			RawLink:   "https://eurasiamonitor.example/2015/10/14/first-consultations-infosec-accord",
			Title:     "Moscow and Beijing hold first consultations under cyber accord",
			Summary:   "Russian and Chinese officials held their first round of consultations under the information security agreement signed in May, the Russian Security Council said on Wednesday. The talks in Moscow covered the exchange of information on cyber threats and preparations for a joint position at the UN group of governmental experts.",
			Published: utc("2015-10-14T08:35:00Z"),
		}},
		// An Atom title of type html loses its tags and twice-escaped entities.
		{"atom html title", "atom.xml", "The Cyber Dispatch", 2, 0, Item{
			Key:       "guid:tag:cyberdispatch.example,2015-05-12:/posts/whats-in-russia-china-cyber-agreement",
			GUID:      "tag:cyberdispatch.example,2015-05-12:/posts/whats-in-russia-china-cyber-agreement",
			Link:      "https://cyberdispatch.example/2015/05/12/whats-in-russia-china-cyber-agreement/",
			RawLink:   "https://cyberdispatch.example/2015/05/12/whats-in-russia-china-cyber-agreement/",
			Title:     "Explainer: What’s actually in the Russia–China cyber agreement",
			Summary:   "The information security agreement that Moscow and Beijing signed last week is less a military alliance than a pledge of mutual non-interference. The text commits each side to refrain from computer attacks on the other, to share information about threats and to cooperate on technical aspects of internet governance. It would not oblige either country to come to the other's defense. Analysts said the deal mainly formalizes a shared view that states should control the information that flows inside their borders.",
			Published: utc("2015-05-12T13:00:00Z"),
		}},
		// An Atom link with utm_ parameters: Link drops them, RawLink keeps them.
		{"atom utm link", "atom.xml", "The Cyber Dispatch", 2, 1, Item{
			Key:       "guid:tag:cyberdispatch.example,2015-09-25:/posts/obama-xi-cyber-understanding",
			GUID:      "tag:cyberdispatch.example,2015-09-25:/posts/obama-xi-cyber-understanding",
			Link:      "https://www.capitolwire.example/policy/cybersecurity/255302-obama-xi-cyber-theft-agreement",
			RawLink:   "https://www.capitolwire.example/policy/cybersecurity/255302-obama-xi-cyber-theft-agreement?utm_source=cyberdispatch&utm_medium=rss&utm_campaign=daily-digest",
			Title:     "Obama and Xi reach cyber understanding, agree to revive talks",
			Summary:   "Via Capitol Wire: President Obama and Chinese President Xi Jinping announced on Friday that neither government would conduct or knowingly support cyber-enabled theft of intellectual property for commercial advantage. The two leaders also agreed to set up a high-level joint dialogue on cybercrime that officials described as a successor to the cybersecurity working group China walked away from last year, with a first meeting to be held by the end of the year. The commitment is narrower than the sweeping information security pact that Beijing signed with Moscow in May, which covers what both governments call information threats to internal stability. Obama said the United States would still use sanctions if the promises were not kept.",
			Published: utc("2015-09-25T23:45:00Z"),
		}},
		// JSON Feed 1.1 with summary and content_html: both kept, the time in UTC.
		{"json feed html", "jsonfeed.json", "Policy Brief Daily", 3, 0, Item{
			Key:       "guid:pbd-2015-12-16-2015-cyber-diplomacy-review",
			GUID:      "pbd-2015-12-16-2015-cyber-diplomacy-review",
			Link:      "https://policybrief.example/briefs/2015-12-16-2015-cyber-diplomacy-review",
			RawLink:   "https://policybrief.example/briefs/2015-12-16-2015-cyber-diplomacy-review",
			Title:     "2015 in cyber diplomacy: a pact, a thaw and a freeze",
			Summary:   "Russia and China signed their information security pact in May; the U.S. and China resumed their cyber talks in December; and the U.S.-Russia working group stayed suspended all year.",
			Content:   "A pact. Russia and China signed their information security agreement in May, pledging not to hack each other.\nA thaw. After Xi’s September visit, the United States and China resumed their cyber talks in December, reviving the working group Beijing had abandoned in 2014.\nA freeze. The U.S.-Russia cybersecurity working group stayed suspended all year.",
			Published: utc("2015-12-16T11:30:00Z"),
		}},
		// JSON Feed content_text with no summary.
		{"json feed text", "jsonfeed.json", "Policy Brief Daily", 3, 1, Item{
			Key:       "guid:pbd-2015-09-28-no-thaw-us-russia-cyber",
			GUID:      "pbd-2015-09-28-no-thaw-us-russia-cyber",
			Link:      "https://policybrief.example/briefs/2015-09-28-no-thaw-us-russia-cyber",
			RawLink:   "https://policybrief.example/briefs/2015-09-28-no-thaw-us-russia-cyber",
			Title:     "After Xi summit, no thaw in sight for U.S.-Russia cyber talks",
			Content:   "Any hope that last week's summit with Beijing would spill over into U.S. relations with Moscow looks misplaced. The U.S.-Russia working group on cybersecurity remains suspended, and officials said there were no plans to revive it; a similar understanding with Russia would require a broader settlement over Ukraine.",
			Published: utc("2015-09-28T10:40:00Z"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, readFixture(t, tt.fixture))
			if f.Title != tt.title || len(f.Items) != tt.count {
				t.Fatalf("got title %q and %d items, want %q and %d", f.Title, len(f.Items), tt.title, tt.count)
			}
			if diff := cmp.Diff(tt.want, f.Items[tt.index]); diff != "" {
				t.Errorf("item %d (-want +got):\n%s", tt.index, diff)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string // in the error
	}{
		// Nothing at all.
		{"empty", "", "parse feed: empty body"},
		// Only whitespace and a byte order mark.
		{"blank", "\xef\xbb\xbf \n\t", "parse feed: empty body"},
		// A site's HTML page where its feed used to be.
		{"html page", string(readFixture(t, "html-page.html")), "not a feed: looks like an HTML page"},
		// XHTML parses as XML but its root is html.
		{"xhtml page", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, "not a feed: looks like an HTML page"},
		// Text that is neither XML nor JSON.
		{"plain text", "Service temporarily unavailable", "not a feed: not RSS, Atom or JSON Feed"},
		// A JSON answer that is not a JSON Feed.
		{"json api error", `{"error":"rate limited"}`, "not a feed: JSON with no items and no JSON Feed version"},
		// An API's problem answer has a title, but neither items nor a version.
		{"json problem", `{"title":"Unauthorized","status":401}`, "not a feed: JSON with no items and no JSON Feed version"},
		// A broken JSON Feed is called JSON, not XML, even with a stray byte in it.
		{"json cut", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"caf\xe9\",\"items\":[", "parse feed: JSON Feed: unexpected end of JSON input"},
		// A feed cut off in the middle fails as a whole.
		{"truncated xml", string(readFixture(t, "truncated.xml")), "parse feed: RSS: XML syntax error on line 18: unexpected EOF"},
		// gofeed v1.4.2 panics on a null item; the panic becomes an error.
		{"json null item", string(readFixture(t, "items-null.json")), "parse feed: JSON Feed: parser panic: runtime error"},
		// An encoding nobody knows.
		{"unknown encoding", `<?xml version="1.0" encoding="klingon"?><rss><channel></channel></rss>`, `parse feed: unsupported encoding "klingon" declared in the XML prolog`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.body))
			if err == nil {
				t.Fatalf("Parse = %+v, want an error containing %q", f, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseNormalises(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []Item
	}{
		// A stray Latin-1 byte in a document that declares no encoding is
		// read as U+FFFD: one bad byte does not cost the feed its news.
		{"invalid utf-8 xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>caf\xe9 talks</title><guid>g</guid></item></channel></rss>",
			[]Item{{Key: "guid:g", GUID: "g", Title: "caf\uFFFD talks"}}},
		// The same in a document that declares UTF-8.
		{"declared utf-8", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><item><title>\xff\xfeA</title><guid>g</guid></item></channel></rss>",
			[]Item{{Key: "guid:g", GUID: "g", Title: "\uFFFDA"}}},
		// And in JSON.
		{"invalid utf-8 json", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":\"1\",\"title\":\"caf\xe9\"}]}",
			[]Item{{Key: "guid:1", GUID: "1", Title: "caf\uFFFD"}}},
		// A JSON Feed whose version is a bare number, as in gofeed's own
		// test feeds, is a feed.
		{"json version 1.0", `{"version":"1.0","title":"T","items":[{"id":"1","title":"A"}]}`,
			[]Item{{Key: "guid:1", GUID: "1", Title: "A"}}},
		// So is one with no version at all but with items.
		{"json no version", `{"items":[{"id":"2","title":"B"}]}`,
			[]Item{{Key: "guid:2", GUID: "2", Title: "B"}}},
		// Bidi overrides and isolates in a title and summary are dropped:
		// they would reorder what Slack's readers see.
		{"bidi", "<rss version=\"2.0\"><channel><item><title>Pact \u202Efdp.exe\u202C signed</title><guid>g</guid><description>\u2066a\u2069 \u2067b\u2069 \u2068c\u2069 \u202Ad\u202B</description></item></channel></rss>",
			[]Item{{Key: "guid:g", GUID: "g", Title: "Pact fdp.exe signed", Summary: "a b c d"}}},
		// A declared Latin-1 document is converted; a BOM and leading blank lines are fine.
		{"latin-1", "\xef\xbb\xbf\n\n<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><title>Caf\xe9 talks</title><guid>g</guid></item></channel></rss>",
			[]Item{{Key: "guid:g", GUID: "g", Title: "Café talks"}}},
		// dc:date keeps its offset in gofeed; we convert it to UTC.
		{"dc:date", `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item><title>A</title><guid> g1 </guid><dc:date>2015-05-08T20:15:00+03:00</dc:date><dc:creator> Jo  Smith </dc:creator></item></channel></rss>`,
			[]Item{{Key: "guid:g1", GUID: "g1", Title: "A", Published: utc("2015-05-08T17:15:00Z"), Author: "Jo Smith"}}},
		// A relative link is resolved against the feed's home page, then canonicalised.
		{"relative link", `<rss version="2.0"><channel><link>https://Site.example/news/</link><item><title>A</title><link>2015/a?utm_source=x&amp;b=2#top</link></item></channel></rss>`,
			[]Item{{Key: "link:https://site.example/news/2015/a?b=2", Link: "https://site.example/news/2015/a?b=2", RawLink: "2015/a?utm_source=x&b=2#top", Title: "A"}}},
		// With no guid and no link the key is a hash of title, summary and time.
		{"hash key", `<rss version="2.0"><channel><item><title>Only a title</title><description>And text.</description><pubDate>Fri, 08 May 2015 20:15:00 +0300</pubDate></item></channel></rss>`,
			[]Item{{Key: hashKey("Only a title\nAnd text.\n2015-05-08T17:15:00Z"), Title: "Only a title", Summary: "And text.", Published: utc("2015-05-08T17:15:00Z")}}},
		// Items with nothing to show are dropped; a repeated guid keeps the first.
		{"dropped", `<rss version="2.0"><channel><item><guid>x</guid><description> </description></item><item><title>A</title><guid>a</guid></item><item><title>B</title><guid>a</guid></item></channel></rss>`,
			[]Item{{Key: "guid:a", GUID: "a", Title: "A"}}},
		// Content equal to the summary is not repeated; categories are cleaned.
		{"content and categories", `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><title>A</title><guid>a</guid><description>Same &lt;b&gt;text&lt;/b&gt;.</description><content:encoded><![CDATA[<p>Same <i>text</i>.</p>]]></content:encoded><category>Russia &amp;amp; China</category><category> </category><category>Russia &amp; China</category></item></channel></rss>`,
			[]Item{{Key: "guid:a", GUID: "a", Title: "A", Summary: "Same text.", Categories: []string{"Russia & China"}}}},
		// An Atom entry with only an updated time uses it.
		{"atom updated", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e</id><title>T</title><updated>2015-05-08T20:15:00+03:00</updated><author><name>Ann</name></author><content type="html">&lt;p&gt;One.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;</content></entry></feed>`,
			[]Item{{Key: "guid:e", GUID: "e", Title: "T", Content: "One.\nTwo.", Published: utc("2015-05-08T17:15:00Z"), Author: "Ann"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, []byte(tt.body))
			if diff := cmp.Diff(tt.want, f.Items); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
}

// A billion-laughs document must not expand: gofeed's XML decoder ignores
// DTD entity declarations and leaves the references as literal text.
func TestParseBillionLaughs(t *testing.T) {
	body := readFixture(t, "billion-laughs.xml")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f, err := Parse(body)
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Errorf("Parse allocated %d bytes, want bounded", alloc)
	}
	if err != nil {
		return // refusing the document is harmless too
	}
	want := []Item{{
		Key:     "link:https://laughs.example/1",
		Link:    "https://laughs.example/1",
		RawLink: "https://laughs.example/1",
		Title:   "Laughs &lol9;",
		Summary: "&lol9;",
	}}
	if diff := cmp.Diff(want, f.Items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

// gofeed's own JSON Feed test documents (copied from its testdata, MIT)
// write their version as "1.0" and "1.1", not as a jsonfeed.org URL; they
// are feeds all the same.
func TestParseGofeedJSONFeeds(t *testing.T) {
	for _, name := range []string{"gofeed-json-10.json", "gofeed-json-11.json"} {
		f, err := Parse(readFixture(t, name))
		if err != nil || len(f.Items) == 0 {
			t.Errorf("%s: %v; want a feed with items", name, err)
		}
	}
}
