package bot

import (
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// Defaults for the App's tunables.
const (
	// DefaultAnswerWithin is how long a /pact answer may take before Slack
	// gets an acknowledgement and the answer follows through response_url:
	// Slack gives up after three seconds, and the network needs its share.
	DefaultAnswerWithin = 2 * time.Second
	// lateTimeout bounds the work behind one late answer or one click.
	lateTimeout = 30 * time.Second
)

// App is pactwatch's side of the Slack app: it answers /pact commands,
// the buttons on status_change alerts and the Home tab, whether Slack
// reaches it over HTTP (Handler) or over Socket Mode (RunSocketMode).
type App struct {
	// Config returns the config in force; a reload swaps it.
	Config func() *config.Config
	Store  *storage.Store
	// Slack calls the Web API with the bot token: chat.update after a
	// button, views.publish for the Home tab. Without it commands are still
	// answered, buttons update their message through response_url, and the
	// Home tab stays empty.
	Slack *slack.Client
	// HTTPClient posts to response_url; it defaults to one with a 15-second
	// timeout.
	HTTPClient *http.Client
	Now        func() time.Time
	Log        *slog.Logger
	// Names names feeds in messages; it defaults to FeedNames over Config
	// and Store.
	Names FeedNamer
	// Wake, when set, is called after an alert was enqueued, so that
	// delivery does not wait for its next tick.
	Wake func()
	// AnswerWithin is how long an answer may take before it goes through
	// response_url instead (default DefaultAnswerWithin).
	AnswerWithin time.Duration

	late sync.WaitGroup // late answers, clicks and Home publications
	home homeViewers
	// slow, in tests, runs before every answer is built.
	slow func(ctx context.Context)
}

// Wait waits until every late answer, click and Home publication under way
// is finished.
func (a *App) Wait() { a.late.Wait() }

// track runs fn in a goroutine that Wait waits for, with a context of its
// own: Slack has been answered, and the work must not stop with the
// request.
func (a *App) track(ctx context.Context, fn func(ctx context.Context)) {
	a.late.Add(1)
	go func() {
		defer a.late.Done()
		defer func() {
			// One bad answer must not take the daemon and its deliveries down.
			if r := recover(); r != nil {
				a.log().Error("panic while answering Slack", "panic", r, "stack", string(debug.Stack()))
			}
		}()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), lateTimeout)
		defer cancel()
		fn(ctx)
	}()
}

func (a *App) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return a.Store.Now()
}

func (a *App) log() *slog.Logger {
	if a.Log != nil {
		return a.Log
	}
	return slog.New(slog.DiscardHandler)
}

func (a *App) answerWithin() time.Duration {
	if a.AnswerWithin > 0 {
		return a.AnswerWithin
	}
	return DefaultAnswerWithin
}

func (a *App) httpClient() *http.Client {
	if a.HTTPClient != nil {
		return a.HTTPClient
	}
	return defaultHTTPClient
}

var defaultHTTPClient = &http.Client{Timeout: 15 * time.Second}

// isAdmin reports whether the Slack user may run admin commands.
func (a *App) isAdmin(userID string) bool {
	return userID != "" && slices.Contains(a.Config().Slack.Admins, userID)
}

func (a *App) wake() {
	if a.Wake != nil {
		a.Wake()
	}
	a.home.changed()
}

func (a *App) names() FeedNamer {
	if a.Names != nil {
		return a.Names
	}
	return FeedNames(a.Config, a.Store)
}
