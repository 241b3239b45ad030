package bot

import (
	"context"
	"sync"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// Home tab refresh tunables.
const (
	// DefaultHomeRefresh is how often the store is asked whether anything
	// shown in the Home tab changed.
	DefaultHomeRefresh = 30 * time.Second
	// homeViewerFor is how long after opening the tab a user gets fresh
	// copies: long enough for the working day, short enough not to spend
	// Slack's rate limit on people who left.
	homeViewerFor = 24 * time.Hour
	// maxHomeViewers bounds the users remembered; the oldest go first.
	maxHomeViewers = 1000
)

// homeViewers remembers who opened the Home tab recently. It is safe for
// concurrent use; the zero value is ready.
type homeViewers struct {
	mu    sync.Mutex
	users map[string]time.Time
	nudge chan struct{}
}

// opened records that user opened the tab at t.
func (h *homeViewers) opened(user string, t time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.users == nil {
		h.users = map[string]time.Time{}
	}
	if _, ok := h.users[user]; !ok && len(h.users) >= maxHomeViewers {
		oldest, at := "", t
		for u, ut := range h.users {
			if ut.Before(at) {
				oldest, at = u, ut
			}
		}
		delete(h.users, oldest)
	}
	h.users[user] = t
}

// recent returns the users who opened the tab after since, forgetting the
// others.
func (h *homeViewers) recent(since time.Time) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for u, t := range h.users {
		if t.After(since) {
			out = append(out, u)
		} else {
			delete(h.users, u)
		}
	}
	return out
}

// changed tells RunHome that something shown in the tab changed here.
func (h *homeViewers) changed() {
	select {
	case h.signal() <- struct{}{}:
	default:
	}
}

func (h *homeViewers) signal() chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.nudge == nil {
		h.nudge = make(chan struct{}, 1)
	}
	return h.nudge
}

// RunHome keeps the Home tab of recent viewers current until ctx is done:
// every interval (DefaultHomeRefresh when 0), and at once after a change
// made here (an admin's set or revert), it republishes the tab when the
// statuses, the mentions or the day changed since the last time.
func (a *App) RunHome(ctx context.Context, interval time.Duration) {
	if a.Slack == nil {
		return
	}
	if interval <= 0 {
		interval = DefaultHomeRefresh
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	// Nobody has the tab yet: those who open it get it as it is then.
	last, _ := a.homeMark(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-a.home.signal():
		}
		mark, err := a.homeMark(ctx)
		if err != nil {
			a.log().Warn("home tab refresh", "err", err)
			continue
		}
		if mark == last {
			continue
		}
		if a.refreshHome(ctx) {
			last = mark
		}
	}
}

// homeMark changes whenever the Home tab would: a status or a mention
// changed, or a day passed (forecasts count days).
type homeMark struct {
	storage.ChangeMark
	day string
}

func (a *App) homeMark(ctx context.Context) (homeMark, error) {
	m, err := a.Store.ChangeMark(ctx)
	return homeMark{ChangeMark: m, day: a.now().Format(time.DateOnly)}, err
}

// refreshHome publishes the current tab for every recent viewer and
// reports whether all of them got it.
func (a *App) refreshHome(ctx context.Context) bool {
	users := a.home.recent(a.now().Add(-homeViewerFor))
	if len(users) == 0 {
		return true
	}
	view, err := a.HomeView(ctx)
	if err != nil {
		a.log().Warn("home tab refresh", "err", err)
		return false
	}
	ok := true
	for _, u := range users {
		if err := a.publish(ctx, u, view); err != nil {
			a.log().Warn("home tab refresh", "user", u, "err", err)
			ok = false
		}
	}
	a.log().Debug("home tab refreshed", "users", len(users))
	return ok
}
