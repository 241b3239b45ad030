package postag

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/watchers/claims"
)

func TestTagClasses(t *testing.T) {
	tg, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sentence, word string
		want           claims.Class
	}{
		{"Russia suspended its participation in the treaty on Tuesday.", "suspended", claims.Past},
		{"Talks were held to prevent the collapse of the nuclear deal.", "collapse", claims.Noun},
		{"The two leaders shook hands after signing the agreement.", "signing", claims.Gerund},
		{"Russia suspends its participation in the treaty.", "suspends", claims.Present},
	} {
		at := strings.Index(c.sentence, c.word)
		got := claims.Unknown
		for _, w := range tg.Tag(c.sentence) {
			if w.Start == at {
				got = w.Class
			}
		}
		if got != c.want {
			t.Errorf("%q in %q: class %d, want %d", c.word, c.sentence, got, c.want)
		}
	}
}

// TestLoadCost logs what loading the model costs once, at start-up.
func TestLoadCost(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	tg, err := New()
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("model loaded in %v, %.1f MB kept on the heap", took, float64(after.HeapAlloc-before.HeapAlloc)/1e6)
	runtime.KeepAlive(tg)
}
