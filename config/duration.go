package config

import (
	"fmt"
	"math"
	"time"
)

// ParseDuration parses a Go duration ("90m", "1h30m") extended with days (d,
// 24h) and weeks (w, 7d): "7d", "36h", "1w2d", "1.5d". It is used for
// backfill, remind_before and the /pact mute command. A sign is allowed as
// in time.ParseDuration; callers that need a positive duration check.
func ParseDuration(s string) (time.Duration, error) {
	bad := fmt.Errorf("invalid duration %q (like 90m, 36h, 7d or 1w2d)", s)
	rest, neg := s, false
	if rest != "" && (rest[0] == '-' || rest[0] == '+') {
		neg, rest = rest[0] == '-', rest[1:]
	}
	if rest == "0" {
		return 0, nil
	}
	if rest == "" {
		return 0, bad
	}
	var total time.Duration
	for rest != "" {
		i := 0
		for i < len(rest) && isNumberByte(rest[i]) {
			i++
		}
		j := i
		for j < len(rest) && !isNumberByte(rest[j]) {
			j++
		}
		num, unit := rest[:i], rest[i:j]
		rest = rest[j:]
		if num == "" || unit == "" {
			return 0, bad
		}
		part, err := durationPart(num, unit)
		if err != nil {
			return 0, bad
		}
		if total > math.MaxInt64-part {
			return 0, fmt.Errorf("duration %q is too long", s)
		}
		total += part
	}
	if neg {
		total = -total
	}
	return total, nil
}

// durationPart converts one number and unit; time.ParseDuration does the
// arithmetic so that fractions ("1.5d") are exact.
func durationPart(num, unit string) (time.Duration, error) {
	mult := time.Duration(1)
	switch unit {
	case "d":
		mult, unit = 24, "h"
	case "w":
		mult, unit = 7*24, "h"
	}
	d, err := time.ParseDuration(num + unit)
	if err != nil {
		return 0, err
	}
	if d > math.MaxInt64/mult {
		return 0, fmt.Errorf("overflow")
	}
	return d * mult, nil
}

func isNumberByte(b byte) bool { return b == '.' || ('0' <= b && b <= '9') }
