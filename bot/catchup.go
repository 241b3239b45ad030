package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// RecentHistory lists the alert messages a channel received lately. A
// Deliverer whose History is one also finds alerts that were posted by a
// process whose database was lost: after a restore from a replica, Slack
// may hold alerts the restored database never recorded, or recorded only
// as pending.
type RecentHistory interface {
	RecentAlerts(ctx context.Context, channel string, since time.Time) ([]PostedAlert, error)
	RecentReplies(ctx context.Context, channel, threadTS string) ([]PostedAlert, error)
}

// catchUpMargin reaches back before the last delivery the database knows,
// for clocks that differ and posts in flight.
const catchUpMargin = 5 * time.Minute

// catchUp holds, for one channel, the alert messages posted after the
// last delivery the database recorded when this process started (or, for
// a thread, its replies).
type catchUp struct {
	byID  map[string]string // alert id → ts
	byKey map[string]PostedAlert
}

// findPosted looks for a, about to be posted to channel (in the thread of
// thread, if not empty), among the channel's messages newer than the
// database's last delivery, or the thread's replies: by its
// id (it was posted, then the database that recorded it was lost), or by
// what it is about (the same kind, agreement and item, forecast or feed:
// the database lost the alert itself and the news made it again). A
// message whose id the database knows is another alert's, and not taken.
// d.mu is held.
func (d *Deliverer) findPosted(ctx context.Context, a storage.Alert, channel, thread string) (string, bool, error) {
	rh, ok := d.History.(RecentHistory)
	if !ok {
		return "", false, nil
	}
	c, err := d.catchUpFor(ctx, rh, channel, thread)
	if err != nil {
		return "", false, err
	}
	if ts, ok := c.byID[a.ID]; ok {
		delete(c.byID, a.ID)
		return ts, true, nil
	}
	key := alertKey(alertMetadata(a).EventPayload)
	m, ok := c.byKey[key]
	if key == "" || !ok {
		return "", false, nil
	}
	id, _ := m.Payload["id"].(string)
	if _, err := d.Store.AlertByID(ctx, id); err == nil {
		delete(c.byKey, key) // another alert's message, which the database knows
		return "", false, nil
	} else if !errors.Is(err, storage.ErrNotFound) {
		return "", false, err
	}
	delete(c.byKey, key)
	delete(c.byID, id)
	return m.TS, true, nil
}

// catchUpFor reads the channel's recent alert messages, or the thread's,
// once per process.
func (d *Deliverer) catchUpFor(ctx context.Context, rh RecentHistory, channel, thread string) (*catchUp, error) {
	where := channel + "/" + thread
	if c, ok := d.caught[where]; ok {
		return c, nil
	}
	if thread != "" {
		posted, err := rh.RecentReplies(ctx, channel, thread)
		if err != nil {
			return nil, err
		}
		return d.remember(where, posted), nil
	}
	if d.lastDelivered == nil {
		last, err := d.Store.LastDeliveredAt(ctx)
		if err != nil {
			return nil, err
		}
		if !last.IsZero() {
			last = last.Add(-catchUpMargin)
		}
		d.lastDelivered = &last
	}
	posted, err := rh.RecentAlerts(ctx, channel, *d.lastDelivered)
	if err != nil {
		return nil, err
	}
	return d.remember(where, posted), nil
}

// remember indexes the alert messages found at where (a channel, or a
// thread), newest first, by id and by what they are about.
func (d *Deliverer) remember(where string, posted []PostedAlert) *catchUp {
	c := &catchUp{byID: map[string]string{}, byKey: map[string]PostedAlert{}}
	for _, m := range posted {
		if id, _ := m.Payload["id"].(string); id != "" {
			c.byID[id] = m.TS
		}
		if key := alertKey(m.Payload); key != "" {
			if _, dup := c.byKey[key]; !dup { // newest first: keep the newest
				c.byKey[key] = m
			}
		}
	}
	if d.caught == nil {
		d.caught = map[string]*catchUp{}
	}
	d.caught[where] = c
	return c
}

// alertKey names what an alert is about from its metadata payload: its
// kind and agreement with its item (feed and guid), its forecast (what and
// due) or, for feed_broken, its feed and whether it recovered. Alerts with
// none of them (a status an admin set) have no key.
func alertKey(p map[string]any) string {
	str := func(m map[string]any, k string) string {
		s, _ := m[k].(string)
		return s
	}
	kind := str(p, "kind")
	parts := []string{kind, str(p, "agreement")}
	switch it, _ := p["item"].(map[string]any); {
	case it != nil && str(it, "guid") != "":
		parts = append(parts, "item", str(it, "feed"), str(it, "guid"))
	case p["forecast"] != nil:
		f, _ := p["forecast"].(map[string]any)
		parts = append(parts, "forecast", str(f, "what"), str(f, "due"))
	case kind == storage.KindFeedBroken:
		parts = append(parts, "feed", str(p, "feed"), strconv.FormatBool(str(p, "error") == ""))
	default:
		return ""
	}
	return strings.Join(parts, "\x00")
}
