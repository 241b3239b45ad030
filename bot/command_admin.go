package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// Bounds of what admins type.
const (
	maxStoredNote = 1000
	maxMute       = 365 * 24 * time.Hour
)

// set is /pact set QUERY STATUS [note]. The status is the first word after
// the query that is a status some agreement can be in, so that queries of
// several words need no quotes.
func (a *App) set(ctx context.Context, cfg *config.Config, userID string, args []string) (Answer, error) {
	usage := "Usage: `/pact set QUERY STATUS [note]`, for example `/pact set russia china signed Kommersant confirms`."
	if len(args) < 2 {
		return notice(usage), nil
	}
	known := map[string]bool{}
	for i := range cfg.Agreements {
		for _, s := range cfg.Agreements[i].Statuses() {
			known[s] = true
		}
	}
	for i := 1; i < len(args); i++ {
		status := statusWord(args[i])
		if !known[status] {
			continue
		}
		ag, ans, ok := find(cfg, strings.Join(args[:i], " "), VerbSet)
		if !ok {
			return ans, nil
		}
		if !slices.Contains(ag.Statuses(), status) {
			return notice(fmt.Sprintf("*%s* is not a status of *%s*: %s.", escLine(status, maxShort),
				escLine(ag.Name, maxName), statusList(ag))), nil
		}
		note := cutPlain(oneLine(strings.Join(args[i+1:], " ")), maxStoredNote)
		return a.setStatus(ctx, cfg, ag, status, userID, note)
	}
	// No word is a status: perhaps one is a typo of one ("signd").
	for i := 1; i < len(args); i++ {
		ag, _ := Lookup(cfg, cutPlain(strings.Join(args[:i], " "), maxQuery))
		if ag == nil {
			continue
		}
		if s, ok := config.Closest(statusWord(args[i]), ag.Statuses()); ok {
			retry := append(append(append([]string{}, args[:i]...), s), args[i+1:]...)
			return notice(fmt.Sprintf("`%s` is not a status of *%s*. Did you mean `/pact set %s`?",
				escLine(args[i], maxShort), escLine(ag.Name, maxName), escLine(strings.Join(retry, " "), maxTitle))), nil
		}
	}
	if ag, _ := Lookup(cfg, cutPlain(strings.Join(args, " "), maxQuery)); ag != nil {
		return notice(fmt.Sprintf("Which status? *%s* can be %s.\n%s", escLine(ag.Name, maxName), statusList(ag), usage)), nil
	}
	return notice("Which status? " + usage), nil
}

// statusWord reads a status as people type it: "In force" is in_force.
func statusWord(s string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
}

// statusList is an agreement's statuses in mrkdwn.
func statusList(ag *config.Agreement) string {
	var out []string
	for _, s := range ag.Statuses() {
		out = append(out, "`"+escLine(s, maxShort)+"`")
	}
	return strings.Join(out, ", ")
}

// setStatus records an admin's status change and enqueues its
// status_change alert in the same transaction, so that the alert is never
// lost nor sent for a change that did not happen.
func (a *App) setStatus(ctx context.Context, cfg *config.Config, ag *config.Agreement, status, userID, note string) (Answer, error) {
	var previous string
	moved := false
	err := a.Store.InTx(ctx, func(tx *storage.Tx) error {
		cur, err := tx.AgreementState(ag.ID)
		if errors.Is(err, storage.ErrNotFound) {
			if err := tx.EnsureAgreement(ag.ID, ag.Status, ag.Since); err != nil {
				return err
			}
			cur, err = tx.AgreementState(ag.ID)
		}
		if err != nil {
			return err
		}
		if cur.Status == status {
			return nil
		}
		c := &storage.Change{AgreementID: ag.ID, Status: status, Source: storage.SourceAdmin, UserID: userID, Note: note}
		if err := tx.SetStatus(c); err != nil {
			return err
		}
		previous, moved = c.Previous, true
		_, err = tx.Enqueue(&storage.Alert{
			Kind: storage.KindStatusChange, Agreement: ag.ID, AgreementName: ag.Name, Channel: ag.Channel,
			Status: status, PreviousStatus: previous, UserID: userID, Note: note,
		})
		return err
	})
	if err != nil {
		return Answer{}, fmt.Errorf("set status of %s: %w", ag.ID, err)
	}
	name := "*" + escLine(ag.Name, maxName) + "*"
	if !moved {
		return notice(fmt.Sprintf("%s is already *%s*; nothing changed.", name, escLine(status, maxShort))), nil
	}
	a.wake()
	a.log().Info("status set by admin", "agreement", ag.ID, "status", status, "previous", previous, "user", userID)
	where := "the alert channel"
	if ch := alertChannel(cfg, ag); ch != "" {
		where = channelMention(ch)
	}
	text := fmt.Sprintf(":white_check_mark: %s is now *%s* (was %s). A status_change alert follows in %s.",
		name, escLine(status, maxShort), escLine(previous, maxShort), where)
	return Answer{Text: text, Blocks: blocksOf(sectionBlock(text))}, nil
}

// alertChannel is where an agreement's alerts go.
func alertChannel(cfg *config.Config, ag *config.Agreement) string {
	if ag.Channel != "" {
		return ag.Channel
	}
	return cfg.Slack.Channel
}

// mute is /pact mute QUERY DURATION; a DURATION of "off" ends a mute.
func (a *App) mute(ctx context.Context, cfg *config.Config, userID string, args []string) (Answer, error) {
	usage := "Usage: `/pact mute QUERY DURATION`, for example `/pact mute russia china 7d`; `off` as the duration ends a mute."
	if len(args) < 2 {
		return notice(usage), nil
	}
	durText := args[len(args)-1]
	ag, ans, ok := find(cfg, strings.Join(args[:len(args)-1], " "), VerbMute)
	if !ok {
		return ans, nil
	}
	now := a.now()
	name := "*" + escLine(ag.Name, maxName) + "*"
	switch strings.ToLower(durText) {
	case "off", "0", "none", "unmute":
		until, err := a.Store.MutedUntil(ctx, ag.ID, now)
		if err != nil {
			return Answer{}, err
		}
		if until.IsZero() {
			return notice(name + " is not muted."), nil
		}
		if err := a.Store.Mute(ctx, ag.ID, now, userID); err != nil {
			return Answer{}, err
		}
		a.log().Info("mute ended by admin", "agreement", ag.ID, "user", userID)
		text := ":loud_sound: Mention alerts for " + name + " are on again."
		return Answer{Text: text, Blocks: blocksOf(sectionBlock(text))}, nil
	}
	d, err := config.ParseDuration(durText)
	switch {
	case err != nil || d <= 0:
		return notice(fmt.Sprintf("“%s” is not a duration: use `90m`, `36h`, `7d` or `2w`.\n%s", escLine(durText, maxShort), usage)), nil
	case d > maxMute:
		return notice("A mute lasts a year at most; `/pact mute " + escLine(ag.ID, maxShort) + " 365d` is the longest."), nil
	}
	until := now.Add(d)
	if err := a.Store.Mute(ctx, ag.ID, until, userID); err != nil {
		return Answer{}, err
	}
	a.log().Info("muted by admin", "agreement", ag.ID, "until", until, "user", userID)
	text := fmt.Sprintf(":mute: No mention alerts for %s until %s (%s). Status changes and deadlines still alert; `/pact mute %s off` ends it sooner.",
		name, slackMoment(until), durationText(d), escLine(ag.ID, maxShort))
	return Answer{Text: text, Blocks: blocksOf(sectionBlock(text))}, nil
}
