package config

import "testing"

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		spec string
		ok   bool
	}{
		{"*/15 * * * *", true},                      // the default
		{"@every 10m", true},                        // a descriptor
		{"@hourly", true},                           // another
		{"CRON_TZ=Europe/Moscow 0 9 * * 1-5", true}, // with a zone
		{"TZ=UTC @daily", true},                     // the short prefix
		{"0 0 29 2 *", true},                        // leap days come
		{"CRON_TZ=UTC", false},                      // panics inside cron's parser
		{"TZ=UTC", false},                           // likewise
		{"0 0 30 2 *", false},                       // parses, never fires
		{"0 0 31 4,6,9,11 *", false},                // no such day in any of these months
		{"@every 1d", false},                        // no d unit in cron
		{"@every 0s", false},                        // would run every second
		{"* * * * * *", false},                      // no seconds field
		{"", false},                                 // empty
		{"@fortnightly", false},                     // unknown descriptor
	}
	for _, tt := range tests {
		_, err := ParseSchedule(tt.spec)
		if (err == nil) != tt.ok {
			t.Errorf("ParseSchedule(%q) error = %v, want ok=%v", tt.spec, err, tt.ok)
		}
	}
}
