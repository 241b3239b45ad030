package bot

import (
	"bytes"
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/config"
)

// export is /pact export QUERY: the agreement's timeline with its evidence
// as a CSV file, uploaded to the user's direct messages.
func (a *App) export(ctx context.Context, cfg *config.Config, userID, query string) (Answer, error) {
	ag, ans, ok := find(cfg, query, VerbExport)
	if !ok {
		return ans, nil
	}
	if a.Slack == nil {
		return notice("Export uploads a file, which needs pactwatch's bot token (`slack.token`). On the server, `pactwatch export " +
			escLine(ag.ID, maxShort) + "` writes the same CSV."), nil
	}
	rows, err := Timeline(ctx, a.Store, ag, a.now(), a.names())
	if err != nil {
		return Answer{}, err
	}
	var buf bytes.Buffer
	if err := WriteTimelineCSV(&buf, rows); err != nil {
		return Answer{}, err
	}
	channel, err := a.directChannel(ctx, userID)
	if err != nil {
		return Answer{}, err
	}
	name := fmt.Sprintf("%s-timeline-%s.csv", ag.ID, a.now().UTC().Format("2006-01-02"))
	_, err = a.Slack.UploadFileContext(ctx, slack.UploadFileParameters{
		Reader: &buf, FileSize: buf.Len(), Filename: name, Title: ag.Name + ": timeline", Channel: channel,
		InitialComment: fmt.Sprintf("The timeline of %s with its evidence: %s, oldest first.", ag.Name, countText(len(rows), "row", "rows")),
	})
	if err != nil {
		return Answer{}, fmt.Errorf("upload the timeline of %s: %w", ag.ID, err)
	}
	a.log().Info("timeline exported", "agreement", ag.ID, "user", userID, "rows", len(rows))
	return notice(fmt.Sprintf(":page_facing_up: The timeline of *%s* (%s) is in your direct messages with pactwatch, as `%s`.",
		escLine(ag.Name, maxName), countText(len(rows), "row", "rows"), escLine(name, maxTitle))), nil
}
