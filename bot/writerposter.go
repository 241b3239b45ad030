package bot

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// WriterPoster "posts" alerts by writing them as readable plain text, for
// running without a Slack workspace (no bot token: standard output). It is
// safe for concurrent use.
type WriterPoster struct {
	mu    sync.Mutex
	w     io.Writer
	start int64
	n     int
}

// NewWriterPoster returns a WriterPoster writing to w.
func NewWriterPoster(w io.Writer) *WriterPoster {
	return &WriterPoster{w: w, start: time.Now().Unix()}
}

// Post writes m and returns a made-up ts: the start time of the process
// and a counter, so that replies can name their thread.
func (p *WriterPoster) Post(ctx context.Context, channel, threadTS string, m Message) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	ts := fmt.Sprintf("%d.%06d", p.start, p.n)
	text := m.Plain
	if text == "" {
		text = m.Text
	}
	where := "channel " + channel + ", ts " + ts
	if threadTS != "" {
		where += ", in thread " + threadTS
	}
	_, err := fmt.Fprintf(p.w, "%s\n    %-9s %s\n\n", strings.TrimRight(text, "\n"), "posted:", where)
	if err != nil {
		return "", fmt.Errorf("write alert: %w", err)
	}
	return ts, nil
}

// FindAlert reports that nothing can be found: written text cannot be read
// back, so an alert interrupted mid-write is written again.
func (p *WriterPoster) FindAlert(ctx context.Context, channel, alertID string, since time.Time) (string, bool, error) {
	return "", false, nil
}

// FindReply reports that nothing can be found, like FindAlert.
func (p *WriterPoster) FindReply(ctx context.Context, channel, threadTS, alertID string) (string, bool, error) {
	return "", false, nil
}
