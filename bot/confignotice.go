package bot

import (
	"fmt"
	"strings"
)

// ConfigNotice is the message the admin channel gets when an edited config
// file is refused: pactwatch keeps running on the config it had.
func ConfigNotice(path string, problems []string) Message {
	const maxLines = 20
	shown := problems
	if len(shown) > maxLines {
		shown = shown[:maxLines]
	}
	var b strings.Builder
	for _, p := range shown {
		b.WriteString(cutPlain(oneLine(p), 300))
		b.WriteByte('\n')
	}
	if more := len(problems) - len(shown); more > 0 {
		b.WriteString("… and more\n")
	}
	list := b.String()
	return Message{
		Text: ":warning: The edited config " + escLine(path, maxShort) + " was refused; pactwatch keeps running on the previous one.\n```\n" +
			cutText(esc(strings.ReplaceAll(list, "```", "'''")), 2500, true) + "```",
		Plain: "[config_refused] " + path + ": the previous config stays in force\n" + list,
	}
}

// ReplayNotice is the message the admin channel gets when watches were
// judged over the stored items as the config loaded (a new watch, or a
// changed match, status rules or aliases): one line a watch, what was
// found ("new watch us-in-chips: 4 stored items, status signed since
// 14 Aug 2026"). Nothing was alerted: the history was rebuilt silently.
func ReplayNotice(lines []string) Message {
	const maxLines = 20
	shown := lines
	if len(shown) > maxLines {
		shown = shown[:maxLines]
	}
	var text, plain strings.Builder
	text.WriteString(":mag: Judged the stored items again for the watches the config added or changed:\n")
	for _, l := range shown {
		text.WriteString("• " + escLine(l, 300) + "\n")
		plain.WriteString(oneLine(l) + "\n")
	}
	if more := len(lines) - len(shown); more > 0 {
		fmt.Fprintf(&text, "… and %d more\n", more)
		fmt.Fprintf(&plain, "… and %d more\n", more)
	}
	return Message{Text: cutText(text.String(), 3000, true), Plain: "[replay] " + plain.String()}
}
