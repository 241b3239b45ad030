package bot

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/config"
)

// maxHomeBlocks is Slack's limit of blocks in a Home tab.
const maxHomeBlocks = 100

// HomeView is the Home tab: every agreement with its status since when,
// its next forecast and its latest mention. Everyone sees the same tab.
func (a *App) HomeView(ctx context.Context) (slack.HomeTabViewRequest, error) {
	cfg := a.Config()
	now := a.now()
	blocks := []slack.Block{
		headerBlock("pactwatch"),
		contextBlock(fmt.Sprintf("What the team tracks, as of %s · `/pact help` for the commands", slackMoment(now))),
		slack.NewDividerBlock(),
	}
	for i := range cfg.Agreements {
		if len(blocks)+4 > maxHomeBlocks {
			blocks = append(blocks, contextBlock(fmt.Sprintf("%d more agreements: `/pact list` shows them all", len(cfg.Agreements)-i)))
			break
		}
		ag := &cfg.Agreements[i]
		r, missing, err := a.report(ctx, ag, 1)
		if err != nil {
			return slack.HomeTabViewRequest{}, err
		}
		blocks = append(blocks, homeAgreement(ag, r, missing != nil)...)
	}
	for _, b := range blocks {
		fitBlock(b)
	}
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}, nil
}

// homeAgreement is one agreement in the Home tab: a section, a context
// line with its latest mention, and a divider.
func homeAgreement(ag *config.Agreement, r Report, missing bool) []slack.Block {
	s := "*" + escLine(ag.Name, maxName) + "*  `" + escLine(ag.ID, maxShort) + "`\n"
	if missing {
		s += "_no status recorded yet_"
	} else {
		s += "*" + statusText(r.State.Status) + "* since " + r.sinceDate()
	}
	if f, ok := r.nextForecast(); ok {
		s += "\nNext forecast: " + forecastMrkdwn(f)
	} else if f, ok := r.lastPassed(); ok {
		s += "\nOverdue: " + forecastMrkdwn(f)
	} else if len(r.Forecasts) > 0 {
		s += "\nNo forecast pending"
	}
	latest := "No mention yet"
	if len(r.Mentions) > 0 {
		latest = "Latest: " + mentionMrkdwn(r.Mentions[0], r.Names)
	}
	return []slack.Block{sectionBlock(s), contextBlock(latest), slack.NewDividerBlock()}
}

// PublishHome publishes the Home tab for one user with views.publish.
func (a *App) PublishHome(ctx context.Context, userID string) error {
	if a.Slack == nil {
		return fmt.Errorf("publish home of %s: no bot token", userID)
	}
	view, err := a.HomeView(ctx)
	if err != nil {
		return fmt.Errorf("publish home of %s: %w", userID, err)
	}
	return a.publish(ctx, userID, view)
}

func (a *App) publish(ctx context.Context, userID string, view slack.HomeTabViewRequest) error {
	_, err := a.Slack.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: userID, View: view})
	if err != nil {
		return fmt.Errorf("publish home of %s: %w", userID, err)
	}
	return nil
}

// homeOpened answers app_home_opened: the user is remembered for
// refreshes, and gets the tab as it is now.
func (a *App) homeOpened(ctx context.Context, userID, tab string) {
	if userID == "" || (tab != "" && tab != "home") {
		return
	}
	a.home.opened(userID, a.now())
	if err := a.PublishHome(ctx, userID); err != nil {
		a.log().Error("publish home tab", "user", userID, "err", err)
	}
}
