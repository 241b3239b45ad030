package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// usage is what one whole process cost: wall time from start to exit, CPU
// time (user + system, from rusage) and peak resident memory (VmHWM).
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
	if err := cmd.Start(); err != nil {
		return usage{}, "", err
	}
	hwm := watchPeakRSS(cmd.Process.Pid)
	err = cmd.Wait()
	wall := time.Since(start)
	u := usage{Wall: wall, MaxRSS: hwm()}
	if ps := cmd.ProcessState; ps != nil {
		u.User, u.Sys = ps.UserTime(), ps.SystemTime()
	}
	if err != nil {
		return u, stderr.String(), fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, tail(stderr.String(), 2000))
	}
	return u, stderr.String(), nil
}

// watchPeakRSS samples the VmHWM (peak resident set) of process pid every
// few milliseconds until it exits, and returns a function that stops the
// sampling and gives the last value seen. rusage's ru_maxrss would be
// simpler but is wrong here: Linux hands a child the parent's peak RSS at
// exec (the harness holds the whole feed farm), so every child would
// report at least the harness's size. VmHWM belongs to the child's own
// address space; a peak in its last few milliseconds could be missed.
func watchPeakRSS(pid int) func() int64 {
	path := fmt.Sprintf("/proc/%d/status", pid)
	var peak atomic.Int64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			if kb := vmHWM(path); kb*1024 > peak.Load() {
				peak.Store(kb * 1024)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	return func() int64 {
		close(stop)
		<-done
		return peak.Load()
	}
}

// vmHWM reads the VmHWM line of a /proc status file, in kilobytes; 0 when
// the process is gone.
func vmHWM(path string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb
		}
	}
	return 0
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
