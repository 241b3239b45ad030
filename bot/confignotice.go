package bot

import "strings"

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
