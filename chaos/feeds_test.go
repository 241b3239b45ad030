package chaos

import (
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// story is one piece of news the feed server publishes, in one feed or
// syndicated in several.
type story struct {
	n         int
	agreement int // index into topics
	link      string
	title     string
	published time.Time
	feeds     []int
}

// topics are the words the chaos agreements match on, one each.
var topics = []string{"Aurora", "Borealis", "Cascade", "Dynamo"}

// newsServer serves RSS feeds whose items grow round by round, with ETags
// so that pactwatch's conditional GETs get a 304 when nothing changed.
type newsServer struct {
	srv   *httptest.Server
	feeds int

	mu      sync.Mutex
	stories []*story
	version []int // per feed, bumped when it gets an item
}

func newNewsServer(t *testing.T, feeds int) *newsServer {
	s := &newsServer{feeds: feeds, version: make([]int, feeds)}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// URL is feed i's address.
func (s *newsServer) URL(i int) string { return fmt.Sprintf("%s/feed/%d.xml", s.srv.URL, i) }

// publish adds between 1 and max stories to random feeds; about one in five
// is syndicated in a second feed (a thread reply in Slack).
func (s *newsServer) publish(rng *rand.Rand, max int) []*story {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*story
	for range 1 + rng.IntN(max) {
		n := len(s.stories) + 1
		a := rng.IntN(len(topics))
		st := &story{
			n: n, agreement: a,
			link:  fmt.Sprintf("https://news.example/%s/%04d", strings.ToLower(topics[a]), n),
			title: fmt.Sprintf("Bulletin %04d: observers comment on the %s accord", n, topics[a]),
			// Four days apart: reports of one agreement within three days
			// whose headlines share a word are one event (a thread), and
			// this test counts stories.
			published: time.Now().UTC().Truncate(time.Second).Add(time.Duration(n) * 96 * time.Hour),
			feeds:     []int{rng.IntN(s.feeds)},
		}
		if rng.IntN(5) == 0 && s.feeds > 1 {
			st.feeds = append(st.feeds, (st.feeds[0]+1+rng.IntN(s.feeds-1))%s.feeds)
		}
		for _, f := range st.feeds {
			s.version[f]++
		}
		s.stories = append(s.stories, st)
		out = append(out, st)
	}
	return out
}

// all returns every story published so far.
func (s *newsServer) all() []*story {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*story(nil), s.stories...)
}

func (s *newsServer) serve(w http.ResponseWriter, r *http.Request) {
	var f int
	if _, err := fmt.Sscanf(r.URL.Path, "/feed/%d.xml", &f); err != nil || f < 0 || f >= s.feeds {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	etag := fmt.Sprintf(`"f%d-v%d"`, f, s.version[f])
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Chaos wire %d</title><link>https://news.example/</link><description>test feed</description>
`, f)
	for _, st := range s.stories {
		for _, in := range st.feeds {
			if in == f {
				fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>\n",
					html.EscapeString(st.title), st.link, st.link, st.published.Format(time.RFC1123Z),
					html.EscapeString("Officials said little about the "+topics[st.agreement]+" accord today."))
			}
		}
	}
	b.WriteString("</channel></rss>\n")
	s.mu.Unlock()
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Header().Set("ETag", etag)
	_, _ = w.Write([]byte(b.String()))
}
