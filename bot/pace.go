package bot

import (
	"context"
	"time"
)

// posted notes a post to channel, for pacing.
func (d *Deliverer) posted(channel string) {
	if d.lastPost == nil {
		d.lastPost = map[string]time.Time{}
	}
	d.lastPost[channel] = d.now()
}

// paceWait is how long to wait before the next post to channel.
func (d *Deliverer) paceWait(channel string) time.Duration {
	last, ok := d.lastPost[channel]
	if !ok || d.Pace <= 0 {
		return 0
	}
	return max(last.Add(d.Pace).Sub(d.now()), 0)
}

func (d *Deliverer) sleep(ctx context.Context, dur time.Duration) error {
	if d.Sleep != nil {
		return d.Sleep(ctx, dur)
	}
	t := time.NewTimer(dur)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
