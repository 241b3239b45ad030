package config

import (
	"net"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zone names must load on images without /usr/share/zoneinfo

	"go.yaml.in/yaml/v3"
)

// timezone reads `timezone` into c; the default is UTC.
func (l *loader) timezone(m *mapping, c *Config) {
	name, n := l.str(m, top, "timezone")
	if name == "" {
		return
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		l.add(n, "timezone: unknown time zone %q", name)
		return
	}
	c.Timezone, c.TimezoneName = loc, name
}

// listen reads `listen`, which must be host:port with a numeric port.
func (l *loader) listen(m *mapping) string {
	addr, n := l.str(m, top, "listen")
	if addr == "" {
		return ""
	}
	_, port, err := net.SplitHostPort(addr)
	p, perr := strconv.Atoi(port)
	if err != nil || perr != nil || p < 0 || p > 65535 {
		l.add(n, "listen: %q is not host:port (like 127.0.0.1:8080 or :8080)", addr)
	}
	return addr
}

// schedule validates a cron spec and returns it trimmed.
func (l *loader) schedule(n *yaml.Node, field, spec string) string {
	spec = strings.TrimSpace(spec)
	if _, err := ParseSchedule(spec); err != nil {
		l.add(n, "%s: %v", field, err)
	}
	return spec
}

// backfill reads `backfill`: a duration or "all".
func (l *loader) backfill(m *mapping, def Backfill) Backfill {
	s, n := l.str(m, top, "backfill")
	switch s {
	case "":
		return def
	case "all":
		return Backfill{All: true}
	}
	d, err := ParseDuration(s)
	switch {
	case err != nil:
		l.add(n, "backfill: %q is neither a duration (like 7d or 48h) nor \"all\"", s)
	case d < 0:
		l.add(n, "backfill: must not be negative")
	}
	return Backfill{Window: d}
}

// corroborate reads `corroborate` in the mapping m (the top level or an
// agreement): how many independent sources a detected status change needs.
// def is the value when the key is absent.
func (l *loader) corroborate(m *mapping, s scope, def int) int {
	v, n := l.str(m, s, "corroborate")
	if v == "" {
		return def
	}
	k, err := strconv.Atoi(v)
	if err != nil || k < 1 || k > 20 {
		l.add(n, "%s: %q is not a number of sources from 1 to 20", s.field("corroborate"), v)
		return def
	}
	return k
}
