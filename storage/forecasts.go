package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// States of a forecast found in the news.
const (
	ForecastProposed  = "proposed"
	ForecastAccepted  = "accepted"
	ForecastDismissed = "dismissed"
)

// Forecast is a forecast found in the news: that an agreement will reach
// DoneWhen by the end of Due.
type Forecast struct {
	ID          int64
	AgreementID string
	DoneWhen    string
	Due         string // the period, as config writes due dates
	DueAt       time.Time
	Source      string    // the outlet that reported it
	Made        time.Time // when: the item's publication
	ItemGUID    string
	FeedID      string
	Link        string
	Title       string
	Sentence    string
	State       string
	DecidedBy   string
	SlippedFrom string // the period it had before its last slip
	Slips       int    // how many times a later item moved it
}

// sameForecast is how close the ends of two forecasts of one status must
// be to be one forecast read at two grains ("next year" and "in the first
// half of next year").
const sameForecast = 190 * 24 * time.Hour

// ProposeForecast records a forecast found in an item, once: it reports
// false when the agreement already has a forecast of that status ending
// within sameForecast of it (proposed, accepted or dismissed).
func (tx *Tx) ProposeForecast(f *Forecast) (bool, error) {
	var n int
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM forecasts WHERE agreement_id = ? AND done_when = ?
		AND due_at >= ? AND due_at <= ?`, f.AgreementID, f.DoneWhen, millis(f.DueAt.Add(-sameForecast)),
		millis(f.DueAt.Add(sameForecast))).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("propose forecast for %s: %w", f.AgreementID, err)
	}
	if n > 0 {
		return false, nil
	}
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO forecasts
		(agreement_id, done_when, due, due_at, source, made, item_guid, feed_id, link, title, sentence, state)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		f.AgreementID, f.DoneWhen, f.Due, millis(f.DueAt), f.Source, millis(f.Made), f.ItemGUID, f.FeedID, f.Link,
		f.Title, f.Sentence, ForecastProposed)
	if err != nil {
		return false, fmt.Errorf("propose forecast for %s: %w", f.AgreementID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	f.ID, err = res.LastInsertId()
	f.State = ForecastProposed
	return true, err
}

// DecideForecast accepts or dismisses a proposed forecast. It returns the
// forecast as it was, and whether it was still to decide.
func (tx *Tx) DecideForecast(id int64, state, user string) (Forecast, bool, error) {
	f, err := tx.forecast(id)
	if err != nil {
		return f, false, err
	}
	if f.State != ForecastProposed {
		return f, false, nil
	}
	if _, err := tx.tx.ExecContext(tx.ctx, "UPDATE forecasts SET state = ?, decided_by = ? WHERE id = ?", state, user, id); err != nil {
		return f, false, fmt.Errorf("decide forecast %d: %w", id, err)
	}
	return f, true, nil
}

// SlipForecast moves an accepted forecast of agreementID reaching status
// to the later period due (ending at dueAt), as an item published at `at`
// says ("postponed until the first half of next year"). It moves the one
// due latest before dueAt that was made before at, and returns it as it
// is now with the period it had; false when there is none, or when the
// agreement already has a forecast of that status for that period.
func (tx *Tx) SlipForecast(agreementID, status, due string, dueAt, at time.Time) (Forecast, string, bool, error) {
	var id int64
	var from string
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT id, due FROM forecasts WHERE agreement_id = ? AND done_when = ?
		AND state = ? AND due_at < ? AND made <= ? ORDER BY due_at DESC, id DESC LIMIT 1`,
		agreementID, status, ForecastAccepted, millis(dueAt), millis(at)).Scan(&id, &from)
	if errors.Is(err, sql.ErrNoRows) {
		return Forecast{}, "", false, nil
	}
	if err != nil {
		return Forecast{}, "", false, fmt.Errorf("slip a forecast of %s: %w", agreementID, err)
	}
	var taken int
	if err := tx.tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM forecasts WHERE agreement_id = ? AND done_when = ? AND due = ?`,
		agreementID, status, due).Scan(&taken); err != nil {
		return Forecast{}, "", false, fmt.Errorf("slip a forecast of %s: %w", agreementID, err)
	}
	if taken > 0 {
		return Forecast{}, "", false, nil
	}
	if _, err := tx.tx.ExecContext(tx.ctx, `UPDATE forecasts SET due = ?, due_at = ?, slipped_from = ?, slips = slips + 1
		WHERE id = ?`, due, millis(dueAt), from, id); err != nil {
		return Forecast{}, "", false, fmt.Errorf("slip forecast %d: %w", id, err)
	}
	f, err := tx.forecast(id)
	return f, from, err == nil, err
}

const forecastSelect = `SELECT id, agreement_id, done_when, due, due_at, source, made, item_guid, feed_id, link, title,
	sentence, state, decided_by, slipped_from, slips FROM forecasts`

func (tx *Tx) forecast(id int64) (Forecast, error) {
	rows, err := tx.tx.QueryContext(tx.ctx, forecastSelect+" WHERE id = ?", id)
	if err != nil {
		return Forecast{}, fmt.Errorf("forecast %d: %w", id, err)
	}
	list, err := scanForecasts(rows)
	if err != nil {
		return Forecast{}, fmt.Errorf("forecast %d: %w", id, err)
	}
	if len(list) == 0 {
		return Forecast{}, fmt.Errorf("forecast %d: %w", id, ErrNotFound)
	}
	return list[0], nil
}

// AcceptedForecasts returns the accepted forecasts, of every agreement, by
// due time.
func (s *Store) AcceptedForecasts(ctx context.Context) ([]Forecast, error) {
	rows, err := s.db.QueryContext(ctx, forecastSelect+" WHERE state = ? ORDER BY due_at, id", ForecastAccepted)
	if err != nil {
		return nil, fmt.Errorf("accepted forecasts: %w", err)
	}
	return scanForecasts(rows)
}

// AgreementForecasts returns one agreement's accepted forecasts, by due
// time.
func (s *Store) AgreementForecasts(ctx context.Context, agreementID string) ([]Forecast, error) {
	rows, err := s.db.QueryContext(ctx, forecastSelect+" WHERE agreement_id = ? AND state = ? ORDER BY due_at, id",
		agreementID, ForecastAccepted)
	if err != nil {
		return nil, fmt.Errorf("forecasts of %s: %w", agreementID, err)
	}
	return scanForecasts(rows)
}

func scanForecasts(rows *sql.Rows) ([]Forecast, error) {
	defer rows.Close()
	var out []Forecast
	for rows.Next() {
		var f Forecast
		var due, made int64
		if err := rows.Scan(&f.ID, &f.AgreementID, &f.DoneWhen, &f.Due, &due, &f.Source, &made, &f.ItemGUID, &f.FeedID,
			&f.Link, &f.Title, &f.Sentence, &f.State, &f.DecidedBy, &f.SlippedFrom, &f.Slips); err != nil {
			return nil, err
		}
		f.DueAt, f.Made = fromMillis(due), fromMillis(made)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
