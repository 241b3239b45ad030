package bot

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/storage"
)

// forecastAction accepts or dismisses a forecast found in the news, and
// returns what to tell the admin who clicked. An accepted forecast is
// judged like the config's: a deadline_passed alert when its period ends
// and the agreement is not in its status.
func (a *App) forecastAction(ctx context.Context, ic slack.InteractionCallback, action string, al storage.Alert) Answer {
	user := ic.User.ID
	if al.Kind != storage.KindForecastProposed || forecastActions(al) == nil {
		return notice("This alert has no forecast to accept or dismiss.")
	}
	state := storage.ForecastAccepted
	if action == ActionDismissForecast {
		state = storage.ForecastDismissed
	}
	var f storage.Forecast
	var fresh bool
	err := a.Store.InTx(ctx, func(tx *storage.Tx) error {
		var err error
		f, fresh, err = tx.DecideForecast(al.Forecast.ID, state, user)
		return err
	})
	if err != nil {
		a.log().Error("forecast button", "alert", al.ID, "err", err)
		return notice(":warning: Sorry, that did not work; nothing changed. Try again in a minute.")
	}
	if !fresh {
		who := f.DecidedBy
		if who == "" {
			return notice("This forecast was decided already; nothing changed.")
		}
		return notice(fmt.Sprintf("This forecast was %s by %s already; nothing changed.", f.State, userMention(who)))
	}
	what := "*" + statusText(f.DoneWhen) + "* " + esc(byDue(f.Due))
	date := a.now().Format(dateFmt)
	line := fmt.Sprintf(":white_check_mark: Accepted by %s on %s", userMention(user), date)
	text := fmt.Sprintf(":white_check_mark: Accepted: %s; pactwatch will say if it does not happen.", what)
	if state == storage.ForecastDismissed {
		line = fmt.Sprintf(":heavy_multiplication_x: Dismissed by %s on %s", userMention(user), date)
		text = fmt.Sprintf(":heavy_multiplication_x: Dismissed: %s is not tracked.", what)
	}
	a.wake()
	a.log().Info("forecast button", "action", action, "alert", al.ID, "forecast", f.ID, "user", user)
	if err := a.updateAlert(ctx, al, ic, resolvedMessage(al, line)); err != nil {
		a.log().Warn("update the alert message after a click", "alert", al.ID, "err", err)
	}
	return Answer{Text: text, Blocks: blocksOf(sectionBlock(text))}
}
