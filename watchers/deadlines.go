package watchers

import (
	"context"
	"fmt"
	"slices"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// CheckDeadlines enqueues the deadline alerts that are due: one
// deadline_passed when a forecast's due time has passed and its agreement
// had not reached one of its done_when statuses before then, and one
// deadline_approaching when the due time is within remind_before and it has
// not been fulfilled yet. Each is enqueued at most once, ever: a check after
// downtime catches up with what it missed, and a restart repeats nothing.
// Fulfilment is judged on when the evidence was published, so replaying old
// news gives the same answer as living through it.
func (w *Watcher) CheckDeadlines(ctx context.Context) (int, error) {
	p := w.plan.Load()
	now := w.opts.Now()
	total := 0
	accepted, err := w.store.AcceptedForecasts(ctx)
	if err != nil {
		return 0, err
	}
	found := map[string][]config.Forecast{} // by agreement: the forecasts found in the news and accepted
	for _, f := range accepted {
		found[f.AgreementID] = append(found[f.AgreementID], config.FoundForecast(f.DoneWhen, f.Due, f.DueAt, f.Source))
	}
	for _, t := range p.all {
		for _, fc := range append(slices.Clip(t.Forecasts), found[t.ID]...) {
			n, err := w.checkForecast(ctx, p, t, fc)
			if err != nil {
				return total, fmt.Errorf("check forecast %q of %s: %w", fc.What, t.ID, err)
			}
			total += n
		}
	}
	if total > 0 {
		w.opts.Log.Info("deadline alerts", "count", total, "at", now)
		w.wake()
	}
	return total, nil
}

func (w *Watcher) checkForecast(ctx context.Context, p *plan, t *tracked, fc config.Forecast) (int, error) {
	now := w.opts.Now()
	remindAt := fc.DueAt.Add(-fc.RemindBefore)
	if now.Before(fc.DueAt) && (fc.RemindBefore == 0 || now.Before(remindAt)) {
		return 0, nil // nothing due yet: skip the transaction
	}
	n := 0
	err := w.store.InTx(ctx, func(tx *storage.Tx) error {
		n = 0
		if err := tx.EnsureAgreement(t.ID, t.Status, t.Since); err != nil {
			return err
		}
		state, err := tx.AgreementState(t.ID)
		if err != nil {
			return err
		}
		a := &storage.Alert{Agreement: t.ID, AgreementName: t.Name, Channel: channelFor(p.cfg, t.Agreement),
			Status: state.Status, Forecast: &storage.ForecastRef{What: fc.What, Due: fc.Due, DueAt: fc.DueAt, Source: fc.Source}}
		if !now.Before(fc.DueAt) {
			_, done, err := tx.HeldAt(t.ID, fc.DoneWhen, fc.DueAt)
			if err != nil || done {
				return err
			}
			a.Kind, a.DedupeKey = storage.KindDeadlinePassed, "deadline_passed:"+t.ID+":"+fc.Key()
		} else {
			_, done, err := tx.HeldAt(t.ID, fc.DoneWhen, now.Add(1))
			if err != nil || done {
				return err
			}
			a.Kind, a.DedupeKey = storage.KindDeadlineApproaching, "deadline_approaching:"+t.ID+":"+fc.Key()
		}
		ok, err := tx.Enqueue(a)
		n = b2i(ok)
		return err
	})
	return n, err
}
