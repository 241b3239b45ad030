package bot

import (
	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/storage"
)

// The buttons on a detected status_change alert. Their value is the
// alert's id, which names everything a click needs.
const (
	ActionConfirm = "pactwatch_confirm"
	ActionRevert  = "pactwatch_revert"
	// On a mention that carries a possible status: make it the status (a
	// status_change alert follows), or set the claim aside.
	ActionConfirmPossible = "pactwatch_confirm_possible"
	ActionDismissPossible = "pactwatch_dismiss_possible"
	// On a proposed forecast: keep it (it is judged like the config's), or
	// set it aside.
	ActionAcceptForecast  = "pactwatch_accept_forecast"
	ActionDismissForecast = "pactwatch_dismiss_forecast"
	// statusActionsID is the block id of the buttons, so that a resolved
	// alert can drop them.
	statusActionsID = "pactwatch_status_actions"
)

// Slack's limits on buttons and their confirmation dialog.
const (
	maxButtonText   = 75
	maxConfirmTitle = 100
	maxConfirmText  = 300
)

// statusActions returns the admins' buttons for a detected status change:
// confirm it, or revert it to the previous status. Changes an admin made
// (and alerts without a previous status) get none.
func statusActions(a storage.Alert) slack.Block {
	if a.UserID != "" || a.ID == "" || a.PreviousStatus == "" || a.PreviousStatus == a.Status || a.Party != "" {
		return nil // an admin's change, or one party's (its buttons would move the agreement)
	}
	plain := func(s string, max int) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, cutPlain(oneLine(s), max), false, false)
	}
	confirm := slack.NewButtonBlockElement(ActionConfirm, a.ID, plain("Confirm "+a.Status, maxButtonText)).
		WithStyle(slack.StylePrimary)
	revert := slack.NewButtonBlockElement(ActionRevert, a.ID, plain("Revert to "+a.PreviousStatus, maxButtonText)).
		WithStyle(slack.StyleDanger)
	revert.Confirm = slack.NewConfirmationBlockObject(
		plain("Revert this status change?", maxConfirmTitle),
		plain(agreementName(a)+" goes back to "+a.PreviousStatus+", and a status_change alert says so.", maxConfirmText),
		plain("Revert", 30), plain("Keep it", 30))
	return slack.NewActionBlock(statusActionsID, confirm, revert)
}

// possibleLabel names the possible status an alert carries: "ratified",
// or the party's, "Japan ratified".
func possibleLabel(a storage.Alert) string {
	if a.Party != "" {
		return a.Party + " " + a.DetectedStatus
	}
	return a.DetectedStatus
}

// possibleActions returns the admins' buttons for a mention, or another
// outlet's report in its thread, that carries a possible status (a weak
// claim, or a strong one waiting for corroboration): confirm it as the
// status, or dismiss it.
func possibleActions(a storage.Alert) slack.Block {
	if a.ID == "" || a.Kind != storage.KindMention && a.Kind != storage.KindSourceAdded || a.Confidence != "possible" ||
		a.DetectedStatus == "" ||
		a.Party == "" && a.DetectedStatus == a.Status {
		return nil
	}
	plain := func(s string, max int) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, cutPlain(oneLine(s), max), false, false)
	}
	confirm := slack.NewButtonBlockElement(ActionConfirmPossible, a.ID, plain("Confirm "+possibleLabel(a), maxButtonText)).
		WithStyle(slack.StylePrimary)
	dismiss := slack.NewButtonBlockElement(ActionDismissPossible, a.ID, plain("Dismiss", maxButtonText))
	return slack.NewActionBlock(statusActionsID, confirm, dismiss)
}

// forFollower is an alert's message as a follower gets it in their direct
// messages: without the admins' buttons (they act in the channel), with a
// line saying why it came and how to stop it.
func forFollower(a storage.Alert, m Message) Message {
	var blocks []slack.Block
	for _, b := range m.Blocks {
		if ab, ok := b.(*slack.ActionBlock); ok && ab.BlockID == statusActionsID {
			continue
		}
		blocks = append(blocks, b)
	}
	m.Blocks = append(blocks, contextBlock(":bell: You follow *"+escLine(agreementName(a), maxName)+"* · `/pact unfollow "+
		escLine(a.Agreement, maxShort)+"` stops these"))
	return m
}

// forecastActions returns the admins' buttons for a proposed forecast.
func forecastActions(a storage.Alert) slack.Block {
	if a.ID == "" || a.Forecast == nil || a.Forecast.ID == 0 {
		return nil
	}
	plain := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
	}
	accept := slack.NewButtonBlockElement(ActionAcceptForecast, a.ID, plain("Accept")).WithStyle(slack.StylePrimary)
	dismiss := slack.NewButtonBlockElement(ActionDismissForecast, a.ID, plain("Dismiss"))
	return slack.NewActionBlock(statusActionsID, accept, dismiss)
}

// resolvedMessage is an alert's message after an admin acted on it: the
// same message without its buttons, and a line saying who did what.
func resolvedMessage(a storage.Alert, line string) Message {
	m := Render(a)
	var blocks []slack.Block
	for _, b := range m.Blocks {
		if ab, ok := b.(*slack.ActionBlock); ok && ab.BlockID == statusActionsID {
			continue
		}
		blocks = append(blocks, b)
	}
	m.Blocks = append(blocks, contextBlock(line))
	return m
}
