package bot

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/pactwatch/pactwatch/storage"
)

func TestWriterPosterOutput(t *testing.T) {
	e := newEnv(t)
	var out bytes.Buffer
	w := NewWriterPoster(&out)
	e.d.Poster, e.d.History = w, w
	parent := e.enqueue(renderFixtures()["status_change"])
	reply := renderFixtures()["source_added"]
	reply.ID, reply.ParentSeq = "r1", parent.Seq
	e.enqueue(reply)
	if n := e.deliver(); n != 2 {
		t.Fatalf("delivered %d, want 2", n)
	}
	got := regexp.MustCompile(`\d+\.0000(\d\d)`).ReplaceAllString(out.String(), "TS$1")
	want := `[status_change] Russia–China cyber pact (ru-cn-cyber): rumored → signed
    title:    Russia & China sign <cyber> pact | The Hill
    link:     https://thehill.com/policy/cybersecurity/russia-china-pact?utm_source=rss&x=1
    feed:     thehill-cyber
    date:     4 Mar 2015 09:30 UTC
    sentence: "Russia and China have signed a cyber security pact, Kommersant reported."
    rule:     signed OR inked OR "concluded an agreement"
    posted:   channel C0CYBER, ts TS01

[source_added] Russia–China cyber pact (ru-cn-cyber): also reported by reuters-world
    title:    Russia, China sign cyber pact
    link:     https://www.reuters.com/article/us-russia-china-cyber
    feed:     reuters-world
    date:     4 Mar 2015 10:10 UTC
    posted:   channel C0CYBER, ts TS02, in thread TS01

`
	if got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriterPosterConcurrentUse(t *testing.T) {
	var out bytes.Buffer
	w := NewWriterPoster(&out)
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[string]bool{}
	for i := range 20 {
		wg.Go(func() {
			ts, err := w.Post(t.Context(), "C1", "", Message{Plain: fmt.Sprintf("line %d\n    more %d", i, i)})
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if seen[ts] {
				t.Errorf("ts %s handed out twice", ts)
			}
			seen[ts] = true
		})
	}
	wg.Wait()
	// Each message is written whole: its lines stay together.
	for _, block := range strings.Split(strings.TrimSpace(out.String()), "\n\n") {
		var i, j int
		if _, err := fmt.Sscanf(block, "line %d\n    more %d", &i, &j); err != nil || i != j {
			t.Errorf("interleaved output: %q", block)
		}
	}
	if len(seen) != 20 {
		t.Errorf("%d distinct ts, want 20", len(seen))
	}
}

func TestWriterPosterFindsNothing(t *testing.T) {
	w := NewWriterPoster(&bytes.Buffer{})
	if _, found, err := w.FindAlert(t.Context(), "C1", "id", storage.Alert{}.CreatedAt); found || err != nil {
		t.Errorf("FindAlert = %v, %v; want not found", found, err)
	}
}
