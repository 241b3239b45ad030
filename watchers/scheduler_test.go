package watchers

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/config"
)

// A reload that changes the timezone moves the feeds' schedules to it; a
// spec with its own CRON_TZ keeps that zone.
func TestReloadAppliesTimezone(t *testing.T) {
	r := newRig(t, "all", item("a1", mayDate, "Weather", "Sunny."), item("b1", mayDate, "Rain", "Wet."))
	path := filepath.Join(r.dir, "pactwatch.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	load := func(tz string) *config.Config {
		text := "timezone: " + tz + "\n" + strings.Replace(string(data), "    url: f2.xml\n", "    url: f2.xml\n    schedule: CRON_TZ=Asia/Tokyo 0 9 * * *\n", 1)
		text = strings.Replace(text, "database: pw.db\n", "database: pw.db\nschedule: 0 9 * * *\n", 1)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := config.Load(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		return cfg
	}
	r.w.Reload(load("UTC"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := r.w.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop(context.Background())
	hours := func(zone string) (f1, f2 int) {
		loc, _ := time.LoadLocation(zone)
		next := s.Next()
		return next["f1"].In(loc).Hour(), next["f2"].In(loc).Hour()
	}
	if f1, _ := hours("UTC"); f1 != 9 {
		t.Fatalf("f1 runs at %d:00 UTC, want 9", f1)
	}
	if err := s.Reload(load("America/New_York")); err != nil {
		t.Fatal(err)
	}
	if f1, _ := hours("America/New_York"); f1 != 9 {
		t.Errorf("after the reload f1 runs at %d:00 in New York, want 9", f1)
	}
	if _, f2 := hours("Asia/Tokyo"); f2 != 9 {
		t.Errorf("f2 runs at %d:00 in Tokyo, want its own CRON_TZ's 9", f2)
	}
}
