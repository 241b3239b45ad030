package bot

import (
	"context"
	"time"
)

// Poster posts a message to a Slack channel, as a reply in the thread of
// threadTS when it is not empty, and returns the new message's ts. The
// Deliverer uses SlackPoster with a bot token and WriterPoster without.
type Poster interface {
	Post(ctx context.Context, channel, threadTS string, m Message) (ts string, err error)
}

// History finds an alert message that may already have been posted: after a
// crash or a timeout the outbox cannot tell whether Slack got it, and
// posting again would repeat it.
type History interface {
	// FindAlert looks among the channel's messages since the given time for
	// the one whose metadata carries alertID.
	FindAlert(ctx context.Context, channel, alertID string, since time.Time) (ts string, found bool, err error)
	// FindReply looks for it among the replies in the thread of threadTS,
	// which conversations.history does not list.
	FindReply(ctx context.Context, channel, threadTS, alertID string) (ts string, found bool, err error)
}
