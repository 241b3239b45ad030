package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/storage"
)

// Interaction handles a click in a message. Slack wants the click
// acknowledged at once, so the work runs in the background (Wait waits for
// it): the alert's message is updated, and the admin gets an ephemeral
// answer through response_url. Clicks on anything else are ignored.
func (a *App) Interaction(ctx context.Context, ic slack.InteractionCallback) {
	if ic.Type != slack.InteractionTypeBlockActions {
		return
	}
	var acts []*slack.BlockAction
	for _, act := range ic.ActionCallback.BlockActions {
		if act == nil || !statusButton(act.ActionID) {
			continue
		}
		if len(acts) == MaxClickActions {
			a.log().Warn("ignored the extra actions of an interaction", "user", ic.User.ID,
				"actions", len(ic.ActionCallback.BlockActions), "handled", MaxClickActions)
			break
		}
		acts = append(acts, act)
	}
	if len(acts) == 0 {
		return
	}
	// One goroutine for the click, whatever it carries.
	a.track(ctx, func(ctx context.Context) {
		for _, act := range acts {
			ans := a.statusAction(ctx, ic, act.ActionID, act.Value)
			p := ans.payload()
			p.ResponseType, p.ReplaceOriginal = "ephemeral", new(false)
			if err := a.postResponse(ctx, ic.ResponseURL, p); err != nil {
				a.log().Warn("answer a click", "user", ic.User.ID, "action", act.ActionID, "err", err)
			}
		}
	})
}

// MaxClickActions is how many actions of one interaction are handled. A
// click in Slack carries one; a forged or replayed payload of hundreds
// must not start hundreds of updates and response_url posts.
const MaxClickActions = 1

// statusAction confirms or reverts the detected status change an alert
// announced, and returns what to tell the admin who clicked.
func (a *App) statusAction(ctx context.Context, ic slack.InteractionCallback, action, alertID string) Answer {
	user := ic.User.ID
	if !a.isAdmin(user) {
		a.log().Info("refused a status button", "user", user, "action", action, "alert", alertID)
		return refusal("confirm or revert a status change")
	}
	al, err := a.Store.AlertByID(ctx, alertID)
	if errors.Is(err, storage.ErrNotFound) {
		return notice("pactwatch does not know this alert (was its database replaced?). Use `/pact set` to set the status.")
	}
	if err != nil {
		a.log().Error("status button", "alert", alertID, "err", err)
		return notice(":warning: Sorry, that did not work; try again in a minute.")
	}
	if action == ActionConfirmPossible || action == ActionDismissPossible {
		return a.possibleAction(ctx, ic, action, al)
	}
	if action == ActionAcceptForecast || action == ActionDismissForecast {
		return a.forecastAction(ctx, ic, action, al)
	}
	if al.Kind != storage.KindStatusChange || statusActions(al) == nil {
		return notice("This alert has nothing to confirm or revert.")
	}
	var res actionResult
	if action == ActionConfirm {
		res, err = a.confirm(ctx, al, user)
	} else {
		res, err = a.revert(ctx, al, user)
	}
	if err != nil {
		a.log().Error("status button", "alert", alertID, "action", action, "err", err)
		return notice(":warning: Sorry, that did not work; nothing changed. Try again in a minute.")
	}
	name := "*" + escLine(agreementName(al), maxName) + "*"
	switch {
	case res.moved != "" && res.moved == al.PreviousStatus && action == ActionRevert:
		return notice(fmt.Sprintf("%s is *%s* already; nothing changed.", name, escLine(res.moved, maxShort)))
	case res.moved != "":
		return notice(fmt.Sprintf("%s is *%s* now, not %s: its status moved on since this alert, so nothing changed. `/pact set` sets it.",
			name, escLine(res.moved, maxShort), escLine(al.Status, maxShort)))
	case res.already != "":
		return notice(fmt.Sprintf("Already confirmed by %s; nothing changed.", userMention(res.already)))
	}
	a.wake()
	date := slackDay(a.now())
	var line, text string
	if action == ActionConfirm {
		line = fmt.Sprintf(":white_check_mark: *%s* confirmed by %s on %s", escLine(al.Status, maxShort), userMention(user), date)
		text = fmt.Sprintf(":white_check_mark: Confirmed: %s is *%s*.", name, escLine(al.Status, maxShort))
	} else {
		line = fmt.Sprintf(":leftwards_arrow_with_hook: Reverted to *%s* by %s on %s", escLine(res.back, maxShort), userMention(user), date)
		again := "again"
		if res.back != al.PreviousStatus {
			again = "as the remaining evidence says"
		}
		text = fmt.Sprintf(":leftwards_arrow_with_hook: Reverted: %s is *%s* %s; a status_change alert follows.", name, escLine(res.back, maxShort), again)
	}
	a.log().Info("status button", "action", action, "alert", al.ID, "agreement", al.Agreement, "user", user)
	if err := a.updateAlert(ctx, al, ic, resolvedMessage(named(ctx, al, a.names()), line)); err != nil {
		a.log().Warn("update the alert message after a click", "alert", al.ID, "err", err)
	}
	return Answer{Text: text, Blocks: blocksOf(sectionBlock(text))}
}

// statusButton reports whether an action id is one of the status buttons.
func statusButton(id string) bool {
	switch id {
	case ActionConfirm, ActionRevert, ActionConfirmPossible, ActionDismissPossible, ActionAcceptForecast, ActionDismissForecast:
		return true
	}
	return false
}

// updateAlert replaces an alert's message: with chat.update when there is
// a bot token (the metadata is sent again, so scripts still find it), else
// through response_url.
func (a *App) updateAlert(ctx context.Context, al storage.Alert, ic slack.InteractionCallback, m Message) error {
	channel, ts := al.Channel, al.TS
	if ts == "" {
		channel, ts = ic.Container.ChannelID, ic.Container.MessageTs
	}
	if a.Slack != nil && channel != "" && ts != "" {
		_, _, _, err := a.Slack.UpdateMessageContext(ctx, channel, ts,
			slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...), slack.MsgOptionMetadata(m.Metadata))
		if err != nil {
			return fmt.Errorf("chat.update %s %s: %w", channel, ts, err)
		}
		return nil
	}
	return a.postResponse(ctx, ic.ResponseURL, answerPayload{Text: m.Text, Blocks: m.Blocks, ReplaceOriginal: new(true)})
}
