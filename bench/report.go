package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// figure is one measured number with its target, if it has one.
type figure struct {
	Workload, Name, Value, Target string
	Verdict                       string // "met", "missed", or "" for a figure without a target
}

// report collects the figures of a run and prints them as they come.
type report struct {
	figures []figure
	notes   []string
	log     io.Writer
}

// add records a figure without a target.
func (r *report) add(workload, name, value string) {
	r.put(figure{Workload: workload, Name: name, Value: value})
}

// judge records a figure with its target and whether it was met.
func (r *report) judge(workload, name, value, target string, met bool) {
	v := "missed"
	if met {
		v = "met"
	}
	r.put(figure{Workload: workload, Name: name, Value: value, Target: target, Verdict: v})
}

func (r *report) put(f figure) {
	r.figures = append(r.figures, f)
	line := fmt.Sprintf("  %-4s %-58s %s", f.Workload, f.Name, f.Value)
	if f.Target != "" {
		line += fmt.Sprintf("   (target %s: %s)", f.Target, f.Verdict)
	}
	fmt.Fprintln(r.log, line)
}

// note records a remark printed under the table.
func (r *report) note(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	r.notes = append(r.notes, s)
	fmt.Fprintln(r.log, "  note:", s)
}

// markdown writes the figures as a Markdown table, then the notes.
func (r *report) markdown(w io.Writer) {
	fmt.Fprintln(w, "| workload | figure | value | target | |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- |")
	for _, f := range r.figures {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", f.Workload, f.Name, f.Value, f.Target, f.Verdict)
	}
	if len(r.notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range r.notes {
			fmt.Fprintf(w, "- %s\n", n)
		}
	}
}

// ms writes a duration in milliseconds, to three significant digits.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f ms", v)
	case v >= 10:
		return fmt.Sprintf("%.1f ms", v)
	}
	return fmt.Sprintf("%.2f ms", v)
}

// secs writes a duration in seconds, to three significant digits.
func secs(d time.Duration) string {
	v := d.Seconds()
	if v >= 10 {
		return fmt.Sprintf("%.1f s", v)
	}
	return fmt.Sprintf("%.2f s", v)
}

func mb(bytes int64) string { return fmt.Sprintf("%.1f MB", float64(bytes)/(1<<20)) }

// median returns the middle value of xs (the mean of the middle two).
func median[T ~int64 | ~float64](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// percentile returns the p-th percentile (0–100) of xs, nearest rank.
func percentile(xs []time.Duration, p float64) time.Duration {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	return s[min(max(rank, 1), len(s))-1]
}

// list writes each value with f, separated by commas: every repetition of
// a figure, so the noise shows.
func list[T any](xs []T, f func(T) string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = f(x)
	}
	return strings.Join(parts, ", ")
}
