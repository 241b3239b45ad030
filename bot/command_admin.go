package bot

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
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

// set is /pact set QUERY STATUS [YYYY-MM-DD] [URL] [note]. The status is
// the first word after the query that is a status some agreement can be
// in, so that queries of several words need no quotes.
func (a *App) set(ctx context.Context, cfg *config.Config, userID string, args []string) (Answer, error) {
	usage := "Usage: `/pact set QUERY STATUS [YYYY-MM-DD] [URL] [note]`, for example " +
		"`/pact set russia china signed 2015-05-08 https://example.com/story Kommersant confirms`."
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
		ev, problem := readEvidence(args[i+1:], cfg.Timezone, a.now())
		if problem != "" {
			return notice(problem + "\n" + usage), nil
		}
		return a.setStatus(ctx, cfg, ag, status, userID, ev)
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

// setEvidence is what an admin gives for a status they set: since when it
// holds (zero: now), the link to the evidence, and a note.
type setEvidence struct {
	Since time.Time
	Link  string
	Note  string
}

// dateLike is a word meant as a date: it is read as one, or refused.
var dateLike = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$`)

// readEvidence reads the words after the status of /pact set: an optional
// day (YYYY-MM-DD, in loc, not after now), an optional link (as typed, or
// as Slack escapes it: <https://…|label>), and the note. problem is
// what is wrong with them, for the admin.
func readEvidence(words []string, loc *time.Location, now time.Time) (ev setEvidence, problem string) {
	if loc == nil {
		loc = time.UTC
	}
	if len(words) > 0 && dateLike.MatchString(words[0]) {
		day, err := time.ParseInLocation(time.DateOnly, words[0], loc)
		if err != nil {
			return ev, fmt.Sprintf("`%s` is not a day: write it as YYYY-MM-DD, like 2015-05-08.", escLine(words[0], maxShort))
		}
		if day.After(now) {
			return ev, fmt.Sprintf("%s is in the future: a status is set as of a day that has begun.", day.Format(dateFmt))
		}
		ev.Since, words = day, words[1:]
	}
	if len(words) > 0 {
		w := strings.TrimSuffix(strings.TrimPrefix(words[0], "<"), ">")
		if label := strings.IndexByte(w, '|'); label >= 0 {
			w = w[:label]
		}
		if lower := strings.ToLower(w); strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
			u, err := url.Parse(w)
			if err != nil || u.Host == "" || len(w) > maxURL {
				return ev, fmt.Sprintf("`%s` is not a link pactwatch can keep.", escLine(w, maxShort))
			}
			ev.Link, words = u.String(), words[1:]
		}
	}
	ev.Note = cutPlain(oneLine(strings.Join(words, " ")), maxStoredNote)
	return ev, ""
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
func (a *App) setStatus(ctx context.Context, cfg *config.Config, ag *config.Agreement, status, userID string, ev setEvidence) (Answer, error) {
	var previous string
	var newer time.Time // evidence of the current status, newer than ev.Since
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
		if !ev.Since.IsZero() && ev.Since.Before(cur.EvidenceAt) {
			// The history would hold the current status after this one.
			newer, previous = cur.EvidenceAt, cur.Status
			return nil
		}
		c := &storage.Change{AgreementID: ag.ID, Status: status, Source: storage.SourceAdmin, UserID: userID,
			Note: ev.Note, Link: ev.Link, EffectiveAt: ev.Since}
		if err := tx.SetStatus(c); err != nil {
			return err
		}
		previous, moved = c.Previous, true
		alert := &storage.Alert{
			Kind: storage.KindStatusChange, Agreement: ag.ID, AgreementName: ag.Name, Channel: ag.Channel,
			Status: status, PreviousStatus: previous, UserID: userID, Note: ev.Note, Since: ev.Since,
		}
		if ev.Link != "" {
			alert.Item = &storage.ItemRef{Link: ev.Link}
		}
		_, err = tx.Enqueue(alert)
		return err
	})
	if err != nil {
		return Answer{}, fmt.Errorf("set status of %s: %w", ag.ID, err)
	}
	name := "*" + escLine(ag.Name, maxName) + "*"
	if !newer.IsZero() {
		return notice(fmt.Sprintf("%s is *%s* on evidence of %s, after %s: set a later day, or revert that change first.",
			name, escLine(previous, maxShort), newer.Format(dateFmt), ev.Since.Format(dateFmt))), nil
	}
	if !moved {
		return notice(fmt.Sprintf("%s is already *%s*; nothing changed.", name, escLine(status, maxShort))), nil
	}
	a.wake()
	a.log().Info("status set by admin", "agreement", ag.ID, "status", status, "previous", previous, "user", userID)
	where := "the alert channel"
	if ch := alertChannel(cfg, ag); ch != "" {
		where = channelMention(ch)
	}
	asOf := ""
	if !ev.Since.IsZero() {
		asOf = " as of " + ev.Since.Format(dateFmt)
	}
	text := fmt.Sprintf(":white_check_mark: %s is now *%s*%s (was %s). A status_change alert follows in %s.",
		name, escLine(status, maxShort), asOf, escLine(previous, maxShort), where)
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
