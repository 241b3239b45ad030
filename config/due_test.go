package config

import (
	"testing"
	"time"
)

func TestParseDue(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in      string
		y, m, d int // the end of the period, at midnight in the zone
		why     string
	}{
		{"2015-06-30", 2015, 7, 1, "a day ends at the next midnight"},
		{"2015-12-31", 2016, 1, 1, "the last day of a year rolls the year"},
		{"2016-02-29", 2016, 3, 1, "a leap day exists in leap years"},
		{"2015-06", 2015, 7, 1, "a month"},
		{"2015-12", 2016, 1, 1, "December ends in the next year"},
		{"2015-Q1", 2015, 4, 1, "a quarter"},
		{"2015-Q4", 2016, 1, 1, "the last quarter"},
		{"2015-q2", 2015, 7, 1, "lower-case q"},
		{"2015-H1", 2015, 7, 1, "the first half"},
		{"2015-H2", 2016, 1, 1, "the second half"},
		{"2015-h1", 2015, 7, 1, "lower-case h"},
		{"2015", 2016, 1, 1, "a year"},
	}
	for _, loc := range []*time.Location{time.UTC, ny} {
		for _, tt := range tests {
			got, err := ParseDue(tt.in, loc)
			want := time.Date(tt.y, time.Month(tt.m), tt.d, 0, 0, 0, 0, loc)
			if err != nil || !got.Equal(want) {
				t.Errorf("%s: ParseDue(%q, %v) = %v, %v; want %v (%s)", loc, tt.in, loc, got, err, want, tt.why)
			}
		}
	}
	// The zone matters: 2015-H1 ends at New York midnight, 04:00 UTC.
	got, _ := ParseDue("2015-H1", ny)
	if want := time.Date(2015, 7, 1, 4, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("2015-H1 in New York = %v, want %v", got.UTC(), want)
	}
}

func TestParseDueErrors(t *testing.T) {
	for _, in := range []string{
		"", "15", "2015-", "2015-1", "2015-00", "2015-13", "2015-02-29", "2015-04-31",
		"2015-06-00", "2015-6-30", "2015-Q0", "2015-Q5", "2015-H0", "2015-H3", "2015-X1",
		"2015-Q12", " 2015", "2015-06-30T00:00", "H1-2015", "２０１５",
	} {
		if got, err := ParseDue(in, time.UTC); err == nil {
			t.Errorf("ParseDue(%q) = %v, want an error", in, got)
		}
	}
}
