package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// RecentHistory lists the alert messages a channel, or a thread, received
// lately. A Deliverer whose History is one also finds alerts that were
// posted by a process whose database was lost: after a restore from a
// replica, Slack may hold alerts the restored database never recorded, or
// recorded only as pending.
type RecentHistory interface {
	RecentAlerts(ctx context.Context, channel string, since time.Time) ([]PostedAlert, error)
	RecentReplies(ctx context.Context, channel, threadTS string) ([]PostedAlert, error)
}

// catchUpMargin reaches back before the last delivery the database knows,
// for clocks that differ and posts in flight.
const catchUpMargin = 5 * time.Minute

// catchUp holds the alert messages of a channel posted after the last
// delivery the database recorded when this process started, or of a
// thread (its first message too), indexed by alert id and by what they
// are about.
type catchUp struct {
	byID  map[string]PostedAlert
	byKey map[string][]PostedAlert
	taken map[string]bool // ts of the messages matched already
}

// findPosted looks for a, about to be posted to channel (in the thread of
// thread, if not empty), among the messages of the channel newer than the
// database's last delivery, or of the thread: by its id (it was posted,
// then the database that recorded that was lost), or else by what it is
// about, among messages whose alert id the database does not know (the
// database lost the alert itself and the news made it again). A message
// the database knows is another alert's: in a database that was not
// restored every message is known, and none is taken by what it is about.
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
	if m, ok := c.byID[a.ID]; ok && !c.taken[m.TS] {
		c.taken[m.TS] = true
		return m.TS, true, nil
	}
	for _, key := range alertKeys(alertMetadata(a).EventPayload) {
		for _, m := range c.byKey[key] {
			if c.taken[m.TS] {
				continue
			}
			id, _ := m.Payload["id"].(string)
			_, err := d.Store.AlertByID(ctx, id)
			switch {
			case err == nil:
				c.taken[m.TS] = true // another alert's message, which the database knows
				continue
			case !errors.Is(err, storage.ErrNotFound):
				return "", false, err
			}
			c.taken[m.TS] = true
			return m.TS, true, nil
		}
	}
	return "", false, nil
}

// catchUpFor reads the channel's recent alert messages, or the thread's,
// once per process.
func (d *Deliverer) catchUpFor(ctx context.Context, rh RecentHistory, channel, thread string) (*catchUp, error) {
	where := channel + "/" + thread
	if c, ok := d.caught[where]; ok {
		return c, nil
	}
	var posted []PostedAlert
	var err error
	if thread != "" {
		posted, err = rh.RecentReplies(ctx, channel, thread)
	} else {
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
		posted, err = rh.RecentAlerts(ctx, channel, *d.lastDelivered)
	}
	if err != nil {
		return nil, err
	}
	c := &catchUp{byID: map[string]PostedAlert{}, byKey: map[string][]PostedAlert{}, taken: map[string]bool{}}
	for _, m := range posted {
		if id, _ := m.Payload["id"].(string); id != "" {
			c.byID[id] = m
		}
		for _, key := range alertKeys(m.Payload) {
			c.byKey[key] = append(c.byKey[key], m)
		}
	}
	if d.caught == nil {
		d.caught = map[string]*catchUp{}
	}
	d.caught[where] = c
	return c, nil
}

// alertKeys name what an alert is about, from its metadata payload: the
// agreement with its item's guid, link or title (any of them: the same
// story may come first from another feed when the news is read again), or
// its kind and agreement with its forecast (what and due) or, for
// feed_broken, its feed and whether it recovered. Alerts with none of them
// (a status an admin set) have no keys.
func alertKeys(p map[string]any) []string {
	str := func(m map[string]any, k string) string {
		s, _ := m[k].(string)
		return s
	}
	kind, agreement := str(p, "kind"), str(p, "agreement")
	var keys []string
	if it, _ := p["item"].(map[string]any); it != nil {
		for _, field := range []string{"guid", "link", "title"} {
			if v := str(it, field); v != "" {
				keys = append(keys, strings.Join([]string{"item", agreement, field, v}, "\x00"))
			}
		}
		return keys
	}
	switch f, _ := p["forecast"].(map[string]any); {
	case f != nil:
		return []string{strings.Join([]string{kind, agreement, str(f, "what"), str(f, "due")}, "\x00")}
	case kind == storage.KindFeedBroken:
		return []string{strings.Join([]string{kind, str(p, "feed"), strconv.FormatBool(str(p, "error") == "")}, "\x00")}
	}
	return nil
}
