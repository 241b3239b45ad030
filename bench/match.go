package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// benchLine is one result line of `go test -bench`: the name without the
// GOMAXPROCS suffix, then value-unit pairs.
var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

// goBench runs the Go benchmarks of pkg that match pattern, count times
// each, and returns the median of each metric, by benchmark and unit.
func (h *harness) goBench(ctx context.Context, pkg, pattern string, count int) (map[string]map[string]float64, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Minute)
	defer cancel()
	args := []string{"test", "-run", "^$", "-bench", pattern, "-benchtime", h.o.benchTime.String(),
		"-count", strconv.Itoa(count), pkg}
	fmt.Printf("  go %s\n", strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, "go", args...)
	var out bytes.Buffer
	cmd.Dir, cmd.Stdout, cmd.Stderr = h.root, &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go test -bench: %w\n%s", err, tail(out.String(), 3000))
	}
	samples := map[string]map[string][]float64{}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		fields := strings.Fields(m[2])
		for i := 0; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			if samples[m[1]] == nil {
				samples[m[1]] = map[string][]float64{}
			}
			samples[m[1]][fields[i+1]] = append(samples[m[1]][fields[i+1]], v)
		}
	}
	res := map[string]map[string]float64{}
	for name, units := range samples {
		res[name] = map[string]float64{}
		for unit, vs := range units {
			res[name][unit] = median(vs)
		}
	}
	return res, nil
}

// matching runs w3: the cost of matching an item as agreements grow, and
// the regexp-per-agreement baseline.
func (h *harness) matching(ctx context.Context) error {
	fmt.Println("\nw3: matching benchmarks (go test -bench ./watchers)…")
	res, err := h.goBench(ctx, "./watchers",
		"^(BenchmarkMatchItem|BenchmarkMatchAll|BenchmarkMatchEvery|BenchmarkRegexpBaseline|BenchmarkNewDocument|BenchmarkIngest)$", 5)
	if err != nil {
		return err
	}
	get := func(name, unit string) (float64, error) {
		v, ok := res[name][unit]
		if !ok {
			return 0, fmt.Errorf("no %s for %s in the benchmark output", unit, name)
		}
		return v, nil
	}
	perItem := func(bench string, unit ...string) ([]float64, error) {
		u := "ns/item"
		if len(unit) > 0 {
			u = unit[0]
		}
		var out []float64
		for _, k := range []int{10, 100, 1000, 10000} {
			v, err := get(fmt.Sprintf("%s/agreements=%d", bench, k), u)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	item, err := perItem("BenchmarkMatchItem")
	if err != nil {
		return err
	}
	match, err := perItem("BenchmarkMatchAll")
	if err != nil {
		return err
	}
	us := func(ns float64) string { return fmt.Sprintf("%.1f µs", ns/1000) }
	h.rep.add("w3", "tokenize + match, wall per item, 10 / 100 / 1,000 / 10,000 agreements", list(item, us))
	h.rep.judge("w3", "tokenize + match, wall per item: 10,000 ÷ 10 agreements", fmt.Sprintf("%.2f×", item[3]/item[0]), "≤ 2×", item[3] <= 2*item[0])
	if cpu, err := perItem("BenchmarkMatchItem", "cpu-ns/item"); err == nil {
		h.rep.add("w3", "tokenize + match, process CPU per item (GC included), 10 / … / 10,000", list(cpu, us))
		h.rep.add("w3", "tokenize + match, process CPU per item: 10,000 ÷ 10 agreements", fmt.Sprintf("%.2f×", cpu[3]/cpu[0]))
	}
	h.rep.add("w3", "matchAll alone, wall per item, 10 / 100 / 1,000 / 10,000 agreements", list(match, us))
	h.rep.add("w3", "matchAll alone, wall per item: 10,000 ÷ 10 agreements", fmt.Sprintf("%.2f×", match[3]/match[0]))
	if c, err := get("BenchmarkMatchAll/agreements=10000", "candidates/item"); err == nil {
		m, _ := get("BenchmarkMatchItem/agreements=10000", "matches/item")
		h.rep.add("w3", "at 10,000 agreements: candidates evaluated / matches, per item", fmt.Sprintf("%.2f / %.2f", c, m))
	}
	var every []float64
	for _, k := range []int{10, 100, 1000} {
		v, err := get(fmt.Sprintf("BenchmarkMatchEvery/agreements=%d", k), "ns/item")
		if err != nil {
			return err
		}
		every = append(every, v)
	}
	h.rep.add("w3", "before the index (every query evaluated), per item, 10 / 100 / 1,000", list(every, us))
	re, err := get("BenchmarkRegexpBaseline/agreements=1000", "ns/item")
	if err != nil {
		return err
	}
	h.rep.add("w3", "regexp per agreement, per item, 1,000 agreements", us(re))
	speedup := re / item[2]
	h.rep.judge("w3", "speed-up over regexp per agreement at 1,000 (tokenize + match)", fmt.Sprintf("%.0f×", speedup), "≥ 20×", speedup >= 20)
	if nd, err := get("BenchmarkNewDocument", "ns/op"); err == nil {
		h.rep.add("w3", "NewDocument (tokenize and index one item)", us(nd))
	}
	if in, err := get("BenchmarkIngest", "ns/op"); err == nil {
		h.rep.add("w3", "ingest one new item (own transaction, 50 agreements)", us(in))
	}
	return nil
}
