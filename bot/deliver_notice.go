package bot

import (
	"context"
	"errors"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/storage"
)

// render is the message that delivers an alert: Render's, or for a
// delivery_failed notice the short admin notice. The notice carries alert
// metadata like any alert, so that a post cut off by a crash is found in
// the admin channel's history instead of being posted twice.
func (d *Deliverer) render(ctx context.Context, a storage.Alert) Message {
	if a.Kind != storage.KindDeliveryFailed || a.Failed == nil {
		return Render(named(ctx, a, d.Names))
	}
	f := a.Failed
	failed := storage.Alert{ID: f.ID, Kind: f.Kind, Agreement: f.Agreement, AgreementName: f.AgreementName, Feed: f.Feed}
	m := failureNotice(failed, f.Channel, errors.New(f.Reason))
	short := func(s string) string { return cutPlain(s, maxMetaText) }
	m.Metadata = slack.SlackMetadata{EventType: EventType, EventPayload: map[string]any{
		"id":        a.ID,
		"kind":      a.Kind,
		"agreement": short(f.Agreement),
		"failed": map[string]any{
			"id":      f.ID,
			"kind":    f.Kind,
			"channel": short(f.Channel),
			"reason":  short(f.Reason),
		},
	}}
	return m
}
