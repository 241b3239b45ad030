package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// usage is what one whole process cost: wall time from start to exit, CPU
// time (user + system, from rusage) and peak resident memory.
type usage struct {
	Wall, User, Sys time.Duration
	MaxRSS          int64 // bytes
}

// CPU is user plus system time.
func (u usage) CPU() time.Duration { return u.User + u.Sys }

// measure runs name with args to its end, its standard output thrown away
// (pactwatch prints alerts there when it has no Slack token) and its
// standard error kept. The process is killed if ctx ends or it runs past
// limit.
func measure(ctx context.Context, limit time.Duration, env []string, name string, args ...string) (usage, string, error) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return usage{}, "", err
	}
	defer devnull.Close()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, devnull, &stderr
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	u := usage{Wall: wall}
	if ps := cmd.ProcessState; ps != nil {
		u.User, u.Sys = ps.UserTime(), ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			u.MaxRSS = ru.Maxrss * 1024 // kilobytes on Linux
		}
	}
	if err != nil {
		return u, stderr.String(), fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, tail(stderr.String(), 2000))
	}
	return u, stderr.String(), nil
}

// benchEnv is the environment for pactwatch: this process's, without any
// Slack token (alerts go to standard output), with extra added.
func benchEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "SLACK_") || strings.HasPrefix(kv, "PACTWATCH_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
