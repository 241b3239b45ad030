package bot

import (
	"regexp"

	"github.com/pactwatch/pactwatch/storage"
)

// slackChannelID matches channel ids (public C…, private G…, direct D…).
var slackChannelID = regexp.MustCompile(`^[CGD][A-Z0-9]{1,20}$`)

// channelMention is a <#C…> link for a channel id, or the escaped name.
func channelMention(channel string) string {
	if slackChannelID.MatchString(channel) {
		return "<#" + channel + ">"
	}
	return escLine(channel, maxShort)
}

// failureNotice is the short plain message the admin channel gets when an
// alert fails for good.
func failureNotice(a storage.Alert, channel string, cause error) Message {
	what := a.Kind + " alert " + a.ID
	if n := agreementName(a); n != "" {
		what += " (" + n + ")"
	} else if a.Feed != "" {
		what += " (" + a.Feed + ")"
	}
	reason := cutPlain(oneLine(cause.Error()), maxError)
	return Message{
		Text: ":x: Could not post the " + escLine(what, maxTitle) + " to " + channelMention(channel) +
			": " + esc(reason) + ". It will not be retried.",
		Plain: "[delivery_failed] " + what + " to " + channel + ": " + reason,
	}
}
