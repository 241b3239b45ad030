package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/config"
)

// follow is /pact follow [QUERY]: follow an agreement (a direct message on
// each of its status changes and deadlines), or list those followed.
func (a *App) follow(ctx context.Context, cfg *config.Config, userID, query string) (Answer, error) {
	if strings.TrimSpace(query) == "" {
		return a.following(ctx, cfg, userID)
	}
	ag, ans, ok := find(cfg, query, VerbFollow)
	if !ok {
		return ans, nil
	}
	channel, err := a.directChannel(ctx, userID)
	if err != nil {
		return Answer{}, err
	}
	added, err := a.Store.Follow(ctx, userID, ag.ID, channel)
	if err != nil {
		return Answer{}, err
	}
	name := "*" + escLine(ag.Name, maxName) + "*"
	if !added {
		return notice(fmt.Sprintf(":bell: You follow %s already. `/pact unfollow %s` stops it.", name, escLine(ag.ID, maxShort))), nil
	}
	a.log().Info("follow", "agreement", ag.ID, "user", userID)
	return notice(fmt.Sprintf(":bell: You will get a direct message when %s changes status, and when one of its deadlines nears or passes. `/pact unfollow %s` stops it.",
		name, escLine(ag.ID, maxShort))), nil
}

// unfollow is /pact unfollow QUERY.
func (a *App) unfollow(ctx context.Context, cfg *config.Config, userID, query string) (Answer, error) {
	ag, ans, ok := find(cfg, query, VerbUnfollow)
	if !ok {
		return ans, nil
	}
	removed, err := a.Store.Unfollow(ctx, userID, ag.ID)
	if err != nil {
		return Answer{}, err
	}
	name := "*" + escLine(ag.Name, maxName) + "*"
	if !removed {
		return notice(fmt.Sprintf("You do not follow %s; nothing changed.", name)), nil
	}
	a.log().Info("unfollow", "agreement", ag.ID, "user", userID)
	return notice(fmt.Sprintf(":no_bell: You no longer follow %s.", name)), nil
}

// following lists what userID follows.
func (a *App) following(ctx context.Context, cfg *config.Config, userID string) (Answer, error) {
	ids, err := a.Store.Following(ctx, userID)
	if err != nil {
		return Answer{}, err
	}
	if len(ids) == 0 {
		return notice("You follow no agreement. `/pact follow russia china` sends you a direct message on its status changes and deadlines."), nil
	}
	var lines, plain []string
	for _, id := range ids {
		if ag, ok := cfg.Agreement(id); ok {
			lines = append(lines, "• *"+escLine(ag.Name, maxName)+"* — `/pact unfollow "+escLine(id, maxShort)+"`")
			plain = append(plain, escLine(ag.Name, maxName))
		} else {
			lines = append(lines, "• `"+escLine(id, maxShort)+"` (no longer in the config) — `/pact unfollow "+escLine(id, maxShort)+"`")
			plain = append(plain, escLine(id, maxShort))
		}
	}
	blocks := []slack.Block{headerBlock("You follow")}
	blocks = append(blocks, lineSections("", lines)...)
	blocks = append(blocks, contextBlock("A direct message on each status change and deadline"))
	return Answer{Text: "You follow " + strings.Join(plain, ", "), Blocks: blocks}, nil
}

// directChannel is the channel of the app's direct messages with userID:
// conversations.open's, so that a copy cut off by a crash is found in its
// history like any alert. Without a Slack client it is the user id, which
// chat.postMessage also accepts.
func (a *App) directChannel(ctx context.Context, userID string) (string, error) {
	if a.Slack == nil {
		return userID, nil
	}
	ch, _, _, err := a.Slack.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{userID}, ReturnIM: true})
	if err != nil {
		return "", fmt.Errorf("open a direct message with %s: %w", userID, err)
	}
	return ch.ID, nil
}
