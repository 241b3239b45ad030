package bot

import (
	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/storage"
)

// EventType is the event_type of the metadata every alert message carries.
const EventType = "pactwatch_alert"

// maxMetaText bounds each text value in the metadata: a 10,000-character
// feed title must not make Slack refuse the message as metadata_too_large.
const maxMetaText = 500

// alertMetadata returns the message metadata PRODUCT.md promises scripts: the
// alert's id (stable across retries), kind, agreement and statuses, the item
// that is its evidence and the forecast it is about.
func alertMetadata(a storage.Alert) slack.SlackMetadata {
	short := func(s string) string { return cutPlain(s, maxMetaText) }
	p := map[string]any{
		"id":              a.ID,
		"kind":            a.Kind,
		"agreement":       short(a.Agreement),
		"status":          short(a.Status),
		"previous_status": short(a.PreviousStatus),
		"detected_status": short(a.DetectedStatus),
	}
	if a.DetectedStatus != "" && a.Confidence != "" {
		p["confidence"] = a.Confidence
	}
	if a.DetectedStatus != "" && a.Party != "" {
		p["party"] = short(a.Party)
	}
	if a.Sources > 0 {
		p["sources"] = a.Sources
	}
	if it := a.Item; it != nil {
		l := it.Link
		if len(l) > 2*maxURL {
			l = ""
		}
		p["item"] = map[string]any{
			"guid":  short(it.GUID),
			"link":  l,
			"title": short(oneLine(it.Title)),
			"feed":  short(it.Feed),
		}
	}
	if f := a.Forecast; f != nil {
		fc := map[string]any{"what": short(f.What), "due": short(f.Due)}
		if f.Source != "" {
			fc["source"] = short(f.Source)
		}
		if !f.Made.IsZero() {
			fc["made"] = f.Made.UTC().Format("2006-01-02")
		}
		p["forecast"] = fc
	}
	if a.Follower != "" {
		// A follower's copy in their direct messages: scripts tell it from
		// the channel's alert (its own id) by this.
		p["follower"] = a.Follower
	}
	if d := a.Digest; d != nil {
		p["digest"] = map[string]any{"part": d.Part, "parts": d.Parts, "total": d.Total}
	}
	if a.Kind == storage.KindFeedBroken {
		// Not in PRODUCT.md's list, but without them a script cannot tell
		// which feed broke or whether it recovered.
		p["feed"] = short(a.Feed)
		p["error"] = short(a.Error)
	}
	return slack.SlackMetadata{EventType: EventType, EventPayload: p}
}
