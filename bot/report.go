package bot

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// Forecast states.
const (
	ForecastPending   = "pending"
	ForecastDueSoon   = "due soon"
	ForecastPassed    = "passed"
	ForecastFulfilled = "fulfilled"
)

// ForecastState is a forecast and where it stands.
type ForecastState struct {
	config.Forecast
	State   string
	DaysTo  int       // days until due (negative once passed)
	DoneAt  time.Time // when the fulfilling status took effect
	DoneVia string    // that status
	// A forecast found in the news and accepted: when it was made (the
	// item's date), the period it had before it last slipped, and how
	// often it slipped.
	FromNews    bool
	Made        time.Time
	SlippedFrom string
	Slips       int
}

// Report is everything known about one agreement: what /pact status and
// `pactwatch status` answer.
type Report struct {
	Agreement  *config.Agreement
	State      storage.AgreementState
	Forecasts  []ForecastState
	Mentions   []storage.Mention
	MutedUntil time.Time
	// Parties are the parties' own statuses, in an agreement of more than
	// two, where the news reported one ("Russia withdrawn").
	Parties []storage.PartyState
	// Held is the history entry since which the status has held: the
	// first of its latest run, so that a revert or an admin's re-setting
	// does not restart it. State.Last when the history says nothing else.
	Held storage.Change
	// Names are the publication names of the feeds the report cites, by
	// feed id; an id missing here is shown as is.
	Names map[string]string
}

// feedName is the publication name of a feed the report cites.
func (r Report) feedName(id string) string {
	if n := r.Names[id]; n != "" {
		return n
	}
	return id
}

// sinceAt is when the status began to hold (see Held): zero for a
// starting status of no known date.
func (r Report) sinceAt() time.Time {
	c := r.Held
	if c.Source == storage.SourceConfig || !c.EffectiveAt.IsZero() {
		return c.EffectiveAt
	}
	return r.State.Since
}

// evidence is the history entry to show as why the status holds: the
// evidence it has held on since it began, else what set it last (an
// admin, the config).
func (r Report) evidence() storage.Change {
	if h := r.Held; h.Link != "" || h.Title != "" {
		return h
	}
	return r.State.Last
}

// BuildReport gathers an agreement's report at now.
func BuildReport(ctx context.Context, store *storage.Store, a *config.Agreement, now time.Time, mentions int) (Report, error) {
	r := Report{Agreement: a}
	var err error
	if r.State, err = store.AgreementState(ctx, a.ID); err != nil {
		return r, fmt.Errorf("status of %s: %w", a.ID, err)
	}
	history, err := store.History(ctx, a.ID)
	if err != nil {
		return r, err
	}
	r.Held = r.State.Last
	if c, ok := storage.HeldSince(history, r.State.Status); ok {
		r.Held = c
	}
	for _, f := range a.Forecasts {
		r.Forecasts = append(r.Forecasts, forecastState(f, history, now))
	}
	found, err := newsForecasts(ctx, store, a.ID, history, now)
	if err != nil {
		return r, err
	}
	r.Forecasts = append(r.Forecasts, found...)
	if mentions > 0 {
		if r.Mentions, err = store.LatestMentions(ctx, a.ID, mentions); err != nil {
			return r, err
		}
	}
	if r.MutedUntil, err = store.MutedUntil(ctx, a.ID, now); err != nil {
		return r, err
	}
	if r.Parties, err = store.PartyStatuses(ctx, a.ID); err != nil {
		return r, err
	}
	return r, nil
}

// newsForecasts are an agreement's accepted forecasts found in the news,
// judged as the config's are.
func newsForecasts(ctx context.Context, store *storage.Store, id string, history []storage.Change,
	now time.Time) ([]ForecastState, error) {
	found, err := store.AgreementForecasts(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]ForecastState, 0, len(found))
	for _, f := range found {
		fs := forecastState(config.FoundForecast(f.DoneWhen, f.Due, f.DueAt, f.Source), history, now)
		fs.FromNews, fs.Made, fs.SlippedFrom, fs.Slips = true, f.Made, f.SlippedFrom, f.Slips
		out = append(out, fs)
	}
	return out, nil
}

// forecastState judges a forecast on the status history as the deadline
// check does (storage.StatusAt): fulfilled when the status held at the due
// time (or now, before it) is a done_when status, passed when the due time
// is behind us without that, due soon within remind_before (or a week),
// pending otherwise.
func forecastState(f config.Forecast, history []storage.Change, now time.Time) ForecastState {
	fs := ForecastState{Forecast: f, DaysTo: int(f.DueAt.Sub(now).Hours() / 24)}
	at := f.DueAt
	if now.Before(at) {
		at = now.Add(time.Nanosecond)
	}
	if held, ok := storage.StatusAt(history, at); ok && slices.Contains(f.DoneWhen, held.Status) {
		fs.DoneAt, fs.DoneVia = held.EffectiveAt, held.Status
		if fs.DoneAt.IsZero() {
			fs.DoneAt = held.RecordedAt // the starting status, of no known date
		}
	}
	soon := f.RemindBefore
	if soon == 0 {
		soon = 7 * 24 * time.Hour
	}
	switch {
	case !fs.DoneAt.IsZero():
		fs.State = ForecastFulfilled
	case !now.Before(f.DueAt):
		fs.State = ForecastPassed
	case f.DueAt.Sub(now) <= soon:
		fs.State = ForecastDueSoon
	default:
		fs.State = ForecastPending
	}
	return fs
}
