package config

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	const day, week = 24 * time.Hour, 7 * 24 * time.Hour
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"0", 0},                          // zero needs no unit, as in Go
		{"90m", 90 * time.Minute},         // plain Go durations still work
		{"1h30m", 90 * time.Minute},       // and combine
		{"36h", 36 * time.Hour},           // hours past a day stay hours
		{"7d", 7 * day},                   // days
		{"1w", week},                      // weeks
		{"1w2d", week + 2*day},            // weeks and days combine
		{"2d12h", 2*day + 12*time.Hour},   // days and Go units combine
		{"1.5d", 36 * time.Hour},          // fractions are exact
		{"500ms", 500 * time.Millisecond}, // small units
		{"-2d", -2 * day},                 // a sign, as in Go; callers reject it
		{"+3w", 3 * week},                 // explicit plus
		{"10000w", 10000 * week},          // large but representable
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseDurationErrors(t *testing.T) {
	for _, in := range []string{
		"", "d", "7", "7 d", "7D", "7days", "1y", "-", "..5d", "1.2.3h", "7d-", "d7",
		"100000000w", // overflows
		"2000000h2000000h2000000h2000000h2000000h",
	} {
		if got, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", in, got)
		}
	}
}
