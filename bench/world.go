package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/bench/farm"
	"github.com/pactwatch/pactwatch/bench/gen"
)

// aboutEvery is how often an item of the farm is news of a tracked
// agreement: one in twenty.
const aboutEvery = 20

// world is the generated feeds, served, and the agreements they are about.
type world struct {
	farm       *farm.Farm
	urlsFile   string // the feed URLs, one a line, for the floor
	agreements []gen.Agreement
	items      int
}

// newWorld generates feeds × items news items, one in aboutEvery about one
// of agreements (taken in turn), published over the last three days, and
// serves them. Close the farm when done.
func newWorld(dir string, feeds, items int, seed uint64, agreements []gen.Agreement) (*world, error) {
	news := gen.NewNews(seed)
	now := time.Now().UTC().Truncate(time.Second)
	bodies := make([][]byte, feeds)
	n := 0
	span := 72 * time.Hour / time.Duration(max(feeds*items, 1))
	for f := range feeds {
		list := make([]gen.Item, items)
		for i := range list {
			var about *gen.Agreement
			if n%aboutEvery == 0 && len(agreements) > 0 {
				about = &agreements[(n/aboutEvery)%len(agreements)]
			}
			list[i] = news.Item(f, i, about, now.Add(-time.Duration(n)*span))
			n++
		}
		bodies[f] = gen.RSS(f, list, now)
	}
	fm, err := farm.New(bodies, now)
	if err != nil {
		return nil, err
	}
	w := &world{farm: fm, urlsFile: filepath.Join(dir, "urls.txt"), agreements: agreements, items: feeds * items}
	if err := os.WriteFile(w.urlsFile, []byte(strings.Join(fm.URLs(), "\n")+"\n"), 0o600); err != nil {
		fm.Close()
		return nil, err
	}
	return w, nil
}

// writeConfig writes a config over every feed of the farm with agreements
// into dir, the database beside it, and returns its path.
func (w *world) writeConfig(dir, listen string, agreements []gen.Agreement) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "pactwatch.yaml")
	data := gen.Config("pactwatch.db", listen, w.farm.URLs(), agreements)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return "", fmt.Errorf("write config: %w", err)
	}
	return path, nil
}

// feedID is the config's id of feed i, as gen.Config names it.
func feedID(i int) string { return fmt.Sprintf("feed%04d", i) }
