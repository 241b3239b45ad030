// Command floor is the least a feed poller can do: fetch every feed with
// net/http and parse it with gofeed, a fixed number at once, and nothing
// else. The benchmark harness runs it beside pactwatch, on the same feeds
// and at the same concurrency, and reports pactwatch's poll as a multiple
// of it.
//
// Usage:
//
//	floor [-concurrency 8] URLS_FILE
//
// URLS_FILE holds one feed URL a line. It prints the feeds and items read
// and exits 1 if any feed failed.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mmcdole/gofeed"
)

func main() {
	concurrency := flag.Int("concurrency", 8, "feeds fetched at once")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: floor [-concurrency N] URLS_FILE")
		os.Exit(2)
	}
	urls, err := readLines(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	client := &http.Client{Timeout: time.Minute}
	var items, failed atomic.Int64
	work := make(chan string)
	var wg sync.WaitGroup
	for range *concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parser := gofeed.NewParser()
			for u := range work {
				n, err := fetch(ctx, client, parser, u)
				if err != nil {
					fmt.Fprintf(os.Stderr, "floor: %s: %v\n", u, err)
					failed.Add(1)
				}
				items.Add(int64(n))
			}
		}()
	}
	for _, u := range urls {
		work <- u
	}
	close(work)
	wg.Wait()
	fmt.Printf("floor: %d feeds, %d items, %d failed\n", len(urls), items.Load(), failed.Load())
	if failed.Load() > 0 {
		os.Exit(1)
	}
}

// fetch gets and parses one feed and returns its number of items.
func fetch(ctx context.Context, client *http.Client, parser *gofeed.Parser, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("HTTP %s", resp.Status)
	}
	f, err := parser.Parse(resp.Body)
	if err != nil {
		return 0, err
	}
	return len(f.Items), nil
}

func readLines(path string) ([]string, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	var out []string
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			out = append(out, line)
		}
	}
	return out, sc.Err()
}
