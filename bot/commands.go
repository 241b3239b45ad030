package bot

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// maxQuery bounds the text a lookup compares: fuzzy matching costs grow
// with it, and no agreement's name is longer.
const maxQuery = 200

// latestMentions is how many mentions a status answer shows.
const latestMentions = 5

// slashCommand answers a slash command within AnswerWithin, or reports
// false when the answer will follow through its response_url; the Answer
// then only says whether the acknowledgement should be public.
func (a *App) slashCommand(ctx context.Context, sc slack.SlashCommand) (Answer, bool) {
	ans, ready := a.answerSoon(ctx, sc.ResponseURL, func(ctx context.Context) Answer {
		return a.Command(ctx, sc.UserID, sc.Text)
	})
	if !ready {
		ans.Public = ParseCommand(sc.Text).Public
	}
	return ans, ready
}

// Command answers the text of a /pact command typed by userID. It never
// fails: what goes wrong is logged, and the user reads a short notice.
func (a *App) Command(ctx context.Context, userID, text string) Answer {
	cmd := ParseCommand(text)
	ans, err := a.dispatch(ctx, userID, cmd)
	if err != nil {
		a.log().Error("answer /pact", "verb", cmd.Verb, "user", userID, "err", err)
		ans = notice(":warning: Sorry, pactwatch could not answer that just now. Try again in a minute; if it keeps failing, the logs say why.")
	}
	ans.Public = cmd.Public
	ans.Text = cutText(oneLine(ans.Text), maxFallback, true)
	ans.Blocks = fitLimits(compact(ans.Blocks))
	return ans
}

func (a *App) dispatch(ctx context.Context, userID string, cmd Command) (Answer, error) {
	cfg := a.Config()
	switch cmd.Verb {
	case VerbHelp:
		return helpAnswer(""), nil
	case "":
		if len(cmd.Args) == 0 {
			return helpAnswer(""), nil
		}
		// "/pact russia china" means its status, when that is clear.
		if ag, _ := Lookup(cfg, cutPlain(cmd.Query(), maxQuery)); ag != nil {
			return a.status(ctx, cfg, cmd.Query())
		}
		if v, ok := config.Closest(cmd.Args[0], verbNames()); ok {
			retry := strings.TrimSpace(v + " " + strings.Join(cmd.Args[1:], " "))
			return notice(fmt.Sprintf("`%s` is not a /pact command. Did you mean `/pact %s`? (`/pact help` lists them all.)",
				escLine(cmd.Args[0], maxShort), escLine(retry, maxTitle))), nil
		}
		return helpAnswer(fmt.Sprintf("`%s` is not a /pact command.", escLine(cmd.Args[0], maxShort))), nil
	case VerbList:
		return a.list(ctx, cfg)
	case VerbStatus:
		return a.status(ctx, cfg, cmd.Query())
	case VerbHistory:
		return a.history(ctx, cfg, cmd.Query())
	case VerbDeadlines:
		return a.deadlines(ctx, cfg)
	case VerbFeeds:
		// Errors in full only to an admin, and not in a public answer.
		return a.feeds(ctx, cfg, a.isAdmin(userID) && !cmd.Public)
	case VerbSearch:
		return a.search(ctx, cfg, cmd.Query())
	case VerbFollow:
		return a.follow(ctx, cfg, userID, cmd.Query())
	case VerbUnfollow:
		return a.unfollow(ctx, cfg, userID, cmd.Query())
	case VerbExport:
		return a.export(ctx, cfg, userID, cmd.Query())
	case VerbSet:
		if !a.isAdmin(userID) {
			return refusal("set a status"), nil
		}
		return a.set(ctx, cfg, userID, cmd.Args)
	case VerbMute:
		if !a.isAdmin(userID) {
			return refusal("mute an agreement"), nil
		}
		return a.mute(ctx, cfg, userID, cmd.Args)
	}
	return helpAnswer(""), nil
}

// refusal tells a user who is not an admin that the command is not theirs.
func refusal(what string) Answer {
	return notice(":no_entry: Only pactwatch admins can " + what + ". Admins are the user IDs under `slack.admins` in pactwatch's config; ask one of them.")
}

// find looks up the agreement a query means, or returns the answer that
// says why it cannot: nothing asked, nothing found, or several candidates.
func find(cfg *config.Config, query, verb string) (*config.Agreement, Answer, bool) {
	query = cutPlain(query, maxQuery)
	if strings.TrimSpace(query) == "" {
		return nil, notice(fmt.Sprintf("Which agreement? Try `/pact %s russia china`, or `/pact list` for them all.", verb)), false
	}
	ag, candidates := Lookup(cfg, query)
	if ag != nil {
		return ag, Answer{}, true
	}
	q := escLine(query, maxShort)
	if len(candidates) == 0 {
		return nil, notice(fmt.Sprintf("No agreement matches “%s”. `/pact list` shows every agreement pactwatch watches.", q)), false
	}
	var b strings.Builder
	fmt.Fprintf(&b, "“%s” could be any of these:", q)
	for _, c := range candidates {
		fmt.Fprintf(&b, "\n• *%s* — `/pact %s %s`", escLine(c.Name, maxName), verb, escLine(c.ID, maxShort))
	}
	return nil, notice(b.String()), false
}

// report builds an agreement's report, or the notice for one that has no
// status yet (added to the config since the last start).
func (a *App) report(ctx context.Context, ag *config.Agreement, mentions int) (Report, *Answer, error) {
	r, err := BuildReport(ctx, a.Store, ag, a.now(), mentions)
	if err == nil {
		ids := []string{r.State.Last.FeedID, r.Held.FeedID}
		for _, m := range r.Mentions {
			ids = append(ids, m.FeedID)
		}
		r.Names = a.feedNames(ctx, ids...)
	}
	if errors.Is(err, storage.ErrNotFound) {
		n := notice(fmt.Sprintf("*%s* has no status yet: pactwatch records it at its next start or poll.", escLine(ag.Name, maxName)))
		return r, &n, nil
	}
	return r, nil, err
}

func (a *App) status(ctx context.Context, cfg *config.Config, query string) (Answer, error) {
	ag, ans, ok := find(cfg, query, VerbStatus)
	if !ok {
		return ans, nil
	}
	r, missing, err := a.report(ctx, ag, latestMentions)
	if missing != nil || err != nil {
		return deref(missing), err
	}
	return statusAnswer(r), nil
}

func (a *App) history(ctx context.Context, cfg *config.Config, query string) (Answer, error) {
	ag, ans, ok := find(cfg, query, VerbHistory)
	if !ok {
		return ans, nil
	}
	list, err := a.Store.History(ctx, ag.ID)
	if err != nil {
		return Answer{}, err
	}
	var ids []string
	for _, c := range list {
		ids = append(ids, c.FeedID)
	}
	return historyAnswer(ag, list, a.feedNames(ctx, ids...)), nil
}

func (a *App) list(ctx context.Context, cfg *config.Config) (Answer, error) {
	var reports []Report
	for i := range cfg.Agreements {
		r, missing, err := a.report(ctx, &cfg.Agreements[i], 0)
		if err != nil {
			return Answer{}, err
		}
		if missing != nil {
			r.State.Status = "not recorded yet"
		}
		reports = append(reports, r)
	}
	return listAnswer(reports), nil
}

func (a *App) deadlines(ctx context.Context, cfg *config.Config) (Answer, error) {
	var passed, coming []deadline
	fulfilled := 0
	records := map[string]*forecasterRecord{}
	var sources []string
	for i := range cfg.Agreements {
		r, missing, err := a.report(ctx, &cfg.Agreements[i], 0)
		if err != nil {
			return Answer{}, err
		}
		if missing != nil {
			continue
		}
		for _, f := range r.Forecasts {
			if f.Source != "" {
				rec := records[f.Source]
				if rec == nil {
					rec = &forecasterRecord{Source: f.Source}
					records[f.Source] = rec
					sources = append(sources, f.Source)
				}
				rec.add(f)
			}
			d := deadline{r: r, f: f}
			switch f.State {
			case ForecastPassed:
				passed = append(passed, d)
			case ForecastFulfilled:
				fulfilled++
			default:
				coming = append(coming, d)
			}
		}
	}
	sort.SliceStable(passed, func(i, j int) bool { return passed[i].f.DueAt.After(passed[j].f.DueAt) })
	sort.SliceStable(coming, func(i, j int) bool { return coming[i].f.DueAt.Before(coming[j].f.DueAt) })
	var ledger []forecasterRecord
	for _, src := range sources {
		ledger = append(ledger, *records[src])
	}
	sort.SliceStable(ledger, func(i, j int) bool { return ledger[i].Made > ledger[j].Made })
	return deadlinesAnswer(passed, coming, fulfilled, ledger), nil
}

// forecasterRecord is one source's record of forecasts: how many it made,
// how many were met, slipped (moved to a later date at least once) and
// passed without coming true.
type forecasterRecord struct {
	Source                     string
	Made, Met, Slipped, Passed int
}

func (r *forecasterRecord) add(f ForecastState) {
	r.Made++
	switch f.State {
	case ForecastFulfilled:
		r.Met++
	case ForecastPassed:
		r.Passed++
	}
	if f.Slips > 0 {
		r.Slipped++
	}
}

// deadline is one forecast with the report of its agreement.
type deadline struct {
	r Report
	f ForecastState
}

func (a *App) feeds(ctx context.Context, cfg *config.Config, withErrors bool) (Answer, error) {
	states, err := a.Store.FeedStates(ctx)
	if err != nil {
		return Answer{}, err
	}
	return feedsAnswer(cfg.Feeds, states, withErrors), nil
}

// feedNames names the given feeds, by id.
func (a *App) feedNames(ctx context.Context, ids ...string) map[string]string {
	names := a.names()
	out := map[string]string{}
	for _, id := range ids {
		if _, done := out[id]; id != "" && !done {
			out[id] = names(ctx, id)
		}
	}
	return out
}

func deref(a *Answer) Answer {
	if a == nil {
		return Answer{}
	}
	return *a
}
