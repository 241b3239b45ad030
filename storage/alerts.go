package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Alert kinds, as PRODUCT.md names them.
const (
	KindMention             = "mention"
	KindStatusChange        = "status_change"
	KindDeadlinePassed      = "deadline_passed"
	KindDeadlineApproaching = "deadline_approaching"
	KindFeedBroken          = "feed_broken"
	KindSourceAdded         = "source_added"
	// KindDeliveryFailed tells the admin channel that another alert failed
	// for good. It goes through the outbox like any alert, so the notice
	// itself is neither lost nor repeated.
	KindDeliveryFailed = "delivery_failed"
	// KindForecastProposed proposes a forecast found in an item to the
	// admins: Accept or Dismiss.
	KindForecastProposed = "forecast_proposed"
	// KindForecastSlipped says an item moved an accepted forecast to a
	// later period ("postponed until …").
	KindForecastSlipped = "forecast_slipped"
	// KindDigest is a channel's held mentions gathered into one message.
	KindDigest = "digest"
)

// Delivery states of an alert.
const (
	StatePending   = "pending"   // waiting to be posted
	StateSending   = "sending"   // a post may be under way: reconcile before posting again
	StateDelivered = "delivered" // Slack accepted it
	StateFailed    = "failed"    // a permanent error; kept with the reason
	// StateHeld is a mention waiting for its channel's digest; it is never
	// posted on its own.
	StateHeld = "held"
	// StateDigested is a held alert gathered into a digest (DigestSeq).
	StateDigested = "digested"
	// StatePrinted is an alert written to standard output by a pactwatch
	// without a bot token. It is not delivered: once a token is configured,
	// ReleasePrinted sends the recent ones to Slack.
	StatePrinted = "printed"
)

// ItemRef names the feed item that is an alert's evidence.
type ItemRef struct {
	GUID  string `json:"guid"`
	Link  string `json:"link"`
	Title string `json:"title"`
	Feed  string `json:"feed"`
	// FeedName is the publication's name as Slack shows it (the feed's
	// `name`, else its own title); filled in when the alert is rendered
	// if empty.
	FeedName  string    `json:"feed_name,omitempty"`
	Published time.Time `json:"published,omitzero"`
}

// ForecastRef names the forecast a deadline alert is about.
type ForecastRef struct {
	What   string    `json:"what"`
	Due    string    `json:"due"`
	DueAt  time.Time `json:"due_at"`
	Source string    `json:"source,omitempty"`
	Made   time.Time `json:"made,omitzero"`         // when it was made: the item's publication
	ID     int64     `json:"forecast_id,omitempty"` // a forecast found in the news (storage.Forecast)
	From   string    `json:"from,omitempty"`        // forecast_slipped: the period it had before
}

// FailedRef names, in a delivery_failed notice, the alert that failed for
// good and why.
type FailedRef struct {
	ID            string `json:"id"`
	Kind          string `json:"kind"`
	Channel       string `json:"channel"`
	Agreement     string `json:"agreement,omitempty"`
	AgreementName string `json:"agreement_name,omitempty"`
	Feed          string `json:"feed,omitempty"`
	Reason        string `json:"reason"`
}

// Alert is one message in the outbox. Everything needed to render it is
// stored with it, so it reads the same however late it is delivered.
type Alert struct {
	Seq       int64  `json:"-"`
	ID        string `json:"-"`
	DedupeKey string `json:"-"` // at most one alert per key, ever
	Kind      string `json:"-"`
	Agreement string `json:"-"`
	Channel   string `json:"-"`
	ParentSeq int64  `json:"-"` // a thread reply to this alert
	// Broadcast posts a reply to the channel too (Slack's "also send to
	// channel"): a status change reported in an event's thread.
	Broadcast bool `json:"broadcast,omitempty"`

	AgreementName  string       `json:"agreement_name,omitempty"`
	Status         string       `json:"status,omitempty"`
	PreviousStatus string       `json:"previous_status,omitempty"`
	DetectedStatus string       `json:"detected_status,omitempty"`
	Party          string       `json:"party,omitempty"`      // detected_status is this party's, not the agreement's
	Confidence     string       `json:"confidence,omitempty"` // of detected_status: confirmed, reported or possible
	Sources        int          `json:"sources,omitempty"`    // independent outlets on the event so far
	Item           *ItemRef     `json:"item,omitempty"`
	Forecast       *ForecastRef `json:"forecast,omitempty"`
	Summary        string       `json:"summary,omitempty"`  // a short extract of the item
	Sentence       string       `json:"sentence,omitempty"` // the sentence a status rule fired on
	Rule           string       `json:"rule,omitempty"`
	Feed           string       `json:"feed,omitempty"`      // feed_broken: the feed id
	FeedName       string       `json:"feed_name,omitempty"` // feed_broken: its name, filled in when rendered
	Error          string       `json:"error,omitempty"`     // feed_broken: the last error; empty on recovery
	UserID         string       `json:"user_id,omitempty"`
	Note           string       `json:"note,omitempty"`
	Since          time.Time    `json:"since,omitzero"`   // an admin's status_change: the day it holds from, if given
	Failed         *FailedRef   `json:"failed,omitempty"` // delivery_failed: the alert that failed
	Digest         *DigestRef   `json:"digest,omitempty"` // digest: what it gathers
	// Follower is the user a followed agreement's alert is copied to, in
	// their direct messages (Channel); "" for the channel's own alert.
	Follower string `json:"follower,omitempty"`

	// Hold enqueues the alert held for its channel's digest instead of
	// pending; a reply to a held alert is held with it.
	Hold bool `json:"-"`

	State     string    `json:"-"`
	CreatedAt time.Time `json:"-"`
	Attempts  int       `json:"-"`
	LastError string    `json:"-"`
	// NextAttemptAt is when the alert may be tried next (pending, or
	// sending after a post that may have reached Slack).
	NextAttemptAt time.Time `json:"-"`
	TS            string    `json:"-"` // Slack's timestamp once delivered
	ThreadTS      string    `json:"-"` // the parent's ts, for replies
}

// NewAlertID returns a random alert id.
func NewAlertID() string {
	var b [10]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Enqueue adds an alert to the outbox. When a.DedupeKey is set and an alert
// with that key exists, nothing is added and Enqueue reports false.
func (tx *Tx) Enqueue(a *Alert) (bool, error) {
	if a.ID == "" {
		a.ID = NewAlertID()
	}
	a.State, a.CreatedAt = StatePending, tx.now
	moved := a.PreviousStatus != "" && a.PreviousStatus != a.Status
	if a.Hold {
		a.State = StateHeld
	} else if a.ParentSeq != 0 && !moved { // a status change is never held
		var parent string
		err := tx.tx.QueryRowContext(tx.ctx, "SELECT state FROM alerts WHERE seq = ?", a.ParentSeq).Scan(&parent)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return false, fmt.Errorf("enqueue %s alert: parent: %w", a.Kind, err)
		}
		if parent == StateHeld {
			a.State = StateHeld // another outlet of a mention the digest will carry
		}
	}
	payload, err := json.Marshal(a)
	if err != nil {
		return false, fmt.Errorf("enqueue %s alert: %w", a.Kind, err)
	}
	var dedupe, parent any
	if a.DedupeKey != "" {
		dedupe = a.DedupeKey
	}
	if a.ParentSeq != 0 {
		parent = a.ParentSeq
	}
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO alerts
		(id, dedupe_key, kind, agreement_id, channel, parent_seq, payload, state, created_at, next_attempt_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		a.ID, dedupe, a.Kind, a.Agreement, a.Channel, parent, string(payload), a.State, millis(tx.now), millis(tx.now))
	if err != nil {
		return false, fmt.Errorf("enqueue %s alert: %w", a.Kind, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	if a.Seq, err = res.LastInsertId(); err != nil {
		return false, err
	}
	return true, tx.enqueueFollowers(a)
}

// AlertRef is where an enqueued alert goes, enough to thread a reply on it.
type AlertRef struct {
	Seq     int64
	Channel string
}

// AlertRefByDedupeKey returns the alert enqueued under key, or ErrNotFound.
func (tx *Tx) AlertRefByDedupeKey(key string) (AlertRef, error) {
	var r AlertRef
	err := tx.tx.QueryRowContext(tx.ctx, "SELECT seq, channel FROM alerts WHERE dedupe_key = ?", key).Scan(&r.Seq, &r.Channel)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("alert %s: %w", key, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("alert %s: %w", key, err)
	}
	return r, nil
}

const alertSelect = `SELECT a.seq, a.id, COALESCE(a.dedupe_key, ''), a.kind, a.agreement_id, a.channel,
	COALESCE(a.parent_seq, 0), a.payload, a.state, a.created_at, a.attempts, a.last_error, a.next_attempt_at,
	a.ts, COALESCE(p.ts, '') FROM alerts a LEFT JOIN alerts p ON p.seq = a.parent_seq`

func scanAlerts(rows *sql.Rows) ([]Alert, error) {
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		var a Alert
		var payload string
		var created, next int64
		if err := rows.Scan(&a.Seq, &a.ID, &a.DedupeKey, &a.Kind, &a.Agreement, &a.Channel, &a.ParentSeq,
			&payload, &a.State, &created, &a.Attempts, &a.LastError, &next, &a.TS, &a.ThreadTS); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(payload), &a); err != nil {
			return nil, fmt.Errorf("alert %d payload: %w", a.Seq, err)
		}
		a.CreatedAt, a.NextAttemptAt = fromMillis(created), fromMillis(next)
		out = append(out, a)
	}
	return out, rows.Err()
}

// DuePerChannel bounds how many alerts of one channel Due returns at once.
const DuePerChannel = 64

// Due returns, for each channel, its alerts not yet delivered, oldest first
// (up to DuePerChannel), up to the first that may not be tried yet. Alerts
// of one channel go out in the order they were made: while one waits for a
// retry, the ones behind it wait too, and a caller must stop a channel at
// its first alert that is not delivered.
func (s *Store) Due(ctx context.Context) ([]Alert, error) {
	return s.DueIn(ctx, "")
}

// DueIn is Due where alerts that name no channel go to defaultChannel: they
// take their turn among that channel's alerts.
func (s *Store) DueIn(ctx context.Context, defaultChannel string) ([]Alert, error) {
	// One pass over the open alerts numbers each channel's queue, so that a
	// deliverer draining a long queue reads the outbox once per
	// DuePerChannel posts, not once per post.
	rows, err := s.db.QueryContext(ctx, alertSelect+` JOIN (
		SELECT seq, ROW_NUMBER() OVER (PARTITION BY CASE WHEN channel = '' THEN ? ELSE channel END ORDER BY seq) AS n
		FROM alerts WHERE state IN ('pending', 'sending')) q ON q.seq = a.seq
		WHERE q.n <= ? ORDER BY a.seq`, defaultChannel, DuePerChannel)
	if err != nil {
		return nil, fmt.Errorf("due alerts: %w", err)
	}
	open, err := scanAlerts(rows)
	if err != nil {
		return nil, fmt.Errorf("due alerts: %w", err)
	}
	now := s.now()
	waiting := map[string]bool{}
	due := open[:0]
	for _, a := range open {
		ch := a.Channel
		if ch == "" {
			ch = defaultChannel
		}
		if waiting[ch] || a.NextAttemptAt.After(now) {
			waiting[ch] = true
			continue
		}
		due = append(due, a)
	}
	return due, nil
}

// Alerts returns alerts by state (all states when none given), oldest first.
func (s *Store) Alerts(ctx context.Context, states ...string) ([]Alert, error) {
	q, args := alertSelect, []any{}
	if len(states) > 0 {
		q += " WHERE a.state IN (?" + repeat(",?", len(states)-1) + ")"
		for _, st := range states {
			args = append(args, st)
		}
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY a.seq", args...)
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	return scanAlerts(rows)
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

// Outbox counts alerts by state.
func (s *Store) Outbox(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT state, COUNT(*) FROM alerts GROUP BY state")
	if err != nil {
		return nil, fmt.Errorf("count alerts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

// MarkSending records that a post of the alert is about to start. From here
// until MarkDelivered, a crash leaves the alert "sending", and the next start
// must ask Slack whether it arrived before posting it again.
func (s *Store) MarkSending(ctx context.Context, seq int64) error {
	return s.setAlert(ctx, seq, "state = 'sending', attempts = attempts + 1", nil)
}

// MarkDelivered records Slack's acceptance of the alert, with the channel it
// landed in and its ts.
func (s *Store) MarkDelivered(ctx context.Context, seq int64, channel, ts string) error {
	return s.setAlert(ctx, seq, "state = 'delivered', channel = ?, ts = ?, delivered_at = ?, last_error = ''",
		[]any{channel, ts, millis(s.now())})
}

// MarkPrinted records that the alert was printed instead of posted, with
// the made-up ts its replies are printed under. Its channel is kept as it
// was, so that Slack gets it where it would have gone.
func (s *Store) MarkPrinted(ctx context.Context, seq int64, ts string) error {
	return s.setAlert(ctx, seq, "state = 'printed', ts = ?, delivered_at = ?, last_error = ''",
		[]any{ts, millis(s.now())})
}

// ReleasePrinted makes the printed alerts created at or after since (every
// one when since is zero) pending again, for Slack, and reports how many.
// Older printed alerts stay printed: a team connecting Slack gets what
// it missed lately, not a flood of old news.
func (s *Store) ReleasePrinted(ctx context.Context, since time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE alerts SET state = 'pending', ts = '', delivered_at = 0,
		attempts = 0, next_attempt_at = 0 WHERE state = 'printed' AND created_at >= ?`, millis(since))
	if err != nil {
		return 0, fmt.Errorf("release printed alerts: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// MarkRetry puts the alert back to pending, to be tried again at next.
func (s *Store) MarkRetry(ctx context.Context, seq int64, reason string, next time.Time) error {
	return s.setAlert(ctx, seq, "state = 'pending', last_error = ?, next_attempt_at = ?", []any{reason, millis(next)})
}

// MarkUnsure schedules another try at next for an alert whose last post
// may have reached Slack (a 5xx, a timeout, a cut connection). The alert
// stays "sending": the next attempt, in this process or after a restart,
// looks for it in Slack before posting it again. Were it put back to
// pending, a crash before that attempt would post it twice.
func (s *Store) MarkUnsure(ctx context.Context, seq int64, reason string, next time.Time) error {
	return s.setAlert(ctx, seq, "state = 'sending', last_error = ?, next_attempt_at = ?", []any{reason, millis(next)})
}

// MarkFailed gives up on the alert for good, keeping the reason.
func (s *Store) MarkFailed(ctx context.Context, seq int64, reason string) error {
	return s.setAlert(ctx, seq, "state = 'failed', last_error = ?", []any{reason})
}

// MarkFailedNotify gives up on the alert for good, keeping the reason, and
// in the same transaction enqueues notice (when not nil), the admin
// channel's delivery_failed alert about it: a crash cannot fail the alert
// and lose the notice. It reports whether the notice was enqueued (false
// when one with its DedupeKey exists already).
func (s *Store) MarkFailedNotify(ctx context.Context, seq int64, reason string, notice *Alert) (bool, error) {
	added := false
	err := s.InTx(ctx, func(tx *Tx) error {
		if err := updateAlert(ctx, tx.tx, seq, "state = 'failed', last_error = ?", []any{reason}); err != nil {
			return err
		}
		if notice == nil {
			return nil
		}
		var err error
		added, err = tx.Enqueue(notice)
		return err
	})
	return added, err
}

func (s *Store) setAlert(ctx context.Context, seq int64, set string, args []any) error {
	return updateAlert(ctx, s.db, seq, set, args)
}

// execer is what updateAlert needs of a *sql.DB or a *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func updateAlert(ctx context.Context, db execer, seq int64, set string, args []any) error {
	res, err := db.ExecContext(ctx, "UPDATE alerts SET "+set+" WHERE seq = ?", append(args, seq)...)
	if err != nil {
		return fmt.Errorf("update alert %d: %w", seq, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update alert %d: %w", seq, ErrNotFound)
	}
	return nil
}

// Alert returns one alert by seq, or ErrNotFound.
func (s *Store) Alert(ctx context.Context, seq int64) (Alert, error) {
	rows, err := s.db.QueryContext(ctx, alertSelect+" WHERE a.seq = ?", seq)
	if err != nil {
		return Alert{}, fmt.Errorf("alert %d: %w", seq, err)
	}
	list, err := scanAlerts(rows)
	if err != nil {
		return Alert{}, fmt.Errorf("alert %d: %w", seq, err)
	}
	if len(list) == 0 {
		return Alert{}, fmt.Errorf("alert %d: %w", seq, ErrNotFound)
	}
	return list[0], nil
}

// AlertThread is what a reply needs of its parent alert: its state, and
// where it was posted.
type AlertThread struct {
	State, Channel, TS string
}

// Thread returns the state of alert seq and where it was posted, or
// ErrNotFound; cheaper than Alert, which reads the whole alert.
func (s *Store) Thread(ctx context.Context, seq int64) (AlertThread, error) {
	var t AlertThread
	// A mention gathered into a digest is threaded as its digest is.
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(d.state, a.state), COALESCE(d.channel, a.channel), COALESCE(d.ts, a.ts)
		FROM alerts a LEFT JOIN alerts d ON d.seq = a.digest_seq WHERE a.seq = ?`, seq).Scan(&t.State, &t.Channel, &t.TS)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("alert %d: %w", seq, ErrNotFound)
	}
	if err != nil {
		return t, fmt.Errorf("alert %d: %w", seq, err)
	}
	return t, nil
}

// Enqueue adds one alert in its own transaction.
func (s *Store) Enqueue(ctx context.Context, a *Alert) (bool, error) {
	var ok bool
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		ok, err = tx.Enqueue(a)
		return err
	})
	return ok, err
}
