package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// CronParser reads `schedule` specs: five standard fields (minute hour
// day-of-month month day-of-week), descriptors such as @hourly and
// "@every 10m", and an optional "CRON_TZ=Zone " prefix. The scheduler must
// use this same parser (cron.WithParser(config.CronParser)); fields without
// CRON_TZ are read in Config.Timezone (cron.WithLocation).
var CronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule parses spec with CronParser and rejects what the parser
// lets through: a spec that would panic it ("CRON_TZ=UTC" alone), one that
// never fires ("0 0 30 2 *"), and "@every" with a duration that is not
// positive (cron would run it every second).
func ParseSchedule(spec string) (sched cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("bad cron spec %q", spec)
		}
	}()
	if (strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=")) && !strings.Contains(spec, " ") {
		return nil, fmt.Errorf("bad cron spec %q: no schedule after the time zone", spec)
	}
	_, every, isEvery := strings.Cut(spec, "@every ")
	sched, err = CronParser.Parse(spec)
	if err != nil {
		if isEvery && strings.Contains(every, "d") {
			return nil, fmt.Errorf("bad cron spec %q: %w (@every has no d unit: use h)", spec, err)
		}
		return nil, fmt.Errorf("bad cron spec %q: %w", spec, err)
	}
	if isEvery {
		if d, err := time.ParseDuration(strings.TrimSpace(every)); err == nil && d <= 0 {
			return nil, fmt.Errorf("bad cron spec %q: @every needs a positive duration", spec)
		}
	}
	if sched.Next(time.Now()).IsZero() {
		return nil, fmt.Errorf("cron spec %q never fires", spec)
	}
	return sched, nil
}
